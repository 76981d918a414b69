/**
 * How long an authorship mark may be, counted as a reader counts: in characters as seen
 * (graphemes.ts). `--equal-mark` and `equal_mark` in the database are both checked here, so
 * that they take the same marks.
 */
import { charactersAsSeen } from './graphemes.js';
import { MARK_MAX_LENGTH } from './vocabulary.js';

/** What is wrong with a mark's length, as a clause; undefined when it is short enough. */
export function markLengthProblem(mark: string): string | undefined {
  const length = charactersAsSeen(mark);
  if (length <= MARK_MAX_LENGTH) return undefined;
  return `a mark has at most ${MARK_MAX_LENGTH} characters as a reader sees them (an emoji with its skin tone, or a family of joined emoji, is one), and this one has ${length}`;
}
