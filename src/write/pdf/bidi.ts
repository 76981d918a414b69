/**
 * Right-to-left text in the PDF (a Hebrew or Arabic title in an English CV): the Unicode
 * Bidirectional Algorithm gives each character its embedding level (src/richtext/bidi.ts);
 * the layout cuts boxes where the level changes and, after breaking lines, puts each line's
 * boxes in visual order. A paragraph runs left to right, as the CV does.
 *
 * fontkit draws a box's glyphs right to left when the box's first letter is of a
 * right-to-left script, whatever its level. Where that differs from the level (neutrals such
 * as ") " between Hebrew words, Arabic-Indic digits inside Arabic), the text is handed over
 * already reversed.
 */
import { unicodeBidi } from '../../richtext/bidi.js';

/** The marks that only steer the algorithm: they have no glyph. */
const DIRECTION_MARKS = /[\u200E\u200F\u061C]/g;

/**
 * A slice of the paragraph (starting at `offset`) cut where the level changes and, inside
 * right-to-left text, around each space (a space between two Hebrew words is itself right to
 * left, one at the line's end is not); direction marks left out.
 */
export function levelRuns(
  text: string,
  levels: Uint8Array,
  offset: number,
): { text: string; level: number }[] {
  const runs: { text: string; level: number }[] = [];
  let start = 0;
  for (let index = 1; index <= text.length; index++) {
    const level = levels[offset + start] ?? 0;
    const cut =
      index === text.length ||
      levels[offset + index] !== level ||
      (level > 0 && isSpace(text[index - 1]) !== isSpace(text[index]));
    if (!cut) continue;
    const shown = text.slice(start, index).replace(DIRECTION_MARKS, '');
    if (shown) runs.push({ text: shown, level });
    start = index;
  }
  return runs;
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

/**
 * The text of a box as it is handed to fontkit to draw: brackets mirrored at an odd level
 * ("(" opens on the right), and reversed where fontkit's direction differs from the level's.
 * Boxes are measured before (a mirrored bracket is as wide, a neutral run reversed too).
 */
export function displayText(text: string, level: number): string {
  if (level === 0) return text;
  const rightToLeft = level % 2 === 1;
  const bidi = unicodeBidi();
  const mirrored = rightToLeft
    ? Array.from(text, (char) => bidi.getMirroredCharacter(char) ?? char).join('')
    : text;
  return rightToLeft === drawnRightToLeft(mirrored) ? mirrored : reversed(mirrored);
}

/**
 * The scripts fontkit lays out right to left (its list, by ISO 15924 name), the first
 * character of a script other than Common and Inherited deciding.
 */
const FONTKIT_RIGHT_TO_LEFT = new RegExp(
  `^[${[
    'Arabic',
    'Hebrew',
    'Syriac',
    'Thaana',
    'Cypriot',
    'Kharoshthi',
    'Phoenician',
    'Nko',
    'Lydian',
    'Avestan',
    'Imperial_Aramaic',
    'Inscriptional_Pahlavi',
    'Inscriptional_Parthian',
    'Old_South_Arabian',
    'Old_Turkic',
    'Samaritan',
    'Mandaic',
    'Meroitic_Cursive',
    'Meroitic_Hieroglyphs',
    'Manichaean',
    'Mende_Kikakui',
    'Nabataean',
    'Old_North_Arabian',
    'Palmyrene',
    'Psalter_Pahlavi',
  ]
    .map((script) => `\\p{Script=${script}}`)
    .join('')}]`,
  'u',
);
const SCRIPT_LETTER = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;

function drawnRightToLeft(text: string): boolean {
  const first = SCRIPT_LETTER.exec(text)?.[0];
  return first !== undefined && FONTKIT_RIGHT_TO_LEFT.test(first);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function reversed(text: string): string {
  return Array.from(graphemes.segment(text), (segment) => segment.segment)
    .reverse()
    .join('');
}

/**
 * A line's boxes in the order they are drawn (UAX #9, L1 and L2): spaces at the line's end
 * go back to the paragraph's level, then from the highest level down to 1 every run of boxes
 * at that level or above is reversed.
 */
export function visualOrder<T extends { text: string; level?: number }>(boxes: readonly T[]): T[] {
  const levels = boxes.map((box) => box.level ?? 0);
  for (
    let index = boxes.length - 1;
    index >= 0 && /^\s*$/.test(boxes[index]?.text ?? '');
    index--
  ) {
    levels[index] = 0;
  }
  const highest = Math.max(0, ...levels);
  if (highest === 0) return [...boxes];
  const order = boxes.map((_, index) => index);
  for (let level = highest; level >= 1; level--) {
    for (let start = 0; start < order.length; start++) {
      if ((levels[order[start] as number] ?? 0) < level) continue;
      let end = start;
      while (end + 1 < order.length && (levels[order[end + 1] as number] ?? 0) >= level) end++;
      order.splice(start, end - start + 1, ...order.slice(start, end + 1).reverse());
      start = end;
    }
  }
  return order.map((index) => boxes[index] as T);
}
