import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';

describe('BibTeX from the command line', () => {
  it('publist build writes out/publications.bib with an entry per paper', () => {
    const out = mkdtempSync(join(tmpdir(), 'publist-bib-'));
    const result = runCli(['build', DEFAULT_DB, '--out-dir', out, '--quiet']);
    expect(result.status).toBe(0);
    const bib = readFileSync(join(out, 'publications.bib'), 'utf8');
    expect(bib.match(/^@\w+\{[\w.:+-]+,$/gm)).toHaveLength(20);
    expect(bib).toContain('@inproceedings{liao2022maskmore,\n');
  });

  it('publist render --format biblatex filters like every format', () => {
    const result = runCli(['render', DEFAULT_DB, '--format', 'biblatex', '--since', '2025']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^% 8 entries exported by publist from papers\.yaml \(BibLaTeX, for biber\)\n/,
    );
    expect(
      result.stdout.match(/^ {2}date = \{(\d{4})/gm)?.every((line) => /202[56]/.test(line)),
    ).toBe(true);
  });
});
