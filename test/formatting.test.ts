/**
 * The lighter formatting path (clusters, a style copy without disambiguation, threads and
 * the cache) prints exactly what one call of the full style prints.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticDatabase } from '../bench/synthetic.js';
import { toCsl } from '../src/cite/csl.js';
import { Formatter, planBatches } from '../src/cite/formatting.js';
import { disambiguationScope } from '../src/cite/style-tree.js';
import { findLocale, findStyle } from '../src/cite/styles.js';
import type { Database } from '../src/model/paper.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { DEFAULT_DB, runCli } from './support/cli.js';

const synthetic: Database = await validateDatabase(
  parseSource('synthetic.yaml', syntheticDatabase(120)),
);
const items = synthetic.papers.map(toCsl);

describe('clusters and the light style copy', () => {
  for (const name of [
    'apa',
    'chicago-author-date',
    'harvard-cite-them-right',
    'modern-language-association',
    'ieee',
  ]) {
    it(`${name}: the same entries as the full style in one call`, async () => {
      const style = findStyle(name);
      const formatter = new Formatter(style, findLocale('en-US'), findLocale('en-US'), {
        threads: 1,
      });
      const planned = planBatches(
        items.map((item) => ({ item, cut: false })),
        disambiguationScope(style.tree),
      );
      if (name === 'ieee') expect(planned.every((batch) => batch.variant === 'fast')).toBe(true);
      const light = await formatter.format(planned);
      const full = await formatter.format([{ variant: 'full', items }]);
      expect(light.size).toBe(items.length);
      for (const item of items) expect(light.get(item.id), item.id).toEqual(full.get(item.id));
    });
  }
});

describe('threads and the cache', () => {
  it('print the same list as one thread without a cache', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-threads-'));
    const database = join(folder, 'papers.yaml');
    writeFileSync(database, syntheticDatabase(900));
    const render = (env: NodeJS.ProcessEnv) =>
      runCli(['render', database, '-f', 'text', '--style', 'apa', '--numbering', 'ascending'], {
        env,
      });
    const single = render({ PUBLIST_THREADS: '1', PUBLIST_CACHE: 'off' });
    expect(single.status).toBe(0);
    expect(single.stdout.split('\n').filter((line) => /^\[\d+\] /.test(line))).toHaveLength(900);
    expect(existsSync(join(folder, '.publist-cache'))).toBe(false);
    const threaded = render({ PUBLIST_THREADS: '2', PUBLIST_CACHE: 'off' });
    expect(threaded.stdout).toBe(single.stdout);
    const filling = render({ PUBLIST_THREADS: '2' });
    expect(filling.stdout).toBe(single.stdout);
    expect(readdirSync(join(folder, '.publist-cache'))).toHaveLength(1);
    const cached = render({ PUBLIST_THREADS: '1' });
    expect(cached.stdout).toBe(single.stdout);
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

describe('case changes', () => {
  it('lower-case by the language: Turkish dotless ı under tr-TR, i otherwise', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-case-'));
    const style = join(folder, 'lower.csl');
    writeFileSync(
      style,
      readFileSync(join(import.meta.dirname, 'fixtures', 'minimal.csl'), 'utf8').replaceAll(
        '<text variable="title"/>',
        '<text variable="title" text-case="lowercase"/>',
      ),
    );
    const database = join(folder, 'papers.yaml');
    writeFileSync(
      database,
      'owner:\n  name: Ada Yılmaz\npapers:\n  - id: isik\n    type: journal\n    title: IŞIK ILIK\n    authors: [Ada Yılmaz]\n    venue: Dergi\n    date: 2024\n',
    );
    const render = (locale: string) =>
      runCli(['render', database, '-f', 'text', '--style', style, '--locale', locale], {
        env: { PUBLIST_CACHE: 'off' },
      }).stdout;
    expect(render('tr-TR')).toContain('ışık ılık');
    expect(render('en-US')).toContain('işik ilik');
  });
});
