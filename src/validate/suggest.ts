import { closest, distance } from 'fastest-levenshtein';
import { compareText } from '../model/text-order.js';

/**
 * "did you mean `venue`?" when a close enough candidate exists, whatever the case ("lg"
 * finds `LG`). A suggestion keeps at least one character of the word: two edits turn any
 * two-letter word into any other, and a three-letter word into many ("foo" into "book"),
 * so a word that short may be one edit away.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const byLower = new Map(candidates.map((candidate) => [candidate.toLowerCase(), candidate]));
  const best = closest(lower, [...byLower.keys()]);
  const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  return distance(lower, best) <= limit ? `did you mean \`${byLower.get(best)}\`?` : undefined;
}

/** Up to `count` candidates ordered by closeness to `word`. */
export function closestMatches(word: string, candidates: readonly string[], count = 3): string[] {
  const lower = word.toLowerCase();
  return [...candidates]
    .map((candidate) => ({ candidate, score: distance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.score - b.score || compareText(a.candidate, b.candidate))
    .slice(0, count)
    .map((entry) => entry.candidate);
}

/**
 * The choice a wrong value of a fixed-choice setting meant: a close spelling (`yaer`), or
 * the choices it shortens or lengthens (`desc` for descending, `descending` for desc,
 * `dejavu` for dejavu-serif or dejavu-sans).
 */
export function suggestChoice(word: string, choices: readonly string[]): string | undefined {
  const close = didYouMean(word, choices);
  if (close) return close;
  const lower = word.toLowerCase();
  if (lower.length < 2) return undefined;
  const related = choices.filter((choice) => {
    const candidate = choice.toLowerCase();
    return candidate.startsWith(lower) || (candidate.length >= 2 && lower.startsWith(candidate));
  });
  if (related.length === 0 || related.length > 3) return undefined;
  return `did you mean ${related.map((choice) => `\`${choice}\``).join(' or ')}?`;
}
