/**
 * Private-use characters carry what citeproc must not touch through it: a literal "<" in the
 * data (citeproc would read it as markup), a literal "$" (citeproc passes text through
 * String.replace, where "$&" or "$`" would insert text), `$...$` math (kept from case
 * changes), the point where a truncated author list ends, a quotation mark in a DOI
 * (citeproc leaves it unescaped in the link's href, where it would end the address), and a
 * comma the data puts between a mark and a closing quote ("Hi!,": the data's own, not one
 * citeproc doubled, see `withoutDoubledPunctuation`) or after a space ("A , B", which the
 * engine would take for a delimiter citeproc put before a comma), a narrow no-break
 * space the data writes (the engine turns the ones citeproc puts before a colon back into
 * spaces), and the hyphen inside a given name such as Shin-ichi (see `withJoinedGivenName`
 * in cite.ts) or Jean-Paul printed in full (see the engine's `initializeWith`), and the
 * full stop inside a word such as Node.js (see `withWordsWhole`).
 */
export const LESS_THAN = '\uE000';
export const MATH_OPEN = '\uE001';
export const MATH_CLOSE = '\uE002';
export const ET_AL = '\uE003';
export const DOLLAR = '\uE004';
export const QUOTE = '\uE005';
export const COMMA = '\uE006';
export const NARROW_SPACE = '\uE007';
export const NAME_HYPHEN = '\uE008';
export const WORD_DOT = '\uE009';
export const PLACEHOLDER_RANGE = '\\uE000-\\uE009';
