/**
 * The options a caller gives — flags on the command line, settings and options from code —
 * checked by one set of rules, so that the library refuses what the command refuses, in the
 * same words. A value from code is taken as its type says (the year 2020, not the text
 * "2020"); only the command line reads numbers from words. This module loads no writer:
 * `src/write/writer-options.ts` checks what depends on the formats.
 */
import { markLengthProblem } from './model/mark-length.js';
import { UsageError, withHint } from './model/problems.js';
import type { RenderOptions } from './model/schema.js';
import {
  GROUP_BY,
  HIGHLIGHTS,
  MARK_MAX_LENGTH,
  NUMBERING,
  NUMBERING_SCOPES,
  PAPER_TYPES,
  RECENT_MAX_YEARS,
  SETTING_YEARS,
  SORT_KEYS,
  SORT_ORDERS,
} from './model/vocabulary.js';
import { isRecord } from './validate/problem-list.js';
import { didYouMean, suggestChoice } from './validate/suggest.js';

/**
 * A value an option does not take: `message` says what it takes, `hint` what was likely
 * meant. The database says them as a problem's message and hint, code and flags on one line
 * (`oneLine`).
 */
export class InvalidOption extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    // Said after "... is invalid.", by commander as by the database: a sentence of its own.
    super(message.charAt(0).toUpperCase() + message.slice(1));
  }
}

/** One wrong option, named as code writes it: `overrides.group_by`, `output.flags.pdf-theme`. */
export interface OptionProblem {
  option: string;
  message: string;
}

/** Options given wrong (exit 2), every one of them; the command names them as its flags. */
export class OptionError extends UsageError {
  constructor(readonly problems: readonly OptionProblem[]) {
    super(problems.map(({ option, message }) => `${option}: ${message}`).join('\n'));
    this.name = 'OptionError';
  }
}

/** What an option takes: its value as taken, or InvalidOption. */
export type Rule<T> = (value: unknown) => T;

/** One of `choices`; a wrong one is answered with the choice it likely meant. */
export function checkChoice<T extends string>(value: unknown, choices: readonly T[]): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) {
    return value as T;
  }
  throw new InvalidOption(
    `Allowed choices are ${choices.join(', ')}.`,
    typeof value === 'string' ? suggestChoice(value, choices) : undefined,
  );
}

const choice =
  <T extends string>(choices: readonly T[]): Rule<T> =>
  (value) =>
    checkChoice(value, choices);

/**
 * A whole number that `accepts`; `expected` says which. The text of one ("2020", as a
 * program reading a form might pass it) is refused with the number it holds: it is a flag's
 * word, not a value from code.
 */
export function wholeNumber(expected: string, accepts: (number: number) => boolean): Rule<number> {
  return (value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value) && accepts(value)) return value;
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    const meant = Number.isSafeInteger(number) && accepts(number);
    throw new InvalidOption(
      `expected ${expected}.`,
      meant ? `give it as a number, ${number}, not as text` : undefined,
    );
  };
}

const year = wholeNumber(
  'a four-digit year',
  (number) => number >= SETTING_YEARS.minimum && number <= SETTING_YEARS.maximum,
);

export const text =
  (expected: string): Rule<string> =>
  (value) => {
    if (typeof value !== 'string' || !value.trim())
      throw new InvalidOption(`expected ${expected}.`);
    return value;
  };

export const switchValue: Rule<boolean> = (value) => {
  if (typeof value !== 'boolean') throw new InvalidOption('expected true or false.');
  return value;
};

/** A callback the library calls: `warn`, `progress`, `onOutput`. */
export const callback: Rule<unknown> = (value) => {
  if (typeof value !== 'function') throw new InvalidOption('expected a function.');
  return value;
};

const mark: Rule<string> = (value) => {
  if (typeof value !== 'string') {
    throw new InvalidOption(`expected a mark: text of at most ${MARK_MAX_LENGTH} characters.`);
  }
  const tooLong = markLengthProblem(value);
  if (tooLong) throw new InvalidOption(`${tooLong}.`);
  return value;
};

const topicList: Rule<string[]> = (value) => {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim())) {
    throw new InvalidOption('expected a list of topic keys.');
  }
  // An empty list would select by nothing, which reads as every paper.
  if (value.length === 0) throw new InvalidOption('expected at least one topic key.');
  return value as string[];
};

type Types = NonNullable<RenderOptions['types']>;

const typeList: Rule<Types> = (value) => {
  if (!Array.isArray(value)) throw new InvalidOption('expected a list of paper types.');
  if (value.length === 0) throw new InvalidOption('expected at least one paper type.');
  const unknown = value.filter((type) => !(PAPER_TYPES as readonly unknown[]).includes(type));
  if (unknown.length) {
    const named = unknown.map((type) => {
      const suggestion = suggestChoice(String(type), PAPER_TYPES);
      return `"${String(type)}"${suggestion ? ` (${suggestion})` : ''}`;
    });
    throw new InvalidOption(`unknown type ${named.join(', ')}; types: ${PAPER_TYPES.join(', ')}.`);
  }
  return value as Types;
};

/** The rule of every setting: what `--group-by` and `overrides.group_by` both take. */
const SETTING_RULES: { [K in keyof RenderOptions]-?: Rule<NonNullable<RenderOptions[K]>> } = {
  style: text('a style name (apa, ieee, ...) or a .csl file'),
  locale: text('a locale such as en-US'),
  group_by: choice(GROUP_BY),
  sort: choice(SORT_KEYS),
  order: choice(SORT_ORDERS),
  numbering: choice(NUMBERING),
  numbering_scope: choice(NUMBERING_SCOPES),
  since: year,
  until: year,
  recent: wholeNumber(
    `a number of years, 1 to ${RECENT_MAX_YEARS}`,
    (number) => number >= 1 && number <= RECENT_MAX_YEARS,
  ),
  topics: topicList,
  types: typeList,
  selected: switchValue,
  limit: wholeNumber('a positive whole number', (number) => number >= 1),
  highlight_owner: switchValue,
  highlight: choice(HIGHLIGHTS),
  keep_owner_visible: switchValue,
  equal_mark: mark,
  corresponding_mark: mark,
  title: text('a heading, such as "Selected Publications"'),
};

/** The names of the settings, in the order of the schema. */
export const SETTING_KEYS = Object.keys(SETTING_RULES) as (keyof RenderOptions)[];

/** `value` as setting `key` takes it from code, or InvalidOption. */
export function settingValue<K extends keyof RenderOptions>(
  key: K,
  value: unknown,
): NonNullable<RenderOptions[K]> {
  const rule = SETTING_RULES[key] as Rule<NonNullable<RenderOptions[K]>>;
  return rule(value);
}

/** Why setting `key` does not take `value`; undefined when it does. */
export function settingRefusal(
  key: keyof RenderOptions,
  value: unknown,
): InvalidOption | undefined {
  try {
    settingValue(key, value);
    return undefined;
  } catch (caught) {
    if (!(caught instanceof InvalidOption)) throw caught;
    return caught;
  }
}

/** The settings that are numbers: a flag's word for them is read as one. */
const NUMBER_SETTINGS: readonly (keyof RenderOptions)[] = ['since', 'until', 'recent', 'limit'];

/** A flag's word that is a number as that number (`2020`, `-1`, `2.5`); any other as it is. */
export function numberFromWord(word: string): number | string {
  return /^\s*[+-]?\d+(\.\d+)?\s*$/.test(word) ? Number(word) : word;
}

/** A flag's word as setting `key` takes it (`--since 2020` is the year 2020), or InvalidOption. */
export function settingFromWord<K extends keyof RenderOptions>(
  key: K,
  word: string,
): NonNullable<RenderOptions[K]> {
  return settingValue(key, NUMBER_SETTINGS.includes(key) ? numberFromWord(word) : word);
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}

/** The problem `error` finds in `value`, as a problem says it: "\"years\" is invalid. ...". */
export function invalidValue(
  value: unknown,
  error: InvalidOption,
): { message: string; hint?: string } {
  return {
    message: `${describeValue(value)} is invalid. ${error.message}`,
    ...(error.hint ? { hint: error.hint } : {}),
  };
}

/** What is wrong with one argument by its rule, named `option`: nothing when it is right. */
export function argumentProblems(
  option: string,
  rule: Rule<unknown>,
  value: unknown,
): OptionProblem[] {
  try {
    rule(value);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidOption)) throw error;
    return [{ option, message: oneLine(invalidValue(value, error)) }];
  }
}

/** A problem's message and hint on one line: "... is invalid. ... (did you mean `year`?)." */
export function oneLine({ message, hint }: { message: string; hint?: string }): string {
  return withHint(message, hint);
}

/** How `checkFields` names and explains an object of options. */
export interface FieldsShape {
  /** The object's name in messages: `overrides`, `output`; none for a call's own options. */
  at?: string;
  /** The name of a call's own options when they are no object at all: `request`. */
  called?: string;
  /** What the object is when it is not one: "an object of settings, such as { since: 2020 }". */
  expected: string;
  /** What its keys are called in "no such setting". */
  noun: string;
  /** The rule of each key; null for one checked by its own check (a request's `overrides`). */
  rules: Readonly<Record<string, Rule<unknown> | null>>;
  /** Keys the object may carry that are none of its options (an output spec's `format`). */
  ignored?: readonly string[];
}

/**
 * The fields of an object of options, each by its rule; unset ones (undefined) are left out.
 * Every wrong one is added to `problems`, named `<at>.<key>`; a misspelt key is answered
 * with the key it likely meant.
 */
export function checkFields(
  value: unknown,
  shape: FieldsShape,
  problems: OptionProblem[],
): Record<string, unknown> {
  const name = (key: string) => (shape.at ? `${shape.at}.${key}` : key);
  if (!isRecord(value)) {
    problems.push({
      option: shape.at ?? shape.called ?? 'options',
      message: `expected ${shape.expected}`,
    });
    return {};
  }
  const checked: Record<string, unknown> = {};
  const keys = Object.keys(shape.rules);
  // A misspelt `options` of an output spec is as likely as a misspelt setting.
  const known = [...keys, ...(shape.ignored ?? [])];
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || shape.ignored?.includes(key)) continue;
    const rule = shape.rules[key];
    if (rule === null) continue;
    if (!rule) {
      const suggestion = didYouMean(key, known);
      problems.push({
        option: name(key),
        message: `no such ${shape.noun} (${suggestion ?? `${shape.noun}s: ${keys.join(', ')}`})`,
      });
      continue;
    }
    try {
      checked[key] = rule(field);
    } catch (error) {
      if (!(error instanceof InvalidOption)) throw error;
      problems.push({ option: name(key), message: oneLine(invalidValue(field, error)) });
    }
  }
  return checked;
}

/**
 * Settings given from code, every one checked; unset ones are left out. `at` names them in
 * messages (`overrides`); keys in `ignored` (an output spec's `format`) are let through.
 */
export function checkSettings(
  settings: unknown,
  at: string,
  problems: OptionProblem[],
  ignored: readonly string[] = [],
): Partial<RenderOptions> {
  const checked = checkFields(
    settings,
    {
      at,
      expected: 'an object of settings, such as { since: 2020 }',
      noun: 'setting',
      rules: SETTING_RULES,
      ignored,
    },
    problems,
  ) as Partial<RenderOptions>;
  if (checked.recent !== undefined && checked.since !== undefined) {
    problems.push({ option: `${at}.recent`, message: RECENT_WITH_SINCE });
  }
  return checked;
}

/** `recent` and `since` in one place: both say the first year, and neither is more specific. */
export const RECENT_WITH_SINCE =
  'recent and since both set the first year: give one of them (recent N: the last N years; since YEAR: from that year on)';

/** The settings `overrides` gives, checked; an OptionError names each wrong one. */
export function checkOverrides(overrides: unknown): Partial<RenderOptions> {
  if (overrides === undefined) return {};
  const problems: OptionProblem[] = [];
  const checked = checkSettings(overrides, 'overrides', problems);
  if (problems.length) throw new OptionError(problems);
  return checked;
}
