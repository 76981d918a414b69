/**
 * `numbering: auto`, the default: a style that numbers its bibliography (IEEE, Vancouver)
 * gets [1]..[n] in every format without asking; any other style prints as it did.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderOptions } from '../src/model/schema.js';
import { loadDatabase, renderDatabase } from '../src/pipeline.js';
import { DEFAULT_SETTINGS, resolveSettings } from '../src/settings.js';
import { runCli } from './support/cli.js';
import { pdfText } from './support/pdf.js';
import { compileLatex, ENGINES, moderncvHost } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

const PAPERS = `papers:
  - { id: engines, type: journal, title: On Engines, authors: [Ada Lovelace], venue: Journal of Engines, date: 2024 }
  - { id: notes, type: journal, title: Notes on the Engine, authors: [Ada Lovelace, Charles Babbage], venue: Scientific Memoirs, date: 2023 }
  - { id: tables, type: conference, title: Tables of Numbers, authors: [Ada Lovelace], venue: Proceedings of Engines, date: 2022 }
`;

/** A database of three papers, one a year, in a folder of its own; `render` as given. */
function database(render = ''): string {
  const folder = mkdtempSync(join(tmpdir(), 'publist-numbering-'));
  const file = join(folder, 'papers.yaml');
  writeFileSync(file, `owner: { name: Ada Lovelace }\n${render}${PAPERS}`);
  return file;
}

function render(db: string, ...args: string[]): string {
  const result = runCli(['render', db, ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The numbers each format prints before an entry, in the order printed. */
const NUMBERS: Record<string, (output: string) => number[]> = {
  text: (output) => [...output.matchAll(/^\[(\d+)\] /gm)].map((match) => Number(match[1])),
  markdown: (output) => [...output.matchAll(/^\\\[(\d+)\\\] /gm)].map((match) => Number(match[1])),
  html: (output) =>
    [...output.matchAll(/<ol class="entries">\n<li id="\w+" value="(\d+)">/g)].map((match) =>
      Number(match[1]),
    ),
  latex: (output) =>
    [...output.matchAll(/^\\item\[\{\[\}(\d+)\{\]\}\] /gm)].map((m) => Number(m[1])),
};
const TEXT_FORMATS = Object.keys(NUMBERS);

const plain = database();

describe('numbering: auto (the default)', () => {
  it.each(TEXT_FORMATS)('numbers an IEEE list [1]..[3] in %s', (format) => {
    expect(NUMBERS[format]?.(render(plain, '-f', format, '--style', 'ieee'))).toEqual([1, 2, 3]);
  });

  it('numbers every numeric style: vancouver, nature, springer-lecture-notes-in-computer-science', () => {
    for (const style of ['vancouver', 'nature', 'springer-lecture-notes-in-computer-science']) {
      expect(NUMBERS.text?.(render(plain, '-f', 'text', '--style', style))).toEqual([1, 2, 3]);
    }
  });

  it('numbers the moderncv fragment and CV in the left column', () => {
    for (const standalone of [[], ['--standalone']]) {
      const output = render(
        plain,
        '-f',
        'latex',
        '--style',
        'ieee',
        '--template',
        'moderncv',
        ...standalone,
      );
      expect([...output.matchAll(/^\\cvitem\{\{\[\}(\d+)\{\]\}\}/gm)].map((m) => m[1])).toEqual([
        '1',
        '2',
        '3',
      ]);
    }
  });

  it.runIf(toolsAvailable('pdftotext'))('numbers the PDF', () => {
    const pdf = join(plain, '..', 'ieee.pdf');
    expect(render(plain, '-f', 'pdf', '--style', 'ieee', '-o', pdf)).toBe('');
    const shown = pdfText(pdf);
    expect([...shown.matchAll(/^\[(\d+)\] /gm)].map((match) => match[1])).toEqual(['1', '2', '3']);
  });

  it.each(TEXT_FORMATS)(
    'leaves an APA list in %s exactly as numbering: none prints it',
    (format) => {
      const output = render(plain, '-f', format, '--style', 'apa');
      expect(NUMBERS[format]?.(output)).toEqual([]);
      expect(output).toBe(render(plain, '-f', format, '--style', 'apa', '--numbering', 'none'));
    },
  );

  it.each(TEXT_FORMATS)('is turned off by --numbering none for IEEE in %s', (format) => {
    const output = render(plain, '-f', format, '--style', 'ieee', '--numbering', 'none');
    expect(NUMBERS[format]?.(output)).toEqual([]);
    expect(output).toContain('On Engines');
  });

  it('leaves BibTeX, BibLaTeX and CSL-JSON as they are', () => {
    for (const format of ['bibtex', 'biblatex', 'csl-json']) {
      const numbered = render(plain, '-f', format, '--style', 'ieee');
      expect(numbered).toBe(render(plain, '-f', format, '--style', 'ieee', '--numbering', 'none'));
      expect(numbered).not.toMatch(/\[1\]/);
    }
  });

  it('follows a dependent style’s own category, else its parent’s', () => {
    const folder = join(plain, '..');
    const dependent = (name: string, parent: string, category: string) =>
      writeFileSync(
        join(folder, `${name}.csl`),
        `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info>
    <title>${name}</title>
    <id>http://www.zotero.org/styles/${name}</id>
    <link href="http://www.zotero.org/styles/${parent}" rel="independent-parent"/>
    ${category}
    <updated>2024-01-01T00:00:00+00:00</updated>
  </info>
</style>
`,
      );
    // A journal numbering its references while borrowing an author-date layout.
    dependent('numbered-apa', 'apa', '<category citation-format="numeric"/>');
    dependent('no-category-ieee', 'ieee', '<category field="engineering"/>');
    dependent('author-date-ieee', 'ieee', '<category citation-format="author-date"/>');
    const numbers = (style: string) =>
      NUMBERS.text?.(render(plain, '-f', 'text', '--style', join(folder, `${style}.csl`)));
    expect(numbers('numbered-apa')).toEqual([1, 2, 3]);
    expect(numbers('no-category-ieee')).toEqual([1, 2, 3]);
    expect(numbers('author-date-ieee')).toEqual([]);
  });

  it.runIf(existsSync('/usr/share/citation-style-language/styles/dependent/ieee-access.csl'))(
    'numbers the system’s dependent ieee-access as its parent ieee',
    () => {
      expect(NUMBERS.text?.(render(plain, '-f', 'text', '--style', 'ieee-access'))).toEqual([
        1, 2, 3,
      ]);
    },
  );
});

describe('numbering: auto in the database, as a flag and from code', () => {
  it('decides each output of a build by its own style', () => {
    const db = database(`render:
  numbering: auto
  outputs:
    - { format: text, style: ieee, file: ieee.txt }
    - { format: text, style: apa, file: apa.txt }
    - { format: text, style: ieee, numbering: none, file: plain.txt }
    - { format: markdown, style: vancouver, numbering: descending, file: down.md }
`);
    const out = join(db, '..', 'out');
    const result = runCli(['build', db, '--out-dir', out, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const read = (file: string) => readFileSync(join(out, file), 'utf8');
    expect(NUMBERS.text?.(read('ieee.txt'))).toEqual([1, 2, 3]);
    expect(NUMBERS.text?.(read('apa.txt'))).toEqual([]);
    expect(NUMBERS.text?.(read('plain.txt'))).toEqual([]);
    expect(NUMBERS.markdown?.(read('down.md'))).toEqual([3, 2, 1]);
  });

  it('takes --numbering auto over the database’s none', () => {
    const db = database('render: { style: ieee, numbering: none }\n');
    expect(NUMBERS.text?.(render(db, '-f', 'text'))).toEqual([]);
    expect(NUMBERS.text?.(render(db, '-f', 'text', '--numbering', 'auto'))).toEqual([1, 2, 3]);
  });

  it('takes auto from code: overrides, a database built in code, and resolveSettings', async () => {
    const { database: loaded } = await loadDatabase(plain);
    const text = async (overrides: Partial<RenderOptions>, settings = loaded.render) => {
      const built = { ...loaded, render: settings };
      return String((await renderDatabase(built, { format: 'text', overrides })).content);
    };
    expect(NUMBERS.text?.(await text({ style: 'ieee', numbering: 'auto' }))).toEqual([1, 2, 3]);
    expect(NUMBERS.text?.(await text({}, { style: 'ieee', numbering: 'auto' }))).toEqual([1, 2, 3]);
    expect(NUMBERS.text?.(await text({ style: 'apa', numbering: 'auto' }))).toEqual([]);
    const result = await renderDatabase(loaded, { format: 'text', overrides: { style: 'ieee' } });
    // What a writer is given is decided: never `auto`.
    expect(result.settings.numbering).toBe('ascending');
    expect(DEFAULT_SETTINGS.numbering).toBe('auto');
    expect(resolveSettings({ style: 'ieee' }).numbering).toBe('ascending');
    expect(resolveSettings({ style: 'vancouver', numbering: 'auto' }).numbering).toBe('ascending');
    expect(resolveSettings({ style: 'apa' }).numbering).toBe('none');
    // A style it cannot read is a wrong setting, named as the layer's, as every other is.
    expect(() => resolveSettings({}, { style: 'nosuchstyle' })).toThrow(
      expect.objectContaining({
        name: 'OptionError',
        problems: [expect.objectContaining({ option: 'layers[1].style' })],
      }),
    );
    expect(resolveSettings({ style: 'ieee', numbering: 'descending' }).numbering).toBe(
      'descending',
    );
  });

  it('lists auto among the choices of a wrong value, wherever it is given', async () => {
    const choices = 'Allowed choices are auto, none, ascending, descending';
    const flag = runCli(['render', plain, '-f', 'text', '--numbering', 'automatic']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain(
      `'--numbering <mode>' argument 'automatic' is invalid. ${choices} (did you mean \`auto\`?).`,
    );
    const db = database('render:\n  numbering: automatic\n');
    const file = runCli(['validate', db]);
    expect(file.status).toBe(1);
    expect(file.stderr).toContain(`render.numbering: "automatic" is invalid. ${choices}`);
    const { database: loaded } = await loadDatabase(plain);
    await expect(
      renderDatabase(loaded, {
        format: 'text',
        overrides: { numbering: 'automatic' } as unknown as Partial<RenderOptions>,
      }),
    ).rejects.toThrow(`overrides.numbering: "automatic" is invalid. ${choices}`);
  });
});

const tex = toolsAvailable('pdflatex', 'xelatex', 'lualatex', 'pdftotext', 'pdftohtml');

describe.runIf(tex)('an auto-numbered IEEE list compiled by TeX', () => {
  const article = `\\documentclass{article}
\\usepackage{iftex}
\\ifPDFTeX\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\else\\usepackage{fontspec}\\fi
\\usepackage{amssymb}
\\begin{document}
\\input{publications.tex}
\\end{document}
`;
  const shownNumbers = (text: string) => [...text.matchAll(/^\[(\d+)\]/gm)].map((m) => m[1]);

  it.each(ENGINES)('shows [1]..[3] in the fragment, the CV and moderncv with %s', (engine) => {
    const fragment = render(plain, '-f', 'latex', '--style', 'ieee');
    const standalone = render(plain, '-f', 'latex', '--style', 'ieee', '--standalone');
    const moderncv = render(plain, '-f', 'latex', '--style', 'ieee', '--template', 'moderncv');
    for (const pdf of [
      compileLatex(article, { engine, files: { 'publications.tex': fragment } }),
      compileLatex(standalone, { engine }),
      compileLatex(moderncvHost(engine), { engine, files: { 'publications.tex': moderncv } }),
    ]) {
      expect(shownNumbers(pdf.text)).toEqual(['1', '2', '3']);
    }
  });
});
