/**
 * Reading a name written as one string, by BibTeX's rules: "Given von Family",
 * "von Family, Given", "von Family, Jr., Given", plus "Given Family, Jr.".
 * The "von" part is the run of lower-case words before the family name.
 */

export interface NameParts {
  given?: string;
  particle?: string;
  family: string;
  suffix?: string;
}

const SUFFIX = /^(jr|sr|[ivx]+)\.?$/i;

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

/** "Given von Family": the family is the last word; the particle, lower-case words just before it. */
function fromGivenFirst(words: string[]): NameParts {
  const last = words.at(-1) as string;
  // "Martin Luther King Jr.": a Jr./Sr. without its comma is still a suffix.
  if (words.length > 2 && /^(jr|sr)\.?$/i.test(last)) {
    return { ...fromGivenFirst(words.slice(0, -1)), suffix: last };
  }
  if (words.length === 1) return { family: last };
  let start = words.length - 1;
  while (start > 1 && isLowerCase(words[start - 1] as string)) start--;
  const given = words.slice(0, start).join(' ');
  const { particle, family } = splitFamily(words.slice(start));
  const parts: NameParts = { family };
  if (given) parts.given = given;
  if (particle) parts.particle = particle;
  return parts;
}

/** The parts of a non-empty name with at most two commas. */
export function parseName(name: string): NameParts {
  const [first = '', second, third] = name.split(',').map((part) => part.trim());
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  if (second === undefined) return fromGivenFirst(words(first));
  if (third === undefined && SUFFIX.test(second)) {
    return { ...fromGivenFirst(words(first)), suffix: second };
  }
  const given = third ?? second;
  const parts: NameParts = splitFamily(words(first));
  if (given) parts.given = given;
  if (third !== undefined && second) parts.suffix = second;
  return parts;
}
