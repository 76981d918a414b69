/**
 * Page ranges of numbered articles, as LIPIcs, Dagstuhl and ACM print them: `28:1-28:19`,
 * pages 1 to 19 of article 28. citeproc-js reads no range there and prints the text as it
 * is, with its hyphen and a singular label ("p. 28:1-28:19"). pandoc's citeproc prints a
 * range, "pp. 28:1–28:19", and in a style that shortens ranges "28:1–19", the pages after
 * the article's number shortened by the style's rule; so does publist.
 */

import { literalPattern } from './literal-pattern.js';

const ARTICLE_PAGES = /^\s*(\d+):(\d+)\s*(?:-{1,2}|–)\s*(\d+):(\d+)\s*$/;

/** What the style and its locale say about pages. */
export interface PageWords {
  /** Between the pages of a range: "–". */
  delimiter: string;
  /** The page label in each form the style may print, singular and plural: ["p.", "pp."]. */
  labels: readonly (readonly [string, string])[];
  /** Whether the style shortens ranges ("28:1–19"), or prints both pages in full. */
  shortens: boolean;
  /** A range of plain pages as the style prints it: "101–19". */
  range(first: string, last: string): string;
}

/** The page labels of `PageWords`, from the locale's `page` term in each form and number. */
export function pageLabels(
  term: (form: 'long' | 'short' | 'symbol', plural: boolean) => string | undefined,
): PageWords['labels'] {
  return (['long', 'short', 'symbol'] as const).map(
    (form) => [term(form, false) ?? '', term(form, true) ?? ''] as const,
  );
}

export function isArticlePageRange(page: string): boolean {
  return ARTICLE_PAGES.test(page);
}

/** `html`, an entry citeproc-js printed, with the article page range `page` printed as a range. */
export function withArticlePageRange(html: string, page: string, words: PageWords): string {
  const [, article = '', first = '', lastArticle = '', last = ''] = ARTICLE_PAGES.exec(page) ?? [];
  if (!article) return html;
  const range =
    words.shortens && article === lastArticle
      ? `${article}:${words.range(first, last)}`
      : `${article}:${first}${words.delimiter}${lastArticle}:${last}`;
  const space = '(?:\\s|&#160;|\u00a0)+';
  const printed = `${article}:${first}\\s*(?:-{1,2}|–)\\s*${lastArticle}:${last}(?!\\d)`;
  let out = html.replace(new RegExp(`(?<!\\d)${printed}`), range);
  for (const [singular, plural] of words.labels) {
    if (!singular || singular === plural) continue;
    const label = literalPattern(singular);
    const at = literalPattern(range);
    out = out
      .replace(new RegExp(`(?<![\\p{L}\\p{N}])${label}(${space}${at})`, 'u'), `${plural}$1`)
      .replace(new RegExp(`(${at}${space})${label}(?![\\p{L}\\p{N}])`, 'u'), `$1${plural}`);
  }
  return out;
}
