/**
 * What `npm run bench` measures. Each case runs as a fresh process per database size, so
 * times are cold-start times and memory is that process's peak RSS.
 *
 * - `publist`: the CLI with these arguments (the database path is passed in).
 * - `stages`: an in-process function that times its own stages.
 * - `external`: another tool (pandoc, pdflatex) for comparison; skipped when not installed.
 */
// Stage cases import the code they time inside run(), so that `publist` cases measure a
// process that loads only what the CLI loads.

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Scratch {
  /** A folder for this case's files. */
  dir: string;
}

export type BenchCase =
  | {
      kind: 'publist';
      name: string;
      sizes?: readonly number[];
      args(db: string, scratch: Scratch): string[];
      baseline?: string;
      /** Environment for the run, e.g. the citation cache off. */
      env?(scratch: Scratch): Record<string, string>;
      /** Work before the timed run, e.g. filling a cache. */
      prepare?(db: string, scratch: Scratch): void;
    }
  | {
      kind: 'stages';
      name: string;
      sizes?: readonly number[];
      run(db: string): Promise<Record<string, number>>;
    }
  | {
      kind: 'external';
      name: string;
      sizes?: readonly number[];
      /** The command to time, or undefined when the tool is missing; may prepare files first. */
      command(db: string, scratch: Scratch): Promise<{ file: string; args: string[] } | undefined>;
      baseline?: string;
    };

async function time<T>(
  stages: Record<string, number>,
  name: string,
  work: () => Promise<T> | T,
): Promise<T> {
  const started = performance.now();
  const result = await work();
  stages[name] = performance.now() - started;
  return result;
}

/** The bundled command, as `publist` runs. */
export const CLI = fileURLToPath(new URL('../bin/publist.js', import.meta.url));

export const CASES: BenchCase[] = [
  {
    kind: 'stages',
    name: 'read, validate, select',
    async run(db) {
      const { readSource } = await import('../src/read/source.js');
      const { validateDatabase } = await import('../src/validate/validate.js');
      const { selectPapers } = await import('../src/select/select.js');
      const { resolveSettings } = await import('../src/settings.js');
      const stages: Record<string, number> = {};
      const source = await time(stages, 'read', () => readSource(db));
      const database = await time(stages, 'validate', () => validateDatabase(source));
      await time(stages, 'select', () =>
        selectPapers(
          database,
          resolveSettings(database.render, { group_by: 'topic', numbering: 'descending' }),
        ),
      );
      return stages;
    },
  },
  {
    kind: 'stages',
    name: 'load (read + validate)',
    async run(db) {
      const { loadDatabase } = await import('../src/pipeline.js');
      const stages: Record<string, number> = {};
      await time(stages, 'load', () => loadDatabase(db));
      return stages;
    },
  },
  {
    kind: 'stages',
    name: 'import BibTeX (as many entries as papers)',
    sizes: [1000, 10000],
    async run(db) {
      const { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } =
        await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { syntheticBibtex } = await import('./synthetic.js');
      const { importFiles } = await import('../src/import/import.js');
      const dir = mkdtempSync(join(tmpdir(), 'publist-bench-import-'));
      try {
        const into = join(dir, 'papers.yaml');
        copyFileSync(db, into);
        const text = readFileSync(into, 'utf8');
        const papers = text.match(/^ {2}- id: /gm)?.length ?? 0;
        const dois = [...text.matchAll(/^ {4}doi: (\S+)$/gm)].map((match) => match[1] as string);
        const bib = join(dir, 'import.bib');
        writeFileSync(bib, syntheticBibtex(papers, dois));
        const stages: Record<string, number> = {};
        const result = await time(stages, 'import', () => importFiles({ files: [bib], into }));
        Object.assign(stages, result.timings);
        return stages;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  { kind: 'publist', name: 'publist validate', args: (db) => ['validate', db] },
  {
    kind: 'publist',
    name: 'publist render csl-json',
    args: (db) => ['render', db, '--format', 'csl-json'],
  },
  {
    kind: 'publist',
    name: 'publist render pdf',
    args: (db, scratch) => ['render', db, '--format', 'pdf', '-o', join(scratch.dir, 'cv.pdf')],
  },
  {
    kind: 'stages',
    name: 'pdf stages, one thread',
    async run(db) {
      const { loadDatabase } = await import('../src/pipeline.js');
      const { selectPapers } = await import('../src/select/select.js');
      const { resolveSettings } = await import('../src/settings.js');
      const { createCiter } = await import('../src/cite/cite.js');
      const stages: Record<string, number> = {};
      const { database } = await time(stages, 'load', () => loadDatabase(db));
      const settings = resolveSettings(database.render);
      const selection = selectPapers(database, settings);
      const document = await time(stages, 'cite', async () =>
        (await createCiter(database, settings)).cite(selection),
      );
      const prepared = await time(stages, 'pdf setup', async () => {
        const { preparePdf } = await import('../src/write/pdf/render.js');
        const { resolveTheme } = await import('../src/write/pdf/theme.js');
        return preparePdf({
          owner: database.owner,
          theme: resolveTheme(database.render.pdf, {}, database.file),
          locale: settings.locale,
          keywords: [],
          date: new Date(0),
          highlight: settings.highlight,
        });
      });
      await time(stages, 'pdf layout+draw', () => prepared.render(document));
      return stages;
    },
  },
  {
    kind: 'publist',
    name: 'publist render latex',
    args: (db, scratch) => [
      'render',
      db,
      '--format',
      'latex',
      '-o',
      join(scratch.dir, 'publications.tex'),
    ],
  },
  {
    kind: 'stages',
    name: 'latex stages',
    async run(db) {
      const { loadDatabase } = await import('../src/pipeline.js');
      const { selectPapers } = await import('../src/select/select.js');
      const { resolveSettings } = await import('../src/settings.js');
      const { createCiter } = await import('../src/cite/cite.js');
      const stages: Record<string, number> = {};
      const { database } = await time(stages, 'load', () => loadDatabase(db));
      const settings = resolveSettings(database.render);
      const selection = selectPapers(database, settings);
      const document = await time(stages, 'cite', async () =>
        (await createCiter(database, settings)).cite(selection),
      );
      const { latexWriter } = await import('../src/write/latex.js');
      await time(stages, 'latex write', () =>
        latexWriter.write({
          database,
          selection,
          settings,
          output: { standalone: true, flags: {} },
          cite: async () => document,
          warn: () => {},
        }),
      );
      return stages;
    },
  },
  {
    kind: 'publist',
    name: 'publist render bibtex',
    args: (db, scratch) => ['render', db, '--format', 'bibtex', '-o', join(scratch.dir, 'p.bib')],
  },
  ...(['pdflatex', 'xelatex', 'lualatex'] as const).map((engine): BenchCase => ({
    kind: 'external',
    name: `${engine} cv.tex`,
    sizes: [20, 1000],
    baseline: 'publist render pdf',
    // The TeX route to a PDF: cv.tex from publist (written first, not timed), then one run
    // of the engine, which is all this document needs.
    async command(db, scratch) {
      if (spawnSync('sh', ['-c', `command -v ${engine}`]).status !== 0) return undefined;
      const written = spawnSync(
        process.execPath,
        [CLI, 'render', db, '-f', 'latex', '--standalone', '-o', join(scratch.dir, 'cv.tex')],
        { stdio: 'ignore' },
      );
      if (written.status !== 0) throw new Error(`publist could not write cv.tex for ${db}`);
      return {
        file: engine,
        args: ['-no-shell-escape', '-interaction=batchmode', '-halt-on-error', 'cv.tex'],
      };
    },
  })),
  ...citationCases(),
];

/** The system's CSL file for a style, which publist and pandoc then both read; else the name. */
function cslFor(style: string): string {
  const path = `/usr/share/citation-style-language/styles/${style}.csl`;
  return existsSync(path) ? path : style;
}

/**
 * The text formats in APA and IEEE, cold (no cache) and from the cache, beside pandoc's
 * citeproc on the same CSL-JSON and CSL file.
 */
function citationCases(): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const style of ['ieee', 'apa']) {
    const pandoc = `pandoc --citeproc ${style}`;
    cases.push({
      kind: 'external',
      name: pandoc,
      async command(db, scratch) {
        if (spawnSync('sh', ['-c', 'command -v pandoc']).status !== 0) return undefined;
        const csl = cslFor(style);
        if (!csl.endsWith('.csl')) return undefined;
        const { loadDatabase } = await import('../src/pipeline.js');
        const { toCsl } = await import('../src/cite/csl.js');
        const { database } = await loadDatabase(db);
        const items = join(scratch.dir, 'items.json');
        writeFileSync(items, JSON.stringify(database.papers.map(toCsl)));
        const list = join(scratch.dir, 'list.md');
        writeFileSync(list, "---\nnocite: '@*'\n---\n");
        return {
          file: 'pandoc',
          args: ['--citeproc', '-t', 'markdown', `--csl=${csl}`, `--bibliography=${items}`, list],
        };
      },
    });
    for (const format of ['markdown', 'html', 'text']) {
      cases.push({
        kind: 'publist',
        name: `publist render ${format} ${style}`,
        args: (db) => ['render', db, '--format', format, '--style', cslFor(style)],
        env: () => ({ PUBLIST_CACHE: 'off' }),
        baseline: pandoc,
      });
    }
    cases.push({
      kind: 'publist',
      name: `publist render markdown ${style}, cached`,
      args: (db) => ['render', db, '--format', 'markdown', '--style', cslFor(style)],
      env: (scratch) => ({ PUBLIST_CACHE_DIR: join(scratch.dir, 'cache') }),
      prepare(db, scratch) {
        spawnSync(
          process.execPath,
          [CLI, 'render', db, '-f', 'markdown', '--style', cslFor(style)],
          {
            env: { ...process.env, PUBLIST_CACHE_DIR: join(scratch.dir, 'cache') },
            stdio: 'ignore',
          },
        );
      },
      baseline: pandoc,
    });
  }
  return cases;
}
