/**
 * A paper's `genre`, the kind of work as printed ("PhD thesis", "Technical report"): a
 * keyword of GENRES, printed in the output's language, or any other text, printed as written.
 * Imports recognise the keywords in the forms other tools write them.
 */
import { GENRES, type Genre, type PaperType } from './vocabulary.js';
import { ownWords, type OwnWords } from './words.js';

const ENGLISH = ownWords('en').genres;

/** Case and apostrophes aside: "Master's Thesis" is "Master’s thesis". */
const folded = (text: string) => text.trim().replace(/['’]/g, '’').toLowerCase();

/**
 * biblatex's keys for its localised kinds (`type = {mathesis}`), BibTeX's entry types, and
 * each keyword's English words: the texts that are a keyword.
 */
const KEYWORD_OF: ReadonlyMap<string, Genre> = new Map<string, Genre>([
  ...GENRES.map((genre): [string, Genre] => [genre, genre]),
  ...GENRES.map((genre): [string, Genre] => [folded(ENGLISH[genre]), genre]),
  ['phdthesis', 'phd-thesis'],
  ['mathesis', 'masters-thesis'],
  ['mastersthesis', 'masters-thesis'],
  ['techreport', 'technical-report'],
  ['resreport', 'research-report'],
]);

export function isGenreKeyword(text: string): text is Genre {
  return (GENRES as readonly string[]).includes(text);
}

/** The keyword a text names, or the text itself. */
export function genreOf(text: string): string {
  return KEYWORD_OF.get(folded(text)) ?? text.trim();
}

/** The keyword a text names, if it names one ("phdthesis", "PhD Thesis"). */
export function genreKeywordOf(text: string): Genre | undefined {
  return KEYWORD_OF.get(folded(text));
}

/** The genre as printed: a keyword in the given words' language, other text as written. */
export function genreText(genre: string, words: OwnWords = ownWords('en')): string {
  return isGenreKeyword(genre) ? words.genres[genre] : genre;
}

/**
 * The types whose BibTeX `type` field is the kind of work, as their entry types' styles print
 * it: a thesis's or report's (BibTeX's and biblatex's styles), and that of what publist writes
 * as a `@misc`, `@software` or `@dataset` (biblatex prints their `type`). Elsewhere `type` is
 * no kind: a patent's is its office (`patentus`), an `@inbook`'s the word for its chapter, and
 * an `@article`'s or `@inproceedings`' ("Research Article", "Conference Paper") a publisher's
 * label no style prints; imports keep those in `extra`.
 */
const TYPE_FIELD_IS_GENRE: ReadonlySet<PaperType> = new Set<PaperType>([
  'thesis',
  'report',
  'talk',
  'poster',
  'software',
  'dataset',
  'other',
]);

export function typeFieldIsGenre(type: PaperType): boolean {
  return TYPE_FIELD_IS_GENRE.has(type);
}

/**
 * The genre a BibTeX `type` field gives: none for "Thesis" or "Report", which say no more
 * than the entry type (publist's BibTeX export writes them for a thesis or report of no
 * known kind).
 */
export function genreOfTypeField(written: string): string | undefined {
  return /^\s*(?:thesis|report)?\s*$/i.test(written) ? undefined : genreOf(written);
}
