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

/**
 * The kinds of thesis and report a paper's `genre` can name by keyword: printed in the
 * output's language (words.ts), where any other `genre` is printed as written.
 */
export const GENRES = [
  'phd-thesis',
  'masters-thesis',
  'bachelors-thesis',
  'diploma-thesis',
  'habilitation-thesis',
  'technical-report',
  'research-report',
  'working-paper',
] as const;
export type Genre = (typeof GENRES)[number];

/** The paper's links besides its DOI, arXiv id and URL (al-folio's fields), each a web address. */
export const LINK_FIELDS = ['pdf', 'code', 'slides', 'video', 'poster'] as const;

export const GROUP_BY = ['year', 'topic', 'type', 'venue', 'none'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** `file`: the order the papers are written in the database. */
export const SORT_KEYS = ['date', 'title', 'venue', 'file'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * `auto`: ascending when the output's citation style is numeric (IEEE, Vancouver), else
 * none. It is decided once per output, from that output's style, before any writer runs.
 */
export const NUMBERING = ['auto', 'none', 'ascending', 'descending'] as const;
export type Numbering = (typeof NUMBERING)[number];
/** The numbering of a list, `auto` decided: what selection and writers see. */
export type ListNumbering = Exclude<Numbering, 'auto'>;

export const NUMBERING_SCOPES = ['continuous', 'group'] as const;
export type NumberingScope = (typeof NUMBERING_SCOPES)[number];

/**
 * How the owner's name is marked: bold, or underlined for a style that prints every name in
 * bold. No italic: styles italicise titles and venues, and some names. `highlight_owner:
 * false` marks it not at all.
 */
export const HIGHLIGHTS = ['bold', 'underline'] as const;
export type Highlight = (typeof HIGHLIGHTS)[number];

/**
 * The keys of an output spec (`render.outputs[i]`, a `build` output) that are not settings:
 * what it writes and where. schema.ts declares exactly these (TypeScript checks it), so code
 * that tells them from settings need not load TypeBox.
 */
export const OUTPUT_SPEC_KEYS = [
  'format',
  'file',
  'standalone',
  'template',
  'templates',
  'options',
] as const;
export type OutputSpecKey = (typeof OUTPUT_SPEC_KEYS)[number];

/** The keys of the `render:` section that are not settings, declared by schema.ts as these. */
export const RENDER_SECTION_KEYS = ['pdf', 'outputs'] as const;
export type RenderSectionKey = (typeof RENDER_SECTION_KEYS)[number];

/** The years `since` and `until` take, in the database and as options: four digits. */
export const SETTING_YEARS = { minimum: 1000, maximum: 9999 } as const;

/** The most years `recent` takes: the years a four-digit `since` can reach back. */
export const RECENT_MAX_YEARS = 9000;

/** The pattern of text with something to print: not empty, not only spaces (`title: " "`). */
export const FILLED_TEXT = '\\S';

/**
 * The longest mark after equal-contribution and corresponding authors (`equal_mark`), in
 * characters as a reader sees them (src/model/graphemes.ts).
 */
export const MARK_MAX_LENGTH = 8;

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

/**
 * The CSL type of each of our types: what styles see, and what CSL-JSON export writes.
 * `other` is CSL 1.0.2's `document` ("not fitting any other category"): its `article` is a
 * preprint.
 */
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
  other: 'document',
};

/**
 * Our type for each CSL type that has one; every other CSL type (a blog post, a web page, a
 * magazine article) is `other`, its CSL type kept as `extra.csl_type` by the import.
 */
export const PAPER_TYPE_OF_CSL: Readonly<Record<string, PaperType>> = {
  'article-journal': 'journal',
  'paper-conference': 'conference',
  article: 'preprint',
  report: 'report',
  thesis: 'thesis',
  book: 'book',
  chapter: 'chapter',
  'entry-encyclopedia': 'chapter',
  'entry-dictionary': 'chapter',
  speech: 'talk',
  presentation: 'talk',
  software: 'software',
  dataset: 'dataset',
  patent: 'patent',
  document: 'other',
};

/** Every item type of CSL 1.0.2. */
export const CSL_ITEM_TYPES: ReadonlySet<string> = new Set([
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'bill',
  'book',
  'broadcast',
  'chapter',
  'classic',
  'collection',
  'dataset',
  'document',
  'entry',
  'entry-dictionary',
  'entry-encyclopedia',
  'event',
  'figure',
  'graphic',
  'hearing',
  'interview',
  'legal_case',
  'legislation',
  'manuscript',
  'map',
  'motion_picture',
  'musical_score',
  'pamphlet',
  'paper-conference',
  'patent',
  'performance',
  'periodical',
  'personal_communication',
  'post',
  'post-weblog',
  'regulation',
  'report',
  'review',
  'review-book',
  'software',
  'song',
  'speech',
  'standard',
  'thesis',
  'treaty',
  'webpage',
]);

/**
 * The CSL variable each type's `venue` is: where it appeared (a journal, proceedings, the
 * book of a chapter), the event of a talk, the series of a book, the office that issued a
 * patent. A book's series is not its container: APA printed "A Book. In Lecture Notes in
 * Computer Science".
 */
export const VENUE_IN_CSL: Readonly<
  Record<PaperType, 'container-title' | 'event-title' | 'collection-title' | 'authority'>
> = {
  conference: 'container-title',
  journal: 'container-title',
  workshop: 'container-title',
  'shared-task': 'container-title',
  preprint: 'container-title',
  thesis: 'collection-title',
  book: 'collection-title',
  chapter: 'container-title',
  report: 'collection-title',
  talk: 'event-title',
  poster: 'event-title',
  software: 'collection-title',
  dataset: 'collection-title',
  patent: 'authority',
  other: 'container-title',
};

/** The CSL variable each type's `issue` is: a journal's issue, a report's number, a book's number in its series. */
export const ISSUE_IN_CSL: Readonly<Record<PaperType, 'issue' | 'number' | 'collection-number'>> = {
  conference: 'issue',
  journal: 'issue',
  workshop: 'issue',
  'shared-task': 'issue',
  preprint: 'issue',
  thesis: 'number',
  book: 'collection-number',
  chapter: 'issue',
  report: 'number',
  talk: 'issue',
  poster: 'issue',
  software: 'collection-number',
  dataset: 'collection-number',
  patent: 'number',
  other: 'issue',
};
