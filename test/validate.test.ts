import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, type Problem } from '../src/model/problems.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { DEFAULT_DB } from './support/cli.js';

async function problemsOf(yaml: string, file = 'db.yaml'): Promise<Problem[]> {
  try {
    await validateDatabase(parseSource(file, yaml));
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
  return [];
}

const HEADER = 'owner:\n  name: Ada Lovelace\ntopics:\n  CL: Computation and Language\npapers:\n';
const paper = (lines: string) => `${HEADER}  - id: p1\n${lines}`;

describe('the default database', () => {
  it('validates into 20 papers with parsed authors and dates', async () => {
    const database = await validateDatabase(
      parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')),
    );
    expect(database.papers).toHaveLength(20);
    expect(database.owner.name).toBe('Baohao Liao');
    expect(database.topics.map((topic) => topic.label)).toEqual([
      'Computation and Language',
      'Machine Learning',
      'Computer Vision',
      'Fluid Dynamics',
    ]);
    const turbulent = database.papers.find((p) => p.id === 'bode2022turbulent');
    expect(turbulent?.et_al).toBe(true);
    expect(turbulent?.authors[2]).toEqual({ family: 'Göbbert', given: 'Jens Henrik' });
    const sifo = database.papers.find((p) => p.id === 'chen2024sifo');
    expect(sifo?.authors.at(-1)).toEqual({ family: 'Rijke', given: 'Maarten', particle: 'de' });
    expect(sifo?.date).toEqual({ year: 2024, month: 6, day: 28 });
  });
});

describe('problems are located and explained', () => {
  it('reports all five kinds of mistakes of one broken file in one run, in file order', async () => {
    const text = readFileSync(new URL('./fixtures/broken.yaml', import.meta.url), 'utf8');
    const problems = await problemsOf(text, 'broken.yaml');
    const lines = problems.map(
      (p) => `${p.line}:${p.col} ${p.message}${p.hint ? ` (${p.hint})` : ''}`,
    );
    expect(lines).toEqual([
      '6:9 papers[0] (first).id: id `first` is used again at line 21 (ids must be unique)',
      '11:5 papers[0] (first).venu: unknown key `venu` (did you mean `venue`?)',
      '12:5 papers[1] (second): missing required key `title` (The title. `$...$` is LaTeX math.)',
      '20:11 papers[2] (third).date: "2023-13-45": month 13 does not exist (write YYYY, YYYY-MM or YYYY-MM-DD)',
      '21:9 papers[3] (first).id: duplicate id `first`, first used at line 6 (ids must be unique)',
      expect.stringMatching(
        /^27:11 papers\[4\] \(fifth\)\.type: the text "jornal" is not one of conference, journal, .*\(did you mean `journal`\?\)$/,
      ),
      '29:14 papers[4] (fifth).authors: expected a list, got the text "Ada Lovelace" (The authors, in order.)',
      '31:10 papers[4] (fifth).doi: "https://doi.org/10.1000/xyz" is not a DOI (write the bare DOI: 10.1000/xyz)',
      '32:12 papers[4] (fifth).arxiv: "arXiv:2101.00001" is not an arXiv identifier (write the bare identifier: 2101.00001)',
      '33:14 papers[4] (fifth).topics[0]: unknown topic `CS` (did you mean `CL`?)',
    ]);
    expect(problems.every((p) => p.file === 'broken.yaml')).toBe(true);
  });

  it('rejects impossible days, including February 29 outside leap years', async () => {
    const dates = ['2023-02-29', '2023-04-31', '2023-00', '23-01-01'];
    for (const date of dates) {
      const [problem] = await problemsOf(
        paper(`    type: journal\n    title: T\n    authors: [A B]\n    date: ${date}\n`),
      );
      expect(problem, date).toMatchObject({ line: 10, col: 11 });
    }
    expect(
      await problemsOf(
        paper('    type: journal\n    title: T\n    authors: [A B]\n    date: 2024-02-29\n'),
      ),
    ).toEqual([]);
  });

  it('says a text of only spaces is blank, wherever the schema takes text', async () => {
    const problems = await problemsOf(
      `owner:\n  name: "  "\ntopics:\n  CL: "\\t"\npapers:\n` +
        `  - {id: p1, type: journal, title: " ", venue: "\\u3000", volume: " ", ` +
        `authors: [{family: " ", given: A}], date: 2020}\n`,
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '2:9 owner.name: is blank: it holds only spaces',
      '4:7 topics.CL: is blank: it holds only spaces',
      '6:36 papers[0] (p1).title: is blank: it holds only spaces',
      '6:48 papers[0] (p1).venue: is blank: it holds only spaces',
      '6:66 papers[0] (p1).volume: is blank: it holds only spaces',
      '6:90 papers[0] (p1).authors[0].family: is blank: it holds only spaces',
    ]);
  });

  it('rejects an empty author list and an author mapping without a name', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: T\n    authors: []\n    editors:\n      - {given: Jan}\n    date: 2020\n',
      ),
    );
    expect(problems.map((p) => [p.line, p.col, p.message])).toEqual([
      [9, 14, 'papers[0] (p1).authors: is an empty list'],
      [
        11,
        9,
        'papers[0] (p1).editors[0]: cannot read this name: an author mapping needs `name`, `family` or `literal`',
      ],
    ]);
  });

  it('reads author mappings: a whole name with a suffix, parts, an institution, marks', async () => {
    const source = parseSource(
      'db.yaml',
      paper(
        '    type: journal\n    title: T\n    date: 2020\n    authors:\n' +
          '      - {name: Jan van der Berg, suffix: Jr., equal: true}\n' +
          '      - {family: Liao, given: Baohao, corresponding: true}\n' +
          '      - {literal: The ATLAS Collaboration}\n',
      ),
    );
    const [first] = (await validateDatabase(source)).papers;
    expect(first?.authors).toEqual([
      { given: 'Jan', particle: 'van der', family: 'Berg', suffix: 'Jr.', equal: true },
      { family: 'Liao', given: 'Baohao', corresponding: true },
      { literal: 'The ATLAS Collaboration' },
    ]);
  });

  it('says once what is wrong with a date or an empty author', async () => {
    const problems = await problemsOf(
      paper('    type: journal\n    title: T\n    authors: ["", A B]\n    date: 2023/05\n'),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '9:15 papers[0] (p1).authors[0]: is empty',
      '10:11 papers[0] (p1).date: the text "2023/05" has the wrong form',
    ]);
    expect(
      (
        await problemsOf(
          paper('    type: journal\n    title: T\n    authors: [A B]\n    date: 0000-01-01\n'),
        )
      )[0]?.message,
    ).toBe('papers[0] (p1).date: "0000-01-01": there is no year 0; 1 BC is -1');
  });

  it('says how to write a date of the wrong form, and which years a number may be', async () => {
    const problems = await problemsOf(
      `${HEADER}  - {id: p1, type: journal, title: T, authors: [A B], date: 2024-1-5}\n` +
        `  - {id: p2, type: journal, title: T, authors: [A B], date: 20240}\n`,
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      '6:61 papers[0] (p1).date: the text "2024-1-5" has the wrong form (write 2024-01-05: a date is YYYY, YYYY-MM or YYYY-MM-DD)',
      '7:61 papers[1] (p2).date: the number 20240 is out of range (from -9999 to 9999) (YYYY, YYYY-MM or YYYY-MM-DD. Older works: the year as a number, negative before Christ (-300 for 300 BC).)',
    ]);
  });

  it.each([
    ['2022/11/09', 'write 2022-11-09'],
    ['2022.11', 'write 2022-11'],
    ['2022-11-09T14:30:00Z', 'write 2022-11-09'],
    ['Nov 2022', 'write 2022-11'],
    ['November 9, 2022', 'write 2022-11-09'],
    ['9 Sept. 2022', 'write 2022-09-09'],
    ['24.12.2022', 'write 2022-12-24'],
    ['09-11-2022', 'write 2022-11-09 or 2022-09-11, whichever is meant'],
  ])('says which date "%s" is in the form a date takes', async (written, fix) => {
    const [problem] = await problemsOf(
      paper(`    type: journal\n    title: T\n    authors: [A B]\n    date: '${written}'\n`),
    );
    expect(`${problem?.message} (${problem?.hint})`).toBe(
      `papers[0] (p1).date: the text "${written}" has the wrong form (${fix}: a date is YYYY, YYYY-MM or YYYY-MM-DD)`,
    );
  });

  it.each(['2022/13/09', 'Nov 31, 2022', 'Marchant 2022', 'ca. 2022'])(
    'gives "%s", which is no date, the forms a date takes',
    async (written) => {
      const [problem] = await problemsOf(
        paper(`    type: journal\n    title: T\n    authors: [A B]\n    date: '${written}'\n`),
      );
      expect(problem?.hint).toBe(
        'YYYY, YYYY-MM or YYYY-MM-DD. Older works: the year as a number, negative before Christ (-300 for 300 BC).',
      );
    },
  );

  it('refuses quotes and angle brackets in a web address, which would cut its link short', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: T\n    authors: [A B]\n    date: 2020\n' +
          '    url: \'https://example.org/search?q="x"&lang=<en>\'\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      '11:10 papers[0] (p1).url: the text "https://example.org/search?q="x"&lang=<e…" is not a valid web address: it has ", < and > in it (write " as %22, < as %3C, > as %3E: a web address cannot hold them)',
    ]);
  });

  it('says what is wrong with a web address: a space, no https://, another kind of link', async () => {
    const links = [
      'code: https://example.org/a b',
      'url: example.org/paper',
      'pdf: ftp://example.org/paper.pdf',
      "slides: 'https:/example.org/slides'",
      'video: doi:10.1000/xyz',
    ];
    const problems = await problemsOf(
      paper(
        `    type: journal\n    title: T\n    authors: [A B]\n    date: 2020\n${links.map((link) => `    ${link}\n`).join('')}`,
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      '11:11 papers[0] (p1).code: the text "https://example.org/a b" is not a valid web address: it has a space in it, after "https://example.org/a" (a web address cannot hold spaces: write https://example.org/a%20b, or delete the space)',
      '12:10 papers[0] (p1).url: the text "example.org/paper" is not a valid web address: it has no https:// in front (write https://example.org/paper)',
      '13:10 papers[0] (p1).pdf: the text "ftp://example.org/paper.pdf" is not a valid web address: it starts with ftp:, not https:// or http:// (a link here must be a web address)',
      '14:13 papers[0] (p1).slides: the text "https:/example.org/slides" is not a valid web address: it starts with "https:/" (write https:// (a colon and two slashes): https://example.org/slides)',
      '15:12 papers[0] (p1).video: the text "doi:10.1000/xyz" is not a valid web address: it starts with doi:, not https:// or http:// (write the DOI as a web address: https://doi.org/10.1000/xyz)',
    ]);
  });

  it('says where the space is in a DOI or arXiv id copied with one, and writes it without', async () => {
    const problems = await problemsOf(
      paper(
        "    type: journal\n    title: T\n    authors: [A B]\n    date: 2020\n    doi: 10.1234/icml.2024. 55\n    arxiv: '2501. 12340'\n" +
          "  - {id: p2, type: journal, title: T, authors: [A B], date: 2020, doi: 'https://doi.org/10.1000/x y', arxiv: ' 2501.12340 '}\n",
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      '11:10 papers[0] (p1).doi: "10.1234/icml.2024. 55" is not a DOI: it has a space in it, after "10.1234/icml.2024." (a DOI holds no spaces: write 10.1234/icml.2024.55)',
      '12:12 papers[0] (p1).arxiv: "2501. 12340" is not an arXiv identifier: it has a space in it, after "2501." (an arXiv identifier holds no spaces: write 2501.12340)',
      '13:72 papers[1] (p2).doi: "https://doi.org/10.1000/x y" is not a DOI: it has a space in it, after "10.1000/x" (a DOI holds no spaces: write 10.1000/xy)',
      '13:110 papers[1] (p2).arxiv: " 2501.12340 " is not an arXiv identifier: it has a space around it (an arXiv identifier holds no spaces: write 2501.12340)',
    ]);
  });

  it('quotes a number YAML read where text is wanted as the file writes it, and says to quote it', async () => {
    const problems = await problemsOf(
      `${HEADER}  - id: 2020\n    type: journal\n    title: 1984\n    authors: [A B]\n    date: 2020\n` +
        '    arxiv: 2101.10000\n    pages: 1.50\n    doi: 10.1000\n    note: true\n',
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      "6:9 papers[0].id: expected text, got 2020, which YAML reads as a number (put it in quotes: id: '2020')",
      "8:12 papers[0].title: expected text, got 1984, which YAML reads as a number (put it in quotes: title: '1984')",
      "11:12 papers[0].arxiv: expected text, got 2101.10000, which YAML reads as the number 2101.1, dropping the trailing zeros (put it in quotes: arxiv: '2101.10000')",
      "12:12 papers[0].pages: expected text or a whole number, got 1.50, which YAML reads as the number 1.5, dropping the trailing zero (put it in quotes: pages: '1.50')",
      "13:10 papers[0].doi: expected text, got 10.1000, which YAML reads as the number 10.1, dropping the trailing zeros (put it in quotes: doi: '10.1000')",
      "14:11 papers[0].note: expected text, got true, which YAML reads as true or false (put it in quotes: note: 'true')",
    ]);
  });

  it('says where to quote a number that an alias brings, not to quote the alias', async () => {
    const problems = await problemsOf(
      `${HEADER}  - {id: a, type: preprint, title: T, authors: [A B], arxiv: &n 2101.10000, date: 2021}\n` +
        '  - {id: b, type: preprint, title: U, authors: [A B], arxiv: *n, date: 2021}\n',
    );
    expect(problems.map((p) => `${p.message} (${p.hint})`)).toEqual([
      "papers[0] (a).arxiv: expected text, got 2101.10000, which YAML reads as the number 2101.1, dropping the trailing zeros (put it in quotes: arxiv: '2101.10000')",
      'papers[1] (b).arxiv: expected text, got the number 2101.1 (it comes from an alias or a merge: put the value in quotes where the file writes it)',
    ]);
  });

  it('says to quote a list item with ": " in it, which YAML reads as a key and its value', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: T\n    authors: [Ann: Smith, Bob Jones, {famly: Jones}]\n    topics: [CL: x]\n    date: 2020\n' +
          '  - id: p2\n    type: journal\n    title: T\n    authors:\n      - Smith:\n    date: 2020\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      '9:15 papers[0] (p1).authors[0]: expected text, got "Ann: Smith", which YAML reads as a key and its value because of the ": " (put it in quotes: \'Ann: Smith\')',
      // A misspelt key is that, and said once.
      '9:39 papers[0] (p1).authors[2].famly: unknown key `famly` (did you mean `family`?)',
      '10:14 papers[0] (p1).topics[0]: expected text, got "CL: x", which YAML reads as a key and its value because of the ": " (put it in quotes: \'CL: x\')',
      '16:9 papers[1] (p2).authors[0]: expected text, got "Smith:", which YAML reads as a key and its value because of the ":" at its end (put it in quotes: \'Smith:\')',
    ]);
  });

  it('says how to write papers: left empty', async () => {
    const problems = await problemsOf('owner:\n  name: Ada Lovelace\npapers:\n');
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      '3:8 papers: is empty (write `papers: []` while there are none, or add papers under it, each starting with `- id:`)',
    ]);
  });

  it('rejects invisible control characters anywhere, naming them', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: "Report\\u202Efdp.exe"\n    authors: ["A\\u0000B C"]\n    date: 2020\n    venue: "Two\\u009b31m"\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '8:12 papers[0] (p1).title: contains the invisible control character U+202E',
      '9:15 papers[0] (p1).authors[0]: contains the invisible control character U+0000',
      '11:12 papers[0] (p1).venue: contains the invisible control character U+009B',
    ]);
  });

  it('rejects an invisible character in a key, and names the key with it shown', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: T\n    authors: [A B]\n    date: 2020\n    extra:\n      "slides\\u202Epdf": https://example.org/s.pdf\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '12:7 papers[0] (p1).extra.slides<U+202E>pdf: the key contains the invisible control character U+202E',
    ]);
  });

  it('tidies spaces in one-line fields and keeps the abstract as written', async () => {
    const source = parseSource(
      'db.yaml',
      paper(
        '    type: journal\n    title: "  Spaced   out\\ttitle\\u0085with\\u2028breaks "\n    venue: "Section\\u00a03 of 10\\u202f000 ,"\n    abstract: "Line one.\\n\\nLine two. "\n    authors: [A B]\n    date: 2020\n',
      ),
    );
    const [first] = (await validateDatabase(source)).papers;
    expect(first).toMatchObject({
      title: 'Spaced out title with breaks',
      // A no-break or thin space is meant, and stays.
      venue: 'Section\u00a03 of 10\u202f000 ,',
      abstract: 'Line one.\n\nLine two. ',
    });
  });

  it('refuses an empty list of topics or types in render, which would read as every paper', async () => {
    const problems = await problemsOf(
      `owner:\n  name: Ada Lovelace\nrender: {topics: [], types: []}\npapers: []\n`,
    );
    expect(problems.map((problem) => `${problem.line}:${problem.col} ${problem.message}`)).toEqual([
      '3:18 render.topics: [] is invalid. Expected at least one topic key.',
      '3:29 render.types: [] is invalid. Expected at least one paper type.',
    ]);
  });

  it('keeps a volume, issue or pages written with leading zeros as written (007, not 7)', async () => {
    const source = parseSource(
      'db.yaml',
      `${paper('    type: journal\n    title: T\n    authors: [A B]\n    date: 2020\n    volume: 007\n    issue: 02\n    pages: 12\n')}  - id: p2\n    type: journal\n    title: U\n    authors: [A B]\n    date: 2020\n    volume: 12\n    issue: '007'\n    pages: 1e3 # a comment\n`,
    );
    const [first, second] = (await validateDatabase(source)).papers;
    expect(first).toMatchObject({ volume: '007', issue: '02', pages: 12 });
    // Written as numbers are (not with leading zeros), they mean the number.
    expect(second).toMatchObject({ volume: 12, issue: '007', pages: 1000 });
  });

  it('reports the mapping branch of an author, not "expected text"', async () => {
    const [problem] = await problemsOf(
      paper(
        '    type: journal\n    title: T\n    authors:\n      - {family: Berg, equal: yes}\n    date: 2020\n',
      ),
    );
    expect(problem).toMatchObject({
      line: 10,
      col: 31,
      message: 'papers[0] (p1).authors[0].equal: expected true or false, got the text "yes"',
    });
  });

  it('rejects unparseable names and non-web links', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: T\n    authors: ["1234", "Liao, Baohao, Jr., X"]\n    date: 2020\n    code: javascript:alert(1)\n',
      ),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'papers[0] (p1).authors[0]: cannot read this name: "1234" is not a name',
      'papers[0] (p1).authors[1]: cannot read this name: "Liao, Baohao, Jr., X" has too many commas',
      'papers[0] (p1).code: the text "javascript:alert(1)" is not a valid web address: it starts with javascript:, not https:// or http://',
    ]);
  });

  it('refuses a string holding several names, each shown as the list item to write', async () => {
    const problems = await problemsOf(
      paper(
        `    type: journal\n    title: T\n    authors:\n      - John Smith and Jane Doe\n      - "Ney, Hermann; Monz, Christof"\n      - { name: "Procter & Gamble", equal: true }\n      - "O'Brien, Pat & Liao, Baohao"\n    editors:\n      - Seldin, Jonathan P.; Hindley, J. Roger\n    date: 2020\n`,
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      `10:9 papers[0] (p1).authors[0]: cannot read this name: "John Smith and Jane Doe" is 2 names, not one (give each name an item of its own: 'John Smith', 'Jane Doe'; an organisation's name is kept whole as {literal: ...})`,
      `11:9 papers[0] (p1).authors[1]: cannot read this name: "Ney, Hermann; Monz, Christof" is 2 names, not one (give each name an item of its own: 'Ney, Hermann', 'Monz, Christof'; an organisation's name is kept whole as {literal: ...})`,
      `12:9 papers[0] (p1).authors[2]: cannot read this name: "Procter & Gamble" is 2 names, not one (give each name an item of its own: 'Procter', 'Gamble'; an organisation's name is kept whole as {literal: ...})`,
      `13:9 papers[0] (p1).authors[3]: cannot read this name: "O'Brien, Pat & Liao, Baohao" is 2 names, not one (give each name an item of its own: "O'Brien, Pat", 'Liao, Baohao'; an organisation's name is kept whole as {literal: ...})`,
      `15:9 papers[0] (p1).editors[0]: cannot read this name: "Seldin, Jonathan P.; Hindley, J. Roger" is 2 names, not one (give each name an item of its own: 'Seldin, Jonathan P.', 'Hindley, J. Roger'; an organisation's name is kept whole as {literal: ...})`,
    ]);
  });

  it('refuses names joined by AND, in any case, as BibTeX joins them, as it refuses `and`', async () => {
    const problems = await problemsOf(
      paper(
        `    type: journal\n    title: T\n    authors: ['Tom AND Jerry', 'Tom and Jerry', Ann And Bob]\n    date: 2020\n`,
      ),
    );
    const hint = (names: string) =>
      `give each name an item of its own: ${names}; an organisation's name is kept whole as {literal: ...}`;
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`)).toEqual([
      `9:15 papers[0] (p1).authors[0]: cannot read this name: "Tom AND Jerry" is 2 names, not one (${hint("'Tom', 'Jerry'")})`,
      `9:32 papers[0] (p1).authors[1]: cannot read this name: "Tom and Jerry" is 2 names, not one (${hint("'Tom', 'Jerry'")})`,
      `9:49 papers[0] (p1).authors[2]: cannot read this name: "Ann And Bob" is 2 names, not one (${hint("'Ann', 'Bob'")})`,
    ]);
  });

  it('refuses a stray semicolon as it refuses a stray comma, and keeps an HTML entity whole', async () => {
    const problems = await problemsOf(
      paper(
        `    type: journal\n    title: T\n    authors:\n      - "Smith, John;"\n      - ;Jane Doe\n      - Hans M&#252;ller\n      - "Garc&iacute;a, Jos&eacute;"\n    date: 2020\n`,
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      `10:9 papers[0] (p1).authors[0]: cannot read this name: "Smith, John;" has a stray semicolon`,
      `11:9 papers[0] (p1).authors[1]: cannot read this name: ";Jane Doe" has a stray semicolon`,
    ]);
  });

  it('reads "Family, Given, Jr." with the suffix last, as people write it', async () => {
    const [first] = (
      await validateDatabase(
        parseSource(
          'db.yaml',
          paper(
            '    type: journal\n    title: T\n    authors: ["King, Martin Luther, Jr."]\n    date: 2020\n',
          ),
        ),
      )
    ).papers;
    expect(first?.authors).toEqual([{ family: 'King', given: 'Martin Luther', suffix: 'Jr.' }]);
  });

  it('answers an unknown topic alike in a paper and in render: a close one, else the declared ones', async () => {
    const problems = await problemsOf(
      `${HEADER}  - { id: a, type: preprint, title: T, authors: [A B], date: 2020, topics: [Physics, cl] }\nrender:\n  topics: [Physics]\n  outputs: [{ format: text, topics: [cl] }]\n`,
    );
    expect(problems.map((p) => `${p.message} (${p.hint})`)).toEqual([
      'papers[0] (a).topics[0]: unknown topic `Physics` (declared topics: CL)',
      'papers[0] (a).topics[1]: unknown topic `cl` (did you mean `CL`?)',
      'render.topics[0]: unknown topic `Physics` (declared topics: CL)',
      'render.outputs[0].topics[0]: unknown topic `cl` (did you mean `CL`?)',
    ]);
  });

  it("reports a blank item of a paper's topics once, as blank, not again as an unknown topic", async () => {
    const problems = await problemsOf(
      paper(
        "    type: journal\n    title: T\n    authors: [A B]\n    date: 2023\n    topics: [CL, '', ' ']\n",
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '11:18 papers[0] (p1).topics[1]: is empty',
      '11:22 papers[0] (p1).topics[2]: is blank: it holds only spaces',
    ]);
  });

  it('checks the render section: values, topics and the year range', async () => {
    const problems = await problemsOf(
      `${HEADER}  []\nrender:\n  group_by: years\n  topics: [CX]\n  since: 2024\n  until: 2020\n  colour: red\n`,
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} ${p.hint ?? ''}`)).toEqual([
      expect.stringMatching(
        /^8:13 render.group_by: "years" is invalid. Allowed choices are year, topic, type, venue, none. did you mean `year`\?$/,
      ),
      '9:12 render.topics[0]: unknown topic `CX` did you mean `CL`?',
      '11:10 render.until: until 2020 is before since 2024 no paper can be in that range; swap the years or leave one out',
      expect.stringMatching(
        /^12:3 render.colour: unknown key `colour` allowed here: style, locale, /,
      ),
    ]);
  });

  it('takes YAML anchors and merge keys, so papers can share fields', async () => {
    const text =
      `${HEADER}  - &base {id: a, type: conference, title: First, authors: [A B], date: 2020, venue: EMNLP 2020}\n` +
      '  - <<: *base\n    id: b\n    title: Second\n' +
      '  - <<: *base\n    id: c\n    pages: 0-\n    venu: x\n';
    const problems = await problemsOf(text);
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '13:5 papers[2] (c).venu: unknown key `venu`',
    ]);
    const database = await validateDatabase(
      parseSource('db.yaml', text.replace('    venu: x\n', '')),
    );
    expect(database.papers.map((p) => [p.id, p.title, p.venue])).toEqual([
      ['a', 'First', 'EMNLP 2020'],
      ['b', 'Second', 'EMNLP 2020'],
      ['c', 'First', 'EMNLP 2020'],
    ]);
  });

  it('locates YAML syntax errors with the line and a caret', async () => {
    const problems = await problemsOf(
      'owner:\n  name: X\npapers:\n  - id: a\n    title: "unclosed\n',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /);
    expect(problems[0]?.excerpt).toContain('^');
    expect(problems[0]?.line).toBeGreaterThanOrEqual(5);
  });

  it('names a key given twice, where it was first, and the paper it is in', async () => {
    const problems = await problemsOf(
      [
        'owner:\n  name: X\n  name: Y',
        'render:\n  group_by: year\n  style: apa\n  group_by: topic',
        'papers:\n  - id: mlm2022\n    title: One\n    authors: [{family: A, family: B}]\n    title: Two\n',
      ].join('\n'),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '3:3 `name` is given twice in `owner` (first at line 2); delete one',
      '7:3 `group_by` is given twice in `render` (first at line 5); delete one',
      '11:27 `family` is given twice in `authors[0]` of paper `mlm2022` (first at line 11); delete one',
      '12:5 `title` is given twice in paper `mlm2022` (first at line 10); delete one',
    ]);
    expect(problems[1]?.excerpt).toBe('7 |   group_by: topic\n      ^');
    const top = await problemsOf('owner:\n  name: X\npapers: []\nowner:\n  name: Y\n');
    expect(top.map((p) => p.message)).toEqual([
      '`owner` is given twice at the top level (first at line 1); delete one',
    ]);
  });

  it('answers every setting of fixed choices with the choice a wrong value meant', async () => {
    const cases = [
      ['render:\n  group_by: years', 'render.group_by', 'year'],
      ['render:\n  sort: titles', 'render.sort', 'title'],
      ['render:\n  order: descending', 'render.order', 'desc'],
      ['render:\n  numbering: desc', 'render.numbering', 'descending'],
      ['render:\n  numbering_scope: groups', 'render.numbering_scope', 'group'],
      ['render:\n  types: [journl]', 'render.types[0]', 'journal'],
      [
        'render:\n  outputs:\n    - format: text\n      numbering: asc',
        'render.outputs[0].numbering',
        'ascending',
      ],
      ['render:\n  pdf:\n    theme: modrn', 'render.pdf.theme', 'modern'],
      ['render:\n  pdf:\n    paper: letter-size', 'render.pdf.paper', 'letter'],
      ['render:\n  pdf:\n    links: colour', 'render.pdf.links', 'color'],
      ['render:\n  pdf:\n    labels: bracket', 'render.pdf.labels', 'brackets'],
      [
        'render:\n  pdf:\n    fonts:\n      body: dejavu',
        'render.pdf.fonts.body',
        'dejavu-serif` or `dejavu-sans',
      ],
      [
        'papers:\n  - {id: a, type: conf, title: T, date: 2020}',
        'papers[0] (a).type',
        'conference',
      ],
    ] as const;
    for (const [yaml, path, meant] of cases) {
      const problems = await problemsOf(
        `owner:\n  name: X\n${yaml.startsWith('papers') ? '' : 'papers: []\n'}${yaml}\n`,
      );
      expect(
        problems.map((p) => `${p.message} (${p.hint})`),
        yaml,
      ).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${path.replace(/[[\]().]/g, '\\$&')}: .* (is not one of|is invalid\\. Allowed choices are|is invalid\\. Unknown type) .*\\(did you mean \`${meant}\`\\?\\)`,
          ),
        ),
      ]);
    }
  });

  it('shows the first 20 syntax errors and counts the rest', async () => {
    const papers = Array.from(
      { length: 40 },
      (_, n) => `  - id: p${n}\n    type: journal\n   title: Paper ${n}\n`,
    ).join('');
    const problems = await problemsOf(`owner:\n  name: X\npapers:\n${papers}`);
    expect(problems).toHaveLength(21);
    const last = problems[20];
    expect(last?.message).toMatch(
      /^YAML syntax error: and \d+ more from here on, often following from the ones above: fix those first and run again$/,
    );
    expect(last?.excerpt).toContain('^');
  });

  it('points an unclosed [ or { at where it opens, alone (every line after it is an error to the parser)', async () => {
    const papers = Array.from(
      { length: 40 },
      (_, n) => `  - id: p${n}\n    type: journal\n    title: Paper ${n}\n`,
    ).join('');
    const [list, ...others] = await problemsOf(`owner:\n  name: X\npapers: [\n${papers}`);
    expect(others).toEqual([]);
    expect(list).toMatchObject({
      line: 3,
      col: 9,
      message:
        'YAML syntax error: the list that opens here with [ is never closed; add ] after its last item, or write the list as lines that start with "- "',
      excerpt: '3 | papers: [\n            ^',
    });
    const mapping = await problemsOf(
      'owner:\n  name: X\npapers:\n  - id: a\n    title: "a [b"\n    links: {code: x\n    date: 2020\n',
    );
    expect(mapping).toHaveLength(1);
    expect(mapping[0]).toMatchObject({ line: 6, col: 12 });
    expect(mapping[0]?.message).toContain('the mapping that opens here with { is never closed');
  });

  it('points an unclosed quote at where it opens, not at the end of the file', async () => {
    const problems = await problemsOf(
      'owner:\n  name: X\npapers:\n  - id: a\n    title: \'unclosed\n    date: 2024\n  - id: b\n    title: "fine"\n',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: 5,
      col: 12,
      message:
        "YAML syntax error: the string that opens here with ' is never closed; add the closing ' where the text ends",
    });
    expect(problems[0]?.excerpt).toBe("5 |     title: 'unclosed\n               ^");
  });

  it('points a quote that a later quote closes at where it opens, not at the keys it swallowed', async () => {
    const problems = await problemsOf(
      paper(
        "    type: journal\n    title: T\n    authors: [A B]\n    date: '22\n    venue: 'Findings: EMNLP'\n" +
          '  - id: p2\n    type: journal\n    title: U\n    authors: [A B]\n    date: 2023\n',
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 10,
        col: 11,
        message:
          "YAML syntax error: the string that opens here with ' is never closed; add the closing ' where the text ends",
        excerpt: "10 |     date: '22\n               ^",
      }),
    ]);
  });

  it('finds a quote left open where it leaves data with nothing else wrong, where it opens', async () => {
    // The title swallows `venue: ` and its quote closes there: js-yaml reads a valid paper
    // whose title is "Attention venue: " and whose url is the venue's text.
    for (const [quote, key] of [
      ["'", 'url: https://example.org'],
      ['"', 'note: Oral'],
    ]) {
      const problems = await problemsOf(
        paper(
          `    type: journal\n    authors: [A B]\n    date: 2023\n    title: ${quote}Attention\n    venue: ${quote}${key}\n`,
        ),
      );
      expect(problems[0], quote).toEqual(
        expect.objectContaining({
          line: 10,
          col: 12,
          message: `YAML syntax error: the string that opens here with ${quote} is never closed; add the closing ${quote} where the text ends`,
          excerpt: `10 |     title: ${quote}Attention\n                ^`,
        }),
      );
    }
  });

  it('takes a quoted value that goes on on lines indented under it, and quotes in comments and block text, as valid', async () => {
    const text = paper(
      "    type: journal\n    authors: [A B]\n    date: 2023\n    title: 'Attention\n      is all you need'\n" +
        "    # a note: 'draft\n    abstract: >\n      We call 'it\n      that' thing.\n",
    );
    expect(await problemsOf(text)).toEqual([]);
  });

  it('does not parse a valid database twice to look for a quote left open', () => {
    // The second parse (`yaml`, with positions) takes seconds on a large file: only a
    // quote that runs past its line asks for it.
    const source = parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8'));
    expect(source.quoteRunsOn()).toBe(false);
    const open = parseSource('db.yaml', paper("    title: 'Attention\n    note: 'url: x\n"));
    expect(open.quoteRunsOn()).toBe(true);
  });

  it('cuts a long value it shows between characters as seen, never inside an emoji or an accented letter', async () => {
    const emoji = `${'x'.repeat(39)}👍🏽 and more`;
    const accent = `${'y'.repeat(39)}e\u0301 and more`;
    const problems = await problemsOf(
      paper(`    type: journal\n    title: T\n    authors: [A B]\n    date: "${emoji}"\n`) +
        `  - id: p2\n    type: journal\n    title: T\n    authors: [A B]\n    date: "${accent}"\n`,
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      `papers[0] (p1).date: the text "${'x'.repeat(39)}👍🏽…" has the wrong form`,
      `papers[1] (p2).date: the text "${'y'.repeat(39)}e\u0301…" has the wrong form`,
    ]);
  });

  it('says to quote a value with ": " in it (very common in titles), showing it quoted', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: BERT: Pre-training of Deep Bidirectional Transformers\n' +
          '    venue: Findings:\n    note: It\'s "new": really # a comment\n    authors: [A B]\n    date: 2020\n' +
          '  - {id: p2, type: journal, title: Mamba: Linear-Time, authors: [A B], date: 2020}\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '8:12 YAML syntax error: the value of `title` has ": " in it, which YAML takes for the start of another key; put the whole value in quotes: title: \'BERT: Pre-training of Deep Bidirectional Transformers\'',
      '9:12 YAML syntax error: the value of `venue` ends with ":", which YAML takes for the start of another key; put the whole value in quotes: venue: \'Findings:\'',
      '10:11 YAML syntax error: the value of `note` has ": " in it, which YAML takes for the start of another key; put the whole value in quotes: note: \'It\'\'s "new": really\'',
      '13:36 YAML syntax error: the value of `title` has ": " in it, which YAML takes for the start of another key; put the whole value in quotes: title: \'Mamba: Linear-Time\'',
    ]);
    expect(problems[0]?.excerpt).toBe(
      '8 |     title: BERT: Pre-training of Deep Bidirectional Transformers\n               ^',
    );
  });

  it('names the line with ": " when a value goes on over lines, or a key is indented too far', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n    title: Mask More and Mask Later\n      Efficient Pre-training: of Masked Models\n    authors: [A B]\n    date: 2020\n' +
          '  - id: p2\n    type: journal\n    title: T\n     venue: EMNLP\n    date: 2020\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '9:7 YAML syntax error: "Efficient Pre-training: of Masked Models" is indented under `title` (line 8), so YAML reads it as more of that value, and its ": " as the start of a key; if it goes on with the value, put the whole value in quotes; if it is a key of its own, indent it as `title` is',
      '15:6 YAML syntax error: "venue: EMNLP" is indented under `title` (line 14), so YAML reads it as more of that value, and its ": " as the start of a key; if it goes on with the value, put the whole value in quotes; if it is a key of its own, indent it as `title` is',
    ]);
  });

  it('says a tab in the indentation once, at its line, not as the errors on the lines after it', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n\ttitle: One\n    authors: [A B]\n    date: 2020\n' +
          '  - id: p2\n    type: journal\n    title: Two\n    authors:\n\t- C D\n    date: 2021\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '8:1 YAML syntax error: this line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces; `type` (line 7) is indented by 4 spaces',
      '15:1 YAML syntax error: this line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces; `authors` (line 14) is indented by 4 spaces',
    ]);
    expect(problems[0]?.excerpt).toBe('8 | \ttitle: One\n    ^');
  });

  it('says a key or list item a space short once, with the indentation of its neighbours', async () => {
    const problems = await problemsOf(
      paper(
        '    type: journal\n   title: One\n    authors:\n      - A B\n     - C D\n    date: 2020\n' +
          ' - id: p2\n    type: journal\n    title: Two\n    authors: [A B]\n    date: 2021\n',
      ),
    );
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '8:4 YAML syntax error: `title` is indented by 3 spaces, but `type` (line 7) by 4: the keys of a mapping line up in YAML, so indent it as `type` is',
      '11:6 YAML syntax error: this list item is indented by 5 spaces, but the list item at line 10 by 6: the items of a list line up in YAML, so indent it as that item is',
      '13:2 YAML syntax error: this list item is indented by 1 space, but the list item at line 6 by 2: the items of a list line up in YAML, so indent it as that item is',
    ]);
    const owner = await problemsOf('owner:\n  name: X\n email: x@example.org\npapers: []\n');
    expect(owner.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([
      '3:2 YAML syntax error: `email` is indented by 1 space, but `name` (line 2) by 2: the keys of a mapping line up in YAML, so indent it as `name` is',
    ]);
  });

  it('says what a whole file of the wrong shape should be', async () => {
    expect((await problemsOf('- just\n- a list\n'))[0]?.message).toBe(
      'the database must be a mapping with `owner` and `papers`',
    );
    expect((await problemsOf('owner:\n  name: X\n')).map((p) => p.message)).toEqual([
      'missing required key `papers`',
    ]);
  });
});
