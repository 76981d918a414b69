/**
 * CSL-JSON items (Zotero, Manubot, pandoc, citation-js) -> papers. CSL is citeproc's own
 * model, so most variables have a direct home; the rest are kept under `extra` with their
 * BibTeX names where one exists (ISSN -> issn, accessed -> urldate), so that a BibTeX
 * export writes them back meaningfully.
 */
import { arxivUrl } from '../cite/csl.js';
import type { CustomMarks, PublistCustom } from '../model/csl-custom.js';
import { genreOf } from '../model/genre.js';
import { languageTag } from '../model/language.js';
import { InputError, positionAt } from '../model/problems.js';
import {
  CSL_TYPES,
  ISSUE_IN_CSL,
  LINK_FIELDS,
  PAPER_TYPE_OF_CSL,
  PAPER_TYPES,
  VENUE_IN_CSL,
  type PaperType,
} from '../model/vocabulary.js';
import type { NameParts } from './bibtex-names.js';
import {
  arxivInText,
  isOwnDoiLink,
  linkedDoi,
  OWN_DOI_LINK,
  repeatsIdentifier,
  numberOrText,
  orderedFields,
  parseYear,
  toArxiv,
  toAuthor,
  toDate,
  toDoi,
  toPages,
  toUrl,
  type AuthorMarks,
  type ImportedPaper,
  type PaperFields,
  type ReadResult,
  type SkippedEntry,
} from './record.js';

/** Where each type's venue and issue may be found, the variable publist writes first. */
const VENUE_SOURCES: Record<(typeof VENUE_IN_CSL)[PaperType], readonly string[]> = {
  'container-title': ['container-title', 'event-title', 'event'],
  'event-title': ['event-title', 'event', 'container-title'],
  'collection-title': ['collection-title', 'container-title'],
  authority: ['authority', 'container-title'],
};

const ISSUE_SOURCES: Record<(typeof ISSUE_IN_CSL)[PaperType], readonly string[]> = {
  issue: ['issue', 'number'],
  number: ['number', 'issue'],
  'collection-number': ['collection-number', 'issue', 'number'],
};

/** A last name that says the list goes on: pandoc's (and its BibTeX reader's) "others". */
const AND_OTHERS = /^(others|et al\.?)$/i;

/** Names under `extra` for CSL variables without a home in the model. */
const EXTRA_NAMES: Record<string, string> = {
  type: 'csl_type',
  accessed: 'urldate',
  keyword: 'keywords',
  'collection-title': 'series',
  'container-title-short': 'shortjournal',
  journalAbbreviation: 'shortjournal',
  'title-short': 'shorttitle',
  shortTitle: 'shorttitle',
  'original-date': 'origdate',
};

interface CslName {
  family?: unknown;
  given?: unknown;
  suffix?: unknown;
  literal?: unknown;
  'non-dropping-particle'?: unknown;
  'dropping-particle'?: unknown;
}

type CslItem = Record<string, unknown>;

export function readCslJson(text: string, file: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    throw new InputError([
      { file, ...positionAt(text, offset), message: `JSON syntax error: ${message}` },
    ]);
  }
  const items: unknown[] = Array.isArray(data) ? data : [data];
  const starts = itemOffsets(text, Array.isArray(data));
  const result: ReadResult = {
    format: 'csl-json',
    entries: items.length,
    papers: [],
    skipped: [],
    warnings: [],
    ignored: [],
  };
  items.forEach((item, index) => {
    const position = positionAt(text, starts[index] ?? 0);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      result.skipped.push({ position, reason: `item ${index + 1} is not a CSL-JSON object` });
      return;
    }
    const outcome = toPaper(item as CslItem, position);
    if ('reason' in outcome) result.skipped.push(outcome);
    else result.papers.push(outcome);
  });
  return result;
}

function toPaper(
  item: CslItem,
  position: { line: number; col: number },
): ImportedPaper | SkippedEntry {
  const key =
    typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : undefined;
  const mapped = new Set<string>(['id']);
  const notes = new Set<string>();
  const skip = (reason: string): SkippedEntry => ({ ...(key ? { key } : {}), position, reason });
  const cslType = typeof item.type === 'string' ? item.type : 'article';
  const custom = readCustom(item.custom, cslType);
  const text = (name: string): string | undefined => {
    // publist's export: the text with its math, where the variable has it as Unicode.
    const own = custom.tex?.[name];
    if (own !== undefined) {
      mapped.add(name);
      return own;
    }
    const value = item[name];
    if (typeof value === 'number') {
      mapped.add(name);
      return String(value);
    }
    if (typeof value !== 'string' || !value.trim()) return undefined;
    mapped.add(name);
    return stripMarkup(value, name, notes);
  };

  const title = text('title');
  if (!title) return skip('no title');
  const date = readIssued(item.issued);
  if (!date) return skip('no issued date with a year');
  mapped.add('issued');
  mapped.add('type');

  const paper: PaperFields = { type: 'other', title, date: date.date };
  if (custom.read) mapped.add('custom');
  const authors = names(item.author, custom.author_marks);
  if (authors.people.length) paper.authors = authors.people;
  // pandoc's (and its BibTeX reader's) last author "others", or publist's `custom.et_al`.
  if (authors.others || custom.et_al) paper.et_al = true;
  mapped.add('author');
  const editors = names(item.editor, custom.editor_marks);
  if (editors.people.length) {
    paper.editors = editors.people;
    mapped.add('editor');
  }
  if (editors.others) notes.add('editor: the database has no "et al." for editors; dropped');

  const doiText = text('DOI');
  if (doiText) {
    const doi = toDoi(doiText);
    if (doi) paper.doi = doi;
    else mapped.delete('DOI');
  }
  const url = text('URL');
  const skipped: { field: string; reason: string }[] = [];
  if (url) {
    const link = toUrl(url);
    // A doi.org address is the DOI of a paper without one.
    const linked = link && !paper.doi ? linkedDoi(link) : undefined;
    if (linked) paper.doi = linked;
    else if (link && isOwnDoiLink(link, paper.doi)) {
      mapped.delete('URL');
      skipped.push({ field: 'URL', reason: OWN_DOI_LINK });
    } else if (link) paper.url = link;
    else mapped.delete('URL');
  }
  const number = typeof item.number === 'string' ? item.number : undefined;
  // Zotero writes an arXiv preprint's number as "arXiv:2211.04898"; publist (and others)
  // write the bare id with arXiv as the publisher.
  const fromArxiv = /^arxiv$/i.test(text('publisher') ?? '');
  const numberArxiv = number
    ? /arxiv/i.test(number)
      ? arxivInText(number)
      : fromArxiv || number === custom.arxiv
        ? arxivInText(`arXiv:${number}`)
        : undefined
    : undefined;
  const arxiv =
    numberArxiv ??
    custom.arxiv ??
    (paper.doi && /^10\.48550\/arxiv\./i.test(paper.doi)
      ? toArxiv(paper.doi.slice(15))
      : undefined) ??
    (url ? arxivInText(url) : undefined);
  if (arxiv) {
    paper.arxiv = arxiv;
    if (numberArxiv) mapped.add('number');
  }

  const genre = typeof item.genre === 'string' ? item.genre : '';
  const container = [item['container-title'], item['event-title'], item.event].find(
    (value): value is string => typeof value === 'string',
  );
  paper.type = custom.type ?? paperType(cslType, container ?? '', genre, Boolean(arxiv));
  // "Poster" is what a poster's CSL type lacks, and what publist gives the styles for one.
  if (genre.trim()) {
    if (!(paper.type === 'poster' && /^\s*poster\s*$/i.test(genre))) paper.genre = genreOf(genre);
    mapped.add('genre');
  }
  const venue = firstOf(VENUE_SOURCES[VENUE_IN_CSL[paper.type]], text);
  if (venue) {
    paper.venue = venue.value;
    // publist writes a talk's event as both `event-title` and CSL 1.0.1's `event`.
    for (const name of VENUE_SOURCES[VENUE_IN_CSL[paper.type]]) {
      if (item[name] === item[venue.name]) mapped.add(name);
    }
  }
  const volume = text('volume');
  if (volume) paper.volume = numberOrText(volume);
  const issueSources = ISSUE_SOURCES[ISSUE_IN_CSL[paper.type]].filter(
    (name) => !(name === 'number' && mapped.has('number')),
  );
  const issue = firstOf(issueSources, text);
  if (issue) paper.issue = numberOrText(issue.value);
  const pages = text('page');
  if (pages) paper.pages = toPages(pages);
  const publisher = text('publisher');
  // The publisher publist gives a preprint for the styles' sake: its arXiv id says it already.
  if (publisher && !(paper.type === 'preprint' && numberArxiv && fromArxiv)) {
    paper.publisher = publisher;
  }
  // `location` is no CSL variable, but Manubot and others write it for the place.
  const location = text('publisher-place') ?? text('event-place') ?? text('location');
  if (location) paper.location = location;
  const language = text('language');
  if (language) {
    const tag = languageTag(language);
    if (tag) paper.language = tag;
    else mapped.delete('language');
  }
  const isbn = text('ISBN');
  if (isbn) paper.isbn = isbn;
  // The link publist gives the styles for a preprint (its arXiv page) and for software (its code).
  if (
    (paper.type === 'preprint' && paper.arxiv && paper.url === arxivUrl(paper.arxiv)) ||
    (paper.type === 'software' && custom.code !== undefined && paper.url === custom.code)
  ) {
    delete paper.url;
  }
  for (const link of LINK_FIELDS) {
    const value = custom[link];
    if (value !== undefined) paper[link] = value;
  }
  const abstract = text('abstract');
  if (abstract) paper.abstract = abstract;
  if (custom.org !== undefined) paper.org = custom.org;
  const note = text('note');
  if (note && !repeatsIdentifier(note, paper)) paper.note = note;
  if (custom.award !== undefined) paper.award = custom.award;
  if (custom.selected !== undefined) paper.selected = custom.selected;
  const status = text('status');
  if (status) paper.status = status;

  const extra: Record<string, string> = {};
  const kept: string[] = [];
  if (CSL_TYPES[paper.type] !== cslType) {
    extra.csl_type = cslType;
    kept.push('type');
  }
  if (custom.extra) Object.assign(extra, custom.extra);
  if (custom.rest) {
    extra.custom = JSON.stringify(custom.rest);
    kept.push('custom');
  }
  for (const [name, value] of Object.entries(item)) {
    if (mapped.has(name) || skipped.some(({ field }) => field === name)) continue;
    // publist's export keeps the text with its math beside the Unicode ("$º$" for "º").
    const flat = custom.tex?.[name] ?? flatten(value);
    if (flat === undefined) {
      if (!(Array.isArray(value) && value.length === 0) && value !== '' && value !== null) {
        skipped.push({ field: name, reason: 'a value of no known form' });
      } else {
        skipped.push({ field: name, reason: 'empty' });
      }
      continue;
    }
    extra[EXTRA_NAMES[name] ?? name.toLowerCase()] = flat;
    kept.push(name);
  }
  if (Object.keys(extra).length) paper.extra = extra;
  if (date.note) notes.add(date.note);
  return {
    ...(key ? { key } : {}),
    position,
    paper: orderedFields(paper),
    mapped: [...mapped].filter((name) => name in item && !kept.includes(name)),
    kept,
    skipped,
    notes: [...notes],
  };
}

function paperType(cslType: string, venue: string, genre: string, arxiv: boolean): PaperType {
  if ((cslType === 'speech' || cslType === 'presentation') && /poster/i.test(genre))
    return 'poster';
  const mapped = PAPER_TYPE_OF_CSL[cslType];
  if (mapped === 'conference' && /\bworkshops?\b/i.test(venue)) return 'workshop';
  if (mapped) return mapped;
  return arxiv ? 'preprint' : 'other';
}

/** A name list, and whether it ends in "others". */
function names(
  value: unknown,
  marks: readonly AuthorMarks[] = [],
): { people: Exclude<ReturnType<typeof toAuthor>, undefined>[]; others: boolean } {
  if (!Array.isArray(value)) return { people: [], others: false };
  const list = value.filter((name): name is CslName => typeof name === 'object' && name !== null);
  const str = (part: unknown) =>
    typeof part === 'string' && part.trim() ? part.trim() : undefined;
  const last = list.at(-1);
  const others =
    last !== undefined && last.family === undefined && AND_OTHERS.test(str(last.literal) ?? '');
  const people = (others ? list.slice(0, -1) : list).flatMap((name, index) => {
    const parts: NameParts = {};
    const literal = str(name.literal);
    if (literal) parts.literal = literal;
    else {
      const given = [str(name.given), str(name['dropping-particle'])].filter(Boolean).join(' ');
      if (given) parts.given = given;
      const family = str(name.family);
      if (family) parts.family = family;
      const particle = str(name['non-dropping-particle']);
      if (particle) parts.particle = particle;
      const suffix = str(name.suffix);
      if (suffix) parts.suffix = suffix;
    }
    const author = toAuthor(parts, marks[index]);
    return author === undefined ? [] : [author];
  });
  return { people, others };
}

/** The first of these variables that holds text, and its name. */
function firstOf(
  names: readonly string[],
  text: (name: string) => string | undefined,
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = text(name);
    if (value) return { name, value };
  }
  return undefined;
}

interface CustomRead extends PublistCustom {
  /** Whether `custom` is an object, read at least in part. */
  read: boolean;
  /** What it holds that is not publist's. */
  rest?: Record<string, unknown>;
}

/**
 * CSL-JSON's `custom` object, as publist's export writes it (write/csl-json.ts): the model's
 * fields that CSL has no variable for. A value of another form stays under `extra.custom`.
 */
function readCustom(value: unknown, cslType: string): CustomRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { read: false };
  const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const result: CustomRead = { read: true };
  const take = <T>(key: string, read: (field: unknown) => T | undefined): T | undefined => {
    if (!(key in rest)) return undefined;
    const taken = read(rest[key]);
    if (taken !== undefined) delete rest[key];
    return taken;
  };
  const string = (field: unknown) =>
    typeof field === 'string' && field.trim() ? field.trim() : undefined;
  result.type = take('type', (field) => {
    const type = PAPER_TYPES.find((candidate) => candidate === field);
    // Only a type this CSL type can be: a "workshop" on a journal article is someone's slip.
    return type && (CSL_TYPES[type] === cslType || (PAPER_TYPE_OF_CSL[cslType] ?? 'other') === type)
      ? type
      : undefined;
  });
  result.arxiv = take('arxiv', (field) => (typeof field === 'string' ? toArxiv(field) : undefined));
  for (const link of LINK_FIELDS) {
    result[link] = take(link, (field) => (typeof field === 'string' ? toUrl(field) : undefined));
  }
  result.org = take('org', string);
  result.award = take('award', string);
  const flag = (field: unknown) => (typeof field === 'boolean' ? field : undefined);
  result.et_al = take('et_al', flag);
  result.selected = take('selected', flag);
  result.author_marks = take('author_marks', readMarks);
  result.editor_marks = take('editor_marks', readMarks);
  const strings = (field: unknown) =>
    typeof field === 'object' &&
    field !== null &&
    Object.values(field).every((entry) => typeof entry === 'string')
      ? (field as Record<string, string>)
      : undefined;
  result.extra = take('extra', strings);
  result.tex = take('tex', strings);
  for (const key of Object.keys(result) as (keyof CustomRead)[]) {
    if (result[key] === undefined) delete result[key];
  }
  if (Object.keys(rest).length) result.rest = rest;
  return result;
}

function readMarks(field: unknown): AuthorMarks[] | undefined {
  if (!Array.isArray(field)) return undefined;
  const marks: AuthorMarks[] = [];
  for (const entry of field as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { equal, corresponding, orcid, ...other } = entry as CustomMarks &
      Record<string, unknown>;
    if (Object.keys(other).length) return undefined;
    if (equal !== undefined && typeof equal !== 'boolean') return undefined;
    if (corresponding !== undefined && typeof corresponding !== 'boolean') return undefined;
    if (orcid !== undefined && typeof orcid !== 'string') return undefined;
    marks.push({
      ...(equal ? { equal } : {}),
      ...(corresponding ? { corresponding } : {}),
      ...(orcid ? { orcid } : {}),
    });
  }
  return marks;
}

/** `issued`: date-parts at any precision, or a `raw` / `literal` date. */
function readIssued(issued: unknown): { date: string | number; note?: string } | undefined {
  if (typeof issued !== 'object' || issued === null) return undefined;
  const { 'date-parts': dateParts, raw, literal } = issued as Record<string, unknown>;
  const first = Array.isArray(dateParts) && Array.isArray(dateParts[0]) ? dateParts[0] : undefined;
  if (first && first.length) {
    const [year, month, day] = first.map((part: unknown) => Number(part));
    if (year !== undefined && Number.isInteger(year) && year !== 0) {
      const result = toDate(
        year,
        month !== undefined && Number.isInteger(month) ? month : undefined,
        day !== undefined && Number.isInteger(day) ? day : undefined,
      );
      return result.dropped
        ? { date: result.date, note: `issued: ${result.dropped} does not exist; dropped` }
        : { date: result.date };
    }
  }
  const text = typeof raw === 'string' ? raw : typeof literal === 'string' ? literal : undefined;
  const iso = text ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text) : undefined;
  if (iso) {
    return {
      date: toDate(
        Number(iso[1]),
        iso[2] ? Number(iso[2]) : undefined,
        iso[3] ? Number(iso[3]) : undefined,
      ).date,
    };
  }
  const year = text ? parseYear(text) : undefined;
  return year ? { date: year.year } : undefined;
}

/** CSL's rich-text markup (`<i>`, `<b>`, `<sup>`, `<span class="nocase">`) has no place in the model's plain text. */
function stripMarkup(value: string, field: string, notes: Set<string>): string {
  const stripped = value.replace(/<\/?(i|b|sup|sub|sc|span)(\s[^>]*)?>/g, '');
  if (stripped !== value) notes.add(`${field}: dropped CSL markup`);
  return stripped.replace(/\s+/g, ' ').trim();
}

/** A kept value as the string `extra` holds: dates as ISO, lists joined. */
function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(flatten).filter((part): part is string => part !== undefined);
    return parts.length ? parts.join('; ') : undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const { 'date-parts': dateParts, raw, literal } = value as Record<string, unknown>;
    if (typeof raw === 'string' && raw.trim()) return raw.trim();
    if (typeof literal === 'string' && literal.trim()) return literal.trim();
    if (Array.isArray(dateParts) && Array.isArray(dateParts[0])) {
      return (dateParts[0] as unknown[])
        .map((part, i) => (i === 0 ? String(part) : String(part).padStart(2, '0')))
        .join('-');
    }
    return JSON.stringify(value);
  }
  return undefined;
}

/** Where each top-level item of the JSON text starts, for located messages. */
function itemOffsets(text: string, isArray: boolean): number[] {
  if (!isArray) return [Math.max(0, text.search(/\S/))];
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectingItem = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectingItem && !/\s/.test(char) && char !== ']') {
      offsets.push(i);
      expectingItem = false;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      depth += 1;
      if (depth === 1) expectingItem = true;
    } else if (char === '}' || char === ']') depth -= 1;
    else if (char === ',' && depth === 1) expectingItem = true;
  }
  return offsets;
}
