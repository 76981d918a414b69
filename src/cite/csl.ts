/** Paper -> CSL-JSON, the input of every citation style (and the csl-json output format). */
import { genreText } from '../model/genre.js';
import type { Paper, Person } from '../model/paper.js';
import type { OwnWords } from '../model/words.js';
import {
  CSL_ITEM_TYPES,
  CSL_TYPES,
  ISSUE_IN_CSL,
  PAPER_TYPE_OF_CSL,
  VENUE_IN_CSL,
} from '../model/vocabulary.js';

export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

/** A CSL date: its parts, or text a processor parses itself. */
export type CslDate = { 'date-parts': [number[]] } | { raw: string };

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author: CslName[];
  editor?: CslName[];
  issued: { 'date-parts': [number[]] };
  'container-title'?: string;
  'collection-title'?: string;
  'collection-number'?: string;
  'event-title'?: string;
  /** CSL 1.0.1's name for `event-title`, which many styles still read. */
  event?: string;
  'event-place'?: string;
  authority?: string;
  genre?: string;
  volume?: string;
  issue?: string;
  page?: string;
  edition?: string;
  publisher?: string;
  'publisher-place'?: string;
  number?: string;
  language?: string;
  DOI?: string;
  URL?: string;
  ISBN?: string;
  ISSN?: string;
  PMID?: string;
  PMCID?: string;
  'container-title-short'?: string;
  'title-short'?: string;
  accessed?: CslDate;
  'original-date'?: CslDate;
  status?: string;
  abstract?: string;
  keyword?: string;
  note?: string;
}

/** The variables styles print as text: what the cite stage protects from citeproc's markup. */
export const PRINTED_VARIABLES = [
  'title',
  'title-short',
  'container-title',
  'container-title-short',
  'collection-title',
  'event-title',
  'event',
  'event-place',
  'authority',
  'publisher',
  'publisher-place',
  'genre',
  'edition',
  'volume',
  'issue',
  'collection-number',
  'page',
  'number',
  'status',
  'note',
] as const;

/** The variables a title or a venue goes to: the model keeps `$...$` math in those. */
export const MATH_VARIABLES = [
  'title',
  'title-short',
  'container-title',
  'container-title-short',
  'collection-title',
  'event-title',
  'event',
  'authority',
] as const satisfies readonly (keyof CslItem)[];

export function toCslName(person: Person): CslName {
  if (person.literal) return { literal: person.literal };
  const name: CslName = {};
  if (person.family) name.family = person.family;
  if (person.given) name.given = person.given;
  if (person.particle) name['non-dropping-particle'] = person.particle;
  if (person.suffix) name.suffix = person.suffix;
  return name;
}

export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/**
 * `extra` keys that hold what a CSL variable holds, under the name every import gives them
 * (BibTeX's `urldate`, CSL's `accessed` and RIS's `Y2` all become `urldate`): styles print
 * them, and the CSL-JSON export writes them back as those variables.
 */
const EXTRA_TEXT = {
  series: 'collection-title',
  edition: 'edition',
  shortjournal: 'container-title-short',
  shorttitle: 'title-short',
  issn: 'ISSN',
  pmid: 'PMID',
  pmcid: 'PMCID',
  keywords: 'keyword',
} as const satisfies Record<string, keyof CslItem>;

const EXTRA_DATES = { urldate: 'accessed', origdate: 'original-date' } as const satisfies Record<
  string,
  keyof CslItem
>;

/** `2021-05-06`, `2021-05`, `2021` as date parts; any other text as citeproc's `raw`. */
export function cslDate(text: string): CslDate {
  const match = /^(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!match) return { raw: text };
  const parts = match
    .slice(1)
    .filter((part) => part !== undefined)
    .map(Number);
  return { 'date-parts': [parts] };
}

/**
 * The CSL type: our type's, or the one the paper was imported with when that is a type of
 * its own ("post-weblog" for an `other`, "entry-encyclopedia" for a `chapter`) and the
 * paper is still of the type the import gave it.
 */
function cslType(paper: Paper): string {
  const kept = paper.extra?.csl_type;
  if (kept && CSL_ITEM_TYPES.has(kept) && (PAPER_TYPE_OF_CSL[kept] ?? 'other') === paper.type) {
    return kept;
  }
  return CSL_TYPES[paper.type];
}

/** The item a style sees, a `genre` keyword in English. */
export function toCsl(paper: Paper): CslItem {
  return cslItemOf(paper).item;
}

/**
 * The item, and the `extra` keys it took variables from (the export keeps the others apart);
 * `words`: the language a `genre` keyword is printed in (English by default).
 */
export function cslItemOf(
  paper: Paper,
  words?: OwnWords,
): { item: CslItem; extraUsed: ReadonlySet<string> } {
  const { year, month, day } = paper.date;
  const item: CslItem = {
    id: paper.id,
    type: cslType(paper),
    title: paper.title,
    author: paper.authors.map(toCslName),
    issued: { 'date-parts': [[year, ...(month ? [month] : []), ...(month && day ? [day] : [])]] },
  };
  if (paper.editors) item.editor = paper.editors.map(toCslName);
  const presented = paper.type === 'talk' || paper.type === 'poster';
  if (paper.venue) {
    const variable = VENUE_IN_CSL[paper.type];
    item[variable] = paper.venue;
    if (variable === 'event-title') item.event = paper.venue;
  }
  if (paper.genre) item.genre = genreText(paper.genre, words);
  else if (paper.type === 'poster') item.genre = 'Poster';
  const issueVariable = ISSUE_IN_CSL[paper.type];
  // "volume 141 of Studies in Logic", as BibTeX (and DBLP, and Springer) write a book in a
  // series: without a number, a series' volume is the book's number in it.
  const volumeInSeries =
    issueVariable === 'collection-number' && paper.venue !== undefined && paper.issue === undefined;
  if (paper.volume !== undefined) {
    item[volumeInSeries ? 'collection-number' : 'volume'] = String(paper.volume);
  }
  if (paper.issue !== undefined) item[issueVariable] = String(paper.issue);
  if (paper.pages !== undefined) item.page = String(paper.pages);
  if (paper.publisher) item.publisher = paper.publisher;
  if (paper.location) item[presented ? 'event-place' : 'publisher-place'] = paper.location;
  if (paper.language) item.language = paper.language;
  if (paper.isbn) item.ISBN = paper.isbn;
  if (paper.doi) item.DOI = paper.doi;
  if (paper.type === 'preprint' && paper.arxiv) {
    // The repository is the publisher and the id its number. Not Zotero's "arXiv:2211.04898"
    // as the number: styles that print both (IEEE's "publisher: number") said "arXiv: arXiv:".
    item.publisher ??= 'arXiv';
    item.number = paper.arxiv;
  }
  const url =
    paper.url ??
    (paper.arxiv && paper.type === 'preprint' ? arxivUrl(paper.arxiv) : undefined) ??
    (paper.type === 'software' ? paper.code : undefined);
  if (url) item.URL = url;
  if (paper.status) item.status = paper.status;
  if (paper.abstract) item.abstract = paper.abstract;
  if (paper.topics?.length) item.keyword = paper.topics.join(', ');
  if (paper.note) item.note = paper.note;
  const extra = paper.extra ?? {};
  const extraUsed = new Set<string>();
  if (item.type !== CSL_TYPES[paper.type]) extraUsed.add('csl_type');
  for (const [key, variable] of Object.entries(EXTRA_TEXT)) {
    const value = extra[key];
    // A book's series is its venue: an `extra.series` beside it stays apart, even alone.
    if (value === undefined || item[variable] !== undefined) continue;
    if (variable === VENUE_IN_CSL[paper.type]) continue;
    item[variable] = value;
    extraUsed.add(key);
  }
  for (const [key, variable] of Object.entries(EXTRA_DATES)) {
    const value = extra[key];
    if (value === undefined) continue;
    item[variable] = cslDate(value);
    extraUsed.add(key);
  }
  return { item, extraUsed };
}
