/**
 * `highlight: underline`: the owner's name underlined in every format, for a style that
 * prints every author in bold (the-plant-cell), and the warning that suggests it.
 */
import MarkdownIt from 'markdown-it';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { findStyle } from '../src/cite/styles.js';
import { bibliographyNamesBold, parseCslXml } from '../src/cite/style-tree.js';
import type { Database } from '../src/model/paper.js';
import type { RenderOptions } from '../src/model/schema.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { DEFAULT_DB, runCli } from './support/cli.js';
import { ONE_PAPER, renderText } from './support/database.js';
import { pdfFile, pdfWords } from './support/pdf.js';
import { compileLatex, ENGINES } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

type Node = DefaultTreeAdapterMap['node'];

const seed: Database = await validateDatabase(
  parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')),
);

/** A style that prints every author's name in bold (a macro called with font-weight="bold"). */
const BOLD_NAMES = 'the-plant-cell';
/** The owner as the-plant-cell prints him. */
const OWNER = 'Liao B';
const UNDERLINE: Partial<RenderOptions> = { style: BOLD_NAMES, highlight: 'underline' };

async function render(format: string, overrides: Partial<RenderOptions>, standalone = false) {
  return renderText(seed, { format, overrides, output: { standalone } });
}

/** The entries that print the owner's name: where the default marks it, in bold. */
const OWNED =
  (await render('html', { style: BOLD_NAMES })).text.split('<strong class="owner">').length - 1;

describe('highlight: underline, in a style that prints every author bold', () => {
  it('HTML: the owner in <u class="owner">, nothing else underlined, no <strong>', async () => {
    const { text, warnings } = await render('html', UNDERLINE);
    expect(warnings).toEqual([]);
    const found: string[] = [];
    const walk = (node: Node) => {
      if ('tagName' in node && ['u', 'ins', 'strong'].includes(node.tagName)) {
        found.push(`${node.tagName}:${textOf(node)}`);
      }
      if ('childNodes' in node) node.childNodes.forEach(walk);
    };
    walk(parseFragment(text) as unknown as Node);
    expect(found).toEqual(Array(OWNED).fill(`u:${OWNER}`));
    expect(text).toContain(`<u class="owner">${OWNER}</u>`);
    expect(text).not.toMatch(/text-decoration/);
  });

  it('Markdown: the owner in <ins>, which GitHub keeps, inside the bold run of names', async () => {
    const { text } = await render('markdown', UNDERLINE);
    const tokens = new MarkdownIt({ html: true })
      .parse(text, {})
      .flatMap((token) => token.children ?? []);
    const html = tokens
      .filter((token) => token.type === 'html_inline')
      .map((token) => token.content);
    expect(html).toEqual(Array(OWNED).fill(['<ins>', '</ins>']).flat());
    // What each <ins> holds, and that the names around it are still bold.
    const inside = tokens.flatMap((token, index) =>
      token.content === '<ins>' ? [tokens[index + 1]?.content] : [],
    );
    expect(inside).toEqual(Array(OWNED).fill(OWNER));
    expect(tokens.filter((token) => token.type === 'strong_open').length).toBeGreaterThanOrEqual(
      OWNED,
    );
    // The default is bold, as before: no <ins>.
    expect((await render('markdown', { style: BOLD_NAMES })).text).not.toContain('<ins>');
  });

  it('text: no markup either way', async () => {
    const underlined = await render('text', UNDERLINE);
    const bold = await render('text', { style: BOLD_NAMES });
    expect(underlined.text).toBe(bold.text);
    expect(underlined.text).toContain(OWNER);
  });

  it('LaTeX: \\publistowner underlines, and only the owner is in it', async () => {
    const { text } = await render('latex', UNDERLINE);
    expect(text.match(/\\publistowner\{[^}]*\}/g)).toEqual(
      Array(OWNED).fill(`\\publistowner{${OWNER}}`),
    );
    expect(text).toContain(
      '\\providecommand{\\publistowner}[1]{\\ifdefined\\uline\\expandafter\\uline\\else\\expandafter\\underline\\fi{#1}}',
    );
    expect(text).not.toContain('\\textbf{#1}');
    expect(text).toContain('\\usepackage[normalem]{ulem}');
    const bold = (await render('latex', { style: BOLD_NAMES })).text;
    expect(bold).toContain('\\providecommand{\\publistowner}[1]{\\textbf{#1}}');
    expect(bold).not.toMatch(/ulem|underline/);
  });

  describe.runIf(toolsAvailable(...ENGINES, 'pdftotext'))('compiles', () => {
    it.each(ENGINES)(
      'with %s, as the standalone CV and the moderncv CV',
      async (engine) => {
        for (const template of ['standalone', 'moderncv']) {
          const { text } = await renderText(seed, {
            format: 'latex',
            overrides: UNDERLINE,
            output: { standalone: true, template },
          });
          expect(text).toContain('\\IfFileExists{ulem.sty}{\\usepackage[normalem]{ulem}}{}');
          // Underlined among the bold names, and bold as they are.
          expect(compileLatex(text, { engine }).text).toContain(OWNER);
        }
      },
      240_000,
    );
  });

  describe.runIf(toolsAvailable('pdftotext', 'qpdf'))('PDF', () => {
    /** The horizontal strokes the page draws: `x1 y m x2 y l S`, in pdfkit's top-down points. */
    function strokes(path: string): { x1: number; x2: number; y: number }[] {
      const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], {
        encoding: 'latin1',
        maxBuffer: 64 * 1024 * 1024,
      });
      return Array.from(
        content.matchAll(/^([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l\nS$/gm),
        (match) => ({ x1: Number(match[1]), x2: Number(match[3]), y: Number(match[2]) }),
      ).filter((line, index, all) => all.findIndex((other) => other === line) === index);
    }

    it('draws a line under the owner and under nothing else', async () => {
      const pdf = async (overrides: Partial<RenderOptions>) => pdfFile(await pdfBytes(overrides));
      const underlined = await pdf({ ...UNDERLINE, limit: 5 });
      const plain = await pdf({ style: BOLD_NAMES, limit: 5 });
      const rules = new Set(strokes(plain).map((line) => `${line.x1} ${line.y}`));
      const lines = strokes(underlined).filter((line) => !rules.has(`${line.x1} ${line.y}`));
      const words = pdfWords(underlined).filter((word) => word.page === 1);
      const under = (line: { x1: number; x2: number; y: number }) =>
        words.filter(
          (word) =>
            word.xMin < line.x2 - 0.5 &&
            word.xMax > line.x1 + 0.5 &&
            Math.abs(word.yMax - line.y) < 4,
        );
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(under(line).map((word) => word.text.replace(/[,.]$/, ''))).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(Liao|B)$/)]),
        );
        expect(under(line).every((word) => /^(Liao|B)[,.]?$/.test(word.text))).toBe(true);
      }
      // The owner's name in the entries (the header prints "Baohao Liao").
      const liao = words.filter(
        (word, index) => word.text === 'Liao' && /^B[,.]?$/.test(words[index + 1]?.text ?? ''),
      );
      expect(liao.length).toBe(5);
      for (const word of liao) {
        expect(lines.some((line) => line.x1 <= word.xMin + 0.5 && line.x2 >= word.xMax - 0.5)).toBe(
          true,
        );
      }
    });
  });

  it('is refused in the same words by the flag', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--highlight', 'italic']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      "error: option '--highlight <how>' argument 'italic' is invalid. Allowed choices are bold, underline.",
    );
  });
});

async function pdfBytes(overrides: Partial<RenderOptions>): Promise<Uint8Array> {
  const { content } = await renderDatabase(seed, { format: 'pdf', overrides });
  return content as Uint8Array;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

describe('the warning for a bold owner among bold names', () => {
  const said = `style ${BOLD_NAMES} prints every author's name in bold, so yours, in bold too, does not stand out`;
  const warning = `--style: ${said}: underline it with --highlight underline`;

  it('is said once by render for a bold-names style, naming the flag, and not for ieee nor when underlined', async () => {
    expect((await render('markdown', { style: BOLD_NAMES })).warnings).toEqual([warning]);
    expect((await render('html', { style: BOLD_NAMES, highlight: 'bold' })).warnings).toEqual([
      `--highlight: ${said}: underline it with --highlight underline`,
    ]);
    expect((await render('markdown', { style: 'ieee' })).warnings).toEqual([]);
    expect((await render('markdown', UNDERLINE)).warnings).toEqual([]);
    expect(
      (await render('markdown', { style: BOLD_NAMES, highlight_owner: false })).warnings,
    ).toEqual([]);
  });

  it('is not said where it would change nothing: plain text, or a list with no entry', async () => {
    expect((await render('text', { style: BOLD_NAMES })).warnings).toEqual([]);
    expect((await render('html', { style: BOLD_NAMES, since: 2090 })).warnings).toEqual([
      'no papers match the selection (since 2090)',
    ]);
  });

  it('is said once by a build of several outputs, on the command line', () => {
    const result = runCli([
      'build',
      DEFAULT_DB,
      '--check',
      '--style',
      BOLD_NAMES,
      '--out-dir',
      '/nonexistent-publist-out',
    ]);
    expect(result.stderr.split(warning).length - 1).toBe(1);
    const ieee = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--style', 'ieee']);
    expect(ieee.status).toBe(0);
    expect(ieee.stderr).not.toContain('bold');
  });

  it('is said where the database sets it, by validate, render and build alike, and as the flag where a flag sets it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-bold-names-'));
    try {
      const file = join(folder, 'papers.yaml');
      writeFileSync(
        file,
        readFileSync(DEFAULT_DB, 'utf8').replace(
          /^render:\n[^]*?\n(?=papers:)/m,
          `render:\n  style: ${BOLD_NAMES}\n`,
        ),
      );
      const located = `${file}:${lineOf(file, `  style: ${BOLD_NAMES}`)}:10: warning: render.style: ${said} (underline it with \`highlight: underline\` beside it, or --highlight underline)\n`;
      const validate = runCli(['validate', file]);
      expect(validate.status).toBe(0);
      expect(validate.stderr).toBe(
        `${located}${file}: ${seed.papers.length} papers, no problems, 1 warning\n`,
      );
      const render = runCli(['render', file, '-f', 'markdown']);
      expect(render.status).toBe(0);
      expect(render.stderr).toBe(located);
      // A flag that sets the same is said as the flag.
      const flagged = runCli(['render', file, '-f', 'markdown', '--highlight', 'bold']);
      expect(flagged.stderr).toBe(
        `${located}warning: --highlight: ${said}: underline it with --highlight underline\n`,
      );
      const out = join(folder, 'out');
      const build = runCli(['build', file, '--out-dir', out, '--quiet']);
      expect(build.status).toBe(0);
      expect(build.stderr).toBe(located);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the bold-names check of a style that cannot be used', () => {
  it('leaves the style to render, which says what is wrong with it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-bold-names-'));
    try {
      writeFileSync(
        join(folder, 'orphan.csl'),
        '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info><title>Orphan</title><id>orphan</id><link href="http://www.zotero.org/styles/no-such-parent" rel="independent-parent"/><updated>2020-01-01T00:00:00+00:00</updated></info></style>\n',
      );
      const file = join(folder, 'papers.yaml');
      writeFileSync(file, `${ONE_PAPER.replace('style: ieee', 'style: orphan.csl')}\n`);
      const validate = runCli(['validate', file]);
      expect(validate.stderr).toBe(`${file}: 1 paper, no problems\n`);
      expect(validate.status).toBe(0);
      const render = runCli(['render', file, '-f', 'markdown']);
      expect(render.stderr).toMatch(/^error: unknown style "no-such-parent"/);
      expect(render.status).toBe(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** The line of the file that is `text`, counted from 1. */
function lineOf(file: string, text: string): number {
  return readFileSync(file, 'utf8').split('\n').indexOf(text) + 1;
}

describe('highlight in the database', () => {
  it('is read from render: and from each output, which beats it; validate takes both', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-highlight-'));
    try {
      const file = join(folder, 'papers.yaml');
      const render = [
        'render:',
        `  style: ${BOLD_NAMES}`,
        '  highlight: underline',
        '  outputs:',
        '    - format: markdown',
        '      file: underlined.md',
        '    - format: markdown',
        '      file: bold.md',
        '      highlight: bold',
        '',
      ].join('\n');
      writeFileSync(
        file,
        readFileSync(DEFAULT_DB, 'utf8').replace(/^render:\n[^]*?\n(?=papers:)/m, render),
      );
      const build = runCli(['build', file, '--out-dir', join(folder, 'out'), '--quiet']);
      expect(build.status).toBe(0);
      const underlined = readFileSync(join(folder, 'out', 'underlined.md'), 'utf8');
      const bold = readFileSync(join(folder, 'out', 'bold.md'), 'utf8');
      expect(underlined.split(`<ins>${OWNER}</ins>`).length - 1).toBe(OWNED);
      expect(bold).not.toContain('<ins>');
      // Only the bold output is warned about, where it asks for bold; validate says it too.
      const warning = `${file}:${lineOf(file, '      highlight: bold')}:18: warning: render.outputs[1].highlight: style ${BOLD_NAMES} prints every author's name in bold, so yours, in bold too, does not stand out (underline it: \`highlight: underline\`)\n`;
      expect(build.stderr).toBe(warning);
      const validate = runCli(['validate', file]);
      expect(validate.status).toBe(0);
      expect(validate.stderr).toBe(
        `${warning}${file}: ${seed.papers.length} papers, no problems, 1 warning\n`,
      );
      // The flag beats the database.
      const flagged = runCli(['render', file, '-f', 'markdown', '--highlight', 'bold']);
      expect(flagged.stdout).not.toContain('<ins>');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a style that prints the names bold, told from its tree', () => {
  const style = (bibliography: string, macros = '') =>
    parseCslXml(
      `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">${macros}<citation><layout><names variable="author" font-weight="bold"/></layout></citation><bibliography>${bibliography}</bibliography></style>`,
    );
  const macro = '<macro name="author"><names variable="author"><name/></names></macro>';

  it.each([
    ['on the names', '<layout><names variable="author" font-weight="bold"/></layout>', ''],
    [
      'on the name',
      '<layout><names variable="author"><name font-weight="bold"/></names></layout>',
      '',
    ],
    [
      'on the family name',
      '<layout><names variable="author"><name><name-part name="family" font-weight="bold"/></name></names></layout>',
      '',
    ],
    ['on the macro call', '<layout><text macro="author" font-weight="bold"/></layout>', macro],
    [
      'on a group around it',
      '<layout><group font-weight="bold"><text macro="author"/></group></layout>',
      macro,
    ],
    ['on the layout', '<layout font-weight="bold"><text macro="author"/></layout>', macro],
  ])('bold %s', (_, bibliography, macros) => {
    expect(bibliographyNamesBold(style(bibliography, macros))).toBe(true);
  });

  it.each([
    ['nowhere (only the citation)', '<layout><text macro="author"/></layout>', macro],
    [
      'around, but the name says normal',
      '<layout><group font-weight="bold"><names variable="author"><name font-weight="normal"/></names></group></layout>',
      '',
    ],
    ['on the editors', '<layout><names variable="editor" font-weight="bold"/></layout>', ''],
  ])('not bold: %s', (_, bibliography, macros) => {
    expect(bibliographyNamesBold(style(bibliography, macros))).toBe(false);
  });

  it('knows the-plant-cell and ieee, and the owner is found among the bold names', () => {
    expect(bibliographyNamesBold(findStyle(BOLD_NAMES).tree)).toBe(true);
    expect(bibliographyNamesBold(findStyle('ieee').tree)).toBe(false);
    expect(bibliographyNamesBold(findStyle('apa').tree)).toBe(false);
    // citeproc prints the owner's bold inside the bold names as normal weight: still found.
    expect(OWNED).toBeGreaterThan(15);
  });
});

describe('your own templates', () => {
  it('get the underlined owner in the entries, and \\publistowner underlining from the partial', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-highlight-templates-'));
    try {
      for (const [path, text] of Object.entries({
        'html/fragment.hbs':
          '{{#each groups}}{{#each entries}}<p>{{{text}}}</p>\n{{/each}}{{/each}}',
        'latex/fragment.hbs': [
          '{{> _publist-macros}}',
          '{{#if underlineOwner}}% underlined{{/if}}',
          '{{#each groups}}{{#each entries}}{{text}}\n{{/each}}{{/each}}',
        ].join('\n'),
      })) {
        mkdirSync(join(folder, path, '..'), { recursive: true });
        writeFileSync(join(folder, path), text);
      }
      const flags = ['--style', BOLD_NAMES, '--highlight', 'underline', '--templates', folder];
      const html = runCli(['render', DEFAULT_DB, '-f', 'html', ...flags]);
      expect(html.status).toBe(0);
      expect(html.stdout.split(`<u class="owner">${OWNER}</u>`).length - 1).toBe(OWNED);
      expect(html.stdout).not.toContain('<strong');
      const latex = runCli(['render', DEFAULT_DB, '-f', 'latex', ...flags]);
      expect(latex.status).toBe(0);
      expect(latex.stdout).toContain('% underlined');
      expect(latex.stdout).toContain('\\expandafter\\underline\\fi{#1}}');
      expect(latex.stdout.split(`\\publistowner{${OWNER}}`).length - 1).toBe(OWNED);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
