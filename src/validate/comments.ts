/**
 * A paper's text cut short by a comment: in `title: Why #1 matters`, YAML reads " #1 matters"
 * as a comment and the title as "Why". A comment after a value is legal, so this is a
 * warning, not a problem. Found by scanning the text for " #" (a valid database is read by
 * js-yaml, which keeps no comments, and `yaml` takes seconds on a large file).
 */
import type { Problem } from '../model/problems.js';
import type { SourceDocument } from '../read/source.js';
import { quotedScalar } from '../read/yaml-quote.js';
import { isRecord } from './problem-list.js';

/** The fields of a paper that hold free text, where " #" is more likely meant than a comment. */
const TEXT_FIELDS = [
  'title',
  'venue',
  'publisher',
  'location',
  'abstract',
  'org',
  'note',
  'award',
  'status',
] as const;

/**
 * `key: plain value #comment` on one line: the key (after any "- "), the value, which does
 * not start as a quoted, flow or block value would, and the comment, whose `#` is followed by
 * no space: "#1", "#SAT" are text cut short, "# accepted as an oral" is meant as a comment
 * (as comments are written). One space or tab before
 * the `#` is matched (the value's others are trimmed): two runs of them would make a long
 * run of spaces slow to match.
 */
const COMMENTED_VALUE = new RegExp(
  `^[ \\t]*(?:-[ \\t]+)*(${TEXT_FIELDS.join('|')})[ \\t]*:[ \\t]+([^\\s'"[\\]{}|>&*!%@\`#][^\\n]*?)[ \\t](#\\S.*)$`,
  'd',
);

export function commentWarnings(source: SourceDocument): Problem[] {
  const { text } = source;
  const warnings: Problem[] = [];
  let values: Set<string> | undefined;
  // Lines are counted as the search goes: a large file may have many such comments.
  let line = 1;
  let counted = 0;
  let search = 0;
  for (;;) {
    const hash = text.indexOf('#', search);
    if (hash < 0) break;
    search = hash + 1;
    if (text[hash - 1] !== ' ' && text[hash - 1] !== '\t') continue;
    const lineStart = text.lastIndexOf('\n', hash) + 1;
    const newline = text.indexOf('\n', hash);
    const lineEnd = newline < 0 ? text.length : newline;
    search = lineEnd;
    const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const match = COMMENTED_VALUE.exec(lineText);
    if (!match) continue;
    const [whole, key = '', written = '', comment = ''] = match;
    const value = written.trimEnd();
    // Only where the data holds the cut value, and not a line of a block of text (an abstract).
    values ??= paperValues(source.data);
    if (!values.has(`${key}\n${value}`) || inBlockScalar(text, lineStart, indentOf(lineText)))
      continue;
    line += lineBreaks(text, counted, lineStart);
    counted = lineStart;
    const valueStart = match.indices?.[2]?.[0] ?? 0;
    const meant = whole.slice(valueStart).trimEnd();
    warnings.push({
      file: source.file,
      line,
      col: whole.length - comment.length + 1,
      message: `the text after " #" is a YAML comment, so the ${key} is "${value}"; put the value in quotes to keep "${comment.trimEnd()}": ${key}: ${quotedScalar(meant)}`,
      hint: 'a comment meant as one can go on a line of its own',
    });
  }
  return warnings;
}

/** A `|` or `>` that opens a block of text at the end of a line (`abstract: >-`). */
const BLOCK_SCALAR_HEADER = /(?:^|[ \t])[|>][0-9+-]{0,2}[ \t]*(?:#.*)?$/;

/**
 * Whether the line at `lineStart`, indented by `indent`, is inside a block of text: the first
 * line above it that is indented less opens one.
 */
function inBlockScalar(text: string, lineStart: number, indent: number): boolean {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() && indentOf(line) < indent) return BLOCK_SCALAR_HEADER.test(line);
    end = start - 1;
  }
  return false;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1))
    count += 1;
  return count;
}

/** `key\nvalue` of every text field of every paper. */
function paperValues(data: unknown): Set<string> {
  const values = new Set<string>();
  const papers = isRecord(data) && Array.isArray(data.papers) ? data.papers : [];
  for (const paper of papers) {
    if (!isRecord(paper)) continue;
    for (const key of TEXT_FIELDS) {
      const value = paper[key];
      if (typeof value === 'string') values.add(`${key}\n${value}`);
    }
  }
  return values;
}
