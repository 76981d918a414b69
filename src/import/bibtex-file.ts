/**
 * The BibTeX file syntax: entries, `@string` macros (with `#` concatenation), `@preamble`,
 * `@comment`, and the text between entries that BibTeX ignores. Every entry and field keeps
 * its line and column so that problems point into the file; a broken entry is reported and
 * the rest of the file still read, so one run shows every problem.
 */
import bibtexTables from '@citation-js/plugin-bibtex/lib/input/constants.js';
import type { SourcePosition } from '../model/problems.js';

export interface BibField {
  /** Lower case, as BibTeX compares them. */
  name: string;
  /** The value as written between its delimiters, macros expanded; LaTeX not yet converted. */
  value: string;
  position: SourcePosition;
}

export interface BibEntry {
  /** Lower case: `article`, `inproceedings`, ... */
  type: string;
  key: string;
  position: SourcePosition;
  fields: Map<string, BibField>;
}

export interface BibMessage {
  position: SourcePosition;
  message: string;
  hint?: string;
}

export interface BibFile {
  entries: BibEntry[];
  preambles: { text: string; position: SourcePosition }[];
  /** Syntax errors: the entry they are in is not read. */
  errors: BibMessage[];
  /** Undefined macros, repeated fields: the entry is read, the problem reported. */
  warnings: BibMessage[];
}

/** BibTeX's month macros, as the standard styles define them. */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function predefinedMacros(): Map<string, string> {
  const macros = new Map<string, string>();
  for (const [name, value] of Object.entries(bibtexTables.defaultStrings)) {
    if (!/^\d+$/.test(value)) macros.set(name, value);
  }
  MONTHS.forEach((month) => macros.set(month.slice(0, 3).toLowerCase(), month));
  return macros;
}

/** Characters that end a field name, key or macro name. */
const NAME_END = /[\s=,{}()"#%]/;

class SyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function parseBibtexFile(text: string): BibFile {
  return new BibtexReader(text).read();
}

class BibtexReader {
  private i = 0;
  private readonly lineStarts: number[] = [0];
  private readonly macros = predefinedMacros();
  private readonly result: BibFile = { entries: [], preambles: [], errors: [], warnings: [] };

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  read(): BibFile {
    const s = this.text;
    while (this.i < s.length) {
      const at = s.indexOf('@', this.i);
      if (at === -1) break;
      this.i = at;
      try {
        this.item();
      } catch (error) {
        if (!(error instanceof SyntaxProblem)) throw error;
        this.result.errors.push({
          position: this.position(error.offset),
          message: error.message,
          ...(error.hint ? { hint: error.hint } : {}),
        });
        this.recover(at);
      }
    }
    return this.result;
  }

  position(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - (this.lineStarts[low] as number) + 1 };
  }

  /** After a broken entry: go on at the next `@` that starts a line. */
  private recover(from: number): void {
    const next = /\n[ \t]*@/g;
    next.lastIndex = from + 1;
    const match = next.exec(this.text);
    this.i = match ? match.index + match[0].length - 1 : this.text.length;
  }

  private item(): void {
    const start = this.i;
    this.i += 1;
    this.skipSpace(false);
    const type = this.name().toLowerCase();
    if (!type) return; // A lone `@` in the text between entries: BibTeX ignores it too.
    this.skipSpace(false);
    const open = this.text[this.i];
    if (type === 'comment') {
      if (open === '{' || open === '(') this.skipBalanced(open);
      return;
    }
    if (open !== '{' && open !== '(') {
      throw new SyntaxProblem(
        this.i,
        `expected { after @${type}`,
        'write @type{key, field = {value}}',
      );
    }
    const close = open === '{' ? '}' : ')';
    this.i += 1;
    this.skipSpace(true);
    if (type === 'string') {
      const nameAt = this.i;
      const name = this.name().toLowerCase();
      if (!name) throw new SyntaxProblem(nameAt, 'expected a macro name after @string{');
      this.expect('=');
      this.macros.set(name, this.value());
      this.expect(close);
      return;
    }
    if (type === 'preamble') {
      const value = this.value();
      this.result.preambles.push({ text: value, position: this.position(start) });
      this.expect(close);
      return;
    }
    this.entry(type, start, close);
  }

  private entry(type: string, start: number, close: string): void {
    const s = this.text;
    const keyAt = this.i;
    while (this.i < s.length && !/[\s,}]/.test(s[this.i] as string) && s[this.i] !== close) {
      this.i += 1;
    }
    const key = s.slice(keyAt, this.i);
    if (!key)
      throw new SyntaxProblem(keyAt, `@${type} has no citation key`, 'write @type{key, ...}');
    const entry: BibEntry = { type, key, position: this.position(start), fields: new Map() };
    this.skipSpace(true);
    while (s[this.i] === ',') {
      this.i += 1;
      this.skipSpace(true);
      if (s[this.i] === close) break;
      const nameAt = this.i;
      const name = this.name().toLowerCase();
      if (!name) {
        throw new SyntaxProblem(
          nameAt,
          `${key}: expected a field name, found ${describe(s[nameAt])}`,
          'fields are written name = {value}, separated by commas',
        );
      }
      this.expect('=', `${key}: expected = after the field name \`${name}\``);
      const valueAt = this.i;
      const value = this.value();
      if (entry.fields.has(name)) {
        this.result.warnings.push({
          position: this.position(nameAt),
          message: `${key}: repeated field \`${name}\`; the first one is kept, as BibTeX does`,
        });
      } else {
        entry.fields.set(name, { name, value, position: this.position(valueAt) });
      }
      this.skipSpace(true);
    }
    if (this.i >= s.length) {
      throw new SyntaxProblem(
        start,
        `${key}: this entry is never closed`,
        `a brace inside it is unbalanced, or the closing ${close} is missing`,
      );
    }
    if (s[this.i] !== close) {
      throw new SyntaxProblem(
        this.i,
        `${key}: expected , or ${close}, found ${describe(s[this.i])}`,
        'a missing comma between fields, or an unbalanced brace in the value before',
      );
    }
    this.i += 1;
    this.result.entries.push(entry);
  }

  /** A field value: parts joined by `#`, each `{...}`, `"..."`, a number or a macro name. */
  private value(): string {
    let out = '';
    for (;;) {
      this.skipSpace(true);
      out += this.valuePart();
      this.skipSpace(true);
      if (this.text[this.i] !== '#') return out;
      this.i += 1;
    }
  }

  private valuePart(): string {
    const s = this.text;
    const start = this.i;
    const char = s[start];
    if (char === '{') {
      const end = this.skipBalanced('{');
      return s.slice(start + 1, end - 1);
    }
    if (char === '"') {
      let depth = 0;
      for (let i = start + 1; i < s.length; i++) {
        const c = s[i];
        if (c === '\\') i += 1;
        else if (c === '{') depth += 1;
        else if (c === '}') depth -= 1;
        else if (c === '"' && depth === 0) {
          this.i = i + 1;
          return s.slice(start + 1, i);
        }
      }
      throw new SyntaxProblem(start, 'this quoted value is never closed', 'add the closing "');
    }
    const name = this.name();
    if (!name) {
      throw new SyntaxProblem(start, `expected a value, found ${describe(char)}`, 'write {value}');
    }
    if (/^\d+$/.test(name)) return name;
    const macro = this.macros.get(name.toLowerCase());
    if (macro === undefined) {
      this.result.warnings.push({
        position: this.position(start),
        message: `undefined macro \`${name}\`; the value is empty, as in BibTeX`,
        hint: `define it with @string{${name} = {...}} before use, or brace the value: {${name}}`,
      });
      return '';
    }
    return macro;
  }

  /** Skips a balanced `{...}` or `(...)` starting at the current index; returns the index after it. */
  private skipBalanced(open: string): number {
    const s = this.text;
    const close = open === '{' ? '}' : ')';
    const start = this.i;
    let depth = 0;
    for (let i = start; i < s.length; i++) {
      const c = s[i];
      if (c === '\\' && open === '{') i += 1;
      else if (c === open) depth += 1;
      else if (c === close && --depth === 0) {
        this.i = i + 1;
        return this.i;
      }
    }
    throw new SyntaxProblem(
      start,
      `this ${open} is never closed`,
      `the braces of the entry are unbalanced; add the missing ${close}`,
    );
  }

  private name(): string {
    const s = this.text;
    const start = this.i;
    while (this.i < s.length && !NAME_END.test(s[this.i] as string)) this.i += 1;
    return s.slice(start, this.i);
  }

  private expect(char: string, message = `expected ${char}`): void {
    this.skipSpace(true);
    if (this.text[this.i] !== char) {
      throw new SyntaxProblem(this.i, `${message}, found ${describe(this.text[this.i])}`);
    }
    this.i += 1;
    this.skipSpace(true);
  }

  /** Whitespace, and inside entries `%` comments to the end of the line (as biber reads them). */
  private skipSpace(comments: boolean): void {
    const s = this.text;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (/\s/.test(c)) this.i += 1;
      else if (comments && c === '%') {
        const end = s.indexOf('\n', this.i);
        this.i = end === -1 ? s.length : end + 1;
      } else break;
    }
  }
}

function describe(char: string | undefined): string {
  return char === undefined ? 'the end of the file' : `\`${char}\``;
}
