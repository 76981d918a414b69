/**
 * The kind of a thesis or report (`genre`): read from every import format, printed by every
 * style in the output's language, written back by every export, and read from databases
 * imported before `genre` existed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBibtex } from '../src/import/bibtex.js';
import { readCslJson } from '../src/import/csl-json.js';
import { readRis } from '../src/import/ris.js';
import { runCli } from './support/cli.js';
import { databaseFrom, renderText } from './support/database.js';
import { compileLatex } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

const folder = mkdtempSync(join(tmpdir(), 'publist-genre-'));
const THESES_BIB = join(folder, 'th.bib');
writeFileSync(
  THESES_BIB,
  [
    '@phdthesis{smith2020, author={John Smith}, title={A study of things}, school={MIT}, year=2020, address={Cambridge, MA}}',
    '@mastersthesis{smith2015, author={John Smith}, title={Earlier things}, school={MIT}, year=2015}',
    '',
  ].join('\n'),
);
const THESES = join(folder, 'th.yaml');

const render = (...args: string[]) => {
  const result = runCli(['render', THESES, '-f', 'text', '--group-by', 'none', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n');
};

describe('a PhD and a Master’s thesis imported from BibTeX', () => {
  // The database every test here renders: a failed import fails here, not in each of them.
  beforeAll(() => {
    const result = runCli(['import', THESES_BIB, '--into', THESES, '--owner', 'John Smith']);
    expect(result.stderr).toContain('th.bib: BibTeX, 2 entries: 2 added');
    expect(result.status).toBe(0);
  });

  it('are imported with their kind', () => {
    const genres = readFileSync(THESES, 'utf8').match(/^\s*genre: .*$/gm);
    expect(genres?.map((line) => line.trim())).toEqual([
      'genre: phd-thesis',
      'genre: masters-thesis',
    ]);
  });

  it('print it in every style family: IEEE, APA, Chicago, Vancouver (the numeric ones numbered)', () => {
    expect(render('--style', 'ieee')).toEqual([
      '[1] J. Smith, “A study of things,” PhD thesis, MIT, Cambridge, MA, 2020.',
      '[2] J. Smith, “Earlier things,” Master’s thesis, MIT, 2015.',
    ]);
    expect(render('--style', 'apa')).toEqual([
      'Smith, J. (2020). A study of things [PhD thesis]. MIT.',
      'Smith, J. (2015). Earlier things [Master’s thesis]. MIT.',
    ]);
    expect(render('--style', 'chicago-author-date')).toEqual([
      'Smith, John. 2020. “A Study of Things.” PhD thesis, Cambridge, MA: MIT.',
      'Smith, John. 2015. “Earlier Things.” Master’s thesis, MIT.',
    ]);
    expect(render('--style', 'vancouver')).toEqual([
      '[1] Smith J. A study of things [PhD thesis]. [Cambridge, MA]: MIT; 2020.',
      '[2] Smith J. Earlier things [Master’s thesis]. MIT; 2015.',
    ]);
  });

  it('say it in the output’s language', () => {
    expect(render('--style', 'apa', '--locale', 'de-DE')).toEqual([
      'Smith, J. (2020). A study of things [Dissertation]. MIT.',
      'Smith, J. (2015). Earlier things [Masterarbeit]. MIT.',
    ]);
    expect(render('--style', 'ieee', '--locale', 'fr-FR')[0]).toContain(
      'Thèse de doctorat, MIT, Cambridge, MA, 2020.',
    );
  });

  it('go back to BibTeX as @phdthesis and @mastersthesis, to BibLaTeX as @thesis with its type', () => {
    const bibtex = runCli(['render', THESES, '-f', 'bibtex']).stdout;
    expect(bibtex).toContain('@phdthesis{smith2020,');
    expect(bibtex).toContain('@mastersthesis{smith2015,');
    expect(bibtex).not.toContain('type =');
    const biblatex = runCli(['render', THESES, '-f', 'biblatex']).stdout;
    expect(biblatex).toMatch(/@thesis\{smith2020,[^@]*type = \{phdthesis\}/);
    expect(biblatex).toMatch(/@thesis\{smith2015,[^@]*type = \{mathesis\}/);
    const json = JSON.parse(runCli(['render', THESES, '-f', 'csl-json']).stdout) as {
      genre?: string;
    }[];
    expect(json.map((item) => item.genre)).toEqual(['PhD thesis', 'Master’s thesis']);
  });
});

describe('imports read the kind', () => {
  const bib = (entries: string[]) =>
    readBibtex(entries.join('\n'), 'refs.bib').papers.map(({ key, paper }) => [key, paper.genre]);

  it('BibTeX and BibLaTeX: the `type` field, else what the entry type says', () => {
    const fields = 'author={A B}, title={T}, institution={U}, school={U}, year=2020';
    expect(
      bib([
        `@phdthesis{a, ${fields}}`,
        `@mastersthesis{b, ${fields}}`,
        `@thesis{c, ${fields}, type={phdthesis}}`,
        `@thesis{d, ${fields}, type={mathesis}}`,
        `@thesis{e, ${fields}}`,
        `@phdthesis{f, ${fields}, type={Doctoral dissertation}}`,
        `@mastersthesis{g, ${fields}, type={Diplomarbeit}}`,
        `@phdthesis{h, ${fields}, type={Thesis}}`,
        `@techreport{i, ${fields}}`,
        `@techreport{j, ${fields}, type={Working Paper}}`,
        `@report{k, ${fields}, type={techreport}}`,
        `@report{l, ${fields}}`,
        `@phdthesis{m, ${fields}, type={Ph{D} Thesis}}`,
      ]),
    ).toEqual([
      ['a', 'phd-thesis'],
      ['b', 'masters-thesis'],
      ['c', 'phd-thesis'],
      ['d', 'masters-thesis'],
      ['e', undefined],
      ['f', 'Doctoral dissertation'],
      ['g', 'Diplomarbeit'],
      ['h', undefined],
      ['i', 'technical-report'],
      ['j', 'working-paper'],
      ['k', 'technical-report'],
      ['l', undefined],
      ['m', 'phd-thesis'],
    ]);
  });

  it('only where `type` is a kind: an article’s or a chapter’s stays in extra, unprinted', async () => {
    const fields = 'author={Smith, A.}, title={A study}, year=2020';
    const papers = readBibtex(
      [
        `@article{a, ${fields}, journal={J Foo}, volume=3, type={Research Article}}`,
        `@inproceedings{b, ${fields}, booktitle={Proc. Foo}, type={Conference Paper}}`,
        `@incollection{c, ${fields}, booktitle={A Book}, type={Section}}`,
        `@misc{d, ${fields}, howpublished={Foo Summit}, type={Keynote}}`,
        `@dataset{e, ${fields}, type={Survey data}}`,
      ].join('\n'),
      'refs.bib',
    ).papers.map(({ paper }) => [paper.type, paper.genre, paper.extra]);
    expect(papers).toEqual([
      ['journal', undefined, { type: 'Research Article' }],
      ['conference', undefined, { type: 'Conference Paper' }],
      ['chapter', undefined, { type: 'Section' }],
      ['other', 'Keynote', undefined],
      ['dataset', 'Survey data', undefined],
    ]);
    const file = join(folder, 'article.bib');
    writeFileSync(
      file,
      `@article{x1, ${fields}, journal={J Foo}, volume=3, type={Research Article}}\n`,
    );
    const into = join(folder, 'article.yaml');
    expect(runCli(['import', file, '--into', into, '--owner', 'A Smith']).status).toBe(0);
    const apa = runCli(['render', into, '-f', 'text', '--style', 'apa', '--group-by', 'none']);
    expect(apa.stdout.trim()).toBe('Smith, A. (2020). A study. J Foo, 3.');
  });

  it('a `@misc` whose `type` names a poster or a talk is one, with no genre besides', () => {
    const fields = 'author={Smith, A.}, title={A study}, year=2020, howpublished={Foo Summit}';
    const papers = readBibtex(
      [
        `@misc{a, ${fields}, type={Poster}}`,
        `@misc{b, ${fields}, type={talk}}`,
        `@misc{c, ${fields}, type={Presentation}}`,
        `@misc{d, ${fields}, type={Invited poster}}`,
      ].join('\n'),
      'refs.bib',
    ).papers.map(({ paper }) => [paper.type, paper.genre]);
    expect(papers).toEqual([
      ['poster', undefined],
      ['talk', undefined],
      ['talk', undefined],
      ['other', 'Invited poster'],
    ]);
  });

  it('a patent’s biblatex `type` (its office) is no kind, and stays in extra', () => {
    const [patent] = readBibtex(
      '@patent{p, author={A B}, title={T}, year=2020, number={123}, type={patentus}}',
      'refs.bib',
    ).papers;
    expect(patent?.paper.genre).toBeUndefined();
    expect(patent?.paper.extra).toEqual({ type: 'patentus' });
  });

  it('CSL-JSON: `genre`, a poster’s "Poster" aside', () => {
    const papers = readCslJson(
      JSON.stringify([
        {
          id: 'a',
          type: 'thesis',
          title: 'T',
          genre: 'PhD thesis',
          issued: { 'date-parts': [[2020]] },
        },
        {
          id: 'b',
          type: 'thesis',
          title: 'T',
          genre: 'Doctoral dissertation',
          issued: { 'date-parts': [[2020]] },
        },
        {
          id: 'c',
          type: 'report',
          title: 'T',
          genre: 'Technical report',
          issued: { 'date-parts': [[2020]] },
        },
        {
          id: 'd',
          type: 'speech',
          title: 'T',
          genre: 'Poster',
          issued: { 'date-parts': [[2020]] },
        },
      ]),
      'items.json',
    ).papers.map(({ paper }) => [paper.type, paper.genre, paper.extra]);
    expect(papers).toEqual([
      ['thesis', 'phd-thesis', undefined],
      ['thesis', 'Doctoral dissertation', undefined],
      ['report', 'technical-report', undefined],
      ['poster', undefined, undefined],
    ]);
  });

  it('RIS: a thesis’s or report’s M3, its type of work', () => {
    const papers = readRis(
      [
        'TY  - THES\nTI  - T\nPY  - 2020\nPB  - MIT\nM3  - PhD Thesis\nER  - ',
        'TY  - RPRT\nTI  - T\nPY  - 2020\nM3  - Working paper\nER  - ',
        'TY  - THES\nTI  - T\nPY  - 2020\nM3  - Habilitationsschrift\nER  - ',
        '',
      ].join('\n'),
    ).papers.map(({ paper }) => [paper.genre, paper.extra]);
    expect(papers).toEqual([
      ['phd-thesis', undefined],
      ['working-paper', undefined],
      ['Habilitationsschrift', undefined],
    ]);
  });
});

const database = (papers: string) =>
  databaseFrom(`owner: {name: Ada Lovelace}\npapers:\n${papers}`);

describe('the database', () => {
  const papersYaml = [
    '  - {id: a, type: thesis, title: T, date: 2015, extra: {entrytype: mastersthesis}}',
    '  - {id: b, type: thesis, title: T, date: 2015, extra: {genre: PhD thesis, abbr: X}}',
    '  - {id: c, type: thesis, title: T, date: 2015, extra: {type: Doctoral dissertation}}',
    '  - {id: d, type: report, title: T, date: 2015, extra: {ris_m3: Technical report}}',
    '  - {id: e, type: patent, title: T, date: 2015, extra: {type: patentus}}',
    '  - {id: f, type: journal, title: T, date: 2015, extra: {type: Research Article}}',
    '',
  ].join('\n');

  it('reads the kind an older import kept in `extra`, and exports it once', async () => {
    const db = await database(papersYaml);
    const { papers } = db;
    expect(papers.map((paper) => [paper.genre, paper.extra])).toEqual([
      ['masters-thesis', undefined],
      ['phd-thesis', { abbr: 'X' }],
      ['Doctoral dissertation', undefined],
      ['technical-report', undefined],
      [undefined, { type: 'patentus' }],
      [undefined, { type: 'Research Article' }],
    ]);
    const { text, warnings } = await renderText(db, { format: 'bibtex' });
    expect(warnings).toEqual([]);
    expect(text).toContain('@mastersthesis{a,');
    expect(text).toMatch(/@phdthesis\{c,[^@]*type = \{Doctoral dissertation\}/);
  });

  it('takes a keyword’s English words for the keyword, printed in the output’s language', async () => {
    const db = await database(
      '  - {id: a, type: thesis, genre: PhD Thesis, title: T, authors: [Ada Lovelace], date: 2015, publisher: U}\n',
    );
    expect(db.papers[0]?.genre).toBe('phd-thesis');
    const { text } = await renderText(db, {
      format: 'text',
      overrides: { style: 'apa', locale: 'es-ES' },
    });
    expect(text).toContain('Lovelace, A. (2015). T [Tesis doctoral]. U.');
  });

  it('a thesis or report of no known kind says so in BibTeX, and reads back without one', async () => {
    const db = await database(
      [
        '  - {id: a, type: thesis, title: T, date: 2015, publisher: U}',
        '  - {id: b, type: report, title: T, date: 2015, publisher: U}',
        '',
      ].join('\n'),
    );
    const { text } = await renderText(db, { format: 'bibtex' });
    expect(text).toMatch(/@phdthesis\{a,[^@]*type = \{Thesis\}/);
    expect(text).toMatch(/@techreport\{b,[^@]*type = \{Report\}/);
    expect(readBibtex(text, 'export.bib').papers.map(({ paper }) => paper.genre)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('a report of no known kind is a technical report in BibLaTeX, which needs its type', async () => {
    const db = await database(
      '  - {id: r1, type: report, title: T, date: 2015, publisher: ACME, venue: ACME Labs}\n',
    );
    const { text } = await renderText(db, { format: 'biblatex' });
    expect(text).toMatch(/@report\{r1,[^@]*type = \{techreport\}/);
    expect(readBibtex(text, 'export.bib').papers[0]?.paper.genre).toBe('technical-report');
  });

  it.runIf(toolsAvailable('pdflatex', 'biber', 'pdftotext'))(
    'biber and biblatex print each kind of the BibLaTeX export, a report of no known kind too',
    async () => {
      const db = await database(
        [
          '  - {id: t1, type: thesis, genre: phd-thesis, title: T, date: 2015, publisher: MIT}',
          '  - {id: t2, type: thesis, genre: Habilitationsschrift, title: T, date: 2016, publisher: MIT}',
          '  - {id: r1, type: report, title: T, date: 2017, publisher: ACME, venue: ACME Labs}',
          '',
        ].join('\n'),
      );
      const { text: bib } = await renderText(db, { format: 'biblatex' });
      const pdf = compileLatex(
        [
          '\\documentclass{article}',
          '\\usepackage[backend=biber]{biblatex}\\addbibresource{publications.bib}',
          '\\begin{document}\\nocite{*}\\printbibliography\\end{document}',
          '',
        ].join('\n'),
        { engine: 'pdflatex', bibliography: 'biber', files: { 'publications.bib': bib } },
      );
      const shown = pdf.text.replace(/\s+/g, ' ');
      expect(shown).toContain('PhD thesis. MIT, 2015.');
      expect(shown).toContain('Habilitationsschrift. MIT, 2016.');
      // biblatex abbreviates its key's words by default: techreport is "Tech. rep.".
      expect(shown).toContain('T. Tech. rep. ACME, 2017.');
    },
  );

  it('warns, where it is, of a thesis’s or report’s kind on a paper of another type', () => {
    const file = join(folder, 'misplaced.yaml');
    writeFileSync(
      file,
      [
        'owner: {name: Ada Lovelace}',
        'papers:',
        '  - {id: j1, type: journal, genre: phd-thesis, title: A journal paper, date: 2020, venue: J Foo}',
        '  - {id: k1, type: talk, genre: Keynote, title: A talk, date: 2020}',
        '  - {id: w1, type: preprint, genre: Working paper, title: A preprint, date: 2020}',
        '  - {id: t1, type: thesis, genre: PhD thesis, title: A thesis, date: 2020}',
        '',
      ].join('\n'),
    );
    const result = runCli(['validate', file]);
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:3:36: warning: papers[0] (j1).genre: \`phd-thesis\` is a kind of thesis, but the paper's type is journal: styles print it all the same ("[PhD thesis]") (if it is a thesis, write \`type: thesis\`; if not, remove \`genre\`, or write the words to print there)`,
      `${file}: 4 papers, no problems, 1 warning`,
    ]);
  });

  it('reports a misspelt keyword where it is', () => {
    const file = join(folder, 'misspelt.yaml');
    writeFileSync(
      file,
      'owner: {name: Ada Lovelace}\npapers:\n  - id: a\n    type: thesis\n    genre: master-thesis\n    title: T\n    date: 2015\n',
    );
    const result = runCli(['validate', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'misspelt.yaml:5:12: papers[0] (a).genre: `master-thesis` is not a genre keyword (did you mean `masters-thesis`?)',
    );
  });
});
