/** Paper -> CSL-JSON, type by type and field by field. */
import { describe, expect, it } from 'vitest';
import { toCsl } from '../src/cite/csl.js';
import { readCslJson } from '../src/import/csl-json.js';
import type { Paper } from '../src/model/paper.js';
import { PAPER_TYPES, type PaperType } from '../src/model/vocabulary.js';

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
    other: 'article',
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

  it('gives a report its number, and software its code as URL', () => {
    expect(toCsl({ ...base, type: 'report', issue: 'TR-17' })).toMatchObject({ number: 'TR-17' });
    expect(toCsl({ ...base, type: 'report', issue: 'TR-17' }).issue).toBeUndefined();
    expect(toCsl({ ...base, type: 'software', code: 'https://github.com/ada/engine' }).URL).toBe(
      'https://github.com/ada/engine',
    );
  });
});
