import { describe, expect, it } from 'vitest';
import { latexToUnicode, latexVerbatim } from '../src/import/latex.js';

const text = (value: string) => latexToUnicode(value).text;

describe('LaTeX field values to Unicode', () => {
  it.each([
    ['{\\"U}ber die W{\\"a}rme', 'Über die Wärme'],
    ['Martin-L{\\"{o}}f', 'Martin-Löf'],
    ["S{\\'{e}}bastien", 'Sébastien'],
    ["\\'{e}t\\'e", 'été'],
    ['{\\o}ystein', 'øystein'],
    ['Fran\\c{c}ois and Fran\\c cois', 'François and François'],
    ['{\\L}ukasz', 'Łukasz'],
    ["Pal{\\'\\i}", 'Palí'],
    ['{\\ss} and \\ss{}e', 'ß and ße'],
    ['\\v{S}ime and \\u{a} and \\H{o} and \\k{e} and \\r{a}', 'Šime and ă and ő and ę and å'],
    ['pages 1--13, a---b', 'pages 1–13, a—b'],
    ['Figure~1', 'Figure\u00a01'],
    ['Tom \\& Jerry, 100\\%, \\#1, a\\_b', 'Tom & Jerry, 100%, #1, a_b'],
    ['costs \\$5 or {\\textdollar}6', 'costs \\$5 or \\$6'],
    ['{\\^{}}0 and \\~{} and \\"{}', '^0 and ~ and ¨'],
    // DBLP's math escaped as text; a dollar sign in text stays one.
    [
      'for {\\textdollar}AC{\\^{}}0[{\\textbackslash}oplus]{\\textdollar} circuits',
      'for $AC^0[\\oplus]$ circuits',
    ],
    ['from {\\textdollar}5 to {\\textdollar}6', 'from \\$5 to \\$6'],
    ["``quoted'' and `single'", "“quoted” and ‘single'"],
    [
      'The {D}edekind reals in abstract {S}tone duality',
      'The Dedekind reals in abstract Stone duality',
    ],
    ['{{Inductive Definitions in the System {Coq}}}', 'Inductive Definitions in the System Coq'],
    ['Elements, {V}ols.\\ 1--13', 'Elements, Vols. 1–13'],
    ['  spread\n   over\tlines ', 'spread over lines'],
    ['\\emph{Really} \\textbf{bold}', 'Really bold'],
    ['{\\em emphasised} text', 'emphasised text'],
    ['\\aa{}ngstr\\"om', 'ångström'],
  ])('%s -> %s', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it('reads math that is only an escaped &, %, # or _ as the character, in a title or venue too', () => {
    expect(text('Int. J. Electrical Power $\\&$ Energy Systems, 100$\\%$, $\\#$1, a$\\_$b')).toBe(
      'Int. J. Electrical Power & Energy Systems, 100%, #1, a_b',
    );
    expect(text('$\\& x$ and $x \\% 2$')).toBe('$\\& x$ and $x \\% 2$');
  });

  it.each([
    ['The $\\omega$-limit', 'The $\\omega$-limit'],
    ['{$p$}-adic homotopy', '$p$-adic homotopy'],
    ['$(\\infty, 1)$-categories', '$(\\infty, 1)$-categories'],
    ['a $$x^2$$ b', 'a $x^2$ b'],
    ['\\({}^{\\mbox{0}}\\) circuits', '${}^{\\mbox{0}}$ circuits'],
    ['\\ensuremath{\\tau} steps', '$\\tau$ steps'],
    ['$\\{ a \\}$', '$\\{ a \\}$'],
  ])('keeps math: %s -> %s', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it('drops \\index and says so', () => {
    const result = latexToUnicode('Sets\\index{set} in type theory');
    expect(result.text).toBe('Sets in type theory');
    expect(result.notes).toEqual(['dropped \\index{set}']);
  });

  it('keeps an unknown command as written and says so', () => {
    const result = latexToUnicode('The \\foo{bar} method');
    expect(result.text).toBe('The \\foo{bar} method');
    expect(result.notes).toEqual(['kept \\foo{bar} as written']);
  });

  it('notes dropped formatting', () => {
    expect(latexToUnicode('\\emph{x}').notes).toEqual(['dropped emphasis (\\emph)']);
  });

  it('keeps paragraphs when asked', () => {
    expect(latexToUnicode('One\nline.\n\n  Two.', { paragraphs: true }).text).toBe(
      'One line.\n\nTwo.',
    );
  });

  it('unescapes verbatim fields', () => {
    expect(latexVerbatim('https://example.org/a\\_b?c=1\\&d=2')).toBe(
      'https://example.org/a_b?c=1&d=2',
    );
    expect(latexVerbatim('\\url{https://example.org/x}')).toBe('https://example.org/x');
  });

  it('reads a \\url in a note as the url package does: a tilde or dashes are themselves', () => {
    expect(text('Draft at \\url{http://www.math.ias.edu/~vladimir/a--b\\_c.pdf}')).toBe(
      'Draft at http://www.math.ias.edu/~vladimir/a--b_c.pdf',
    );
    const linked = latexToUnicode('\\href{http://x.org/~me/a--b}{the draft}');
    expect(linked.text).toBe('the draft');
    expect(linked.notes).toEqual(['dropped the link http://x.org/~me/a--b of "the draft"']);
  });
});
