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

/**
 * Whether an author's given name can be the owner's, against one spelling of it (`form`):
 * an initial agrees with the name it abbreviates; a full name in the data must be written in
 * full in the owner's name or an alias (`known`, by position). So with `B. Liao` as an alias,
 * "B. Liao" and "Baohao Liao" are the owner and "Bin Liao" is not.
 */
function givenCompatible(
  form: string | undefined,
  given: string | undefined,
  known: readonly ReadonlySet<string>[],
): boolean {
  if (!form || !given) return true;
  const left = givenParts(form);
  const right = givenParts(given);
  const count = Math.min(left.length, right.length);
  for (let index = 0; index < count; index++) {
    const x = left[index] as string;
    const y = right[index] as string;
    if (x[0] !== y[0]) return false;
    if (y.length > 1 && (x.length > 1 ? x !== y : !known[index]?.has(y))) return false;
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
  // The given names the owner writes in full, by position: what an initial may stand for.
  const fullGiven: Set<string>[] = [];
  for (const form of forms) {
    givenParts(form.given ?? '').forEach((part, index) => {
      if (part.length > 1) (fullGiven[index] ??= new Set()).add(part);
    });
  }
  const literals = new Set(
    [owner.name, ...(owner.aliases ?? [])].map((spelling) => normalizeName(spelling)),
  );
  const answers = new WeakMap<Person, boolean>();
  return (person) => {
    let answer = answers.get(person);
    if (answer === undefined) {
      answer = matches(person);
      answers.set(person, answer);
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
        givenCompatible(form.given, person.given, fullGiven),
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
