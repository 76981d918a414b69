/**
 * Text from the data, escaped for TeX: the LaTeX writer and the BibTeX/BibLaTeX exports.
 * Every one of the ten specials is escaped, nothing the data says can become a command,
 * and Unicode that pdflatex cannot typeset is mapped (τ -> \ensuremath{\tau}) or wrapped
 * in a macro that picks a font (CJK, other scripts), or, when no font has it, replaced.
 * Right-to-left text (Hebrew, Arabic) is wrapped in \publistrtl, which sets it right to left.
 */
import { createRequire } from 'node:module';
import { combining } from 'unicode2latex';
import { bidiLevels, RIGHT_TO_LEFT, unicodeBidi } from '../richtext/bidi.js';
import { codePointHex, codePointNames } from '../richtext/code-points.js';
import {
  CJK_FONT,
  CJK_RANGES,
  FALLBACK_FONT,
  FALLBACK_RANGES,
  RTL_FONT,
  RTL_RANGES,
} from './latex-fonts.js';
import { isNativeLatexChar } from './latex-native.js';
import { checkMath, mathCommandFor } from './latex-math.js';

/**
 * - `latex`: a document body. Unicode stays UTF-8 where pdflatex (T1) and Latin Modern have
 *   it; CJK and other scripts are wrapped in \publistcjk / \publistfallback, whose fonts
 *   (Noto Serif CJK, DejaVu Serif) have them; a character none of these fonts has becomes
 *   \publistmissing{1F642}, a visible mark, as the PDF writer draws one. Each run of text
 *   that the Unicode Bidirectional Algorithm sets right to left is wrapped in \publistrtl
 *   (font DejaVu Sans, direction right to left), and a left-to-right run inside it (a
 *   number, a Latin name) in \publistltr.
 * - `bibtex`: a .bib for BibTeX, whose name abbreviation and sorting work on bytes: accented
 *   Latin letters become {\"o}, so initials and purified keys stay valid.
 * - `biblatex`: a .bib for biber, which reads UTF-8: Latin stays UTF-8.
 */
export type TexTarget = 'latex' | 'bibtex' | 'biblatex';

export interface TexUsage {
  /** CJK characters were wrapped in \publistcjk. */
  cjk: boolean;
  /** Characters of other scripts were wrapped in \publistfallback. */
  fallback: boolean;
  /** Right-to-left text was wrapped in \publistrtl (Arabic in \publistarabic too). */
  rtl: boolean;
  /**
   * The scripts of its letters that the font for right-to-left text has, which pdflatex has
   * none for: "Hebrew", "Arabic", "Hebrew and Arabic"; empty when there are none (Syriac
   * alone, whose letters print as boxed ? with every engine).
   */
  rtlScripts: string;
}

/** The right-to-left scripts of the font for them (DejaVu Sans), in the order they are named. */
const RTL_SCRIPTS = { rtl: 'Hebrew', arabic: 'Arabic' } as const;

const ASCII_LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  '"': '\\textquotedbl{}',
  // A font's ` is the opening quote ‘.
  '`': '\\textasciigrave{}',
  // After \item or \\ a bracket would start an optional argument.
  '[': '{[}',
  ']': '{]}',
};

/** In a .bib, `\{` would still count as a brace for BibTeX's and biber's field parsers. */
const ASCII_BIB: Record<string, string> = {
  ...ASCII_LATEX,
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '[': '[',
  ']': ']',
};

/**
 * Characters that TeX fonts join into ligatures (-- ‘‘ '' ,, << !‘ ?‘), grouped by what they
 * print as: pdflatex also joins – and -, ’ and '; lualatex joins \textless twice.
 */
const LIGATURE_CLASSES: Record<string, string> = {
  '-': 'dash',
  '–': 'dash',
  '—': 'dash',
  '‘': 'grave',
  "'": 'quote',
  '’': 'quote',
  ',': 'comma',
  '<': 'less',
  '>': 'greater',
  '!': 'inverting',
  '?': 'inverting',
};

/** Text that every target prints as it is: the common case, checked first. */
const PLAIN_ASCII = /^[A-Za-z0-9 .:;()/*+=@,'!?-]*$/;
const LIGATURE_ASCII = /--|''|,,/;

function formsLigature(previous: string, next: string): boolean {
  const before = LIGATURE_CLASSES[previous];
  const after = LIGATURE_CLASSES[next];
  if (!before || !after) return false;
  return (
    (before === after && before !== 'inverting') || (before === 'inverting' && after === 'grave')
  );
}

/**
 * Joiners and byte-order marks: nothing to print. Nor have the marks and controls of
 * direction, which the bidirectional algorithm has read before the text is escaped.
 */
const INVISIBLE = new Set([
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
]);

/** Variation selectors choose a glyph (emoji or text style); the fonts of the CVs have none. */
const VARIATION_SELECTORS = /[\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** A zero-width joiner inside an emoji sequence (👨‍👩‍👧): kept with it, as one missing character. */
const JOINER = '\u200d';
const NON_JOINER = '\u200c';

/** Code points a font has, from hexadecimal ranges ("a1-2cd 2d0"); parsed on first use. */
class FontCoverage {
  private starts: number[] = [];
  private ends: number[] = [];
  private parsed = false;

  constructor(
    readonly font: string,
    private readonly ranges: string,
  ) {}

  has(code: number): boolean {
    if (!this.parsed) {
      for (const range of this.ranges.split(' ')) {
        const [from = '', to = from] = range.split('-');
        this.starts.push(Number.parseInt(from, 16));
        this.ends.push(Number.parseInt(to, 16));
      }
      this.parsed = true;
    }
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (code < (this.starts[middle] ?? 0)) high = middle - 1;
      else if (code > (this.ends[middle] ?? 0)) low = middle + 1;
      else return true;
    }
    return false;
  }

  /** Every code point of the text, which has no variation selectors left. */
  covers(text: string): boolean {
    for (const char of text) if (!this.has(char.codePointAt(0) ?? 0)) return false;
    return true;
  }
}

const FONTS = {
  cjk: new FontCoverage(CJK_FONT, CJK_RANGES),
  fallback: new FontCoverage(FALLBACK_FONT, FALLBACK_RANGES),
  rtl: new FontCoverage(RTL_FONT, RTL_RANGES),
} as const;

type RunKind = 'cjk' | 'fallback' | 'rtl' | 'arabic' | 'missing';

const ARABIC = /^\p{Script=Arabic}/u;

/**
 * The macro of the CVs whose font has the character, CJK first for CJK scripts. A Hebrew
 * letter is in the font of the \publistrtl around it; Arabic letters are wrapped in
 * \publistarabic, whose font is loaded for Arabic so that they join.
 */
function runKind(segment: string): RunKind {
  if (RIGHT_TO_LEFT.test(segment)) {
    if (!FONTS.rtl.covers(segment)) return 'missing';
    return ARABIC.test(segment) ? 'arabic' : 'rtl';
  }
  const order = CJK.test(segment) ? (['cjk', 'fallback'] as const) : (['fallback', 'cjk'] as const);
  return order.find((kind) => FONTS[kind].covers(segment)) ?? 'missing';
}

/** Script names as people write them, where Unicode's differs. */
const SCRIPT_NAMES: Record<string, string> = { Nko: "N'Ko" };

/**
 * The script of a character no font has ("Syriac", "Egyptian Hieroglyphs"), so that a
 * warning can say which script publist cannot print; undefined for an emoji or a symbol,
 * which belong to none.
 */
function scriptOf(mark: string): string | undefined {
  // Loaded only when a character is missing: its tables cost start-up time.
  unicodeProperties ??= require('unicode-properties') as typeof import('unicode-properties');
  const script = unicodeProperties.getScript(mark.codePointAt(0) ?? 0);
  if (['Common', 'Inherited', 'Unknown'].includes(script)) return undefined;
  return SCRIPT_NAMES[script] ?? script.replaceAll('_', ' ');
}

let unicodeProperties: typeof import('unicode-properties') | undefined;

/** Lists characters for a warning, at most a dozen. */
function listed(characters: ReadonlySet<string>, describe = (char: string) => char): string {
  const all = [...characters];
  const shown = all.slice(0, 12).map(describe).join(' ');
  return all.length > 12 ? `${shown} (and ${all.length - 12} more)` : shown;
}

let graphemes: Intl.Segmenter | undefined;

/** Characters no font has, as marks: one per grapheme, so 👍🏽 and 🇩🇪 make one mark each. */
function missingMarks(text: string): string[] {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return [...graphemes.segment(text)].map(({ segment }) => segment);
}

const SPACES: Record<string, string> = {
  '\u00a0': '~',
  '\u2002': '\\enspace{}',
  '\u2003': '\\quad{}',
  '\u2009': '\\,',
  '\u202f': '\\,',
  '\u00ad': '\\-',
  '\u200b': '\\hspace{0pt}',
};

/** Letters LaTeX writes as commands, for the bibtex target (BibTeX's "special characters"). */
const LETTER_COMMANDS: Record<string, string> = {
  ø: '\\o',
  Ø: '\\O',
  æ: '\\ae',
  Æ: '\\AE',
  œ: '\\oe',
  Œ: '\\OE',
  å: '\\aa',
  Å: '\\AA',
  ß: '\\ss',
  ł: '\\l',
  Ł: '\\L',
  ı: '\\i',
  ȷ: '\\j',
  đ: '\\dj',
  Đ: '\\DJ',
  ð: '\\dh',
  Ð: '\\DH',
  þ: '\\th',
  Þ: '\\TH',
  ŋ: '\\ng',
  Ŋ: '\\NG',
};

/** The accents that every LaTeX engine and font encoding knows. */
const TEXT_ACCENTS = new Set([
  '`',
  "'",
  '^',
  '"',
  '~',
  '=',
  '.',
  'u',
  'v',
  'H',
  'r',
  'c',
  'd',
  'b',
  'k',
]);

const CJK_CLASS =
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Bopomofo}\\u3000-\\u303f\\uff00-\\uffef]';
const CJK = new RegExp(`^${CJK_CLASS}`, 'u');
const HAS_CJK = new RegExp(CJK_CLASS, 'u');

/**
 * Where a line may break beside a CJK character, as the macro the LaTeX documents define
 * (a little stretchable glue): CJK text has no spaces for TeX to break at. The places are
 * the Unicode line-break opportunities (UAX #14, as the PDF writer breaks): between two
 * ideographs, kana or Hangul syllables, but never before 。，、）」 or small kana, nor after
 * （「 — the kinsoku rules.
 */
const CJK_BREAK = '\\publistcjkbreak{}';

/**
 * A run of this many characters without a space is longer than nearly any word (the rare
 * longer compound loses its hyphenation), and may be longer than a line: a 300-letter word,
 * an address without its scheme. A line may break between any two of its characters, at a
 * cost (\publistbreak), so that it breaks there rather than run past the margin.
 */
const LONG_RUN = 40;
const HAS_LONG_RUN = new RegExp(`\\S{${LONG_RUN}}`, 'u');
const LONG_RUNS = new RegExp(`\\S{${LONG_RUN},}`, 'gu');
export const LONG_BREAK = '\\publistbreak{}';

/** The indices of `text` inside a long run before which a line may break. */
function longRunBreaks(text: string): Set<number> {
  const positions = new Set<number>();
  for (const { 0: run, index } of text.matchAll(LONG_RUNS)) {
    for (const cluster of run.matchAll(CLUSTER)) {
      if (cluster.index > 0) positions.add(index + cluster.index);
    }
  }
  return positions;
}

const require = createRequire(import.meta.url);
let lineBreaker: typeof import('linebreak').default | undefined;

/** The indices of `text` before which UAX #14 allows a line to break, spaces aside. */
function breakOpportunities(text: string): Set<number> {
  // Loaded on the first CJK text: its tables cost everything else start-up time.
  lineBreaker ??= require('linebreak') as typeof import('linebreak').default;
  const breaker = new lineBreaker(text);
  const positions = new Set<number>();
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    if (!next.required) positions.add(next.position);
  }
  return positions;
}

/**
 * A character with the combining marks that follow it: what the escaper maps as one (é as
 * e + ´ too). Much faster than Intl.Segmenter; the sequences it splits differently (emoji
 * joined by U+200D) end up in one fallback run all the same.
 */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

export class TexEscaper {
  readonly usage: TexUsage = { cjk: false, fallback: false, rtl: false, rtlScripts: '' };
  /** The run kinds of right-to-left letters printed in their font, for `usage.rtlScripts`. */
  private readonly rtlKinds = new Set<keyof typeof RTL_SCRIPTS>();
  private readonly ascii: Record<string, string>;
  /** Each warning once, however many fields of an entry repeat the problem. */
  private readonly warned = new Set<string>();
  /** Per entry, the characters pdflatex cannot typeset and those no font has, until reported. */
  private readonly unprintable = new Map<string, { pdflatex: Set<string>; missing: Set<string> }>();

  constructor(
    readonly target: TexTarget,
    /** Reports what cannot be typeset everywhere, naming where it is. */
    private readonly report: (message: string) => void = () => {},
  ) {
    this.ascii = target === 'latex' ? ASCII_LATEX : ASCII_BIB;
  }

  private warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.report(message);
  }

  /** Plain text: every character printed as it is. `where` names the entry in warnings. */
  text(value: string, where: string): string {
    if (this.asItIs(value)) return value;
    const text = this.prepared(value);
    return this.directed(text, where, (from, to, rightToLeft) =>
      this.inline(text.slice(from, to), where, rightToLeft),
    );
  }

  /** Text that needs no escaping: the common case, checked first. */
  private asItIs(value: string): boolean {
    return (
      PLAIN_ASCII.test(value) &&
      !LIGATURE_ASCII.test(value) &&
      !(this.target === 'latex' && HAS_LONG_RUN.test(value))
    );
  }

  /** Text as the escaper reads it: NFC, and for LaTeX without variation selectors. */
  prepared(value: string): string {
    const text = value.normalize('NFC');
    return this.target === 'latex' ? text.replace(VARIATION_SELECTORS, '') : text;
  }

  /**
   * A paragraph (prepared) in the directions the Unicode Bidirectional Algorithm gives it,
   * in a line that runs left to right: `emit` escapes each stretch of one direction, and each
   * stretch set right to left is wrapped in \publistrtl, a left-to-right one inside it (a
   * number, a Latin name) in \publistltr, nested as TeX's direction primitives nest. Only
   * the LaTeX writer sets directions; the exports keep the characters in their order.
   */
  directed(
    text: string,
    where: string,
    emit: (from: number, to: number, rightToLeft: boolean) => string,
  ): string {
    const levels = this.target === 'latex' ? bidiLevels(text) : undefined;
    if (!levels) return emit(0, text.length, false);
    this.usage.rtl = true;
    const nest = (start: number, end: number, level: number): string => {
      let out = '';
      for (let from = start; from < end;) {
        const above = (levels[from] ?? 0) > level;
        let to = from + 1;
        while (to < end && (levels[to] ?? 0) > level === above) to++;
        if (!above) out += emit(from, to, level % 2 === 1);
        else {
          const inner = nest(from, to, level + 1);
          out += (level + 1) % 2 === 1 ? `\\publistrtl{${inner}}` : `\\publistltr{${inner}}`;
        }
        from = to;
      }
      return out;
    };
    return nest(0, text.length, 0);
  }

  /**
   * Text of one direction, escaped. Right to left, a bracket is drawn mirrored (its
   * "(" opens on the right); xelatex mirrors only the brackets of a word that has a
   * right-to-left letter, so an invisible right-to-left mark (U+200F) goes before each one,
   * which lualatex's HarfBuzz ignores as well.
   */
  inline(value: string, where: string, rightToLeft = false): string {
    if (!rightToLeft && this.asItIs(value)) return value;
    const text = this.prepared(value);
    const latex = this.target === 'latex';
    let out = '';
    let previous = '';
    let run: { kind: RunKind; text: string } | undefined;
    /** What pdflatex stops on: everything in a run but the missing, which prints as a mark. */
    const pdflatexCannot = new Set<string>();
    const missing = new Set<string>();
    const flush = () => {
      if (!run) return;
      if (!latex || run.kind === 'rtl') out += run.text;
      else if (run.kind !== 'missing') out += `\\publist${run.kind}{${run.text}}`;
      else {
        for (const mark of missingMarks(run.text)) {
          missing.add(mark);
          out += `\\publistmissing{${Array.from(mark, codePointHex).join(' ')}}`;
        }
      }
      run = undefined;
    };
    const breaks = latex && HAS_CJK.test(text) ? breakOpportunities(text) : undefined;
    const longBreaks = latex && HAS_LONG_RUN.test(text) ? longRunBreaks(text) : undefined;
    let precedingSegment = '';
    for (const { 0: segment, index } of text.matchAll(CLUSTER)) {
      if (run?.kind === 'missing' && segment === JOINER) {
        run.text += segment;
        continue;
      }
      // In Arabic script a joiner or non-joiner decides how the letters beside it join.
      if (run?.kind === 'arabic' && (segment === JOINER || segment === NON_JOINER)) {
        run.text += segment;
        continue;
      }
      const nextToCjk = CJK.test(segment) || CJK.test(precedingSegment);
      const lineBreak =
        breaks?.has(index) && nextToCjk && !/\s/u.test(segment) && !/\s/u.test(precedingSegment)
          ? CJK_BREAK
          : longBreaks?.has(index) && !nextToCjk
            ? LONG_BREAK
            : '';
      precedingSegment = segment;
      const mapped = CJK.test(segment) ? undefined : this.grapheme(segment, previous);
      if (mapped !== undefined) {
        flush();
        const mark = rightToLeft && unicodeBidi().getMirroredCharacter(segment) ? '\u200f' : '';
        out += lineBreak + mark + mapped;
        previous = segment;
        continue;
      }
      // Only the LaTeX writer chooses fonts; the exports keep every character for the document's.
      const kind = latex ? runKind(segment) : CJK.test(segment) ? 'cjk' : 'fallback';
      if (kind !== 'missing' || !latex) pdflatexCannot.add(segment);
      if (run && (run.kind !== kind || (lineBreak && kind === 'missing'))) flush();
      if (run) run.text += lineBreak;
      else out += lineBreak;
      run ??= { kind, text: '' };
      run.text += segment;
      if (kind !== 'missing') this.usage[kind === 'arabic' ? 'rtl' : kind] = true;
      if ((kind === 'rtl' || kind === 'arabic') && !this.rtlKinds.has(kind)) {
        this.rtlKinds.add(kind);
        this.usage.rtlScripts = (['rtl', 'arabic'] as const)
          .filter((printed) => this.rtlKinds.has(printed))
          .map((printed) => RTL_SCRIPTS[printed])
          .join(' and ');
      }
      previous = '';
    }
    flush();
    if (pdflatexCannot.size || missing.size) {
      const found = this.unprintable.get(where) ?? { pdflatex: new Set(), missing: new Set() };
      pdflatexCannot.forEach((char) => found.pdflatex.add(char));
      missing.forEach((mark) => found.missing.add(mark));
      this.unprintable.set(where, found);
    }
    return out;
  }

  /**
   * Once everything is escaped: one warning for all the entries pdflatex stops on (a
   * database in Chinese would otherwise give one per entry, burying the rest), and one per
   * entry for characters no font has.
   */
  reportCharacters(): void {
    const pdflatex = [...this.unprintable].filter(([, found]) => found.pdflatex.size);
    if (pdflatex.length && this.target !== 'biblatex') {
      const shown = pdflatex
        .slice(0, 5)
        .map(([where, found]) => `${where}: ${listed(found.pdflatex)}`)
        .join('; ');
      const more = pdflatex.length > 5 ? `; and ${pdflatex.length - 5} more entries` : '';
      this.warn(
        `pdflatex cannot typeset the characters of ${pdflatex.length === 1 ? '1 entry' : `${pdflatex.length} entries`} (${shown}${more}) and stops with an error; compile with xelatex or lualatex`,
      );
    }
    for (const [where, found] of this.unprintable) {
      const scripts = new Map<string, Set<string>>();
      const others = new Set<string>();
      for (const mark of found.missing) {
        // A letter publist prints with a mark no font has (x̴) is no script publist lacks.
        const base = String.fromCodePoint(mark.codePointAt(0) ?? 0);
        const script = this.printable(base) ? undefined : scriptOf(mark);
        if (script) scripts.set(script, (scripts.get(script) ?? new Set()).add(mark));
        else others.add(mark);
      }
      if (scripts.size) {
        const named = [...scripts].map(([script, marks]) => `${script} (${listed(marks)})`);
        this.warn(
          `${where}: publist cannot print ${new Intl.ListFormat('en', { type: 'disjunction' }).format(named)} in LaTeX: no font of its LaTeX output has ${scripts.size === 1 ? 'this script' : 'these scripts'}, so each letter prints as a boxed ? (\\publistmissing) with every engine`,
        );
      }
      if (others.size) {
        this.warn(
          `${where}: no font of the LaTeX output has ${listed(others, (mark) => `${mark} (${codePointNames(mark)})`)}; it prints as a boxed ? (\\publistmissing)`,
        );
      }
    }
    this.unprintable.clear();
  }

  /**
   * `$...$` math from the data: kept as math when every command in it is a known math
   * command, printed literally (dollars included) otherwise.
   */
  math(tex: string, where: string): string {
    const checked = checkMath(tex);
    if (checked.ok) return this.target === 'latex' ? `$${checked.tex}$` : `{$${checked.tex}$}`;
    this.warn(`${where}: $${tex}$ is printed as text, not math: ${checked.reason}`);
    return this.text(`$${tex}$`, where);
  }

  /** One user-perceived character; undefined when it goes into a CJK or fallback run. */
  /** A character the LaTeX output prints: mapped to TeX, or in one of its fonts. */
  private printable(char: string): boolean {
    return this.grapheme(char, '') !== undefined || runKind(char) !== 'missing';
  }

  private grapheme(segment: string, previous: string): string | undefined {
    const code = segment.codePointAt(0) ?? 0;
    const ligatureBreak = formsLigature(previous, segment)
      ? this.target === 'latex'
        ? '\\kern0pt '
        : '{}'
      : '';
    if (segment.length === 1 && code < 0x80) {
      if (code < 0x20 || code === 0x7f) return /\s/.test(segment) ? ' ' : '';
      return ligatureBreak + (this.ascii[segment] ?? segment);
    }
    const space = SPACES[segment];
    if (space !== undefined) return space;
    if (INVISIBLE.has(segment)) return '';
    if (/^\s$/u.test(segment)) return ' ';
    if (this.target === 'bibtex') {
      const command = bibtexLetter(segment);
      if (command) return command;
    }
    if ([...segment].length === 1 && isNativeLatexChar(code)) return ligatureBreak + segment;
    const math = mathCommandFor(segment);
    if (math) return this.target === 'latex' ? `\\ensuremath{${math}}` : `{$${math}$}`;
    if (this.target !== 'bibtex') {
      const accented = accentCommand(segment);
      if (accented) return this.target === 'latex' ? accented : `{${accented}}`;
    }
    return undefined;
  }
}

/** ö -> {\"o}, ł -> {\l}: a Latin letter as a BibTeX special character, when it is one. */
function bibtexLetter(segment: string): string | undefined {
  const letter = LETTER_COMMANDS[segment];
  if (letter) return `{${letter}}`;
  const accented = accentCommand(segment);
  return accented ? `{${accented}}` : undefined;
}

/** A letter with accents as LaTeX accent commands: ǎ -> \v{a}, ṓ -> \'{\={o}}. */
function accentCommand(segment: string): string | undefined {
  const [base, ...marks] = [...segment.normalize('NFD')];
  if (!base || marks.length === 0 || !/^[A-Za-z]$/.test(base)) return undefined;
  let out = base === 'i' || base === 'j' ? `\\${base}` : base;
  for (const mark of marks) {
    const accent = (combining.tolatex as Record<string, { mode: string; macro: string }>)[mark];
    if (!accent || accent.mode !== 'text' || !TEXT_ACCENTS.has(accent.macro)) return undefined;
    out = `\\${accent.macro}{${out}}`;
  }
  return out;
}

/** Splits `$...$` math out of a string from the data; `\$` is a literal dollar. */
export function splitMath(value: string): { math: boolean; text: string }[] {
  const parts: { math: boolean; text: string }[] = [];
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\' && value[i + 1] === '$') {
      text += '$';
      i++;
    } else if (char === '$') {
      const end = findClosingDollar(value, i + 1);
      if (end === -1) {
        text += char;
        continue;
      }
      if (text) parts.push({ math: false, text });
      parts.push({ math: true, text: value.slice(i + 1, end) });
      text = '';
      i = end;
    } else {
      text += char;
    }
  }
  if (text) parts.push({ math: false, text });
  return parts;
}

function findClosingDollar(value: string, from: number): number {
  for (let i = from; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === '$') return i > from ? i : -1;
  }
  return -1;
}
