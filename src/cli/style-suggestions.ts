import { didYouMean } from '../validate/suggest.js';

/**
 * The suggested styles that resemble what was typed: each word of the query begins a word of
 * the name or is a near miss of one ("chicgo autor": chicago-author-date), or the query
 * abbreviates the name ("acl": association-for-computational-linguistics). The nearest names
 * by spelling are suggested whatever was typed; "zzzqqq" resembles none of them.
 */
export function resemblingStyles(query: string, suggestions: readonly string[]): string[] {
  const asked = query
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  return suggestions.filter((name) => {
    const words = name.toLowerCase().split('-');
    const [only] = asked;
    if (asked.length === 1 && only && abbreviates(only, words)) return true;
    return asked.every((word) =>
      words.some((part) => part.startsWith(word) || didYouMean(word, [part]) !== undefined),
    );
  });
}

/** "acl" for association-for-computational-linguistics: the initials, in order, from the first. */
function abbreviates(typed: string, words: readonly string[]): boolean {
  const initials = words.map((word) => word[0] ?? '').join('');
  if (typed.length < 2 || typed[0] !== initials[0]) return false;
  let at = 0;
  for (const letter of typed) {
    at = initials.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
