/**
 * Properties of import over generated bibliographies and database files: whatever the
 * titles, names and comments hold, the result validates, nothing of the file is lost, the
 * papers read back as they were given, and a second import adds nothing.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../src/import/import.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Text with YAML's and CSL's awkward characters; no `<` (CSL markup) and something visible. */
const yamlAwkward = fc.constantFrom(...'aZé :#\'"-[]{}&*!|>%@`,?~\\$\t'.split(''));
const text = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength }),
      fc.string({ unit: yamlAwkward, minLength: 1, maxLength }),
    )
    .map((value) => value.replace(/[<\p{Cc}\u2028\u2029\ufeff]/gu, ''))
    .filter((value) => /\p{L}/u.test(value) && collapse(value) === value);

const name = fc.record({ family: text(20), given: text(20) }, { requiredKeys: ['family'] });

const date = fc
  .tuple(
    fc.integer({ min: 1000, max: 2100 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .chain(([year, month, day]) =>
    fc.constantFrom<number[]>([year], [year, month], [year, month, day]),
  );

const item = fc.record({
  title: text(60),
  author: fc.array(name, { minLength: 0, maxLength: 4 }),
  issued: date,
  container: fc.option(text(30), { nil: undefined }),
  volume: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
  withDoi: fc.boolean(),
});

const comment = fc
  .string({ maxLength: 30 })
  .map((value) => value.replace(/[\r\n\u0085\u2028\u2029]/g, ' '));

/** Two papers in the layouts people write: indented or not, spaced or not, ending in a block scalar. */
const listed = (indent: string, spaced: boolean) =>
  [
    `${indent}# a comment before the first paper`,
    `${indent}- id: kept`,
    `${indent}  type: journal # it's a journal`,
    `${indent}  title: 'A paper: with a colon'`,
    `${indent}  authors: [{family: Lovelace, given: Ada}]`,
    `${indent}  date: 1843`,
    ...(spaced ? [''] : []),
    `${indent}- id: kept2`,
    `${indent}  type: other`,
    `${indent}  title: >-`,
    `${indent}    Folded`,
    `${indent}    title`,
    `${indent}  date: 1842-05`,
    `${indent}  abstract: |`,
    `${indent}    Its last line looks like a comment but is text:`,
    '',
    `${indent}    # not a comment`,
  ].join('\n');

const PAPER_LISTS = {
  empty: () => 'papers: []',
  indented: (spaced: boolean) => `papers:\n${listed('  ', spaced)}`,
  unindented: (spaced: boolean) => `papers:\n${listed('', spaced)}`,
  quotedKey: (spaced: boolean) => `"papers":\n${listed('  ', spaced)}`,
  flow: () => 'papers: [{id: kept, type: other, title: Flow, date: 2000}]',
};

/** A database file: comments anywhere, a paper list in one of several layouts, a section after it. */
const database = fc
  .record({
    top: comment,
    inline: comment,
    layout: fc.constantFrom(...(Object.keys(PAPER_LISTS) as (keyof typeof PAPER_LISTS)[])),
    after: fc.boolean(),
    spaced: fc.boolean(),
    windows: fc.boolean(),
  })
  .map(({ top, inline, layout, after, spaced, windows }) =>
    [
      `#${top}`,
      'owner:',
      `  name: Ada Lovelace #${inline}`,
      '',
      PAPER_LISTS[layout](spaced),
      ...(after ? ['', `#${inline}`, 'render:', '  style: apa'] : []),
      '',
    ]
      .join('\n')
      .replace(/\n/g, windows ? '\r\n' : '\n'),
  );

describe('import, over generated bibliographies', () => {
  it('validates, keeps the file, reads back what was given, and is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(
        database,
        fc.array(item, { minLength: 1, maxLength: 6 }),
        async (db, items) => {
          const dir = mkdtempSync(join(tmpdir(), 'publist-property-'));
          const into = join(dir, 'papers.yaml');
          const source = join(dir, 'items.json');
          writeFileSync(into, db);
          // Unique titles and DOIs, so that no generated item is a duplicate of another.
          const csl = items.map((entry, index) => ({
            id: `item${index}`,
            type: 'article-journal',
            title: `${entry.title} ${index}`,
            author: entry.author,
            issued: { 'date-parts': [entry.issued] },
            ...(entry.container ? { 'container-title': entry.container } : {}),
            ...(entry.volume ? { volume: String(entry.volume) } : {}),
            ...(entry.withDoi ? { DOI: `10.1234/generated.${index}` } : {}),
          }));
          writeFileSync(source, JSON.stringify(csl));

          const result = await importFiles({ files: [source], into });
          expect(result.files[0]?.skipped).toEqual([]);
          expect(result.files[0]?.added).toHaveLength(items.length);
          const written = readFileSync(into, 'utf8');
          const { papers } = await validateDatabase(parseSource(into, written));

          // Every line of the file is still there, in order; a flow list becomes a block list.
          // A file with Windows line ends keeps them, in what is added too.
          if (db.includes('\r\n')) expect(written.replace(/\r\n/g, '')).not.toContain('\n');
          const lines = written.split(/\r?\n/);
          let at = 0;
          for (const line of db.split(/\r?\n/)) {
            const wanted = line.startsWith('papers: [') ? 'papers:' : line;
            at = lines.indexOf(wanted, at);
            expect(at, `line ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
            at += 1;
          }

          // The papers that were there keep their place and content.
          expect(papers.length).toBe(
            items.length + (db.includes('id: kept2') ? 2 : db.includes('id: kept') ? 1 : 0),
          );
          if (db.includes('# not a comment')) {
            expect(papers[1]?.abstract).toBe(
              'Its last line looks like a comment but is text:\n\n# not a comment\n',
            );
          }
          const imported = papers.slice(papers.length - items.length);
          imported.forEach((paper, index) => {
            const entry = csl[index]!;
            expect(paper.title).toBe(entry.title);
            expect(
              paper.authors.map((person) =>
                [person.particle, person.family].filter(Boolean).join(' '),
              ),
            ).toEqual(entry.author.map((person) => person.family));
            expect(paper.authors.map((person) => person.given)).toEqual(
              entry.author.map((person) => person.given),
            );
            const [year, month, day] = entry.issued['date-parts'][0]!;
            expect(paper.date).toEqual({
              year,
              ...(month ? { month } : {}),
              ...(day ? { day } : {}),
            });
            expect(paper.venue).toBe(entry['container-title']);
            expect(paper.volume).toBe(
              entry.volume === undefined ? undefined : Number(entry.volume),
            );
            expect(paper.doi).toBe(entry.DOI);
          });

          const again = await importFiles({ files: [source], into });
          expect(again.files[0]?.added).toEqual([]);
          expect(again.files[0]?.duplicates).toHaveLength(items.length);
          expect(readFileSync(into, 'utf8')).toBe(written);
        },
      ),
      { numRuns: 60 },
    );
  });
});
