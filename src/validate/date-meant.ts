/**
 * The date a paper's `date:` of another form stands for, as the database writes it:
 * `2022/11/09`, `2022-11-9`, `Nov 2022`, `9 November 2022`, `November 9, 2022`, an ISO date
 * and time, `24.12.2022`; `09-11-2022`, day or month first, gives both dates it may be.
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `Nov`, `Sept.`, `November`: the month's number; a word that only starts alike is none. */
function monthOf(word: string): number | undefined {
  const name = word.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.findIndex((month) => name.length >= 3 && month.startsWith(name));
  return index >= 0 ? index + 1 : undefined;
}

/** `year` (four digits), `month` and `day` as the database writes them; none for no date. */
function isoDate(year: string, month: number, day?: number): string | undefined {
  if (month < 1 || month > 12 || Number(year) === 0) return undefined;
  const yearMonth = `${year}-${String(month).padStart(2, '0')}`;
  if (day === undefined) return yearMonth;
  const days = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  return day >= 1 && day <= days ? `${yearMonth}-${String(day).padStart(2, '0')}` : undefined;
}

const number = (digits: string | undefined) => (digits === undefined ? undefined : Number(digits));

/** The dates `written` may be, as YYYY-MM or YYYY-MM-DD: none, one, or two (`09-11-2022`). */
export function datesMeant(written: string): string[] {
  const text = written.trim().replace(/\s+/g, ' ');
  const meant = (...dates: (string | undefined)[]) => [
    ...new Set(dates.filter((date): date is string => date !== undefined)),
  ];
  const isoLike = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$/;
  let match = isoLike.exec(text);
  if (match) return meant(isoDate(match[1] as string, Number(match[2]), number(match[3])));
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (match) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), match[3] as string];
    return meant(isoDate(year, second, first), isoDate(year, first, second));
  }
  match = /^(?:(\d{1,2})\.? )?([a-z]+\.?) (?:(\d{1,2}),? )?(\d{4})$/i.exec(text);
  const month = match && !(match[1] && match[3]) ? monthOf(match[2] as string) : undefined;
  if (match && month)
    return meant(isoDate(match[4] as string, month, number(match[1] ?? match[3])));
  return [];
}
