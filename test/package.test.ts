import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

describe('the npm package', () => {
  it('holds the command, its workers and the files they read, and no citation cache', () => {
    // A checkout that has built the seed database keeps its citation cache beside it.
    const cached = join(ROOT, 'data', '.publist-cache', 'citations-package-test.json');
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, '{}\n');
    try {
      const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(pack.status).toBe(0);
      const [{ files }] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
      const paths = files.map((file) => file.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'dist/bin/publist.js',
          'dist/bin/worker.js',
          'dist/bin/format-worker.js',
          'dist/src/index.js',
          'templates/markdown/default.hbs',
          'schema/papers.schema.json',
        ]),
      );
      expect(paths.filter((path) => path.startsWith('data/'))).toEqual(['data/papers.yaml']);
    } finally {
      rmSync(cached, { force: true });
    }
  });
});
