/**
 * The words the database and the command line share. Kept apart from schema.ts so that the
 * command line can use them without loading TypeBox (about 60 ms of start-up).
 */

export const PAPER_TYPES = [
  'conference',
  'journal',
  'workshop',
  'shared-task',
  'preprint',
  'thesis',
  'book',
  'chapter',
  'report',
  'talk',
  'poster',
  'software',
  'dataset',
  'patent',
  'other',
] as const;
export type PaperType = (typeof PAPER_TYPES)[number];

export const GROUP_BY = ['year', 'topic', 'type', 'venue', 'none'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export const SORT_KEYS = ['date', 'title', 'venue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const NUMBERING = ['none', 'ascending', 'descending'] as const;
export type Numbering = (typeof NUMBERING)[number];

export const NUMBERING_SCOPES = ['continuous', 'group'] as const;
export type NumberingScope = (typeof NUMBERING_SCOPES)[number];

export const PDF_THEMES = ['classic', 'modern'] as const;
export type PdfThemeName = (typeof PDF_THEMES)[number];

export const PAPER_SIZES = ['a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const PDF_LINK_STYLES = ['color', 'underline', 'plain'] as const;
export type PdfLinkStyle = (typeof PDF_LINK_STYLES)[number];

export const PDF_LABEL_STYLES = ['brackets', 'plain', 'none'] as const;
export type PdfLabelStyle = (typeof PDF_LABEL_STYLES)[number];

/** Font families that ship with publist (npm packages, embedded and subset in the PDF). */
export const BUILTIN_FONT_FAMILIES = [
  'source-serif',
  'source-sans',
  'dejavu-serif',
  'dejavu-sans',
] as const;
export type BuiltinFontFamily = (typeof BUILTIN_FONT_FAMILIES)[number];

/** The CSL type of each of our types: what styles see, and what CSL-JSON export writes. */
export const CSL_TYPES: Readonly<Record<PaperType, string>> = {
  conference: 'paper-conference',
  journal: 'article-journal',
  workshop: 'paper-conference',
  'shared-task': 'paper-conference',
  preprint: 'article',
  thesis: 'thesis',
  book: 'book',
  chapter: 'chapter',
  report: 'report',
  talk: 'speech',
  poster: 'speech',
  software: 'software',
  dataset: 'dataset',
  patent: 'patent',
  other: 'article',
};
