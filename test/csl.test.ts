/** Paper -> CSL-JSON, type by type and field by field. */
import { describe, expect, it } from 'vitest';
import { cslItemOf, toCsl } from '../src/cite/csl.js';
import { readCslJson } from '../src/import/csl-json.js';
import { toCslJson } from '../src/write/csl-json.js';
import type { Paper } from '../src/model/paper.js';
import { ownWords } from '../src/model/words.js';
import { PAPER_TYPES, type PaperType } from '../src/model/vocabulary.js';

const VENUE_VARIABLES = [
  'container-title',
  'collection-title',
  'event-title',
  'authority',
] as const;

const base: Paper = {
  id: 'p',
  type: 'journal',
  title: 'A Title',
  authors: [{ family: 'Lovelace', given: 'Ada' }],
  date: { year: 2020 },
};

describe('types', () => {
  const expected: Record<PaperType, string> = {
    conference: 'paper-conference',
    journal: 'article-journal',
    workshop: 'paper-conference',
    'shared-task': 'paper-conference',
    preprint: 'article',
    thesis: 'thesis',
    book: 'book',
    chapter: 'chapter',
    report: 'report',
    talk: 'speech',
    poster: 'speech',
    software: 'software',
    dataset: 'dataset',
    patent: 'patent',
    other: 'document',
  };
  it.each(PAPER_TYPES.map((type) => [type, expected[type]]))('%s -> %s', (type, cslType) => {
    expect(toCsl({ ...base, type }).type).toBe(cslType);
  });
});

describe('fields', () => {
  it('maps the common fields, numbers as strings', () => {
    expect(
      toCsl({
        ...base,
        venue: 'Journal of Engines',
        volume: 12,
        issue: '3',
        pages: '1478-1492',
        publisher: 'Murray',
        location: 'London',
        isbn: '978-3-16-148410-0',
        doi: '10.1000/xyz',
        url: 'https://example.org/paper',
        status: 'to appear',
        abstract: 'About engines.',
        topics: ['CL', 'LG'],
        note: 'Oral',
      }),
    ).toEqual({
      id: 'p',
      type: 'article-journal',
      title: 'A Title',
      author: [{ family: 'Lovelace', given: 'Ada' }],
      issued: { 'date-parts': [[2020]] },
      'container-title': 'Journal of Engines',
      volume: '12',
      issue: '3',
      page: '1478-1492',
      publisher: 'Murray',
      'publisher-place': 'London',
      ISBN: '978-3-16-148410-0',
      DOI: '10.1000/xyz',
      URL: 'https://example.org/paper',
      status: 'to appear',
      abstract: 'About engines.',
      keyword: 'CL, LG',
      note: 'Oral',
    });
  });

  it('writes dates to the precision given', () => {
    expect(toCsl({ ...base, date: { year: 2022, month: 11 } }).issued).toEqual({
      'date-parts': [[2022, 11]],
    });
    expect(toCsl({ ...base, date: { year: 2022, month: 11, day: 9 } }).issued).toEqual({
      'date-parts': [[2022, 11, 9]],
    });
  });

  it('keeps name parts apart: particle, suffix, institution', () => {
    expect(
      toCsl({
        ...base,
        authors: [
          { family: 'Berg', particle: 'van der', given: 'Jan' },
          { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
          { literal: 'The ATLAS Collaboration' },
        ],
        editors: [{ family: 'Babbage', given: 'Charles' }],
      }),
    ).toMatchObject({
      author: [
        { family: 'Berg', 'non-dropping-particle': 'van der', given: 'Jan' },
        { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
        { literal: 'The ATLAS Collaboration' },
      ],
      editor: [{ family: 'Babbage', given: 'Charles' }],
    });
  });

  it('gives a preprint arXiv as publisher, its id as number (no "arXiv:" prefix) and URL', () => {
    expect(toCsl({ ...base, type: 'preprint', arxiv: '2211.04898' })).toMatchObject({
      type: 'article',
      publisher: 'arXiv',
      number: '2211.04898',
      URL: 'https://arxiv.org/abs/2211.04898',
    });
    const published = toCsl({ ...base, type: 'conference', arxiv: '2211.04898' });
    expect(published.number).toBeUndefined();
    expect(published.URL).toBeUndefined();
  });

  it('reads a preprint back from publist’s CSL-JSON and from Zotero’s', () => {
    const preprint = toCsl({ ...base, type: 'preprint', arxiv: '2211.04898' });
    const zotero = { ...preprint, number: 'arXiv:2211.04898', URL: undefined };
    for (const item of [preprint, zotero]) {
      const [imported] = readCslJson(JSON.stringify([item]), 'items.json').papers;
      expect(imported?.paper).toMatchObject({ type: 'preprint', arxiv: '2211.04898' });
      expect(imported?.paper).not.toHaveProperty('issue');
    }
  });

  it('puts a talk’s or poster’s venue and place on the event', () => {
    expect(
      toCsl({ ...base, type: 'poster', venue: 'NeurIPS 2023', location: 'New Orleans' }),
    ).toMatchObject({
      type: 'speech',
      genre: 'Poster',
      'event-title': 'NeurIPS 2023',
      event: 'NeurIPS 2023',
      'event-place': 'New Orleans',
    });
    expect(toCsl({ ...base, type: 'talk', venue: 'Seminar' })['container-title']).toBeUndefined();
  });

  it('gives the kind of work as the genre: a keyword in the output’s words, other text as written', () => {
    const thesis: Paper = { ...base, type: 'thesis', genre: 'phd-thesis' };
    expect(toCsl(thesis).genre).toBe('PhD thesis');
    expect(cslItemOf(thesis, ownWords('de-DE')).item.genre).toBe('Dissertation');
    expect(cslItemOf(thesis, ownWords('ja-JP')).item.genre).toBe('PhD thesis');
    expect(toCsl({ ...base, type: 'report', genre: 'White paper' }).genre).toBe('White paper');
    expect(toCsl({ ...base, type: 'thesis' }).genre).toBeUndefined();
    expect(toCsl({ ...base, type: 'poster', genre: 'Poster presentation' }).genre).toBe(
      'Poster presentation',
    );
  });

  it('gives a report its number, and software its code as URL', () => {
    expect(toCsl({ ...base, type: 'report', issue: 'TR-17' })).toMatchObject({ number: 'TR-17' });
    expect(toCsl({ ...base, type: 'report', issue: 'TR-17' }).issue).toBeUndefined();
    expect(toCsl({ ...base, type: 'software', code: 'https://github.com/ada/engine' }).URL).toBe(
      'https://github.com/ada/engine',
    );
  });
});

describe('where each type’s venue and numbers go', () => {
  const venues: Record<PaperType, (typeof VENUE_VARIABLES)[number]> = {
    conference: 'container-title',
    journal: 'container-title',
    workshop: 'container-title',
    'shared-task': 'container-title',
    preprint: 'container-title',
    chapter: 'container-title',
    other: 'container-title',
    talk: 'event-title',
    poster: 'event-title',
    // A series, which styles print as one ("Lecture Notes in Computer Science 1234"), not a
    // container the work is in (APA printed "A Book. In Lecture Notes in Computer Science").
    book: 'collection-title',
    thesis: 'collection-title',
    report: 'collection-title',
    software: 'collection-title',
    dataset: 'collection-title',
    patent: 'authority',
  };
  it.each(PAPER_TYPES.map((type) => [type, venues[type]]))(
    '%s: venue -> %s only',
    (type, variable) => {
      const item = toCsl({ ...base, type, venue: 'Somewhere' });
      for (const other of VENUE_VARIABLES) {
        expect(item[other], other).toBe(other === variable ? 'Somewhere' : undefined);
      }
    },
  );

  const issues: Partial<Record<PaperType, string>> = {
    book: 'collection-number',
    software: 'collection-number',
    dataset: 'collection-number',
    thesis: 'number',
    report: 'number',
    patent: 'number',
  };
  it.each(PAPER_TYPES.map((type) => [type, issues[type] ?? 'issue']))(
    '%s: issue -> %s',
    (type, variable) => {
      const item = toCsl({ ...base, type, issue: 7 }) as unknown as Record<string, unknown>;
      expect(item[variable]).toBe('7');
      for (const other of ['issue', 'number', 'collection-number'].filter(
        (name) => name !== variable,
      )) {
        expect(item[other], other).toBeUndefined();
      }
    },
  );

  it('a book’s volume in its series is its number there, as BibTeX’s "volume 141 of Series"', () => {
    const lncs = { ...base, type: 'book' as const, venue: 'LNCS', volume: '1234' };
    expect(toCsl(lncs)).toMatchObject({ 'collection-title': 'LNCS', 'collection-number': '1234' });
    expect(toCsl(lncs).volume).toBeUndefined();
    // With a number in the series, the volume is the volume of a work in several.
    expect(toCsl({ ...lncs, volume: 2, issue: 123 })).toMatchObject({
      volume: '2',
      'collection-number': '123',
    });
    // Without a series, a volume is a volume.
    expect(toCsl({ ...base, type: 'book', volume: 2 })).toMatchObject({ volume: '2' });
  });

  it('gives a truncated author list as its names (the cite stage prints the style’s "et al.")', () => {
    expect(toCsl({ ...base, et_al: true }).author).toEqual([{ family: 'Lovelace', given: 'Ada' }]);
  });
});

describe('extra fields the styles print', () => {
  it('the CSL type the paper was imported with, while it is still of the type the import gave it', () => {
    const blog = { ...base, type: 'other' as const, extra: { csl_type: 'post-weblog' } };
    expect(toCsl(blog).type).toBe('post-weblog');
    expect(toCsl({ ...blog, type: 'journal' }).type).toBe('article-journal');
    expect(toCsl({ ...blog, extra: { csl_type: 'no-such-type' } }).type).toBe('document');
    const entry = { ...base, type: 'chapter' as const, extra: { csl_type: 'entry-encyclopedia' } };
    expect(toCsl(entry).type).toBe('entry-encyclopedia');
  });

  it('the access date (urldate) and the original date, as date parts or as text', () => {
    expect(toCsl({ ...base, extra: { urldate: '2019-04-11', origdate: '1905' } })).toMatchObject({
      accessed: { 'date-parts': [[2019, 4, 11]] },
      'original-date': { 'date-parts': [[1905]] },
    });
    expect(toCsl({ ...base, extra: { urldate: 'May 2021' } }).accessed).toEqual({
      raw: 'May 2021',
    });
  });

  it('a series beside a venue that is no series, the edition and identifiers', () => {
    const chapter = toCsl({
      ...base,
      type: 'chapter',
      venue: 'Big Book',
      extra: {
        series: 'LNCS',
        edition: '2',
        issn: '1234-5678',
        pmid: '123',
        shortjournal: 'B. B.',
      },
    });
    expect(chapter).toMatchObject({
      'container-title': 'Big Book',
      'collection-title': 'LNCS',
      edition: '2',
      ISSN: '1234-5678',
      PMID: '123',
      'container-title-short': 'B. B.',
    });
    // A book's series is its venue: an extra one stays apart.
    const book = { ...base, type: 'book' as const, extra: { series: 'Other Series' } };
    expect(toCsl(book)['collection-title']).toBeUndefined();
    expect(toCslJson(book).custom?.extra).toEqual({ series: 'Other Series' });
  });
});
