/**
 * The database schema, written once with TypeBox: the TypeScript types below are derived
 * from it and `schema/papers.schema.json` is generated from it, so they cannot drift apart.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  BUILTIN_FONT_FAMILIES,
  GENRES,
  GROUP_BY,
  HIGHLIGHTS,
  MARK_MAX_LENGTH,
  NUMBERING,
  NUMBERING_SCOPES,
  PAPER_SIZES,
  PAPER_TYPES,
  PDF_LABEL_STYLES,
  PDF_LINK_STYLES,
  PDF_THEMES,
  FILLED_TEXT,
  RECENT_MAX_YEARS,
  SETTING_YEARS,
  type OutputSpecKey,
  type RenderSectionKey,
  SORT_KEYS,
  SORT_ORDERS,
} from './vocabulary.js';

const FILLED = { minLength: 1, pattern: FILLED_TEXT } as const;
const text = (description: string) => Type.String({ ...FILLED, description });
const link = (description: string) => Type.String({ minLength: 1, format: 'uri', description });
const stringList = (description: string) => Type.Array(Type.String(FILLED), { description });
const strict = { additionalProperties: false } as const;

const literalUnion = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

export const AuthorObjectSchema = Type.Object(
  {
    name: Type.Optional(text('The whole name as one string, e.g. "Jan van der Berg".')),
    family: Type.Optional(text('Family name, particles included: "van der Berg".')),
    given: Type.Optional(text('Given names: "Jan".')),
    suffix: Type.Optional(text('"Jr.", "III".')),
    literal: Type.Optional(text('An institution or a name that must never be split.')),
    equal: Type.Optional(Type.Boolean({ description: 'Equal contribution (marked with *).' })),
    corresponding: Type.Optional(
      Type.Boolean({ description: 'Corresponding author (marked with †).' }),
    ),
    orcid: Type.Optional(text('ORCID iD, e.g. 0000-0002-1825-0097.')),
  },
  { ...strict, description: 'An author whose name needs more than a plain string says.' },
);
export type AuthorObject = Static<typeof AuthorObjectSchema>;

// A name of only spaces is reported by the name reader, which says how to write one.
export const AuthorSchema = Type.Union(
  [
    Type.String({ minLength: 1, description: '"Given Family" or "Family, Given".' }),
    AuthorObjectSchema,
  ],
  { description: 'An author: a plain string, or an object.' },
);
export type AuthorInput = Static<typeof AuthorSchema>;

const DateSchema = Type.Union(
  [
    Type.Integer({ minimum: -9999, maximum: 9999 }),
    Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }),
  ],
  {
    description:
      'YYYY, YYYY-MM or YYYY-MM-DD. Older works: the year as a number, negative before Christ (-300 for 300 BC).',
  },
);

const stringOrNumber = (description: string) =>
  Type.Union([Type.String(FILLED), Type.Integer()], { description });

export const PaperSchema = Type.Object(
  {
    id: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9_:.+-]*$',
      description: 'A stable key: letters, digits and _ : . + - (also the BibTeX key).',
    }),
    type: literalUnion(PAPER_TYPES, 'What kind of work this is.'),
    genre: Type.Optional(
      Type.Union(
        [
          literalUnion(
            GENRES,
            'A kind printed in the output’s language ("PhD thesis", "Dissertation").',
          ),
          text('Any other kind, printed as written.'),
        ],
        {
          description:
            'The kind of thesis or report as printed (CSL’s genre): phd-thesis, masters-thesis, bachelors-thesis, diploma-thesis, habilitation-thesis, technical-report, research-report, working-paper, or your own words ("Doctoral dissertation").',
        },
      ),
    ),
    title: text('The title. `$...$` is LaTeX math.'),
    authors: Type.Optional(
      Type.Array(AuthorSchema, {
        minItems: 1,
        description: 'The authors, in order.',
      }),
    ),
    et_al: Type.Optional(
      Type.Boolean({ description: 'The author list is truncated: render "et al." after it.' }),
    ),
    editors: Type.Optional(
      Type.Array(AuthorSchema, { minItems: 1, description: 'Editors (books, chapters).' }),
    ),
    date: DateSchema,
    venue: Type.Optional(
      text(
        'Where it appeared: the journal or proceedings (the book, for a chapter); the event, for a talk or poster; the series, for a book, thesis, report, software or dataset; the issuing office, for a patent.',
      ),
    ),
    volume: Type.Optional(stringOrNumber('Volume.')),
    issue: Type.Optional(
      stringOrNumber(
        'Issue; the number in the series, for a book, software or dataset; the report, thesis or patent number.',
      ),
    ),
    pages: Type.Optional(stringOrNumber('Pages, e.g. 1478-1492.')),
    publisher: Type.Optional(text('Publisher, institution or school.')),
    location: Type.Optional(text('Place of publication or of the event.')),
    language: Type.Optional(
      text(
        'The language the work is written in, as a language tag: en, de-CH, zh. Styles use it (only English titles are title-cased; a bilingual style prints "et al." or "等" by it).',
      ),
    ),
    isbn: Type.Optional(text('ISBN.')),
    doi: Type.Optional(text('DOI, bare: 10.18653/v1/2022.findings-emnlp.106.')),
    arxiv: Type.Optional(text('arXiv identifier: 2211.04898 or hep-th/9901001.')),
    url: Type.Optional(link('The landing page.')),
    pdf: Type.Optional(link('The PDF.')),
    code: Type.Optional(link('The code.')),
    slides: Type.Optional(link('The slides.')),
    video: Type.Optional(link('A recording.')),
    poster: Type.Optional(link('The poster.')),
    abstract: Type.Optional(text('The abstract.')),
    topics: Type.Optional(stringList('Keys of the top-level `topics`.')),
    org: Type.Optional(text('An organisation tag, e.g. an employer.')),
    note: Type.Optional(text('A note printed after the entry.')),
    award: Type.Optional(text('An award or distinction: "Oral", "Best Paper".')),
    selected: Type.Optional(Type.Boolean({ description: 'Among the selected papers.' })),
    status: Type.Optional(text('"to appear", "under review", ...')),
    extra: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Imported fields that have no home in the model; exported back as they were.',
      }),
    ),
  },
  { ...strict, description: 'One paper, talk or other work.' },
);
export type PaperInput = Static<typeof PaperSchema>;

export const OwnerSchema = Type.Object(
  {
    name: text('Your name as it should head the CV.'),
    aliases: Type.Optional(
      stringList('Other spellings of your name, so that every entry highlights you.'),
    ),
    position: Type.Optional(text('Your position, e.g. "PhD candidate".')),
    affiliation: Type.Optional(text('Your institution.')),
    email: Type.Optional(Type.String({ format: 'email', description: 'E-mail address.' })),
    website: Type.Optional(link('Your home page.')),
    orcid: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]$',
        description: 'ORCID iD, e.g. 0000-0002-1825-0097.',
      }),
    ),
    github: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$',
        description: 'GitHub user name.',
      }),
    ),
  },
  { ...strict, description: 'Whose CV this is.' },
);
export type Owner = Static<typeof OwnerSchema>;

/** What to print and how: shared by `render:`, each entry of `render.outputs`, and the flags. */
const renderProperties = {
  style: Type.Optional(text('CSL style: a name (apa, ieee, ...) or a path to a .csl file.')),
  locale: Type.Optional(text('CSL locale: en-US, de-DE; en_GB is read as en-GB, de as de-DE.')),
  group_by: Type.Optional(literalUnion(GROUP_BY, 'How entries are grouped.')),
  sort: Type.Optional(
    literalUnion(
      SORT_KEYS,
      'The order within a group; file: as the papers are written in this database.',
    ),
  ),
  order: Type.Optional(
    literalUnion(
      SORT_ORDERS,
      'asc or desc; dates default to newest first, text to A-Z, file to as written.',
    ),
  ),
  numbering: Type.Optional(
    literalUnion(
      NUMBERING,
      'auto (the default): ascending when the citation style is numeric (ieee, vancouver), else none; descending: the first entry carries the highest number.',
    ),
  ),
  numbering_scope: Type.Optional(
    literalUnion(NUMBERING_SCOPES, 'Number across all groups, or restart in each group.'),
  ),
  since: Type.Optional(Type.Integer({ ...SETTING_YEARS, description: 'First year.' })),
  until: Type.Optional(Type.Integer({ ...SETTING_YEARS, description: 'Last year.' })),
  recent: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: RECENT_MAX_YEARS,
      description:
        'Only papers of the last N years: this year and the N - 1 before it (this year is that of SOURCE_DATE_EPOCH when it is set). Give recent or since, not both.',
    }),
  ),
  topics: Type.Optional(
    Type.Array(Type.String(FILLED), {
      minItems: 1,
      description: 'Only papers with one of these topics (leave it out for every topic).',
    }),
  ),
  types: Type.Optional(
    Type.Array(literalUnion(PAPER_TYPES, 'A paper type.'), {
      minItems: 1,
      description: 'Only papers of these types (leave it out for every type).',
    }),
  ),
  selected: Type.Optional(Type.Boolean({ description: 'Only papers marked `selected`.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'At most this many papers.' })),
  highlight_owner: Type.Optional(
    Type.Boolean({
      description: 'Mark your name in every entry, as `highlight` says (default true).',
    }),
  ),
  highlight: Type.Optional(
    literalUnion(
      HIGHLIGHTS,
      'How your name is marked: bold (the default), or underline, for a style that prints every author in bold.',
    ),
  ),
  keep_owner_visible: Type.Optional(
    Type.Boolean({
      description:
        'When a style’s "et al." would hide your name, cut the author list around it instead (default true).',
    }),
  ),
  equal_mark: Type.Optional(
    Type.String({
      description: `The mark after authors with \`equal: true\` (default *), at most ${MARK_MAX_LENGTH} characters; empty for none.`,
    }),
  ),
  corresponding_mark: Type.Optional(
    Type.String({
      description: `The mark after authors with \`corresponding: true\` (default †), at most ${MARK_MAX_LENGTH} characters; empty for none.`,
    }),
  ),
  title: Type.Optional(
    text(
      'The heading of the list in every format: "Selected Publications" (default "Publications", in the output\'s language). A fragment prints it only when you give one; render.pdf.title, when set, is the PDF\'s own.',
    ),
  ),
};

export const RenderOptionsSchema = Type.Object(renderProperties, strict);
export type RenderOptions = Static<typeof RenderOptionsSchema>;

/** What an output writes and where: exactly the keys vocabulary.ts lists as OUTPUT_SPEC_KEYS. */
const outputProperties = {
  format: text('The output format: csl-json, markdown, html, text, latex, pdf, bibtex ...'),
  file: Type.Optional(text('File name under the output folder; a default per format.')),
  standalone: Type.Optional(
    Type.Boolean({ description: 'A complete document rather than a fragment.' }),
  ),
  template: Type.Optional(text('A template name, for formats that offer several.')),
  templates: Type.Optional(text('A folder of your own templates, relative to the database.')),
  options: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Boolean(), Type.Number()]), {
      description: "The format's own flags, e.g. {latex-heading: section} or {heading-level: 2}.",
    }),
  ),
} satisfies Record<OutputSpecKey, TSchema>;

export const OutputSchema = Type.Object(
  { ...outputProperties, ...renderProperties },
  { ...strict, description: 'One file that `publist build` writes.' },
);
export type OutputSpec = Static<typeof OutputSchema>;

const LENGTH_PATTERN = '^\\d+(\\.\\d+)?\\s*(pt|mm|cm|in)$';
const length = (description: string) =>
  Type.Union([Type.Number({ minimum: 0 }), Type.String({ pattern: LENGTH_PATTERN })], {
    description: `${description} Points, or a number with pt, mm, cm or in: "18mm".`,
  });
const color = (description: string) =>
  Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: `${description} (#rrggbb).` });
const fontSize = (description: string) =>
  Type.Number({ minimum: 4, maximum: 72, description: `${description} in points.` });
const fontFile = (description: string) =>
  text(`${description}: a .ttf, .otf or .ttc file, relative to the database.`);

export const FontFamilySchema = Type.Union(
  [
    literalUnion(BUILTIN_FONT_FAMILIES, 'A bundled family.'),
    Type.Object(
      {
        regular: fontFile('The upright face'),
        bold: Type.Optional(fontFile('The bold face')),
        italic: Type.Optional(fontFile('The italic face')),
        bold_italic: Type.Optional(fontFile('The bold italic face')),
      },
      { ...strict, description: 'Your own font files; a missing face falls back to regular.' },
    ),
  ],
  { description: 'A bundled family name, or your own font files.' },
);
export type FontFamilyInput = Static<typeof FontFamilySchema>;

export const PdfSectionSchema = Type.Object(
  {
    theme: Type.Optional(literalUnion(PDF_THEMES, 'The built-in theme the settings below adjust.')),
    paper: Type.Optional(literalUnion(PAPER_SIZES, 'Page size.')),
    title: Type.Optional(
      text(
        "The PDF's own heading above the list, before render.title; an output's title or --title beats it.",
      ),
    ),
    margins: Type.Optional(
      Type.Union(
        [
          Type.Number({ minimum: 0 }),
          Type.String({ pattern: LENGTH_PATTERN }),
          Type.Object(
            {
              top: Type.Optional(length('Top margin.')),
              right: Type.Optional(length('Right margin.')),
              bottom: Type.Optional(length('Bottom margin.')),
              left: Type.Optional(length('Left margin.')),
            },
            strict,
          ),
        ],
        {
          description:
            'All four margins, or {top, right, bottom, left}: points, or a number with pt, mm, cm or in ("18mm").',
        },
      ),
    ),
    fonts: Type.Optional(
      Type.Object(
        {
          body: Type.Optional(FontFamilySchema),
          heading: Type.Optional(FontFamilySchema),
          fallback: Type.Optional(
            Type.Array(fontFile('A font file'), {
              description:
                'Fonts tried in order for characters the body and heading fonts lack (e.g. CJK); a .ttc face is chosen with `file.ttc#PostScriptName`.',
            }),
          ),
        },
        strict,
      ),
    ),
    sizes: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(fontSize('Your name in the header')),
          heading: Type.Optional(fontSize('Group headings')),
          body: Type.Optional(fontSize('Entries')),
          small: Type.Optional(fontSize('Labels, footer and legend')),
        },
        strict,
      ),
    ),
    colors: Type.Optional(
      Type.Object(
        {
          text: Type.Optional(color('Body text')),
          accent: Type.Optional(color('Name, headings and rules')),
          muted: Type.Optional(color('Numbers, footer and secondary lines')),
          link: Type.Optional(color('Clickable text')),
        },
        strict,
      ),
    ),
    links: Type.Optional(literalUnion(PDF_LINK_STYLES, 'How clickable text looks.')),
    labels: Type.Optional(
      literalUnion(
        PDF_LABEL_STYLES,
        'Link labels after each entry: [PDF] [Code], PDF Code, or none.',
      ),
    ),
  },
  { ...strict, description: 'The PDF CV: theme, page, fonts, sizes, colours and links.' },
);
export type PdfSection = Static<typeof PdfSectionSchema>;

/** The `render:` section besides its settings: exactly vocabulary.ts's RENDER_SECTION_KEYS. */
const renderSectionProperties = {
  pdf: Type.Optional(PdfSectionSchema),
  outputs: Type.Optional(
    Type.Array(OutputSchema, { description: 'The files `publist build` writes.' }),
  ),
} satisfies Record<RenderSectionKey, TSchema>;

export const RenderSchema = Type.Object(
  { ...renderProperties, ...renderSectionProperties },
  { ...strict, description: 'Defaults for rendering; command-line flags override them.' },
);
export type RenderSection = Static<typeof RenderSchema>;

export const DatabaseSchema = Type.Object(
  {
    owner: OwnerSchema,
    topics: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' }), text('Label.'), {
        description: 'Topic keys and their labels, in display order.',
      }),
    ),
    papers: Type.Array(PaperSchema, { description: 'The papers.' }),
    render: Type.Optional(RenderSchema),
  },
  {
    ...strict,
    $id: 'https://publist.dev/schema/papers.schema.json',
    title: 'publist database',
    description: 'A researcher’s papers, for publist.',
  },
);
export type DatabaseInput = Static<typeof DatabaseSchema>;
