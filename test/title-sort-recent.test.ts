/**
 * Three settings through the command, on the outputs a user reads: a title of the user's in
 * every format (`--title`, `render.title`, `render.pdf.title`), the database's own order
 * (`--sort file`), and the last N years (`--recent`, from SOURCE_DATE_EPOCH when set).
 */
import MarkdownIt from 'markdown-it';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { loadDatabase, renderDatabase } from '../src/pipeline.js';
import { DEFAULT_DB, runCli } from './support/cli.js';
import { flatText, pdfInfo, PDF_TOOLS } from './support/pdf.js';
import { comparable, compileLatex } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

type Node = DefaultTreeAdapterMap['node'];

const markdown = new MarkdownIt();

/** The text of every element named `name`, in document order. */
function texts(node: Node, name: string): string[] {
  const found: string[] = [];
  const text = (current: Node): string =>
    'value' in current && current.nodeName === '#text'
      ? current.value
      : 'childNodes' in current
        ? current.childNodes.map(text).join('')
        : '';
  const walk = (current: Node) => {
    if (current.nodeName === name) found.push(text(current));
    if ('childNodes' in current) current.childNodes.forEach(walk);
    if ('content' in current) walk(current.content as Node);
  };
  walk(node);
  return found;
}

/** The Markdown's headings as markdown-it reads them: "h1 Selected Publications". */
function headings(source: string): string[] {
  const tokens = markdown.parse(source, {});
  return tokens.flatMap((token, index) =>
    token.type === 'heading_open' ? [`${token.tag} ${tokens[index + 1]?.content ?? ''}`] : [],
  );
}

function writeDatabase(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'publist-settings-')), 'papers.yaml');
  writeFileSync(file, yaml);
  return file;
}

function render(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = runCli(['render', ...args], { env });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The seed's papers in the order the file lists them, with their titles and years. */
const SEED = readFileSync(DEFAULT_DB, 'utf8');
const FILE_ORDER = [...SEED.matchAll(/^ {2}- id: (\S+)$/gm)].map((match) => match[1] as string);
const TITLES = new Map(
  [...SEED.matchAll(/^ {2}- id: (\S+)\n(?: {4}.*\n)*? {4}title: (.+)$/gm)].map((match) => [
    match[1] as string,
    (match[2] as string).replace(/^['"]|['"]$/g, ''),
  ]),
);
const YEARS = new Map(
  [...SEED.matchAll(/^ {2}- id: (\S+)\n(?: {4}.*\n)*? {4}date: (\d{4})/gm)].map((match) => [
    match[1] as string,
    Number(match[2]),
  ]),
);

/** The papers of plain-text output lines, by the title each line holds. */
function idsOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^\[\d+\] /.test(line))
    .map((line) => {
      const found = [...TITLES].filter(([, title]) => comparable(line).includes(comparable(title)));
      expect(found, line).toHaveLength(1);
      return (found[0] as [string, string])[0];
    });
}

/** The printed numbers of plain-text output lines. */
const numbers = (text: string) =>
  [...text.matchAll(/^\[(\d+)\] /gm)].map((match) => Number(match[1]));

/** Midsummer of `year` (UTC) as SOURCE_DATE_EPOCH says it: seconds since 1970. */
const epochIn = (year: number) => String(Date.UTC(year, 5, 21) / 1000);

describe('a title of your own', () => {
  const TITLE = 'Selected Publications';

  it('heads the Markdown list, fragment and whole document; without one a fragment has no title', () => {
    expect(headings(render([DEFAULT_DB, '-f', 'markdown', '--title', TITLE])).slice(0, 2)).toEqual([
      `h1 ${TITLE}`,
      'h2 2026',
    ]);
    expect(
      headings(render([DEFAULT_DB, '-f', 'markdown', '--standalone', '--title', TITLE]))[0],
    ).toBe(`h1 ${TITLE} — Baohao Liao`);
    expect(headings(render([DEFAULT_DB, '-f', 'markdown']))[0]).toBe('h2 2026');
    expect(headings(render([DEFAULT_DB, '-f', 'markdown', '--standalone']))[0]).toBe(
      'h1 Publications — Baohao Liao',
    );
  });

  it('is the HTML page title and heading, and the heading of a fragment', () => {
    const page = parse(render([DEFAULT_DB, '-f', 'html', '--standalone', '--title', TITLE]));
    expect(texts(page, 'title')).toEqual([`${TITLE} — Baohao Liao`]);
    expect(texts(page, 'h1')).toEqual([`${TITLE} — Baohao Liao`]);
    const fragment = parse(render([DEFAULT_DB, '-f', 'html', '--title', TITLE]));
    expect(texts(fragment, 'h1')).toEqual([TITLE]);
    expect(texts(fragment, 'h2')[0]).toBe('2026');
  });

  it('is the first line of the text', () => {
    const text = render([DEFAULT_DB, '-f', 'text', '--title', TITLE]);
    expect(text.split('\n').slice(0, 3)).toEqual([TITLE, '', '2026']);
  });

  it('a character no LaTeX font has is reported once, as the heading’s, also where the PDF title holds it', () => {
    for (const standalone of [[], ['--standalone']]) {
      const result = runCli([
        'render',
        DEFAULT_DB,
        '-f',
        'latex',
        ...standalone,
        '--title',
        'Papers 😀',
      ]);
      expect(result.status).toBe(0);
      expect(result.stderr.trim().split('\n')).toEqual([
        'warning: heading: no font of the LaTeX output has 😀 (U+1F600); it prints as a boxed ? (\\publistmissing)',
      ]);
    }
  });

  describe.runIf(toolsAvailable('pdflatex', 'pdfinfo'))('LaTeX', () => {
    it.each(['standalone', 'moderncv'])(
      'the %s CV prints it and puts it in the PDF title',
      (template) => {
        const tex = render([
          DEFAULT_DB,
          '-f',
          'latex',
          '--standalone',
          '--template',
          template,
          '--title',
          TITLE,
        ]);
        const pdf = compileLatex(tex, { engine: 'pdflatex' });
        expect(pdf.text).toContain(TITLE);
        expect(pdf.text.split('\n')).not.toContain('Publications');
        if (template === 'standalone') expect(pdf.title).toBe(`Baohao Liao: ${TITLE}`);
      },
    );

    it('the fragment prints it a level above the group headings', () => {
      const tex = render([DEFAULT_DB, '-f', 'latex', '--title', TITLE]);
      expect(tex).toContain(`\\section*{${TITLE}}`);
      const sections = render([
        DEFAULT_DB,
        '-f',
        'latex',
        '--title',
        TITLE,
        '--latex-heading',
        'subsubsection',
      ]);
      expect(sections).toContain(`\\subsection*{${TITLE}}`);
      const pdf = compileLatex(
        [
          '\\documentclass{article}',
          '\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage{amssymb}\\usepackage{hyperref}',
          '\\begin{document}',
          '\\input{publications.tex}',
          '\\end{document}',
        ].join('\n'),
        { engine: 'pdflatex', files: { 'publications.tex': tex } },
      );
      expect(pdf.text.split('\n')[0]).toBe(TITLE);
    });
  });

  describe.runIf(toolsAvailable(...PDF_TOOLS))('PDF', () => {
    const TITLED = SEED.replace(
      /^render:\n/m,
      'render:\n  title: Papers of the Database\n  pdf: {title: Papers of the PDF}\n',
    );

    it('render.pdf.title is the PDF’s own; render.title heads the rest; --title beats both', () => {
      const db = writeDatabase(TITLED);
      const out = mkdtempSync(join(tmpdir(), 'publist-title-pdf-'));
      const file = (args: string[], name: string) => {
        const result = runCli(['render', db, '-f', 'pdf', '-o', join(out, name), ...args]);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        return join(out, name);
      };
      const own = file([], 'own.pdf');
      expect(flatText(own).toUpperCase()).toContain('PAPERS OF THE PDF');
      expect(pdfInfo(own).Subject).toContain('Papers of the PDF');
      const flagged = file(['--title', 'Papers of the Flag'], 'flag.pdf');
      expect(flatText(flagged).toUpperCase()).toContain('PAPERS OF THE FLAG');
      expect(flatText(flagged).toUpperCase()).not.toContain('PAPERS OF THE PDF');
      expect(headings(render([db, '-f', 'markdown']))[0]).toBe('h1 Papers of the Database');
    });
  });

  it('build writes render.title into every output; validate locates a blank one', () => {
    const db = writeDatabase(SEED.replace(/^render:\n/m, 'render:\n  title: Recent Work\n'));
    const out = mkdtempSync(join(tmpdir(), 'publist-title-build-'));
    const built = runCli(['build', db, '--out-dir', out, '--quiet']);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(headings(readFileSync(join(out, 'publications.md'), 'utf8'))[0]).toBe('h1 Recent Work');
    const page = parse(readFileSync(join(out, 'publications.html'), 'utf8'));
    expect(texts(page, 'h1')).toEqual(['Recent Work — Baohao Liao']);
    expect(readFileSync(join(out, 'cv-latex.tex'), 'utf8')).toContain('\\section*{Recent Work}');

    const blank = writeDatabase(SEED.replace(/^render:\n/m, "render:\n  title: '  '\n"));
    const checked = runCli(['validate', blank]);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toMatch(new RegExp(`^${blank}:18:10: render\\.title: `, 'm'));
  });
});

describe('--sort file: the order of the database', () => {
  const text = (args: string[]) =>
    render([DEFAULT_DB, '-f', 'text', '--sort', 'file', '--numbering', 'ascending', ...args]);

  it('lists the papers as the file does, and reversed with --order desc', () => {
    const listed = text(['--group-by', 'none']);
    expect(idsOf(listed)).toEqual(FILE_ORDER);
    expect(numbers(listed)).toEqual(FILE_ORDER.map((_, index) => index + 1));
    expect(idsOf(text(['--group-by', 'none', '--order', 'desc']))).toEqual(
      [...FILE_ORDER].reverse(),
    );
  });

  it('still groups by year, newest first, with the file’s order inside each year', () => {
    const listed = text([]);
    const years = [...new Set(FILE_ORDER.map((id) => YEARS.get(id) as number))].sort(
      (a, b) => b - a,
    );
    const expected = years.flatMap((year) => FILE_ORDER.filter((id) => YEARS.get(id) === year));
    expect(idsOf(listed)).toEqual(expected);
    expect(numbers(listed)).toEqual(expected.map((_, index) => index + 1));
    expect(listed.split('\n').filter((line) => /^\d{4}$/.test(line))).toEqual(years.map(String));
    const reversed = years.flatMap((year) =>
      FILE_ORDER.filter((id) => YEARS.get(id) === year).reverse(),
    );
    expect(idsOf(text(['--order', 'desc']))).toEqual(reversed);
  });

  it('is a setting of the database too, and a wrong key names the choices', () => {
    const db = writeDatabase(SEED.replace(/^render:\n/m, 'render:\n  sort: file\n'));
    const listed = render([db, '-f', 'text', '--group-by', 'none', '--numbering', 'ascending']);
    expect(idsOf(listed)).toEqual(FILE_ORDER);
    const wrong = runCli(['render', DEFAULT_DB, '-f', 'text', '--sort', 'fil']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('file');
  });
});

describe('--recent N: the last N years', () => {
  const at = { SOURCE_DATE_EPOCH: epochIn(2026) };
  const years = (text: string) => new Set(idsOf(text).map((id) => YEARS.get(id)));
  const yearsOf = (...wanted: number[]) =>
    FILE_ORDER.filter((id) => wanted.includes(YEARS.get(id) as number));

  it('keeps this year and the N - 1 before it, this year being SOURCE_DATE_EPOCH’s', () => {
    const listed = render([DEFAULT_DB, '-f', 'text', '--recent', '2'], at);
    expect(years(listed)).toEqual(new Set([2025, 2026]));
    expect(idsOf(listed)).toHaveLength(yearsOf(2025, 2026).length);
    expect(years(render([DEFAULT_DB, '-f', 'text', '--recent', '1'], at))).toEqual(new Set([2026]));
    // The same command with an earlier SOURCE_DATE_EPOCH: the range starts earlier, and
    // papers dated after that year (to appear) stay in, as with --since.
    const earlier = { SOURCE_DATE_EPOCH: epochIn(2024) };
    expect(years(render([DEFAULT_DB, '-f', 'text', '--recent', '2'], earlier))).toEqual(
      new Set([2023, 2024, 2025, 2026]),
    );
  });

  it('render.recent in the database; a flag of the first year beats it, and both flags are refused', () => {
    const db = writeDatabase(SEED.replace(/^render:\n/m, 'render:\n  recent: 2\n'));
    expect(years(render([db, '-f', 'text'], at))).toEqual(new Set([2025, 2026]));
    expect(years(render([db, '-f', 'text', '--since', '2024'], at))).toEqual(
      new Set([2024, 2025, 2026]),
    );
    // An output's own first year beats render.recent too: `since` in render.outputs.
    const output = writeDatabase(
      SEED.replace(/^render:\n/m, 'render:\n  recent: 1\n').replace(
        '    - format: markdown # -> out/publications.md',
        '    - format: markdown # -> out/publications.md\n      since: 2025',
      ),
    );
    const out = mkdtempSync(join(tmpdir(), 'publist-recent-build-'));
    const built = runCli(['build', output, '--out-dir', out, '--quiet'], { env: at });
    expect(built.stderr).toBe('');
    expect(headings(readFileSync(join(out, 'publications.md'), 'utf8'))).toEqual([
      'h2 2026',
      'h2 2025',
    ]);
    expect(texts(parse(readFileSync(join(out, 'publications.html'), 'utf8')), 'h2')).toEqual([
      '2026',
    ]);
    const both = runCli(['render', DEFAULT_DB, '-f', 'text', '--recent', '2', '--since', '2020']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--recent and --since both set the first year: give one of them');
  });

  it('validate locates recent beside since, a wrong number, and a range no paper can be in', () => {
    const both = writeDatabase(
      SEED.replace(/^render:\n/m, 'render:\n  since: 2020\n  recent: 2\n'),
    );
    const result = runCli(['validate', both]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${both}:19:11: render.recent: recent and since both set the first year: give one of them`,
    );
    const zero = writeDatabase(SEED.replace(/^render:\n/m, 'render:\n  recent: 0\n'));
    const wrong = runCli(['validate', zero]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(new RegExp(`^${zero}:18:11: render\\.recent: `, 'm'));
    const empty = writeDatabase(
      SEED.replace(/^render:\n/m, 'render:\n  recent: 2\n  until: 2020\n'),
    );
    const range = runCli(['validate', empty], { env: at });
    expect(range.status).toBe(1);
    expect(range.stderr).toContain(
      `${empty}:19:10: render.until: until 2020 is before recent 2 (since 2025)`,
    );
  });

  it('a range no paper can be in, with the database’s until, names both; so does code', async () => {
    const db = writeDatabase(SEED.replace(/^render:\n/m, 'render:\n  until: 2020\n'));
    const result = runCli(['render', db, '-f', 'text', '--recent', '2'], { env: at });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `--recent: 2 (since 2025) is after until 2020 (render.until in ${db}), so no paper can match`,
    );
    const { database } = await loadDatabase(DEFAULT_DB);
    await expect(
      renderDatabase(database, { format: 'text', overrides: { recent: 2, since: 2020 } }),
    ).rejects.toThrow('overrides.recent: recent and since both set the first year');
  });

  it('a bad SOURCE_DATE_EPOCH is said, and the empty selection names the years', () => {
    const bad = runCli(['render', DEFAULT_DB, '-f', 'text', '--recent', '2'], {
      env: { SOURCE_DATE_EPOCH: 'yesterday' },
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('SOURCE_DATE_EPOCH must be a whole number of seconds since 1970');
    const future = runCli(['render', DEFAULT_DB, '-f', 'text', '--recent', '1'], {
      env: { SOURCE_DATE_EPOCH: String(Date.UTC(2030, 0, 1) / 1000) },
    });
    expect(future.status).toBe(0);
    expect(future.stderr).toContain('no papers match the selection (the last year, since 2030)');
  });
});
