import { closest, distance } from 'fastest-levenshtein';

/** "did you mean `venue`?" when a close enough candidate exists. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word.toLowerCase(), [...candidates]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best) <= limit ? `did you mean \`${best}\`?` : undefined;
}

/** Up to `count` candidates ordered by closeness to `word`. */
export function closestMatches(word: string, candidates: readonly string[], count = 3): string[] {
  const lower = word.toLowerCase();
  return [...candidates]
    .map((candidate) => ({ candidate, score: distance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((entry) => entry.candidate);
}
