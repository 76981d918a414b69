/**
 * Reading a YAML file into plain data that can still say where every value came from, so
 * that later stages report mistakes as file:line:col.
 *
 * Two parsers, on purpose: js-yaml turns the text into data about ten times faster, and
 * `yaml` keeps source positions and comments. The positions are only needed when something
 * is wrong (or when a tool edits the file), so `yaml` runs lazily, on first use.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import {
  excerptAt,
  InputError,
  positionAt,
  type Problem,
  type SourcePosition,
} from '../model/problems.js';
import { packageFile } from '../package-files.js';
import { indentationProblems } from './indentation.js';
import { nearbyFile } from './near-file.js';
import { decodeUtf8 } from './utf8.js';
import { quotedScalar } from './yaml-quote.js';

export type DataPath = readonly (string | number)[];

export interface SourceDocument {
  file: string;
  text: string;
  data: unknown;
  /** Where the value (or, with `'key'`, the key) at `path` is; the nearest existing ancestor otherwise. */
  locate(path: DataPath, part?: 'key' | 'value'): SourcePosition;
  /**
   * The value at `path` as the file writes it (`2101.10000` where the data holds 2101.1);
   * undefined when the file does not write it there (a merged or aliased value).
   */
  sourceText(path: DataPath): string | undefined;
  /**
   * The whole number `value` at `path` as the file writes it with leading zeros (`007` for
   * 7); undefined where it is written otherwise.
   */
  zeroPaddedNumber(path: DataPath, value: number): string | undefined;
  /** The parsed YAML document with comments, for tools that edit the file in place (import). */
  readonly document: Document;
  /**
   * The syntax errors that the fast parser read past and `yaml` does not: a quote left open
   * (`date: '22`) that a later quote closes, taking the keys between into the string. What
   * the data then holds is wrong in ways that name the lines after the mistake, not it.
   */
  syntaxSlips(): Problem[];
  /**
   * Whether a quote opens a value and is not closed on its line (outside comments and block
   * text): where a slip can hide in data that passes every check. A scan of the text, cheap
   * where `syntaxSlips` parses the file again.
   */
  quoteRunsOn(): boolean;
}

export async function readSource(file: string): Promise<SourceDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(error);
    const near = code === 'ENOENT' ? nearbyFile(file) : undefined;
    throw new InputError([
      {
        file,
        line: 1,
        col: 1,
        message: `cannot read the database: ${reason}`,
        ...(near
          ? { hint: `did you mean ${near}?` }
          : code === 'ENOENT'
            ? {
                hint: `start one from a bibliography with \`publist import refs.bib --into ${file} --owner "Your Name"\`, or copy the example, ${packageFile('data', 'papers.yaml')}`,
              }
            : {}),
      },
    ]);
  }
  return parseSource(file, decodeUtf8(file, bytes));
}

/**
 * YAML 1.2's core schema (dates stay text, `no` stays text) plus merge keys, so that papers
 * can share fields: `<<: *emnlp2024`.
 */
const yamlTypes = (jsYaml as unknown as { types: Record<'merge' | 'int', jsYaml.Type> }).types;
const DATA_SCHEMA = jsYaml.CORE_SCHEMA.extend({
  implicit: [yamlTypes.merge, notingLeadingZeros(yamlTypes.int)],
});

/** The whole numbers that the file being read writes with leading zeros (7 for `007`). */
let zeroPadded = new Set<number>();

/** YAML's whole numbers, noting the ones written with leading zeros. */
function notingLeadingZeros(type: jsYaml.Type): jsYaml.Type {
  const { tag, options } = type as jsYaml.Type & {
    tag: string;
    options: jsYaml.TypeConstructorOptions;
  };
  return new jsYaml.Type(tag, {
    ...options,
    construct: (written: string) => {
      const value = type.construct(written) as number;
      if (LEADING_ZEROS.test(written)) zeroPadded.add(value);
      return value;
    },
  });
}

const LEADING_ZEROS = /^0[0-9]+$/;

// Loaded on first use (20 ms that a valid database never needs); its CommonJS build loads synchronously.
let yamlModule: typeof import('yaml') | undefined;
function yamlLibrary(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

interface Positions {
  document: Document;
  lineCounter: LineCounter;
}

export function parseSource(file: string, text: string): SourceDocument {
  let positions: Positions | undefined;
  const parsePositions = (): Positions => {
    if (!positions) {
      const { LineCounter, parseDocument } = yamlLibrary();
      const lineCounter = new LineCounter();
      const document = parseDocument(text, {
        lineCounter,
        prettyErrors: false,
        uniqueKeys: true,
        merge: true,
      });
      positions = { document, lineCounter };
    }
    return positions;
  };
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = parsePositions().lineCounter.linePos(offset);
    return { line, col };
  };

  let data: unknown;
  const padded = new Set<number>();
  zeroPadded = padded;
  try {
    data = jsYaml.load(text, { schema: DATA_SCHEMA, filename: file });
  } catch (error) {
    throw new InputError(syntaxProblems(file, text, parsePositions, toPosition, error));
  }

  /** The node at `path`, or the nearest ancestor that exists (`complete` says which). */
  const walk = (path: DataPath) => {
    const { isMap, isPair, isSeq } = yamlLibrary();
    let node: unknown = parsePositions().document.contents;
    let found = node as YamlNode | null;
    let keyNode: YamlNode | null = null;
    let complete = false;
    for (const [depth, segment] of path.entries()) {
      keyNode = null;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && scalarValue(item.key) === segment);
        if (!pair) break;
        keyNode = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        break;
      }
      if (node === null || node === undefined) {
        found = keyNode ?? found;
        break;
      }
      found = node as YamlNode;
      complete = depth === path.length - 1;
    }
    return { found, keyNode, complete: complete || path.length === 0 };
  };

  const locate = (path: DataPath, part: 'key' | 'value' = 'value'): SourcePosition => {
    const { found, keyNode } = walk(path);
    const target = part === 'key' && keyNode ? keyNode : found;
    return toPosition(target?.range?.[0] ?? 0);
  };

  const sourceText = (path: DataPath): string | undefined => {
    const { found, complete } = walk(path);
    // `*name` writes another node's value: what the file writes there is not the value.
    const range = complete && !yamlLibrary().isAlias(found) ? found?.range : undefined;
    return range ? text.slice(range[0], range[1]).trim() : undefined;
  };

  const zeroPaddedNumber = (path: DataPath, value: number): string | undefined => {
    // Written plainly (not quoted, tagged or aliased) with them here, not only elsewhere.
    const written = padded.has(value) ? sourceText(path) : undefined;
    return written !== undefined && LEADING_ZEROS.test(written) ? written : undefined;
  };

  return {
    file,
    text,
    data,
    locate,
    sourceText,
    zeroPaddedNumber,
    get document() {
      return parsePositions().document;
    },
    syntaxSlips: () => {
      const [first] = parsePositions().document.errors;
      return first ? syntaxProblems(file, text, parsePositions, toPosition, first) : [];
    },
    quoteRunsOn: () => quoteRunsOn(text),
  };
}

/** Both parsers reject the text; `yaml`'s messages and positions are the clearer ones. */
function syntaxProblems(
  file: string,
  text: string,
  positions: () => Positions,
  toPosition: (offset: number) => SourcePosition,
  error: unknown,
): Problem[] {
  // Every line after an unclosed `[` or `{` is an error to the parser: name the one cause.
  const unclosed = unclosedFlow(text);
  if (unclosed) {
    const what = unclosed.bracket === '[' ? 'list' : 'mapping';
    const closing = unclosed.bracket === '[' ? ']' : '}';
    const block =
      unclosed.bracket === '['
        ? 'or write the list as lines that start with "- "'
        : 'or write it as indented "key: value" lines';
    // Found without `yaml`'s parse, which takes seconds on a large file in this state.
    const position = positionAt(text, unclosed.offset);
    return [
      {
        file,
        ...position,
        message: `YAML syntax error: the ${what} that opens here with ${unclosed.bracket} is never closed; add ${closing} after its last item, ${block}`,
        excerpt: excerptAt(text, position),
      },
    ];
  }
  const errors = positions().document.errors;
  // A tab or a key a space short makes the parser err on the lines after it too: say the one cause.
  const slips = indentationProblems(
    text,
    new Set(errors.map((yamlError) => toPosition(yamlError.pos[0]).line)),
  );
  /** `syntax`: said as a YAML syntax error; a key given twice is said in the data's words. */
  const located: { position: SourcePosition; message: string; syntax?: false }[] = [...slips];
  // Where a value's ": " is explained, the parser's other errors follow from it.
  const explainedOffsets = new Set<number>();
  const explainedLines = new Set<number>();
  for (const yamlError of slips.length ? [] : errors) {
    const offset = yamlError.pos[0];
    const colon =
      yamlError.code === 'BLOCK_AS_IMPLICIT_KEY' || yamlError.code === 'BLOCK_IN_FLOW'
        ? colonInValue(text, offset, yamlError.code === 'BLOCK_IN_FLOW')
        : undefined;
    if (colon) {
      const position = toPosition(colon.offset);
      if (explainedLines.has(position.line)) continue;
      explainedOffsets.add(offset);
      explainedLines.add(position.line);
      located.push({ position, message: colon.message });
      continue;
    }
    const position = toPosition(offset);
    if (explainedOffsets.has(offset) || explainedLines.has(position.line)) continue;
    const twice =
      yamlError.code === 'DUPLICATE_KEY'
        ? keyGivenTwice(positions().document, offset, toPosition)
        : undefined;
    if (twice) {
      located.push({ position, message: twice, syntax: false });
      continue;
    }
    const message = yamlError.message.split('\n')[0] ?? yamlError.message;
    const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
    const opening = quote === undefined ? undefined : openingQuote(text, offset);
    located.push(
      opening === undefined
        ? { position, message }
        : {
            position: toPosition(opening),
            message: `the string that opens here with ${quote} is never closed; add the closing ${quote} where the text ends`,
          },
    );
  }
  if (located.length === 0 && error instanceof jsYaml.YAMLException) {
    located.push({
      position: { line: error.mark.line + 1, col: error.mark.column + 1 },
      message: error.reason,
    });
  }
  if (located.length === 0) throw error;
  // One missing bracket can make the parser find an error in every line after it.
  const shown = located.slice(0, SYNTAX_PROBLEMS_SHOWN);
  const rest = located.length - shown.length;
  const next = located[shown.length];
  if (next && rest > 0) {
    shown.push({
      position: next.position,
      message: `and ${rest.toLocaleString('en-US')} more from here on, often following from the ones above: fix those first and run again`,
    });
  }
  return shown.map(({ position, message, syntax }) => ({
    file,
    ...position,
    message: syntax === false ? message : `YAML syntax error: ${message}`,
    excerpt: excerptAt(text, position),
  }));
}

/**
 * "`group_by` is given twice in `render` (first at line 19); delete one", for the key at
 * `offset` that its mapping has already: the parser says only "Map keys must be unique".
 */
function keyGivenTwice(
  document: Document,
  offset: number,
  toPosition: (offset: number) => SourcePosition,
): string | undefined {
  const { isMap, isPair, isSeq } = yamlLibrary();
  const search = (
    node: unknown,
    path: (string | number)[],
  ): { key: unknown; first: YamlNode; path: (string | number)[] } | undefined => {
    if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = search(item, [...path, index]);
        if (found) return found;
      }
    }
    if (!isMap(node)) return undefined;
    const pairs = node.items.filter(isPair);
    for (const [index, pair] of pairs.entries()) {
      const keyNode = pair.key as YamlNode | null;
      const range = keyNode?.range;
      if (range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1)) {
        const key = scalarValue(keyNode);
        const first = pairs.slice(0, index).find((other) => scalarValue(other.key) === key);
        if (first) return { key, first: first.key as YamlNode, path };
      }
      const found = search(pair.value, [...path, String(scalarValue(keyNode))]);
      if (found) return found;
    }
    return undefined;
  };
  const found = search(document.contents, []);
  const firstAt = found?.first.range?.[0];
  if (!found || firstAt === undefined) return undefined;
  return `\`${String(found.key)}\` is given twice${placeOf(found.path, document)} (first at line ${toPosition(firstAt).line}); delete one`;
}

/** " in `render`", " in paper `mlm2022`", " in `authors[1]` of paper `mlm2022`". */
function placeOf(path: readonly (string | number)[], document: Document): string {
  const text = (segments: readonly (string | number)[]) =>
    segments
      .map((segment, index) =>
        typeof segment === 'number' ? `[${segment}]` : index ? `.${segment}` : segment,
      )
      .join('');
  if (path.length === 0) return ' at the top level';
  const [top, index] = path;
  const id =
    top === 'papers' && typeof index === 'number' ? document.getIn([top, index, 'id']) : undefined;
  if (typeof id !== 'string') return ` in \`${text(path)}\``;
  const rest = path.slice(2);
  return rest.length ? ` in \`${text(rest)}\` of paper \`${id}\`` : ` in paper \`${id}\``;
}

/** A block mapping's key and the spaces before it, up to a value that starts at the end. */
const BLOCK_KEY = /^([ \t]*(?:-[ \t]+)*)([^\s:#](?:[^:#]*[^\s:#])?)[ \t]*:[ \t]+$/;
/** The same in a flow mapping's last entry: `, title: ` of `{id: a, title: ` */
const FLOW_KEY = /^[{,][ \t]*([^\s:#,[\]{}](?:[^:#,[\]{}]*[^\s:#,[\]{}])?)[ \t]*:[ \t]+$/;
/** A colon that YAML reads as ending a key: followed by a space, a tab or the end. */
const KEY_COLON = /:(?:[ \t]|$)/;

/**
 * An unquoted value with ": " in it (`title: BERT: Pre-training ...`), very common in titles,
 * which YAML reads as a second key on the line: the parser says only "Nested mappings are not
 * allowed in compact mappings" at the value (`offset`). Says what it is and shows the value
 * quoted. A value folded onto the next lines may have the colon there (or that line is a key
 * indented too far): that line is named.
 */
function colonInValue(
  text: string,
  offset: number,
  flow: boolean,
): { offset: number; message: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const rest = text.slice(offset, endOfLine(text, offset));
  const block = flow ? undefined : BLOCK_KEY.exec(before);
  const entry = before.slice(Math.max(before.lastIndexOf('{'), before.lastIndexOf(',')));
  const key = flow ? FLOW_KEY.exec(entry)?.[1] : block?.[2];
  if (key === undefined) return undefined;
  const value = (flow ? (/^[^,\]}]*/.exec(rest)?.[0] ?? '') : withoutComment(rest)).trim();
  const colon = KEY_COLON.exec(value);
  if (colon) {
    const what = colon.index === value.length - 1 ? 'ends with ":"' : 'has ": " in it';
    return {
      offset,
      message: `the value of \`${key}\` ${what}, which YAML takes for the start of another key; put the whole value in quotes: ${key}: ${quotedScalar(value)}`,
    };
  }
  if (!block) return undefined;
  const keyIndent = block[1]?.length ?? 0;
  let start = text.indexOf('\n', offset) + 1;
  while (start > 0 && start < text.length) {
    const line = text.slice(start, endOfLine(text, start));
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    if (line.trim() && (indent <= keyIndent || line.trimStart().startsWith('#'))) break;
    const content = withoutComment(line).trim();
    if (KEY_COLON.test(content)) {
      const { line: keyLine } = positionAt(text, offset);
      return {
        offset: start + indent,
        message: `"${content}" is indented under \`${key}\` (line ${keyLine}), so YAML reads it as more of that value, and its ": " as the start of a key; if it goes on with the value, put the whole value in quotes; if it is a key of its own, indent it as \`${key}\` is`,
      };
    }
    start = text.indexOf('\n', start) + 1;
  }
  return undefined;
}

/** A line of a plain value without the comment after it (`/[ \t]+#.*$/` is slow on a run of spaces). */
function withoutComment(line: string): string {
  const comment = line.search(/[ \t]#/);
  return comment < 0 ? line : line.slice(0, comment);
}

function endOfLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : text[end - 1] === '\r' ? end - 1 : end;
}

/** Syntax errors shown one by one; the rest are counted. */
const SYNTAX_PROBLEMS_SHOWN = 20;

/**
 * Where the quoted string that runs to `end` opens: `yaml` reports an unclosed quote at the
 * end of the file, which may be hundreds of lines after the mistake.
 */
function openingQuote(text: string, end: number): number | undefined {
  let opening: number | undefined;
  for (const { token, offset } of lexedTokens(text)) {
    if (offset >= end) break;
    if (token.startsWith('"') || token.startsWith("'")) opening = offset;
  }
  return opening;
}

/** A quoted string closed on the line where it opens (`''` and `\"` do not close one). */
const CLOSED_QUOTE = { "'": /'(?:[^'\n]|'')*'/y, '"': /"(?:[^"\\\n]|\\.)*"/y };
/** What a quote that opens a value follows: a space, a line break, `,`, `[`, `{` or `:`. */
const OPENS_AFTER = /[\s,[{:]/;
/** What is before a quote on its line when the quote opens a value (`- `, `key: `, `[`, `!!str `). */
const BEFORE_VALUE = /(?:^|[-?:[{,]|(?:^|\s)[!&]\S*)[ \t]*$/;
/** A comment: a `#` at the start of a line or after a space. */
const COMMENT = /(?:^|\s)#/;
/** The end of a line that starts block text (`abstract: >`, `- |-`). */
const BLOCK_SCALAR_START = /(?:^|\s)[|>][1-9+-]*[ \t]*(?:#.*)?\r?$/;

/**
 * Whether a quoted value runs past the end of its line: legal when its next lines are
 * indented under it, a slip that swallows the keys below it when not. A quote in a
 * comment, in block text or inside a plain value is text, not a quote. Quote by quote
 * rather than by one regular expression: a few times faster on a large file.
 */
function quoteRunsOn(text: string): boolean {
  const nextAt = (quote: string, from: number) => {
    const at = text.indexOf(quote, from);
    return at < 0 ? Infinity : at;
  };
  let single = nextAt("'", 0);
  let double = nextAt('"', 0);
  for (let at = Math.min(single, double); at < Infinity; at = Math.min(single, double)) {
    let from = at + 1;
    // After a letter (it's, O'Brien) a quote opens nothing.
    if (at === 0 || OPENS_AFTER.test(text[at - 1] ?? '')) {
      const closed = CLOSED_QUOTE[at === single ? "'" : '"'];
      closed.lastIndex = at;
      if (closed.test(text)) from = closed.lastIndex;
      else if (opensValue(text, at)) return true;
    }
    if (single < from) single = nextAt("'", from);
    if (double < from) double = nextAt('"', from);
  }
  return false;
}

/** Whether the quote at `at` opens a value: not in a comment, in block text or in plain text. */
function opensValue(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  return BEFORE_VALUE.test(before) && !COMMENT.test(before) && !inBlockScalar(text, lineStart);
}

/**
 * Whether the line at `lineStart` is block text: the nearest line above it that is indented
 * less starts a block scalar.
 */
function inBlockScalar(text: string, lineStart: number): boolean {
  const indent = (start: number) => {
    let end = start;
    while (text[end] === ' ' || text[end] === '\t') end++;
    return end - start;
  };
  const own = indent(lineStart);
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim() && indent(start) < own) return BLOCK_SCALAR_START.test(line);
    end = start - 1;
  }
  return false;
}

/** The first `[` or `{` that the text never closes, by the YAML lexer's reading. */
function unclosedFlow(text: string): { offset: number; bracket: '[' | '{' } | undefined {
  const open: { offset: number; bracket: '[' | '{' }[] = [];
  for (const { token, offset } of lexedTokens(text)) {
    if (token === '[' || token === '{') open.push({ offset, bracket: token });
    else if (token === ']' || token === '}') open.pop();
  }
  return open[0];
}

/** The YAML lexer's tokens that are text of the file, each with the offset where it starts. */
function* lexedTokens(text: string): Generator<{ token: string; offset: number }> {
  const { CST, Lexer } = yamlLibrary();
  // The lexer's markers for the parser stand for no text of the file.
  const markers = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (markers.has(token)) continue;
    yield { token, offset };
    offset += token.length;
  }
}

function scalarValue(node: unknown): unknown {
  return yamlLibrary().isScalar(node) ? (node as { value: unknown }).value : node;
}
