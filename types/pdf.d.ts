// fontkit 2 and linebreak 1 ship no type declarations; these cover what the PDF writer uses.
declare module 'fontkit' {
  export interface Font {
    type: string;
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    availableFeatures: string[];
    /** Every code point the font maps to a glyph. */
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Shapes text (pdfkit calls it; a parsed font is recognised by it). */
    layout(text: string, features?: string[]): unknown;
  }
  export interface FontCollection {
    type: 'TTC' | 'DFont';
    fonts: Font[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}

declare module 'linebreak' {
  export interface Break {
    position: number;
    required: boolean;
  }
  /** Unicode line breaking (UAX #14): the positions where a line may end. */
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}

// bidi-js 1.0 ships no type declarations; these cover what the PDF writer uses.
declare module 'bidi-js' {
  export interface Bidi {
    /** Each UTF-16 index's embedding level (UAX #9): odd runs right to left. */
    getEmbeddingLevels(
      text: string,
      direction?: 'ltr' | 'rtl' | 'auto',
    ): { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] };
    /** The character's mirror image ("(" for ")"), if it has one. */
    getMirroredCharacter(char: string): string | null;
  }
  export default function bidiFactory(): Bidi;
}
