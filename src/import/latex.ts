/**
 * LaTeX in BibTeX field values -> Unicode text, as the database stores it: accents and
 * symbol commands become characters, dashes and quotes become their Unicode forms,
 * case-protecting braces go, and math stays `$...$` (the model's notation for math).
 * The character tables are citation-js's; the walk is ours because citation-js turns math
 * into Unicode and formatting into HTML, and the model keeps neither.
 */
import bibtexTables from '@citation-js/plugin-bibtex/lib/input/constants.js';

export interface LatexOptions {
  /** Keep blank-line paragraph breaks (abstracts); otherwise all whitespace runs become one space. */
  paragraphs?: boolean;
  /**
   * `math` (titles, venues, abstracts): `$...$` stays math and a literal dollar is `\$`, as
   * the model writes them. `text` (every other field, where the model has no math): math
   * that is only symbols becomes text (`$\&$` -> &), other math is kept as written.
   */
  mode?: 'math' | 'text';
}

export interface LatexText {
  text: string;
  /** What the conversion could not carry over: "dropped \index{...}", "kept \foo". */
  notes: string[];
}

/** Commands whose argument is kept as plain text, with the formatting they name. */
const FORMATTING: Record<string, string | undefined> = {
  emph: 'emphasis',
  textit: 'italics',
  textsl: 'italics',
  mkbibemph: 'emphasis',
  mkbibitalic: 'italics',
  textbf: 'bold',
  mkbibbold: 'bold',
  textsc: 'small caps',
  texttt: 'typewriter',
  textsuperscript: 'superscript',
  textsubscript: 'subscript',
  uline: 'underline',
  underline: 'underline',
  // These change nothing visible in a plain-text title.
  textrm: undefined,
  textsf: undefined,
  textup: undefined,
  textmd: undefined,
  textnormal: undefined,
  text: undefined,
  mbox: undefined,
  hbox: undefined,
  nocase: undefined,
  NoCaseChange: undefined,
  bibstring: undefined,
};

/** `{\em x}`-style switches: dropped, the text they apply to kept. */
const SWITCHES: Record<string, string | undefined> = {
  em: 'emphasis',
  it: 'italics',
  itshape: 'italics',
  sl: 'italics',
  slshape: 'italics',
  bf: 'bold',
  bfseries: 'bold',
  sc: 'small caps',
  scshape: 'small caps',
  tt: 'typewriter',
  ttfamily: 'typewriter',
  rm: undefined,
  rmfamily: undefined,
  sf: undefined,
  sffamily: undefined,
  upshape: undefined,
  mdseries: undefined,
  normalfont: undefined,
  relax: undefined,
  protect: undefined,
};

/** Commands that print nothing; their arguments are dropped with them. */
const SILENT: Record<string, number> = { index: 1, label: 1, noopsort: 1 };

/** Symbols missing from citation-js's table. */
const EXTRA_SYMBOLS: Record<string, string> = {
  aa: 'å',
  AA: 'Å',
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  S: '§',
  P: '¶',
  pounds: '£',
  dag: '†',
  ddag: '‡',
  slash: '/',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  LaTeXe: 'LaTeX2ε',
  textasciitilde: '~',
  '&': '&',
  '%': '%',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  ' ': ' ',
  ',': '\u2009',
  ';': ' ',
  ':': ' ',
  '!': '',
  '-': '',
  '/': '',
  '@': '',
  '\\': ' ',
  quad: ' ',
  qquad: ' ',
  textquoteright: '’',
  textquoteleft: '‘',
};

const DOTLESS: Record<string, string> = { ı: 'i', ȷ: 'j' };

/** An accent over nothing (`\^{}`) prints the accent itself. */
const SPACING_ACCENTS: Record<string, string> = {
  '^': '^',
  '~': '~',
  '"': '¨',
  "'": '´',
  '`': '`',
  '=': '¯',
  '.': '˙',
  u: '˘',
  v: 'ˇ',
  H: '˝',
  c: '¸',
  r: '˚',
  k: '˛',
};

/** A backslash, brace, dollar, tie, quote or dash ligature, or whitespace to tidy. */
const NEEDS_CONVERSION = /[\\{}$~`]|''|--|\s\s|[\t\r\n\f]|^\s|\s$/;

/** Converts one field value (the text between its braces or quotes, macros expanded). */
export function latexToUnicode(value: string, options: LatexOptions = {}): LatexText {
  // Most values (numbers, plain words) hold nothing to convert.
  if (!NEEDS_CONVERSION.test(value)) return { text: value, notes: [] };
  const { source, notes } = escapedMath(value);
  const walker = new Walker(source, options.mode ?? 'math');
  const raw = walker.run(0, source.length);
  return {
    text: tidySpace(raw, options.paragraphs ?? false),
    notes: [...notes, ...walker.notes],
  };
}

/** `{\textdollar}...{\textdollar}` holding TeX written as text: `{\textbackslash}`, `{\^{}}`, `\{`. */
const ESCAPED_MATH = /\{\\textdollar\}((?:(?!\{\\textdollar\}).)+?)\{\\textdollar\}/gs;
const ESCAPED_TEX = /\{\\textbackslash\}|\{\\\^\{\}\}|\\[{}_]/;

/**
 * Math that DBLP escaped as text: its titles come from metadata that writes `$AC^0[\oplus]$`,
 * and DBLP's BibTeX turns every character of it into text
 * (`{\textdollar}AC{\^{}}0[{\textbackslash}oplus]{\textdollar}`), which would print the
 * TeX itself. Read back as the math it was, and said.
 */
function escapedMath(value: string): { source: string; notes: string[] } {
  const notes: string[] = [];
  const source = value.replace(ESCAPED_MATH, (whole, content: string) => {
    if (!ESCAPED_TEX.test(content)) return whole;
    const tex = content
      .replaceAll('{\\textbackslash}', '\\')
      .replaceAll('{\\^{}}', '^')
      .replace(/\\([{}_])/g, '$1');
    notes.push(`read the math written as text ${whole.replace(/\s+/g, ' ')} as $${tex}$`);
    return `$${tex}$`;
  });
  return { source, notes };
}

/** `\_`, `\%`, `\&`, `\#`, `\~` unescaped and braces dropped: URLs, DOIs and other verbatim fields. */
export function latexVerbatim(value: string): string {
  const url = /^\s*\\url\s*\{([^{}]*)\}\s*$/.exec(value);
  const inner = url?.[1] ?? value;
  return inner
    .replace(/\\([_%&#~$])/g, '$1')
    .replace(/[{}]/g, '')
    .trim();
}

function tidySpace(text: string, paragraphs: boolean): string {
  if (!paragraphs) return text.replace(/[ \t\r\n\f]+/g, ' ').trim();
  return text
    .split(/[ \t\f]*\r?\n[ \t\f]*(?:\r?\n[ \t\f]*)+/)
    .map((paragraph) => paragraph.replace(/[ \t\r\n\f]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

const isLetter = (char: string | undefined) => char !== undefined && /[A-Za-z]/.test(char);

/** Math symbols with a character of their own, besides citation-js's Greek letters. */
const MATH_SYMBOLS: Record<string, string> = {
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  pm: '±',
  mp: '∓',
  times: '×',
  div: '÷',
  cdot: '·',
  infty: '∞',
  approx: '≈',
  equiv: '≡',
  sim: '∼',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  circ: '∘',
  ell: 'ℓ',
  partial: '∂',
  nabla: '∇',
  prime: '′',
  cdots: '⋯',
};

class Walker {
  readonly notes = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly mode: 'math' | 'text',
  ) {}

  /** Math as the field's mode wants it. */
  private mathOut(content: string): string {
    if (this.mode === 'math') {
      // `Power $\&$ Energy`: a character escaped the long way round, not math to print as such.
      const escaped = /^\s*\\([&%#_])\s*$/.exec(content);
      return escaped ? (escaped[1] as string) : `$${content}$`;
    }
    const symbols = new Walker(content, 'text');
    symbols.inMath = true;
    const text = symbols.run(0, content.length).replace(/\s+/g, ' ').trim();
    if (!/[\\^_{}$]/.test(text)) return text;
    this.notes.add(`kept $${content}$ as written`);
    return `$${content}$`;
  }

  /** Inside math: spaces do not print, letters are symbols. */
  private inMath = false;

  /** Converts source[start, end); braces inside are groups whose braces are dropped. */
  run(start: number, end: number): string {
    let out = '';
    let i = start;
    const s = this.source;
    while (i < end) {
      const char = s[i] as string;
      if (char === '\\') {
        const [text, next] = this.command(i, end);
        out += text;
        i = next;
      } else if (char === '{') {
        const close = this.matchingBrace(i, end);
        out += this.run(i + 1, close);
        i = close + 1;
      } else if (char === '}') {
        i += 1;
      } else if (char === '$') {
        const [math, next] = this.math(i, end);
        out += math;
        i = next;
      } else if (char === '~') {
        out += '\u00a0';
        i += 1;
      } else if (char === '-' && s.startsWith('---', i)) {
        out += '—';
        i += 3;
      } else if (char === '-' && s.startsWith('--', i)) {
        out += '–';
        i += 2;
      } else if (char === '`') {
        const double = s[i + 1] === '`';
        out += double ? '“' : '‘';
        i += double ? 2 : 1;
      } else if (char === "'" && s[i + 1] === "'") {
        out += '”';
        i += 2;
      } else {
        out += char;
        i += 1;
      }
    }
    return out;
  }

  /** Index of the `}` closing the `{` at `open`, or `end` when it is missing. */
  matchingBrace(open: number, end: number): number {
    let depth = 0;
    for (let i = open; i < end; i++) {
      const char = this.source[i];
      if (char === '\\') i += 1;
      else if (char === '{') depth += 1;
      else if (char === '}' && --depth === 0) return i;
    }
    return end;
  }

  /** `$...$` or `$$...$$`, copied as written (as `$...$`). */
  math(start: number, end: number): [string, number] {
    const s = this.source;
    const display = s[start + 1] === '$';
    const delimiter = display ? '$$' : '$';
    let i = start + delimiter.length;
    while (i < end) {
      if (s[i] === '\\') i += 2;
      else if (s.startsWith(delimiter, i)) break;
      else i += 1;
    }
    if (i >= end) {
      this.notes.add('kept an unclosed `$` as text');
      return [this.mode === 'math' ? '\\$' : '$', start + 1];
    }
    return [this.mathOut(s.slice(start + delimiter.length, i)), i + delimiter.length];
  }

  /** The command at `start` (a backslash): its text and the index after it and its arguments. */
  command(start: number, end: number): [string, number] {
    const s = this.source;
    let i = start + 1;
    let name: string;
    if (isLetter(s[i])) {
      while (i < end && isLetter(s[i])) i += 1;
      name = s.slice(start + 1, i);
      while (i < end && /[ \t\r\n]/.test(s[i] as string)) i += 1;
    } else if (i < end) {
      name = s[i] as string;
      i += 1;
    } else {
      return ['\\', end];
    }
    if (name === '(' || name === '[') {
      const close = s.indexOf(name === '(' ? '\\)' : '\\]', i);
      if (close !== -1 && close < end) return [this.mathOut(s.slice(i, close)), close + 2];
    }
    const diacritic = bibtexTables.diacritics[name];
    if (diacritic !== undefined) {
      const [argument, next] = this.argument(i, end);
      if (argument === '') return [SPACING_ACCENTS[name] ?? diacritic, next];
      const first = Array.from(argument)[0] as string;
      const base = DOTLESS[first] ?? first;
      return [(base + diacritic).normalize('NFC') + argument.slice(first.length), next];
    }
    if (name === '$' || name === 'textdollar') {
      return [this.mode === 'math' ? '\\$' : '$', skipEmptyGroup(s, i, end)];
    }
    const symbol =
      EXTRA_SYMBOLS[name] ??
      bibtexTables.commands[name] ??
      (this.inMath ? MATH_SYMBOLS[name] : undefined);
    if (typeof symbol === 'string') return [symbol, skipEmptyGroup(s, i, end)];
    if (name in FORMATTING) {
      const [argument, next] = this.argument(i, end);
      const kind = FORMATTING[name];
      if (kind) this.notes.add(`dropped ${kind} (\\${name})`);
      return [argument, next];
    }
    if (name in SWITCHES) {
      const kind = SWITCHES[name];
      if (kind) this.notes.add(`dropped ${kind} (\\${name})`);
      return ['', i];
    }
    if (name in SILENT) {
      let next = i;
      for (let n = SILENT[name] ?? 0; n > 0; n--) next = this.argument(next, end)[1];
      this.notes.add(`dropped \\${name}${s.slice(i, next).trim()}`);
      return ['', next];
    }
    if (name === 'url') return this.verbatimArgument(i, end);
    if (name === 'href') {
      const [url, afterUrl] = this.verbatimArgument(i, end);
      const [text, next] = this.argument(afterUrl, end);
      this.notes.add(`dropped the link ${url} of "${text}"`);
      return [text, next];
    }
    if (name === 'ensuremath') {
      const close = s[i] === '{' ? this.matchingBrace(i, end) : i;
      return [this.mathOut(s.slice(i + 1, close)), close + 1];
    }
    const greek = bibtexTables.mathCommands[name];
    if (greek !== undefined) return [greek, skipEmptyGroup(s, i, end)];
    // Unknown: kept as written with its braced arguments, so that nothing is lost.
    let next = i;
    while (s[next] === '{') next = this.matchingBrace(next, end) + 1;
    const written = s.slice(start, next);
    this.notes.add(`kept ${written.trim()} as written`);
    return [written, next];
  }

  /** A URL's braced argument as LaTeX's url package reads it: `~` and `--` are themselves. */
  verbatimArgument(start: number, end: number): [string, number] {
    const s = this.source;
    let i = start;
    while (i < end && /[ \t\r\n]/.test(s[i] as string)) i += 1;
    if (s[i] !== '{') return this.argument(start, end);
    const close = this.matchingBrace(i, end);
    return [latexVerbatim(s.slice(i + 1, close)), Math.min(close + 1, end)];
  }

  /** One argument: a braced group (converted), a command, or a single character. */
  argument(start: number, end: number): [string, number] {
    const s = this.source;
    let i = start;
    while (i < end && /[ \t\r\n]/.test(s[i] as string)) i += 1;
    if (i >= end) return ['', end];
    if (s[i] === '{') {
      const close = this.matchingBrace(i, end);
      return [this.run(i + 1, close), Math.min(close + 1, end)];
    }
    if (s[i] === '\\') return this.command(i, end);
    const char = String.fromCodePoint(s.codePointAt(i) as number);
    return [char, i + char.length];
  }
}

/** `\ss{}`, `\o{}`: an empty group after a symbol command only ends the command name. */
function skipEmptyGroup(s: string, i: number, end: number): number {
  return s.startsWith('{}', i) && i + 2 <= end ? i + 2 : i;
}
