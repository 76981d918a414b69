/**
 * Text in one order whatever the user's locale: `localeCompare` follows LANG and LC_ALL (in
 * Danish "aa" sorts after "z"), so the same input would give other output on another machine.
 * English collation, then code units for what it holds equal (`IEEE` and `ieee`).
 */
const english = new Intl.Collator('en');

export function compareText(a: string, b: string): number {
  return english.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
