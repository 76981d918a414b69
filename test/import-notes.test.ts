/**
 * BibTeX notes that are links or identifiers: a note that only repeats the arXiv id, the DOI
 * or a link is not kept, and a note that is only an address gives the paper its link.
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
  it('that repeats the arXiv id, in any of its usual forms, is not kept', () => {
    for (const note of [
      'arXiv:2101.00001',
      'arXiv preprint arXiv:2101.00001.',
      '\\href{https://arxiv.org/abs/2101.00001v2}{arXiv:2101.00001v2}',
    ]) {
      const { paper, mapped } = imported(`  eprint = {2101.00001v2}, note = {${note}}`);
      expect(paper.arxiv, note).toBe('2101.00001v2');
      expect(paper.note, note).toBeUndefined();
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

  it('that is a DOI or arXiv address gives the paper the identifier it lacks', () => {
    expect(imported('  note = {\\url{https://doi.org/10.1000/xyz}}').paper).toMatchObject({
      doi: '10.1000/xyz',
    });
    const arxiv = imported('  note = {\\href{http://arxiv.org/abs/math/0207028/}{preprint}}');
    expect(arxiv.paper).toMatchObject({ arxiv: 'math/0207028', note: 'preprint' });
  });

  it('that is an address gives the paper its URL, and keeps the text of an \\href', () => {
    const bare = imported('  note = {URL: https://example.org/talk.}').paper;
    expect(bare).toMatchObject({ url: 'https://example.org/talk' });
    expect(bare.note).toBeUndefined();
    const href = imported('  note = {\\href{https://example.org/~me}{Slides and {\\"U}bung}}');
    expect(href.paper).toMatchObject({ url: 'https://example.org/~me', note: 'Slides and Übung' });
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

  it('is kept as it was when its link has no empty field to go to, or it says more', () => {
    const taken = imported('  url = {https://a.org/}, note = {\\href{https://b.org/}{Draft}}');
    expect(taken.paper).toMatchObject({ url: 'https://a.org/', note: 'Draft' });
    expect(taken.notes).toEqual(['note: dropped the link https://b.org/ of "Draft"']);
    const text = imported('  note = {Reprinted, see \\url{https://b.org/x}}').paper;
    expect(text.url).toBeUndefined();
    expect(text.note).toBe('Reprinted, see https://b.org/x');
    const other = imported('  eprint = {2101.00001}, note = {arXiv:2101.00001, to appear}').paper;
    expect(other.note).toBe('arXiv:2101.00001, to appear');
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
