import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary folder of a test run (the tests' own, TeX's, the CLI's they spawn) goes
 * under one folder that is removed when the run ends: `tmpdir()` reads TMPDIR, which the
 * test workers and the processes they spawn inherit. The citation cache is there too: one
 * kept beside data/papers.yaml from an earlier run would let a test pass on citations
 * formatted by older code.
 */
export default function temporaryRoot(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'publist-test-run-'));
  process.env.TMPDIR = root;
  process.env.PUBLIST_CACHE_DIR = join(root, 'citation-cache');
  return () => rmSync(root, { recursive: true, force: true });
}
