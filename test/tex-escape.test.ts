import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CJK_RANGES, FALLBACK_RANGES, RTL_RANGES } from '../src/write/latex-fonts.js';
import { checkMath, MATH_COMMANDS } from '../src/write/latex-math.js';
import { hrefTarget, LatexRich } from '../src/write/latex-rich.js';
import { splitMath, TexEscaper } from '../src/write/tex-escape.js';
import { comparable, compileLatex, ENGINES, type Engine } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

const HOSTILE =
  'Escaping \\input{/etc/passwd} and \\write18{touch /tmp/pwned} in 100% of cases & #1 ~ ^ _ { } \\\\ \\end{document}';

const BACKTICKS = 'A lone ` backtick, ``two`` and ‘quoted’ !` ?`';

/** A document around some body text, with the preamble the README asks of fragment users. */
function documentWith(body: string): string {
  return `\\documentclass{article}
\\usepackage{iftex}
\\ifPDFTeX\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\else\\usepackage{fontspec}\\fi
\\usepackage{amssymb}
\\usepackage{hyperref}
\\providecommand{\\publistowner}[1]{\\textbf{#1}}
\\providecommand{\\publistbreak}{\\penalty1000\\relax}
\\begin{document}
${body}
\\end{document}
`;
}

/** Every assigned code point outside ASCII; planes 4 to 13 are empty, 15 and 16 private use. */
const ASSIGNED = [
  ...Array.from({ length: 0x40000 - 0x80 }, (_, index) => index + 0x80),
  ...Array.from({ length: 0x1000 }, (_, index) => index + 0xe0000),
].filter((code) => !/^[\p{Cn}\p{Co}\p{Cs}]$/u.test(String.fromCodePoint(code)));

/** What is wrong with escaped text: a command the escaper does not write itself, `^^`, a line end, unbalanced braces. */
function escapeProblem(out: string, commands = ESCAPER_COMMANDS): string | undefined {
  for (const match of out.matchAll(/\\([A-Za-z]+|.)/gs)) {
    const name = match[1] ?? '';
    if (/^[A-Za-z]/.test(name) ? !commands.has(name) : !' ,;:!>{}|$&#%_-\'"`=.^~'.includes(name)) {
      return `the command \\${name}`;
    }
  }
  if (/\^\^/.test(out)) return '^^';
  if (/\n/.test(out)) return 'a line end';
  let depth = 0;
  for (const match of out.matchAll(/\\.|[{}]/gs)) {
    if (match[0] === '{') depth++;
    if (match[0] === '}' && --depth < 0) return 'a closing brace too many';
  }
  return depth === 0 ? undefined : 'an unclosed brace';
}

function escape(value: string): string {
  return new TexEscaper('latex').text(value, 'test');
}

/** Every control sequence the escaper may write; anything else would come from the data. */
const ESCAPER_COMMANDS = new Set([
  'textbackslash',
  'textasciicircum',
  'textasciitilde',
  'textless',
  'textgreater',
  'textbar',
  'textquotedbl',
  'textasciigrave',
  'kern',
  'ensuremath',
  'enspace',
  'quad',
  'hspace',
  'publistcjk',
  'publistcjkbreak',
  'publistfallback',
  'publistmissing',
  'publistrtl',
  'publistltr',
  'publistarabic',
  ...['i', 'j', 'r', 'u', 'v', 'H', 'c', 'd', 'b', 'k'],
  ...MATH_COMMANDS,
]);

/** For BibTeX, braces are commands and some letters are too (BibTeX's special characters). */
const BIBTEX_COMMANDS = new Set([
  ...ESCAPER_COMMANDS,
  'textbraceleft',
  'textbraceright',
  ...['o', 'O', 'ae', 'AE', 'oe', 'OE', 'aa', 'AA', 'ss', 'l', 'L', 'dj', 'DJ', 'dh', 'DH'],
  ...['th', 'TH', 'ng', 'NG'],
]);

describe('TeX escaping of text', () => {
  it('escapes all ten specials and the characters that misbehave in some encodings', () => {
    expect(escape('\\ { } $ & # ^ _ % ~')).toBe(
      '\\textbackslash{} \\{ \\} \\$ \\& \\# \\textasciicircum{} \\_ \\% \\textasciitilde{}',
    );
    expect(escape('a<b>c|d"e[f]')).toBe(
      'a\\textless{}b\\textgreater{}c\\textbar{}d\\textquotedbl{}e{[}f{]}',
    );
  });

  it('breaks ligatures so that the text prints as written', () => {
    expect(escape("a--b ‘‘c'' ,,d !‘")).toBe(
      "a-\\kern0pt -b ‘\\kern0pt ‘c'\\kern0pt ' ,\\kern0pt ,d !\\kern0pt ‘",
    );
    // A font's ` is ‘; `` would even be “.
    expect(escape('a ` b ``c')).toBe(
      'a \\textasciigrave{} b \\textasciigrave{}\\textasciigrave{}c',
    );
  });

  it('keeps Latin letters as UTF-8, maps Greek and math symbols, wraps CJK', () => {
    const escaper = new TexEscaper('latex');
    expect(escaper.text('Göbbert ő ǎ ł', 'x')).toBe('Göbbert ő ǎ ł');
    expect(escaper.text('τ ∅ ≤ ≠', 'x')).toBe(
      '\\ensuremath{\\tau} \\ensuremath{\\varnothing} \\ensuremath{\\leq} \\ensuremath{\\neq}',
    );
    expect(escaper.text('ṓ', 'x')).toBe("\\'{\\={o}}");
    expect(escaper.text('深度学习 model', 'x')).toBe(
      '\\publistcjk{深\\publistcjkbreak{}度\\publistcjkbreak{}学\\publistcjkbreak{}习} model',
    );
    expect(escaper.usage).toEqual({ cjk: true, fallback: false, rtl: false, rtlScripts: '' });
  });

  it('sets right-to-left runs in \\publistrtl, numbers and Latin inside them in \\publistltr', () => {
    const warnings: string[] = [];
    const escaper = new TexEscaper('latex', (message) => warnings.push(message));
    expect(escaper.text('עיבוד שפה טבעית: סקירה', 'he')).toBe(
      '\\publistrtl{עיבוד שפה טבעית: סקירה}',
    );
    expect(escaper.usage).toEqual({ cjk: false, fallback: false, rtl: true, rtlScripts: 'Hebrew' });
    // The colon and spaces between Hebrew words are in the run; those at its ends are not.
    expect(escaper.text('See: שלום עולם, then', 'he')).toBe('See: \\publistrtl{שלום עולם}, then');
    // Numbers inside Arabic keep their order; a Latin name between Arabic words is the
    // entry's own left-to-right text, between two runs.
    expect(escaper.text('عام 2023 في Journal of NLP و', 'ar')).toBe(
      '\\publistrtl{\\publistarabic{عام} \\publistltr{2023} \\publistarabic{في}} Journal of NLP \\publistrtl{\\publistarabic{و}}',
    );
    expect(escaper.text('שנים 2023-2024', 'he')).toBe('\\publistrtl{שנים \\publistltr{2023-2024}}');
    // Brackets right to left: an invisible right-to-left mark before each, for xelatex.
    expect(escaper.text('כהן (דוד) [1]', 'he')).toBe(
      '\\publistrtl{כהן \u200f(דוד\u200f) \u200f{[}\\publistltr{1}\u200f{]}}',
    );
    // Arabic letters are set in the font loaded for Arabic, a non-joiner kept between them.
    expect(escaper.text('می\u200cخواهم', 'fa')).toBe(
      '\\publistrtl{\\publistarabic{می\u200cخواهم}}',
    );
    // The scripts pdflatex has no font for, named in its error.
    expect(escaper.usage.rtlScripts).toBe('Hebrew and Arabic');
    // Marks of direction steer the algorithm and print nothing.
    expect(escaper.text('a\u200fב\u202bג\u202c', 'marks')).toBe('a\\publistrtl{בג}');
    // A script no font has (Syriac): marks, still right to left, and no script pdflatex lacks.
    const syriac = new TexEscaper('latex');
    expect(syriac.text('ܫܠܡܐ', 'syriac')).toBe(
      '\\publistrtl{\\publistmissing{072B}\\publistmissing{0720}\\publistmissing{0721}\\publistmissing{0710}}',
    );
    expect(syriac.usage).toEqual({ cjk: false, fallback: false, rtl: true, rtlScripts: '' });
    escaper.text('ܫܠܡܐ', 'syriac');
    // The warning names each script that publist cannot print.
    escaper.text('ދިވެހި ߒߞߏ 🙂', 'thaana');
    // A letter publist prints, with a mark no font has: the cluster, not a script.
    escaper.text('x\u0334', 'mark');
    escaper.reportCharacters();
    expect(warnings).toEqual([
      'pdflatex cannot typeset the characters of 4 entries (he: ע י ב ו ד ש פ ה ט ת ס ק (and 6 more); ar: ع ا م ف ي و; fa: م ی خ و ا ه; marks: ב ג) and stops with an error; compile with xelatex or lualatex',
      'syriac: publist cannot print Syriac (ܫ ܠ ܡ ܐ) in LaTeX: no font of its LaTeX output has this script, so each letter prints as a boxed ? (\\publistmissing) with every engine',
      "thaana: publist cannot print Thaana (ދި ވެ ހި) or N'Ko (ߒ ߞ ߏ) in LaTeX: no font of its LaTeX output has these scripts, so each letter prints as a boxed ? (\\publistmissing) with every engine",
      'thaana: no font of the LaTeX output has 🙂 (U+1F642); it prints as a boxed ? (\\publistmissing)',
      'mark: no font of the LaTeX output has x\u0334 (U+0078 U+0334); it prints as a boxed ? (\\publistmissing)',
    ]);
    // The exports keep the characters in their order, for the document to lay out.
    expect(new TexEscaper('biblatex').text('עיבוד (2024)', 'he')).toBe('עיבוד (2024)');
  });

  it('sets an entry right to left across its formatting, cutting the italics at the run', () => {
    const rich = new LatexRich(new TexEscaper('latex'), { hyperref: true });
    expect(
      rich.render(
        [
          { kind: 'owner', children: [{ kind: 'text', text: 'Lovelace, A.' }] },
          { kind: 'text', text: ', & כהן, ד. (2024). עיבוד: סקירה. ' },
          { kind: 'italic', children: [{ kind: 'text', text: 'כתב העת' }] },
          { kind: 'text', text: ', 3. In ' },
          { kind: 'italic', children: [{ kind: 'text', text: 'Proc. של ACL' }] },
          { kind: 'text', text: '.' },
        ],
        'he',
      ),
    ).toBe(
      '\\publistowner{Lovelace, A.}, \\& \\publistrtl{כהן, ד. \u200f(\\publistltr{2024}\u200f). עיבוד: סקירה. \\textit{כתב העת}, \\publistltr{3}}. In \\textit{Proc. }\\publistrtl{\\textit{של}}\\textit{ ACL}.',
    );
  });

  /** The escaped text with each \publistcjkbreak{} as `|`. */
  const breaks = (text: string) =>
    new TexEscaper('latex').text(text, 'x').replaceAll('\\publistcjkbreak{}', '|');

  it('lets a line break between CJK characters, but not before 。，、）」 or after （「', () => {
    expect(breaks('深度学习（综述）。')).toBe('\\publistcjk{深|度|学|习|（综|述）。}');
    expect(breaks('「画像」認識、ちょっとテスト。')).toBe(
      '\\publistcjk{「画|像」|認|識、|ちょっ|と|テ|ス|ト。}',
    );
    // Korean breaks at its spaces, and between syllables when it must, as browsers break it.
    expect(breaks('한국어 자연어 처리')).toBe(
      '\\publistcjk{한|국|어} \\publistcjk{자|연|어} \\publistcjk{처|리}',
    );
    // Where CJK meets Latin letters or digits too, but never inside a Latin word.
    expect(breaks('基于LSTM的预测, 2018年')).toBe(
      '\\publistcjk{基|于}|LSTM|\\publistcjk{的|预|测}, 2018|\\publistcjk{年}',
    );
  });

  it('leaves text without CJK as it was, and the exports without breaks', () => {
    expect(breaks('Göbbert’s self-hinting, Русский')).not.toContain('|');
    expect(new TexEscaper('biblatex').text('深度学习', 'x')).toBe('深度学习');
  });

  it('warns once about all that pdflatex cannot typeset, CJK included, naming the entries', () => {
    const warnings: string[] = [];
    const escaper = new TexEscaper('latex', (message) => warnings.push(message));
    expect(escaper.text('Русский язык', 'paper1')).toBe(
      '\\publistfallback{Русский} \\publistfallback{язык}',
    );
    expect(escaper.text('深度学习', 'paper1')).toBe(
      '\\publistcjk{深\\publistcjkbreak{}度\\publistcjkbreak{}学\\publistcjkbreak{}习}',
    );
    expect(escaper.text('Հայերեն', 'paper2')).toBe('\\publistfallback{Հայերեն}');
    expect(warnings).toEqual([]);
    escaper.reportCharacters();
    expect(warnings).toEqual([
      'pdflatex cannot typeset the characters of 2 entries (paper1: Р у с к и й я з ы 深 度 学 (and 1 more); paper2: Հ ա յ ե ր ն) and stops with an error; compile with xelatex or lualatex',
    ]);
  });

  it('prints a mark for what no font of the CVs has, one per character as seen, and says so', () => {
    const warnings: string[] = [];
    const escaper = new TexEscaper('latex', (message) => warnings.push(message));
    expect(escaper.text('Smiles 🙂 everywhere: 👍🏽 🇩🇪 👨‍👩‍👧 ❤️ 𓂀!', 'smiles')).toBe(
      'Smiles \\publistmissing{1F642} everywhere: \\publistmissing{1F44D 1F3FD} \\publistmissing{1F1E9 1F1EA} \\publistmissing{1F468 200D 1F469 200D 1F467} \\publistmissing{2764} \\publistmissing{13080}!',
    );
    // A variation selector asks for a style of glyph; the character itself is what counts.
    expect(escaper.text('©\ufe0f ☺\ufe0f', 'smiles')).toBe('© \\publistfallback{☺}');
    // Fonts are tried in turn: ① is in Noto Serif CJK only.
    expect(escaper.text('① 🙂', 'circled')).toBe('\\publistcjk{①} \\publistmissing{1F642}');
    escaper.reportCharacters();
    expect(warnings).toEqual([
      'pdflatex cannot typeset the characters of 2 entries (smiles: ☺; circled: ①) and stops with an error; compile with xelatex or lualatex',
      'smiles: publist cannot print Egyptian Hieroglyphs (𓂀) in LaTeX: no font of its LaTeX output has this script, so each letter prints as a boxed ? (\\publistmissing) with every engine',
      'smiles: no font of the LaTeX output has 🙂 (U+1F642) 👍🏽 (U+1F44D U+1F3FD) 🇩🇪 (U+1F1E9 U+1F1EA) 👨‍👩‍👧 (U+1F468 U+200D U+1F469 U+200D U+1F467) ❤ (U+2764); it prints as a boxed ? (\\publistmissing)',
      'circled: no font of the LaTeX output has 🙂 (U+1F642); it prints as a boxed ? (\\publistmissing)',
    ]);
  });

  it('prints the replacement character as a mark: lualatex stops on it', () => {
    const escaper = new TexEscaper('latex', () => undefined);
    expect(escaper.text('Mojibake \ufffd', 'broken')).toBe('Mojibake \\publistmissing{FFFD}');
  });

  it('keeps every character in the exports, for the document to choose fonts', () => {
    const warnings: string[] = [];
    const bibtex = new TexEscaper('bibtex', (message) => warnings.push(message));
    expect(bibtex.text('Smiles 🙂 深度 ❤️', 'p')).toBe('Smiles 🙂 深度 ❤️');
    bibtex.reportCharacters();
    expect(warnings).toEqual([
      'pdflatex cannot typeset the characters of 1 entry (p: 🙂 深 度 ❤️) and stops with an error; compile with xelatex or lualatex',
    ]);
    const biblatex = new TexEscaper('biblatex', (message) => warnings.push(message));
    expect(biblatex.text('Smiles 🙂 深度', 'p')).toBe('Smiles 🙂 深度');
    biblatex.reportCharacters();
    expect(warnings).toHaveLength(1);
  });

  it('turns line breaks and control characters into nothing that TeX reads as a command', () => {
    expect(escape('a\n\nb\u0000c\td\u00a0e')).toBe('a  bc d~e');
  });

  it('never lets a command through, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(escapeProblem(escape(value))).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  // Random strings rarely meet a given character: every assigned one is tried, so that a
  // bad entry in the Unicode tables (U+0871 -> `\\backslash`) fails every run, not one in many.
  it.each(['latex', 'bibtex', 'biblatex'] as const)(
    'escapes every assigned character for %s safely',
    (target) => {
      const escaper = new TexEscaper(target);
      const allowed = target === 'bibtex' ? BIBTEX_COMMANDS : ESCAPER_COMMANDS;
      const problems = ASSIGNED.flatMap((code) => {
        const out = escaper.text(String.fromCodePoint(code), 'test');
        const problem = escapeProblem(out, allowed);
        return problem ? [`U+${code.toString(16).toUpperCase()} -> ${out}: ${problem}`] : [];
      });
      expect(problems).toEqual([]);
    },
  );
});

describe('math from the data', () => {
  it('keeps known math and maps Unicode inside it', () => {
    expect(checkMath('\\tau_1 \\leq x^{2}')).toEqual({ ok: true, tex: '\\tau_1 \\leq x^{2}' });
    expect(checkMath('R(x,τ)')).toEqual({ ok: true, tex: 'R(x,\\tau )' });
  });

  it.each([
    ['\\input{/etc/passwd}', '\\input is not a math command'],
    ['\\write18{touch /tmp/pwned}', '\\write is not a math command'],
    ['^^5cinput', '^^ is not allowed'],
    ['x}{', 'unbalanced braces'],
    ['{x', 'unbalanced braces'],
    ['a % comment', 'a bare % is not allowed in math'],
    ['\\', '\\ is not allowed in math'],
    ['\\\\', '\\\\ is not allowed in math'],
    ['\\catcode`\\^=12', '\\catcode is not a math command'],
  ])('refuses %s', (tex, reason) => {
    expect(checkMath(tex)).toEqual({ ok: false, reason });
  });

  it('prints refused math literally and says why', () => {
    const warnings: string[] = [];
    const escaper = new TexEscaper('latex', (message) => warnings.push(message));
    expect(escaper.math('\\input{x}', 'p1')).toBe('\\$\\textbackslash{}input\\{x\\}\\$');
    expect(warnings).toEqual([
      'p1: $\\input{x}$ is printed as text, not math: \\input is not a math command',
    ]);
  });

  it('splits $...$ out of data strings, \\$ being a dollar', () => {
    expect(splitMath('A $\\tau$-test costs \\$5 and $x$')).toEqual([
      { math: false, text: 'A ' },
      { math: true, text: '\\tau' },
      { math: false, text: '-test costs $5 and ' },
      { math: true, text: 'x' },
    ]);
    expect(splitMath('US$ 5')).toEqual([{ math: false, text: 'US$ 5' }]);
    expect(splitMath('$$')).toEqual([{ math: false, text: '$$' }]);
  });
});

describe('links', () => {
  it('escapes URLs for \\href and makes no link of other schemes', () => {
    expect(hrefTarget('https://x.org/a_b%20c#d?e=1&f=~g h{é}')).toBe(
      'https://x.org/a_b\\%20c\\#d?e=1&f=\\%7Eg\\%20h\\%7B\\%C3\\%A9\\%7D',
    );
    expect(hrefTarget('javascript:alert(1)')).toBeUndefined();
  });
});

describe.runIf(toolsAvailable('pdflatex', 'xelatex', 'lualatex', 'pdftotext', 'pdftohtml'))(
  'compiled by TeX',
  () => {
    const rich = new LatexRich(new TexEscaper('latex'), { hyperref: true });
    const body = [
      escape(HOSTILE),
      '\\par',
      escape('Göbbert ő ǎ ł ß “quotes” – — … τ-LLMs ∅ ≤ × ½ ṓ'),
      '\\par',
      escape(BACKTICKS),
      '\\par',
      rich.render(
        [
          { kind: 'owner', children: [{ kind: 'text', text: 'Baohao Liao' }] },
          { kind: 'text', text: ', ' },
          { kind: 'math', tex: '\\tau_1 \\leq \\varnothing' },
          { kind: 'text', text: ' ' },
          { kind: 'math', tex: '\\input{/etc/passwd}' },
          { kind: 'text', text: ' ' },
          {
            kind: 'link',
            url: 'https://x.org/a_b%20c#d?e=1&f=~g',
            children: [{ kind: 'text', text: 'https://x.org/a_b%20c#d?e=1&f=~g' }],
          },
        ],
        'test',
      ),
    ].join('\n');

    /**
     * The characters of a coverage table; with `step`, the ends of each range and every
     * step-th. Spaced and on short lines: TeX cannot break a paragraph of thousands of
     * letters without spaces, and lualatex reads a very long line in parts.
     */
    function tableCharacters(ranges: string, step = 1): string {
      const characters: string[] = [];
      for (const range of ranges.split(' ')) {
        const [from = 0, to = from] = range.split('-').map((part) => Number.parseInt(part, 16));
        for (let code = from; code <= to; code++) {
          if (code === from || code === to || (code - from) % step === 0) {
            characters.push(String.fromCodePoint(code));
          }
        }
      }
      const lines: string[] = [];
      for (let start = 0; start < characters.length; start += 32) {
        lines.push(characters.slice(start, start + 32).join(' '));
      }
      return lines.join('\n');
    }

    // The writer trusts these tables to send xelatex and lualatex nothing they would drop.
    it.each(['xelatex', 'lualatex'] as Engine[])(
      '%s has every character of the font tables in every face',
      (engine) => {
        const fallback = tableCharacters(FALLBACK_RANGES);
        const cjk = tableCharacters(CJK_RANGES, 16);
        const rtl = tableCharacters(RTL_RANGES);
        const faces = (text: string) =>
          `${text}\\par\\textbf{${text}}\\par\\textit{${text}}\\par\\textbf{\\textit{${text}}}\\par`;
        const pdf = compileLatex(
          `\\documentclass{article}
\\usepackage{fontspec}
\\newfontfamily\\fallbackfont{DejaVu Serif}
\\newfontfamily\\cjkfont{Noto Serif CJK SC}
\\newfontfamily\\rtlfont{DejaVu Sans}[Script=Arabic, ItalicFont=*, BoldItalicFont=* Bold]
\\begin{document}
{\\fallbackfont ${faces(fallback)}}
{\\cjkfont ${faces(cjk)}}
{\\rtlfont ${faces(rtl)}}
\\end{document}
`,
          { engine },
        );
        expect(pdf.log).not.toContain('Missing character');
      },
    );

    it.each(ENGINES)('%s shows exactly the text', (engine) => {
      const pdf = compileLatex(documentWith(body), { engine });
      expect(comparable(pdf.text)).toContain(comparable(HOSTILE));
      expect(comparable(pdf.text)).toContain(
        comparable('Göbbert ő ǎ ł ß "quotes" – — ... τ-LLMs ∅ ≤ × ½ ṓ'),
      );
      // Exactly: comparable() takes ` and ‘ for the same.
      expect(pdf.text).toContain(BACKTICKS);
      expect(comparable(pdf.text)).toContain(comparable('$\\input{/etc/passwd}$'));
      expect(pdf.bold).toContain('Baohao Liao');
      expect(pdf.links).toContain('https://x.org/a_b%20c#d?e=1&f=%7Eg');
    });
  },
);
