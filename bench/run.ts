/**
 * `npm run bench [-- --sizes 20,1000 --filter markdown --runs 3]`: builds synthetic
 * databases, runs every case of bench/cases.ts as a fresh process per size, and prints
 * wall time (median of the runs), the case's own stage times, and peak memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CASES, type BenchCase } from './cases.js';
import { syntheticDatabase } from './synthetic.js';

const SEED_DATABASE = fileURLToPath(new URL('../../data/papers.yaml', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20,1000,10000' },
    filter: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));

interface Measurement {
  wallMs: number;
  stages: Record<string, number>;
  peakMiB?: number;
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function measureOnce(
  bench: BenchCase,
  db: string,
  dir: string,
): Promise<Measurement | undefined> {
  let file = process.execPath;
  let args = [CHILD, bench.name, db, dir];
  let env: NodeJS.ProcessEnv = process.env;
  if (bench.kind === 'external') {
    const command = await bench.command(db, { dir });
    if (!command) return undefined;
    ({ file, args } = command);
  } else if (bench.kind === 'publist') {
    bench.prepare?.(db, { dir });
    env = { ...process.env, ...bench.env?.({ dir }) };
  }
  const started = performance.now();
  const result = spawnSync(file, args, {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`${bench.name} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  const report = /@@bench (.*)$/m.exec(result.stderr ?? '');
  const figures = report?.[1]
    ? (JSON.parse(report[1]) as { stages: Record<string, number>; peakMiB: number })
    : undefined;
  return {
    wallMs,
    stages: figures?.stages ?? {},
    ...(figures ? { peakMiB: figures.peakMiB } : {}),
  };
}

function format(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

const root = mkdtempSync(join(tmpdir(), 'publist-bench-'));
try {
  console.log(
    `publist bench — node ${process.version}, ${runs} run(s) per case, median wall time of a cold process\n`,
  );
  console.log('| case | papers | wall | stages | peak RSS | vs baseline |');
  console.log('|---|---:|---:|---|---:|---:|');
  for (const size of sizes) {
    const db = size === 20 ? SEED_DATABASE : join(root, `papers-${size}.yaml`);
    if (size !== 20) writeFileSync(db, syntheticDatabase(size));
    const results = new Map<string, number>();
    for (const bench of CASES) {
      if (values.filter && !bench.name.includes(values.filter)) continue;
      if (bench.sizes && !bench.sizes.includes(size)) continue;
      const dir = join(root, `${bench.name.replace(/\W+/g, '-')}-${size}`);
      mkdirSync(dir, { recursive: true });
      const measurements: Measurement[] = [];
      for (let run = 0; run < (size >= 10000 ? 1 : runs); run++) {
        const measurement = await measureOnce(bench, db, dir);
        if (!measurement) break;
        measurements.push(measurement);
      }
      if (!measurements.length) {
        console.log(`| ${bench.name} | ${size} | (tool not installed) | | | |`);
        continue;
      }
      const wall = median(measurements.map((m) => m.wallMs));
      results.set(bench.name, wall);
      const last = measurements.at(-1) as Measurement;
      const stages = Object.entries(last.stages)
        .map(([name, ms]) => `${name} ${format(ms)}`)
        .join(', ');
      const baselineName = bench.kind === 'stages' ? undefined : bench.baseline;
      const baseline = baselineName ? results.get(baselineName) : undefined;
      const ratio = baseline ? `${(wall / baseline).toFixed(2)}× ${baselineName}` : '';
      const peak = last.peakMiB ? `${last.peakMiB.toFixed(0)} MiB` : '';
      console.log(`| ${bench.name} | ${size} | ${format(wall)} | ${stages} | ${peak} | ${ratio} |`);
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
