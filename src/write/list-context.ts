/**
 * What the Handlebars templates of the text formats see: the cited document with every
 * value already escaped for the target format by the writer's `Escaper`.
 */
import type { CitedDocument, CitedEntry } from '../cite/cited.js';
import { arxivUrl } from '../cite/csl.js';
import { ownerMatcher } from '../cite/names.js';
import { personName, type Database, type PartialDate, type Person } from '../model/paper.js';
import type { Owner } from '../model/schema.js';
import { listTitle, ownWords, type LinkKind } from '../model/words.js';
import { richTextWithMath } from '../richtext/math.js';
import type { RichText } from '../richtext/richtext.js';
import { doiUrl } from '../richtext/web-link.js';
import { ANY_FIELD, type Shape, type ShapeOf } from './template-check.js';
import { flagNumber, type WriteRequest, type WriterFlag } from './writer.js';

/**
 * Markdown's and HTML's `heading-level`: the level of the list's title (printed or not),
 * the groups' headings one below, so that a fragment fits under a heading of the page's.
 * LaTeX's `latex-heading` names its group headings' command instead.
 */
export const HEADING_LEVEL_FLAG: WriterFlag = {
  name: 'heading-level',
  description:
    "the list title's heading level, 1 to 6 (default 1: # or <h1>); the groups' one below",
  range: { minimum: 1, maximum: 6 },
};

/** HTML's and Markdown's deepest heading: groups under a title of level 6 are level 6 too. */
const DEEPEST_HEADING = 6;

export interface Escaper {
  /** Rich text (a reference, a legend line) in the target format. */
  rich(nodes: RichText): string;
  /** Plain data (a heading, the owner's name) in the target format. */
  plain(value: string): string;
  /**
   * An address as a link's target in the format (see `webLink` for which become links), or
   * undefined when it must not become a link.
   */
  url(url: string): string | undefined;
}

export interface LinkContext {
  kind: string;
  label: string;
  url: string;
}

export interface EntryContext {
  id: string;
  /**
   * Unique in the document, for `id` attributes: the paper's id, or `id-2`, `id-3` where the
   * paper is listed again (under a second topic).
   */
  anchor: string;
  number?: number;
  /** The printed number, "[12]"; empty when the list is not numbered. */
  label: string;
  text: string;
  /** The links the reference does not print itself. */
  links: LinkContext[];
  /** The paper's own fields, for a template that lays out the entry itself. */
  paper: PaperContext;
}

export interface PersonContext {
  /** "Given Family" (an institution as written). */
  name: string;
  /** The given names, absent for an institution or a name without them. */
  given?: string;
  /** The family name with its particle ("van der Berg"); an institution as written. */
  family: string;
  /** "Jr.", "III": absent when the name has none. */
  suffix?: string;
  /** The CV owner, in any spelling of `owner.name` or `owner.aliases`. */
  owner: boolean;
  equal: boolean;
  corresponding: boolean;
}

/**
 * The paper's fields, each escaped for the format; an optional one is absent when the
 * paper has none. Links are URLs ready for a link (`href`), absent when unsafe
 * (`javascript:`); `ids` holds the DOI, arXiv id and ISBN as written, to print.
 */
export type PaperContext = {
  type: string;
  genre?: string;
  title: string;
  authors: PersonContext[];
  /** Empty when the paper names none. */
  editors: PersonContext[];
  /** The author list is truncated in the database: "et al." belongs after it. */
  etAl: boolean;
  year: number;
  /** The date as written: "2022", "2022-11" or "2022-11-09". */
  date: string;
  month?: number;
  day?: number;
  venue?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  publisher?: string;
  location?: string;
  /** The language tag as written: "en", "de-CH". */
  language?: string;
  abstract?: string;
  topics: { key: string; label: string }[];
  org?: string;
  award?: string;
  note?: string;
  status?: string;
  selected: boolean;
  ids: { doi?: string; arxiv?: string; isbn?: string };
  /**
   * The paper's `extra` fields (imported ones: al-folio's abbr, preview), as text. Listed
   * under their names escaped, which `{{@key}}` prints; readable by the name as written.
   */
  extra: { [field: string]: string };
  /** Those of the `extra` fields that are web addresses, ready for a link, named as `extra`'s. */
  extraLinks: { [field: string]: string };
} & { [kind in LinkKind]?: string };

const PAPER_LINKS = ['doi', 'arxiv', 'url', 'pdf', 'code', 'slides', 'video', 'poster'] as const;
const PAPER_TEXTS = [
  'genre',
  'volume',
  'issue',
  'pages',
  'publisher',
  'location',
  'language',
  'org',
  'award',
  'note',
  'status',
] as const;
/** Fields that may hold `$...$` math, as in a reference. */
const PAPER_RICH_TEXTS = ['venue', 'abstract'] as const;

const PERSON_SHAPE = {
  name: 'value',
  given: 'value',
  family: 'value',
  suffix: 'value',
  owner: 'value',
  equal: 'value',
  corresponding: 'value',
} satisfies ShapeOf<PersonContext>;

/** The shape of `PaperContext`, for the template check, in the order messages list it. */
export const PAPER_SHAPE = {
  type: 'value',
  genre: 'value',
  title: 'value',
  authors: [PERSON_SHAPE],
  etAl: 'value',
  editors: [PERSON_SHAPE],
  year: 'value',
  date: 'value',
  month: 'value',
  day: 'value',
  venue: 'value',
  volume: 'value',
  issue: 'value',
  pages: 'value',
  publisher: 'value',
  location: 'value',
  language: 'value',
  abstract: 'value',
  topics: [{ key: 'value', label: 'value' }],
  org: 'value',
  award: 'value',
  note: 'value',
  status: 'value',
  selected: 'value',
  doi: 'value',
  arxiv: 'value',
  url: 'value',
  pdf: 'value',
  code: 'value',
  slides: 'value',
  video: 'value',
  poster: 'value',
  ids: { doi: 'value', arxiv: 'value', isbn: 'value' },
  extra: { [ANY_FIELD]: 'value' },
  extraLinks: { [ANY_FIELD]: 'value' },
} satisfies ShapeOf<PaperContext>;

function dateAsWritten({ year, month, day }: PartialDate): string {
  const two = (part: number) => String(part).padStart(2, '0');
  return [String(year), ...(month ? [two(month)] : []), ...(day ? [two(day)] : [])].join('-');
}

/**
 * `field` of `target` computed when a template first reads it. Escaping LaTeX has effects
 * (the fonts a document loads, warnings about characters pdflatex cannot set): an abstract
 * that no template prints must cost nothing and say nothing. And the built-in templates
 * print no paper field: 10,000 entries must not build records no one reads.
 */
export function computedOnRead<T>(target: object, field: string, compute: () => T): void {
  let value: { computed: T } | undefined;
  Object.defineProperty(target, field, {
    enumerable: true,
    get: () => (value ??= { computed: compute() }).computed,
  });
}

/** `record[name]` reads `record[key]`, and is left out of `Object.keys(record)`. */
function alias(record: object, name: string, key: string): void {
  Object.defineProperty(record, name, {
    enumerable: false,
    get: () => (record as { [field: string]: unknown })[key],
  });
}

/** The owner matcher of each database's owner, made when a template first reads editors. */
const ownerMatchers = new WeakMap<Owner, (person: Person) => boolean>();

function isOwnerOf(owner: Owner): (person: Person) => boolean {
  let matcher = ownerMatchers.get(owner);
  if (!matcher) ownerMatchers.set(owner, (matcher = ownerMatcher(owner)));
  return matcher;
}

/**
 * A paper's `extra` fields and those of them that are web addresses, under their names
 * escaped, which `{{@key}}` prints; `paper.extra.slides_page` reads one by the name as
 * written, an alias left out of the listing so that {{#each}} goes through it once. Two
 * names escaped alike (a tab and a space, in text) are one field: the first.
 */
function extraContext(
  fields: { [field: string]: string },
  escape: Escaper,
): { extra: PaperContext['extra']; extraLinks: PaperContext['extraLinks'] } {
  const extra: PaperContext['extra'] = {};
  const extraLinks: PaperContext['extraLinks'] = {};
  const named = Object.entries(fields).map(([field, value]) => {
    const key = escape.plain(field);
    if (Object.hasOwn(extra, key)) return undefined;
    computedOnRead(extra, key, () => escape.plain(value));
    const url = escape.url(value);
    if (url !== undefined) extraLinks[key] = url;
    return { field, key };
  });
  for (const { field, key } of named.filter((name) => name !== undefined)) {
    if (Object.hasOwn(extra, field)) continue;
    alias(extra, field, key);
    if (Object.hasOwn(extraLinks, key)) alias(extraLinks, field, key);
  }
  return { extra, extraLinks };
}

/**
 * The entry's paper, each value escaped by `escape` when a template reads it, for the
 * templates of any format.
 */
export function paperContext(
  entry: Pick<CitedEntry, 'paper' | 'authorIsOwner'>,
  database: Pick<Database, 'topics' | 'owner'>,
  escape: Escaper,
): PaperContext {
  const { paper } = entry;
  const person = (who: Person, isOwner: () => boolean): PersonContext => {
    const context = {
      equal: who.equal ?? false,
      corresponding: who.corresponding ?? false,
    };
    computedOnRead(context, 'owner', isOwner);
    computedOnRead(context, 'name', () => escape.plain(personName(who)));
    const family = who.literal ?? [who.particle, who.family].filter(Boolean).join(' ');
    computedOnRead(context, 'family', () => escape.plain(family));
    const { given } = who;
    if (given && !who.literal) computedOnRead(context, 'given', () => escape.plain(given));
    const { suffix } = who;
    if (suffix && !who.literal) computedOnRead(context, 'suffix', () => escape.plain(suffix));
    return context as PersonContext;
  };
  const labels = new Map(database.topics.map((topic) => [topic.key, topic.label]));
  const topic = (key: string) => {
    const context = {};
    computedOnRead(context, 'key', () => escape.plain(key));
    computedOnRead(context, 'label', () => escape.plain(labels.get(key) ?? key));
    return context as PaperContext['topics'][number];
  };
  const context = {
    type: escape.plain(paper.type),
    authors: paper.authors.map((author, index) =>
      person(author, () => entry.authorIsOwner[index] ?? false),
    ),
    etAl: paper.et_al ?? false,
    year: paper.date.year,
    date: escape.plain(dateAsWritten(paper.date)),
    ...(paper.date.month ? { month: paper.date.month } : {}),
    ...(paper.date.day ? { day: paper.date.day } : {}),
    topics: (paper.topics ?? []).map(topic),
    selected: paper.selected ?? false,
    ids: {},
  };
  computedOnRead(context, 'editors', () =>
    (paper.editors ?? []).map((editor) => person(editor, () => isOwnerOf(database.owner)(editor))),
  );
  computedOnRead(context, 'title', () => escape.rich(richTextWithMath(paper.title)));
  for (const field of PAPER_TEXTS) {
    const value = paper[field];
    if (value !== undefined) computedOnRead(context, field, () => escape.plain(String(value)));
  }
  for (const field of PAPER_RICH_TEXTS) {
    const value = paper[field];
    if (value !== undefined) {
      computedOnRead(context, field, () => escape.rich(richTextWithMath(value)));
    }
  }
  for (const field of ['doi', 'arxiv', 'isbn'] as const) {
    const value = paper[field];
    if (value !== undefined) computedOnRead(context.ids, field, () => escape.plain(value));
  }
  // Built when a template first reads either: escaping a name that nothing prints (a CJK
  // key, in LaTeX) would load fonts and warn for a template that prints only the title.
  let extras: { extra: PaperContext['extra']; extraLinks: PaperContext['extraLinks'] } | undefined;
  const extraFields = () => (extras ??= extraContext(paper.extra ?? {}, escape));
  computedOnRead(context, 'extra', () => extraFields().extra);
  computedOnRead(context, 'extraLinks', () => extraFields().extraLinks);
  const addresses: Record<LinkKind, string | undefined> = {
    doi: paper.doi && doiUrl(paper.doi),
    arxiv: paper.arxiv && arxivUrl(paper.arxiv),
    url: paper.url,
    pdf: paper.pdf,
    code: paper.code,
    slides: paper.slides,
    video: paper.video,
    poster: paper.poster,
  };
  const links: Partial<Record<LinkKind, string>> = {};
  for (const kind of PAPER_LINKS) {
    const address = addresses[kind];
    const url = address === undefined ? undefined : escape.url(address);
    if (url !== undefined) links[kind] = url;
  }
  return Object.assign(context, links) as PaperContext;
}

export interface GroupContext {
  key: string;
  heading: string;
  /** "ol" when the entries are numbered, else "ul". */
  listTag: 'ol' | 'ul';
  entries: EntryContext[];
}

/** The owner's fields that are text: the ones `owner` holds when the database gives them. */
type OwnerText = {
  [K in keyof Owner as NonNullable<Owner[K]> extends string ? K : never]: Owner[K];
};

export interface ListContext {
  /** The heading of the list: the user's `title`, else "Publications" in the output's language. */
  title: string;
  /** The user gave the title: a fragment prints it too (a whole document always does). */
  titled: boolean;
  /**
   * "No publications match the selection." in the output's language: what a whole document
   * says when `count` is 0 (a fragment then prints nothing, not even its title).
   */
  noMatch: string;
  /** The title's heading level, 1 to 6 (`heading-level`, default 1): `<h{{titleLevel}}>`. */
  titleLevel: number;
  /** The groups' heading level: one below the title's, 6 at most. */
  headingLevel: number;
  owner: OwnerText;
  style: { id: string; title: string };
  locale: string;
  /** The locale's language, for `lang` attributes: "en". */
  lang: string;
  standalone: boolean;
  numbered: boolean;
  count: number;
  groups: GroupContext[];
  legend: string[];
}

const LINK_SHAPE = { kind: 'value', label: 'value', url: 'value' } satisfies ShapeOf<LinkContext>;

const OWNER_SHAPE = {
  name: 'value',
  position: 'value',
  affiliation: 'value',
  email: 'value',
  website: 'value',
  orcid: 'value',
  github: 'value',
} satisfies ShapeOf<OwnerText>;

/**
 * The shape of a `ListContext`, which templates are checked against; `link` is the shape of
 * one of an entry's links (the text writer's have a separator too), `fields` what a writer
 * adds (Markdown's heading markers).
 */
export function listContextShape(
  link: ShapeOf<LinkContext> = LINK_SHAPE,
  fields: { readonly [field: string]: Shape } = {},
): Shape {
  const shape = {
    title: 'value',
    titled: 'value',
    noMatch: 'value',
    titleLevel: 'value',
    headingLevel: 'value',
    owner: OWNER_SHAPE,
    style: { id: 'value', title: 'value' },
    locale: 'value',
    lang: 'value',
    standalone: 'value',
    numbered: 'value',
    count: 'value',
    groups: [
      {
        key: 'value',
        heading: 'value',
        listTag: 'value',
        entries: [
          {
            id: 'value',
            anchor: 'value',
            number: 'value',
            label: 'value',
            text: 'value',
            links: [link],
            paper: PAPER_SHAPE,
          },
        ],
      },
    ],
    legend: ['value'],
  } satisfies ShapeOf<ListContext>;
  return { ...shape, ...fields };
}

export function listContext(
  document: CitedDocument,
  request: Pick<WriteRequest, 'database' | 'settings' | 'output'>,
  escape: Escaper,
): ListContext {
  const { database, settings } = request;
  const { standalone } = request.output;
  const numbered = document.groups.some((group) =>
    group.entries.some((entry) => entry.number !== undefined),
  );
  const anchor = anchors(document);
  const owner: Record<string, string> = {};
  for (const [key, value] of Object.entries(database.owner)) {
    if (typeof value === 'string') owner[key] = escape.plain(value);
  }
  // Every text field of the owner, and no other, as OwnerText says.
  const ownerText = owner as OwnerText;
  const titleLevel = flagNumber(request, HEADING_LEVEL_FLAG.name, 1);
  return {
    title: escape.plain(listTitle(settings.title, document.locale)),
    titled: settings.title !== undefined,
    noMatch: escape.plain(ownWords(document.locale).noMatch),
    titleLevel,
    headingLevel: Math.min(titleLevel + 1, DEEPEST_HEADING),
    owner: ownerText,
    style: { id: escape.plain(document.style.id), title: escape.plain(document.style.title) },
    locale: escape.plain(document.locale),
    lang: escape.plain(document.locale.split('-')[0] ?? 'en'),
    standalone,
    numbered,
    count: document.groups.reduce((sum, group) => sum + group.entries.length, 0),
    groups: document.groups.map((group) => ({
      key: escape.plain(group.key),
      heading: escape.plain(group.heading),
      listTag: group.entries.some((entry) => entry.number !== undefined) ? 'ol' : 'ul',
      entries: group.entries.map((entry) => {
        const context = {
          id: escape.plain(entry.id),
          anchor: escape.plain(anchor(entry.id)),
          ...(entry.number !== undefined ? { number: entry.number } : {}),
          label: entry.number !== undefined ? escape.plain(`[${entry.number}]`) : '',
          text: escape.rich(entry.text),
          links: entry.links.flatMap((link) => {
            const url = escape.url(link.url);
            return url ? [{ kind: link.kind, label: escape.plain(link.label), url }] : [];
          }),
        };
        computedOnRead(context, 'paper', () => paperContext(entry, database, escape));
        return context as EntryContext;
      }),
    })),
    legend: document.legend.map((line) => escape.rich(line)),
  };
}

/** A function giving each listing of a paper, in document order, an anchor no other has. */
function anchors(document: CitedDocument): (id: string) => string {
  const taken = new Set(document.groups.flatMap((group) => group.entries.map((entry) => entry.id)));
  const listed = new Map<string, number>();
  return (id) => {
    const count = (listed.get(id) ?? 0) + 1;
    listed.set(id, count);
    if (count === 1) return id;
    let suffix = count;
    while (taken.has(`${id}-${suffix}`)) suffix++;
    const anchor = `${id}-${suffix}`;
    taken.add(anchor);
    return anchor;
  };
}

/**
 * Template output tidied: no runs of blank lines, one final newline; nothing at all when the
 * template printed nothing (a fragment of an empty selection), rather than a lone newline.
 */
export function tidyLines(text: string): string {
  const tidied = text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return tidied ? `${tidied}\n` : '';
}
