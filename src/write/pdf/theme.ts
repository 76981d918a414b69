/**
 * The PDF theme: a built-in base (classic or modern) adjusted by the database's `render.pdf`
 * section and the writer's flags. Pure data; nothing here touches pdfkit.
 */
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FontFamilyInput, PdfSection } from '../../model/schema.js';
import type {
  BuiltinFontFamily,
  PaperSize,
  PdfLabelStyle,
  PdfLinkStyle,
  PdfThemeName,
} from '../../model/vocabulary.js';

/** One font file, and the face inside it when the file is a collection (.ttc). */
export interface FontFile {
  path: string;
  postscriptName?: string;
}

export interface FontFamily {
  regular: FontFile;
  bold: FontFile;
  italic: FontFile;
  boldItalic: FontFile;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PdfTheme {
  name: PdfThemeName;
  paper: PaperSize;
  /** Width and height in points. */
  pageSize: [number, number];
  margins: Margins;
  /** The heading above the list; without one, "Publications" in the output's language. */
  title?: string;
  fonts: { body: FontFamily; heading: FontFamily; fallback: FontFile[] };
  /** The bundled fallbacks of the same kind (serif or sans) as the body. */
  kind: 'serif' | 'sans';
  sizes: { name: number; heading: number; body: number; small: number };
  colors: { text: string; accent: string; muted: string; link: string };
  links: PdfLinkStyle;
  labels: PdfLabelStyle;
  /** Line height as a multiple of the font size. */
  leading: number;
  /** The header and headings: centred with small caps, or flush left with bold. */
  layout: 'centred' | 'flush';
}

const POINTS_PER_UNIT: Record<string, number> = { pt: 1, mm: 72 / 25.4, cm: 72 / 2.54, in: 72 };

const PAGE_SIZES: Record<PaperSize, [number, number]> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
};

interface BaseTheme extends Omit<PdfTheme, 'fonts' | 'pageSize' | 'margins'> {
  margins: number;
  body: BuiltinFontFamily;
  heading: BuiltinFontFamily;
}

const BASE_THEMES: Record<PdfThemeName, BaseTheme> = {
  classic: {
    name: 'classic',
    paper: 'a4',
    margins: mm(20),
    kind: 'serif',
    body: 'source-serif',
    heading: 'source-serif',
    sizes: { name: 24, heading: 12, body: 10, small: 8 },
    colors: { text: '#1a1a1a', accent: '#7b1e22', muted: '#6b6b6b', link: '#7b1e22' },
    links: 'color',
    labels: 'brackets',
    leading: 1.3,
    layout: 'centred',
  },
  modern: {
    name: 'modern',
    paper: 'a4',
    margins: mm(18),
    kind: 'sans',
    body: 'source-sans',
    heading: 'source-sans',
    sizes: { name: 26, heading: 12.5, body: 10, small: 8 },
    colors: { text: '#222222', accent: '#0b6e99', muted: '#707070', link: '#0b6e99' },
    links: 'color',
    labels: 'brackets',
    leading: 1.32,
    layout: 'flush',
  },
};

/** The writer's own flags, as `publist render --format pdf` and `render.outputs[].options` give them. */
export interface PdfFlags {
  theme?: PdfThemeName;
  paper?: PaperSize;
  links?: PdfLinkStyle;
  labels?: PdfLabelStyle;
}

/** Defaults < built-in theme < `render.pdf` < flags. Relative font paths are against the database. */
export function resolveTheme(
  section: PdfSection | undefined,
  flags: PdfFlags,
  databaseFile: string,
): PdfTheme {
  const base = BASE_THEMES[flags.theme ?? section?.theme ?? 'classic'];
  const paper = flags.paper ?? section?.paper ?? base.paper;
  const folder = dirname(resolve(databaseFile));
  const margins = section?.margins;
  const side = (value: number | string | undefined) =>
    value === undefined ? base.margins : toPoints(value);
  return {
    name: base.name,
    paper,
    pageSize: PAGE_SIZES[paper],
    margins:
      typeof margins === 'object'
        ? {
            top: side(margins.top),
            right: side(margins.right),
            bottom: side(margins.bottom),
            left: side(margins.left),
          }
        : {
            top: side(margins),
            right: side(margins),
            bottom: side(margins),
            left: side(margins),
          },
    fonts: {
      body: fontFamily(section?.fonts?.body ?? base.body, folder),
      heading: fontFamily(section?.fonts?.heading ?? base.heading, folder),
      fallback: (section?.fonts?.fallback ?? []).map((file) => fontFile(file, folder)),
    },
    kind: base.kind,
    sizes: { ...base.sizes, ...section?.sizes },
    colors: { ...base.colors, ...section?.colors },
    links: flags.links ?? section?.links ?? base.links,
    labels: flags.labels ?? section?.labels ?? base.labels,
    leading: base.leading,
    layout: base.layout,
  };
}

/** 54, "54pt", "20mm", "2cm", "0.75in" -> points. The schema has checked the form. */
export function toPoints(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*(pt|mm|cm|in)$/.exec(value);
  if (!match) throw new Error(`not a length: ${value}`);
  return Number(match[1]) * (POINTS_PER_UNIT[match[2] ?? 'pt'] ?? 1);
}

function mm(value: number): number {
  return toPoints(`${value}mm`);
}

/** "fonts/X.ttc#NotoSerifCJKsc-Regular" -> the file and the face inside it. */
export function fontFile(spec: string, folder: string): FontFile {
  const hash = spec.lastIndexOf('#');
  const path = hash > 0 ? spec.slice(0, hash) : spec;
  const postscriptName = hash > 0 ? spec.slice(hash + 1) : undefined;
  return {
    path: isAbsolute(path) ? path : join(folder, path),
    ...(postscriptName ? { postscriptName } : {}),
  };
}

function fontFamily(input: FontFamilyInput, folder: string): FontFamily {
  if (typeof input === 'string') return builtinFamily(input);
  const regular = fontFile(input.regular, folder);
  const bold = input.bold ? fontFile(input.bold, folder) : regular;
  const italic = input.italic ? fontFile(input.italic, folder) : regular;
  return {
    regular,
    bold,
    italic,
    boldItalic: input.bold_italic ? fontFile(input.bold_italic, folder) : bold,
  };
}

const require = createRequire(import.meta.url);
const packageFolder = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The bundled families' files, found through their npm packages. */
export function builtinFamily(name: BuiltinFontFamily): FontFamily {
  switch (name) {
    case 'source-serif':
    case 'source-sans': {
      const [pkg, prefix] =
        name === 'source-serif'
          ? ['@expo-google-fonts/source-serif-4', 'SourceSerif4']
          : ['@expo-google-fonts/source-sans-3', 'SourceSans3'];
      const folder = packageFolder(pkg);
      const face = (weight: string) => ({ path: join(folder, weight, `${prefix}_${weight}.ttf`) });
      return {
        regular: face('400Regular'),
        bold: face('700Bold'),
        italic: face('400Regular_Italic'),
        boldItalic: face('700Bold_Italic'),
      };
    }
    case 'dejavu-serif':
    case 'dejavu-sans': {
      const folder = join(packageFolder('dejavu-fonts-ttf'), 'ttf');
      const face = (file: string) => ({ path: join(folder, `${file}.ttf`) });
      return name === 'dejavu-serif'
        ? {
            regular: face('DejaVuSerif'),
            bold: face('DejaVuSerif-Bold'),
            italic: face('DejaVuSerif-Italic'),
            boldItalic: face('DejaVuSerif-BoldItalic'),
          }
        : {
            regular: face('DejaVuSans'),
            bold: face('DejaVuSans-Bold'),
            italic: face('DejaVuSans-Oblique'),
            boldItalic: face('DejaVuSans-BoldOblique'),
          };
    }
  }
}

/** DejaVu's mathematical font: arrows, operators and letter-like symbols the text faces lack. */
export function mathFont(): FontFile {
  return { path: join(packageFolder('dejavu-fonts-ttf'), 'ttf', 'DejaVuMathTeXGyre.ttf') };
}

/** Where Debian's fonts-noto-cjk puts its collections; used when installed. */
export const SYSTEM_CJK_FOLDERS = ['/usr/share/fonts/opentype/noto'];
