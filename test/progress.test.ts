/**
 * Progress on long work: the pipeline reports it (formatting citations, drawing a PDF), and
 * the command shows it as one line on a terminal, cleared before anything else is printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticDatabase } from '../bench/synthetic.js';
import { StatusLine } from '../src/cli/status.js';
import { renderDatabase } from '../src/pipeline.js';
import type { ProgressTask } from '../src/progress.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { CLI } from './support/cli.js';
import { toolsAvailable } from './support/tools.js';

const CLEAR = '\r\u001b[K';

describe('the status line', () => {
  const line = (enabled = true) => {
    const written: string[] = [];
    let clock = 0;
    const status = new StatusLine({ write: (text) => written.push(text) }, enabled, () => clock);
    return { status, written, at: (ms: number) => (clock = ms) };
  };

  it('stays silent in the first half second of a run, then redraws at most every 0.1 s', () => {
    const { status, written, at } = line();
    at(300);
    status.progress('citations', 100, 10_000);
    expect(written).toEqual([]);
    at(600);
    status.progress('citations', 2_000, 10_000);
    at(650);
    status.progress('citations', 2_500, 10_000);
    at(720);
    status.progress('pdf', 5, 40);
    expect(written).toEqual([
      `${CLEAR}formatting citations: 2,000 of 10,000`,
      `${CLEAR}drawing the PDF: 12%`,
    ]);
  });

  it('clears itself when the work is done, or before other output, and only when shown', () => {
    const { status, written, at } = line();
    status.clear();
    at(900);
    status.progress('citations', 1, 2);
    status.progress('citations', 2, 2);
    status.clear();
    expect(written).toEqual([`${CLEAR}formatting citations: 1 of 2`, CLEAR]);
  });

  it('is quiet again in the first half second of each build watch makes', () => {
    const { status, written, at } = line();
    at(10_000);
    status.restart();
    at(10_300);
    status.progress('pdf', 1, 4);
    at(10_600);
    status.progress('pdf', 2, 4);
    expect(written).toEqual([`${CLEAR}drawing the PDF: 50%`]);
  });

  it('prints nothing when it is off (no terminal, CI)', () => {
    const { status, written, at } = line(false);
    at(5_000);
    status.progress('citations', 1, 2);
    status.clear();
    expect(written).toEqual([]);
  });
});

describe('the pipeline', () => {
  it('reports how many citations are formatted, and how much of the PDF is drawn', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-progress-'));
    const file = join(folder, 'papers.yaml');
    const text = syntheticDatabase(600);
    writeFileSync(file, text);
    const database = await validateDatabase(parseSource(file, text));
    const heard: Record<ProgressTask, [number, number][]> = { citations: [], pdf: [] };
    await renderDatabase(database, {
      format: 'pdf',
      overrides: { style: 'ieee' },
      warn: () => undefined,
      progress: (task, done, total) => heard[task].push([done, total]),
    });
    for (const task of ['citations', 'pdf'] as const) {
      const reports = heard[task];
      expect(reports.length, task).toBeGreaterThan(2);
      const dones = reports.map(([done]) => done);
      expect(dones, task).toEqual([...dones].sort((a, b) => a - b));
    }
    expect(heard.citations.at(-1)).toEqual([600, 600]);
    expect(heard.pdf.at(-1)).toEqual([1_200, 1_200]);
  });
});

describe.runIf(toolsAvailable('script'))('the command on a terminal', () => {
  it('leaves every line it prints whole: a progress line is cleared first', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-progress-'));
    writeFileSync(join(folder, 'papers.yaml'), syntheticDatabase(800));
    const command = `${process.execPath} ${CLI} build papers.yaml --out-dir out`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, CI: '', PUBLIST_CACHE: 'off' },
    });
    expect(result.status).toBe(0);
    // Drawing 800 papers' PDF outlasts the quiet first half second: progress was shown.
    expect(result.stdout).toContain(`${CLEAR}drawing the PDF: `);
    // What the terminal shows: each line as it stands after the last clear on it.
    const screen = result.stdout
      .split(/\r?\n/)
      .map((line) => line.split(CLEAR).at(-1)?.replace(/\r$/, '') ?? '')
      .filter(Boolean);
    expect(screen.map((line) => line.replace(/ \(.*\)$/, '').replace(/\d+ ms$/, 'N ms'))).toEqual([
      'wrote out/publications.json',
      'wrote out/cv.pdf',
      'wrote out/publications.md',
      'wrote out/publications.html',
      'wrote out/publications.tex',
      'wrote out/cv-latex.tex',
      'wrote out/publications.bib',
      'built 7 outputs in N ms',
    ]);
  });
});
