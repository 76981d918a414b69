/**
 * `$...$` math from the data, made safe for LaTeX output: only math commands known to LaTeX,
 * amsmath and amssymb pass, so that a title can never reach `\input`, `\write18`, `\def`,
 * `\catcode` or `^^` notation. Unicode symbols are mapped to their math commands.
 */
import { bibtex as unicodeTable } from 'unicode2latex';

const COMMANDS = `
alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda
mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega digamma
Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega varGamma varDelta varTheta
varLambda varXi varPi varSigma varUpsilon varPhi varPsi varOmega
pm mp times div cdot ast star circ bullet cap cup uplus sqcap sqcup vee wedge lor land
setminus smallsetminus wr diamond bigtriangleup bigtriangledown triangleleft triangleright
oplus ominus otimes oslash odot bigcirc dagger ddagger amalg ltimes rtimes boxplus boxminus
boxtimes boxdot dotplus divideontimes centerdot intercal
leq le geq ge leqslant geqslant lesssim gtrsim ll gg lll ggg equiv models prec succ sim
simeq perp preceq succeq mid nmid parallel nparallel subset supset subseteq supseteq
subsetneq supsetneq sqsubset sqsupset sqsubseteq sqsupseteq approx approxeq asymp bowtie
cong neq ne smile frown doteq propto vdash dashv vDash in ni notin owns nleq ngeq nless
ngtr triangleq circeq bumpeq backsim backsimeq therefore because
leftarrow gets rightarrow to Leftarrow Rightarrow leftrightarrow Leftrightarrow mapsto
longmapsto hookleftarrow hookrightarrow leftharpoonup rightharpoonup leftharpoondown
rightharpoondown rightleftharpoons longleftarrow longrightarrow Longleftarrow
Longrightarrow longleftrightarrow Longleftrightarrow iff implies impliedby uparrow
downarrow updownarrow Uparrow Downarrow Updownarrow nearrow searrow swarrow nwarrow
twoheadrightarrow twoheadleftarrow rightsquigarrow leftleftarrows rightrightarrows
aleph beth gimel hbar hslash imath jmath ell wp Re Im mho partial infty prime backprime
emptyset varnothing nabla surd top bot angle measuredangle forall exists nexists neg lnot
flat natural sharp backslash clubsuit diamondsuit heartsuit spadesuit ldots cdots vdots
ddots dots dotsc dotsb dotsm dotsi checkmark complement square blacksquare triangle
blacktriangle lozenge blacklozenge bigstar diagup diagdown eth Bbbk circledR circledS
sum prod coprod int oint iint iiint idotsint bigcap bigcup bigsqcup bigvee bigwedge bigodot
bigotimes bigoplus biguplus
arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim
liminf limsup ln log max min Pr sec sin sinh sup tan tanh injlim projlim varliminf
varlimsup operatorname
langle rangle lceil rceil lfloor rfloor lbrace rbrace vert Vert lvert rvert lVert rVert
ulcorner urcorner llcorner lrcorner left right middle big Big bigg Bigg bigl bigr Bigl
Bigr biggl biggr Biggl Biggr
hat check breve acute grave tilde bar vec dot ddot dddot ddddot mathring widehat
widetilde overline underline overbrace underbrace overrightarrow overleftarrow
overleftrightarrow underrightarrow underleftarrow
mathrm mathit mathbf mathsf mathtt mathcal mathbb mathfrak boldsymbol pmb mathnormal
text textrm textit textbf textsf texttt textup textnormal textsc mbox
frac dfrac tfrac cfrac sqrt binom dbinom tbinom stackrel overset underset
quad qquad enspace thinspace negthinspace displaystyle textstyle scriptstyle
scriptscriptstyle limits nolimits colon not mathstrut phantom hphantom vphantom smash
ldotp cdotp S P dag ddag
`;

export const MATH_COMMANDS: ReadonlySet<string> = new Set(COMMANDS.split(/\s+/).filter(Boolean));

/** `\,` `\{` `\%` ...: a backslash and one non-letter that TeX reads as a harmless symbol or space. */
const CONTROL_SYMBOLS = new Set([...',;:!>{}|#$%&_ ']);

/** unicode2latex's tables, plain LaTeX first; commands outside MATH_COMMANDS are skipped. */
const MATH_TABLES = [
  unicodeTable.base,
  unicodeTable.package.amssymb ?? {},
  unicodeTable.package['unicode-math'] ?? {},
];

export type MathCheck = { ok: true; tex: string } | { ok: false; reason: string };

/**
 * Checks math source token by token. Non-ASCII symbols become their math commands (τ -> \tau)
 * so that pdflatex, which has no Unicode math, typesets them too.
 */
export function checkMath(source: string): MathCheck {
  let out = '';
  let depth = 0;
  const tex = source.replace(/[\t\n\r]+/g, ' ');
  for (let i = 0; i < tex.length;) {
    const char = tex[i] as string;
    if (char === '\\') {
      const name = /^[A-Za-z]+/.exec(tex.slice(i + 1))?.[0];
      if (name) {
        if (!MATH_COMMANDS.has(name))
          return { ok: false, reason: `\\${name} is not a math command` };
        out += `\\${name}`;
        i += 1 + name.length;
        continue;
      }
      const next = tex[i + 1];
      if (next === undefined || !CONTROL_SYMBOLS.has(next)) {
        return { ok: false, reason: `\\${next ?? ''} is not allowed in math` };
      }
      out += `\\${next}`;
      i += 2;
      continue;
    }
    if (char === '%' || char === '#' || char === '&') {
      return { ok: false, reason: `a bare ${char} is not allowed in math` };
    }
    if (char === '^' && tex[i + 1] === '^') return { ok: false, reason: '^^ is not allowed' };
    if (char === '{') depth++;
    if (char === '}' && --depth < 0) return { ok: false, reason: 'unbalanced braces' };
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return { ok: false, reason: 'a control character' };
    if (code > 0x7f) {
      const symbol = String.fromCodePoint(code);
      const command = mathCommandFor(symbol);
      if (!command) return { ok: false, reason: `${symbol} has no math command` };
      // A space ends the command name (\tau x, not \taux); spaces mean nothing in math.
      out += /[A-Za-z]$/.test(command) ? `${command} ` : command;
      i += symbol.length;
      continue;
    }
    out += char;
    i++;
  }
  if (depth !== 0) return { ok: false, reason: 'unbalanced braces' };
  return { ok: true, tex: out.trimEnd() };
}

/** The math-mode command for a Unicode symbol (τ -> \tau, ≤ -> \leq), when LaTeX has one. */
export function mathCommandFor(symbol: string): string | undefined {
  for (const table of MATH_TABLES) {
    const math = (table[symbol] ?? table[symbol.normalize('NFD')])?.math;
    if (math && isSafeMath(math)) return math;
  }
  // ≠, ≰ ...: the symbol with a combining long solidus overlay, which LaTeX writes \not.
  const [base, overlay, ...rest] = [...symbol.normalize('NFD')];
  if (base && overlay === '\u0338' && rest.length === 0) {
    const inner = base === '=' || base === '<' || base === '>' ? base : mathCommandFor(base);
    if (inner) return `\\not${inner}`;
  }
  return undefined;
}

/**
 * A table entry passes the same check as math from the data: the tables have entries that are
 * not safe everywhere (U+0871 maps to `\\backslash`, a line break in the output).
 */
function isSafeMath(tex: string): boolean {
  return /^[\x20-\x7e]*$/.test(tex) && checkMath(tex).ok;
}
