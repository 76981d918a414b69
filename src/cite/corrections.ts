/**
 * What citeproc-js prints otherwise than pandoc's citeproc, corrected in the HTML of an
 * entry: by the engine for citeproc's entries, and for publist's own processor's, which
 * prints what citeproc prints (see plain-processor.ts).
 */
import { isArticlePageRange, withArticlePageRange, type PageWords } from './article-pages.js';
import type { CslItem } from './csl.js';
import { withChicagoPageRange } from './page-ranges.js';

const NARROW_COLON = '\u202f:';

/** What citeproc-js prints otherwise than pandoc's citeproc, and than the style means. */
export function corrected(
  html: string,
  item: CslItem,
  pageWords: () => PageWords,
  pageRangeFormat: string | undefined,
): string {
  let out = html;
  if (item.page && isArticlePageRange(item.page))
    out = withArticlePageRange(out, item.page, pageWords());
  if (item.page) out = withChicagoPageRange(out, item.page, pageRangeFormat);
  // citeproc-js puts a narrow no-break space for the space before a colon, as French
  // typography wants, in every language; pandoc's citeproc keeps the space. (Before ; ? !
  // both put one.) One the data writes comes through as a placeholder, and stays.
  out = out.replaceAll(NARROW_COLON, ' :');
  if (out.includes(' , ')) out = withoutDelimiterBeforeComma(out, item);
  return out;
}

/**
 * citeproc-js puts a group's delimiter before an element that begins with a comma: Springer
 * LNCS's ". " before ", Portland, OR" when there is no publisher, "pp. 1560–1565. , Portland,
 * OR". pandoc's citeproc leaves the delimiter out there, "pp. 1560–1565, Portland, OR". A
 * period the data ends a word with ("Springer Inc.") stays.
 */
function withoutDelimiterBeforeComma(html: string, item: CslItem): string {
  // (A space before a comma the data writes comes through as a placeholder.)
  const data = Object.values(item).filter((value): value is string => typeof value === 'string');
  return html.replace(/(\.?) ,(?= )/g, (_whole, period: string, offset: number) => {
    if (!period) return ',';
    const word = /\S*$/.exec(html.slice(0, offset).replace(/<[^>]*>/g, ''))?.[0] ?? '';
    return word && data.some((value) => value.endsWith(`${word}.`)) ? '.,' : ',';
  });
}
