import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/model/paper.js';
import { CitationCache, loadDatabase } from '../src/pipeline.js';
import { plainText } from '../src/richtext/richtext.js';
import { checkMath } from '../src/write/latex-math.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { DEFAULT_DB } from './support/cli.js';
import { databaseFrom, renderText } from './support/database.js';
import { comparable, compileLatex, ENGINES, type Compiled, type Engine } from './support/tex.js';
import type { PdfWord } from './support/pdf.js';
import { toolsAvailable } from './support/tools.js';

const HOSTILE_TITLE =
  'Escaping \\input{/etc/passwd} and \\write18{touch /tmp/pwned} in 100% of cases & #1 ~ ^ _ { } \\\\ \\end{document}';

const HOSTILE_OWNER = 'Ada {Love} \\lace & #1 % ~ $x$ [b]';

/** A title of the user's: the heading, and hyperref's pdftitle. */
const HOSTILE_HEADING =
  'Selected \\input{/etc/passwd} **Papers** <script>x</script> 100% & #1 ~ ^ _ {';

const HOSTILE = `
owner:
  name: ${JSON.stringify(HOSTILE_OWNER)}
  position: '\\input{/etc/passwd} ^^5c'
render: {style: ieee}
papers:
  - id: hostile
    type: journal
    title: ${JSON.stringify(HOSTILE_TITLE)}
    authors: ['Ada Lovelace', 'Jens Henrik Göbbert', '{Robert} \\end{document}']
    date: 2024
    venue: 'J. of $\\input{/etc/passwd}$ & \\write18{x}'
  - id: braces
    type: journal
    title: '} unbalanced { braces % ^^5c'
    authors: ['Ada Lovelace']
    date: 2023
`;

const UNICODE = `
owner: {name: Ada Lovelace}
render: {style: ieee}
papers:
  - id: unicode
    type: journal
    title: 'The $\\tau$-Norm of α-Stable ∅-Sets: 深度学习 in Göbbert’s Łódź 🙂'
    authors: ['Ada Lovelace', '王小明', 'Иван Петров']
    date: 2024
    venue: Journal of Ünïcödé, Русский и Հայերեն 🙂
`;

/** Characters that no font of the CVs has: they print as a mark in every engine. */
const EMOJI = `
owner: {name: Ada 🙂 Lovelace}
topics: {X: Topic 🙂}
render: {style: ieee, group_by: topic}
papers:
  - id: smiles
    type: journal
    title: 'Smiles 🙂 everywhere: 👍🏽 🇩🇪 👨‍👩‍👧 ❤️ 𓂀'
    authors: [Ada Lovelace]
    venue: Journal of 🙂
    topics: [X]
    date: 2024
`;

async function defaultDatabase(): Promise<Database> {
  return (await loadDatabase(DEFAULT_DB)).database;
}

async function latex(database: Database, output: Record<string, unknown> = {}, overrides = {}) {
  const { standalone, template, flags } = output as {
    standalone?: boolean;
    template?: string;
    flags?: Record<string, string>;
  };
  return renderText(database, {
    format: 'latex',
    overrides,
    output: {
      standalone: standalone ?? false,
      ...(template ? { template } : {}),
      flags: flags ?? {},
    },
  });
}

/**
 * The space after each word that ends in a lower-case letter and a period ("Apr.", "al.",
 * "vol."), minus the line's usual space between words (its median), in points.
 */
function spaceAfterPeriods(words: readonly PdfWord[]): { after: string; excess: number }[] {
  const lines = new Map<string, PdfWord[]>();
  for (const word of words) {
    const key = `${word.page}/${Math.round(word.yMax)}`;
    lines.set(key, [...(lines.get(key) ?? []), word]);
  }
  return [...lines.values()].flatMap((line) => {
    const gaps = line.slice(1).map((word, index) => word.xMin - (line[index] as PdfWord).xMax);
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
    return line
      .slice(0, -1)
      .flatMap((word, index) =>
        /\p{Ll}\.$/u.test(word.text)
          ? [{ after: word.text, excess: (gaps[index] as number) - median }]
          : [],
      );
  });
}

/** Abbreviations are not sentence ends: no wider space after them than between other words. */
function expectNoSentenceSpaces(pdf: Compiled, atLeast: number, userWord?: string): void {
  const spaces = spaceAfterPeriods(pdf.words).filter((space) => space.after !== userWord);
  expect(spaces.length).toBeGreaterThanOrEqual(atLeast);
  expect(spaces.filter((space) => space.excess > 0.3)).toEqual([]);
}

/** Text of the user's own after the fragment, with a sentence end inside a line. */
const USER_TEXT =
  'This paragraph is the document of the user, whose own sentence ends here. The next one follows on the same line, as sentences do.';

/** A plain article with the preamble the fragment's header asks for, around \input. */
function articleWith(hyperref: boolean, after = ''): string {
  return `\\documentclass{article}
\\usepackage{iftex}
\\ifPDFTeX\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\else\\usepackage{fontspec}\\fi
\\usepackage{amssymb}
${hyperref ? '\\usepackage{hyperref}' : ''}
\\begin{document}
\\section*{Publications}
\\input{publications.tex}
${after}
\\end{document}
`;
}

function moderncvWith(): string {
  return `\\documentclass{moderncv}
\\moderncvstyle[nosymbols]{classic}
\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage{amssymb}
\\name{Baohao}{Liao}
\\begin{document}
\\makecvtitle
\\section{Publications}
\\input{publications.tex}
\\end{document}
`;
}

describe('the LaTeX fragment', () => {
  it('has a heading per group and a numbered list item per paper, counting down', async () => {
    const { text } = await latex(await defaultDatabase());
    expect(text.match(/^\\subsection\*\{\d{4}\}$/gm)).toEqual([
      '\\subsection*{2026}',
      '\\subsection*{2025}',
      '\\subsection*{2024}',
      '\\subsection*{2023}',
      '\\subsection*{2022}',
      '\\subsection*{2021}',
    ]);
    const labels = [...text.matchAll(/^\\item\[\{\[\}(\d+)\{\]\}\] /gm)].map((match) =>
      Number(match[1]),
    );
    expect(labels).toEqual(Array.from({ length: 20 }, (_, index) => 20 - index));
    expect(text).toContain('\\settowidth{\\labelwidth}{{[}20{]}}');
    // The owner is in 19 of the 20 papers.
    expect(
      text.split('\n').filter((line) => line.includes('\\publistowner{B. Liao}')),
    ).toHaveLength(19);
  });

  it('takes the heading command, the link mode and the labels from its flags', async () => {
    const database = await defaultDatabase();
    const { text } = await latex(database, {
      flags: { 'latex-heading': 'paragraph', 'latex-links': 'plain', 'latex-labels': 'none' },
    });
    expect(text).toContain('\\paragraph*{2026}');
    expect(text).not.toContain('\\href');
    // Nor asks for hyperref (its macros are made plain for hyperref only where it is loaded).
    expect(text).not.toContain('\\usepackage{hyperref}');
    expect(text).not.toContain('{[}Code{]}');
    const labelled = await latex(database, { flags: { 'latex-labels': 'plain' } });
    expect(labelled.text).toContain('\\href{https://github.com/BaohaoLiao/SAGE}{Code}');
  });

  it('links each address once per entry, with or without hyperref', async () => {
    const database = await defaultDatabase();
    for (const style of ['ieee', 'apa']) {
      const linked = (await latex(database, {}, { style })).text;
      const items = linked.split('\n').filter((line) => line.startsWith('\\item'));
      expect(items).toHaveLength(20);
      for (const item of items) {
        const targets = [...item.matchAll(/\\href\{([^}]*)\}/g)].map((match) => match[1]);
        expect(new Set(targets).size, item).toBe(targets.length);
      }
      const plain = (await latex(database, { flags: { 'latex-links': 'plain' } }, { style })).text;
      for (const item of plain.split('\n').filter((line) => line.startsWith('\\item'))) {
        const urls =
          item
            .replace(/\\(allowbreak|publistbreak)\{\}/g, '')
            .match(/https?:\/\/[^\s{}]+?(?=[.,]?(?:[\s{}]|$))/g) ?? [];
        expect(new Set(urls).size, item).toBe(urls.length);
      }
    }
  });

  it('without numbering, gives hanging indents and empty labels', async () => {
    const { text } = await latex(
      await defaultDatabase(),
      {},
      { numbering: 'none', group_by: 'none' },
    );
    expect(text).not.toMatch(/\\subsection/);
    expect(text.match(/^\\item\[\] /gm)).toHaveLength(20);
    expect(text).toContain('\\setlength{\\itemindent}{-1.5em}');
  });

  it('escapes every title, author, venue and note, and says what it could not keep as math', async () => {
    const { text, warnings } = await latex(
      await databaseFrom(HOSTILE),
      {},
      { title: HOSTILE_HEADING },
    );
    expect(text).toContain(
      '\\section*{Selected \\textbackslash{}input\\{/etc/passwd\\} **Papers** \\textless{}script\\textgreater{}x\\textless{}/script\\textgreater{} 100\\% \\& \\#1 \\textasciitilde{} \\textasciicircum{} \\_ \\{}',
    );
    expect(text).toContain(
      'Escaping \\textbackslash{}input\\{/etc/passwd\\} and \\textbackslash{}write18\\{touch /tmp/pwned\\} in 100\\% of cases \\& \\#1 \\textasciitilde{} \\textasciicircum{} \\_ \\{ \\} \\textbackslash{}\\textbackslash{} \\textbackslash{}end\\{document\\}',
    );
    expect(text).not.toMatch(/\\(input|write18|end\{document)/);
    expect(warnings).toEqual([
      'hostile: $\\input{/etc/passwd}$ is printed as text, not math: \\input is not a math command',
    ]);
  });

  it('renders the legend for authorship marks', async () => {
    const database = await databaseFrom(`
owner: {name: Ada Lovelace}
render: {style: ieee}
papers:
  - {id: a, type: journal, title: T, date: 2024, authors: [{name: Ada Lovelace, equal: true}, {name: Bob Bee, equal: true}]}
`);
    const { text } = await latex(database);
    expect(text).toContain('{\\small\\frenchspacing\\noindent\n* equal contribution\n\\par}');
  });
});

describe('LaTeX templates', () => {
  it('names the templates there are when one is missing', async () => {
    await expect(latex(await defaultDatabase(), { template: 'awesome-cv' })).rejects.toThrow(
      /no template "awesome-cv" for latex; templates: fragment, moderncv, moderncv-fragment, standalone/,
    );
  });
});

const tex = toolsAvailable('pdflatex', 'xelatex', 'lualatex', 'pdftotext', 'pdftohtml');

describe.runIf(tex)('LaTeX compiled by TeX', () => {
  function expectAllPapers(pdfText: string, database: Database): void {
    // A page number at a page's foot ("2", moderncv's "2/3") may fall inside a title that
    // runs on to the next page.
    const shown = comparable(pdfText.replace(/\n\d+(?:\/\d+)?\n+\f/g, '\n')).toLowerCase();
    for (const paper of database.papers) {
      expect(shown).toContain(comparable(paper.title).toLowerCase());
    }
  }

  it.each(ENGINES)(
    'out/cv-latex.tex of the default database with %s: 20 titles, the owner bold, links',
    async (engine) => {
      const database = await defaultDatabase();
      const { text, warnings } = await latex(database, { standalone: true });
      expect(warnings).toEqual([]);
      const pdf = compileLatex(text, { engine });
      expectAllPapers(pdf.text, database);
      expect(pdf.text).toContain('Baohao Liao');
      expect(pdf.bold.filter((run) => run.includes('B. Liao')).length).toBeGreaterThanOrEqual(19);
      expect(pdf.bold.filter((run) => /Monz|Dong|Herold/.test(run))).toEqual([]);
      expect(pdf.links).toContain('https://github.com/BaohaoLiao/SAGE');
      expect(pdf.links).toContain('https://doi.org/10.18653/v1/2022.findings-emnlp.106');
      expect(pdf.links).toContain('https://github.com/BaohaoLiao');
      expectNoSentenceSpaces(pdf, 15);
    },
  );

  it('the standalone CV keeps each entry on one page', async () => {
    const database = await defaultDatabase();
    const { text } = await latex(database, { standalone: true });
    const pdf = compileLatex(text, { engine: 'pdflatex' });
    const pages = new Map<string, Set<number>>();
    let entry: string | undefined;
    for (const word of pdf.words) {
      if (/^\[\d+\]$/.test(word.text)) entry = word.text;
      // The page number at the foot, and the year headings, belong to no entry.
      if (!entry || word.yMin > 760 || /^\d{4}$/.test(word.text)) continue;
      pages.set(entry, (pages.get(entry) ?? new Set()).add(word.page));
    }
    expect(pages.size).toBe(20);
    expect(new Set(pdf.words.map((word) => word.page)).size).toBeGreaterThan(1);
    for (const [label, on] of pages) expect([...on], label).toHaveLength(1);
  });

  it.each(ENGINES)('the moderncv CV with %s', async (engine) => {
    const database = await defaultDatabase();
    const { text } = await latex(database, { standalone: true, template: 'moderncv' });
    const pdf = compileLatex(text, { engine });
    expectAllPapers(pdf.text, database);
    expect(pdf.bold.filter((run) => run.includes('B. Liao')).length).toBeGreaterThanOrEqual(19);
    expectNoSentenceSpaces(pdf, 15);
  });

  it('the moderncv CV keeps "page/pages" inside the footer past page 9', async () => {
    const papers = Array.from(
      { length: 400 },
      (_, index) => `
  - id: p${index}
    type: journal
    title: A Study of Long Documents, Part ${index}
    authors: [Ada Lovelace, Bob Bee]
    date: ${2000 + (index % 25)}
    venue: Journal of Pages`,
    ).join('');
    const database = await databaseFrom(
      `owner: {name: Ada Lovelace}\nrender: {style: apa}\npapers:${papers}`,
    );
    const { text } = await latex(database, { standalone: true, template: 'moderncv' });
    const pdf = compileLatex(text, { engine: 'pdflatex' });
    const pages = new Set(pdf.words.map((word) => word.page)).size;
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(pdf.text).toContain(`10/${pages}`);
    expect(pdf.log.split('\n').filter((line) => line.startsWith('Overfull'))).toEqual([]);
  });

  it.each(ENGINES)('the fragment \\input into a plain article with %s', async (engine) => {
    const database = await defaultDatabase();
    const { text } = await latex(database);
    const pdf = compileLatex(articleWith(true, USER_TEXT), {
      engine,
      files: { 'publications.tex': text },
    });
    expectAllPapers(pdf.text, database);
    expect(pdf.links).toContain('https://arxiv.org/abs/2211.04898');
    expectNoSentenceSpaces(pdf, 15, 'here.');
    // The document's own text keeps its spacing: the fragment changes only its lists.
    const userSentence = spaceAfterPeriods(pdf.words).find((space) => space.after === 'here.');
    expect(userSentence?.excess).toBeGreaterThan(1);
  });

  it('the fragment with plain links in a document without hyperref', async () => {
    const database = await defaultDatabase();
    const { text } = await latex(database, { flags: { 'latex-links': 'plain' } });
    const pdf = compileLatex(articleWith(false), {
      engine: 'pdflatex',
      files: { 'publications.tex': text },
    });
    expectAllPapers(pdf.text, database);
    expect(pdf.links).toEqual([]);
    expect(comparable(pdf.text)).toContain(
      comparable('[Code: https://github.com/BaohaoLiao/SAGE]'),
    );
  });

  // Addresses from the HoTT book's bibliography (../shared/corpus), in notes as text and as
  // links: unbroken, the longest ran 171 pt into the margin of out/cv-latex.tex.
  const ADDRESSES = `
owner: {name: Vladimir Voevodsky}
render: {style: apa}
papers:
  - id: universe
    type: other
    title: A universe polymorphic type system
    authors: [Vladimir Voevodsky]
    date: 2012
    note: https://ncatlab.org/ufias2012/files/Universe+polymorphic+type+sytem.pdf
  - id: hlambda
    type: other
    title: A very short note on the homotopy $\\lambda$-calculus
    authors: [Vladimir Voevodsky]
    date: 2006
    note: Available at http://www.math.ias.edu/~vladimir/Site3/Univalent_Foundations_files/Hlambda_short_current.pdf.
  - id: video
    type: talk
    title: Five Stages of Accepting Constructive Mathematics
    authors: [Andrej Bauer]
    date: 2013
    note: http://video.ias.edu/members/1213/0318-AndrejBauer
  - id: wtypes
    type: journal
    title: W-types in homotopy type theory
    authors: [Benno van den Berg, Ieke Moerdijk]
    date: 2015
    venue: Mathematical Structures in Computer Science
    doi: 10.1017/S0960129514000516
    url: http://en.wikipedia.org/wiki/Homotopy_groups_of_spheres#Table
`;

  it.each([
    ['the standalone CV', 'standalone'],
    ['the moderncv CV', 'moderncv'],
  ])('%s breaks long addresses, in notes and in links, inside the line', async (_, template) => {
    const database = await databaseFrom(ADDRESSES);
    const { text } = await latex(database, {
      standalone: true,
      ...(template === 'moderncv' ? { template } : {}),
    });
    const pdf = compileLatex(text, { engine: 'pdflatex' });
    expect(pdf.log.split('\n').filter((line) => line.startsWith('Overfull'))).toEqual([]);
    const shown = pdf.text.replace(/\s+/g, '');
    for (const address of [
      'https://ncatlab.org/ufias2012/files/Universe+polymorphic+type+sytem.pdf',
      'http://www.math.ias.edu/~vladimir/Site3/Univalent_Foundations_files/Hlambda_short_current.pdf.',
      'http://video.ias.edu/members/1213/0318-AndrejBauer',
      'https://doi.org/10.1017/S0960129514000516',
    ]) {
      expect(shown).toContain(address);
    }
    expect(pdf.links).toContain('https://doi.org/10.1017/S0960129514000516');
  });

  // moderncv without --standalone is its fragment.
  it.each(['fragment', 'moderncv-fragment', 'moderncv'])(
    'the %s template \\input into moderncv',
    async (template) => {
      const database = await defaultDatabase();
      const { text } = await latex(database, { template });
      const pdf = compileLatex(moderncvWith(), {
        engine: 'pdflatex',
        files: { 'publications.tex': text },
      });
      expectAllPapers(pdf.text, database);
      expectNoSentenceSpaces(pdf, 15);
    },
  );

  const MARKS = `
owner: {name: Ada Lovelace}
render: {style: ieee}
papers:
  - id: marks
    type: journal
    title: Marked Authors
    date: 2024
    authors: [{name: Ada Lovelace, equal: true}, {name: Bob Bee, equal: true, corresponding: true}]
`;

  it.each([
    ['the fragment', 'fragment'],
    ['the standalone CV', 'standalone'],
    ['the moderncv CV', 'moderncv'],
  ])('%s prints one legend item per line', async (_, template) => {
    const { text } = await latex(await databaseFrom(MARKS), {
      standalone: template !== 'fragment',
      ...(template === 'moderncv' ? { template } : {}),
    });
    const pdf =
      template === 'fragment'
        ? compileLatex(articleWith(true), {
            engine: 'pdflatex',
            files: { 'publications.tex': text },
          })
        : compileLatex(text, { engine: 'pdflatex' });
    const lines = pdf.text.split('\n').map((line) => line.trim());
    expect(lines).toContain('* equal contribution');
    expect(lines).toContain('† corresponding author');
  });

  const OWNER = `
owner:
  name: Jan van der Berg
  position: PhD candidate & TA
  affiliation: Universität für 100% Informatik
  email: jan_berg+cv@example.org
  website: https://example.org/~jan/cv?x=1#top
  orcid: 0000-0002-1825-0097
  github: jan-berg
render: {style: ieee}
papers:
  - {id: a, type: journal, title: A Paper, authors: [Jan van der Berg], date: 2024}
`;

  it.each([
    ['standalone', ['Jan van der Berg', 'PhD candidate & TA', 'Universität für 100% Informatik']],
    // moderncv sets the title beside the contact column: pdftotext reads them interleaved.
    ['moderncv', ['Jan van der Berg', 'PhD candidate & TA, Universität', 'für 100% Informatik']],
  ])(
    'the %s header shows the owner with e-mail, website, ORCID and GitHub as links',
    async (template, lines) => {
      const { text } = await latex(await databaseFrom(OWNER), { standalone: true, template });
      const pdf = compileLatex(text, { engine: 'pdflatex' });
      for (const line of lines) expect(comparable(pdf.text)).toContain(comparable(line));
      expect(comparable(pdf.text)).toContain(comparable('jan_berg+cv@example.org'));
      expect(pdf.links).toEqual(
        expect.arrayContaining([
          'mailto:jan_berg+cv@example.org',
          'https://example.org/%7Ejan/cv?x=1#top',
          'https://orcid.org/0000-0002-1825-0097',
          'https://github.com/jan-berg',
        ]),
      );
    },
  );

  it.each(['standalone', 'moderncv'])(
    "the %s header keeps the owner's name suffix (moderncv's \\name has given and family)",
    async (template) => {
      const database = await databaseFrom(
        OWNER.replace('name: Jan van der Berg', "name: 'Martin Luther King, Jr.'").replace(
          'authors: [Jan van der Berg]',
          "authors: ['Martin Luther King, Jr.']",
        ),
      );
      const { text } = await latex(database, { standalone: true, template });
      const pdf = compileLatex(text, { engine: 'pdflatex' });
      expect(comparable(pdf.text)).toContain(comparable('Martin Luther King, Jr.'));
    },
  );

  const hostileCases: [string, Engine][] = [
    ...ENGINES.map((engine): [string, Engine] => ['standalone', engine]),
    ['moderncv', 'pdflatex'],
  ];
  it.each(hostileCases)(
    'hostile text prints literally in the %s CV with %s',
    async (template, engine) => {
      const { text } = await latex(
        await databaseFrom(HOSTILE),
        { standalone: true, template },
        { title: HOSTILE_HEADING },
      );
      const pdf = compileLatex(text, { engine });
      const shown = comparable(pdf.text);
      expect(shown).toContain(comparable(HOSTILE_HEADING));
      if (template === 'standalone') {
        expect(comparable(pdf.title)).toBe(comparable(`${HOSTILE_OWNER}: ${HOSTILE_HEADING}`));
      }
      expect(shown).toContain(comparable(HOSTILE_OWNER));
      expect(shown).toContain(comparable('\\input{/etc/passwd} ^^5c'));
      expect(shown).toContain(comparable(HOSTILE_TITLE));
      expect(shown).toContain(comparable('J. of $\\input{/etc/passwd}$ & \\write18{x}'));
      expect(shown).toContain(comparable('} unbalanced { braces % ^^5c'));
      expect(shown).toContain(comparable('\\end{document}'));
    },
  );

  it.each(['xelatex', 'lualatex'] as const)(
    'math, Greek, accents and CJK with %s',
    async (engine) => {
      const { text } = await latex(await databaseFrom(UNICODE), { standalone: true });
      expect(text).toContain(
        '\\publistcjk{深\\publistcjkbreak{}度\\publistcjkbreak{}学\\publistcjkbreak{}习}',
      );
      expect(text).toContain('Noto Serif CJK SC');
      const pdf = compileLatex(text, { engine });
      expect(comparable(pdf.text)).toContain(
        comparable('The τ-Norm of α-Stable ∅-Sets: 深度学习 in Göbbert’s Łódź ?'),
      );
      expect(comparable(pdf.text)).toContain(comparable('王小明'));
      expect(comparable(pdf.text)).toContain(comparable('И. Петров'));
      expect(comparable(pdf.text)).toContain(comparable('Journal of Ünïcödé, Русский и Հայերեն ?'));
    },
  );

  const emojiCases: [string, Engine][] = [
    ...ENGINES.flatMap((engine) =>
      ['fragment', 'standalone'].map((template): [string, Engine] => [template, engine]),
    ),
    ['moderncv', 'lualatex'],
  ];
  it.each(emojiCases)(
    'characters no font has print as a mark in the %s with %s, with a warning',
    async (template, engine) => {
      const { text, warnings } = await latex(await databaseFrom(EMOJI), {
        standalone: template !== 'fragment',
        ...(template === 'moderncv' ? { template } : {}),
      });
      expect(warnings).toEqual([
        'heading X: no font of the LaTeX output has 🙂 (U+1F642); it prints as a boxed ? (\\publistmissing)',
        'smiles: publist cannot print Egyptian Hieroglyphs (𓂀) in LaTeX: no font of its LaTeX output has this script, so each letter prints as a boxed ? (\\publistmissing) with every engine',
        'smiles: no font of the LaTeX output has 🙂 (U+1F642) 👍🏽 (U+1F44D U+1F3FD) 🇩🇪 (U+1F1E9 U+1F1EA) 👨‍👩‍👧 (U+1F468 U+200D U+1F469 U+200D U+1F467) ❤ (U+2764); it prints as a boxed ? (\\publistmissing)',
        'owner: no font of the LaTeX output has 🙂 (U+1F642); it prints as a boxed ? (\\publistmissing)',
      ]);
      const pdf =
        template === 'fragment'
          ? compileLatex(articleWith(true), { engine, files: { 'publications.tex': text } })
          : compileLatex(text, { engine });
      const shown = comparable(pdf.text);
      expect(shown).toContain(comparable('Topic ?'));
      expect(shown).toContain(comparable('Smiles ? everywhere: ? ? ? ? ?'));
      expect(shown).toContain(comparable('Journal of ?'));
      if (template !== 'fragment') expect(shown).toContain(comparable('Ada ? Lovelace'));
    },
  );

  it('tells a pdflatex user of a CV with CJK to use xelatex or lualatex', async () => {
    const { text } = await latex(await databaseFrom(UNICODE), { standalone: true });
    expect(() => compileLatex(text, { engine: 'pdflatex' })).toThrow(
      /Package publist Error: This CV has CJK text/,
    );
  });

  /** Titles, authors and venues from TeX specials, spaces and Unicode that every engine has. */
  const hostileText = fc
    .array(
      fc.constantFrom(
        ...'\\{}$&#^_%~<>|"[]`\'-,!?@*/:;=.()0123456789aZ '.split(''),
        '\\input',
        '\\end{document}',
        '^^5c',
        '$\\tau$',
        '$\\input{x}$',
        'é',
        'ß',
        'τ',
        '∅',
        '“',
        '–',
        '\n',
      ),
      { minLength: 1, maxLength: 30 },
    )
    .map((parts) => parts.join(''))
    .filter((value) => /\S/.test(value));

  it.each(['pdflatex', 'lualatex'] as Engine[])(
    'random hostile titles, authors and venues compile with %s and print their text',
    async (engine) => {
      const samples = fc.sample(fc.tuple(hostileText, hostileText, hostileText), {
        numRuns: 12,
        seed: engine === 'pdflatex' ? 4 : 5,
      });
      const papers = samples
        .map(
          ([title, author, venue], index) => `
  - id: p${index}
    type: journal
    title: ${JSON.stringify(title)}
    authors: [{literal: ${JSON.stringify(author)}}]
    venue: ${JSON.stringify(venue)}
    date: 2024`,
        )
        .join('');
      const database = await databaseFrom(
        `owner: {name: Ada Lovelace}\nrender: {style: ieee}\npapers:${papers}\n`,
      );
      const { text } = await latex(database, { standalone: true });
      const shown = comparable(compileLatex(text, { engine }).text);
      // The PDF shows what the style made of each entry: math that passed the check is
      // typeset (and not compared), everything else literally, refused math included.
      const settings = resolveSettings(database.render);
      const cited = await new CitationCache().cite(
        database,
        selectPapers(database, settings),
        settings,
      );
      for (const entry of cited.groups.flatMap((group) => group.entries)) {
        const typesetMath = '\u0000';
        const printed = plainText(entry.text, (tex) =>
          checkMath(tex).ok ? typesetMath : `$${tex}$`,
        );
        for (const piece of printed.split(typesetMath)) expect(shown).toContain(comparable(piece));
      }
    },
  );
});
