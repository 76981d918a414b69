/**
 * The CSL-JSON export and import: export -> import gives the same papers, for every type and
 * field of the model (a property over generated papers); what pandoc and Zotero write reads
 * into the right fields (a book's series is its venue, pandoc's "and others" is `et_al`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBibtex } from '../src/import/bibtex.js';
import { readCslJson } from '../src/import/csl-json.js';
import { readRis } from '../src/import/ris.js';
import type { Database, Paper } from '../src/model/paper.js';
import { GENRES, PAPER_TYPES } from '../src/model/vocabulary.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { toCslJson } from '../src/write/csl-json.js';
import { importedDatabase } from './support/database.js';
import { toolsAvailable } from './support/tools.js';

const DATABASE_HEAD = `owner:\n  name: Ada Lovelace\ntopics:\n  CL: Computation and Language\n  LG: Machine Learning\n`;

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'publist-csl-json-')), name);
  writeFileSync(file, text);
  return file;
}

async function databaseOf(papers: object[]): Promise<Database> {
  const file = tempFile('papers.yaml', `${DATABASE_HEAD}papers: ${JSON.stringify(papers)}\n`);
  return validateDatabase(parseSource(file, readFileSync(file, 'utf8')));
}

async function exportAndImport(database: Database): Promise<Paper[]> {
  const { content } = await renderDatabase(database, { format: 'csl-json' });
  const exported = tempFile('export.json', String(content));
  return (await importedDatabase([exported], DATABASE_HEAD)).database.papers;
}

/**
 * CSL has one variable for a book's number in its series: a book in a series with a
 * `volume` and no `issue` is numbered by that volume ("volume 141 of Studies in Logic"), and
 * comes back with it as its `issue`.
 */
function asCslHoldsIt(paper: Paper): Paper {
  const inSeries = ['book', 'software', 'dataset'].includes(paper.type) && paper.venue;
  if (!inSeries || paper.volume === undefined || paper.issue !== undefined) return paper;
  const { volume, ...rest } = paper;
  return { ...rest, issue: volume };
}

/** Numbers and numeric text are one value to CSL ("12" and 12). */
const numbersAsText = (paper: Paper) => ({
  ...paper,
  ...(paper.volume !== undefined ? { volume: String(paper.volume) } : {}),
  ...(paper.issue !== undefined ? { issue: String(paper.issue) } : {}),
  ...(paper.pages !== undefined ? { pages: String(paper.pages) } : {}),
});

function expectSamePapers(before: readonly Paper[], after: readonly Paper[]): void {
  const byId = new Map(after.map((paper) => [paper.id, paper]));
  expect([...byId.keys()].sort()).toEqual(before.map((paper) => paper.id).sort());
  for (const paper of before) {
    expect(numbersAsText(byId.get(paper.id) as Paper), paper.id).toEqual(
      numbersAsText(asCslHoldsIt(paper)),
    );
  }
}

/** Text as the model holds it: one line, no markup CSL would read (`<i>`), something visible. */
const text = (maxLength: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    .map((value) =>
      value
        .replace(/[\p{Cc}\p{Cf}\u2028\u2029<>]/gu, '')
        .normalize('NFC')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((value) => /\p{L}/u.test(value));

const word = fc.stringMatching(/^[A-Z][a-zäöüéñ]{1,8}$/);
const author = fc.oneof(
  fc.record(
    {
      family: fc.oneof(
        word,
        fc.tuple(word, word).map(([a, b]) => `${a}-${b}`),
        fc.constantFrom('猪八戒', 'van der Berg', "O'Neil"),
      ),
      given: word,
      suffix: fc.constantFrom('Jr.', 'III'),
      equal: fc.constant(true),
      corresponding: fc.constant(true),
      orcid: fc.constant('0000-0002-1825-0097'),
    },
    { requiredKeys: ['family'] },
  ),
  word.map((name) => ({ literal: `${name} Institute` })),
);

const link = (path: string) =>
  fc.stringMatching(/^[a-z0-9]{1,8}$/).map((end) => `https://example.org/${path}/${end}`);

/** `extra` as the imports fill it: CSL variables under their import names, and others. */
const extra = fc.dictionary(
  fc.constantFrom(
    'abbr',
    'mrclass',
    'series',
    'edition',
    'issn',
    'pmid',
    'shortjournal',
    'shorttitle',
  ),
  text(20),
  { minKeys: 1, maxKeys: 3 },
);
const dates = fc.dictionary(
  fc.constantFrom('urldate', 'origdate'),
  fc.constantFrom('2019-04-11', '2021-05', '1905', 'May 2021'),
  { minKeys: 1, maxKeys: 2 },
);

const paper = fc
  .record(
    {
      type: fc.constantFrom(...PAPER_TYPES),
      // A keyword, printed in the output's language, or words printed as written.
      genre: fc.oneof(
        fc.constantFrom(...GENRES),
        fc.constantFrom('Doctoral dissertation', 'Habilitationsschrift', 'Poster presentation'),
        text(20),
      ),
      title: text(40),
      authors: fc.array(author, { minLength: 1, maxLength: 4 }),
      et_al: fc.constant(true),
      editors: fc.array(author, { minLength: 1, maxLength: 2 }),
      date: fc.oneof(
        fc.integer({ min: 1000, max: 2100 }),
        fc.integer({ min: -999, max: -1 }),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      ),
      venue: fc.oneof(
        text(30),
        fc.constantFrom('Workshop on Engines', 'Lecture Notes in Computer Science'),
      ),
      volume: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.constantFrom('3A', 'Special Issue')),
      issue: fc.integer({ min: 1, max: 12 }),
      pages: fc.constantFrom('1-10', 17, 'e1234'),
      publisher: text(20),
      location: text(20),
      language: fc.constantFrom('en', 'de-CH', 'zh'),
      isbn: fc.constant('978-3-16-148410-0'),
      doi: fc.stringMatching(/^10\.\d{4,5}\/[a-z0-9.]{1,12}$/),
      arxiv: fc.stringMatching(/^2\d{3}\.\d{5}$/),
      url: link('paper'),
      pdf: link('pdf'),
      code: link('code'),
      slides: link('slides'),
      video: link('video'),
      poster: link('poster'),
      abstract: text(60),
      topics: fc.subarray(['CL', 'LG'], { minLength: 1 }),
      org: text(10),
      note: text(30),
      award: fc.constantFrom('Best Paper', 'Oral'),
      selected: fc.boolean(),
      status: fc.constantFrom('to appear', 'under review'),
      extra: fc.tuple(extra, dates).map(([a, b]) => ({ ...a, ...b })),
      csl_type: fc.constantFrom('post-weblog', 'webpage', 'article-magazine'),
    },
    { requiredKeys: ['type', 'title', 'date'] },
  )
  .map(({ csl_type, ...generated }) =>
    // A type CSL has and ours has not, as the CSL-JSON import keeps it (it prints as that type).
    csl_type && generated.type === 'other'
      ? { ...generated, extra: { ...generated.extra, csl_type } }
      : generated,
  );

/** A title and a venue with `$...$` math and a literal dollar. */
const MATH = {
  id: 'weak',
  type: 'journal',
  title: 'Types are weak $\\omega$-groupoids, H$_2$ and \\$5',
  authors: ['Ada Lovelace'],
  venue: 'Power $\\&$ Energy',
  date: 2020,
};

describe('CSL-JSON export -> import', () => {
  it('gives the same papers, every type and field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paper, { minLength: 1, maxLength: 5 }), async (generated) => {
        const database = await databaseOf(
          generated.map((entry, index) => ({
            id: `p${index}`,
            ...entry,
            title: `${entry.title} ${index}`,
          })),
        );
        expectSamePapers(database.papers, await exportAndImport(database));
      }),
      { numRuns: 80 },
    );
  });

  it('writes what CSL has no variable for in `custom`, and nothing there when CSL holds it all', async () => {
    const [workshop, journal] = (
      await databaseOf([
        {
          id: 'w',
          type: 'workshop',
          title: 'T',
          authors: [{ name: 'Ada Lovelace', equal: true }, 'Charles Babbage'],
          date: 2020,
          venue: 'Proceedings',
          arxiv: '2211.04898',
          code: 'https://github.com/ada/engine',
          selected: true,
          extra: { abbr: 'W', urldate: '2021-05-06' },
        },
        {
          id: 'j',
          type: 'journal',
          title: 'T',
          date: 2020,
          venue: 'Journal',
          extra: { issn: '1234-5678' },
        },
      ])
    ).papers.map(toCslJson);
    expect(workshop).toMatchObject({
      type: 'paper-conference',
      'container-title': 'Proceedings',
      accessed: { 'date-parts': [[2021, 5, 6]] },
      custom: {
        type: 'workshop',
        arxiv: '2211.04898',
        code: 'https://github.com/ada/engine',
        selected: true,
        author_marks: [{ equal: true }, {}],
        extra: { abbr: 'W' },
      },
    });
    expect(journal).toMatchObject({ ISSN: '1234-5678' });
    expect(journal).not.toHaveProperty('custom');
  });

  it('writes math as Unicode for tools that know no TeX, and the model’s text in custom.tex', async () => {
    const database = await databaseOf([MATH]);
    const [item] = database.papers.map(toCslJson);
    expect(item).toMatchObject({
      title: 'Types are weak ω-groupoids, H₂ and $5',
      'container-title': 'Power & Energy',
      custom: { tex: { title: MATH.title, 'container-title': MATH.venue } },
    });
    expect(await exportAndImport(database)).toEqual(database.papers);
  });

  it('gives back the math of a field kept under extra (a journal abbreviation), not its Unicode', async () => {
    const database = await databaseOf([
      {
        id: 'abbreviated',
        type: 'journal',
        title: 'Notes',
        authors: ['Ada Lovelace'],
        date: 1843,
        extra: { shortjournal: '$º$', shorttitle: '$x^2$ notes' },
      },
    ]);
    const [item] = database.papers.map(toCslJson);
    expect(item).toMatchObject({ 'container-title-short': 'º', 'title-short': 'x² notes' });
    expect(await exportAndImport(database)).toEqual(database.papers);
  });

  it('writes a cut author list as the names it has, and et_al in custom', async () => {
    const database = await databaseOf([
      {
        id: 'cut',
        type: 'journal',
        title: 'T',
        authors: ['Ada Lovelace'],
        et_al: true,
        date: 2020,
      },
    ]);
    const [item] = database.papers.map(toCslJson);
    expect(item?.author).toEqual([{ family: 'Lovelace', given: 'Ada' }]);
    expect(item?.custom).toEqual({ et_al: true });
    expect(await exportAndImport(database)).toEqual(database.papers);
  });
});

describe('CSL-JSON import', () => {
  const read = (items: object[]) =>
    readCslJson(JSON.stringify(items), 'items.json').papers.map((imported) => imported.paper);
  const base = { id: 'x', title: 'T', issued: { 'date-parts': [[2009]] } };

  it('a book’s series (Zotero’s, Manubot’s) is its venue, its number in it the issue', () => {
    const [book] = read([
      {
        ...base,
        type: 'book',
        'collection-title': 'Annals of Mathematics Studies',
        'collection-number': '170',
        volume: '2',
      },
    ]);
    expect(book).toMatchObject({
      type: 'book',
      venue: 'Annals of Mathematics Studies',
      issue: 170,
      volume: 2,
    });
    expect(book?.extra).toBeUndefined();
  });

  it('a conference paper’s series stays apart from its proceedings', () => {
    const [paper] = read([
      {
        ...base,
        type: 'paper-conference',
        'container-title': 'Proc. X',
        'collection-title': 'LNCS',
        'collection-number': 12,
      },
    ]);
    expect(paper).toMatchObject({
      venue: 'Proc. X',
      extra: { series: 'LNCS', 'collection-number': '12' },
    });
  });

  it('a last author "others" (pandoc’s) or "et al." is a truncated list', () => {
    for (const literal of ['others', 'et al.']) {
      const [paper] = read([
        {
          ...base,
          type: 'article-journal',
          author: [{ family: 'Lovelace', given: 'Ada' }, { literal }],
        },
      ]);
      expect(paper).toMatchObject({ authors: ['Ada Lovelace'], et_al: true });
    }
  });

  it('a blog post keeps its CSL type and access date', () => {
    const [post] = read([
      {
        ...base,
        type: 'post-weblog',
        'container-title': 'eLife Labs',
        accessed: { 'date-parts': [[2019, 4, 11]] },
      },
    ]);
    expect(post).toMatchObject({
      type: 'other',
      venue: 'eLife Labs',
      extra: { csl_type: 'post-weblog', urldate: '2019-04-11' },
    });
  });

  it('keeps a `custom` it cannot read under extra, and a type that contradicts the CSL one is not taken', () => {
    const [paper] = read([
      { ...base, type: 'article-journal', custom: { type: 'workshop', 'zotero-key': 'ABC' } },
    ]);
    expect(paper?.type).toBe('journal');
    expect(paper?.extra).toEqual({ custom: '{"type":"workshop","zotero-key":"ABC"}' });
  });
});

describe('series in the other formats', () => {
  it('BibTeX: a @book’s series is its venue and its number the issue', () => {
    const [book] = readBibtex(
      '@book{lurie, author={Lurie, Jacob}, title={Higher topos theory}, series={Annals of Mathematics Studies}, number={170}, publisher={Princeton University Press}, year=2009}',
      'refs.bib',
    ).papers;
    expect(book?.paper).toMatchObject({
      type: 'book',
      venue: 'Annals of Mathematics Studies',
      issue: 170,
    });
  });

  it('RIS: a BOOK’s T3 is its venue', () => {
    const [book] = readRis(
      'TY  - BOOK\nTI  - A Book\nPY  - 2020\nT3  - Lecture Notes in Computer Science\nVL  - 1234\nER  - \n',
    ).papers;
    expect(book?.paper).toMatchObject({ venue: 'Lecture Notes in Computer Science', volume: 1234 });
    expect(book?.paper.extra).toBeUndefined();
  });
});

describe.runIf(toolsAvailable('pandoc'))('pandoc’s CSL-JSON', () => {
  it('prints math in an exported title as publist prints it in text', async () => {
    const database = await databaseOf([MATH]);
    const json = tempFile(
      'math.json',
      String((await renderDatabase(database, { format: 'csl-json' })).content),
    );
    const markdown = tempFile('list.md', `---\nnocite: '@*'\nbibliography: ${json}\n---\n`);
    const theirs = execFileSync(
      'pandoc',
      [
        '--citeproc',
        '--csl',
        '/usr/share/citation-style-language/styles/apa.csl',
        '-t',
        'plain',
        '--wrap=none',
        markdown,
      ],
      { encoding: 'utf8' },
    );
    const ours = await renderDatabase(database, {
      format: 'text',
      overrides: { style: '/usr/share/citation-style-language/styles/apa.csl' },
    });
    expect(theirs.trim()).toBe(
      'Lovelace, A. (2020). Types are weak ω-groupoids, H₂ and $5. Power & Energy.',
    );
    expect(String(ours.content)).toContain(theirs.trim());
  });

  it('reads what pandoc makes of a BibTeX file: series, number, "and others", langid', () => {
    const bib = tempFile(
      'refs.bib',
      [
        '@book{lurie, author={Lurie, Jacob}, title={Higher topos theory}, series={{Annals of Mathematics Studies}}, number={170}, publisher={Princeton University Press}, year=2009, langid={english}}',
        '@article{cut, author={Smith, John and Doe, Jane and others}, title={A title}, journal={J}, year=2020}',
      ].join('\n'),
    );
    const json = execFileSync('pandoc', ['-f', 'bibtex', '-t', 'csljson', bib], {
      encoding: 'utf8',
    });
    const papers = readCslJson(json, 'pandoc.json').papers.map((imported) => imported.paper);
    expect(papers[0]).toMatchObject({
      type: 'book',
      venue: 'Annals of Mathematics Studies',
      issue: 170,
      language: 'en-US',
    });
    expect(papers[1]).toMatchObject({ authors: ['John Smith', 'Jane Doe'], et_al: true });
  });
});
