/**
 * Paragraph layout for the PDF: the rich-text tree becomes styled spans, the spans are cut at
 * Unicode line-break opportunities (UAX #14, so CJK and long URLs break too), each piece is
 * split into runs by font coverage and measured, and pieces fill lines greedily. A piece wider
 * than a line (a 120-character word) is cut between characters. Right-to-left text is cut
 * into boxes by direction and each line's boxes are put in visual order (bidi.ts).
 */
import { texToInlines } from '../../richtext/math.js';
import type { Highlight } from '../../model/vocabulary.js';
import type { Inline, RichText } from '../../richtext/richtext.js';
import { bidiLevels } from '../../richtext/bidi.js';
import { webLink } from '../../richtext/web-link.js';
import { displayText, levelRuns, visualOrder } from './bidi.js';
import type { Face, FaceStyle, FontBook, FontRole } from './fonts.js';
import { LineBreaker } from './modules.js';

export interface TextStyle {
  role: FontRole;
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  smallCaps?: boolean;
  script?: 'superscript' | 'subscript';
  link?: string;
  underline?: boolean;
}

const CONTROL_SPACE = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

export interface Span {
  text: string;
  style: TextStyle;
}

/** How a link inside the reference text looks. */
export interface LinkLook {
  color?: string;
  underline: boolean;
}

/**
 * The rich text as flat spans: math as Unicode (scripts raised or lowered), the owner bold
 * or underlined, as `highlight` says.
 */
export function flatten(
  nodes: RichText,
  base: TextStyle,
  link: LinkLook,
  highlight: Highlight,
): Span[] {
  const spans: Span[] = [];
  const walk = (list: readonly Inline[], style: TextStyle) => {
    for (const node of list) {
      switch (node.kind) {
        case 'text':
          // Tabs and line breaks in the data are spaces on the page (fonts have no glyph for them).
          if (node.text) spans.push({ text: node.text.replace(CONTROL_SPACE, ' '), style });
          break;
        case 'math':
          walk(texToInlines(node.tex), style);
          break;
        case 'italic':
          walk(node.children, { ...style, italic: !style.italic });
          break;
        case 'bold':
          walk(node.children, { ...style, bold: true });
          break;
        case 'owner':
          walk(
            node.children,
            highlight === 'underline' ? { ...style, underline: true } : { ...style, bold: true },
          );
          break;
        case 'smallcaps':
          walk(node.children, { ...style, smallCaps: true });
          break;
        case 'superscript':
        case 'subscript':
          walk(node.children, { ...style, script: node.kind });
          break;
        case 'link': {
          const target = webLink(node.url);
          walk(
            node.children,
            target === undefined
              ? style
              : {
                  ...style,
                  link: target,
                  ...(link.color ? { color: link.color } : {}),
                  underline: link.underline,
                },
          );
          break;
        }
      }
    }
  };
  walk(nodes, base);
  return spans;
}

/** A measured run of text in one face, one size, one style. */
export interface Box {
  text: string;
  face: Face;
  size: number;
  /** Baseline shift upwards, in points (superscript > 0, subscript < 0). */
  rise: number;
  width: number;
  color: string;
  features?: string[];
  link?: string;
  underline?: boolean;
  /** The embedding level of right-to-left text (odd) and of numbers and Latin inside it (even). */
  level?: number;
}

export interface PlacedBox extends Box {
  x: number;
}

export interface Line {
  boxes: PlacedBox[];
  width: number;
}

export type Measure = (text: string, face: Face, size: number, features?: string[]) => number;

export interface ParagraphShape {
  /** The width of the first line and of the lines after it (a hanging indent makes them differ). */
  firstWidth: number;
  restWidth: number;
}

/** Lays spans out in lines; characters no font has are added to `missing`. */
export function layoutParagraph(
  spans: readonly Span[],
  shape: ParagraphShape,
  fonts: FontBook,
  measure: Measure,
  missing: Set<string>,
): Line[] {
  const pieces = cutPieces(spans, fonts, measure, missing);
  const lines: Line[] = [];
  let boxes: Box[] = [];
  let width = 0;
  const available = () => (lines.length === 0 ? shape.firstWidth : shape.restWidth);
  const endLine = () => {
    if (boxes.length) lines.push(placeLine(boxes, measure));
    boxes = [];
    width = 0;
  };
  const add = (piece: Piece) => {
    if (boxes.length && width + piece.trimmedWidth > available()) endLine();
    if (!boxes.length && piece.trimmedWidth > available()) {
      for (const part of splitWide(piece, measure)) {
        if (boxes.length && width + part.trimmedWidth > available()) endLine();
        boxes.push(...part.boxes);
        width += part.width;
      }
    } else {
      boxes.push(...piece.boxes);
      width += piece.width;
    }
    if (piece.required) endLine();
  };
  for (const piece of pieces) add(piece);
  endLine();
  return lines;
}

interface Piece {
  boxes: Box[];
  width: number;
  /** Without the trailing spaces, which may hang past the line's end. */
  trimmedWidth: number;
  /** A forced line break follows. */
  required: boolean;
}

function cutPieces(
  spans: readonly Span[],
  fonts: FontBook,
  measure: Measure,
  missing: Set<string>,
): Piece[] {
  const text = spans.map((span) => span.text).join('');
  const levels = bidiLevels(text);
  const pieces: Piece[] = [];
  let spanIndex = 0;
  let spanStart = 0;
  let last = 0;
  for (const next of lineBreaks(text)) {
    const boxes: Box[] = [];
    // Walk the spans that overlap [last, next.position).
    while (last < next.position) {
      const span = spans[spanIndex] as Span;
      const spanEnd = spanStart + span.text.length;
      const end = Math.min(spanEnd, next.position);
      let slice = span.text.slice(last - spanStart, end - spanStart);
      if (next.required && end === next.position) slice = slice.replace(/[\r\n\u2028\u2029]+$/, '');
      if (slice && levels) {
        for (const run of levelRuns(slice, levels, last)) {
          boxes.push(...styledBoxes(run.text, span.style, fonts, measure, missing, run.level));
        }
      } else if (slice) {
        boxes.push(...styledBoxes(slice, span.style, fonts, measure, missing));
      }
      last = end;
      if (end === spanEnd) {
        spanIndex++;
        spanStart = spanEnd;
      }
    }
    if (boxes.length) {
      const width = boxes.reduce((sum, box) => sum + box.width, 0);
      pieces.push({
        boxes,
        width,
        trimmedWidth: width - trailingSpaceWidth(boxes, measure),
        required: next.required,
      });
    } else if (next.required && pieces.length) {
      (pieces[pieces.length - 1] as Piece).required = true;
    }
  }
  return pieces;
}

interface LineBreak {
  /** The line may end before this index. */
  position: number;
  /** A forced line break. */
  required: boolean;
}

/**
 * Where lines may end: the Unicode line-break opportunities, except inside web addresses and
 * DOIs. There a line never ends at a hyphen (PDF viewers and pdftotext take a hyphen at a
 * line end for hyphenation and drop it when the text is copied: a wrong DOI), but after a
 * "/" of the path, a "." before a letter, "?" or "&"; never inside the scheme and host
 * ("https://arxiv.org/" stays whole) or a DOI's prefix ("10.18653/").
 */
function lineBreaks(text: string): LineBreak[] {
  const breaker = new LineBreaker(text);
  const breaks: LineBreak[] = [];
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    breaks.push({ position: next.position, required: next.required });
  }
  const addresses = addressRanges(text);
  if (!addresses.length) return breaks;
  const inside = (position: number) =>
    addresses.some((range) => range.start < position && position < range.end);
  const kept = breaks.filter((point) => !inside(point.position));
  for (const range of addresses) {
    for (let position = range.bodyStart + 1; position < range.end; position++) {
      if (addressBreakBefore(text, position)) kept.push({ position, required: false });
    }
  }
  return kept.sort((a, b) => a.position - b.position);
}

interface AddressRange {
  start: number;
  /** Where breaks may start: after the scheme and host of a URL, after the prefix of a DOI. */
  bodyStart: number;
  end: number;
}

/**
 * A URL (a scheme and "//", or "www."), with its host; a DOI's prefix ("10.1234/"); or an
 * e-mail address, which is never broken.
 */
const ADDRESS =
  /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s/]*|\b10\.\d{4,9}\/|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
/** The rest of a URL or DOI: up to whitespace. */
const ADDRESS_REST = /[^\s<>"]*/y;
/** Punctuation that ends the sentence rather than the address. */
const TRAILING = /[.,;:!?'"”’»]+$/u;

function addressRanges(text: string): AddressRange[] {
  const ranges: AddressRange[] = [];
  const pattern = new RegExp(ADDRESS);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    const bodyStart = start + match[0].length;
    if (match[0].includes('@')) {
      ranges.push({ start, bodyStart, end: bodyStart });
      continue;
    }
    ADDRESS_REST.lastIndex = bodyStart;
    let body = (ADDRESS_REST.exec(text)?.[0] ?? '').replace(TRAILING, '');
    // A closing bracket belongs to the address only when the address opened it.
    while (/[)\]]$/u.test(body) && !body.includes(body.endsWith(')') ? '(' : '[')) {
      body = body.slice(0, -1).replace(TRAILING, '');
    }
    ranges.push({ start, bodyStart, end: bodyStart + body.length });
    // A DOI inside a URL (https://doi.org/10.…) is part of that URL.
    pattern.lastIndex = Math.max(pattern.lastIndex, bodyStart + body.length);
  }
  return ranges;
}

const LETTER = /\p{L}/u;

function addressBreakBefore(text: string, position: number): boolean {
  const before = text[position - 1] as string;
  const after = text[position] as string;
  switch (before) {
    case '/':
      return after !== '/';
    case '.':
      return LETTER.test(after);
    case '?':
    case '&':
      return true;
    default:
      return false;
  }
}

/** Superscripts and subscripts: smaller, and shifted from the baseline. */
const SCRIPT_SCALE = 0.7;
const SCRIPT_RISE = { superscript: 0.35, subscript: -0.15 };
/** OpenType small capitals; one array, so that boxes compare their features by identity. */
const SMALL_CAPS = ['smcp'];
/** Small capitals drawn by scaling capitals, for faces without the OpenType `smcp` feature. */
const SYNTHETIC_SMALL_CAPS = 0.8;

function styledBoxes(
  text: string,
  style: TextStyle,
  fonts: FontBook,
  measure: Measure,
  missing: Set<string>,
  level = 0,
): Box[] {
  const faceStyle: FaceStyle = style.bold
    ? style.italic
      ? 'boldItalic'
      : 'bold'
    : style.italic
      ? 'italic'
      : 'regular';
  const size = style.script ? style.size * SCRIPT_SCALE : style.size;
  const rise = style.script ? style.size * SCRIPT_RISE[style.script] : 0;
  const boxes: Box[] = [];
  for (const run of fonts.split(text, style.role, faceStyle, missing)) {
    const common = {
      face: run.face,
      rise,
      color: style.color,
      ...(style.link ? { link: style.link } : {}),
      ...(style.underline ? { underline: true } : {}),
      ...(level ? { level } : {}),
    };
    if (style.smallCaps && run.face.smallCaps) {
      const features = SMALL_CAPS;
      boxes.push({
        ...common,
        text: run.text,
        size,
        features,
        width: measure(run.text, run.face, size, features),
      });
    } else if (style.smallCaps) {
      // Lower-case letters become scaled capitals; the rest keeps its size.
      for (const part of run.text.match(/\p{Ll}+|[^\p{Ll}]+/gu) ?? []) {
        const lower = /^\p{Ll}/u.test(part);
        const partText = lower ? part.toLocaleUpperCase() : part;
        const partSize = lower ? size * SYNTHETIC_SMALL_CAPS : size;
        boxes.push({
          ...common,
          text: partText,
          size: partSize,
          width: measure(partText, run.face, partSize),
        });
      }
    } else {
      boxes.push({ ...common, text: run.text, size, width: measure(run.text, run.face, size) });
    }
  }
  return boxes;
}

/** Spaces are measured alone (one cached shaping per face and size) rather than re-shaping the word. */
function trailingSpaceWidth(boxes: readonly Box[], measure: Measure): number {
  const lastBox = boxes[boxes.length - 1];
  const spaces = lastBox ? /\s+$/.exec(lastBox.text)?.[0] : undefined;
  if (!lastBox || !spaces) return 0;
  if (spaces.length === lastBox.text.length) return lastBox.width;
  let width = 0;
  for (const space of spaces) width += measure(space, lastBox.face, lastBox.size, lastBox.features);
  return width;
}

/**
 * A piece too wide for any line, cut into one piece per character cluster — except after a
 * hyphen, which would read as hyphenation at a line end (and be dropped when copied).
 */
function splitWide(piece: Piece, measure: Measure): Piece[] {
  const parts: Piece[] = [];
  for (const box of piece.boxes) {
    for (const cluster of clusters(box.text)) {
      const width = measure(cluster, box.face, box.size, box.features);
      const part = { ...box, text: cluster, width };
      const space = /^\s+$/.test(cluster);
      const previous = parts[parts.length - 1];
      if (previous && HYPHEN_END.test((previous.boxes[previous.boxes.length - 1] as Box).text)) {
        previous.boxes.push(part);
        previous.trimmedWidth = space ? previous.width : previous.width + width;
        previous.width += width;
      } else {
        parts.push({ boxes: [part], width, trimmedWidth: space ? 0 : width, required: false });
      }
    }
  }
  return parts;
}

const HYPHEN_END = /[-\u2010\u2011]$/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function clusters(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

/**
 * Places boxes left to right in visual order, merging neighbours of one style where the first
 * ends in a space (so that pdfkit, which shapes word by word up to each space, finds the words
 * it measured), and lets trailing spaces hang: they are drawn but take no width. Right-to-left
 * boxes stay apart: fontkit reverses each box it draws right to left as a whole.
 */
function placeLine(boxes: readonly Box[], measure: Measure): Line {
  const merged: Box[] = [];
  for (const box of visualOrder(boxes)) {
    const previous = merged[merged.length - 1];
    if (box.level) {
      merged.push({ ...box, text: displayText(box.text, box.level) });
    } else if (previous && sameStyle(previous, box) && /\s$/.test(previous.text)) {
      merged[merged.length - 1] = {
        ...previous,
        text: previous.text + box.text,
        width: previous.width + box.width,
      };
    } else {
      merged.push(box);
    }
  }
  const lastIndex = merged.length - 1;
  const lastBox = merged[lastIndex];
  if (lastBox && /\s$/.test(lastBox.text)) {
    merged[lastIndex] = {
      ...lastBox,
      width: lastBox.width - trailingSpaceWidth([lastBox], measure),
    };
  }
  let x = 0;
  const placed = merged.map((box) => {
    const at = { ...box, x };
    x += box.width;
    return at;
  });
  return { boxes: placed, width: x };
}

function sameStyle(a: Box, b: Box): boolean {
  return (
    a.face === b.face &&
    a.size === b.size &&
    a.rise === b.rise &&
    a.color === b.color &&
    a.link === b.link &&
    a.underline === b.underline &&
    a.features === b.features &&
    a.level === b.level
  );
}
