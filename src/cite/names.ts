/**
 * Recognising people: whether an author is the CV owner (any spelling, regardless of
 * diacritics, case or initials), and whether a fragment a style printed is one part of a
 * given person's name ("Liao", "B.", "LIAO", "BH").
 */
import type { Owner } from '../model/schema.js';
import type { Person } from '../model/paper.js';
import { toPerson } from '../validate/validate.js';

const normalized = new Map<string, string>();

/** Letters and digits only, lower case, accents removed: "Göbbert" and "GOBBERT" agree. */
export function normalizeName(text: string): string {
  let value = normalized.get(text);
  if (value === undefined) {
    value = text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '');
    // Names repeat across a list (co-authors, the owner): each is worked out once.
    if (normalized.size < 100_000) normalized.set(text, value);
  }
  return value;
}

function givenParts(given: string): string[] {
  return given
    .split(/[\s.\-‐‑]+/u)
    .map(normalizeName)
    .filter(Boolean);
}

/** The initials of a given name: "Jens Henrik" -> "jh", "Baohao-Hu" -> "bh". */
function initials(given: string): string {
  return givenParts(given)
    .map((part) => part[0])
    .join('');
}

/** "B." agrees with "Baohao"; "Bo" does not; two full given names must be the same. */
function givenCompatible(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  const left = givenParts(a);
  const right = givenParts(b);
  const count = Math.min(left.length, right.length);
  for (let index = 0; index < count; index++) {
    const x = left[index] as string;
    const y = right[index] as string;
    if (x.length === 1 || y.length === 1 ? x[0] !== y[0] : x !== y) return false;
  }
  return true;
}

function familyKey(person: Person): string {
  return normalizeName([person.particle, person.family].filter(Boolean).join(' '));
}

/** A predicate for "this author is the owner", from `owner.name` and `owner.aliases`. */
export function ownerMatcher(owner: Owner): (person: Person) => boolean {
  const forms = [owner.name, ...(owner.aliases ?? [])]
    .map((spelling) => toPerson(spelling))
    .filter((form): form is Person => typeof form !== 'string');
  const literals = new Set(
    [owner.name, ...(owner.aliases ?? [])].map((spelling) => normalizeName(spelling)),
  );
  const known = new WeakMap<Person, boolean>();
  return (person) => {
    let answer = known.get(person);
    if (answer === undefined) {
      answer = matches(person);
      known.set(person, answer);
    }
    return answer;
  };
  function matches(person: Person): boolean {
    if (person.literal) return literals.has(normalizeName(person.literal));
    return forms.some(
      (form) =>
        !form.literal &&
        (familyKey(form) === familyKey(person) ||
          normalizeName(form.family ?? '') === normalizeName(person.family ?? '')) &&
        givenCompatible(form.given, person.given),
    );
  }
}

export type NamePart = 'family' | 'given' | 'particle' | 'suffix' | 'literal';

/** Whether `printed` (one part of a name as a style printed it) is `person`'s `part`. */
export function printedPartMatches(printed: string, person: Person, part: NamePart): boolean {
  const seen = normalizeName(printed);
  if (!seen) return false;
  switch (part) {
    case 'family':
      return seen === normalizeName(person.family ?? '') || seen === familyKey(person);
    case 'given': {
      const given = person.given ?? '';
      return seen === normalizeName(given) || initials(given).startsWith(seen);
    }
    case 'particle':
      return seen === normalizeName(person.particle ?? '');
    case 'suffix':
      return seen === normalizeName(person.suffix ?? '');
    case 'literal':
      return seen === normalizeName(person.literal ?? '');
  }
}
