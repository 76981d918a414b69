/** The string formats of the schema (`format: uri`, `format: email`). */

/** Only web addresses: a `javascript:` or `file:` link in the data is a mistake. */
export function isWebAddress(value: string): boolean {
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value);
}

export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export const FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  uri: isWebAddress,
  email: isEmailAddress,
};
