/**
 * A template that Handlebars cannot parse, explained: Handlebars says "Expecting
 * 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'" on the last line for a
 * block never closed, and gives no column. Its own lexer, read again token by token, finds
 * the tag at fault: a block opened and not closed, closed by another name, or closed twice,
 * an `{{else}}` outside a block, a tag with one closing brace.
 */
import type HandlebarsModule from 'handlebars';
import { excerptAt, type Problem, type SourcePosition } from '../model/problems.js';

type Handlebars = typeof HandlebarsModule;

/** The parts of Handlebars' (jison) lexer read here; its typings leave them out. */
interface Lexer {
  setInput(input: string): void;
  lex(): number | string;
  yytext: string;
  match: string;
  yylloc: { first_line: number; first_column: number };
  yy: object;
}

interface Parser {
  lexer: Lexer;
  terminals_: { [id: number]: string };
}

interface Token {
  name: string;
  text: string;
  at: SourcePosition;
}

function tokens(handlebars: Handlebars, source: string): Token[] {
  const parser = (handlebars as unknown as { Parser: Parser }).Parser;
  const lexer = parser.lexer;
  lexer.yy = {};
  lexer.setInput(source);
  const found: Token[] = [];
  // The lexer ends with EOF (1); the bound is a guard against a lexer that never does.
  for (let count = 0; count <= source.length + 1; count++) {
    const id = lexer.lex();
    const name = typeof id === 'number' ? (parser.terminals_[id] ?? String(id)) : id;
    if (name === 'EOF' || id === 1) break;
    found.push({
      name,
      text: lexer.yytext,
      at: { line: lexer.yylloc.first_line, col: lexer.yylloc.first_column + 1 },
    });
  }
  return found;
}

const OPENERS = new Set([
  'OPEN',
  'OPEN_BLOCK',
  'OPEN_ENDBLOCK',
  'OPEN_INVERSE',
  'OPEN_INVERSE_CHAIN',
  'OPEN_PARTIAL',
  'OPEN_PARTIAL_BLOCK',
  'OPEN_UNESCAPED',
  'OPEN_RAW_BLOCK',
]);
const CLOSERS = new Set(['CLOSE', 'CLOSE_UNESCAPED', 'CLOSE_RAW_BLOCK']);
const BLOCK_OPENERS = new Set(['OPEN_BLOCK', 'OPEN_INVERSE', 'OPEN_PARTIAL_BLOCK']);

interface OpenBlock {
  name: string;
  at: SourcePosition;
  /** "{{#each}}", "{{#> layout}}". */
  shown: string;
}

/**
 * The syntax mistake of `source`, which Handlebars failed to parse with `error`. Located at
 * the tag at fault, else where Handlebars' lexer stopped.
 */
export function syntaxProblem(
  handlebars: Handlebars,
  file: string,
  source: string,
  error: Error,
): Problem {
  const stoppedProblem = () => located(stopped.at, readable(error.message, stopped.text));
  const located = (at: SourcePosition, message: string, hint?: string): Problem => ({
    file,
    ...at,
    message: `template syntax: ${message}`,
    ...(hint ? { hint } : {}),
    excerpt: excerptAt(source, at),
  });
  /**
   * A mistake the tokens show, found at `found`; Handlebars' own stop when it came first
   * (`{{x a=}}` before a stray `{{/if}}`).
   */
  const atEnd = /got 'EOF'/.test(error.message);
  const problem = (at: SourcePosition, message: string, hint?: string, found = at): Problem =>
    !atEnd && before(stopped.at, found) ? stoppedProblem() : located(at, message, hint);
  // Where Handlebars' parser stopped, read before the lexer is run again.
  const lexer = (handlebars as unknown as { Parser: Parser }).Parser.lexer;
  const stopped = {
    at: { line: lexer.yylloc.first_line, col: lexer.yylloc.first_column + 1 },
    text: lexer.match,
  };
  const open: OpenBlock[] = [];
  const list = tokens(handlebars, source);
  let tag: Token | undefined;
  for (const [index, token] of list.entries()) {
    if (token.name === 'INVALID' && tag) {
      const written = tagText(source, tag.at, token);
      if (token.text === '}') {
        return problem(tag.at, `the tag ${written} has one closing brace`, `write ${written}}`);
      }
      // A name needs what follows it (}}, a space) to be a name: "{{title" at the very end
      // of the file is read as invalid characters, and is a tag never closed.
      const rest = list.slice(index);
      if (
        rest.every((next) => next.name === 'INVALID') &&
        !source.slice(offsetOf(source, token.at)).includes('}')
      ) {
        return unclosedTag(tag, token.at);
      }
      return problem(
        token.at,
        `"${token.text}" cannot stand in the tag ${written}`,
        'a tag holds names (title, ../title, @index), "strings", numbers and (helper calls)',
      );
    }
    if (OPENERS.has(token.name)) {
      if (tag) return unclosedTag(tag, token.at);
      tag = token;
    }
    if (CLOSERS.has(token.name)) tag = undefined;
    const name = list[index + 1]?.name === 'ID' ? (list[index + 1]?.text ?? '') : '';
    if (BLOCK_OPENERS.has(token.name)) {
      const mark = token.text.replace(/^\{\{~?/, '');
      open.push({
        name,
        at: token.at,
        shown: `{{${mark}${mark.endsWith('>') ? ' ' : ''}${name}}}`,
      });
    } else if (token.name === 'OPEN_ENDBLOCK') {
      const top = open.at(-1);
      if (!top) {
        return problem(
          token.at,
          `{{/${name}}} closes a block that was never opened`,
          `no {{#${name} …}} comes before it: remove it, or open the block`,
        );
      }
      if (top.name !== name) {
        const opened = open.find((block) => block.name === name);
        return problem(
          token.at,
          opened
            ? `{{/${name}}} closes ${opened.shown} (opened at ${where(opened.at)}) while ${top.shown} opened at ${where(top.at)} is still open`
            : `{{/${name}}} does not match ${top.shown} opened at ${where(top.at)}`,
          opened ? `add {{/${top.name}}} before it` : `close it with {{/${top.name}}}`,
        );
      }
      open.pop();
    } else if ((token.name === 'INVERSE' || token.name === 'OPEN_INVERSE_CHAIN') && !open.length) {
      return problem(
        token.at,
        `${token.name === 'INVERSE' ? token.text.trim() : '{{else …}}'} is outside any block`,
        '{{else}} goes between {{#if …}} (or {{#each …}}, {{#unless …}}) and its {{/if}}',
      );
    }
  }
  if (tag) return unclosedTag(tag, END);
  const unclosed = open.at(-1);
  if (unclosed) {
    return problem(
      unclosed.at,
      `${unclosed.shown} is never closed`,
      `add {{/${unclosed.name}}} where its content ends`,
      END,
    );
  }
  return stoppedProblem();

  function unclosedTag(start: Token, found: SourcePosition): Problem {
    const line = source.split(/\r?\n/)[start.at.line - 1] ?? '';
    return problem(
      start.at,
      `the tag ${line.slice(start.at.col - 1).trimEnd()} is not closed`,
      'end it with }}',
      found,
    );
  }
}

/** A tag as written, from its start to the token at fault: "{{#each groups}". */
function tagText(source: string, from: SourcePosition, to: Token): string {
  const start = offsetOf(source, from);
  return source.slice(start, offsetOf(source, to.at) + to.text.length);
}

function offsetOf(source: string, at: SourcePosition): number {
  let offset = 0;
  for (let line = 1; line < at.line; line++) offset = source.indexOf('\n', offset) + 1;
  return offset + at.col - 1;
}

/** Past any place in the file: what is found at the end of the file. */
const END: SourcePosition = { line: Infinity, col: Infinity };

function before(a: SourcePosition, b: SourcePosition): boolean {
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}

function where(at: SourcePosition): string {
  return `${at.line}:${at.col}`;
}

const VALUE = 'a value (a name, "text", a number or a (helper call))';
const TOKEN_WORDS: { [token: string]: string } = {
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  ID: VALUE,
  STRING: VALUE,
  NUMBER: VALUE,
  DATA: VALUE,
  OPEN_SEXPR: VALUE,
  CLOSE_SEXPR: ')',
  EQUALS: '=',
  OPEN_ENDBLOCK: '{{/…}}',
};

/** Handlebars' "Expecting 'CLOSE', 'ID', got 'EQUALS'" in words: "expected }} or a name". */
function readable(message: string, text: string): string {
  const [, expecting = '', got = ''] = /Expecting (.*), got '([^']*)'/.exec(message) ?? [];
  const expected = [
    ...new Set(
      [...expecting.matchAll(/'([A-Z_]+)'/g)].flatMap(([, token]) =>
        token && TOKEN_WORDS[token] ? [TOKEN_WORDS[token]] : [],
      ),
    ),
  ];
  const found = got === 'EOF' ? 'the template ends' : `unexpected "${text}"`;
  return expected.length ? `${found} where ${expected.join(' or ')} should be` : found;
}
