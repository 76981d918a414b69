/**
 * The lighter formatting path (clusters, a style copy without disambiguation, threads and
 * the cache) prints exactly what one call of the full style prints.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticDatabase } from '../bench/synthetic.js';
import { toCsl, type CslItem } from '../src/cite/csl.js';
import { Formatter, planBatches } from '../src/cite/formatting.js';
import { disambiguationOf } from '../src/cite/style-tree.js';
import { findLocale, findStyle } from '../src/cite/styles.js';
import type { Database } from '../src/model/paper.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { CLI, DEFAULT_DB, ROOT, runCli } from './support/cli.js';

const synthetic: Database = await validateDatabase(
  parseSource('synthetic.yaml', syntheticDatabase(120)),
);
/** Three long author lists that read alike up to the 20th name: "more names" can show in a list. */
const LONG: CslItem[] = Array.from({ length: 3 }, (_, index) => ({
  id: `long${index}`,
  type: 'article-journal',
  title: `Collaboration ${index}`,
  'container-title': 'Journal of Tests',
  issued: { 'date-parts': [[2020]] },
  author: [
    { family: 'Kim', given: 'Fatima' },
    ...Array.from({ length: 18 }, (_, n) => ({ family: `Family${n}`, given: `Given${n}` })),
    { family: `Other${index}`, given: `Diff${index}` },
    ...Array.from({ length: 3 }, (_, n) => ({ family: `Last${n}`, given: `Tail${n}` })),
  ],
}));
/** Co-authors only given names tell apart: styles that spell given names out do so alone too. */
const NAMESAKES: CslItem = {
  id: 'lees',
  type: 'article-journal',
  title: 'Two Lees',
  'container-title': 'Journal of Tests',
  issued: { 'date-parts': [[2019]] },
  author: [
    { family: 'Brown', given: 'Ann' },
    { family: 'Lee', given: 'Karl' },
    { family: 'Lee', given: 'Kim' },
  ],
};
const items = [...synthetic.papers.map(toCsl), ...LONG, NAMESAKES];

describe('clusters and the light style copy', () => {
  for (const name of [
    'apa',
    'chicago-author-date',
    'harvard-cite-them-right',
    'modern-language-association',
    'chicago-note-bibliography',
    'ieee',
  ]) {
    it(`${name}: the same entries as the full style in one call`, async () => {
      const style = findStyle(name);
      const formatter = new Formatter(style, findLocale('en-US'), findLocale('en-US'), {
        threads: 1,
        ownProcessor: true,
      });
      const planned = planBatches(
        items.map((item) => ({ item, cut: false })),
        disambiguationOf(style.tree),
      );
      const inFull = planned.filter((batch) => batch.variant === 'full').flatMap((b) => b.items);
      if (name === 'ieee') expect(inFull).toEqual([]);
      // APA cuts lists at 21 names: only the long lists' cluster can show what it adds.
      if (name === 'apa') expect(inFull.map((item) => item.id)).toContain('long0');
      if (name === 'apa') expect(inFull.length).toBeLessThan(items.length / 4);
      const light = await formatter.format(planned);
      const full = await formatter.format([{ variant: 'full', items }]);
      expect(light.size).toBe(items.length);
      for (const item of items) expect(light.get(item.id), item.id).toEqual(full.get(item.id));
    });
  }

  it('what disambiguation adds shows in the list (so the clusters matter)', async () => {
    const formatter = new Formatter(
      findStyle('chicago-author-date'),
      findLocale('en-US'),
      findLocale('en-US'),
      { threads: 1, ownProcessor: true },
    );
    const alone = await formatter.format([{ variant: 'fast', items: LONG.slice(0, 1) }]);
    const together = await formatter.format([{ variant: 'full', items: LONG }]);
    expect(JSON.stringify(together.get('long0'))).toContain('Other0');
    expect(JSON.stringify(alone.get('long0'))).not.toContain('Other0');
  });
});

describe('threads and the cache', () => {
  it('print the same list as one thread without a cache', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-threads-'));
    const database = join(folder, 'papers.yaml');
    writeFileSync(database, syntheticDatabase(900));
    // The cache's own place, beside the database, not the test run's.
    const render = (env: NodeJS.ProcessEnv) =>
      runCli(['render', database, '-f', 'text', '--style', 'apa', '--numbering', 'ascending'], {
        env: { ...env, PUBLIST_CACHE_DIR: undefined },
      });
    const single = render({ PUBLIST_THREADS: '1', PUBLIST_CACHE: 'off' });
    expect(single.status).toBe(0);
    expect(single.stdout.split('\n').filter((line) => /^\[\d+\] /.test(line))).toHaveLength(900);
    expect(existsSync(join(folder, '.publist-cache'))).toBe(false);
    // citeproc alone, so that the list is shared among threads (publist's own processor
    // prints these entries on the main thread).
    const threaded = render({
      PUBLIST_THREADS: '2',
      PUBLIST_CACHE: 'off',
      PUBLIST_ENGINE: 'citeproc',
    });
    expect(threaded.stdout).toBe(single.stdout);
    const filling = render({ PUBLIST_THREADS: '2', PUBLIST_ENGINE: 'citeproc' });
    expect(filling.stdout).toBe(single.stdout);
    expect(readdirSync(join(folder, '.publist-cache'))).toHaveLength(1);
    const cached = render({ PUBLIST_THREADS: '1' });
    expect(cached.stdout).toBe(single.stdout);
  });

  it('a thread that fails: the error is thrown by format, once, and nothing escapes it', () => {
    // Run compiled, where worker threads exist; every call fails, in whichever thread.
    const script = `
      import { Formatter } from ${JSON.stringify(join(ROOT, 'dist/src/cite/formatting.js'))};
      import { findLocale, findStyle } from ${JSON.stringify(join(ROOT, 'dist/src/cite/styles.js'))};
      process.on('unhandledRejection', (error) => console.log('unhandled:', String(error)));
      const formatter = new Formatter(findStyle('apa'), findLocale('en-US'), findLocale('en-US'), {
        threads: 2,
      });
      const items = Array.from({ length: 1000 }, (_, n) => ({
        id: 'p' + n, type: 'article-journal', title: 'T', author: [{ family: 5 }],
      }));
      try {
        await formatter.format(items.map((item) => ({ variant: 'fast', items: [item] })));
      } catch (error) {
        console.log('thrown:', String(error).split('\\n')[0]);
      }
    `;
    const file = join(mkdtempSync(join(tmpdir(), 'publist-failing-')), 'format.mjs');
    writeFileSync(file, script);
    const result = spawnSync(process.execPath, [file], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual([
      'thrown: TypeError: name.family.replace is not a function',
    ]);
  });

  it('that fails as it starts leaves its share to the main thread: every entry prints, nothing is said', () => {
    // A copy of the library whose worker file is broken, as in a broken install; it leaves a
    // mark, so that the test knows a worker was tried.
    const copy = mkdtempSync(join(tmpdir(), 'publist-no-worker-'));
    cpSync(join(ROOT, 'dist', 'src'), join(copy, 'src'), { recursive: true });
    const marker = join(copy, 'worker-tried');
    writeFileSync(
      join(copy, 'src', 'cite', 'format-worker.js'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, '');\nthrow new Error('broken install');\n`,
    );
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const script = `
      import { Formatter } from ${JSON.stringify(join(copy, 'src/cite/formatting.js'))};
      import { findLocale, findStyle } from ${JSON.stringify(join(copy, 'src/cite/styles.js'))};
      import { plainText } from ${JSON.stringify(join(copy, 'src/richtext/richtext.js'))};
      const formatter = new Formatter(findStyle('apa'), findLocale('en-US'), findLocale('en-US'), {
        threads: 2,
      });
      const items = Array.from({ length: 1000 }, (_, n) => ({
        id: 'p' + n, type: 'article-journal', title: 'Paper ' + n,
        author: [{ family: 'Lovelace', given: 'Ada' }], issued: { 'date-parts': [[1843]] },
      }));
      formatter.expect(items.length);
      const out = await formatter.format(items.map((item) => ({ variant: 'fast', items: [item] })));
      console.log(out.size, [...out.values()].filter((text) => text.length).length);
      console.log(plainText(out.get('p999')));
    `;
    const file = join(copy, 'format.mjs');
    writeFileSync(file, script);
    const result = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('1000 1000\nLovelace, A. (1843). Paper 999.\n');
    expect(existsSync(marker)).toBe(true);
  });

  // Node refuses --input-type in a worker, and refuses a process's own options (V8 flags,
  // the heap's size) in an option list it is given.
  it.each([
    [['--input-type=module']],
    [['--input-type=module', '--max-old-space-size=4096', '--enable-source-maps']],
  ])('start in a program run as node %j, a script piped in', (options) => {
    const database = writeSynthetic(900);
    const library = join(ROOT, 'dist', 'src', 'index.js');
    const script = [
      `import { loadDatabase, renderDatabase } from ${JSON.stringify(library)};`,
      `const { database } = await loadDatabase(${JSON.stringify(database)});`,
      "const overrides = { style: 'ieee', numbering: 'ascending' };",
      "const text = await renderDatabase(database, { format: 'text', overrides });",
      "const pdf = await renderDatabase(database, { format: 'pdf', warn: () => undefined });",
      "console.log(text.content.split('\\n').filter((line) => line.startsWith('[')).length);",
      'console.log(Buffer.from(pdf.content).subarray(0, 5).toString());',
    ].join('\n');
    const result = spawnSync(process.execPath, options, {
      input: script,
      encoding: 'utf8',
      env: {
        ...process.env,
        PUBLIST_THREADS: '2',
        PUBLIST_CACHE: 'off',
        PUBLIST_ENGINE: 'citeproc',
      },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('900\n%PDF-\n');
  });

  it('start in a command run with a V8 flag or a larger heap (node --max-old-space-size …)', () => {
    const database = writeSynthetic(900);
    const pdf = join(dirname(database), 'cv.pdf');
    const result = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=4096',
        '--stack-size=2000',
        CLI,
        'render',
        database,
        '-f',
        'text',
        '--group-by',
        'none',
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          PUBLIST_THREADS: '2',
          PUBLIST_CACHE: 'off',
          PUBLIST_ENGINE: 'citeproc',
        },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toHaveLength(900);
    const drawn = spawnSync(
      process.execPath,
      ['--max-old-space-size=4096', CLI, 'render', database, '-f', 'pdf', '-o', pdf],
      { encoding: 'utf8' },
    );
    expect(drawn.stderr).toBe('');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('that cannot be written costs nothing but time: the list prints, exit 0, nothing said', () => {
    const expected = runCli(['render', DEFAULT_DB, '-f', 'text'], {
      env: { PUBLIST_CACHE: 'off' },
    });
    // A folder that can never be made (Node 20's recursive mkdir spins forever under /proc),
    // and one below a file.
    const file = join(mkdtempSync(join(tmpdir(), 'publist-cache-')), 'a-file');
    writeFileSync(file, '');
    for (const cacheDir of ['/proc/publist-cache-test/citations', join(file, 'cache')]) {
      const result = runCli(['render', DEFAULT_DB, '-f', 'text'], {
        env: { PUBLIST_CACHE_DIR: cacheDir },
        timeout: 30_000,
      });
      expect(result.stderr, cacheDir).toBe('');
      expect(result.status, cacheDir).toBe(0);
      expect(result.stdout, cacheDir).toBe(expected.stdout);
    }
  });
});

/** A scratch folder: the test style (edited) and a database of these papers, by path. */
function scratch(papers: string, editStyle: (csl: string) => string = (csl) => csl) {
  const folder = mkdtempSync(join(tmpdir(), 'publist-formatting-'));
  const style = join(folder, 'style.csl');
  const csl = readFileSync(join(import.meta.dirname, 'fixtures', 'minimal.csl'), 'utf8');
  writeFileSync(style, editStyle(csl));
  const database = join(folder, 'papers.yaml');
  writeFileSync(database, `owner:\n  name: Ada Lovelace\npapers:\n${papers}`);
  return { style, database };
}

describe('case changes', () => {
  /** The title of one paper in a style that changes its case, under each locale. */
  const render = (textCase: string, title: string, locales: string[]) => {
    const { style, database } = scratch(
      `  - id: one\n    type: journal\n    title: ${title}\n    authors: [Ada Yılmaz]\n    venue: Dergi\n    date: 2024\n`,
      (csl) =>
        csl.replaceAll(
          '<text variable="title"/>',
          `<text variable="title" text-case="${textCase}"/>`,
        ),
    );
    return locales.map(
      (locale) =>
        runCli(['render', database, '-f', 'text', '--style', style, '--locale', locale], {
          env: { PUBLIST_CACHE: 'off' },
        }).stdout,
    );
  };

  it('lower-case by the language: Turkish dotless ı under tr-TR, i otherwise', () => {
    const [turkish, english] = render('lowercase', 'IŞIK ILIK', ['tr-TR', 'en-US']);
    expect(turkish).toContain('ışık ılık');
    expect(english).toContain('işik ilik');
  });

  it('upper-case by the language: Greek drops its accents under el-GR, keeps them otherwise', () => {
    const [greek, english] = render('uppercase', 'άλφα', ['el-GR', 'en-US']);
    expect(greek).toContain('ΑΛΦΑ');
    expect(english).toContain('ΆΛΦΑ');
  });
});

/**
 * Conference, journal, conference papers (each with a DOI) and a style whose list prints
 * journal articles only, else `otherwise`: the run's output, as text unless `-f` says.
 */
function journalsOnly(otherwise: string, ...flags: string[]) {
  const paper = (id: string, type: string) =>
    `  - id: ${id}\n    type: ${type}\n    title: Title ${id}\n    authors: [Ada Lovelace]\n    venue: Venue\n    date: 2024\n    doi: 10.1000/${id}\n`;
  const { style, database } = scratch(
    `${paper('a', 'conference')}${paper('b', 'journal')}${paper('c', 'conference')}`,
    (csl) =>
      csl.replace(
        /<bibliography>\s*<layout>([\s\S]*?)<\/layout>/,
        `<bibliography><layout><choose><if type="article-journal">$1</if>${otherwise}</choose></layout>`,
      ),
  );
  const format = flags.includes('-f') ? [] : ['-f', 'text'];
  return runCli(['render', database, ...format, '--style', style, ...flags], {
    env: { PUBLIST_CACHE: 'off' },
  });
}

describe('a style that prints nothing for a type', () => {
  it('leaves those entries empty and says so; every other entry keeps its own text', () => {
    const result = journalsOnly('');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('prints nothing for 2 papers a, c (conference)');
    const lines = result.stdout.split('\n').filter((line) => line.includes('doi.org'));
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.includes('Title b'))).toContain('10.1000/b');
    expect(lines.filter((line) => line.includes('Title'))).toHaveLength(1);
  });

  it('starts those entries with their number and links, without a stray space', () => {
    const numbered = ['--numbering', 'descending'];
    const markdown = journalsOnly('', '-f', 'markdown', ...numbered).stdout.split('\n');
    expect(markdown).toContain('\\[3\\] [\\[DOI\\]](https://doi.org/10.1000/a)');
    const bullets = journalsOnly('', '-f', 'markdown').stdout;
    expect(bullets).toContain('\n- [\\[DOI\\]](https://doi.org/10.1000/c)\n');
    const html = journalsOnly('', '-f', 'html', ...numbered).stdout;
    expect(html).toContain('<li id="a" value="3"><span class="links">');
    const latex = journalsOnly('', '-f', 'latex', ...numbered).stdout.split('\n');
    expect(latex).toContain('\\item[{[}3{]}] \\href{https://doi.org/10.1000/a}{{[}DOI{]}}');
    const moderncv = journalsOnly('', '-f', 'latex', '--template', 'moderncv').stdout.split('\n');
    expect(moderncv).toContain(
      '\\cvitem{}{\\frenchspacing \\href{https://doi.org/10.1000/c}{{[}DOI{]}} }',
    );
  });
});

describe('a style that prints fixed text for a type', () => {
  it('gives each entry its own text (citeproc counts them among entries that print nothing)', () => {
    const result = journalsOnly('<else><text value="Unknown"/></else>', '--numbering', 'none');
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n').filter((line) => line.trim());
    expect(lines).toEqual([
      '2024',
      'Unknown · DOI: https://doi.org/10.1000/a',
      'LOVELACE, Ada: Title b (2024) · DOI: https://doi.org/10.1000/b',
      'Unknown · DOI: https://doi.org/10.1000/c',
    ]);
  });
});

describe('quotation marks', () => {
  it('in a title nest inside the style’s own, in the locale’s marks; apostrophes curl', () => {
    const { database } = scratch(
      `  - id: q\n    type: journal\n    title: 'The "quoted" word'\n    authors: [Ada Lovelace, Jean d'Arc]\n    venue: Revue\n    date: 2024\n`,
    );
    const render = (locale: string) =>
      runCli(
        ['render', database, '-f', 'text', '--style', 'chicago-author-date', '--locale', locale],
        { env: { PUBLIST_CACHE: 'off' } },
      ).stdout;
    expect(render('en-US')).toContain('Jean d’Arc. 2024. “The ‘Quoted’ Word.”');
    expect(render('fr-FR')).toMatch(/«\s?The “quoted” word\s?»/u);
  });
});

/** A database of this many synthetic papers, in a folder of its own. */
function writeSynthetic(count: number): string {
  const database = join(mkdtempSync(join(tmpdir(), 'publist-workers-')), 'papers.yaml');
  writeFileSync(database, syntheticDatabase(count));
  return database;
}
