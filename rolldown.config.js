/**
 * The `publist` command as one bundle (`dist/bin/`), built from tsc's output. Node 20 resolves
 * and links each ES module on its own; the command loads some sixty of ours and of its
 * dependencies before it reads a database, and as a bundle starts about 40 ms sooner.
 * The two worker threads are entries of their own, next to the chunks that start them.
 * Packages loaded through `require` (citeproc, pdfkit, fontkit, yaml) stay outside.
 */
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    publist: 'dist/src/cli/main.js',
    worker: 'dist/src/write/pdf/worker.js',
    'format-worker': 'dist/src/cite/format-worker.js',
  },
  platform: 'node',
  output: {
    dir: 'dist/bin',
    cleanDir: true,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
});
