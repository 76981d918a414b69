/**
 * BibTeX name lists: `and`-separated names in the three forms BibTeX knows ("First von
 * Last", "von Last, First", "von Last, Jr, First"), with its rules for what is a particle
 * (a word starting in lower case), braces that hold a name together (`{Barnes and Noble}`)
 * and `and others` for a truncated list. citation-js gets `{\L}ukasz` and braced institutions
 * wrong, so this follows "Tame the BeaST" directly.
 */
import { isSuffix } from '../model/names.js';
import { latexToUnicode } from './latex.js';

export interface NameParts {
  given?: string;
  family?: string;
  /** "van der": the BibTeX "von" part. */
  particle?: string;
  suffix?: string;
  /** A name that was braced as a whole: an institution. */
  literal?: string;
}

export interface NameList {
  names: NameParts[];
  /** The list ended in `and others`. */
  others: boolean;
  notes: string[];
}

/** Commands that stand for a letter, whose own case is the letter's. */
const LETTER_COMMANDS = new Set([
  'L',
  'l',
  'O',
  'o',
  'AE',
  'ae',
  'OE',
  'oe',
  'AA',
  'aa',
  'ss',
  'i',
  'j',
]);

export function parseBibtexNames(value: string): NameList {
  const notes = new Set<string>();
  const raw = splitNameList(value).flatMap((name) => {
    // `Seldin, Jonathan P.; Hindley, J. Roger`: BibTeX would read one name with a suffix.
    const names = splitAt(name, ';').filter(Boolean);
    if (names.length > 1)
      notes.add(
        `"${name.trim()}": read as ${names.length} names, which ";" separates (BibTeX separates names with "and")`,
      );
    return names;
  });
  let others = false;
  if (raw.length > 0 && /^others$/i.test(raw.at(-1) as string)) {
    others = true;
    raw.pop();
  }
  const names = raw.map((name) => parseName(name, notes));
  return { names, others, notes: [...notes] };
}

function parseName(name: string, notes: Set<string>): NameParts {
  const text = (words: string[]) => {
    const converted = latexToUnicode(words.join(' '), { mode: 'text' });
    converted.notes.forEach((note) => notes.add(note));
    return converted.text;
  };
  // A braced name is an institution, kept whole; one braced word is just a family name.
  if (isOneGroup(name)) {
    const whole = text([name]);
    return /\s/.test(whole) ? { literal: whole } : { family: whole };
  }
  const parts = splitAt(name, ',');
  // "M. Moeini-Aghtaie," (a comma before `and`): the empty part is a typo, not an empty first name.
  if (parts.length === 2 && parts[1] === '') {
    parts.pop();
    notes.add(`"${name}": the comma after the name is ignored`);
  }
  if (parts.length > 3)
    notes.add(`"${name}" has more than two commas; the rest is read as given names`);
  const words = parts.map((part) => splitWords(part, true));
  let given: string[] = [];
  let particle: string[] = [];
  let family: string[];
  let suffix: string[] = [];
  if (words.length === 1) {
    const all = words[0] as string[];
    const last = all.length - 1;
    let vonStart = -1;
    let vonEnd = -1;
    for (let k = 0; k < last; k++) {
      if (wordCase(all[k] as string) === 'lower') {
        if (vonStart === -1) vonStart = k;
        vonEnd = k;
      }
    }
    if (vonStart === -1) {
      given = all.slice(0, last);
      family = all.slice(last);
    } else {
      given = all.slice(0, vonStart);
      particle = all.slice(vonStart, vonEnd + 1);
      family = all.slice(vonEnd + 1);
    }
  } else {
    const head = words[0] as string[];
    let vonEnd = -1;
    for (let k = 0; k < head.length - 1; k++) {
      if (wordCase(head[k] as string) === 'lower') vonEnd = k;
    }
    particle = head.slice(0, vonEnd + 1);
    family = head.slice(vonEnd + 1);
    if (words.length === 2) {
      given = words[1] as string[];
    } else if (
      words.length === 3 &&
      (words[1] as string[]).length > 0 &&
      isSuffix(text(words[2] as string[])) &&
      !isSuffix(text(words[1] as string[]))
    ) {
      // "Smith, John, Jr.", the order people write, where BibTeX's "von Last, Jr, First"
      // would make "Jr." the given name: read as the database's own names are.
      given = words[1] as string[];
      suffix = words[2] as string[];
      notes.add(
        `"${name}": read as family ${text([...particle, ...family])}, given ${text(given)}, suffix ${text(suffix)} (BibTeX would read ${text(suffix)} as the given name)`,
      );
    } else {
      suffix = words[1] as string[];
      given = words.slice(2).flat();
    }
  }
  const result: NameParts = {};
  if (given.length) result.given = text(given);
  if (particle.length) result.particle = text(particle);
  if (family.length) result.family = text(family);
  if (suffix.length) result.suffix = text(suffix);
  for (const key of Object.keys(result) as (keyof NameParts)[])
    if (!result[key]) delete result[key];
  const initials = runTogetherInitials(result);
  if (initials) {
    notes.add(`"${name}": read ${result.given} as the initials ${initials}`);
    result.given = initials;
  }
  return result;
}

/**
 * `AH` of Google Scholar's `Taub, AH` (and `AH Taub`) spelt as initials, `A. H.`: styles
 * read `AH` as one given name and print `Taub, A.`. Only two or three capitals before a
 * family name written in lower case too (a name in capitals, `LI, WEI`, says nothing).
 */
function runTogetherInitials({ given, family }: NameParts): string | undefined {
  if (!given || !family || !/^[A-Z]{2,3}$/.test(given) || !/\p{Ll}/u.test(family)) return undefined;
  return [...given].map((letter) => `${letter}.`).join(' ');
}

/** `{National Institute of Standards}`: the whole name is one brace group. */
function isOneGroup(name: string): boolean {
  if (!name.startsWith('{') || !name.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const char = name[i];
    if (char === '\\') i += 1;
    else if (char === '{') depth += 1;
    else if (char === '}' && --depth === 0 && i < name.length - 1) return false;
  }
  return true;
}

/** `text` split at each `separator` outside braces, the parts trimmed. */
function splitAt(text: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i += 1;
    else if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    else if (char === separator && depth === 0 && !endsEntity(text, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** The ";" at `at` ends an HTML entity (`M&#252;ller`, `Jos&eacute;`): it separates nothing. */
function endsEntity(text: string, at: number): boolean {
  return text[at] === ';' && /&#?[\p{L}\p{N}]+$/u.test(text.slice(0, at));
}

/** The words of `value`: split at whitespace (and, inside a name, `~`) outside braces. */
function splitWords(value: string, atTilde: boolean): string[] {
  const words: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (char === '\\' && i + 1 < value.length) {
      current += char + value[i + 1];
      i += 1;
      continue;
    }
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (depth === 0 && (/\s/.test(char) || (atTilde && char === '~'))) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  if (current) words.push(current);
  return words;
}

/** The names of a list: the words between top-level `and`s (any case, as BibTeX reads them). */
function splitNameList(value: string): string[] {
  const names: string[] = [];
  let name: string[] = [];
  for (const word of splitWords(value, false)) {
    if (/^and$/i.test(word)) {
      names.push(name.join(' '));
      name = [];
    } else {
      name.push(word);
    }
  }
  names.push(name.join(' '));
  return names;
}

/**
 * BibTeX's case of a word: its first letter outside braces; a brace group that starts with
 * a command (`{\"o}`, `{\L}`) counts by the letter it makes; other brace groups have no case.
 */
function wordCase(word: string): 'upper' | 'lower' | 'none' {
  for (let i = 0; i < word.length; i++) {
    const char = word[i] as string;
    if (char === '{') {
      if (word[i + 1] === '\\') {
        const command = /^\\([A-Za-z]+|.)/.exec(word.slice(i + 1));
        const name = command?.[1] ?? '';
        if (LETTER_COMMANDS.has(name)) return caseOf(name[0] as string);
        const letter = /\p{L}/u.exec(word.slice(i + 1 + (command?.[0].length ?? 0)));
        return letter ? caseOf(letter[0]) : 'none';
      }
      let depth = 0;
      for (; i < word.length; i++) {
        if (word[i] === '{') depth += 1;
        else if (word[i] === '}' && --depth === 0) break;
      }
      continue;
    }
    if (char === '\\') {
      const command = /^\\([A-Za-z]+|.)\s*\{?\s*(\p{L})?/u.exec(word.slice(i));
      const name = command?.[1] ?? '';
      if (LETTER_COMMANDS.has(name)) return caseOf(name[0] as string);
      return command?.[2] ? caseOf(command[2]) : 'none';
    }
    if (/\p{L}/u.test(char)) return caseOf(char);
  }
  return 'none';
}

function caseOf(letter: string): 'upper' | 'lower' | 'none' {
  if (letter.toLowerCase() === letter && letter.toUpperCase() !== letter) return 'lower';
  if (letter.toUpperCase() === letter && letter.toLowerCase() !== letter) return 'upper';
  return 'none';
}
