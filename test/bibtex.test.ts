import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAPER_TYPES } from '../src/model/vocabulary.js';
import { CORPUS } from './support/corpus.js';
import { databaseFrom, importedDatabase, renderText } from './support/database.js';
import { DEFAULT_DB } from './support/cli.js';
import { loadDatabase } from '../src/pipeline.js';
import { comparable, compileLatex, ENGINES } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

const FULL = `
owner:
  name: Ada Lovelace
topics:
  CL: Computation and Language
  LG: Machine Learning
papers:
  - id: lovelace2024full
    type: workshop
    title: 'The $\\tau$-LLM Benchmark: 100% Göbbert & Søgaard'
    authors:
      - {given: Ada, family: Lovelace, equal: true, orcid: 0000-0002-1825-0097}
      - {name: Jan van der Berg, equal: true, corresponding: true}
      - {family: Hopper, given: Grace, suffix: Jr.}
      - {literal: 'Acme Research, Inc.'}
      - Ömer Öztürk
    et_al: true
    editors: [Charles Babbage]
    date: 2024-03-05
    venue: 'Workshop on Things & Stuff'
    volume: 12
    issue: 3
    pages: 1-10
    publisher: ACL
    location: Vienna, Austria
    isbn: 978-3-16-148410-0
    doi: 10.1000/xyz_123
    arxiv: '2403.01234'
    url: https://example.org/paper?id=1&v=2
    pdf: https://example.org/paper.pdf
    code: https://github.com/ada/x_y
    slides: https://example.org/slides
    video: https://example.org/video
    poster: https://example.org/poster
    abstract: We show $x^2 \\geq 0$ for 50% of cases.
    topics: [CL, LG]
    org: analytical-engines
    note: Extended version
    award: Best Paper
    selected: true
    status: to appear
    extra:
      abbr: WTS
      file: notes_v2.pdf
`;

const HOSTILE_TITLE =
  'Escaping \\input{/etc/passwd} and \\write18{touch /tmp/pwned} in 100% of cases & #1 ~ ^ _ { } \\\\ \\end{document}';

const HOSTILE = `
owner: {name: Ada Lovelace}
papers:
  - id: hostile
    type: journal
    title: ${JSON.stringify(HOSTILE_TITLE)}
    authors: ['Jens Henrik Göbbert', 'Jan van der Berg', '{Robert} \\end{document}']
    date: 2024
    venue: 'J. of $\\input{/etc/passwd}$ & \\write18{x}'
    note: '} unbalanced { braces %'
`;

describe('BibTeX export', () => {
  it('writes every field of the model where BibTeX styles and importers look for it', async () => {
    const { text, warnings } = await renderText(await databaseFrom(FULL), { format: 'bibtex' });
    expect(warnings).toEqual([]);
    expect(text).toBe(`% 1 entry exported by publist from papers.yaml (BibTeX)

@inproceedings{lovelace2024full,
  title = {The {$\\tau$}-{LLM} Benchmark: 100\\% {G{\\"{o}}bbert} \\& {S{\\o}gaard}},
  author = {Lovelace, Ada and van der Berg, Jan and Hopper, Jr., Grace and {Acme Research, Inc.} and {\\"{O}}zt{\\"{u}}rk, {\\"{O}}mer and others},
  author+an = {1=equal; 2=equal,corresponding},
  author+an:orcid = {1="0000-0002-1825-0097"},
  editor = {Babbage, Charles},
  year = {2024},
  month = mar,
  day = {5},
  booktitle = {Workshop on Things \\& Stuff},
  volume = {12},
  number = {3},
  pages = {1-10},
  publisher = {ACL},
  address = {Vienna, Austria},
  isbn = {978-3-16-148410-0},
  doi = {10.1000/xyz_123},
  eprint = {2403.01234},
  archiveprefix = {arXiv},
  url = {https://example.org/paper?id=1&v=2},
  entrysubtype = {workshop},
  pubstate = {to appear},
  note = {Extended version},
  keywords = {CL, LG},
  abstract = {We show {$x^2 \\geq 0$} for 50\\% of cases.},
  pdf = {https://example.org/paper.pdf},
  code = {https://github.com/ada/x_y},
  slides = {https://example.org/slides},
  video = {https://example.org/video},
  poster = {https://example.org/poster},
  award = {Best Paper},
  org = {analytical-engines},
  selected = {true},
  abbr = {WTS},
  file = {notes\\_v2.pdf},
}
`);
  });

  it('braces the names of a sentence-case title, and only inner capitals in title case', async () => {
    const { text } = await renderText(
      await databaseFrom(`
owner: {name: Ada Lovelace}
papers:
  - id: sentence
    type: journal
    title: 'Bayesian inference for Einstein field equations at the LHC: a survey of GPT-based models'
    date: 2024
  - id: titlecase
    type: journal
    title: 'Mask More and Mask Later: Efficient Pre-training of Masked Language Models'
    date: 2024
`),
      { format: 'bibtex' },
    );
    expect(text).toContain(
      '  title = {Bayesian inference for {Einstein} field equations at the {LHC}: a survey of {GPT}-based models},\n',
    );
    expect(text).toContain(
      '  title = {Mask More and Mask Later: Efficient Pre-training of Masked Language Models},\n',
    );
  });

  it('braces the names of a title-case title, and no other word', async () => {
    const { text } = await renderText(
      await databaseFrom(`
owner: {name: Ada Lovelace}
papers:
  - id: hedberg
    type: conference
    title: "Generalizations of Hedberg's Theorem"
    date: 2013
  - id: takeuti
    type: other
    title: A Generalization of Takeuti-Gandy Interpretation
    date: 2013
  - id: markov
    type: journal
    title: 'Bayesian Pretraining of Markov Models for Tokenization: Part II and Green''s Functions in Martin-Löf Type Theory'
    date: 2024
  - id: plain
    type: journal
    title: 'Finetuning Multimodal Transformers with Self-Supervised Embeddings: Is It Worth It?'
    date: 2024
  - id: terms
    type: journal
    title: Quantum Automata and Unary Languages on Graphene Qubits
    date: 2020
  - id: compounds
    type: journal
    title: 'Deep Q-Learning for X-Ray Imaging, E-Commerce, K-Means, Hidden Markov-Chain Models and Gaussian-Process Priors'
    date: 2020
  - id: german
    type: journal
    title: Die Widerspruchsfreiheit der reinen Zahlentheorie
    language: de
    date: 1936
`),
      { format: 'bibtex' },
    );
    expect(text).toContain("  title = {Generalizations of {Hedberg's} Theorem},\n");
    expect(text).toContain('  title = {A Generalization of {Takeuti}-{Gandy} Interpretation},\n');
    expect(text).toContain(
      '  title = {Bayesian Pretraining of {Markov} Models for Tokenization: Part {II} and {Green\'s} Functions in {Martin}-{L{\\"{o}}f} Type Theory},\n',
    );
    expect(text).toContain(
      '  title = {Finetuning Multimodal Transformers with Self-Supervised Embeddings: Is It Worth It?},\n',
    );
    // Terms no word list knows are no names: braced, they would keep their capitals.
    expect(text).toContain(
      '  title = {Quantum Automata and Unary Languages on Graphene Qubits},\n',
    );
    // In a compound, only the parts that are names themselves, or a label's letter.
    expect(text).toContain(
      '  title = {Deep {Q}-Learning for {X}-Ray Imaging, {E}-Commerce, {K}-Means, Hidden {Markov}-Chain Models and {Gaussian}-Process Priors},\n',
    );
    // English word lists tell nothing of German nouns: every capital is kept.
    expect(text).toContain('  title = {Die {Widerspruchsfreiheit} der reinen {Zahlentheorie}},\n');
  });

  it('writes UTF-8 and ISO dates for biber', async () => {
    const { text } = await renderText(await databaseFrom(FULL), { format: 'biblatex' });
    expect(text).toContain(
      '  title = {The {$\\tau$}-{LLM} Benchmark: 100\\% {Göbbert} \\& {Søgaard}},\n',
    );
    expect(text).toContain('and Öztürk, Ömer and others},\n');
    expect(text).toContain(
      '  date = {2024-03-05},\n  booktitle = {Workshop on Things \\& Stuff},\n',
    );
    expect(text).toContain('  location = {Vienna, Austria},\n');
    expect(text).toContain('  eprint = {2403.01234},\n  eprinttype = {arxiv},\n');
    expect(text).not.toMatch(/year =|month =|archiveprefix/);
  });

  it('tells every model type apart', async () => {
    const papers = PAPER_TYPES.map(
      (type) => `  - {id: p-${type}, type: ${type}, title: T, authors: [A B], date: 2020}`,
    ).join('\n');
    const database = await databaseFrom(`owner: {name: A B}\npapers:\n${papers}\n`);
    const types = async (format: string) => {
      const { text } = await renderText(database, { format, overrides: { sort: 'title' } });
      return Object.fromEntries(
        [...text.matchAll(/@(\w+)\{p-([\w-]+),[^@]*?(?:entrysubtype = \{([\w-]+)\}|\n\})/g)].map(
          (match) => [match[2], `${match[1]}${match[3] ? `/${match[3]}` : ''}`],
        ),
      );
    };
    expect(await types('bibtex')).toEqual({
      conference: 'inproceedings',
      journal: 'article',
      workshop: 'inproceedings/workshop',
      'shared-task': 'inproceedings/shared-task',
      preprint: 'misc/preprint',
      thesis: 'phdthesis',
      book: 'book',
      chapter: 'incollection',
      report: 'techreport',
      talk: 'misc/talk',
      poster: 'misc/poster',
      software: 'misc/software',
      dataset: 'misc/dataset',
      patent: 'misc/patent',
      other: 'misc',
    });
    expect(await types('biblatex')).toMatchObject({
      thesis: 'thesis',
      report: 'report',
      software: 'software',
      dataset: 'dataset',
      patent: 'patent',
      preprint: 'misc/preprint',
    });
  });

  it('braces what BibTeX would misread in names', async () => {
    const database = await databaseFrom(`
owner: {name: A B}
papers:
  - id: names
    type: journal
    title: T
    authors:
      - {family: de la Fuente, given: Ana}
      - {family: García Márquez}
      - {family: Smith and Wesson, given: Co}
      - Ludwig van Beethoven
    date: 2020
`);
    const { text } = await renderText(database, { format: 'biblatex' });
    expect(text).toContain(
      'author = {{de la Fuente}, Ana and {García Márquez} and {Smith and Wesson}, Co and van Beethoven, Ludwig},',
    );
  });

  it('writes ISO years biber reads, BC counted astronomically, and no empty author list', async () => {
    const database = await databaseFrom(`
owner: {name: A B}
papers:
  - {id: beowulf, type: book, title: Beowulf, date: -800, editors: [Seamus Heaney]}
  - {id: opticks, type: book, title: Opticks, authors: [Isaac Newton], date: 170}
`);
    const { text } = await renderText(database, { format: 'biblatex' });
    expect(text).toContain(
      '@book{beowulf,\n  title = {Beowulf},\n  editor = {Heaney, Seamus},\n  date = {-0799},\n}',
    );
    expect(text).toContain('  date = {0170},\n');
    const bib = await renderText(database, { format: 'bibtex' });
    expect(bib.text).toContain('  year = {-800},\n');
    expect(bib.text).not.toContain('author = {}');
  });

  it('leaves out extra fields that would clash, and says so', async () => {
    const database = await databaseFrom(`
owner: {name: A B}
papers:
  - id: clash
    type: journal
    title: T
    authors: [A B]
    date: 2020
    extra: {Title: other, 'bad name': x, type: habilitation}
`);
    const { text, warnings } = await renderText(database, { format: 'bibtex' });
    expect(warnings).toEqual([
      'clash: extra field `Title` is also a field of the paper; left out',
      'clash: extra field `bad name` is not a BibTeX field name; left out',
    ]);
    expect(text).toContain('  type = {habilitation},\n');
  });

  it('keeps escapes out of the file: no title, author, venue or note runs TeX', async () => {
    const { text, warnings } = await renderText(await databaseFrom(HOSTILE), { format: 'bibtex' });
    expect(text).toContain(
      'title = {Escaping \\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{} and \\textbackslash{}write18\\textbraceleft{}touch /tmp/pwned\\textbraceright{} in 100\\% of cases \\& \\#1 \\textasciitilde{} \\textasciicircum{} \\_ \\textbraceleft{} \\textbraceright{} \\textbackslash{}\\textbackslash{} \\textbackslash{}end\\textbraceleft{}document\\textbraceright{}}',
    );
    expect(text).toContain('journal = {J. of \\$\\textbackslash{}input');
    expect(warnings).toEqual([
      'hostile: $\\input{/etc/passwd}$ is printed as text, not math: \\input is not a math command',
    ]);
  });
});

const tex = toolsAvailable('pdflatex', 'xelatex', 'lualatex', 'bibtex', 'biber', 'pdftotext');

/** A document that cites everything in publications.bib, with BibTeX or biblatex/biber. */
function citingDocument(kind: 'bibtex' | 'biber'): string {
  const bibliography =
    kind === 'bibtex'
      ? '\\nocite{*}\\bibliographystyle{plain}\\bibliography{publications}'
      : '\\nocite{*}\\printbibliography';
  return `\\documentclass{article}
\\usepackage{iftex}
\\ifPDFTeX\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\else\\usepackage{fontspec}\\fi
\\usepackage{amssymb}
\\usepackage{url}
${kind === 'biber' ? '\\usepackage[backend=biber]{biblatex}\\addbibresource{publications.bib}' : ''}
\\begin{document}
${bibliography}
\\end{document}
`;
}

describe.runIf(tex)('the exports compiled by bibtex and biber', () => {
  const cases = ENGINES.flatMap((engine) =>
    (['bibtex', 'biber'] as const).map((kind) => ({
      engine,
      kind,
      format: kind === 'bibtex' ? 'bibtex' : 'biblatex',
    })),
  );
  // Each export also works with the other tool: biblatex users often keep a BibTeX file.
  const crossed = [
    { engine: 'pdflatex', kind: 'biber', format: 'bibtex' },
    { engine: 'pdflatex', kind: 'bibtex', format: 'biblatex' },
  ] as const;

  it.each([...cases, ...crossed])(
    'the $format export of the default database through $kind with $engine shows all 20 papers',
    async ({ engine, kind, format }) => {
      const { database } = await loadDatabase(DEFAULT_DB);
      const { text: bib } = await renderText(database, { format });
      expect(bib.match(/^@\w+\{/gm)).toHaveLength(20);
      const pdf = compileLatex(citingDocument(kind), {
        engine,
        bibliography: kind,
        files: { 'publications.bib': bib },
      });
      // plain.bst puts titles in sentence case; what is braced keeps its capitals.
      const shown = comparable(pdf.text).toLowerCase();
      for (const paper of database.papers) {
        expect(shown).toContain(comparable(paper.title).toLowerCase());
      }
      expect(comparable(pdf.text)).toContain(comparable('Baohao Liao'));
      expect(comparable(pdf.text)).toContain(comparable('Jens Henrik Göbbert'));
      // Classic styles ignore eprint: a preprint shows its arXiv id all the same (biblatex
      // prints eprint; the BibLaTeX export through a classic style is the user's choice).
      if (format === 'bibtex' || kind === 'biber') {
        for (const paper of database.papers.filter((each) => each.type === 'preprint')) {
          expect(pdf.text.replace(/\s+/g, '')).toContain(`arXiv:${paper.arxiv}`);
        }
      }
      // Sentence case as BibTeX makes it: a compound is not protected for being capitalised.
      if (kind === 'bibtex') {
        expect(pdf.text.replace(/\s+/g, ' ')).toContain('Self-hinting language models');
      }
    },
  );

  /**
   * The titles of `bib` as a document citing them shows them, comparable: plain.bst lowers
   * titles itself; biblatex's styles do with \MakeSentenceCase*.
   */
  function shownInSentenceCase(bib: string, kind: 'bibtex' | 'biber'): string {
    const document = citingDocument(kind).replace(
      '\\begin{document}',
      kind === 'biber'
        ? '\\DeclareFieldFormat{titlecase}{\\MakeSentenceCase*{#1}}\n\\begin{document}'
        : '\\begin{document}',
    );
    const pdf = compileLatex(document, {
      engine: 'pdflatex',
      bibliography: kind,
      files: { 'publications.bib': bib },
    });
    return comparable(pdf.text);
  }

  /** The HoTT book's bibliography (../shared/corpus) imported into an empty database. */
  async function importedHottBook() {
    const files = [join(CORPUS, 'thesis-book-mixed-math.bib')];
    return (await importedDatabase(files, 'owner: {name: Thierry Coquand}\n')).database;
  }

  it.each(['bibtex', 'biber'] as const)(
    'names braced in the imported .bib keep their capitals through %s, in sentence case',
    async (kind) => {
      const database = await importedHottBook();
      // Generalizations of {H}edberg's Theorem; A Generalization of {T}akeuti-{G}andy
      // Interpretation; and, with nothing braced, Extensional Equality in Intensional Type Theory.
      const ids = ['krausgeneralizations', 'coquand2012constructive', 'Altenkirch1999'];
      const papers = database.papers.filter((paper) => ids.includes(paper.id));
      expect(papers).toHaveLength(3);
      const { text: bib } = await renderText(
        { ...database, papers },
        { format: kind === 'bibtex' ? 'bibtex' : 'biblatex' },
      );
      const shown = shownInSentenceCase(bib, kind);
      expect(shown).toContain(comparable("Generalizations of Hedberg's theorem"));
      expect(shown).toContain(comparable('A generalization of Takeuti-Gandy interpretation'));
      expect(shown).toContain(comparable('Extensional equality in intensional type theory'));
    },
  );

  it.each(['bibtex', 'biber'] as const)(
    'terms in a title-case title are lowered through %s, names keep their capitals',
    async (kind) => {
      const { text: bib } = await renderText(
        await databaseFrom(`
owner: {name: Ada Lovelace}
papers:
  - {id: terms, type: journal, date: 2020, title: Quantum Automata and Unary Languages on Graphene Qubits}
  - {id: words, type: journal, date: 2020, title: Softmax Bottlenecks in Chatbot Tokenizer Design via Eigenvector Homotopy}
  - {id: compounds, type: journal, date: 2020, title: 'Deep Q-Learning for X-Ray Imaging and Hidden Markov-Chain Models'}
  - {id: names, type: journal, date: 2020, title: "Gaussian-Process Priors in Martin-Löf Type Theory and Hedberg's Theorem"}
`),
        { format: kind === 'bibtex' ? 'bibtex' : 'biblatex' },
      );
      const shown = shownInSentenceCase(bib, kind);
      for (const title of [
        'Quantum automata and unary languages on graphene qubits',
        'Softmax bottlenecks in chatbot tokenizer design via eigenvector homotopy',
        'Deep Q-learning for X-ray imaging and hidden Markov-chain models',
        "Gaussian-process priors in Martin-Löf type theory and Hedberg's theorem",
      ]) {
        expect(shown).toContain(comparable(title));
      }
    },
  );

  it.each(cases)(
    'hostile text through $kind with $engine prints literally',
    async ({ engine, kind }) => {
      const { text: bib } = await renderText(await databaseFrom(HOSTILE), {
        format: kind === 'bibtex' ? 'bibtex' : 'biblatex',
      });
      const pdf = compileLatex(citingDocument(kind), {
        engine,
        bibliography: kind,
        files: { 'publications.bib': bib },
      });
      const shown = comparable(pdf.text);
      expect(shown).toContain(comparable(HOSTILE_TITLE));
      expect(shown).toContain(comparable('J. of $\\input{/etc/passwd}$ & \\write18{x}'));
      expect(shown).toContain(comparable('} unbalanced { braces %'));
      expect(shown).toContain(comparable('{Robert} \\end{document}'));
    },
  );
});

describe.runIf(toolsAvailable('biber'))('biber reads the BibLaTeX export back', () => {
  it('with every name part and authorship mark where the model has it', async () => {
    const { text: bib } = await renderText(await databaseFrom(FULL), { format: 'biblatex' });
    const folder = mkdtempSync(join(tmpdir(), 'publist-biber-'));
    try {
      writeFileSync(join(folder, 'in.bib'), bib);
      const result = spawnSync(
        'biber',
        ['--tool', '--output-format=biblatexml', '--output-file=out.xml', 'in.bib'],
        { cwd: folder, encoding: 'utf8' },
      );
      expect(result.status).toBe(0);
      const xml = readFileSync(join(folder, 'out.xml'), 'utf8');
      const names = [...xml.matchAll(/<bltx:name>([\s\S]*?)<\/bltx:name>/g)].map((match) =>
        Object.fromEntries(
          [
            ...(match[1] ?? '').matchAll(
              /<bltx:namepart type="(\w+)"[^>]*>([\s\S]*?)<\/bltx:namepart>\s*(?=<bltx:namepart type|$)/g,
            ),
          ].map((part) => [
            part[1],
            (part[2] ?? '')
              .replace(/<[^>]+>/g, ' ')
              .replace(/\s+/g, ' ')
              .trim(),
          ]),
        ),
      );
      expect(names).toEqual([
        { family: 'Lovelace', given: 'Ada' },
        { family: 'Berg', given: 'Jan', prefix: 'van der' },
        { family: 'Hopper', given: 'Grace', suffix: 'Jr.' },
        { family: 'Acme Research, Inc.' },
        { family: 'Öztürk', given: 'Ömer' },
        { family: 'Babbage', given: 'Charles' },
      ]);
      expect(xml).toContain('<bltx:names type="author" morenames="1">');
      expect(xml).toContain(
        '<bltx:annotation field="author" name="default" item="2" literal="0">equal,corresponding</bltx:annotation>',
      );
      expect(xml).toContain(
        '<bltx:annotation field="author" name="orcid" item="1" literal="1">0000-0002-1825-0097</bltx:annotation>',
      );
      expect(xml).toContain('<bltx:date>2024-03-05</bltx:date>');
      expect(xml).toContain('<bltx:entrysubtype>workshop</bltx:entrysubtype>');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
