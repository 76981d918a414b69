/**
 * import -> BibTeX (or BibLaTeX) export -> import gives the same papers: for every real
 * file of ../shared/corpus, and as a property over generated papers.
 */
import bibtexTables from '@citation-js/plugin-bibtex/lib/input/constants.js';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGenreKeyword, typeFieldIsGenre } from '../src/model/genre.js';
import type { Database, Paper, Person } from '../src/model/paper.js';
import { GENRES, PAPER_TYPES } from '../src/model/vocabulary.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { TexEscaper } from '../src/write/tex-escape.js';
import { CORPUS } from './support/corpus.js';
import { importedDatabase } from './support/database.js';

const FILES = [
  'alfolio-papers.bib',
  'thesis-book-mixed-math.bib',
  'dblp-export-crossref.bib',
  'messy-cjk-duplicates.bib',
  'csl-manubot-references.json',
  'zotero-export.ris',
];
const FORMATS = ['bibtex', 'biblatex'] as const;

const DATABASE_HEAD = `owner:\n  name: Ada Lovelace\ntopics:\n  CL: Computation and Language\n  LG: Machine Learning\n`;

async function importInto(file: string): Promise<Database> {
  return (await importedDatabase([file], DATABASE_HEAD)).database;
}

async function exportTo(
  database: Database,
  format: (typeof FORMATS)[number],
): Promise<{ file: string; text: string; warnings: string[] }> {
  const warnings: string[] = [];
  const { content } = await renderDatabase(database, {
    format,
    warn: (message) => warnings.push(message),
  });
  const file = join(mkdtempSync(join(tmpdir(), 'publist-roundtrip-')), 'export.bib');
  writeFileSync(file, content as string);
  return { file, text: content as string, warnings };
}

/**
 * Texts are compared in Unicode's canonical form (NFC), which the export writes. For
 * pdflatex, the export writes Greek letters and relations in text as math (α ->
 * `{$\alpha$}`), which reads back as `$\alpha$`: the same text in every output (math becomes
 * Unicode outside LaTeX). Comparisons map such one-symbol math back to the character.
 */
const SYMBOLS: Record<string, string> = {
  ...bibtexTables.mathCommands,
  leq: '≤',
  geq: '≥',
  neq: '≠',
  pm: '±',
  times: '×',
  cdot: '·',
  infty: '∞',
};
const sameText = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .normalize('NFC')
        .replace(/\$\\([A-Za-z]+)\$/g, (math, name: string) => SYMBOLS[name] ?? math)
    : Array.isArray(value)
      ? value.map(sameText)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, sameText(inner)]))
        : value;

/** The types a genre keyword is generated for: validate warns of one elsewhere. */
const KEYWORD_TYPES = new Set(['thesis', 'report']);

/**
 * The kind a paper comes back with: biblatex's `@report` needs a `type`, so a report of no
 * known kind is written, and read back, as a technical report; and the `type` of an
 * `@article` (and the like) is no kind an import takes, so their genre comes back in extra.
 */
function readBack(paper: Paper, format: (typeof FORMATS)[number]): Paper {
  if (format === 'biblatex' && paper.type === 'report' && paper.genre === undefined) {
    return { ...paper, genre: 'technical-report' };
  }
  if (paper.genre === undefined || typeFieldIsGenre(paper.type)) return paper;
  const { genre, ...rest } = paper;
  return { ...rest, extra: { ...paper.extra, type: genre } };
}

/** The extra fields the export said it left out (they clash with a field it writes itself). */
function leftOut(warnings: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const warning of warnings) {
    const match = /^(.+): extra field `(.+)` is also a field of the paper; left out$/.exec(warning);
    if (match)
      out.set(match[1] as string, [...(out.get(match[1] as string) ?? []), match[2] as string]);
  }
  return out;
}

/** BibTeX writes a family name alone and an institution the same way, `{...}`: one reading. */
const sameName = (person: Person): Person => {
  const { family, given, particle, suffix, literal, ...marks } = person;
  if (family && !given && !particle && !suffix && !literal) return { literal: family, ...marks };
  return person;
};
const sameNames = (paper: Paper): Paper => ({
  ...paper,
  authors: paper.authors.map(sameName),
  ...(paper.editors ? { editors: paper.editors.map(sameName) } : {}),
});

function expectSamePapers(
  before: readonly Paper[],
  after: readonly Paper[],
  dropped = new Map<string, string[]>(),
) {
  const byId = new Map(after.map((paper) => [paper.id, paper]));
  expect([...byId.keys()].sort()).toEqual(before.map((paper) => paper.id).sort());
  for (const paper of before) {
    const expected = { ...paper, extra: { ...paper.extra } };
    for (const name of dropped.get(paper.id) ?? []) delete expected.extra[name];
    if (Object.keys(expected.extra).length === 0) delete (expected as Partial<Paper>).extra;
    const actual = byId.get(paper.id) as Paper;
    expect(sameText(sameNames(actual)), paper.id).toEqual(sameText(sameNames(expected)));
  }
}

describe.each(FORMATS)('import -> %s export -> import, on the real files', (format) => {
  it.each(FILES)('%s gives the same papers, and the same export again', async (name) => {
    const first = await importInto(join(CORPUS, name));
    const exported = await exportTo(first, format);
    const second = await importInto(exported.file);
    const expected = first.papers.map((paper) => readBack(paper, format));
    expectSamePapers(expected, second.papers, leftOut(exported.warnings));
    const again = await exportTo(second, format);
    expect(again.text.replace(/^%.*\n/, '')).toBe(exported.text.replace(/^%.*\n/, ''));
  });
});

/**
 * Characters the export can only write as math for pdflatex (ᵃ -> `$^{a}$`, ∮) come back as
 * math; apart from the one-symbol cases above they are left out of the generated text.
 */
const escaper = new TexEscaper('bibtex', () => undefined);
const writtenAsMath = (grapheme: string): boolean => {
  const escaped = escaper.text(grapheme, 'generated');
  const symbol = /^\{\$\\([A-Za-z]+)\$\}$/.exec(escaped)?.[1];
  return escaped.includes('$') && !(symbol && SYMBOLS[symbol] === grapheme);
};

/** Text the model holds: any Unicode, TeX's specials, collapsed spaces, something visible. */
const awkward = fc.constantFrom(...'aZéßłØ猪 :#\'"-&%_^~{}\\/@,.?!*|<>'.split(''));
const text = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength }),
      fc.string({ unit: awkward, minLength: 1, maxLength }),
    )
    .map((value) =>
      [
        ...new Intl.Segmenter().segment(
          value.replace(/[\p{Cc}\p{Cf}\u2028\u2029$]/gu, '').normalize('NFC'),
        ),
      ]
        .map(({ segment }) => segment)
        .filter((grapheme) => !writtenAsMath(grapheme))
        // The export writes ` as it is, which TeX (and so the import) reads as ‘.
        .filter((grapheme) => !grapheme.startsWith('`'))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((value) => /\p{L}/u.test(value));

/** Titles and abstracts may hold math. */
const withMath = (maxLength: number) =>
  fc
    .array(fc.oneof(text(maxLength), fc.constantFrom('$\\omega$', '$x^{2}$', '$(\\infty, 1)$')), {
      minLength: 1,
      maxLength: 3,
    })
    .map((parts) => parts.join(' '));

const word = fc.stringMatching(/^[A-Z][a-zäöüéñ]{1,8}$/);
const lowerWord = fc.stringMatching(/^[a-zäöüé]{2,6}$/);

const author = fc.oneof(
  fc.record(
    {
      family: fc.oneof(
        word,
        fc.tuple(lowerWord, word).map(([particle, family]) => `${particle} ${family}`),
        fc.tuple(word, word).map(([a, b]) => `${a}-${b}`),
        fc.constantFrom('猪八戒', 'Ó Briain', "O'Neil"),
      ),
      given: fc.oneof(
        word,
        fc.tuple(word, word).map(([a, b]) => `${a} ${b[0]}.`),
      ),
      suffix: fc.constantFrom('Jr.', 'III'),
      equal: fc.constant(true),
      corresponding: fc.constant(true),
      orcid: fc.constant('0000-0002-1825-0097'),
    },
    { requiredKeys: ['family'] },
  ),
  word.map((name) => ({ literal: `${name} Institute` })),
);

const VENUES: Record<string, string[]> = {
  journal: ['Journal of Awkward Results', 'Physical Review', 'Zeitschrift für Physik'],
  conference: ['Proceedings of ACL 2024', 'NeurIPS'],
  workshop: ['Workshop on Machine Translation'],
};

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
      title: withMath(40),
      authors: fc.array(author, { minLength: 1, maxLength: 4 }),
      et_al: fc.constant(true),
      editors: fc.array(author, { minLength: 1, maxLength: 2 }),
      date: fc.oneof(
        fc.integer({ min: 1000, max: 2100 }),
        fc.integer({ min: -999, max: -1 }),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 7)),
      ),
      venue: text(30).map((value) => value.replace(/[\s,]+$/, '') || 'Venue'),
      volume: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.constantFrom('3A', 'Special Issue')),
      issue: fc.integer({ min: 1, max: 12 }),
      pages: fc.oneof(
        fc.integer({ min: 1, max: 9999 }),
        fc
          .tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 501, max: 999 }))
          .map(([a, b]) => `${a}-${b}`),
      ),
      // A trailing comma is taken for al-folio's template punctuation and removed.
      publisher: text(20).map((value) => value.replace(/[\s,]+$/, '') || 'Publisher'),
      location: text(20),
      isbn: fc.constant('978-3-16-148410-0'),
      doi: fc.stringMatching(/^10\.\d{4,5}\/[a-z0-9.]{1,12}$/),
      arxiv: fc.stringMatching(/^2\d{3}\.\d{5}$/),
      url: fc.stringMatching(/^https:\/\/example\.org\/[a-z0-9_%~-]{1,12}$/),
      code: fc.constant('https://github.com/example/code'),
      abstract: withMath(60),
      topics: fc.subarray(['CL', 'LG'], { minLength: 1 }),
      org: text(10),
      note: text(30),
      award: fc.constantFrom('Best Paper', 'Oral'),
      selected: fc.boolean(),
      status: fc.constantFrom('to appear', 'under review'),
      extra: fc.dictionary(
        fc.constantFrom('abbr', 'preview', 'bibtex_show', 'mrclass', 'coden', 'acmid', 'timestamp'),
        text(20),
        { minKeys: 1, maxKeys: 3 },
      ),
    },
    { requiredKeys: ['type', 'title', 'date'] },
  )
  // A keyword on a paper of another type draws a warning (a journal's `phd-thesis`): such
  // papers are generated with words of their own, or none.
  .map(({ genre, ...generated }) =>
    genre !== undefined && (!isGenreKeyword(genre) || KEYWORD_TYPES.has(generated.type))
      ? { ...generated, genre }
      : generated,
  )
  .map((generated) => {
    // Venues that would make a reader guess another type (arXiv, Workshop) are not
    // generated, and a journal article has its journal (without one, an @article with an
    // arXiv id reads as a preprint).
    const fixed = VENUES[generated.type];
    if (!fixed) return generated;
    if (generated.venue === undefined && generated.type !== 'journal') return generated;
    return { ...generated, venue: fixed[(generated.venue ?? '').length % fixed.length] };
  });

describe.each(FORMATS)('import -> %s export -> import, over generated papers', (format) => {
  it('gives the same papers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paper, { minLength: 1, maxLength: 5 }), async (generated) => {
        const dir = mkdtempSync(join(tmpdir(), 'publist-roundtrip-'));
        const file = join(dir, 'papers.yaml');
        const papers = generated.map((entry, index) => ({
          id: `p${index}`,
          ...entry,
          title: `${entry.title} ${index}`,
        }));
        writeFileSync(file, `${DATABASE_HEAD}papers: ${JSON.stringify(papers)}\n`);
        const original = await validateDatabase(parseSource(file, readFileSync(file, 'utf8')));
        const exported = await exportTo(original, format);
        const imported = await importInto(exported.file);
        const expected = original.papers.map((paper) => readBack(paper, format));
        expectSamePapers(expected, imported.papers, leftOut(exported.warnings));
      }),
      { numRuns: 60 },
    );
  });
});
