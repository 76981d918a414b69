/**
 * The options a caller gives — flags on the command line, `overrides` and `output` from
 * code — checked by one set of rules, so that the library refuses what the command refuses,
 * in the same words. The database's own settings are the schema's to check.
 */
import { UsageError } from './model/problems.js';
import type { RenderOptions } from './model/schema.js';
import {
  GROUP_BY,
  NUMBERING,
  NUMBERING_SCOPES,
  PAPER_TYPES,
  SORT_KEYS,
  SORT_ORDERS,
} from './model/vocabulary.js';
import { didYouMean, suggestChoice } from './validate/suggest.js';
import { templatedFormats, writers } from './write/registry.js';
import type { OutputOptions, Writer } from './write/writer.js';

/** A value an option does not take; the message says what it takes. */
export class InvalidOption extends Error {}

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

type Rule<T> = (value: unknown) => T;

/** One of `choices`; a wrong one is answered with the choice it likely meant. */
export function checkChoice<T extends string>(value: unknown, choices: readonly T[]): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) {
    return value as T;
  }
  const suggestion = typeof value === 'string' ? suggestChoice(value, choices) : undefined;
  throw new InvalidOption(
    `Allowed choices are ${choices.join(', ')}.${suggestion ? ` (${suggestion})` : ''}`,
  );
}

const choice =
  <T extends string>(choices: readonly T[]): Rule<T> =>
  (value) =>
    checkChoice(value, choices);

/** A whole number, or the digits of one (a flag's word): `pattern` says which words are. */
function wholeNumber(value: unknown, pattern: RegExp): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  return typeof value === 'string' && pattern.test(value) ? Number(value) : undefined;
}

const year: Rule<number> = (value) => {
  const number = wholeNumber(value, /^\d{4}$/);
  if (number === undefined || number < 1000 || number > 9999) {
    throw new InvalidOption('expected a four-digit year.');
  }
  return number;
};

const text =
  (expected: string): Rule<string> =>
  (value) => {
    if (typeof value !== 'string' || !value.trim())
      throw new InvalidOption(`expected ${expected}.`);
    return value;
  };

const switchValue: Rule<boolean> = (value) => {
  if (typeof value !== 'boolean') throw new InvalidOption('expected true or false.');
  return value;
};

/** The longest mark the database's schema allows (`maxLength` of equal_mark). */
const MARK_LENGTH = 8;

const mark: Rule<string> = (value) => {
  if (typeof value !== 'string' || [...value].length > MARK_LENGTH) {
    throw new InvalidOption(`expected a mark of at most ${MARK_LENGTH} characters.`);
  }
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
  topics: topicList,
  types: typeList,
  selected: switchValue,
  limit: (value) => {
    const number = wholeNumber(value, /^[1-9]\d*$/);
    if (number === undefined || number < 1) {
      throw new InvalidOption('expected a positive whole number.');
    }
    return number;
  },
  highlight_owner: switchValue,
  keep_owner_visible: switchValue,
  equal_mark: mark,
  corresponding_mark: mark,
};

/** `value` as setting `key` takes it (a flag's word `2020` is the year 2020), or InvalidOption. */
export function settingValue<K extends keyof RenderOptions>(
  key: K,
  value: unknown,
): NonNullable<RenderOptions[K]> {
  const rule = SETTING_RULES[key] as Rule<NonNullable<RenderOptions[K]>>;
  return rule(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}

/**
 * The settings `overrides` gives, every one checked; unset ones (undefined) are left out.
 * Throws an OptionError naming each wrong one as `overrides.<key>`.
 */
export function checkOverrides(overrides: unknown): Partial<RenderOptions> {
  if (overrides === undefined) return {};
  if (!isRecord(overrides)) {
    throw new OptionError([
      { option: 'overrides', message: 'expected an object of settings, such as { since: 2020 }' },
    ]);
  }
  const checked: Record<string, unknown> = {};
  const problems: OptionProblem[] = [];
  const keys = Object.keys(SETTING_RULES);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const option = `overrides.${key}`;
    if (!keys.includes(key)) {
      problems.push({
        option,
        message: `no such setting (${didYouMean(key, keys) ?? `settings: ${keys.join(', ')}`})`,
      });
      continue;
    }
    try {
      checked[key] = settingValue(key as keyof RenderOptions, value);
    } catch (error) {
      if (!(error instanceof InvalidOption)) throw error;
      problems.push({ option, message: `${describeValue(value)} is invalid. ${error.message}` });
    }
  }
  if (problems.length) throw new OptionError(problems);
  return checked as Partial<RenderOptions>;
}

/**
 * How `writer` is to write, checked: its own flags only (the PDF's `pdf-theme` is no option of
 * Markdown), each with a value it takes, and templates only for a format drawn from them.
 */
export function checkOutputOptions(writer: Writer, output: unknown): OutputOptions {
  if (output === undefined) return { standalone: false, flags: {} };
  if (!isRecord(output)) {
    throw new OptionError([
      { option: 'output', message: 'expected an object such as { standalone: true }' },
    ]);
  }
  const problems: OptionProblem[] = [];
  const checked: OutputOptions = { standalone: false, flags: {} };
  const known = ['standalone', 'template', 'templatesDir', 'flags'];
  const rules: Record<string, Rule<unknown>> = {
    standalone: switchValue,
    template: text('a template name'),
    templatesDir: text('a folder of templates'),
  };
  for (const [key, value] of Object.entries(output)) {
    if (value === undefined || key === 'flags') continue;
    const option = `output.${key}`;
    const rule = rules[key];
    if (!rule) {
      problems.push({
        option,
        message: `no such option (${didYouMean(key, known) ?? `options: ${known.join(', ')}`})`,
      });
      continue;
    }
    try {
      (checked as unknown as Record<string, unknown>)[key] = rule(value);
    } catch (error) {
      if (!(error instanceof InvalidOption)) throw error;
      problems.push({ option, message: `${describeValue(value)} is invalid. ${error.message}` });
    }
  }
  if (!writer.template) {
    for (const key of ['standalone', 'template', 'templatesDir'] as const) {
      const given = key === 'standalone' ? output.standalone === true : output[key] !== undefined;
      if (!given) continue;
      problems.push({
        option: `output.${key}`,
        message: `only ${templatedFormats()} take it; ${writer.format} has no templates`,
      });
    }
  }
  const flags = output.flags ?? {};
  if (!isRecord(flags)) {
    problems.push({ option: 'output.flags', message: 'expected an object of format options' });
  } else {
    checked.flags = checkWriterFlags(writer, flags, problems);
  }
  if (problems.length) throw new OptionError(problems);
  return checked;
}

/** A format's own flags, by flag name: `{ 'pdf-theme': 'modern' }`. */
function checkWriterFlags(
  writer: Writer,
  flags: Record<string, unknown>,
  problems: OptionProblem[],
): Record<string, string | boolean> {
  const checked: Record<string, string | boolean> = {};
  const own = writer.flags ?? [];
  for (const [name, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    const option = `output.flags.${name}`;
    const flag = own.find((candidate) => candidate.name === name);
    if (!flag) {
      const owner = writers().find((other) => other.flags?.some((theirs) => theirs.name === name));
      const names = own.map((candidate) => candidate.name);
      problems.push({
        option,
        message: owner
          ? `only ${owner.format} takes it, not ${writer.format}`
          : `${writer.format} has no such option (${didYouMean(name, names) ?? (names.length ? `options: ${names.join(', ')}` : 'it takes none')})`,
      });
      continue;
    }
    try {
      checked[name] = flag.choices ? checkChoice(value, flag.choices) : switchValue(value);
    } catch (error) {
      if (!(error instanceof InvalidOption)) throw error;
      problems.push({ option, message: `${describeValue(value)} is invalid. ${error.message}` });
    }
  }
  return checked;
}
