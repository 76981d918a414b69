/**
 * A paper's `genre`, the kind of work as printed ("PhD thesis", "Technical report"): a
 * keyword of GENRES, printed in the output's language, or any other text, printed as written.
 * Imports recognise the keywords in the forms other tools write them.
 */
import { GENRES, type Genre } from './vocabulary.js';
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

/** biblatex's `type` of a patent (`patentus`, `patreqde`): its office, not a kind of work. */
export function isPatentType(written: string): boolean {
  return /^pat(?:ent|req)[a-z]*$/i.test(written.trim());
}

/**
 * The genre a BibTeX `type` field gives: none for "Thesis" or "Report", which say no more
 * than the entry type (publist's BibTeX export writes them for a thesis or report of no
 * known kind).
 */
export function genreOfTypeField(written: string): string | undefined {
  return /^\s*(?:thesis|report)?\s*$/i.test(written) ? undefined : genreOf(written);
}
