/**
 * Text counted as a reader counts it: in characters as seen (grapheme clusters), so that an
 * emoji with its skin tone, or a family of emoji joined into one picture (👨‍👩‍👧, five code
 * points), is one character, and a letter is never parted from its accent.
 */
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function charactersAsSeen(text: string): number {
  let count = 0;
  for (const _grapheme of graphemes.segment(text)) count++;
  return count;
}

/** The first `count` characters of `text` as a reader sees them; all of it when it has no more. */
export function firstCharactersAsSeen(text: string, count: number): string {
  // A character as seen is one code unit or more: text this short has no more to cut.
  if (text.length <= count) return text;
  let seen = 0;
  for (const { index } of graphemes.segment(text)) {
    if (seen === count) return text.slice(0, index);
    seen++;
  }
  return text;
}
