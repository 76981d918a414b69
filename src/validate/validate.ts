/**
 * The "validate" stage: schema and semantic checks over the whole file at once, every
 * problem located, then the typed model.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseName } from '@citation-js/name';
import { InputError, type Problem } from '../model/problems.js';
import {
  DatabaseSchema,
  type AuthorInput,
  type DatabaseInput,
  type PaperInput,
} from '../model/schema.js';
import type { Database, Paper, PartialDate, Person } from '../model/paper.js';
import type { DataPath, SourceDocument } from '../read/source.js';
import { closestMatches, didYouMean } from './suggest.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv, formats: string[]) => Ajv;

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    addFormats(ajv, ['uri', 'email']);
    compiled = ajv.compile(DatabaseSchema);
  }
  return compiled;
}

export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;
export const ARXIV_PATTERN = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** Checks the whole document and returns the model, or throws one InputError listing every problem. */
export function validateDatabase(source: SourceDocument): Database {
  const problems = new ProblemList(source);
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.add([], 'the database must be a mapping with `owner` and `papers`', 'see README.md');
    throw new InputError(problems.items);
  }
  const validate = schemaValidator();
  if (!validate(data)) reportSchemaErrors(validate.errors ?? [], problems);
  checkSemantics(data as Partial<DatabaseInput>, problems);
  if (problems.items.length > 0) {
    throw new InputError([...problems.items].sort((a, b) => a.line - b.line || a.col - b.col));
  }
  return toModel(source.file, data as DatabaseInput);
}

class ProblemList {
  readonly items: Problem[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly source: SourceDocument) {}

  add(path: DataPath, message: string, hint?: string, part: 'key' | 'value' = 'value'): void {
    const position = this.source.locate(path, part);
    const where = describePath(path, this.source.data);
    const full = where ? `${where}: ${message}` : message;
    const dedupe = `${position.line}:${position.col}:${full}`;
    if (this.seen.has(dedupe)) return;
    this.seen.add(dedupe);
    this.items.push({
      file: this.source.file,
      ...position,
      message: full,
      ...(hint ? { hint } : {}),
    });
  }
}

/** `papers[3] (mlm2022).authors[0]`: the key path, with the paper's id when it has one. */
function describePath(path: DataPath, data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const segment of path) {
    node =
      isRecord(node) || Array.isArray(node)
        ? (node as Record<string, unknown>)[segment]
        : undefined;
    if (typeof segment === 'number') {
      out += `[${segment}]`;
      if (isRecord(node) && typeof node.id === 'string' && out.startsWith('papers[')) {
        if (out === `papers[${segment}]`) out += ` (${node.id})`;
      }
    } else {
      out += out ? `.${segment}` : segment;
    }
  }
  return out;
}

function toPath(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function schemaTypeMatches(schemaType: unknown, value: unknown): boolean {
  const actual = jsonType(value);
  const types = Array.isArray(schemaType) ? schemaType : [schemaType];
  return types.some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

/**
 * Ajv reports every branch of a union; keep only the branch that matches the value's type
 * (an author written as a mapping gets the mapping's errors, not "expected text").
 */
function reportSchemaErrors(errors: ErrorObject[], problems: ProblemList): void {
  const unions = errors.filter((error) => error.keyword === 'anyOf');
  const handled = new Set<ErrorObject>();
  for (const union of unions) {
    const prefix = `${union.schemaPath}/`;
    const branches = new Map<number, ErrorObject[]>();
    for (const error of errors) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      handled.add(error);
      const branch = Number(error.schemaPath.slice(prefix.length).split('/')[0]);
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    handled.add(union);
    const value = union.data;
    const options = union.schema as { type?: string; const?: string }[];
    const matching = options.flatMap((option, index) =>
      option.const === undefined && schemaTypeMatches(option.type, value) ? [index] : [],
    );
    const path = toPath(union.instancePath);
    const literals = options.flatMap((option) =>
      option.const !== undefined ? [option.const] : [],
    );
    if (literals.length === options.length) {
      const word = String(value);
      problems.add(
        path,
        `${describeValue(value)} is not one of ${literals.join(', ')}`,
        didYouMean(word, literals),
      );
    } else if (matching.length === 1 && matching[0] !== undefined) {
      for (const error of branches.get(matching[0]) ?? []) reportOne(error, problems);
    } else {
      const expected = (union.parentSchema as { description?: string }).description;
      problems.add(
        path,
        `expected ${options.map((o) => TYPE_NAMES[o.type ?? ''] ?? o.type).join(' or ')}, got ${describeValue(value)}`,
        expected,
      );
    }
  }
  for (const error of errors) if (!handled.has(error)) reportOne(error, problems);
}

function reportOne(error: ErrorObject, problems: ProblemList): void {
  const path = toPath(error.instancePath);
  const value = error.data;
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      problems.add(
        [...path, key],
        `unknown key \`${key}\``,
        didYouMean(key, known) ?? `allowed here: ${known.join(', ')}`,
        'key',
      );
      return;
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      const schema = (
        error.parentSchema as { properties?: Record<string, { description?: string }> }
      ).properties?.[key];
      problems.add(path, `missing required key \`${key}\``, schema?.description);
      return;
    }
    case 'type':
      problems.add(
        path,
        `expected ${TYPE_NAMES[String(error.schema)] ?? String(error.schema)}, got ${describeValue(value)}`,
        description,
      );
      return;
    case 'minItems':
      problems.add(
        path,
        'is an empty list',
        description ? `give at least one: ${description}` : undefined,
      );
      return;
    case 'minLength':
      problems.add(path, 'is empty', description);
      return;
    case 'format':
      problems.add(
        path,
        `${describeValue(value)} is not a valid ${error.schema === 'uri' ? 'URL' : String(error.schema)}`,
        error.schema === 'uri'
          ? 'write a full address such as https://example.org/paper'
          : description,
      );
      return;
    case 'pattern':
      if (path.at(-2) === 'topics' && path.length === 2) {
        problems.add(path, 'is not a valid topic key', 'use letters, digits and _ . -', 'key');
        return;
      }
      problems.add(path, `${describeValue(value)} has the wrong form`, description);
      return;
    case 'propertyNames':
      return;
    case 'minimum':
    case 'maximum':
      problems.add(path, `${describeValue(value)} is out of range`, description);
      return;
    default:
      problems.add(path, error.message ?? 'is invalid', description);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseDate(value: string | number): PartialDate | string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(value));
  if (!match) return 'expected YYYY, YYYY-MM or YYYY-MM-DD';
  const year = Number(match[1]);
  const date: PartialDate = { year };
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return `month ${match[2]} does not exist`;
    date.month = month;
    if (match[3] !== undefined) {
      const day = Number(match[3]);
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
      if (day < 1 || day > days) return `day ${match[3]} does not exist in ${year}-${match[2]}`;
      date.day = day;
    }
  }
  return date;
}

/** The parts of a name; a string that yields no family name is a problem. */
export function toPerson(author: AuthorInput): Person | string {
  if (typeof author === 'string') return personFromString(author);
  const { name, equal, corresponding, orcid, ...parts } = author;
  const marks = {
    ...(equal ? { equal } : {}),
    ...(corresponding ? { corresponding } : {}),
    ...(orcid ? { orcid } : {}),
  };
  if (name !== undefined) {
    if (parts.family || parts.given || parts.literal) {
      return 'give either `name` or `family`/`given`/`literal`, not both';
    }
    const person = personFromString(name);
    return typeof person === 'string' ? person : { ...person, ...marks };
  }
  if (parts.literal) return { literal: parts.literal.trim(), ...marks };
  if (!parts.family) return 'an author mapping needs `name`, `family` or `literal`';
  const person: Person = { family: parts.family.trim(), ...marks };
  if (parts.given) person.given = parts.given.trim();
  if (parts.suffix) person.suffix = parts.suffix.trim();
  return person;
}

function personFromString(raw: string): Person | string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!/\p{L}/u.test(name)) return `"${raw}" is not a name`;
  if ((name.match(/,/g) ?? []).length > 2) {
    return `"${raw}" has too many commas`;
  }
  if (name.endsWith(',') || name.startsWith(',')) return `"${raw}" has a stray comma`;
  const parsed = parseName(name);
  const family = parsed.family?.trim();
  if (!family) return { literal: name };
  const person: Person = { family };
  const given = [parsed.given, parsed['dropping-particle']].filter(Boolean).join(' ').trim();
  if (given) person.given = given;
  if (parsed['non-dropping-particle']) person.particle = parsed['non-dropping-particle'];
  if (parsed.suffix) person.suffix = parsed.suffix;
  return person;
}

function checkSemantics(data: Partial<DatabaseInput>, problems: ProblemList): void {
  const topicKeys = isRecord(data.topics) ? Object.keys(data.topics) : [];
  const papers = Array.isArray(data.papers) ? data.papers : [];
  const firstIndex = new Map<string, number>();
  papers.forEach((paper: unknown, index) => {
    if (!isRecord(paper)) return;
    const at = (...rest: (string | number)[]) => ['papers', index, ...rest];
    const { id } = paper;
    if (typeof id === 'string') {
      const first = firstIndex.get(id);
      if (first === undefined) {
        firstIndex.set(id, index);
      } else {
        const here = problems.source.locate(at('id'));
        const there = problems.source.locate(['papers', first, 'id']);
        problems.add(
          at('id'),
          `duplicate id \`${id}\`, first used at line ${there.line}`,
          'ids must be unique',
        );
        problems.add(
          ['papers', first, 'id'],
          `id \`${id}\` is used again at line ${here.line}`,
          'ids must be unique',
        );
      }
    }
    if (typeof paper.date === 'string' || typeof paper.date === 'number') {
      const date = parseDate(paper.date);
      if (typeof date === 'string')
        problems.add(
          at('date'),
          `${JSON.stringify(paper.date)}: ${date}`,
          'write YYYY, YYYY-MM or YYYY-MM-DD',
        );
    }
    if (typeof paper.doi === 'string' && !DOI_PATTERN.test(paper.doi)) {
      const bare = paper.doi.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
      problems.add(
        at('doi'),
        `"${paper.doi}" is not a DOI`,
        DOI_PATTERN.test(bare) ? `write the bare DOI: ${bare}` : 'a DOI looks like 10.1234/abc.567',
      );
    }
    if (typeof paper.arxiv === 'string' && !ARXIV_PATTERN.test(paper.arxiv)) {
      const bare = paper.arxiv
        .replace(/^(arxiv:\s*|https?:\/\/arxiv\.org\/(abs|pdf)\/)/i, '')
        .replace(/\.pdf$/, '');
      problems.add(
        at('arxiv'),
        `"${paper.arxiv}" is not an arXiv identifier`,
        ARXIV_PATTERN.test(bare)
          ? `write the bare identifier: ${bare}`
          : 'an arXiv id looks like 2211.04898 or hep-th/9901001',
      );
    }
    for (const list of ['authors', 'editors'] as const) {
      const people = paper[list];
      if (!Array.isArray(people)) continue;
      people.forEach((author: unknown, i) => {
        if (typeof author !== 'string' && !isRecord(author)) return;
        const person = toPerson(author as AuthorInput);
        if (typeof person === 'string')
          problems.add(
            at(list, i),
            `cannot read this name: ${person}`,
            'write "Given Family", "Family, Given" or {family: ..., given: ...}',
          );
      });
    }
    if (Array.isArray(paper.topics)) {
      paper.topics.forEach((topic: unknown, i) => {
        if (typeof topic === 'string' && !topicKeys.includes(topic)) {
          problems.add(
            at('topics', i),
            `unknown topic \`${topic}\``,
            didYouMean(topic, topicKeys) ??
              (topicKeys.length
                ? `declared topics: ${topicKeys.join(', ')}`
                : 'declare it under the top-level `topics:`'),
          );
        }
      });
    }
  });
  checkRenderSection(data.render, topicKeys, problems);
}

function checkRenderSection(render: unknown, topicKeys: string[], problems: ProblemList): void {
  if (!isRecord(render)) return;
  const sections: [DataPath, Record<string, unknown>][] = [[['render'], render]];
  if (Array.isArray(render.outputs)) {
    render.outputs.forEach((output: unknown, i) => {
      if (isRecord(output)) sections.push([['render', 'outputs', i], output]);
    });
  }
  for (const [path, section] of sections) {
    if (Array.isArray(section.topics)) {
      section.topics.forEach((topic: unknown, i) => {
        if (typeof topic === 'string' && !topicKeys.includes(topic)) {
          problems.add(
            [...path, 'topics', i],
            `unknown topic \`${topic}\``,
            closestMatches(topic, topicKeys, 1).map((t) => `did you mean \`${t}\`?`)[0],
          );
        }
      });
    }
    if (
      typeof section.since === 'number' &&
      typeof section.until === 'number' &&
      section.since > section.until
    ) {
      problems.add([...path, 'until'], `until ${section.until} is before since ${section.since}`);
    }
  }
}

function toModel(file: string, input: DatabaseInput): Database {
  const people = (list: AuthorInput[]) => list.map((author) => toPerson(author) as Person);
  const papers: Paper[] = input.papers.map((paper: PaperInput) => {
    const { authors, editors, date, ...rest } = paper;
    return {
      ...rest,
      authors: people(authors),
      ...(editors ? { editors: people(editors) } : {}),
      date: parseDate(date) as PartialDate,
    };
  });
  return {
    file,
    owner: input.owner,
    topics: Object.entries(input.topics ?? {}).map(([key, label]) => ({ key, label })),
    papers,
    render: input.render ?? {},
  };
}
