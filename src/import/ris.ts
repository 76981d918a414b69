/**
 * RIS (Zotero, EndNote, Mendeley, publishers' "export citation") -> papers. The syntax is
 * one `TAG  - value` per line, records from `TY` to `ER`; reading it ourselves keeps each
 * record's line for messages and every tag for `extra`.
 */
import { genreOf } from '../model/genre.js';
import { languageTag } from '../model/language.js';
import type { PaperType } from '../model/vocabulary.js';
import type { NameParts } from './bibtex-names.js';
import {
  arxivInText,
  isOwnDoiLink,
  linkedDoi,
  numberOrText,
  OWN_DOI_LINK,
  withoutFinalFullStop,
  orderedFields,
  parseYear,
  toAuthor,
  toDate,
  toDoi,
  toPages,
  toUrl,
  type ImportedPaper,
  type PaperFields,
  type ReadResult,
  type SkippedEntry,
  type SourceMessage,
} from './record.js';

const TYPES: Record<string, PaperType> = {
  JOUR: 'journal',
  JFULL: 'journal',
  EJOUR: 'journal',
  CONF: 'conference',
  CPAPER: 'conference',
  BOOK: 'book',
  EBOOK: 'book',
  EDBOOK: 'book',
  CHAP: 'chapter',
  ECHAP: 'chapter',
  THES: 'thesis',
  RPRT: 'report',
  COMP: 'software',
  DATA: 'dataset',
  PAT: 'patent',
  SLIDE: 'talk',
};

/** The RIS type that names each of our types; a record of another type keeps it as `ris_type`. */
const EXPORTED_TYPES: Record<PaperType, string> = {
  journal: 'JOUR',
  conference: 'CPAPER',
  workshop: 'CPAPER',
  'shared-task': 'CPAPER',
  preprint: 'UNPB',
  thesis: 'THES',
  book: 'BOOK',
  chapter: 'CHAP',
  report: 'RPRT',
  talk: 'SLIDE',
  poster: 'SLIDE',
  software: 'COMP',
  dataset: 'DATA',
  patent: 'PAT',
  other: 'GEN',
};

/** Tags kept under `extra` with the BibTeX name of what they hold. */
const EXTRA_NAMES: Record<string, string> = {
  KW: 'keywords',
  N1: 'annote',
  LA: 'language',
  J2: 'shortjournal',
  JA: 'shortjournal',
  T3: 'series',
  ST: 'shorttitle',
  ET: 'edition',
  Y2: 'urldate',
};

interface RisRecord {
  line: number;
  tags: Map<string, string[]>;
}

const LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;

function parseRis(text: string, warnings: SourceMessage[]): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | undefined;
  let lastTag: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const match = LINE.exec(raw.trimEnd());
    if (!match) {
      if (raw.trim() && current && lastTag) {
        // A continuation line: some writers wrap long values.
        const values = current.tags.get(lastTag) as string[];
        values[values.length - 1] = `${values.at(-1) ?? ''} ${raw.trim()}`.trim();
      } else if (raw.trim()) {
        warnings.push({
          position: { line, col: 1 },
          message: 'not a RIS line (TAG  - value); ignored',
        });
      }
      return;
    }
    const tag = match[1] as string;
    const value = (match[2] ?? '').trim();
    if (tag === 'TY') {
      if (current) {
        warnings.push({
          position: { line: current.line, col: 1 },
          message: 'this record has no ER line before the next TY; read up to there',
        });
        records.push(current);
      }
      current = { line, tags: new Map([['TY', [value]]]) };
      lastTag = 'TY';
      return;
    }
    if (!current) {
      warnings.push({ position: { line, col: 1 }, message: `${tag} before any TY line; ignored` });
      return;
    }
    if (tag === 'ER') {
      records.push(current);
      current = undefined;
      lastTag = undefined;
      return;
    }
    const values = current.tags.get(tag) ?? [];
    values.push(value);
    current.tags.set(tag, values);
    lastTag = tag;
  });
  if (current) {
    warnings.push({
      position: { line: current.line, col: 1 },
      message: 'the last record has no ER line; read to the end',
    });
    records.push(current);
  }
  return records;
}

export function readRis(text: string): ReadResult {
  const warnings: SourceMessage[] = [];
  const records = parseRis(text, warnings);
  const result: ReadResult = {
    format: 'ris',
    entries: records.length,
    papers: [],
    skipped: [],
    warnings,
    ignored: [],
  };
  for (const record of records) {
    const outcome = toPaper(record);
    if ('reason' in outcome) result.skipped.push(outcome);
    else result.papers.push(outcome);
  }
  return result;
}

/**
 * A value that holds nothing: empty, or `nan`, which files written with pandas (ASReview's
 * exports, scripts that turn spreadsheets into RIS) put in every empty cell.
 */
const hasValue = (value: string) => value !== '' && value !== NAN;
const NAN = 'nan';

function toPaper(record: RisRecord): ImportedPaper | SkippedEntry {
  const position = { line: record.line, col: 1 };
  const mapped = new Set<string>(['TY']);
  const all = (tag: string) => (record.tags.get(tag) ?? []).filter(hasValue);
  const first = (...tags: string[]): string | undefined => {
    for (const tag of tags) {
      const value = all(tag)[0];
      if (value) {
        mapped.add(tag);
        return value;
      }
    }
    return undefined;
  };
  const key = first('ID');
  const skip = (reason: string): SkippedEntry => ({ ...(key ? { key } : {}), position, reason });

  const written = first('TI', 'T1', 'CT');
  if (!written) return skip('no title (TI)');
  const stopless = withoutFinalFullStop(written);
  const title = stopless ?? written;
  const date = readDate(record, mapped);
  if (!date) return skip('no year (PY, DA or Y1)');

  const risType = all('TY')[0] ?? 'GEN';
  const paper: PaperFields = { type: 'other', title, date };
  const authorTags = ['AU', 'A1'].filter((tag) => all(tag).length);
  const notes: string[] = [];
  const names = (tag: string) => all(tag).map((value) => risName(tag, value, notes));
  const authors = authorTags.flatMap(names);
  authorTags.forEach((tag) => mapped.add(tag));
  const people = authors.flatMap((parts) => toAuthor(parts) ?? []);
  if (people.length) paper.authors = people;
  const editorTags = ['ED', 'A2'].filter((tag) => all(tag).length);
  const editors = editorTags.flatMap(names).flatMap((parts) => toAuthor(parts) ?? []);
  if (editors.length) {
    paper.editors = editors;
    editorTags.forEach((tag) => mapped.add(tag));
  }

  const doiText = all('DO')[0];
  const doiWritten = doiText ? toDoi(doiText) : undefined;
  if (doiWritten) mapped.add('DO');
  const urls = all('UR');
  const links = urls.map(toUrl);
  // Without a DOI in DO, a UR line that only resolves one (doi.org) gives the paper its DOI.
  const doiLine = doiWritten ? -1 : links.findIndex((link) => link && linkedDoi(link));
  const doi = doiWritten ?? (links[doiLine] && linkedDoi(links[doiLine]));
  if (doi) paper.doi = doi;
  // The first other web address is the URL; a link of the paper's own DOI is left out, as
  // every output links the DOI; the other UR lines are kept, as extra.ris_ur.
  const ownDoiLink = (index: number) => {
    const link = links[index];
    return link !== undefined && isOwnDoiLink(link, doi);
  };
  const url = links.find((link, index) => link !== undefined && !ownDoiLink(index));
  if (url) paper.url = url;
  const otherUrls = urls.filter(
    (_, index) => (links[index] === undefined || links[index] !== url) && !ownDoiLink(index),
  );
  const skipped: { field: string; reason: string }[] = [];
  if (urls.some((_, index) => index !== doiLine && ownDoiLink(index))) {
    skipped.push({ field: 'UR', reason: OWN_DOI_LINK });
  }
  const urlsMapped = url !== undefined || doiLine !== -1;
  if (urls.length) mapped.add('UR');
  const arxiv = [...urls, ...all('L2'), ...all('N1'), ...all('JO'), ...all('T2')]
    .map(arxivInText)
    .find(Boolean);
  if (arxiv) paper.arxiv = arxiv;

  const venue = first('T2', 'JO', 'JF', 'BT');
  paper.type = paperType(risType, venue ?? '', Boolean(arxiv));
  // A book's, thesis's or report's venue is its series, which RIS's T3 holds.
  const series =
    !venue && ['book', 'thesis', 'report'].includes(paper.type) ? first('T3') : undefined;
  if (venue ?? series) paper.venue = venue ?? series;
  // A thesis's or report's M3 is its "type of work" (Zotero's and EndNote's thesis type).
  const kind = ['thesis', 'report'].includes(paper.type) ? first('M3') : undefined;
  if (kind) paper.genre = genreOf(kind);
  const volume = first('VL');
  if (volume) paper.volume = numberOrText(volume);
  const issue = first('IS', 'CP');
  if (issue) paper.issue = numberOrText(issue);
  const start = first('SP');
  const end = first('EP');
  if (start) paper.pages = toPages(end && end !== start ? `${start}-${end}` : start);
  else if (end) mapped.delete('EP');
  const publisher = first('PB');
  if (publisher) paper.publisher = publisher;
  const location = first('CY', 'PP');
  if (location) paper.location = location;
  const languageText = all('LA')[0];
  const language = languageText ? languageTag(languageText) : undefined;
  if (language) {
    paper.language = language;
    mapped.add('LA');
  }
  const serial = all('SN')[0];
  if (serial && ['book', 'chapter'].includes(paper.type)) {
    paper.isbn = serial;
    mapped.add('SN');
  }
  const abstract = first('AB', 'N2');
  if (abstract) paper.abstract = abstract;

  const extra: Record<string, string> = {};
  const kept: string[] = [];
  if (EXPORTED_TYPES[paper.type] !== risType) {
    extra.ris_type = risType;
    kept.push('TY');
  }
  for (const [tag, values] of record.tags) {
    const left = tag === 'UR' ? otherUrls : undefined;
    if (mapped.has(tag) && !left?.length) continue;
    const present = left ?? values.filter(hasValue);
    if (!present.length) {
      const reason = values.includes(NAN) ? 'nan, an empty cell as pandas writes it' : 'empty';
      skipped.push({ field: tag, reason });
      continue;
    }
    const name = tag === 'SN' ? 'issn' : (EXTRA_NAMES[tag] ?? `ris_${tag.toLowerCase()}`);
    extra[name] = present.join(tag === 'KW' ? ', ' : '; ');
    kept.push(tag);
  }
  if (Object.keys(extra).length) paper.extra = extra;
  return {
    ...(key ? { key } : {}),
    position,
    paper: orderedFields(paper),
    mapped: [...mapped].filter((tag) =>
      tag === 'UR'
        ? urlsMapped
        : !kept.includes(tag) && !skipped.some(({ field }) => field === tag),
    ),
    kept,
    skipped,
    notes,
    ...(stopless ? { tidied: ['title full stop' as const] } : {}),
  };
}

function paperType(risType: string, venue: string, arxiv: boolean): PaperType {
  const mapped = TYPES[risType];
  if (mapped === 'conference' && /\bworkshops?\b/i.test(venue)) return 'workshop';
  if (mapped === 'journal' && arxiv && /arxiv/i.test(venue)) return 'preprint';
  if (mapped) return mapped;
  return arxiv ? 'preprint' : 'other';
}

/**
 * `Last, First, Suffix` (RIS's form); leading lower-case words of Last are its particle. A
 * part written `null` (Zotero's `van den Hoven, null` for a name without a given name) is
 * no part.
 */
function risName(tag: string, value: string, notes: string[]): NameParts {
  const [last = '', given, suffix] = value
    .split(',')
    .map((part) => part.trim())
    .map((part) => (part === 'null' || part === NAN ? '' : part));
  // Zotero writes an institution as one field without a comma.
  if (given === undefined) return { literal: last };
  const words = last.split(/\s+/);
  let cut = 0;
  while (cut < words.length - 1 && /^\p{Ll}/u.test(words[cut] as string)) cut += 1;
  const parts: NameParts = { family: words.slice(cut).join(' ') };
  if (cut > 0) parts.particle = words.slice(0, cut).join(' ');
  const placed = given ? familyAfterGiven(given, parts) : undefined;
  if (placed) {
    parts.given = placed;
    const family = [parts.particle, parts.family].filter(Boolean).join(' ');
    notes.push(`${tag} "${value}": read as ${placed} ${family}, the family name ${family}`);
  } else if (given) parts.given = given;
  if (suffix) parts.suffix = suffix;
  return parts;
}

/**
 * The Dutch and German particles ("tussenvoegsels", and the `el` of Dutch names of Arabic
 * origin) that some exports put after the given names.
 */
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'het',
  "'t",
  'ter',
  'ten',
  'te',
  'el',
]);

/**
 * `Hoven, Andor F. van den`, `Dieren, Judith J Kroese-van`: the particle, or the first half
 * and particle of a Dutch double family name (Kroese-van Dieren), that some RIS exports
 * write after the given names. They go before the family name, which `parts` gets; the
 * given names left are returned. Undefined when the given names do not end so, or are only
 * that (`Chen, Ming-de` is a Chinese given name).
 */
function familyAfterGiven(given: string, parts: NameParts): string | undefined {
  const words = given.split(/\s+/);
  let cut = words.length;
  while (cut > 1 && PARTICLES.has(words[cut - 1] as string)) cut -= 1;
  const joined = /^\p{Lu}[\p{L}'’]*-(\p{Ll}+)$/u.exec(words[cut - 1] as string);
  if (joined && PARTICLES.has(joined[1] as string) && cut > 1) {
    parts.family = [...words.slice(cut - 1), parts.particle, parts.family]
      .filter(Boolean)
      .join(' ');
    delete parts.particle;
    return words.slice(0, cut - 1).join(' ');
  }
  if (cut === words.length) return undefined;
  parts.particle = [...words.slice(cut), parts.particle].filter(Boolean).join(' ');
  return words.slice(0, cut).join(' ');
}

/** `DA  - 2021/02/01/` or `PY  - 2021///`: the year, with month and day when given. */
function readDate(record: RisRecord, mapped: Set<string>): string | number | undefined {
  let best: { year: number; month?: number; day?: number } | undefined;
  for (const tag of ['DA', 'PY', 'Y1']) {
    const value = record.tags.get(tag)?.[0];
    if (!value || !hasValue(value)) continue;
    const match = /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(value.trim());
    const year = match ? Number(match[1]) : parseYear(value)?.year;
    if (year === undefined) continue;
    const month = match?.[2] ? Number(match[2]) : undefined;
    const day = match?.[3] ? Number(match[3]) : undefined;
    if (!best || (best.year === year && (month ?? 0) > 0 && best.month === undefined)) {
      best = { year, ...(month ? { month } : {}), ...(day ? { day } : {}) };
    }
    if (best.year === year) mapped.add(tag);
  }
  return best ? toDate(best.year, best.month, best.day).date : undefined;
}
