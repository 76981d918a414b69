/**
 * Every real bibliography of ../shared/corpus imported into an empty database: each entry
 * becomes a paper or is reported with its reason, the counts are what the files hold, and
 * the database validates afterwards.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../src/import/import.js';
import { formatSummary } from '../src/import/summary.js';
import type { Paper } from '../src/model/paper.js';
import { CORPUS } from './support/corpus.js';
import { importedDatabase } from './support/database.js';

const corpus = (name: string) => join(CORPUS, name);

/** A new database, whose comment every import must keep. */
const HEAD = `# My publications. This comment must survive every import.
owner:
  name: Ada Lovelace

`;

async function importInto(file: string) {
  const { result, text, database } = await importedDatabase([corpus(file)], HEAD);
  const { papers } = database;
  const byId = (id: string) => {
    const paper = papers.find((candidate) => candidate.id === id);
    if (!paper) throw new Error(`no paper ${id}`);
    return paper;
  };
  return { result, papers, text, byId };
}

/** How many papers there are of each type and kind, of those that have a kind or could. */
function kinds(papers: readonly Paper[]): Record<string, number> {
  const count: Record<string, number> = {};
  for (const paper of papers) {
    if (paper.type !== 'thesis' && paper.type !== 'report' && !paper.genre) continue;
    const key = `${paper.type} ${paper.genre ?? '(none)'}`;
    count[key] = (count[key] ?? 0) + 1;
  }
  return count;
}

function counts(result: ImportResult) {
  const [report] = result.files;
  if (!report) throw new Error('no file report');
  return {
    entries: report.entries,
    added: report.added.length,
    duplicates: report.duplicates.length,
    skipped: report.skipped.length,
  };
}

describe('al-folio papers.bib', async () => {
  const { result, papers, text, byId } = await importInto('alfolio-papers.bib');

  it('imports all 7 entries and keeps the comment at the top', () => {
    expect(counts(result)).toEqual({ entries: 7, added: 7, duplicates: 0, skipped: 0 });
    expect(papers).toHaveLength(7);
    expect(text.startsWith('# My publications. This comment must survive every import.\n')).toBe(
      true,
    );
  });

  it('turns {\\"U}ber into Über and keeps raw UTF-8 Schrödinger', () => {
    expect(byId('einstein1905molekularkinetischen').title).toBe(
      'Über die von der molekularkinetischen Theorie der Wärme geforderte Bewegung von in ruhenden Flüssigkeiten suspendierten Teilchen',
    );
    expect(byId('przibram1967letters').authors.map((person) => person.family)).toEqual([
      'Einstein',
      'Schrödinger',
      'Planck',
      'Lorentz',
      'Przibram',
    ]);
  });

  it('expands the bare @string macro and maps al-folio fields with a home', () => {
    const epr = byId('PhysRev.47.777');
    expect(epr.publisher).toBe('American Physical Society');
    expect(epr.selected).toBe(true);
    expect(epr.date).toEqual({ year: 1935, month: 5 });
    expect(epr.doi).toBe('10.1103/PhysRev.47.777');
    expect(epr.pages).toBe('777-780');
    // `url = {http://link.aps.org/doi/10.1103/PhysRev.47.777}` only links the DOI: the
    // `html` page is the paper's link.
    expect(epr.url).toBe('https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777');
    // No home in the model: kept as written, so an export gives them back.
    expect(epr.extra).toMatchObject({
      abbr: 'PhysRev',
      pdf: 'example_pdf.pdf',
      altmetric: '248277',
      dimensions: 'true',
    });
  });

  it('reports what it mapped and kept', () => {
    const [report] = result.files;
    expect(report?.kept.get('abbr')).toBe(3);
    expect(report?.kept.get('bibtex_show')).toBe(3);
    expect(report?.mapped.get('title')).toBe(7);
  });
});

describe('the HoTT book bibliography (math, months, odd years)', async () => {
  const { result, papers, text, byId } = await importInto('thesis-book-mixed-math.bib');

  it('imports all 132 entries', () => {
    expect(counts(result)).toEqual({ entries: 132, added: 132, duplicates: 0, skipped: 0 });
    expect(papers).toHaveLength(132);
  });

  it('keeps math as $...$ and removes case-protecting braces', () => {
    const titles = papers.map((paper) => paper.title);
    expect(titles).toContain('Types are weak $\\omega$-groupoids');
    expect(titles).toContain('A survey of $(\\infty, 1)$-categories');
    expect(titles).toContain('A preliminary univalent formalization of the $p$-adic numbers');
    expect(byId('BauerTaylor09').title).toBe('The Dedekind reals in abstract Stone duality');
  });

  it('drops \\index{} from titles and says so', () => {
    expect(papers.some((paper) => paper.title.includes('\\index'))).toBe(false);
    const notes = result.files[0]?.notes.map((note) => note.note) ?? [];
    expect(notes).toContain('title: dropped \\index{unintentional type theory}');
  });

  it('keeps a web address in a field of its own name as written, ~ and all', () => {
    // Errata = {http://www.cis.upenn.edu/~bcpierce/tapl/errata.txt}: a ~ is no space there.
    const kept = papers.find((paper) => paper.extra?.errata !== undefined)?.extra;
    expect(kept).toMatchObject({
      errata: 'http://www.cis.upenn.edu/~bcpierce/tapl/errata.txt',
      homepage: 'http://www.cis.upenn.edu/~bcpierce/tapl',
    });
  });

  it('reads years BibTeX cannot: 300 BC, ranges with the text kept', () => {
    expect(byId('Euclid').date).toEqual({ year: -300 });
    expect(byId('PM2').date).toEqual({ year: 1910 });
    expect(byId('PM2').extra?.year).toBe('1910–1913; Second edition, 1925–1927');
  });

  it('keeps no note that only repeats the arXiv id, the link or the URL', () => {
    // Note = {arXiv:1705.07088}; note = {\\href{http://arxiv.org/abs/1302.1207/}{arXiv:1302.1207}}
    expect(byId('ls:hits')).toMatchObject({ type: 'preprint', arxiv: '1705.07088' });
    expect(byId('pelayo2013preliminary').arxiv).toBe('1302.1207');
    expect(byId('rezk01css').arxiv).toBe('math.AT/9811037');
    // Note = {\\url{...}} with the same address as Url = {...}
    expect(byId('Rezk05').url).toBe('http://www.math.uiuc.edu/~rezk/homotopy-topos-sketch.pdf');
    const repeated = papers.filter((paper) => paper.note && /arxiv|^https?:/i.test(paper.note));
    expect(repeated.map((paper) => [paper.id, paper.note])).toEqual([]);
    const notes = result.files[0]?.notes.map((note) => note.note) ?? [];
    expect(notes.filter((note) => note.includes('dropped the link'))).toEqual([]);
  });

  it("makes a note that is only an address the paper's URL", () => {
    // note = {\\url{https://ncatlab.org/ufias2012/files/semi.pdf}} on an @unpublished
    expect(byId('coquand2012constructive').url).toBe(
      'https://ncatlab.org/ufias2012/files/semi.pdf',
    );
    expect(byId('coquand2012constructive').note).toBeUndefined();
    expect(byId('BauerAcceptanceVideo').url).toBe(
      'http://video.ias.edu/members/1213/0318-AndrejBauer',
    );
    // A note that says more stays a note.
    expect(byId('howard:pat').note).toBe('original paper manuscript from 1969');
  });

  it('reads months written as {April}, {6} and {April 1}', () => {
    const months = papers.filter((paper) => paper.date.month !== undefined);
    expect(months.length).toBeGreaterThanOrEqual(4);
    for (const paper of months) expect(paper.date.month).toBeGreaterThanOrEqual(1);
  });

  it('reads its 4 @phdthesis as PhD theses and its 2 @techreport as technical reports', () => {
    expect(kinds(papers)).toEqual({ 'thesis phd-thesis': 4, 'report technical-report': 2 });
  });

  it('reads editors separated by ";" as names, and says where', () => {
    // Editor = {Seldin, Jonathan P.; Hindley, J. Roger}: BibTeX reads one editor whose "Jr"
    // part is "Jonathan P.; Hindley".
    expect(text).toContain(
      '    editors:\n      - Jonathan P. Seldin\n      - J. Roger Hindley\n    date: 1980\n',
    );
    expect(formatSummary(result)).toContain(
      `${corpus('thesis-book-mixed-math.bib')}:586:1: howard:pat: editor: "Seldin, Jonathan P.; Hindley, J. Roger": read as 2 names, which ";" separates (BibTeX separates names with "and")\n`,
    );
  });
});

describe('a DBLP export with crossref', async () => {
  const { result, papers, byId } = await importInto('dblp-export-crossref.bib');

  it('accounts for all 157 entries: papers, crossref-only proceedings, preprints of papers, and versions of the same paper', () => {
    expect(counts(result)).toEqual({ entries: 157, added: 79, duplicates: 2, skipped: 39 });
    expect(result.files[0]?.preprints).toHaveLength(37);
    expect(papers).toHaveLength(79);
    const reasons = result.files[0]?.skipped.map((entry) => entry.reason) ?? [];
    expect(reasons.every((reason) => reason.includes('used through crossref'))).toBe(true);
  });

  it('makes DBLP keys valid ids', () => {
    expect(papers.map((paper) => paper.id)).toContain('DBLP:conf-stoc-FournierL0T24');
  });

  it('takes editors, publisher and series from the crossref parent, but not its DOI', () => {
    const paper = byId('DBLP:conf-coco-FournierLM0T23');
    expect(paper.type).toBe('conference');
    expect(paper.editors?.length).toBeGreaterThan(0);
    expect(paper.publisher).toBeDefined();
    expect(paper.extra?.series).toBeDefined();
    expect(paper.extra?.crossref).toBeUndefined();
    const stoc = byId('DBLP:conf-stoc-FournierL0T24');
    expect(stoc.doi).toBe('10.1145/3618260.3649760');
    expect(stoc.venue).toBe(
      'Proceedings of the 56th Annual ACM Symposium on Theory of Computing, STOC 2024, Vancouver, BC, Canada, June 24-28, 2024',
    );
  });

  it('reads arXiv eprints and CoRR as preprints, TeX accents as Unicode', () => {
    const corr = byId('DBLP:journals-corr-abs-2408-03465');
    expect(corr.type).toBe('preprint');
    expect(corr.arxiv).toBe('2408.03465');
    expect(corr.title).toBe(
      "On the geometry of k-SAT solutions: what more can PPZ and Schöning's algorithms do?",
    );
    // `journal = {CoRR}, volume = {abs/2408.03465}` only repeat the arXiv id.
    expect(corr.venue).toBeUndefined();
    expect(corr.volume).toBeUndefined();
    const preprints = papers.filter((paper) => paper.type === 'preprint');
    expect(preprints.length).toBeGreaterThan(5);
    expect(
      preprints.filter((paper) => paper.venue !== undefined || paper.volume !== undefined),
    ).toEqual([]);
    expect(byId('DBLP:journals-cacm-LimayeST24').authors[2]).toMatchObject({
      given: 'Sébastien',
      family: 'Tavenas',
    });
  });

  it('reads the math DBLP escaped as text as math, and says so', () => {
    expect(byId('DBLP:journals-siamcomp-LimayeSSTV21').title).toBe(
      'A Fixed-Depth Size-Hierarchy Theorem for $\\mathrm{AC}^0[\\oplus]$ via the Coin Problem',
    );
    const notes = result.files[0]?.notes.map((note) => note.note) ?? [];
    expect(notes).toContain(
      'title: read the math written as text {\\textdollar}{\\textbackslash}mathrm\\{AC\\}{\\^{}}0[{\\textbackslash}oplus]{\\textdollar} as $\\mathrm{AC}^0[\\oplus]$',
    );
  });

  it('keeps DBLP bookkeeping under extra', () => {
    expect(byId('DBLP:journals-cacm-LimayeST24').extra).toMatchObject({
      biburl: 'https://dblp.org/rec/journals/cacm/LimayeST24.bib',
      timestamp: 'Sun, 19 Jan 2025 00:00:00 +0100',
    });
  });
});

describe('a thesis bibliography with CJK, duplicate keys and comments', async () => {
  const { result, papers, byId } = await importInto('messy-cjk-duplicates.bib');

  it('accounts for all 328 entries', () => {
    expect(counts(result)).toEqual({ entries: 328, added: 303, duplicates: 6, skipped: 19 });
    expect(papers).toHaveLength(303);
    const reasons = result.files[0]?.skipped.map((entry) => entry.reason) ?? [];
    expect(reasons.filter((reason) => reason.startsWith('duplicate key'))).toHaveLength(7);
    expect(reasons.filter((reason) => reason === 'no year or date')).toHaveLength(12);
  });

  it('keeps Chinese names and titles, the language, and the kind of thesis', () => {
    const paper = byId('zhubajie');
    expect(paper).toMatchObject({
      type: 'thesis',
      title: '论流体食物的持久保存',
      publisher: '广寒宫大学',
      language: 'zh',
    });
    expect(paper.authors).toEqual([{ family: '猪八戒' }]);
    expect(paper.genre).toBe('masters-thesis');
    expect(paper.extra).toBeUndefined();
  });

  it('gives each of its 41 theses and 6 reports the kind its entry type says', () => {
    // 44 @phdthesis and @mastersthesis, of which 3 have no year or repeat a key.
    expect(kinds(papers)).toEqual({
      'thesis masters-thesis': 26,
      'thesis phd-thesis': 15,
      'report technical-report': 6,
    });
  });

  it('reads `lang = zh` and `language = {chinese}` as the language zh, and nothing else', () => {
    const languages = new Map<string, number>();
    for (const paper of papers) {
      const language = paper.language ?? '(none)';
      languages.set(language, (languages.get(language) ?? 0) + 1);
      expect(paper.extra ?? {}).not.toHaveProperty('lang');
      expect(paper.extra ?? {}).not.toHaveProperty('language');
    }
    expect([...languages.keys()].sort()).toEqual(['(none)', 'zh']);
    expect(languages.get('zh')).toBe(58);
  });

  it('makes "[online] Available at: \\url{...}" the paper\'s URL', () => {
    expect(byId('VDM-Website').url).toBe(
      'http://www.mekanizmalar.com/variable_displacement_piston_pump.html',
    );
    expect(byId('VDM-Website').note).toBeUndefined();
    // \\url{ http://...}: the space inside the braces is not part of the address.
    expect(byId('ISONE').url).toBe('http://www.iso-ne.com/isoexpress/web/charts');
  });

  it('reads `and others` as a truncated author list', () => {
    expect(papers.some((paper) => paper.et_al === true)).toBe(true);
  });
});

describe('a Manubot CSL-JSON file', async () => {
  const { result, papers } = await importInto('csl-manubot-references.json');

  it('imports all 22 items', () => {
    expect(counts(result)).toEqual({ entries: 22, added: 22, duplicates: 0, skipped: 0 });
    expect(papers).toHaveLength(22);
  });

  it('keeps institutional authors whole and the suffix of a 1014-author paper', () => {
    expect(papers[0]?.authors).toEqual([
      { literal: 'National Information Standards Organization' },
    ]);
    const big = papers.find((paper) => paper.doi === '10.1534/g3.114.015966');
    expect(big?.authors).toHaveLength(1014);
    expect(big?.authors).toContainEqual({ family: 'Ramirez', given: 'Roman E.', suffix: 'Jr.' });
    expect(big?.extra).toMatchObject({ pmid: '25740935', pmcid: 'PMC4426361', shortjournal: 'G3' });
  });

  it('imports a personal communication without authors, keeping its CSL type', () => {
    const talk = papers.find((paper) => paper.id === 'raw:dongbo-conversation');
    expect(talk?.authors).toEqual([]);
    expect(talk?.extra?.csl_type).toBe('personal_communication');
  });

  it('reads date-parts at every precision', () => {
    const precisions = new Set(
      papers.map((paper) => (paper.date.day ? 3 : paper.date.month ? 2 : 1)),
    );
    expect(precisions).toEqual(new Set([1, 3]));
  });
});

describe('a Zotero RIS export', async () => {
  const { result, papers, text } = await importInto('zotero-export.ris');

  it('imports all 100 records', () => {
    expect(counts(result)).toEqual({ entries: 100, added: 100, duplicates: 0, skipped: 0 });
    expect(papers).toHaveLength(100);
  });

  it('reads CRLF lines, repeated AU, DA dates and particles', () => {
    const first = papers[0] as Paper;
    expect(first.title).toBe(
      'An open source machine learning framework for efficient and transparent systematic reviews',
    );
    expect(first.authors).toHaveLength(17);
    expect(first.authors[0]).toMatchObject({ given: 'Rens', particle: 'van de', family: 'Schoot' });
    expect(first.date).toEqual({ year: 2021, month: 2, day: 1 });
    expect(first.pages).toBe('125-133');
    expect(JSON.stringify(papers)).not.toContain('\r');
  });

  it("leaves out pandas' nan for an empty cell, and says so", () => {
    const escape = papers.find((paper) => paper.title.startsWith('Escape education')) as Paper;
    expect(escape).toMatchObject({ volume: 31, pages: 100364, date: { year: 2020 } });
    expect(escape).not.toHaveProperty('issue');
    const values = papers.flatMap((paper) => [paper.volume, paper.issue, paper.pages]);
    expect(values.filter((value) => String(value).includes('nan'))).toEqual([]);
    expect(result.files[0]?.skippedFields.get('IS (nan, an empty cell as pandas writes it)')).toBe(
      25,
    );
  });

  it('reads a particle written after the given names as the particle, a Dutch double family name whole', () => {
    // AU  - Dieren, Judith J Kroese-van and AU  - Roo, Tineke Coenen-de; Ho, Hsi-en stays.
    expect(text).toContain(
      '      - Pauline Heus\n      - family: Kroese-van Dieren\n        given: Judith J\n      - René Spijker\n',
    );
    expect(text).toContain('      - family: Coenen-de Roo\n        given: Tineke\n');
    // AU  - Doesschate, T. ten; Veer, Emil ter; Azzouzi, Hamid el.
    for (const name of ['T. ten Doesschate', 'Emil ter Veer', 'Hamid el Azzouzi']) {
      expect(text).toContain(`      - ${name}\n`);
    }
    expect(text).toContain('      - Hsi-en Ho\n');
    expect(formatSummary(result)).toContain(
      `  ${corpus('zotero-export.ris')}:437:1: AU "Dieren, Judith J Kroese-van": read as Judith J Kroese-van Dieren, the family name Kroese-van Dieren\n`,
    );
    expect(result.files[0]?.notes.map(({ note }) => note.slice(0, 3))).toEqual(
      Array<string>(5).fill('AU '),
    );
  });

  it('removes the full stop 46 titles end in, and says so once', () => {
    // TI  - The development of offspring from mothers with systemic lupus erythematosus. A systematic review.
    expect(
      papers.some(
        (paper) =>
          paper.title ===
          'The development of offspring from mothers with systemic lupus erythematosus. A systematic review',
      ),
    ).toBe(true);
    expect(papers.filter((paper) => paper.title.endsWith('.'))).toEqual([]);
    expect(formatSummary(result)).toContain(
      '\n  46 titles ended in a full stop, removed: styles put their own punctuation after a title\n',
    );
  });

  it("reads Zotero's `null` given name as none", () => {
    const paper = papers.find((candidate) =>
      candidate.title.startsWith('The effect of intra-arterial angiotensin II'),
    ) as Paper;
    expect(paper.authors[0]).toEqual({ family: 'van den Hoven' });
    expect(JSON.stringify(papers)).not.toMatch(/"null"|\bnull\b/);
  });

  it('keeps notes, keywords and the second link under extra', () => {
    const first = papers[0] as Paper;
    expect(first.extra).toMatchObject({
      annote: '<p>ASReview_relevant</p>',
      ris_l2: 'https://www.nature.com/articles/s42256-020-00287-7',
      issn: '25225839',
    });
  });
});
