/** One measured case in a fresh process; prints its figures as JSON on the last line. */
import { pathToFileURL } from 'node:url';
import { CASES, CLI } from './cases.js';

const [caseName, db, dir] = process.argv.slice(2);
const bench = CASES.find((candidate) => candidate.name === caseName);
if (!bench || !db || !dir) throw new Error(`usage: child.js <case> <db> <dir>`);

let stages: Record<string, number> = {};
process.on('exit', () => {
  // resourceUsage().maxRSS is in KiB.
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stderr.write(`\n@@bench ${JSON.stringify({ stages, peakMiB })}\n`);
});

if (bench.kind === 'stages') {
  stages = await bench.run(db);
} else if (bench.kind === 'publist') {
  // Run the CLI in this very process, as `publist ...` would, with stdout discarded.
  process.argv = [process.argv[0] ?? 'node', 'publist', ...bench.args(db, { dir })];
  process.stdout.write = (() => true) as typeof process.stdout.write;
  await import(pathToFileURL(CLI).href);
}
