/**
 * TeX math -> Unicode, for the formats that cannot typeset TeX (HTML, plain text, PDF).
 * A table, not a TeX engine: Greek, operators, relations, arrows, \mathcal / \mathbb /
 * \mathbf and friends, accents, \frac, \sqrt, sub- and superscripts. A command it does not
 * know stays as written, so nothing is silently lost.
 */
import type { Inline } from './richtext.js';

// prettier-ignore
const SYMBOLS: Record<string, string> = {
  // Greek
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ',
  eta: 'η', theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν',
  xi: 'ξ', omicron: 'ο', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ',
  varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ',
  omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π',
  Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', digamma: 'ϝ',
  // Relations
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼',
  simeq: '≃', cong: '≅', equiv: '≡', propto: '∝', ll: '≪', gg: '≫', prec: '≺', succ: '≻',
  preceq: '⪯', succeq: '⪰', leqslant: '⩽', geqslant: '⩾', doteq: '≐', models: '⊨',
  vdash: '⊢', dashv: '⊣', perp: '⊥', parallel: '∥', mid: '∣', nmid: '∤', asymp: '≍',
  in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇',
  subsetneq: '⊊', supsetneq: '⊋', sqsubseteq: '⊑', sqsupseteq: '⊒',
  // Operators
  times: '×', cdot: '·', div: '÷', pm: '±', mp: '∓', ast: '∗', star: '⋆', circ: '∘',
  bullet: '∙', oplus: '⊕', ominus: '⊖', otimes: '⊗', oslash: '⊘', odot: '⊙', cup: '∪',
  cap: '∩', setminus: '∖', wedge: '∧', land: '∧', vee: '∨', lor: '∨', neg: '¬', lnot: '¬',
  sqcup: '⊔', sqcap: '⊓', uplus: '⊎', amalg: '⨿', dagger: '†', ddagger: '‡',
  sum: '∑', prod: '∏', coprod: '∐', int: '∫', iint: '∬', iiint: '∭', oint: '∮',
  bigcup: '⋃', bigcap: '⋂', bigoplus: '⨁', bigotimes: '⨂', bigwedge: '⋀', bigvee: '⋁',
  // Arrows
  to: '→', rightarrow: '→', leftarrow: '←', gets: '←', leftrightarrow: '↔',
  Rightarrow: '⇒', Leftarrow: '⇐', Leftrightarrow: '⇔', implies: '⟹', iff: '⟺',
  mapsto: '↦', longrightarrow: '⟶', longleftarrow: '⟵', longmapsto: '⟼', uparrow: '↑',
  downarrow: '↓', updownarrow: '↕', Uparrow: '⇑', Downarrow: '⇓', hookrightarrow: '↪',
  hookleftarrow: '↩', rightharpoonup: '⇀', nearrow: '↗', searrow: '↘', leadsto: '⇝',
  // Letters, constants and misc
  infty: '∞', emptyset: '∅', varnothing: '∅', nabla: '∇', partial: '∂', forall: '∀',
  exists: '∃', nexists: '∄', ell: 'ℓ', hbar: 'ℏ', hslash: 'ℏ', imath: 'ı', jmath: 'ȷ',
  Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ', beth: 'ℶ', wp: '℘', angle: '∠', top: '⊤', bot: '⊥',
  prime: '′', degree: '°', surd: '√', triangle: '△', Box: '□', square: '□', diamond: '⋄',
  clubsuit: '♣', diamondsuit: '♢', heartsuit: '♡', spadesuit: '♠', checkmark: '✓',
  ldots: '…', dots: '…', cdots: '⋯', vdots: '⋮', ddots: '⋱', therefore: '∴',
  because: '∵', sharp: '♯', flat: '♭', natural: '♮',
  // Delimiters
  langle: '⟨', rangle: '⟩', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', vert: '|',
  Vert: '‖', lbrace: '{', rbrace: '}', backslash: '\\', lvert: '|', rvert: '|', lVert: '‖',
  rVert: '‖', colon: ':', ldotp: '.', cdotp: '·',
  // Escaped characters and spaces
  '{': '{', '}': '}', '%': '%', $: '$', '&': '&', '#': '#', _: '_', '|': '‖',
  ',': '\u2009', ':': '\u205f', ';': '\u2004', '!': '', ' ': ' ', quad: '\u2003',
  qquad: '\u2003\u2003',
};

/** Printed as upright words: \log x -> "log x". */
// prettier-ignore
const FUNCTIONS = new Set([
  'log', 'ln', 'lg', 'exp', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'arcsin', 'arccos',
  'arctan', 'sinh', 'cosh', 'tanh', 'coth', 'max', 'min', 'arg', 'argmax', 'argmin', 'lim',
  'liminf', 'limsup', 'det', 'dim', 'ker', 'deg', 'gcd', 'hom', 'sup', 'inf', 'Pr', 'mod',
  'bmod', 'operatorname',
]);

/** Wrappers whose argument is printed as is. */
// prettier-ignore
const TRANSPARENT = new Set([
  'mathrm', 'text', 'textrm', 'textnormal', 'mbox', 'hbox', 'mathnormal', 'emph', 'textit',
  'textbf', 'mathop',
]);

/** Size and spacing switches: nothing to print. */
// prettier-ignore
const IGNORED = new Set([
  'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'middle',
  'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits',
]);

// prettier-ignore
const ACCENTS: Record<string, string> = {
  hat: '\u0302', widehat: '\u0302', bar: '\u0304', overline: '\u0305', tilde: '\u0303',
  widetilde: '\u0303', vec: '\u20d7', dot: '\u0307', ddot: '\u0308', acute: '\u0301',
  grave: '\u0300', breve: '\u0306', check: '\u030c', underline: '\u0332',
};

/** Code point offsets of the Mathematical Alphanumeric Symbols block, and its holes. */
// prettier-ignore
const ALPHABETS: Record<string, { upper: number; lower?: number; digit?: number; holes: Record<string, string> }> = {
  mathbf: { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce, holes: {} },
  boldsymbol: { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce, holes: {} },
  bm: { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce, holes: {} },
  mathit: { upper: 0x1d434, lower: 0x1d44e, holes: { h: 'ℎ' } },
  mathcal: {
    upper: 0x1d49c,
    lower: 0x1d4b6,
    holes: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  },
  mathscr: {
    upper: 0x1d49c,
    lower: 0x1d4b6,
    holes: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  },
  mathbb: {
    upper: 0x1d538,
    lower: 0x1d552,
    digit: 0x1d7d8,
    holes: { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' },
  },
  mathfrak: {
    upper: 0x1d504,
    lower: 0x1d51e,
    holes: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' },
  },
  mathsf: { upper: 0x1d5a0, lower: 0x1d5ba, digit: 0x1d7e2, holes: {} },
  mathtt: { upper: 0x1d670, lower: 0x1d68a, digit: 0x1d7f6, holes: {} },
};

// prettier-ignore
const SUPERSCRIPTS: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸',
  '9': '⁹', '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ',
  a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', f: 'ᶠ', g: 'ᵍ', h: 'ʰ', j: 'ʲ', k: 'ᵏ', l: 'ˡ',
  m: 'ᵐ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ',
  z: 'ᶻ', T: 'ᵀ', '′': '′', '*': '*',
};

// prettier-ignore
const SUBSCRIPTS: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈',
  '9': '₉', '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ',
  h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ',
  t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
};

/** A piece of converted math: text, or a script that could not be written in Unicode. */
type Piece =
  { kind: 'text'; text: string } | { kind: 'superscript' | 'subscript'; children: Piece[] };

class Reader {
  index = 0;
  constructor(readonly tex: string) {}

  done(): boolean {
    return this.index >= this.tex.length;
  }

  peek(): string {
    return this.tex[this.index] ?? '';
  }

  /** A command name after a backslash: letters, or one other character. */
  command(): string {
    const letters = /^[A-Za-z]+/.exec(this.tex.slice(this.index))?.[0];
    const name = letters ?? this.tex[this.index] ?? '';
    this.index += name.length;
    return name;
  }

  skipSpaces(): void {
    while (/\s/.test(this.peek())) this.index++;
  }

  /** One argument: a braced group's contents, a command, or one character. */
  argument(): string {
    this.skipSpaces();
    const char = this.peek();
    if (char === '{') {
      let depth = 0;
      const start = this.index;
      for (; this.index < this.tex.length; this.index++) {
        const current = this.tex[this.index];
        if (current === '\\') {
          this.index++;
          continue;
        }
        if (current === '{') depth++;
        if (current === '}' && --depth === 0) {
          this.index++;
          return this.tex.slice(start + 1, this.index - 1);
        }
      }
      return this.tex.slice(start + 1);
    }
    if (char === '\\') {
      this.index++;
      return `\\${this.command()}`;
    }
    this.index += char.length;
    return char;
  }

  /** An optional `[...]` argument (\sqrt[3]{x}). */
  optional(): string | undefined {
    this.skipSpaces();
    if (this.peek() !== '[') return undefined;
    const end = this.tex.indexOf(']', this.index);
    if (end < 0) return undefined;
    const value = this.tex.slice(this.index + 1, end);
    this.index = end + 1;
    return value;
  }
}

function convert(tex: string): Piece[] {
  const reader = new Reader(tex);
  const pieces: Piece[] = [];
  const text = (value: string) => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.text += value;
    else if (value) pieces.push({ kind: 'text', text: value });
  };
  while (!reader.done()) {
    const char = reader.peek();
    if (char === '\\') {
      reader.index++;
      const name = reader.command();
      if (name in SYMBOLS) text(SYMBOLS[name] as string);
      else if (FUNCTIONS.has(name)) {
        const word = name === 'operatorname' ? flatten(convert(reader.argument())) : name;
        // TeX sets an operator off from a preceding variable: n\log n -> "n log n".
        const previous = pieces[pieces.length - 1];
        text(previous?.kind === 'text' && /[\p{L}\p{N}]$/u.test(previous.text) ? ` ${word}` : word);
      } else if (TRANSPARENT.has(name)) pieces.push(...convert(reader.argument()));
      else if (IGNORED.has(name)) continue;
      else if (name in ALPHABETS) {
        text(
          restyle(
            flatten(convert(reader.argument())),
            ALPHABETS[name] as (typeof ALPHABETS)[string],
          ),
        );
      } else if (name in ACCENTS) {
        const base = flatten(convert(reader.argument()));
        text(
          [...base]
            .map((letter) => letter + ACCENTS[name])
            .join('')
            .normalize('NFC'),
        );
      } else if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
        const numerator = flatten(convert(reader.argument()));
        const denominator = flatten(convert(reader.argument()));
        text(`${group(numerator)}/${group(denominator)}`);
      } else if (name === 'sqrt') {
        const degree = reader.optional();
        const radicand = flatten(convert(reader.argument()));
        const root = degree === '3' ? '∛' : degree === '4' ? '∜' : '√';
        text(
          `${degree && root === '√' ? (toScript(degree, SUPERSCRIPTS) ?? '') : ''}${root}${group(radicand)}`,
        );
      } else if (name === 'not') {
        const negated = flatten(convert(reader.argument()));
        text(`${negated}\u0338`);
      } else {
        text(reader.peek() === '{' ? `\\${name}{${reader.argument()}}` : `\\${name}`);
      }
    } else if (char === '^' || char === '_') {
      reader.index++;
      const script = convert(reader.argument());
      const flat = flatten(script);
      const table = char === '^' ? SUPERSCRIPTS : SUBSCRIPTS;
      const unicode = toScript(flat, table);
      if (unicode !== undefined) text(unicode);
      else pieces.push({ kind: char === '^' ? 'superscript' : 'subscript', children: script });
    } else if (char === '{' || char === '}') {
      reader.index++;
    } else if (char === "'") {
      reader.index++;
      text('′');
    } else if (char === '~') {
      reader.index++;
      text('\u00a0');
    } else if (/\s/.test(char)) {
      // TeX ignores spacing in math; the source's spaces are kept, but one at a time.
      reader.index++;
      const last = pieces[pieces.length - 1];
      if (!(last?.kind === 'text' && last.text.endsWith(' '))) text(' ');
    } else {
      const codePoint = String.fromCodePoint(tex.codePointAt(reader.index) ?? 0);
      reader.index += codePoint.length;
      text(char === '-' ? '−' : codePoint);
    }
  }
  return pieces;
}

function flatten(pieces: Piece[]): string {
  return pieces
    .map((piece) =>
      piece.kind === 'text'
        ? piece.text
        : `${piece.kind === 'superscript' ? '^' : '_'}${group(flatten(piece.children))}`,
    )
    .join('');
}

/** Parentheses around a fraction's part when it is more than one symbol. */
function group(text: string): string {
  return [...text].length > 1 && !/^\(.*\)$/.test(text) ? `(${text})` : text;
}

function toScript(text: string, table: Record<string, string>): string | undefined {
  let out = '';
  for (const char of text) {
    const mapped = table[char];
    if (mapped === undefined) return undefined;
    out += mapped;
  }
  return out;
}

function restyle(text: string, alphabet: (typeof ALPHABETS)[string]): string {
  return [...text]
    .map((char) => {
      if (alphabet.holes[char]) return alphabet.holes[char];
      const code = char.codePointAt(0) ?? 0;
      if (char >= 'A' && char <= 'Z') return String.fromCodePoint(alphabet.upper + code - 65);
      if (char >= 'a' && char <= 'z' && alphabet.lower !== undefined) {
        return String.fromCodePoint(alphabet.lower + code - 97);
      }
      if (char >= '0' && char <= '9' && alphabet.digit !== undefined) {
        return String.fromCodePoint(alphabet.digit + code - 48);
      }
      return char;
    })
    .join('');
}

/**
 * `$...$` math in the model's text. As in pandoc, math opens with a `$` followed by a
 * non-space and closes with a non-space followed by `$` (not by a digit), on one line; `\$` is
 * a literal dollar. The group is the TeX between the dollars.
 */
export const MATH_IN_TEXT = /(?<!\\)\$(?=\S)((?:\\\$|[^$\n])*?[^\s\\])\$(?!\d)/g;

/**
 * The model's text (a title, a venue) as rich text, as the cite stage reads it: each `$...$`
 * a math node, `\$` elsewhere a literal dollar.
 */
export function richTextWithMath(text: string): Inline[] {
  const out: Inline[] = [];
  const literal = (part: string) => {
    if (part) out.push({ kind: 'text', text: part.replace(/\\\$/g, '$') });
  };
  let last = 0;
  for (const match of text.matchAll(MATH_IN_TEXT)) {
    literal(text.slice(last, match.index));
    out.push({ kind: 'math', tex: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  literal(text.slice(last));
  return out;
}

/** The model's text with its math as Unicode and `\$` as `$`: for tools that know no TeX. */
export function textWithUnicodeMath(text: string): string {
  return text.replace(MATH_IN_TEXT, (_, tex: string) => texToUnicode(tex)).replace(/\\\$/g, '$');
}

/** Math as plain Unicode text; a script with no Unicode form is written `x^(ab)`, `x^∗`. */
export function texToUnicode(tex: string): string {
  return flatten(convert(tex));
}

/** Math as inlines: Unicode text, and superscript/subscript nodes where Unicode has no form. */
export function texToInlines(tex: string): Inline[] {
  const toInline = (piece: Piece): Inline =>
    piece.kind === 'text'
      ? { kind: 'text', text: piece.text }
      : { kind: piece.kind, children: piece.children.map(toInline) };
  return convert(tex).map(toInline);
}
