/**
 * Reading a name written as one string, by BibTeX's rules: "Given von Family",
 * "von Family, Given", "von Family, Jr., Given", plus "Given Family, Jr." and
 * "von Family, Given, Jr.".
 * The "von" part runs from the first lower-case word to the last one before the family name.
 */

export interface NameParts {
  given?: string;
  particle?: string;
  family: string;
  suffix?: string;
}

/** Jr., Sr., III: Roman numerals in capitals only, so that a given name "Xi" stays one. */
export function isSuffix(word: string): boolean {
  return /^(jr|sr)\.?$/i.test(word) || /^[IVX]+$/.test(word);
}

function isLowerCase(word: string): boolean {
  const first = /\p{L}/u.exec(word)?.[0];
  return first !== undefined && first === first.toLowerCase() && first !== first.toUpperCase();
}

/** Splits "von Family" into its lower-case particle and the family name. */
function splitFamily(words: string[]): Pick<NameParts, 'particle' | 'family'> {
  let cut = 0;
  while (cut < words.length - 1 && isLowerCase(words[cut] as string)) cut++;
  const particle = words.slice(0, cut).join(' ');
  return { ...(particle ? { particle } : {}), family: words.slice(cut).join(' ') };
}

/**
 * "Given von Family": the family is the last word and the capitalised words just before it;
 * the particle runs from the first lower-case word to the last ("Jean de La Fontaine": de).
 */
function fromGivenFirst(words: string[]): NameParts {
  const last = words.at(-1) as string;
  // "Martin Luther King Jr.": a Jr./Sr. without its comma is still a suffix.
  if (words.length > 2 && /^(jr|sr)\.?$/i.test(last)) {
    return { ...fromGivenFirst(words.slice(0, -1)), suffix: last };
  }
  if (words.length === 1) return { family: last };
  const inner = (index: number) => index > 0 && index < words.length - 1;
  const first = words.findIndex((word, index) => inner(index) && isLowerCase(word));
  let end = words.length - 1;
  if (first >= 0) while (!isLowerCase(words[end - 1] as string)) end--;
  const start = first >= 0 ? first : words.length - 1;
  const parts: NameParts = {
    family: words.slice(end).join(' '),
    given: words.slice(0, start).join(' '),
  };
  const particle = words.slice(start, end).join(' ');
  if (particle) parts.particle = particle;
  return parts;
}

/** The parts of a non-empty name with at most two commas. */
export function parseName(name: string): NameParts {
  const [first = '', second, third] = name.split(',').map((part) => part.trim());
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  if (second === undefined) return fromGivenFirst(words(first));
  // "Given Family, Jr.": a suffix after the comma only when a given name came before it.
  if (third === undefined && words(first).length > 1 && isSuffix(second)) {
    return { ...fromGivenFirst(words(first)), suffix: second };
  }
  // "Smith, John, Jr.", the order people write (and APA prints): the suffix is last when it,
  // and not the middle part, is one; BibTeX's "Smith, Jr., John" has it in the middle.
  const suffixLast = third !== undefined && !!second && isSuffix(third) && !isSuffix(second);
  const given = suffixLast ? second : (third ?? second);
  const suffix = suffixLast ? third : third !== undefined ? second : undefined;
  const parts: NameParts = splitFamily(words(first));
  if (given) parts.given = given;
  if (suffix) parts.suffix = suffix;
  return parts;
}
