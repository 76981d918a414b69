/**
 * Fonts for the PDF: the theme's faces first, then fallbacks tried per character (the user's
 * fallback files, DejaVu, DejaVu Math, a system CJK collection), so that pdfkit, which has no
 * fallback of its own, gets runs of text each drawn in one face that has every glyph.
 * Files are read only when a character first needs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Font } from 'fontkit';
import { InputError, type Problem } from '../../model/problems.js';
import type { DataPath, SourceDocument } from '../../read/source.js';
import { ProblemList } from '../../validate/problem-list.js';
import { fontkit } from './modules.js';
import {
  builtinFamily,
  fontFile,
  mathFont,
  SYSTEM_CJK_FOLDERS,
  type FontFamily,
  type FontFile,
  type PdfTheme,
} from './theme.js';

export type FaceStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';
export type FontRole = 'body' | 'heading';

export interface Face {
  /** The name the face is registered under in the PDF document. */
  key: string;
  font: Font;
  smallCaps: boolean;
}

export interface FaceRun {
  text: string;
  face: Face;
}

/** The glyph drawn for a character that no font has. */
export const REPLACEMENT = '\uFFFD';

/** Marks, joiners and variation selectors stay in the face of the character they modify. */
const CLUSTER_CONTINUES = /^(?:\p{M}|\u200C|\u200D|[\uFE00-\uFE0F])$/u;

/** Gives the document a face: the parsed font itself, so that pdfkit does not parse it again. */
export type RegisterFace = (key: string, font: Font) => void;

export class FontBook {
  private readonly faces = new Map<string, Face>();
  private readonly chains = new Map<string, Chain>();
  private readonly cjkFace: string;

  constructor(
    private readonly theme: PdfTheme,
    private readonly register: RegisterFace,
    locale: string,
  ) {
    this.cjkFace = cjkRegion(locale);
  }

  /** The face a role and style starts with (the theme's own). */
  primary(role: FontRole, style: FaceStyle): Face {
    const face = this.chain(role, style).face(0);
    if (!face) throw new Error('the primary face is always loadable');
    return face;
  }

  /**
   * Splits text into runs, each in the first face of the chain that has all of its glyphs.
   * Characters no face has become REPLACEMENT and are listed in `missing`.
   */
  split(text: string, role: FontRole, style: FaceStyle, missing: Set<string>): FaceRun[] {
    const chain = this.chain(role, style);
    const primary = chain.face(0);
    if (primary && chain.primaryCovers(text)) return [{ text, face: primary }];
    const runs: FaceRun[] = [];
    let current: Face | undefined;
    let buffer = '';
    const flush = () => {
      if (buffer && current) runs.push({ text: buffer, face: current });
      buffer = '';
    };
    const chars = Array.from(text);
    for (let i = 0; i < chars.length; i++) {
      let cluster = chars[i] as string;
      while (i + 1 < chars.length && continuesCluster(chars[i + 1] as string, cluster)) {
        cluster += chars[++i];
      }
      let face: Face;
      if (/^\s+$/.test(cluster) && current) {
        face = current;
      } else {
        const found = chain.faceFor(cluster);
        if (found) {
          face = found;
        } else {
          missing.add(cluster);
          face = this.replacementFace();
          cluster = REPLACEMENT;
        }
      }
      if (face !== current) {
        flush();
        current = face;
      }
      buffer += cluster;
    }
    flush();
    return runs;
  }

  private replacementFace(): Face {
    return this.load(builtinFamily('dejavu-sans').regular);
  }

  private chain(role: FontRole, style: FaceStyle): Chain {
    const name = `${role}/${style}`;
    let chain = this.chains.get(name);
    if (!chain) {
      chain = new Chain(this.chainFiles(role, style), (file) => this.load(file));
      this.chains.set(name, chain);
    }
    return chain;
  }

  private chainFiles(role: FontRole, style: FaceStyle): (() => FontFile | undefined)[] {
    const { theme } = this;
    const own: FontFamily = theme.fonts[role];
    const sameKind = builtinFamily(theme.kind === 'serif' ? 'dejavu-serif' : 'dejavu-sans');
    const sans = builtinFamily('dejavu-sans');
    const bold = style === 'bold' || style === 'boldItalic';
    // Scripts no slanted face has (Arabic: DejaVu's obliques lack it) are drawn upright.
    const upright = bold ? 'bold' : 'regular';
    return [
      () => own[style],
      ...theme.fonts.fallback.map((file) => () => file),
      () => sameKind[style],
      () => sans[style],
      () => mathFont(),
      () => this.systemCjk(bold),
      ...(style === upright ? [] : [() => sameKind[upright], () => sans[upright]]),
    ];
  }

  /** Debian's fonts-noto-cjk, when installed: serif or sans as the theme, the face by locale. */
  private systemCjk(bold: boolean): FontFile | undefined {
    const family = this.theme.kind === 'serif' ? 'Serif' : 'Sans';
    const weight = bold ? 'Bold' : 'Regular';
    for (const folder of SYSTEM_CJK_FOLDERS) {
      const path = join(folder, `Noto${family}CJK-${weight}.ttc`);
      if (existsSync(path)) {
        return { path, postscriptName: `Noto${family}CJK${this.cjkFace}-${weight}` };
      }
    }
    return undefined;
  }

  private load(file: FontFile): Face {
    const key = file.postscriptName ? `${file.path}#${file.postscriptName}` : file.path;
    const known = this.faces.get(key);
    if (known) return known;
    const face = openFace(file, `F${this.faces.size + 1}`);
    this.register(face.key, face.font);
    this.faces.set(key, face);
    return face;
  }
}

/** The faces of one role and style in fallback order, loaded as characters need them. */
class Chain {
  private readonly loaded: (Face | null | undefined)[] = [];
  private readonly cache = new Map<string, Face | null>();
  /** Per UTF-16 unit of the Basic Multilingual Plane: 0 not yet asked, 1 the first face has it, 2 not. */
  private readonly primaryHas = new Uint8Array(0x10000);

  constructor(
    private readonly files: (() => FontFile | undefined)[],
    private readonly open: (file: FontFile) => Face | null,
  ) {}

  face(index: number): Face | null {
    let face = this.loaded[index];
    if (face === undefined) {
      const file = this.files[index]?.();
      face = file ? this.open(file) : null;
      this.loaded[index] = face;
    }
    return face;
  }

  /** The common case, checked fast: the first face has every character (and none combines). */
  primaryCovers(text: string): boolean {
    const primary = this.face(0);
    if (!primary) return false;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let known = this.primaryHas[unit] as number;
      if (known === 0) {
        const simple =
          (unit < 0xd800 || unit > 0xdfff) && !CLUSTER_CONTINUES.test(text[i] as string);
        known = simple && primary.font.hasGlyphForCodePoint(unit) ? 1 : 2;
        this.primaryHas[unit] = known;
      }
      if (known === 2) return false;
    }
    return true;
  }

  faceFor(cluster: string): Face | null {
    let face = this.cache.get(cluster);
    if (face !== undefined) return face;
    face = null;
    const codePoints = Array.from(cluster, (char) => char.codePointAt(0) as number).filter(
      (codePoint) => codePoint !== 0xfe0f && codePoint !== 0x200d,
    );
    for (let i = 0; i < this.files.length && !face; i++) {
      const candidate = this.face(i);
      if (candidate && codePoints.every((cp) => candidate.font.hasGlyphForCodePoint(cp))) {
        face = candidate;
      }
    }
    this.cache.set(cluster, face);
    return face;
  }
}

function openFace(file: FontFile, key: string): Face {
  if (!existsSync(file.path)) {
    throw new InputError([
      {
        file: file.path,
        line: 1,
        col: 1,
        message: 'font file not found',
        hint: 'check render.pdf.fonts',
      },
    ]);
  }
  const font = readFontFile(file);
  if ('message' in font) throw new InputError([{ file: file.path, line: 1, col: 1, ...font }]);
  return {
    key,
    font,
    smallCaps: font.availableFeatures.includes('smcp'),
  };
}

interface FontFileProblem {
  message: string;
  hint: string;
}

/** The font in the file (the face named after "#" in a collection), or why it cannot be drawn. */
function readFontFile(file: FontFile): Font | FontFileProblem {
  let font: Font;
  try {
    const opened = fontkit.create(readFileSync(file.path));
    if ('fonts' in opened) {
      const wanted = file.postscriptName;
      const chosen = wanted
        ? opened.fonts.find((candidate) => candidate.postscriptName === wanted)
        : opened.fonts[0];
      if (!chosen) {
        const names = opened.fonts.map((candidate) => candidate.postscriptName).join(', ');
        return {
          message: `the collection has no face ${wanted ?? ''}`,
          hint: `its faces: ${names}`,
        };
      }
      font = chosen;
    } else if (file.postscriptName && file.postscriptName !== opened.postscriptName) {
      // A single font file holds one face: a name after "#" that is not its name is a slip.
      return {
        message: `the file holds one face, ${opened.postscriptName}, not ${file.postscriptName}`,
        hint: `name the file alone, or ${basename(file.path)}#${opened.postscriptName}; "#Face" picks a face of a .ttc collection`,
      };
    } else {
      font = opened;
    }
  } catch (error) {
    return {
      message: `not a font publist can embed: ${(error as Error).message}`,
      hint: 'use a .ttf, .otf or .ttc file (not WOFF); pick a face of a .ttc with file.ttc#PostScriptName',
    };
  }
  if (font.type === 'WOFF' || font.type === 'WOFF2') {
    return {
      message: `${font.type} fonts draw wrongly in PDF`,
      hint: 'use the .ttf or .otf file of the same font',
    };
  }
  return font;
}

/**
 * The font files `render.pdf.fonts` names that are there but cannot be drawn with (not a
 * font, no such face in the collection), reported where the database names them, so that
 * `validate` finds what `build` would stop on. (That a file is there is validate's check.)
 */
export function fontFileProblems(
  named: readonly [DataPath, string][],
  source: SourceDocument,
): Problem[] {
  const folder = dirname(source.file);
  const problems = new ProblemList(source);
  for (const [path, spec] of named) {
    const file = fontFile(spec, folder);
    if (!existsSync(file.path)) continue;
    const font = readFontFile(file);
    if ('message' in font) problems.add(path, `${spec}: ${font.message}`, font.hint);
  }
  return problems.items;
}

function continuesCluster(next: string, cluster: string): boolean {
  return CLUSTER_CONTINUES.test(next) || cluster.endsWith('\u200D');
}

/** Noto CJK's collection holds one face per region; the locale picks the glyph forms. */
function cjkRegion(locale: string): string {
  const [language, region] = locale.split('-');
  if (language === 'ja') return 'jp';
  if (language === 'ko') return 'kr';
  if (language === 'zh' && (region === 'TW' || region === 'HK')) return 'tc';
  return 'sc';
}
