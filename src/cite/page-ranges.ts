/**
 * A page range citeproc-js gets wrong. Under `page-range-format="chicago"` (Chicago 15th,
 * chicago-author-date's setting) it shortens a range whose first page has five digits or
 * more, when the hundreds change, to the last three digits of the second page, whatever
 * changed: 20996–21020 becomes "20996–20", another page. pandoc's citeproc prints
 * 20996–1020, as the Chicago rules say: the second page keeps the digits that change (at
 * least two, unless the first page is 101–109 in its hundred), all of them after a
 * multiple of 100. Only the range citeproc-js printed that way is corrected.
 */
const CHICAGO_15 = new Set(['chicago', 'chicago-15']);

/** The second page as the Chicago rules shorten it. */
function chicagoSecondPage(first: string, second: string): string {
  if (first.length !== second.length || Number(first) % 100 === 0) return second;
  let changed = [...second].findIndex((digit, index) => digit !== first[index]);
  if (changed < 0) changed = second.length - 1;
  const keep = Number(first) % 100 < 10 ? 1 : 2;
  return second.slice(Math.min(changed, second.length - keep));
}

/**
 * `html`, an entry citeproc-js printed, with the range of `page` as the Chicago rules print
 * it, where citeproc-js printed it wrongly (see above); unchanged otherwise.
 */
export function withChicagoPageRange(
  html: string,
  page: string,
  pageRangeFormat: string | undefined,
): string {
  const range = /^\s*(\d{5,})\s*[-–—]+\s*(\d+)\s*$/.exec(page);
  if (!range || !pageRangeFormat || !CHICAGO_15.has(pageRangeFormat)) return html;
  const [, first = '', written = ''] = range;
  // A second page written short ("20996-1020") is read in full, as citeproc-js reads it.
  const second =
    written.length < first.length
      ? first.slice(0, first.length - written.length) + written
      : written;
  const begin = Number(first);
  const end = Number(second);
  // Within one hundred citeproc-js shortens right; across hundreds it keeps end % 1000.
  if (Math.floor(begin / 100) === Math.floor(end / 100) || end <= begin) return html;
  const printed = String(end % 1000);
  const right = chicagoSecondPage(first, second);
  if (printed === right) return html;
  // citeproc-js prints the range with its delimiter, an en dash, after the title: the last
  // such range is the pages, whatever a title holds ("Errata for pages 20996–20").
  const space = '(?:\\s|&#160;)*';
  const wrong = new RegExp(`(?<!\\d)(${first}${space}–${space})${printed}(?!\\d)`, 'g');
  const last = [...html.matchAll(wrong)].at(-1);
  if (last?.index === undefined) return html;
  const start = last.index + (last[1] ?? '').length;
  return `${html.slice(0, start)}${right}${html.slice(start + printed.length)}`;
}
