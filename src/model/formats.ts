/** The string formats of the schema (`format: uri`, `format: email`). */

/**
 * Only web addresses: a `javascript:` or `file:` link in the data is a mistake. Quotes and
 * angle brackets are never part of one (they are written %22, %3C, %3E): in a link they would
 * end its address early.
 */
export function isWebAddress(value: string): boolean {
  return /^https?:\/\/[^\s/$.?#"<>][^\s"<>]*$/i.test(value);
}

export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export const FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  uri: isWebAddress,
  email: isEmailAddress,
};
