/**
 * What every reader (BibTeX, CSL-JSON, RIS) hands to the import: papers of our model
 * without their final id, with an account of each source field — mapped into the model,
 * kept under `extra`, or skipped and why — and the helpers the readers share.
 */
import type { Person } from '../model/paper.js';
import { isWebAddress } from '../model/formats.js';
import type { SourcePosition } from '../model/problems.js';
import { PaperSchema, type AuthorInput, type PaperInput } from '../model/schema.js';
import { LINK_FIELDS } from '../model/vocabulary.js';
import { ARXIV_PATTERN, DOI_PATTERN, parseDate, toPerson } from '../validate/validate.js';
import type { NameParts } from './bibtex-names.js';

export type ImportFormat = 'bibtex' | 'csl-json' | 'ris';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
  ris: 'RIS',
};

export type PaperFields = Omit<PaperInput, 'id'>;

/** A paper read from a foreign file, before it gets its id in the database. */
export interface ImportedPaper {
  /** The source's own key (BibTeX key, CSL id, RIS ID): the id is made from it. */
  key?: string;
  position: SourcePosition;
  paper: PaperFields;
  /** Source fields that went into the model. */
  mapped: string[];
  /** Source fields kept under `extra`. */
  kept: string[];
  /** Source fields left out, each with the reason. */
  skipped: { field: string; reason: string }[];
  /** What a conversion could not carry over (LaTeX formatting, a dropped `\index`). */
  notes: string[];
  /** What the reader tidied that many papers of a file have alike: said once, with a count. */
  tidied?: Tidied[];
}

/** A tidying the summary counts: a title's final full stop removed. */
export type Tidied = 'title full stop';

/** An entry that did not become a paper. */
export interface SkippedEntry {
  key?: string;
  position: SourcePosition;
  reason: string;
}

export interface SourceMessage {
  position: SourcePosition;
  message: string;
  hint?: string;
}

export interface ReadResult {
  format: ImportFormat;
  /** Entries in the file, paper or not. */
  entries: number;
  papers: ImportedPaper[];
  skipped: SkippedEntry[];
  /** Problems that did not stop an entry (an undefined macro, a repeated field). */
  warnings: SourceMessage[];
  /** Parts of the file that are not entries and have no place in the database (`@preamble`). */
  ignored: SourceMessage[];
}

/** A web address the schema accepts, percent-encoding what needs it; undefined when it is none. */
export function toUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (isWebAddress(trimmed)) return trimmed;
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  let encoded: string;
  try {
    encoded = encodeURI(decodeURI(trimmed));
  } catch {
    encoded = encodeURI(trimmed);
  }
  return isWebAddress(encoded) ? encoded : undefined;
}

/** The bare DOI from `https://doi.org/...`, `doi:...` or the bare form; undefined when it is none. */
export function toDoi(value: string): string | undefined {
  let doi = value.trim().replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
  if (/%[0-9a-f]{2}/i.test(doi)) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      // Not percent-encoding after all: keep it as written.
    }
  }
  return DOI_PATTERN.test(doi) ? doi : undefined;
}

/**
 * Addresses that only resolve a DOI: doi.org (and dx.doi.org), APS's link.aps.org/doi/ and
 * ACM's doi.acm.org.
 */
const DOI_RESOLVER =
  /^https?:\/\/(?:(?:dx\.|www\.)?doi\.org|doi\.acm\.org|link\.aps\.org\/doi)\/(.+)$/i;

/**
 * Why a URL that only resolves the paper's own DOI is left out: every output links the
 * DOI, so styles would print the link twice, as `[URL]` and as the DOI.
 */
export const OWN_DOI_LINK = "only its DOI's link, which the DOI prints";

/** The DOI an address only resolves (`https://doi.org/10.1000/x`); undefined for any other address. */
export function linkedDoi(address: string): string | undefined {
  const resolved = DOI_RESOLVER.exec(address.trim())?.[1];
  return resolved === undefined ? undefined : toDoi(resolved);
}

/** Whether an address only resolves the DOI given (DOIs compare case-insensitively). */
export function isOwnDoiLink(address: string, doi: string | undefined): boolean {
  const linked = linkedDoi(address);
  return doi !== undefined && linked !== undefined && linked.toLowerCase() === doi.toLowerCase();
}

/** The bare arXiv id from `arXiv:2101.00001v2`, an arxiv.org link, or `abs/2101.00001` (DBLP). */
export function toArxiv(value: string): string | undefined {
  const id = value
    .trim()
    .replace(/^https?:\/\/(www\.)?arxiv\.org\/(abs|pdf)\//i, '')
    .replace(/^(arxiv:\s*|abs\/)/i, '')
    .replace(/\.pdf$/i, '');
  return ARXIV_PATTERN.test(id) ? id : undefined;
}

/** An arXiv id mentioned in free text: "arXiv preprint arXiv:2101.00001". */
export function arxivInText(text: string): string | undefined {
  const match =
    /arxiv(?:\.org\/(?:abs|pdf)\/|\s*(?:preprint)?\s*:?\s*)(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/i.exec(
      text,
    );
  return match?.[1] ? toArxiv(match[1]) : undefined;
}

/** The paper's link fields, in the order a note's address may fill them. */
const LINKS = ['url', ...LINK_FIELDS] as const;

const withoutEndSlash = (address: string) => address.replace(/\/+$/, '');

/** Whether two arXiv ids name one paper, whatever versions they give: 2101.00001, 2101.00001v3. */
const sameArxiv = (one: string, other: string) =>
  one.replace(/v\d+$/, '') === other.replace(/v\d+$/, '');

/** A note's words without the full stop, spaces and slashes at its end. */
const said = (text: string) => withoutEndSlash(text.trim().replace(/[.\s]+$/, ''));

/** The arXiv id a text names: "arXiv:X", "arXiv preprint arXiv:X", "arXiv:X [cs]", an address. */
const namedArxiv = (text: string) =>
  toArxiv(
    withoutEndSlash(text.replace(/^arxiv\s+preprint\s+/i, '').replace(/\s*\[[\w.-]+\]$/, '')),
  );

/** The DOI a text names: "doi:10...", "10...", a doi.org address. */
const namedDoi = (text: string) => toDoi(text.replace(/^doi\s*:?\s*/i, ''));

/**
 * Whether a note (or a link's text) only names what the paper's own fields already hold:
 * its arXiv id ("arXiv:1705.07088", "arXiv preprint arXiv:...", "arXiv:2211.04898 [cs]", an
 * arxiv.org address), its DOI ("doi:10...", a doi.org address) or one of its links. Every
 * output prints those fields already, so such a note would print them twice.
 */
export function repeatsIdentifier(text: string, paper: PaperFields): boolean {
  const words = said(text);
  if (!words) return false;
  const arxiv = namedArxiv(words);
  // Any version names the paper: "arXiv:2101.00001v3" repeats the field's 2101.00001.
  if (paper.arxiv && arxiv && sameArxiv(arxiv, paper.arxiv)) return true;
  if (paper.doi && namedDoi(words)?.toLowerCase() === paper.doi.toLowerCase()) return true;
  return LINKS.some((field) => {
    const link = paper[field];
    return link !== undefined && withoutEndSlash(link) === words;
  });
}

/**
 * The identifier a link's text names, when the link's address resolves that identifier:
 * `\href{https://arxiv.org/abs/X}{arXiv:X}`, `\href{https://doi.org/D}{doi:D}`.
 */
export function linkedIdentifier(
  text: string,
  address: string,
): { arxiv: string } | { doi: string } | undefined {
  const words = said(text);
  const arxiv = namedArxiv(words);
  const linked = /arxiv\.org\//i.test(address) ? toArxiv(withoutEndSlash(address)) : undefined;
  if (arxiv && linked && sameArxiv(arxiv, linked)) return { arxiv };
  const doi = namedDoi(words);
  const resolved = /doi\.org\//i.test(address) ? toDoi(address) : undefined;
  if (doi && resolved?.toLowerCase() === doi.toLowerCase()) return { doi };
  return undefined;
}

/** Whether a link's text is its address, written with or without `https://` and `www.`. */
export function isAddressText(text: string, address: string): boolean {
  const bare = (value: string) =>
    withoutEndSlash(
      value
        .trim()
        .replace(/^https?:\/\//i, '')
        .replace(/^www\./i, ''),
    ).toLowerCase();
  return bare(text) === bare(address);
}

/**
 * Puts an address a note gave into the field it belongs in, when that field is empty: an
 * arxiv.org address becomes the arXiv id, a doi.org one the DOI, any other the paper's URL
 * (or, when the paper has one, its PDF if the address is a PDF). False when every such
 * field is taken.
 */
export function placeAddress(address: string, paper: PaperFields): boolean {
  const arxiv = /arxiv\.org\//i.test(address) ? toArxiv(withoutEndSlash(address)) : undefined;
  if (arxiv && !paper.arxiv) {
    paper.arxiv = arxiv;
    return true;
  }
  const doi = /doi\.org\//i.test(address) ? toDoi(address) : undefined;
  if (doi && !paper.doi) {
    paper.doi = doi;
    return true;
  }
  if (!paper.url) {
    paper.url = address;
    return true;
  }
  if (!paper.pdf && /\.pdf(?:[?#]|$)/i.test(address)) {
    paper.pdf = address;
    return true;
  }
  return false;
}

/** Words a title may end with whose full stop is theirs: "Inc.", "Vol.", "No.". */
const ABBREVIATIONS = new Set([
  'inc',
  'ltd',
  'co',
  'corp',
  'vol',
  'vols',
  'no',
  'nos',
  'ed',
  'eds',
  'etc',
  'jr',
  'sr',
  'st',
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'vs',
  'cf',
  'fig',
  'figs',
  'eq',
  'eqs',
  'pp',
  'pt',
  'ch',
  'sec',
  'dept',
  'univ',
  'approx',
  'suppl',
  'bros',
  'assoc',
  'mt',
]);

/**
 * A title without the full stop it ends with (`A study of things.`, as RIS exports often
 * write it): styles put their own punctuation after a title, and IEEE would print
 * `“A study of things.,”`. Undefined when the title ends otherwise, or the full stop is
 * part of an ellipsis (`...`), of "et al.", of an abbreviation (`Inc.`, `U.S.`) or of an
 * initial (`Vitamin C.`, `John F.`: one capital letter is no word a sentence ends with).
 */
export function withoutFinalFullStop(title: string): string | undefined {
  if (!/[^.]\.$/u.test(title)) return undefined;
  const last = /(\S*)\.$/u.exec(title)?.[1] ?? '';
  const word = last.replace(/^[^\p{L}]+/u, '');
  if (word.includes('.') || ABBREVIATIONS.has(word.toLowerCase())) return undefined;
  if (/^\p{Lu}$/u.test(word)) return undefined;
  if (word === 'al' && /\bet\s+al\.$/u.test(title)) return undefined;
  return title.slice(0, -1).trimEnd();
}

/** Volume, issue and pages as the schema keeps them: whole numbers as numbers. */
export function numberOrText(value: string): string | number {
  const trimmed = value.trim();
  return /^[1-9]\d{0,8}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Page ranges with a plain hyphen, as the model writes them: `403--404` -> `403-404`. */
export function toPages(value: string): string | number {
  return numberOrText(value.replace(/\s*(--?|–|—)\s*/g, '-'));
}

/** The schema's date: a year as a number, or `YYYY-MM` / `YYYY-MM-DD`; months and days that do not exist are dropped. */
export function toDate(
  year: number,
  month?: number,
  day?: number,
): { date: string | number; dropped?: string } {
  if (month === undefined || year < 1000 || year > 9999) return { date: year };
  const yearMonth = `${year}-${String(month).padStart(2, '0')}`;
  if (typeof parseDate(yearMonth) === 'string') return { date: year, dropped: `month ${month}` };
  if (day === undefined) return { date: yearMonth };
  const full = `${yearMonth}-${String(day).padStart(2, '0')}`;
  return typeof parseDate(full) === 'string'
    ? { date: yearMonth, dropped: `day ${day}` }
    : { date: full };
}

const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

/** `May`, `5`, `{April 1}`, `1 April`, `Sept.`: the month and, when given, the day. */
export function parseMonth(value: string): { month: number; day?: number } | undefined {
  const text = value.trim().toLowerCase();
  const numeric = /^(\d{1,2})$/.exec(text);
  if (numeric) {
    const month = Number(numeric[1]);
    return month >= 1 && month <= 12 ? { month } : undefined;
  }
  const named = /^(?:(\d{1,2})\.?\s+)?([a-zé]+)\.?(?:\s+(\d{1,2}))?(?:\s*[-–/].*)?$/u.exec(text);
  if (!named) return undefined;
  const index = MONTH_NAMES.indexOf((named[2] as string).slice(0, 3));
  if (index === -1) return undefined;
  const day = named[1] ?? named[3];
  return day === undefined ? { month: index + 1 } : { month: index + 1, day: Number(day) };
}

/** `2009`; `300 BC` -> -300 (CSL's years before Christ); else the first four-digit year in the text. */
export function parseYear(value: string): { year: number; exact: boolean } | undefined {
  const text = value.trim();
  if (/^-?\d{1,4}$/.test(text) && Number(text) !== 0) return { year: Number(text), exact: true };
  const bc = /^(\d{1,4})\s*(BC|BCE|B\.\s?C\.)$/i.exec(text);
  if (bc) return { year: -Number(bc[1]), exact: true };
  const first = /(?<!\d)(\d{4})(?!\d)/.exec(text);
  return first ? { year: Number(first[1]), exact: false } : undefined;
}

/** Authorship marks (biber's `author+an` data annotations). */
export interface AuthorMarks {
  equal?: boolean;
  corresponding?: boolean;
  orcid?: string;
}

/**
 * An author as the database writes it: the plain "Given Family" string when the validator
 * reads that string back into the same parts, the mapping form otherwise (and when there
 * are marks to carry).
 */
export function toAuthor(parts: NameParts, marks: AuthorMarks = {}): AuthorInput | undefined {
  const withMarks = <T extends object>(author: T): T & AuthorMarks => ({ ...author, ...marks });
  if (parts.literal) return withMarks({ literal: parts.literal });
  const family = parts.family ?? '';
  if (!family) return parts.given ? withMarks({ literal: parts.given }) : undefined;
  const expected: Person = { family };
  if (parts.given) expected.given = parts.given;
  if (parts.particle) expected.particle = parts.particle;
  if (parts.suffix) expected.suffix = parts.suffix;
  const plain = [parts.given, parts.particle, family].filter(Boolean).join(' ');
  const written = parts.suffix ? `${plain}, ${parts.suffix}` : plain;
  const read = readName(written);
  if (typeof read !== 'string' && samePerson(read, expected)) {
    return Object.keys(marks).length ? withMarks({ name: written }) : written;
  }
  const object: { family: string; given?: string; suffix?: string } = {
    family: [parts.particle, family].filter(Boolean).join(' '),
  };
  if (parts.given) object.given = parts.given;
  if (parts.suffix) object.suffix = parts.suffix;
  return withMarks(object);
}

function samePerson(a: Person, b: Person): boolean {
  return (
    a.family === b.family &&
    a.given === b.given &&
    a.particle === b.particle &&
    a.suffix === b.suffix &&
    a.literal === b.literal
  );
}

/** The paper's keys in the schema's order, with the abstract last (it is the longest). */
export const KEY_ORDER: readonly string[] = [
  ...Object.keys(PaperSchema.properties).filter((key) => key !== 'abstract' && key !== 'extra'),
  'extra',
  'abstract',
];

const KEY_RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

export function orderedFields<T extends object>(paper: T): T {
  const fields = paper as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (fields[key] !== undefined) ordered[key] = fields[key];
  for (const key of Object.keys(fields)) {
    if (!KEY_RANK.has(key) && fields[key] !== undefined) ordered[key] = fields[key];
  }
  return ordered as T;
}

/**
 * The validator's reading of a name, remembered: the same co-authors recur on every page of
 * a bibliography, and citation-js's name parser is the slowest step of importing one.
 */
const namesRead = new Map<string, Person | string>();
export function readName(author: AuthorInput): Person | string {
  if (typeof author !== 'string') return toPerson(author);
  let person = namesRead.get(author);
  if (person === undefined) {
    if (namesRead.size > 100_000) namesRead.clear();
    person = toPerson(author);
    namesRead.set(author, person);
  }
  return person;
}

/** Letters and digits only, accents and case folded: the form titles are compared in. */
export function normalise(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const FOLDED: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  þ: 'th',
  Þ: 'Th',
};

export function ascii(text: string): string {
  if (/^[\p{ASCII}]*$/u.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøØłŁæÆœŒđĐıþÞ]/g, (char) => FOLDED[char] ?? char);
}
