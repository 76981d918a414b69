/** `publist import` as a user runs it: messages, exit codes, what is written and what is not. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';
import { CORPUS } from './support/corpus.js';

const ALFOLIO = join(CORPUS, 'alfolio-papers.bib');
const scratch = () => mkdtempSync(join(tmpdir(), 'publist-import-'));

function copyOfDefault(): string {
  const into = join(scratch(), 'papers.yaml');
  copyFileSync(DEFAULT_DB, into);
  return into;
}

describe('publist import', () => {
  it('adds the papers, keeps every line of the database, and the result validates', () => {
    const into = copyOfDefault();
    const before = readFileSync(into, 'utf8');
    const result = runCli(['import', ALFOLIO, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('alfolio-papers.bib: BibTeX, 7 entries: 7 added');
    expect(result.stderr).toContain('kept under extra: abbr 3, bibtex_show 3');
    expect(result.stderr).toContain(`${into}: 7 papers added (27 in all)`);
    const after = readFileSync(into, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toContain('  - id: einstein1905molekularkinetischen\n');
    const validate = runCli(['validate', into]);
    expect(validate.status).toBe(0);
    expect(validate.stderr).toContain('27 papers, no problems');
  });

  it('adds nothing the second time and says why', () => {
    const into = copyOfDefault();
    runCli(['import', ALFOLIO, '--into', into]);
    const once = readFileSync(into, 'utf8');
    const again = runCli(['import', ALFOLIO, '--into', into]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('7 entries: 0 added, 7 already in the database');
    expect(again.stderr).toContain(
      'alfolio-papers.bib:28:1: PhysRev.47.777: already in the database as `PhysRev.47.777` (same DOI 10.1103/PhysRev.47.777)',
    );
    expect(again.stderr).toContain('0 papers added (27 in all); nothing to write');
    expect(readFileSync(into, 'utf8')).toBe(once);
  });

  it('knows a paper edited since its import by its key, and another paper with that key not', () => {
    const into = copyOfDefault();
    runCli(['import', ALFOLIO, '--into', into]);
    // The al-folio file's typos, fixed in the database after the first import.
    const typo =
      'Un the movement of small particles suspended in statiunary liquids required by the molecular-kinetic theory 0f heat';
    const fixed =
      'On the movement of small particles suspended in stationary liquids required by the molecular-kinetic theory of heat';
    const edited = readFileSync(into, 'utf8').replace(typo, fixed);
    expect(edited).toContain(fixed);
    writeFileSync(into, edited);
    const again = runCli(['import', ALFOLIO, '--into', into]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('7 entries: 0 added, 7 already in the database');
    expect(again.stderr).toContain(
      'alfolio-papers.bib:61:1: einstein1905movement: already in the database as `einstein1905movement` (same key and year, 1905, and the same first author)',
    );
    expect(readFileSync(into, 'utf8')).toBe(edited);
    // Another paper of the same first author and year under that key is added, as a new id.
    const other = join(dirname(into), 'other.bib');
    writeFileSync(
      other,
      '@article{einstein1905movement, author = {A. Einstein}, title = {Does the inertia of a body depend upon its energy content?}, journal = {Ann. Phys.}, year = {1905}}\n',
    );
    const another = runCli(['import', other, '--into', into]);
    expect(another.status).toBe(0);
    expect(another.stderr).toContain('1 entry: 1 added');
    expect(readFileSync(into, 'utf8')).toContain('  - id: einstein1905movement-2\n');
  });

  it('--dry-run prints the lines it would add and writes nothing', () => {
    const into = copyOfDefault();
    const before = readFileSync(into, 'utf8');
    const result = runCli(['import', ALFOLIO, '--into', into, '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^@@ .*papers\.yaml:\d+ @@\n/);
    expect(result.stdout).toContain('+  - id: PhysRev.47.777\n');
    expect(result.stdout).toContain('+    title: Über die von der molekularkinetischen Theorie');
    expect(result.stderr).toContain('dry run, nothing written');
    expect(readFileSync(into, 'utf8')).toBe(before);
  });

  it('--update adds the fields a paper lacks and keeps its own values', () => {
    const into = join(scratch(), 'papers.yaml');
    writeFileSync(
      into,
      [
        'owner:',
        '  name: Albert Einstein',
        'papers:',
        '  - id: epr',
        '    type: journal  # the EPR paper',
        '    title: Can Quantum-Mechanical Description of Physical Reality Be Considered Complete?',
        '    authors: [A. Einstein, B. Podolsky, N. Rosen]',
        '    date: 1935',
        '    # The venue as I like to write it',
        '    venue: Physical Review',
        '    doi: 10.1103/PhysRev.47.777',
        '',
      ].join('\n'),
    );
    const result = runCli(['import', ALFOLIO, '--into', into, '--update']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'PhysRev.47.777: already in the database as `epr` (same DOI 10.1103/PhysRev.47.777); added volume, issue, pages, publisher, url, selected, abstract, extra.abbr,',
    );
    const text = readFileSync(into, 'utf8');
    expect(text).toContain('    type: journal  # the EPR paper\n');
    expect(text).toContain(
      '    date: 1935\n    # The venue as I like to write it\n    venue: Physical Review\n    volume: 47\n',
    );
    expect(text).toContain('    venue: Physical Review\n');
    expect(runCli(['validate', into]).status).toBe(0);
  });

  it('names a file to import that is not there before a database that is not there either', () => {
    const into = join(scratch(), 'new.yaml');
    const missing = join(scratch(), 'nosuch.bib');
    const refused = runCli(['import', missing, '--into', into]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`${missing}:1:1: cannot read this file: no such file\n1 problem\n`);
    expect(existsSync(into)).toBe(false);
  });

  it('starts a new database with --owner when the file does not exist', () => {
    const into = join(scratch(), 'new.yaml');
    const refused = runCli(['import', ALFOLIO, '--into', into]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      'does not exist; to start a new database there, give your name: --owner',
    );
    expect(existsSync(into)).toBe(false);
    const created = runCli(['import', ALFOLIO, '--into', into, '--owner', 'Albert Einstein']);
    expect(created.status).toBe(0);
    expect(created.stderr).toContain(`${into} (new): 7 papers added (7 in all)`);
    const text = readFileSync(into, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1] ?? '';
    expect(existsSync(resolve(dirname(into), schema))).toBe(true);
    expect(schema.endsWith('schema/papers.schema.json')).toBe(true);
    expect(text).toContain(
      '\nowner:\n  name: Albert Einstein\n\npapers:\n  - id: einstein1956investigations\n',
    );
  });

  it('reads ISO dates of any year, BC counted astronomically, and writes them back as they were', () => {
    const folder = scratch();
    const bib = join(folder, 'ancient.bib');
    writeFileSync(
      bib,
      [
        '@book{caesar, title={Commentarii}, author={Gaius Julius Caesar}, date={-0043-03-15}}',
        '@book{beowulf, title={Beowulf}, date={-0799}}',
        '@book{zero, title={Year Zero}, date={0000}}',
        '@misc{range, title={Fragments}, date={-0100/-0050}}',
        '',
      ].join('\n'),
    );
    const into = join(folder, 'papers.yaml');
    const result = runCli(['import', bib, '--into', into, '--owner', 'Ada Lovelace']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('4 entries: 4 added');
    const yaml = readFileSync(into, 'utf8');
    // 44 BC; the model holds no month before the year 1000, so the date is kept as written.
    expect(yaml).toContain("    date: -44\n    extra:\n      date: '-0043-03-15'\n");
    expect(yaml).toContain('    title: Beowulf\n    date: -800\n');
    expect(yaml).toContain('    title: Year Zero\n    date: -1\n');
    expect(yaml).toContain("    date: -101\n    extra:\n      date: '-0100/-0050'\n");
    const text = runCli(['render', into, '-f', 'text', '--style', 'apa']);
    expect(text.stdout).toContain('Caesar, G. J. (44 B.C.E.). Commentarii.');
    const biblatex = runCli(['render', into, '-f', 'biblatex']);
    expect(biblatex.stderr).toBe('');
    for (const date of ['-0043-03-15', '-0799', '0000', '-0100/-0050']) {
      expect(biblatex.stdout).toContain(`  date = {${date}},\n`);
    }
  });

  it('reports BibTeX syntax errors with file:line:col, exits 1 and writes nothing', () => {
    const dir = scratch();
    const bib = join(dir, 'broken.bib');
    writeFileSync(
      bib,
      [
        '@article{good, title = {Fine}, author = {A. Author}, year = 2020}',
        '@article{bad, title = {Missing comma} author = {B. Author}, year = 2021}',
        '@article{open, title = {The brace {before here, author = {D. Author}, year = 2022}',
        '',
      ].join('\n'),
    );
    const into = copyOfDefault();
    const before = readFileSync(into, 'utf8');
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${bib}:2:39: bad: expected , or }, found \`a\` (a missing comma between fields, or an unbalanced brace in the value before)`,
    );
    expect(result.stderr).toContain(
      `${bib}:3:24: this { is never closed (the braces of the entry are unbalanced; add the missing })`,
    );
    expect(result.stderr).toContain('2 problems');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(into, 'utf8')).toBe(before);
  });

  it('warns about an undefined macro, as BibTeX does, and imports the entry', () => {
    const bib = join(scratch(), 'macros.bib');
    writeFileSync(
      bib,
      [
        '@string{conf = "Conference on "}',
        '@preamble{"\\newcommand{\\noop}[1]{}"}',
        '@comment{ignored {entirely} @article{not, an = entry} }',
        '@inproceedings{macro, title = {Macros}, author = {C. Author}, year = 2020,',
        '  booktitle = conf # "Things", month = jun, journal = jacm, note = nosuch}',
        '',
      ].join('\n'),
    );
    const into = copyOfDefault();
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('macros.bib: BibTeX, 1 entry: 1 added');
    expect(result.stderr).toContain(
      'macros.bib:2:1: @preamble{\\newcommand{\\noop}[1]{}} has no place in the database; not imported',
    );
    expect(result.stderr).toContain(
      'macros.bib:5:68: undefined macro `nosuch`; the value is empty, as in BibTeX (define it with @string{nosuch = {...}} before use, or brace the value: {nosuch})',
    );
    const text = readFileSync(into, 'utf8');
    expect(text).toContain(
      '    date: 2020-06\n    venue: Conference on Things\n    extra:\n      journal: Journal of the ACM\n',
    );
  });

  it('takes a repeated arXiv id off the venue: it has a field of its own', () => {
    const bib = join(scratch(), 'scholar.bib');
    writeFileSync(
      bib,
      [
        '@article{scholar, title = {From Scholar}, author = {A. Author}, year = 2024,',
        '  journal = {arXiv preprint arXiv:2401.01234}}',
        '@misc{exported, title = {From publist}, author = {B. Author}, year = 2024,',
        '  howpublished = {arXiv:2402.05678}, eprint = {2402.05678}, archiveprefix = {arXiv}}',
        '',
      ].join('\n'),
    );
    const into = join(scratch(), 'papers.yaml');
    const result = runCli(['import', bib, '--into', into, '--owner', 'A. Author']);
    expect(result.status).toBe(0);
    const text = readFileSync(into, 'utf8');
    expect(text).toContain(
      "    type: preprint\n    title: From Scholar\n    authors:\n      - A. Author\n    date: 2024\n    venue: arXiv preprint\n    arxiv: '2401.01234'\n",
    );
    expect(text).toContain(
      "    type: preprint\n    title: From publist\n    authors:\n      - B. Author\n    date: 2024\n    arxiv: '2402.05678'\n",
    );
  });

  it('prints an arXiv id given again in a note once, and a note that is an address as a link', () => {
    const into = join(scratch(), 'papers.yaml');
    const bib = join(CORPUS, 'thesis-book-mixed-math.bib');
    const imported = runCli(['import', bib, '--into', into, '--owner', 'Michael Shulman']);
    expect(imported.status).toBe(0);
    expect(imported.stderr).not.toContain('dropped the link');
    const text = runCli(['render', into, '-f', 'text', '--style', 'ieee']);
    expect(text.status).toBe(0);
    // Note = {arXiv:1705.07088}, which became the arXiv id.
    expect(text.stdout).toContain(
      'P. L. Lumsdaine and M. Shulman, “Semantics of higher inductive types,” 2017, arXiv: 1705.07088. [Online]. Available: https://arxiv.org/abs/1705.07088\n',
    );
    expect(text.stdout).not.toContain('arXiv:1302.1207');
    const html = runCli(['render', into, '-f', 'html', '--style', 'ieee']);
    // note = {\url{https://ncatlab.org/ufias2012/files/semi.pdf}} is the paper's link (a
    // @misc, type `other`: a CSL "document", whose title IEEE ends with a full stop).
    expect(html.stdout).toMatch(
      /Takeuti-Gandy Interpretation\.” 2013\. \[Online\]\. Available: <a href="https:\/\/ncatlab\.org\/ufias2012\/files\/semi\.pdf">/,
    );
  });

  it('sums up keys changed into ids in one line when there are many (DBLP)', () => {
    const into = join(scratch(), 'papers.yaml');
    const result = runCli([
      'import',
      join(CORPUS, 'dblp-export-crossref.bib'),
      '--into',
      into,
      '--owner',
      'Nutan Limaye',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      '  79 keys are not valid ids and were changed, as `DBLP:journals/algorithmica/ChauguleL24` to `DBLP:journals-algorithmica-ChauguleL24`\n',
    );
    expect(result.stderr).not.toContain('imported as');
  });

  it('refuses to import into a database that does not validate', () => {
    const result = runCli(['import', ALFOLIO, '--into', 'test/fixtures/broken.yaml']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'test/fixtures/broken.yaml:11:5: papers[0] (first).venu: unknown key',
    );
  });

  it('tells the format by content, whatever the file is called', () => {
    const dir = scratch();
    const ris = join(dir, 'export.txt');
    writeFileSync(
      ris,
      ['TY  - JOUR', 'TI  - A paper from RIS', 'AU  - Doe, Jane', 'PY  - 2020', 'ER  - ', ''].join(
        '\n',
      ),
    );
    const unknown = join(dir, 'notes.txt');
    writeFileSync(unknown, 'just some notes\n');
    const into = copyOfDefault();
    const result = runCli(['import', ris, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('export.txt: RIS, 1 entry: 1 added');
    const refused = runCli(['import', unknown, '--into', into]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'notes.txt:1:1: cannot tell what kind of bibliography this is',
    );
    const wrongFormat = runCli(['import', ris, '--into', into, '--from', 'bibtex']);
    expect(wrongFormat.status).toBe(1);
    expect(wrongFormat.stderr).toContain(
      'export.txt:1:1: no bibtex entries here; the file looks like ris',
    );
  });

  it("warns about characters the source file's encoding lost", () => {
    const dir = scratch();
    const bib = join(dir, 'broken.bib');
    writeFileSync(
      bib,
      '@article{sarrias2020, title = {Ra\uFFFDl and friends}, author = {Sarrias-Mena, Ra\uFFFDl}, year = 2020}\n',
    );
    const result = runCli(['import', bib, '--into', copyOfDefault()]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('broken.bib:1:1: sarrias2020: title, authors have U+FFFD (�)');
  });

  it('reads several files in one run and catches duplicates across them', () => {
    const dir = scratch();
    const csl = join(dir, 'one.json');
    writeFileSync(
      csl,
      JSON.stringify([
        {
          id: 'x',
          type: 'article-journal',
          title: 'Can quantum-mechanical description of physical reality be considered complete?',
          author: [{ family: 'Einstein', given: 'A.' }],
          issued: { 'date-parts': [[1935]] },
        },
      ]),
    );
    const into = copyOfDefault();
    const result = runCli(['import', ALFOLIO, csl, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('one.json: CSL-JSON, 1 entry: 0 added, 1 duplicates');
    expect(result.stderr).toContain(
      'the same paper as `PhysRev.47.777` (same title and year, 1935)',
    );
  });
});

describe('a BibTeX name with its suffix written last', () => {
  it('is imported with the suffix as the suffix, and the summary says where', () => {
    const dir = scratch();
    const bib = join(dir, 'suffix.bib');
    writeFileSync(
      bib,
      '@article{smith2020,\n  title = {Things},\n  author = {Doe, Jane and Smith, John, Jr.},\n  journal = {J},\n  year = {2020}\n}\n',
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: Jane Doe\n\npapers: []\n');
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `  ${bib}:1:1: smith2020: author: "Smith, John, Jr.": read as family Smith, given John, suffix Jr. (BibTeX would read Jr. as the given name)\n`,
    );
    expect(readFileSync(into, 'utf8')).toContain(
      '    authors:\n      - Jane Doe\n      - John Smith, Jr.\n',
    );
  });
});

describe('a URL that only links the paper’s own DOI', () => {
  it('is left out, in every format, and the summary counts it', () => {
    const dir = scratch();
    const bib = join(dir, 'links.bib');
    writeFileSync(
      bib,
      [
        '@article{own,\n  title = {Own},\n  author = {Doe, Jane},\n  journal = {J},\n  year = {2020},\n  doi = {10.1103/PhysRev.47.777},\n  url = {http://link.aps.org/doi/10.1103/physrev.47.777}\n}',
        '@article{old,\n  title = {Old},\n  author = {Doe, Jane},\n  journal = {J},\n  year = {2021},\n  doi = {10.1000/ABC},\n  url = {http://dx.doi.org/10.1000/abc}\n}',
        // Another DOI's link is a link of its own.
        '@article{other,\n  title = {Other},\n  author = {Doe, Jane},\n  journal = {J},\n  year = {2022},\n  doi = {10.1000/abc.2},\n  url = {https://doi.org/10.1000/abc.3}\n}',
      ].join('\n\n') + '\n',
    );
    const ris = join(dir, 'links.ris');
    writeFileSync(
      ris,
      'TY  - JOUR\nTI  - Risen\nAU  - Doe, Jane\nPY  - 2023\nDO  - 10.1000/ris\nUR  - https://doi.org/10.1000/RIS\nER  - \n',
    );
    const json = join(dir, 'links.json');
    writeFileSync(
      json,
      JSON.stringify([
        {
          id: 'csl',
          type: 'article-journal',
          title: 'Cited',
          author: [{ family: 'Doe', given: 'Jane' }],
          issued: { 'date-parts': [[2024]] },
          DOI: '10.1000/csl',
          URL: 'https://doi.org/10.1000/csl',
        },
      ]),
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: Jane Doe\n\npapers: []\n');
    const result = runCli(['import', bib, ris, json, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${bib}: BibTeX, 3 entries: 3 added\n  mapped: author 3, doi 3, journal 3, title 3, year 3, url 1\n  left out: url (only its DOI's link, which the DOI prints) 2\n`,
    );
    expect(result.stderr).toContain(
      "\n  left out: UR (only its DOI's link, which the DOI prints) 1\n",
    );
    expect(result.stderr).toContain(
      "\n  left out: URL (only its DOI's link, which the DOI prints) 1\n",
    );
    const text = readFileSync(into, 'utf8');
    expect(text.match(/^ {4}url: .*$/gm)).toEqual(['    url: https://doi.org/10.1000/abc.3']);
    expect(text).not.toContain('extra:');
  });

  it('is the DOI of a paper without one, in every format', () => {
    const dir = scratch();
    const bib = join(dir, 'doi.bib');
    writeFileSync(
      bib,
      '@article{bibdoi,\n  title = {Bib},\n  author = {Doe, Jane},\n  journal = {J},\n  year = {2020},\n  url = {http://dx.doi.org/10.1000/bib}\n}\n',
    );
    const ris = join(dir, 'doi.ris');
    writeFileSync(
      ris,
      'TY  - JOUR\nTI  - Ris\nAU  - Doe, Jane\nPY  - 2021\nUR  - https://doi.org/10.1000/ris\nUR  - https://example.org/ris\nER  - \n',
    );
    const json = join(dir, 'doi.json');
    writeFileSync(
      json,
      JSON.stringify([
        {
          id: 'csl',
          type: 'article-journal',
          title: 'Csl',
          author: [{ family: 'Doe', given: 'Jane' }],
          issued: { 'date-parts': [[2022]] },
          URL: 'https://doi.org/10.1000/csl',
        },
      ]),
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: Jane Doe\n\npapers: []\n');
    const result = runCli(['import', bib, ris, json, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${bib}: BibTeX, 1 entry: 1 added\n  mapped: author 1, journal 1, title 1, url 1, year 1\n${ris}:`,
    );
    expect(result.stderr).toContain(
      `${ris}: RIS, 1 entry: 1 added\n  mapped: AU 1, PY 1, TI 1, TY 1, UR 1\n${json}:`,
    );
    const text = readFileSync(into, 'utf8');
    expect(text.match(/^ {4}(doi|url): .*$/gm)).toEqual([
      '    doi: 10.1000/bib',
      '    doi: 10.1000/ris',
      '    url: https://example.org/ris',
      '    doi: 10.1000/csl',
    ]);
    expect(text).not.toContain('extra:');
  });
});

describe('a RIS record with several UR lines', () => {
  it('has the first web address as its URL and keeps only the others as extra.ris_ur', () => {
    const dir = scratch();
    const ris = join(dir, 'urls.ris');
    writeFileSync(
      ris,
      [
        'TY  - JOUR\nTI  - Linked\nAU  - Doe, Jane\nPY  - 2021\nDO  - 10.1000/linked\nUR  - https://doi.org/10.1000/linked\nUR  - https://example.org/linked\nUR  - https://example.org/linked.pdf\nER  - ',
        'TY  - JOUR\nTI  - Twice\nAU  - Doe, Jane\nPY  - 2022\nUR  - https://example.org/twice\nUR  - https://mirror.example.org/twice\nER  - ',
      ].join('\n') + '\n',
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: Jane Doe\n\npapers: []\n');
    const result = runCli(['import', ris, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${ris}: RIS, 2 entries: 2 added\n  mapped: AU 2, PY 2, TI 2, TY 2, UR 2, DO 1\n  kept under extra: UR 2\n  left out: UR (only its DOI's link, which the DOI prints) 1\n`,
    );
    const text = readFileSync(into, 'utf8');
    expect(text).toContain(
      '    doi: 10.1000/linked\n    url: https://example.org/linked\n    extra:\n      ris_ur: https://example.org/linked.pdf\n',
    );
    expect(text).toContain(
      '    url: https://example.org/twice\n    extra:\n      ris_ur: https://mirror.example.org/twice\n',
    );
  });
});

/** Entries of one paper, the first with a character no paper may hold (U+202E, in its venue). */
const REFUSED_FIRST = `@inproceedings{bad2021,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  booktitle = {Proceedings of \u202EThings},
  year = {2021},
  note = {Best paper}
}

@inproceedings{good2021,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  booktitle = {Proceedings of Things},
  year = {2021},
  pages = {1--10}
}

@inproceedings{third2021,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  booktitle = {Proceedings of Things},
  year = {2021}
}

@article{pre2020,
  title = {Counting Things Fast},
  author = {Smith, John and Doe, Jane},
  journal = {arXiv preprint arXiv:2001.00001},
  year = {2020}
}
`;

describe('an entry that would not validate', () => {
  it('is skipped, and the next entry of the same paper is imported in its place', () => {
    const dir = scratch();
    const bib = join(dir, 'refused.bib');
    writeFileSync(bib, REFUSED_FIRST);
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: John Smith\n\npapers: []\n');
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      [
        `${bib}: BibTeX, 4 entries: 1 added, 1 preprint merged into its published version, 1 duplicates, 1 skipped`,
        '  mapped: author 1, booktitle 1, pages 1, title 1, year 1',
        '  a preprint with its published version is one paper; --keep-preprints imports it as a paper of its own',
        `  ${bib}:1:1: bad2021: skipped: it would not validate: venue: contains the invisible control character U+202E`,
        `  ${bib}:9:1: good2021: imported in place of \`bad2021\` (${bib}:1:1), the same paper, which would not validate`,
        `  ${bib}:17:1: third2021: the same paper as \`good2021\` (same title and year, 2021)`,
        `  ${bib}:24:1: pre2020: preprint of \`good2021\` (same title and authors): one paper, the published version, with the arXiv id 2001.00001`,
        `${into}: 1 paper added (1 in all)`,
        '',
      ].join('\n'),
    );
    expect(readFileSync(into, 'utf8')).toBe(
      "owner:\n  name: John Smith\n\npapers:\n  - id: good2021\n    type: conference\n    title: Counting Things Fast\n    authors:\n      - John Smith\n      - Jane Doe\n    date: 2021\n    venue: Proceedings of Things\n    pages: 1-10\n    arxiv: '2001.00001'\n",
    );
  });

  it('is not counted among the fields mapped', () => {
    const dir = scratch();
    const bib = join(dir, 'refused.bib');
    const [refused = ''] = REFUSED_FIRST.split('\n\n');
    writeFileSync(
      bib,
      `${refused}\n\n@article{other2022,\n  title = {Other Things},\n  author = {Smith, John},\n  journal = {J},\n  year = {2022}\n}\n`,
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: John Smith\n\npapers: []\n');
    const result = runCli(['import', bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${bib}: BibTeX, 2 entries: 1 added, 1 skipped\n  mapped: author 1, journal 1, title 1, year 1\n  ${bib}:1:1: bad2021: skipped:`,
    );
  });
});

describe('importing a file again with --update', () => {
  it.each([
    ['dblp-export-crossref.bib', 79],
    ['messy-cjk-duplicates.bib', 303],
  ])('changes nothing: %s', (name, papers) => {
    const file = join(CORPUS, name);
    const into = join(scratch(), 'papers.yaml');
    expect(runCli(['import', file, '--into', into, '--owner', 'Nutan Limaye']).status).toBe(0);
    const once = readFileSync(into, 'utf8');
    const again = runCli(['import', file, '--into', into, '--update']);
    expect(again.status).toBe(0);
    expect(again.stderr).not.toContain('; added');
    expect(again.stderr).toContain(
      `${into}: 0 papers added (${papers} in all); nothing to write\n`,
    );
    expect(readFileSync(into, 'utf8')).toBe(once);
  });

  it('takes nothing from a later entry of the same paper in the file, another version of it', () => {
    const dir = scratch();
    const bib = join(dir, 'versions.bib');
    writeFileSync(
      bib,
      [
        '@inproceedings{ccc,\n  title = {Planar Graph Isomorphism is in Log-Space},\n  author = {Datta, Samir},\n  booktitle = {CCC 2009},\n  year = {2009}\n}',
        '@inproceedings{seminar,\n  title = {Planar Graph Isomorphism is in Log-Space},\n  author = {Datta, Samir},\n  booktitle = {Algebraic Methods in Computational Complexity},\n  series = {Dagstuhl Seminar Proceedings},\n  volume = {09421},\n  year = {2009}\n}',
      ].join('\n\n') + '\n',
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: Samir Datta\n\npapers: []\n');
    const fresh = runCli(['import', bib, '--into', into, '--update']);
    expect(fresh.stderr).toContain(
      `  ${bib}:8:1: seminar: the same paper as \`ccc\` (same title and year, 2009)\n`,
    );
    const once = readFileSync(into, 'utf8');
    expect(once).not.toContain('volume');
    const again = runCli(['import', bib, '--into', into, '--update']);
    expect(again.stderr).toContain(
      `  ${bib}:8:1: seminar: already in the database as \`ccc\` (same title and year, 2009)\n`,
    );
    expect(again.stderr).toContain('0 papers added (1 in all); nothing to write\n');
    expect(readFileSync(into, 'utf8')).toBe(once);
  });
});
