/**
 * BibTeX notes that are links or identifiers: a note that only repeats the arXiv id, the DOI
 * or a link is not kept, a note that is only the paper's address or identifier gives the
 * paper its link, and a link to something else stays the note, text and address.
 */
import { describe, expect, it } from 'vitest';
import { readBibtex } from '../src/import/bibtex.js';
import { readCslJson } from '../src/import/csl-json.js';

function imported(fields: string, type = 'misc') {
  const result = readBibtex(
    `@${type}{key,\n  title = {A title},\n  author = {Ada Lovelace},\n  year = 2020,\n${fields}\n}\n`,
    'test.bib',
  );
  const [paper] = result.papers;
  if (!paper) throw new Error('no paper');
  return paper;
}

describe('a BibTeX note', () => {
  it('that repeats the arXiv id, in any of its usual forms and versions, is not kept', () => {
    for (const [eprint, note] of [
      ['2101.00001v2', 'arXiv:2101.00001'],
      ['2101.00001v2', 'arXiv preprint arXiv:2101.00001.'],
      ['2101.00001v2', '\\href{https://arxiv.org/abs/2101.00001v2}{arXiv:2101.00001v2}'],
      // Another version of the same paper is the same paper: no style should print it twice.
      ['2101.00001', '\\href{https://arxiv.org/abs/2101.00001v3}{arXiv:2101.00001v3}'],
      ['2101.00001v2', 'arXiv:2101.00001v1'],
    ] as const) {
      const { paper, mapped } = imported(`  eprint = {${eprint}}, note = {${note}}`);
      expect(paper.arxiv, note).toBe(eprint);
      expect(paper.note, note).toBeUndefined();
      expect(paper.url, note).toBeUndefined();
      expect(mapped).toContain('note');
    }
  });

  it('that repeats the DOI or the URL is not kept', () => {
    const doi = imported('  doi = {10.1000/xyz}, note = {doi:10.1000/XYZ}').paper;
    expect(doi).toMatchObject({ doi: '10.1000/xyz' });
    expect(doi.note).toBeUndefined();
    const url = imported('  url = {https://x.org/a/}, note = {\\url{https://x.org/a}}').paper;
    expect(url).toMatchObject({ url: 'https://x.org/a/' });
    expect(url.note).toBeUndefined();
  });

  it('that links the arXiv id or DOI it names gives the paper the identifier it lacks', () => {
    expect(imported('  note = {\\url{https://doi.org/10.1000/xyz}}').paper).toMatchObject({
      doi: '10.1000/xyz',
    });
    const doi = imported('  note = {\\href{https://doi.org/10.1000/xyz}{doi:10.1000/xyz}}').paper;
    expect(doi).toMatchObject({ doi: '10.1000/xyz' });
    expect(doi.note).toBeUndefined();
    const arxiv = imported(
      '  note = {\\href{http://arxiv.org/abs/math/0207028/}{arXiv:math/0207028}}',
    );
    expect(arxiv.paper).toMatchObject({ arxiv: 'math/0207028' });
    expect(arxiv.paper.note).toBeUndefined();
    // Another paper's id, when the paper has its own: the id says where it is.
    const other = imported(
      '  eprint = {2101.00001}, note = {\\href{https://arxiv.org/abs/2203.00005}{arXiv:2203.00005}}',
    ).paper;
    expect(other).toMatchObject({ arxiv: '2101.00001', note: 'arXiv:2203.00005' });
    expect(other.url).toBeUndefined();
  });

  it('that is only an address gives the paper its URL', () => {
    const bare = imported('  note = {URL: https://example.org/talk.}').paper;
    expect(bare).toMatchObject({ url: 'https://example.org/talk' });
    expect(bare.note).toBeUndefined();
    const href = imported('  note = {\\href{https://example.org/talk}{example.org/talk}}');
    expect(href.paper).toMatchObject({ url: 'https://example.org/talk' });
    expect(href.paper.note).toBeUndefined();
    expect(href.notes).toEqual([]);
  });

  it('that is a PDF address fills the pdf link when the paper has a URL', () => {
    const { paper } = imported(
      '  url = {https://example.org/}, note = {\\url{https://example.org/paper.pdf}}',
    );
    expect(paper).toMatchObject({
      url: 'https://example.org/',
      pdf: 'https://example.org/paper.pdf',
    });
    expect(paper.note).toBeUndefined();
  });

  it('that links something else (an erratum, code, another version) keeps its text and address, and gives the paper no link', () => {
    for (const [fields, note, kept] of [
      [
        '',
        '\\href{https://example.org/erratum.pdf}{Erratum}',
        'Erratum: https://example.org/erratum.pdf',
      ],
      [
        '',
        '\\href{https://github.com/x/y}{Code and {\\"U}bung}',
        'Code and Übung: https://github.com/x/y',
      ],
      [
        '  url = {https://a.org/c},',
        '\\href{https://example.org/extended.pdf}{Extended version:}',
        'Extended version: https://example.org/extended.pdf',
      ],
      [
        '',
        '\\href{https://example.org/v2}{The journal version, with corrections}',
        'The journal version, with corrections: https://example.org/v2',
      ],
    ] as const) {
      const { paper, notes } = imported(`${fields} note = {${note}}`);
      expect(paper.note, note).toBe(kept);
      expect(paper.url, note).toBe(fields ? 'https://a.org/c' : undefined);
      expect(paper.pdf, note).toBeUndefined();
      expect(paper.arxiv, note).toBeUndefined();
      expect(notes, note).toEqual([]);
    }
  });

  it('is kept as it was when its address has no empty field to go to, or it says more', () => {
    const taken = imported('  url = {https://a.org/}, note = {\\url{https://b.org/}}').paper;
    expect(taken).toMatchObject({ url: 'https://a.org/', note: 'https://b.org/' });
    const text = imported('  note = {Reprinted, see \\url{https://b.org/x}}').paper;
    expect(text.url).toBeUndefined();
    expect(text.note).toBe('Reprinted, see https://b.org/x');
    const other = imported('  eprint = {2101.00001}, note = {arXiv:2101.00001, to appear}').paper;
    expect(other.note).toBe('arXiv:2101.00001, to appear');
    // The paper's own address, named by what it is: the words stay, the address is the paper's.
    const own = imported(
      '  eprint = {2101.00001}, note = {\\href{https://arxiv.org/abs/2101.00001}{Preprint}}',
    ).paper;
    expect(own).toMatchObject({ arxiv: '2101.00001', note: 'Preprint' });
  });
});

describe('a CSL-JSON note', () => {
  it("that repeats the arXiv id (Zotero's 'arXiv:2211.04898 [cs]') is not kept", () => {
    const result = readCslJson(
      JSON.stringify([
        {
          id: 'x',
          type: 'article',
          title: 'A title',
          issued: { 'date-parts': [[2022]] },
          number: 'arXiv:2211.04898',
          note: 'arXiv:2211.04898 [cs]',
        },
      ]),
      'test.json',
    );
    expect(result.papers[0]?.paper).toMatchObject({ arxiv: '2211.04898' });
    expect(result.papers[0]?.paper.note).toBeUndefined();
  });
});
