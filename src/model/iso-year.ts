/**
 * Years as ISO 8601 writes them, and biblatex's `date` with it: counted astronomically, so
 * 1 BC is 0000 and 800 BC (-800 in publist's model, as in CSL, which has no year 0) is -0799.
 */

/** The model's year as ISO 8601 writes it: four digits, a minus sign before BC years. */
export function isoYear(year: number): string {
  const astronomical = year < 0 ? year + 1 : year;
  const digits = String(Math.abs(astronomical)).padStart(4, '0');
  return astronomical < 0 ? `-${digits}` : digits;
}

/** An ISO 8601 year ("2024", "0000", "-0799") as the model counts it (2024, -1, -800). */
export function fromIsoYear(iso: string): number {
  const astronomical = Number(iso);
  return astronomical <= 0 ? astronomical - 1 : astronomical;
}
