/**
 * The static check of a Handlebars template against the context its writer gives it: every
 * variable, helper and partial a template names must exist, where it is used (inside
 * `{{#each}}` and `{{#with}}`, through `../`, block parameters and `@index`). Handlebars
 * itself renders a misspelt variable as nothing, and its `strict` mode would refuse
 * `{{#if number}}` on an entry without a number: the writer's declared shape knows both.
 */
import type {} from 'handlebars';
import type { Problem } from '../model/problems.js';
import { didYouMean } from '../validate/suggest.js';

/**
 * In a record, the shape of every field it does not name: a record whose field names are the
 * data's own (a paper's `extra`) declares `{ [ANY_FIELD]: 'value' }`.
 */
export const ANY_FIELD: unique symbol = Symbol('any field');

/**
 * What a template can see: `'value'` is text, a number or a flag; a list is `[item]`; a
 * record names its fields (an optional field is declared like any other: `{{#if}}` tests it).
 * `'any'` is what is not known before rendering (a `lookup`, a partial's hash argument).
 * `OneOf` is what `{{#each}}` gives for a record whose fields differ in shape.
 */
export type Shape = 'value' | 'any' | readonly [Shape] | Record | OneOf;

type Record = { readonly [field: string]: Shape; readonly [ANY_FIELD]?: Shape };

/**
 * The shape of a context whose TypeScript type is `T`, field for field (optional ones too).
 * A writer's shape `satisfies` the ShapeOf its context's type: a field the one has and the
 * other lacks (a template refused for a field it is given, or checked and printing nothing)
 * does not compile.
 */
export type ShapeOf<T> = T extends string | number | boolean
  ? 'value'
  : T extends readonly (infer Item)[]
    ? readonly [ShapeOf<Item>]
    : string extends keyof T
      ? { readonly [ANY_FIELD]: ShapeOf<T[string & keyof T]> }
      : { readonly [K in keyof T]-?: ShapeOf<NonNullable<T[K]>> };

/** An item of a record whose fields are of several shapes: `{{#each paper}}`. */
class OneOf {
  constructor(readonly shapes: readonly Shape[]) {}
}

/** The helpers of a Handlebars environment that registers none of its own. */
const BLOCK_HELPERS = ['each', 'if', 'unless', 'with'];
const INLINE_HELPERS = ['lookup', 'log'];
const HELPERS = [...BLOCK_HELPERS, ...INLINE_HELPERS];

/** A template file, parsed. */
export interface ParsedTemplate {
  file: string;
  ast: hbs.AST.Program;
}

interface Scope {
  /** The contexts from the outermost in: `../` steps back one. */
  contexts: readonly Shape[];
  /** What each context is, for messages: "an entry of groups[].entries". */
  names: readonly string[];
  /** `@index`, `@first`...: set inside `{{#each}}`. */
  data: ReadonlySet<string>;
  blockParams: ReadonlyMap<string, Shape>;
  /** Partials defined by `{{#*inline}}` on the way here. */
  inline: ReadonlyMap<string, ParsedTemplate>;
  /** A partial block's content, which `{{> @partial-block}}` renders. */
  partialBlock: boolean;
}

function isRecord(shape: Shape): shape is Record {
  return typeof shape === 'object' && !Array.isArray(shape) && !(shape instanceof OneOf);
}

/** The field `name` of `record`, or what a field it does not name is. */
function fieldOf(record: Record, name: string): Shape | undefined {
  return Object.hasOwn(record, name) ? record[name] : record[ANY_FIELD];
}

function isList(shape: Shape): shape is readonly [Shape] {
  return Array.isArray(shape);
}

/**
 * The problems of `main` and of every partial it renders, checked where each is rendered
 * (a partial inside `{{#each entries}}` sees an entry). `partials` are the format's
 * templates by name.
 */
export function checkTemplate(
  main: ParsedTemplate,
  root: Shape,
  partials: ReadonlyMap<string, ParsedTemplate>,
): Problem[] {
  const problems = new Map<string, Problem>();
  const report = (file: string, node: hbs.AST.Node, message: string, hint?: string) => {
    const problem: Problem = {
      file,
      line: node.loc.start.line,
      col: node.loc.start.column + 1,
      message,
      ...(hint ? { hint } : {}),
    };
    problems.set(`${file}:${problem.line}:${problem.col}:${message}`, problem);
  };
  /** Partials being checked, so that one that renders itself is checked once. */
  const active: string[] = [];

  function program(file: string, node: hbs.AST.Program | undefined, scope: Scope): void {
    if (!node) return;
    // Handlebars registers every {{#*inline}} of a block before running the block: a
    // partial can be used above the place it is defined.
    const inline = new Map(scope.inline);
    for (const statement of node.body) {
      const defined = inlineDefinition(statement);
      if (defined) inline.set(defined.name, { file, ast: defined.body });
    }
    for (const statement of node.body) {
      if (!inlineDefinition(statement)) visit(file, statement, { ...scope, inline });
    }
  }

  function visit(file: string, node: hbs.AST.Statement, scope: Scope): void {
    switch (node.type) {
      case 'MustacheStatement':
      case 'SubExpression':
        call(file, node as hbs.AST.MustacheStatement, scope);
        return;
      case 'BlockStatement':
        block(file, node as hbs.AST.BlockStatement, scope);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        partial(file, node as hbs.AST.PartialBlockStatement, scope);
        return;
      case 'DecoratorBlock':
      case 'Decorator':
        report(
          file,
          node,
          `unknown decorator "${pathName(node as hbs.AST.MustacheStatement)}"`,
          'the one decorator is {{#*inline "name"}}…{{/inline}}',
        );
        return;
      default:
        // Text and comments.
        return;
    }
  }

  /** `{{name}}`, `{{helper args}}`, `(helper args)`. */
  function call(
    file: string,
    node: hbs.AST.MustacheStatement | hbs.AST.SubExpression,
    scope: Scope,
  ): Shape {
    const path = node.path as hbs.AST.PathExpression | hbs.AST.Literal;
    const args = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (path.type !== 'PathExpression') return 'value';
    const name = (path as hbs.AST.PathExpression).original;
    if (!args && !HELPERS.includes(name)) {
      const shape = expression(file, path, scope);
      if (node.type === 'MustacheStatement') {
        printable(file, path as hbs.AST.PathExpression, shape, scope);
      }
      return shape;
    }
    for (const param of node.params) expression(file, param, scope);
    for (const pair of node.hash?.pairs ?? []) expression(file, pair.value, scope);
    if (name === 'lookup' && node.params.length !== 2) {
      // Handlebars' lookup fails while rendering with fewer ("Cannot read properties of undefined").
      report(
        file,
        path,
        `lookup takes two values, here ${node.params.length}`,
        'write {{lookup list @index}} or {{lookup record "field"}}',
      );
    }
    if (INLINE_HELPERS.includes(name)) return 'any';
    if (BLOCK_HELPERS.includes(name)) {
      report(
        file,
        path,
        `${name} is a block helper`,
        `write {{#${name} …}}…{{/${name}}}, the content between the two`,
      );
    } else {
      report(file, path, `unknown helper "${name}"`, helperHint(name));
    }
    return 'any';
  }

  function block(file: string, node: hbs.AST.BlockStatement, scope: Scope): void {
    const name = node.path.original;
    const [subject] = node.params;
    const params = node.program?.blockParams ?? [];
    const needsOne = (helper: string) => {
      if (node.params.length === 1) return true;
      report(
        file,
        node.path,
        `{{#${helper}}} takes one value, here ${node.params.length}`,
        `write {{#${helper} name}}`,
      );
      return false;
    };
    for (const pair of node.hash?.pairs ?? []) expression(file, pair.value, scope);
    if (name === 'if' || name === 'unless') {
      if (needsOne(name) && subject) expression(file, subject, scope);
      program(file, node.program, scope);
      program(file, node.inverse, scope);
      return;
    }
    if (name === 'each') {
      if (needsOne(name) && subject) {
        const list = expression(file, subject, scope);
        const item = itemOf(list);
        if (item === undefined) {
          report(
            file,
            subject,
            `{{#each}} goes through a list, and "${(subject as hbs.AST.PathExpression).original}" is a single value`,
            'use {{#if …}} to test it, or {{…}} to print it',
          );
        } else {
          program(
            file,
            node.program,
            enter(
              scope,
              item,
              `an item of ${describe(subject)}`,
              ['index', 'first', 'last', 'key'],
              {
                [params[0] ?? '']: item,
                [params[1] ?? '']: 'value',
              },
            ),
          );
        }
      }
      program(file, node.inverse, scope);
      return;
    }
    if (name === 'with') {
      if (needsOne(name) && subject) {
        const inner = expression(file, subject, scope);
        program(
          file,
          node.program,
          enter(scope, inner, describe(subject), [], { [params[0] ?? '']: inner }),
        );
      }
      program(file, node.inverse, scope);
      return;
    }
    if (node.params.length === 0 && !HELPERS.includes(name)) {
      // A Mustache section, {{#groups}}…{{/groups}}: a list is gone through, a record entered.
      const inner = expression(file, node.path, scope);
      const item = isList(inner) ? inner[0] : inner;
      program(
        file,
        node.program,
        enter(scope, item, describe(node.path), ['index', 'first', 'last'], {}),
      );
      program(file, node.inverse, scope);
      return;
    }
    if (INLINE_HELPERS.includes(name)) {
      // Handlebars runs {{#log}} and {{#lookup}} as blocks, and drops what is between the tags.
      report(
        file,
        node.path,
        `${name} is not a block helper`,
        `write {{${name} …}}: the content of {{#${name}}}…{{/${name}}} is never rendered`,
      );
      return;
    }
    report(file, node.path, `unknown helper "${name}"`, helperHint(name));
  }

  /** A record or a list printed by {{name}} would show as "[object Object]" or "a,b,c". */
  function printable(file: string, path: hbs.AST.PathExpression, shape: Shape, scope: Scope) {
    const self = path.parts.length === 0;
    const shown = self ? (scope.names.at(-1 - path.depth) ?? path.original) : path.original;
    if (isList(shape)) {
      report(
        file,
        path,
        `${shown} is a list: use {{#each ${path.original}}}…{{/each}}`,
        isRecord(shape[0])
          ? `inside, print the fields of each item: ${Object.keys(shape[0]).join(', ')}`
          : 'inside, print each item with {{this}}',
      );
    } else if (shape instanceof OneOf) {
      report(
        file,
        path,
        `${shown} is ${kinds(shape)}: a record or a list would print as [object Object] or a,b`,
        'print the fields by name instead',
      );
    } else if (isRecord(shape) && !Object.keys(shape).length) {
      report(
        file,
        path,
        `${shown} is a record: print one of its fields by name (${path.original}.name)`,
        `or go through them with {{#each ${path.original}}}{{@key}}: {{this}}{{/each}}`,
      );
    } else if (isRecord(shape)) {
      const fields = Object.keys(shape);
      const field = fields.find((key) => shape[key] === 'value') ?? fields[0] ?? '';
      report(
        file,
        path,
        `${shown} is a record: print ${self ? field : `${path.original}.${field}`}`,
        `${self ? 'here' : `${path.original} has`}: ${fields.join(', ')}`,
      );
    }
  }

  function partial(file: string, node: hbs.AST.PartialBlockStatement, scope: Scope): void {
    for (const param of node.params) expression(file, param, scope);
    for (const pair of node.hash?.pairs ?? []) expression(file, pair.value, scope);
    const fallback = node.type === 'PartialBlockStatement' ? node.program : undefined;
    if (fallback) program(file, fallback, scope);
    const target = node.name as hbs.AST.PathExpression | hbs.AST.SubExpression | hbs.AST.Literal;
    // A partial chosen while rendering, {{> (whichPartial)}}, cannot be known here.
    if (target.type === 'SubExpression') return;
    const name =
      target.type === 'PathExpression'
        ? (target as hbs.AST.PathExpression).original
        : String((target as hbs.AST.StringLiteral).value);
    if (name === '@partial-block') {
      if (!scope.partialBlock) {
        report(file, target, '{{> @partial-block}} is only set in a partial called as a block');
      }
      return;
    }
    const found = scope.inline.get(name) ?? partials.get(name);
    if (!found) {
      // {{#> name}}fallback{{/name}} renders its fallback when there is no such partial.
      if (fallback) return;
      const known = [...new Set([...partials.keys(), ...scope.inline.keys()])].sort();
      report(
        file,
        target,
        `no partial "${name}"`,
        [didYouMean(name, known), `partials: ${known.join(', ') || 'none'}`]
          .filter(Boolean)
          .join('; '),
      );
      return;
    }
    if (active.includes(name)) return;
    let context = scope.contexts.at(-1) ?? 'any';
    if (node.params[0]) context = expression(file, node.params[0], scope);
    const hash = node.hash?.pairs ?? [];
    if (hash.length) {
      const added = Object.fromEntries(hash.map((pair): [string, Shape] => [pair.key, 'any']));
      context = isRecord(context) ? { ...context, ...added } : 'any';
    }
    active.push(name);
    program(found.file, found.ast, {
      contexts: context === scope.contexts.at(-1) ? scope.contexts : [...scope.contexts, context],
      names:
        context === scope.contexts.at(-1)
          ? scope.names
          : [...scope.names, `the context of ${name}`],
      data: scope.data,
      blockParams: new Map(),
      inline: scope.inline,
      partialBlock: fallback !== undefined,
    });
    active.pop();
  }

  /** The shape of a value in a tag, reporting what does not exist. */
  function expression(file: string, node: hbs.AST.Expression, scope: Scope): Shape {
    if (node.type === 'SubExpression') return call(file, node as hbs.AST.SubExpression, scope);
    if (node.type !== 'PathExpression') return 'value';
    const path = node as hbs.AST.PathExpression;
    if (path.data) return dataVariable(file, path, scope);
    const scoped = /^(\.|this\b)/.test(path.original);
    const [first] = path.parts;
    if (path.depth === 0 && !scoped && first !== undefined && scope.blockParams.has(first)) {
      return walk(file, path, scope.blockParams.get(first) ?? 'any', 1, first);
    }
    const level = scope.contexts.length - 1 - path.depth;
    const context = scope.contexts[level];
    if (context === undefined) {
      report(
        file,
        path,
        `"${path.original}" goes out past the template's top level`,
        levelsAbove(scope.contexts.length - 1),
      );
      return 'any';
    }
    return walk(file, path, context, 0, '', level, scope);
  }

  function levelsAbove(count: number): string {
    if (count === 0) return 'nothing is above the top level: drop the ../';
    return `there ${count === 1 ? 'is 1 level' : `are ${count} levels`} above here: drop a ../`;
  }

  function dataVariable(file: string, path: hbs.AST.PathExpression, scope: Scope): Shape {
    const [name = '', ...rest] = path.parts;
    if (name === 'root') {
      return walk(file, path, scope.contexts[0] ?? 'any', 1, '@root');
    }
    if (!scope.data.has(name)) {
      const inEach = ['index', 'first', 'last', 'key'].includes(name);
      report(
        file,
        path,
        `unknown variable "@${name}"`,
        inEach
          ? `@${name} is only set inside {{#each}}`
          : 'the @ variables are @index, @first, @last, @key (inside {{#each}}) and @root',
      );
      return 'any';
    }
    if (rest.length) report(file, path, `@${name} is a single value: it has no ".${rest[0]}"`);
    return 'value';
  }

  /**
   * Follows `path.parts` from `from`, starting at part `start`; `prefix` is what was already
   * read ("@root"). `level` and `scope`, for a path in a context, let a miss name the outer
   * context that has the field.
   */
  function walk(
    file: string,
    path: hbs.AST.PathExpression,
    from: Shape,
    start: number,
    prefix: string,
    level?: number,
    scope?: Scope,
  ): Shape {
    let shape = from;
    let read = prefix;
    // What is being read, for messages: "owner", or the context itself ("an item of legend").
    const shown = () =>
      read ? `"${read}"` : (level !== undefined && scope?.names[level]) || 'this';
    for (const part of path.parts.slice(start)) {
      const here = read ? `${read}.${part}` : part;
      if (shape === 'any') return 'any';
      if (isList(shape)) {
        if (part === 'length') return 'value';
        if (/^\d+$/.test(part)) {
          shape = shape[0];
          read = here;
          continue;
        }
        report(
          file,
          path,
          `${shown()} is a list: it has no "${part}"`,
          `go through it with {{#each ${read || 'this'}}}…{{/each}}`,
        );
        return 'any';
      }
      if (shape === 'value') {
        report(file, path, `${shown()} is a single value: it has no "${part}"`);
        return 'any';
      }
      if (shape instanceof OneOf) {
        const found = present(shape.shapes.map((alternative) => step(alternative, part)));
        if (!found.length) {
          const fields = [
            ...new Set(shape.shapes.filter(isRecord).flatMap((it) => Object.keys(it))),
          ];
          report(
            file,
            path,
            `unknown variable "${stripDepth(path.original, here)}"`,
            [
              `${shown()} is ${kinds(shape)}`,
              didYouMean(part, fields)?.replace(/`([^`]*)`/, (_, name: string) =>
                read ? `${read}.${name}` : name,
              ),
            ]
              .filter(Boolean)
              .join('; '),
          );
          return 'any';
        }
        shape = oneOf(found);
        read = here;
        continue;
      }
      const next = fieldOf(shape, part);
      if (next === undefined) {
        const fields = Object.keys(shape);
        const where = read ? `${read} has` : 'here';
        const outer =
          !read && level !== undefined && scope ? outerField(part, level, scope) : undefined;
        report(
          file,
          path,
          `unknown variable "${stripDepth(path.original, here)}"`,
          [
            read ? undefined : innerField(part, shape),
            outer,
            `${where}: ${fields.join(', ')}`,
            didYouMean(part, fields)?.replace(/`([^`]*)`/, (_, name: string) =>
              read ? `${read}.${name}` : name,
            ),
          ]
            .filter(Boolean)
            .join('; '),
        );
        return 'any';
      }
      shape = next;
      read = here;
    }
    return shape;
  }

  /** "year is in paper: write paper.year", for a field of a record one level down. */
  function innerField(part: string, shape: Record): string | undefined {
    const holders = Object.keys(shape).filter((field) => {
      const inner = shape[field];
      return inner !== undefined && isRecord(inner) && Object.hasOwn(inner, part);
    });
    return holders.length
      ? `"${part}" is in ${holders.join(', ')}: write ${holders.map((holder) => `${holder}.${part}`).join(' or ')}`
      : undefined;
  }

  /** "title is a field of the outer context: write ../title". */
  function outerField(part: string, level: number, scope: Scope): string | undefined {
    for (let outer = level - 1; outer >= 0; outer--) {
      const shape = scope.contexts[outer];
      if (shape && isRecord(shape) && fieldOf(shape, part) !== undefined) {
        const up = '../'.repeat(level - outer);
        return `"${part}" is ${scope.names[outer] === 'the top level' ? 'at the top level' : `in ${scope.names[outer]}`}: write ${up}${part}`;
      }
    }
    return undefined;
  }

  program(main.file, main.ast, {
    contexts: [root],
    names: ['the top level'],
    data: new Set(),
    blockParams: new Map(),
    inline: new Map(),
    partialBlock: false,
  });
  return [...problems.values()];
}

/** The scope inside a block that changes the context. */
function enter(
  scope: Scope,
  context: Shape,
  name: string,
  data: readonly string[],
  params: { [name: string]: Shape },
): Scope {
  const blockParams = new Map(scope.blockParams);
  for (const [param, shape] of Object.entries(params)) if (param) blockParams.set(param, shape);
  return {
    ...scope,
    contexts: [...scope.contexts, context],
    names: [...scope.names, name],
    data: new Set([...scope.data, ...data]),
    blockParams,
  };
}

/** The item of what `{{#each}}` goes through, undefined for a single value. */
function itemOf(shape: Shape): Shape | undefined {
  if (shape === 'any') return 'any';
  if (isList(shape)) return shape[0];
  if (shape instanceof OneOf) {
    const items = present(shape.shapes.map(itemOf));
    return items.length ? oneOf(items) : undefined;
  }
  if (isRecord(shape)) {
    // A record's values: those of its named fields, and of the others it may have.
    const values = Object.values(shape);
    const others = shape[ANY_FIELD];
    return oneOf(others === undefined ? values : [...values, others]);
  }
  return undefined;
}

/** The shapes that are there (a list's shape is one shape, not flattened as by flatMap). */
function present(shapes: readonly (Shape | undefined)[]): Shape[] {
  return shapes.filter((shape): shape is Shape => shape !== undefined);
}

/** What reading `part` of `shape` gives, undefined when it has no such part. */
function step(shape: Shape, part: string): Shape | undefined {
  if (shape === 'any') return 'any';
  if (isList(shape)) {
    if (part === 'length') return 'value';
    return /^\d+$/.test(part) ? shape[0] : undefined;
  }
  if (isRecord(shape)) return fieldOf(shape, part);
  return undefined;
}

/** One shape for `shapes`: itself when they are all the same, 'any' when one is. */
function oneOf(shapes: readonly Shape[]): Shape {
  const distinct: Shape[] = [];
  for (const shape of shapes.flatMap((it) => (it instanceof OneOf ? it.shapes : [it]))) {
    if (shape === 'any') return 'any';
    if (!distinct.some((known) => sameShape(known, shape))) distinct.push(shape);
  }
  if (distinct.length === 0) return 'any';
  return distinct.length === 1 ? (distinct[0] as Shape) : new OneOf(distinct);
}

function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (isList(a) && isList(b)) return sameShape(a[0], b[0]);
  if (!isRecord(a) || !isRecord(b)) return false;
  const fields = Object.keys(a);
  return (
    fields.length === Object.keys(b).length &&
    fields.every((field) => Object.hasOwn(b, field) && sameShape(a[field], b[field])) &&
    sameShape(a[ANY_FIELD], b[ANY_FIELD])
  );
}

/** "a single value, a list or a record (of id, title)", for messages. */
function kinds(shape: OneOf): string {
  const words = shape.shapes.map((alternative) => {
    if (alternative === 'value') return 'a single value';
    if (isList(alternative)) return 'a list';
    if (isRecord(alternative)) {
      const fields = Object.keys(alternative);
      return fields.length ? `a record (of ${fields.join(', ')})` : 'a record of any fields';
    }
    return 'anything';
  });
  const unique = [...new Set(words)];
  const last = unique.pop();
  return unique.length ? `${unique.join(', ')} or ${last}` : (last ?? 'anything');
}

function describe(node: hbs.AST.Expression): string {
  return node.type === 'PathExpression' ? (node as hbs.AST.PathExpression).original : 'a value';
}

function pathName(node: hbs.AST.MustacheStatement): string {
  return node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
}

/** The path as written up to the part that is missing: "../titel", "owner.nmae". */
function stripDepth(original: string, read: string): string {
  const prefix = /^((?:\.\.\/)*|this\.|\.\/)/.exec(original)?.[0] ?? '';
  return `${prefix}${read}`;
}

function helperHint(name: string): string {
  const others = HELPERS.filter((helper) => helper !== name);
  return [didYouMean(name, others), `the helpers are ${HELPERS.join(', ')}`]
    .filter(Boolean)
    .join('; ');
}

/** `{{#*inline "name"}}…{{/inline}}`: a partial defined in place. */
function inlineDefinition(
  statement: hbs.AST.Statement,
): { name: string; body: hbs.AST.Program } | undefined {
  if (statement.type !== 'DecoratorBlock') return undefined;
  const node = statement as hbs.AST.DecoratorBlock;
  const [name] = node.params;
  if (node.path.original !== 'inline' || name?.type !== 'StringLiteral') return undefined;
  return { name: (name as hbs.AST.StringLiteral).value, body: node.program };
}
