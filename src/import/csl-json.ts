/**
 * CSL-JSON items (Zotero, Manubot, pandoc, citation-js) -> papers. CSL is citeproc's own
 * model, so most variables have a direct home; the rest are kept under `extra` with their
 * BibTeX names where one exists (ISSN -> issn, accessed -> urldate), so that a BibTeX
 * export writes them back meaningfully.
 */
import { InputError, positionAt } from '../model/problems.js';
import { CSL_TYPES, type PaperType } from '../model/vocabulary.js';
import type { NameParts } from './bibtex-names.js';
import {
  arxivInText,
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
  type ImportedPaper,
  type PaperFields,
  type ReadResult,
  type SkippedEntry,
} from './record.js';

const TYPES: Record<string, PaperType> = {
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
};

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
  const text = (name: string): string | undefined => {
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
  const cslType = typeof item.type === 'string' ? item.type : 'article';
  mapped.add('type');

  const paper: PaperFields = { type: 'other', title, date: date.date };
  const authors = names(item.author);
  if (authors.length) paper.authors = authors;
  mapped.add('author');
  const editors = names(item.editor);
  if (editors.length) {
    paper.editors = editors;
    mapped.add('editor');
  }

  const doiText = text('DOI');
  if (doiText) {
    const doi = toDoi(doiText);
    if (doi) paper.doi = doi;
    else mapped.delete('DOI');
  }
  const url = text('URL');
  if (url) {
    const link = toUrl(url);
    if (link) paper.url = link;
    else mapped.delete('URL');
  }
  const number = typeof item.number === 'string' ? item.number : undefined;
  // Zotero writes an arXiv preprint's number as "arXiv:2211.04898"; publist (and others)
  // write the bare id with arXiv as the publisher.
  const fromArxiv = /^arxiv$/i.test(text('publisher') ?? '');
  const numberArxiv = number
    ? /arxiv/i.test(number)
      ? arxivInText(number)
      : fromArxiv
        ? arxivInText(`arXiv:${number}`)
        : undefined
    : undefined;
  const arxiv =
    numberArxiv ??
    (paper.doi && /^10\.48550\/arxiv\./i.test(paper.doi)
      ? toArxiv(paper.doi.slice(15))
      : undefined) ??
    (url ? arxivInText(url) : undefined);
  if (arxiv) {
    paper.arxiv = arxiv;
    if (numberArxiv) mapped.add('number');
  }

  const venue = text('container-title') ?? text('event-title') ?? text('event');
  const genre = typeof item.genre === 'string' ? item.genre : '';
  paper.type = paperType(cslType, venue ?? '', genre, Boolean(arxiv));
  if (paper.type === 'poster') mapped.add('genre');
  if (venue) paper.venue = venue;
  const volume = text('volume');
  if (volume) paper.volume = numberOrText(volume);
  const issue = text('issue') ?? (mapped.has('number') ? undefined : text('number'));
  if (issue) paper.issue = numberOrText(issue);
  const pages = text('page');
  if (pages) paper.pages = toPages(pages);
  const publisher = text('publisher');
  if (publisher) paper.publisher = publisher;
  // `location` is no CSL variable, but Manubot and others write it for the place.
  const location = text('publisher-place') ?? text('event-place') ?? text('location');
  if (location) paper.location = location;
  const isbn = text('ISBN');
  if (isbn) paper.isbn = isbn;
  const abstract = text('abstract');
  if (abstract) paper.abstract = abstract;
  const note = text('note');
  if (note && !repeatsIdentifier(note, paper)) paper.note = note;
  const status = text('status');
  if (status) paper.status = status;

  const extra: Record<string, string> = {};
  const kept: string[] = [];
  if (CSL_TYPES[paper.type] !== cslType) {
    extra.csl_type = cslType;
    kept.push('type');
  }
  const skipped: { field: string; reason: string }[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (mapped.has(name)) continue;
    const flat = flatten(value);
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
  const mapped = TYPES[cslType];
  if (mapped === 'conference' && /\bworkshops?\b/i.test(venue)) return 'workshop';
  if (mapped) return mapped;
  return arxiv ? 'preprint' : 'other';
}

function names(value: unknown): (string | Exclude<ReturnType<typeof toAuthor>, undefined>)[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((name: CslName) => {
    const parts: NameParts = {};
    const str = (part: unknown) =>
      typeof part === 'string' && part.trim() ? part.trim() : undefined;
    const literal = str(name.literal);
    if (literal) return [{ literal }];
    const given = [str(name.given), str(name['dropping-particle'])].filter(Boolean).join(' ');
    if (given) parts.given = given;
    const family = str(name.family);
    if (family) parts.family = family;
    const particle = str(name['non-dropping-particle']);
    if (particle) parts.particle = particle;
    const suffix = str(name.suffix);
    if (suffix) parts.suffix = suffix;
    const author = toAuthor(parts);
    return author === undefined ? [] : [author];
  });
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
    const dateParts = (value as { 'date-parts'?: unknown })['date-parts'];
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
