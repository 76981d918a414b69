/**
 * Right-to-left text (a Hebrew or Arabic title in an English CV), shared by the writers that
 * lay it out: the Unicode Bidirectional Algorithm (UAX #9, from bidi-js) gives each character
 * its embedding level in a paragraph that runs left to right, as the CV does.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let bidi: import('bidi-js').Bidi | undefined;

/**
 * The bidirectional algorithm, loaded when the first right-to-left text needs it (through
 * `require`: its CommonJS build loads faster in Node 20).
 */
export function unicodeBidi(): import('bidi-js').Bidi {
  bidi ??= (require('bidi-js') as typeof import('bidi-js').default)();
  return bidi;
}

/**
 * Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
 * Mandaic, their presentation forms, the historic scripts of the SMP) and the marks that
 * turn text right to left. Text with none of them is left to right throughout.
 */
export const RIGHT_TO_LEFT =
  /[\u0590-\u08FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Embedding levels per UTF-16 index, or none when the text runs left to right throughout. */
export function bidiLevels(text: string): Uint8Array | undefined {
  if (!RIGHT_TO_LEFT.test(text)) return undefined;
  const { levels } = unicodeBidi().getEmbeddingLevels(text, 'ltr');
  return levels.some((level) => level > 0) ? levels : undefined;
}
