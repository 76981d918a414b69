/**
 * The real bibliography files of ../shared/corpus, used in place (they are not part of the
 * repository). Found next to the checkout, at the workplace's shared folder, or wherever
 * PUBLIST_CORPUS points.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

const candidates = [
  process.env.PUBLIST_CORPUS,
  join(ROOT, '..', 'shared', 'corpus'),
  '/work/shared/corpus',
].filter((candidate): candidate is string => Boolean(candidate));

const found = candidates.find((candidate) => existsSync(join(candidate, 'SOURCES.md')));
if (!found) {
  throw new Error(
    `the shared corpus of real bibliography files is not in ${candidates.join(', ')}; set PUBLIST_CORPUS to its folder`,
  );
}

export const CORPUS: string = found;
