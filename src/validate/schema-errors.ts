/**
 * Schema checking with TypeBox's compiled checker (compiles in milliseconds, so start-up
 * stays fast), and its errors turned into messages a user can act on.
 */
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { FORMATS } from '../model/formats.js';
import { DatabaseSchema, type RenderOptions } from '../model/schema.js';
import { invalidValue, SETTING_KEYS, settingRefusal } from '../options.js';
import { FILLED_TEXT } from '../model/vocabulary.js';
import { describeValue, isRecord, type ProblemList } from './problem-list.js';
import { datesMeant } from './date-meant.js';
import { didYouMean, suggestChoice } from './suggest.js';
import { webAddressProblem } from './web-address.js';
import { colonItem, reportColonItem, reportUnquotedScalar } from './yaml-slips.js';

for (const [name, check] of Object.entries(FORMATS)) FormatRegistry.Set(name, check);

let checker: TypeCheck<typeof DatabaseSchema> | undefined;

/**
 * Reports every schema violation in `data`. Loaded only when the ahead-of-time check
 * (src/model/database-check.ts) has failed, since TypeBox takes a while to load.
 */
export function reportSchemaErrors(data: unknown, problems: ProblemList): void {
  checker ??= TypeCompiler.Compile(DatabaseSchema);
  report(
    [...checker.Errors(data)].filter((error) => !reportedAsSetting(error, data, problems)),
    problems,
  );
}

/**
 * A render setting the schema refuses (`render.limit: 0`, `render.outputs[1].types: [foo]`)
 * is said as its option's rule says it, so that the flag (`--limit 0`) and code get the same
 * reason. Returns whether it was; a value left empty (`limit:`) is the schema's to say.
 */
function reportedAsSetting(error: ValueError, data: unknown, problems: ProblemList): boolean {
  const path = toPath(error.path);
  const inOutput = path[1] === 'outputs' && typeof path[2] === 'number';
  const settingPath = path.slice(0, inOutput ? 4 : 2);
  const key = settingPath.at(-1);
  if (path[0] !== 'render' || !(SETTING_KEYS as readonly unknown[]).includes(key)) return false;
  const value = settingPath.reduce<unknown>(
    (node, part) =>
      isRecord(node) || Array.isArray(node)
        ? (node as Record<string | number, unknown>)[part]
        : undefined,
    data,
  );
  if (value === null || value === undefined) return false;
  const refusal = settingRefusal(key as keyof RenderOptions, value);
  if (!refusal) return false;
  // A wrong type is said at its item (`render.types[1]`), for the reason the rule gives for a
  // list of that type alone. (A blank topic is said at the item as an unknown topic.)
  const items =
    Array.isArray(value) && key === 'types'
      ? value.flatMap((item, index) => {
          const itemRefusal = settingRefusal(key as keyof RenderOptions, [item]);
          return itemRefusal ? [{ index, item, refusal: itemRefusal }] : [];
        })
      : [];
  for (const { index, item, refusal: itemRefusal } of items) {
    const { message, hint } = invalidValue(item, itemRefusal);
    problems.add([...settingPath, index], message, hint);
  }
  if (!items.length) {
    const { message, hint } = invalidValue(value, refusal);
    problems.add(settingPath, message, hint);
  }
  return true;
}

type Annotated = TSchema & {
  description?: string;
  anyOf?: Annotated[];
  const?: unknown;
  type?: unknown;
  pattern?: string;
};

/** `described`: what the union a branch belongs to says, for a branch that says nothing itself. */
function report(errors: ValueError[], problems: ProblemList, described?: string): void {
  const missing = new Set<string>();
  for (const error of errors) {
    // A missing key also fails its type check; say it once.
    if (error.type === ValueErrorType.ObjectRequiredProperty) missing.add(error.path);
    else if (error.value === undefined && missing.has(error.path)) continue;
    reportOne(error, problems, described);
  }
}

function reportOne(error: ValueError, problems: ProblemList, described?: string): void {
  const path = toPath(error.path);
  const schema = error.schema as Annotated;
  const value = error.value;
  const description = schema.description ?? described;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties: {
      const key = String(path.at(-1));
      const parent = error.schema as { properties?: Record<string, unknown> };
      const known = Object.keys(parent.properties ?? {});
      if (!known.length) {
        problems.add(path, 'is not a valid key', 'use letters, digits and _ . -', 'key');
        return;
      }
      problems.add(
        path,
        `unknown key \`${key}\``,
        didYouMean(key, known) ?? `allowed here: ${known.join(', ')}`,
        'key',
      );
      return;
    }
    case ValueErrorType.ObjectRequiredProperty:
      problems.add(
        path.slice(0, -1),
        `missing required key \`${String(path.at(-1))}\``,
        description,
      );
      return;
    case ValueErrorType.Union:
      reportUnion(error, problems);
      return;
    case ValueErrorType.ArrayMinItems:
      problems.add(path, 'is an empty list', description && `give at least one: ${description}`);
      return;
    case ValueErrorType.StringMinLength:
      problems.add(path, 'is empty', description);
      return;
    case ValueErrorType.StringFormat: {
      if ((schema as { format?: string }).format === 'uri') {
        const { reason, fix } = webAddressProblem(String(value));
        problems.add(path, `${describeValue(value)} is not a valid web address: ${reason}`, fix);
        return;
      }
      problems.add(path, `${describeValue(value)} is not a valid e-mail address`, description);
      return;
    }
    case ValueErrorType.StringPattern:
      if (typeof value === 'string' && value.trim() === '') {
        if (value) problems.add(path, 'is blank: it holds only spaces', description);
        return;
      }
      problems.add(
        path,
        `${describeValue(value)} has the wrong form`,
        dateHint(path, value) ?? description,
      );
      return;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
      problems.add(path, `${describeValue(value)} is out of range${range(schema)}`, description);
      return;
    case ValueErrorType.String:
      if (reportUnquotedScalar(path, value, 'text', problems)) return;
      if (reportColonItem(path, value, problems)) return;
      problems.add(path, `expected text, got ${describeValue(value)}`, description);
      return;
    case ValueErrorType.Array:
      if (value === null || value === undefined) {
        problems.add(path, 'is empty', emptyListHint(path));
        return;
      }
      problems.add(path, `expected a list, got ${describeValue(value)}`, description);
      return;
    case ValueErrorType.Integer:
    case ValueErrorType.Number:
    case ValueErrorType.Boolean:
    case ValueErrorType.Object:
      problems.add(
        path,
        `expected ${typeName(schema.type)}, got ${describeValue(value)}`,
        description,
      );
      return;
    default:
      problems.add(path, error.message, description);
  }
}

/** A paper's date in another form (`2022/11/09`, `Nov 2022`): the date to write. */
function dateHint(path: readonly (string | number)[], value: unknown): string | undefined {
  if (path[0] !== 'papers' || path.at(-1) !== 'date' || typeof value !== 'string') return undefined;
  const meant = datesMeant(value);
  if (meant.length === 0) return undefined;
  const which = meant.length > 1 ? ', whichever is meant' : '';
  return `write ${meant.join(' or ')}${which}: a date is YYYY, YYYY-MM or YYYY-MM-DD`;
}

/**
 * A union (an author is text or a mapping; a type is one of several words): report the
 * branch that fits the value's kind, not every branch.
 */
function reportUnion(error: ValueError, problems: ProblemList): void {
  const path = toPath(error.path);
  const options = (error.schema as Annotated).anyOf ?? [];
  const value = error.value;
  const words = options.map(wordsOf);
  const literals = words.flatMap((list) => list ?? []);
  const notAWord = () =>
    problems.add(
      path,
      `${describeValue(value)} is not one of ${literals.join(', ')}`,
      suggestChoice(String(value), literals) ?? (error.schema as Annotated).description,
    );
  if (words.every((list) => list !== undefined)) {
    notAWord();
    return;
  }
  // Text or a whole number (pages: 1.50), text or an author mapping (authors: [Ann: Smith]);
  // text that may be anything but blank is text.
  const takesText = options.some(
    (option) =>
      option.type === 'string' &&
      (option.pattern ?? FILLED_TEXT) === FILLED_TEXT &&
      !('format' in option),
  );
  if (takesText) {
    const expected = options.map((option) => typeName(option.type)).join(' or ');
    if (reportUnquotedScalar(path, value, expected, problems)) return;
    if (colonItem(value) !== undefined && !closeToKey(value, options)) {
      reportColonItem(path, value, problems);
      return;
    }
  }
  const fitting = options.findIndex((option) => typeMatches(option.type, value));
  const branch = fitting >= 0 ? error.errors[fitting] : undefined;
  if (branch) {
    report([...branch], problems, (error.schema as Annotated).description);
    return;
  }
  // Text where the union takes some words or something else (a font family: a bundled
  // family's name, or a mapping of files): the words are what was meant.
  if (typeof value === 'string' && literals.length) {
    notAWord();
    return;
  }
  problems.add(
    path,
    `expected ${options.map((option, index) => (words[index] ? `one of ${words[index].join(', ')}` : typeName(option.type))).join(' or ')}, got ${describeValue(value)}`,
    (error.schema as Annotated).description,
  );
}

/** The words an option allows: a literal, or a union of literals; undefined for other options. */
function wordsOf(option: Annotated): string[] | undefined {
  if (option.const !== undefined) return [String(option.const)];
  const inner = option.anyOf;
  if (inner?.length && inner.every((choice) => choice.const !== undefined)) {
    return inner.map((choice) => String(choice.const));
  }
  return undefined;
}

export function toPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

function typeName(type: unknown): string {
  return TYPE_NAMES[String(type)] ?? String(type);
}

function typeMatches(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return false;
  }
}

/**
 * Whether a one-key mapping is a mapping option's key misspelt (`{famly: Smith}`), rather
 * than text with ": " in it.
 */
function closeToKey(value: unknown, options: readonly Annotated[]): boolean {
  const [key = ''] = Object.keys(value as object);
  const known = options.flatMap((option) =>
    Object.keys((option as { properties?: Record<string, unknown> }).properties ?? {}),
  );
  return known.includes(key) || didYouMean(key, known) !== undefined;
}

function emptyListHint(path: readonly (string | number)[]): string {
  if (path.length === 1 && path[0] === 'papers')
    return 'write `papers: []` while there are none, or add papers under it, each starting with `- id:`';
  return 'write its items under it, one per line starting with "- ", or leave the key out';
}

/** ` (from -9999 to 9999)`, from a number schema's bounds. */
function range(schema: Annotated): string {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  if (minimum !== undefined && maximum !== undefined) return ` (from ${minimum} to ${maximum})`;
  if (minimum !== undefined) return ` (at least ${minimum})`;
  if (maximum !== undefined) return ` (at most ${maximum})`;
  return '';
}
