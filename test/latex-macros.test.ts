/**
 * publist's LaTeX macros (\publistrtl, \publistmissing, \publistbreak, ...), defined once in
 * the partials templates/latex/_publist-macros.hbs and _publist-fonts.hbs: in every built-in
 * template, in a user's own template that includes them, in headings and bookmarks, and the
 * breaks they allow inside a word too long for a line. Compiled by the real engines.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import {
  comparable,
  compileLatex,
  ENGINES,
  moderncvHost,
  type Compiled,
  type Engine,
} from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

const tex = toolsAvailable('pdflatex', 'xelatex', 'lualatex', 'pdftotext', 'pdftohtml', 'pdfinfo');

/** A database file in a folder of its own, and the folder. */
function databaseFile(yaml: string): { file: string; folder: string } {
  const folder = mkdtempSync(join(tmpdir(), 'publist-macros-'));
  const file = join(folder, 'papers.yaml');
  writeFileSync(file, yaml);
  return { file, folder };
}

function render(file: string, ...args: string[]): string {
  const result = runCli(['render', file, '-f', 'latex', ...args]);
  expect(result.stderr).not.toContain('Error');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The title's Hebrew words, and the emoji as the boxed ?, in whichever order pdftotext reads. */
function expectHebrewTitle(pdf: Compiled): void {
  const shown = comparable(pdf.text.replace(/[\u200e\u200f\u202a-\u202e]/g, ''));
  expect(shown).toContain(comparable('עיבוד שפה טבעית'));
  expect(shown).toContain('?');
}

function expectCleanStrings(pdf: Compiled): void {
  expect(pdf.log).not.toContain('Token not allowed in a PDF string');
}

describe.runIf(tex)('the moderncv fragment in a moderncv document', () => {
  // moderncv puts each heading in the PDF's bookmarks, which hyperref makes from the text.
  it.each([
    ['pdflatex', 'Topic 🙂 & more'],
    ['xelatex', 'עיבוד שפה 🙂 & more'],
    ['lualatex', 'עיבוד שפה 🙂 & more'],
  ] as const)(
    'with %s, a heading with publist macros prints and makes a clean bookmark',
    (engine, heading) => {
      const { file } = databaseFile(`owner: {name: Ada Lovelace}
render: {style: apa, group_by: topic}
topics: {nlp: '${heading}'}
papers:
  - {id: one, type: journal, title: One Title, authors: [Ada Lovelace], date: 2024, venue: J, topics: [nlp]}
`);
      const pdf = compileLatex(moderncvHost(engine), {
        engine,
        files: { 'publications.tex': render(file, '--template', 'moderncv') },
      });
      expectCleanStrings(pdf);
      const shown = comparable(pdf.text.replace(/[\u200e\u200f\u202a-\u202e]/g, ''));
      for (const word of heading.replace('🙂', '?').split(' ')) {
        expect(shown).toContain(comparable(word));
      }
      expect(shown).toContain('OneTitle');
    },
    120_000,
  );
});

describe.runIf(tex)("a user's own templates get publist's macros from the partials", () => {
  const { file, folder } = databaseFile(`owner: {name: Ada Lovelace}
render: {style: apa}
papers:
  - {id: he, type: journal, title: 'עיבוד שפה טבעית 🙂', authors: [Ada Lovelace], date: 2024, venue: J}
`);
  const templates = join(folder, 'templates');
  mkdirSync(join(templates, 'latex'), { recursive: true });
  writeFileSync(
    join(templates, 'latex', 'plain.hbs'),
    [
      '\\documentclass{article}',
      '{{> _publist-fonts}}',
      '\\usepackage{hyperref}',
      '\\hypersetup{pdftitle={ {{~groups.[0].entries.[0].paper.title~}} }}',
      '\\begin{document}',
      '{{#each groups}}{{#each entries}}{{paper.title}}\\par',
      '{{/each}}{{/each}}',
      '\\end{document}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(templates, 'latex', 'plain-fragment.hbs'),
    '{{> _publist-macros}}\n{{#each groups}}{{#each entries}}\\noindent {{text}}\\par\n{{/each}}{{/each}}\n',
  );

  it.each(['xelatex', 'lualatex'] as const)(
    'a whole document with {{> _publist-fonts}} prints the Hebrew title and the missing mark with %s',
    (engine) => {
      const pdf = compileLatex(
        render(file, '--templates', templates, '--template', 'plain', '--standalone'),
        { engine },
      );
      expectCleanStrings(pdf);
      expect(pdf.title).toBe('עיבוד שפה טבעית ?');
      expectHebrewTitle(pdf);
    },
    120_000,
  );

  it('a fragment with {{> _publist-macros}} in a plain article (xelatex)', () => {
    const pdf = compileLatex(
      '\\documentclass{article}\\usepackage{fontspec}\\usepackage{hyperref}\n\\begin{document}\n\\input{publications.tex}\n\\end{document}\n',
      {
        engine: 'xelatex',
        files: {
          'publications.tex': render(file, '--templates', templates, '--template', 'plain'),
        },
      },
    );
    expectHebrewTitle(pdf);
  }, 120_000);

  it("a whole document of one's own that only wraps {{> fragment}} gets the macros from it (pdflatex)", () => {
    const own = join(folder, 'own');
    mkdirSync(join(own, 'latex'), { recursive: true });
    writeFileSync(
      join(own, 'latex', 'standalone.hbs'),
      '\\documentclass{article}\n\\begin{document}\n{{> fragment}}\n\\end{document}\n',
    );
    const { file: english } = databaseFile(`owner: {name: Ada Lovelace}
papers:
  - {id: one, type: journal, title: On engines, authors: [Ada Lovelace], date: 1843, venue: J}
`);
    const pdf = compileLatex(render(english, '--templates', own, '--standalone'), {
      engine: 'pdflatex',
    });
    expect(pdf.text).toContain('On engines');
  }, 120_000);

  it('a partial is no template of its own', () => {
    const result = runCli([
      'render',
      file,
      '-f',
      'latex',
      '--template',
      '_publist-macros',
      '--standalone',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'no template "_publist-macros" for latex; templates: fragment, moderncv, moderncv-fragment, standalone',
    );
  });
});

/** 300 letters in a row, and an address without its scheme: no line can hold either. */
const LONG_WORD = 'a'.repeat(300);
const LONG_ADDRESS = `www.example.org/${'segment/'.repeat(30)}index.html`;
const LONG_WORDS = `owner: {name: Ada Lovelace}
render: {style: apa}
papers:
  - {id: word, type: journal, title: 'Before ${LONG_WORD} after', authors: [Ada Lovelace], date: 2024, venue: J}
  - {id: address, type: journal, title: 'See ${LONG_ADDRESS} for it', authors: [Ada Lovelace], date: 2023, venue: J}
  - {id: ordinary, type: journal, title: 'An ordinary title of ordinary words, as most are, which fills more than a line of the page', authors: [Ada Lovelace], date: 2022, venue: J}
`;

/** The right edge of the text: A4 (595.28 pt) less the template's right margin. */
const TEXT_RIGHT = { standalone: 595.28 - 62.36, moderncv: 595.28 * 0.9 } as const;

describe.runIf(tex)('a word longer than a line', () => {
  const { file } = databaseFile(LONG_WORDS);
  const cases = [
    ...ENGINES.map((engine): ['standalone', Engine] => ['standalone', engine]),
    ['moderncv', 'pdflatex'] as ['moderncv', Engine],
  ];

  it.each(cases)(
    'breaks inside the text width of the %s CV with %s',
    (template, engine) => {
      const source = render(
        file,
        '--standalone',
        ...(template === 'moderncv' ? ['--template', 'moderncv'] : []),
      );
      const pdf = compileLatex(source, { engine });
      expect(pdf.log.match(/^Overfull \\hbox.*$/gm) ?? []).toEqual([]);
      const beyond = pdf.words.filter((word) => word.xMax > TEXT_RIGHT[template] + 0.5);
      expect(beyond).toEqual([]);
      const shown = comparable(pdf.text);
      expect(shown).toContain(comparable(`Before ${LONG_WORD} after`));
      expect(shown).toContain(comparable(`See ${LONG_ADDRESS} for it`));
    },
    120_000,
  );

  it('leaves words of ordinary length as they were', () => {
    const source = render(file);
    const entries = source.split('\n').filter((line) => line.startsWith('\\item'));
    expect(entries.find((line) => line.includes('ordinary'))).not.toContain('\\publistbreak');
    expect(entries.find((line) => line.includes('Before'))).toContain(
      `Before a${'\\publistbreak{}a'.repeat(299)} after`,
    );
  });
});

/** An address longer than a line, of long words (a file's name), as a link and as a note's text. */
const LONG_URL = `https://example.org/archive/${'averyveryverylongsegmentname/'.repeat(2)}Proceedings2024FinalVersionWithAppendixAndSupplementaryMaterial.pdf`;

describe.runIf(tex)('a web address longer than a line', () => {
  const { file } = databaseFile(`owner: {name: Ada Lovelace}
render: {style: apa}
papers:
  - {id: link, type: journal, title: A paper with a long address, authors: [Ada Lovelace], date: 2024, venue: Journal of Examples, url: '${LONG_URL}'}
  - {id: note, type: other, title: A note with a long address, authors: [Ada Lovelace], date: 2023, note: 'Available at ${LONG_URL}'}
`);

  it('breaks inside its words with \\publistbreak, as any long run does', () => {
    const entries = render(file)
      .split('\n')
      .filter((line) => line.startsWith('\\item'));
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry).toContain('P\\publistbreak{}r\\publistbreak{}o\\publistbreak{}c');
      expect(entry).not.toContain('\\penalty');
    }
  });

  it.each(ENGINES)(
    'stays inside the margin, links the whole address and copies as it is, with %s',
    (engine) => {
      const pdf = compileLatex(render(file, '--standalone'), { engine });
      expect(pdf.log.match(/^Overfull \\hbox.*$/gm) ?? []).toEqual([]);
      expect(pdf.words.filter((word) => word.xMax > TEXT_RIGHT.standalone + 0.5)).toEqual([]);
      expect(pdf.links).toContain(LONG_URL);
      // Broken over lines, with no hyphen or other character added.
      expect(pdf.text.replace(/\s+/g, '').split(LONG_URL)).toHaveLength(3);
    },
    120_000,
  );
});
