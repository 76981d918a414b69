/**
 * Bundles the `publist` command into `dist/bin/` from tsc's output (`npm run compile` runs it).
 * Node 20 resolves and links each ES module on its own; the command loads some sixty of ours
 * and of its dependencies before it reads a database, and as one bundle starts about 40 ms
 * sooner. The two worker threads are entries of their own, next to the chunks that start
 * them. What publist loads through `require` (citeproc, pdfkit, fontkit, yaml, saxes, JSON
 * data) stays outside, read from node_modules as before.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const outDir = dist('bin');
const { output } = await build({
  input: {
    publist: dist('src/cli/main.js'),
    worker: dist('src/write/pdf/worker.js'),
    'format-worker': dist('src/cite/format-worker.js'),
  },
  platform: 'node',
  logLevel: 'warn',
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
});

// Chunks of earlier builds go only once the new ones are written: emptying the folder first
// would break a `publist` (a test, `watch`) started from this checkout during the build.
const written = new Set(output.map((file) => file.fileName));
for (const name of readdirSync(outDir)) {
  if (!written.has(name)) rmSync(join(outDir, name), { recursive: true, force: true });
}
