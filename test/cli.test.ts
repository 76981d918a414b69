import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI, DEFAULT_DB, runCli } from './support/cli.js';
import { CORPUS } from './support/corpus.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'publist-cli-'));
const cslItems = (stdout: string) => JSON.parse(stdout) as { id: string }[];

describe('publist validate', () => {
  it('accepts the default database', () => {
    const result = runCli(['validate', DEFAULT_DB]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('20 papers, no problems');
  });

  it('reports every problem with file:line:col and exits 1, without a stack trace', () => {
    const result = runCli(['validate', 'test/fixtures/broken.yaml']);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(
      lines.filter((line) => /^test\/fixtures\/broken\.yaml:\d+:\d+: /.test(line)),
    ).toHaveLength(10);
    expect(lines.at(-1)).toBe('10 problems');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows a YAML syntax error with its line and a caret', () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'bad.yaml'),
      'owner:\n  name: X\npapers:\n  - id: a\n   title: misaligned\n',
    );
    const result = runCli(['validate', join(dir, 'bad.yaml')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad\.yaml:5:\d+: YAML syntax error/);
    expect(result.stderr).toMatch(/5 \| {4}title: misaligned\n\s+\^/);
  });

  it('says which key is given twice and where it was first, exit 1', () => {
    const dir = scratch();
    const database = join(dir, 'papers.yaml');
    writeFileSync(
      database,
      readFileSync(DEFAULT_DB, 'utf8').replace(
        '  group_by: year\n',
        '  group_by: year\n  group_by: topic\n',
      ),
    );
    const result = runCli(['validate', database]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${database}:20:3: \`group_by\` is given twice in \`render\` (first at line 19); delete one\n` +
        '20 |   group_by: topic\n       ^\n1 problem\n',
    );
  });

  it('refuses a database that is not UTF-8 at its first foreign byte, and import leaves it as it was', () => {
    const db = join(scratch(), 'latin1.yaml');
    // "Jürgen Müller" and "Über Straßen" as Latin-1 bytes; a "�" written as UTF-8 is no mistake.
    const latin1 = Buffer.concat([
      Buffer.from('owner: {name: "\u{FFFD} J'),
      Buffer.from([0xfc]),
      Buffer.from('rgen"}\npapers:\n  - {id: a, type: journal, title: '),
      Buffer.from([0xdc]),
      Buffer.from('ber, authors: [A B], date: 2020}\n'),
    ]);
    writeFileSync(db, latin1);
    const message = `${db}:1:19: the file is not UTF-8: the byte 0xFC is not part of a UTF-8 character (save the file as UTF-8; \`iconv -f latin1 -t utf-8\` converts a Latin-1 file)`;
    for (const args of [
      ['validate', db],
      ['render', db, '-f', 'text'],
      ['import', join(CORPUS, 'alfolio-papers.bib'), '--into', db],
    ]) {
      const result = runCli(args);
      expect(result.status, args[0]).toBe(1);
      expect(result.stderr, args[0]).toBe(`${message}\n1 problem\n`);
      expect(result.stdout, args[0]).toBe('');
    }
    expect(readFileSync(db).equals(latin1)).toBe(true);
  });

  it('names the file beside it that a mistyped database or bibliography likely meant', () => {
    const dir = scratch();
    copyFileSync(DEFAULT_DB, join(dir, 'papers.yaml'));
    writeFileSync(join(dir, 'refs.bib'), '');
    for (const [args, message] of [
      [
        ['validate', join(dir, 'paper.yaml')],
        `${join(dir, 'paper.yaml')}:1:1: cannot read the database: no such file (did you mean ${join(dir, 'papers.yaml')}?)`,
      ],
      [
        ['build', join(dir, 'papers.yml'), '--out-dir', join(dir, 'out')],
        `${join(dir, 'papers.yml')}:1:1: cannot read the database: no such file (did you mean ${join(dir, 'papers.yaml')}?)`,
      ],
      [
        ['import', join(dir, 'ref.bib'), '--into', join(dir, 'papers.yaml')],
        `${join(dir, 'ref.bib')}:1:1: cannot read this file: no such file (did you mean ${join(dir, 'refs.bib')}?)`,
      ],
    ] as const) {
      const result = runCli([...args]);
      expect(result.status, args[0]).toBe(1);
      expect(result.stderr, args[0]).toBe(`${message}\n1 problem\n`);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names the same file of two as near on every machine, whatever its locale', () => {
    // Equally near; a Danish collation puts "Papers" first, an English one "papers".
    const dir = scratch();
    copyFileSync(DEFAULT_DB, join(dir, 'papers.yaml'));
    copyFileSync(DEFAULT_DB, join(dir, 'Papers.yaml'));
    for (const locale of ['en_US.UTF-8', 'da_DK.UTF-8', 'C.UTF-8']) {
      const result = runCli(['validate', join(dir, 'paper.yaml')], { env: { LC_ALL: locale } });
      expect(result.stderr, locale).toBe(
        `${join(dir, 'paper.yaml')}:1:1: cannot read the database: no such file (did you mean ${join(dir, 'Papers.yaml')}?)\n1 problem\n`,
      );
    }
  });

  it('warns of U+FFFD, a character a wrong encoding lost, where it is', () => {
    const file = join(scratch(), 'papers.yaml');
    writeFileSync(
      file,
      'owner: {name: Ada Lovelace}\npapers:\n  - id: a\n    type: journal\n    title: Wind turbines \uFFFD a review\n    authors: [Ada Lovelace, {family: Fern\uFFFDndez, given: Luis}]\n    date: 2014\n',
    );
    const result = runCli(['validate', file]);
    expect(result.status).toBe(0);
    const warning =
      'has U+FFFD (\uFFFD), the mark of a character lost to a wrong encoding: every output prints it as \uFFFD (write the character it stood for: "Fern\uFFFDndez" is "Fernández")';
    expect(result.stderr.split('\n')).toEqual([
      `${file}:5:12: warning: papers[0] (a).title: ${warning}`,
      `${file}:6:38: warning: papers[0] (a).authors[1].family: ${warning}`,
      `${file}: 1 paper, no problems, 2 warnings`,
      '',
    ]);
  });

  it('says so when the file does not exist', () => {
    const result = runCli(['validate', 'no/such/file.yaml']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `no/such/file.yaml:1:1: cannot read the database: no such file (start one from a bibliography with \`publist import refs.bib --into no/such/file.yaml --owner "Your Name"\`, or copy the example, ${DEFAULT_DB})`,
    );
  });
});

describe('publist render', () => {
  it('prints the 20 papers as CSL-JSON', () => {
    const result = runCli(['render', DEFAULT_DB, '--format', 'csl-json']);
    expect(result.status).toBe(0);
    const items = cslItems(result.stdout);
    expect(items).toHaveLength(20);
    expect(items[0]).toMatchObject({
      id: 'he2026livemathematicianbench',
      type: 'article',
      publisher: 'arXiv',
      number: '2604.01754',
    });
  });

  it('applies the selection flags', () => {
    expect(
      cslItems(runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--since', '2025']).stdout),
    ).toHaveLength(8);
    const cv = cslItems(
      runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--topics', 'CV,FLU-DYN', '--sort', 'title'])
        .stdout,
    );
    expect(cv.map((item) => item.id)).toEqual(['liao2023item', 'bode2022turbulent']);
    expect(
      cslItems(
        runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--types', 'preprint', '--limit', '2'])
          .stdout,
      ),
    ).toHaveLength(2);
  });

  it('writes to a file with -o', () => {
    const file = join(scratch(), 'nested', 'papers.json');
    const result = runCli(['render', DEFAULT_DB, '-f', 'csl-json', '-o', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(cslItems(readFileSync(file, 'utf8'))).toHaveLength(20);
  });

  it('writes to stdout with -o -, as other tools do', () => {
    const folder = scratch();
    const result = runCli(['render', DEFAULT_DB, '-f', 'csl-json', '-o', '-'], { cwd: folder });
    expect(result.status).toBe(0);
    expect(cslItems(result.stdout)).toHaveLength(20);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses to write over the database, with -o or an output’s file, and writes nothing', () => {
    const folder = scratch();
    const db = join(folder, 'papers.yaml');
    const yaml = [
      'owner: {name: Ada Lovelace}',
      'render:',
      '  outputs: [{format: text, file: notes.txt}, {format: markdown, file: papers.yaml}]',
      'papers: [{id: a, type: journal, title: Notes, authors: [Ada Lovelace], venue: J, date: 1843}]',
      '',
    ].join('\n');
    writeFileSync(db, yaml);
    const render = runCli(['render', 'papers.yaml', '-f', 'markdown', '-o', './papers.yaml'], {
      cwd: folder,
    });
    expect(render.status).toBe(1);
    expect(render.stderr).toContain(
      'cannot write ./papers.yaml: it is the database itself; -o ./papers.yaml would replace your papers',
    );
    const build = runCli(['build', 'papers.yaml', '--out-dir', '.'], { cwd: folder });
    expect(build.status).toBe(1);
    expect(build.stderr).toContain(
      'cannot write papers.yaml: it is the database itself; render.outputs[1] would replace your papers',
    );
    expect(readFileSync(db, 'utf8')).toBe(yaml);
    expect(readdirSync(folder)).toEqual(['papers.yaml']);
    expect(runCli(['build', 'papers.yaml', '--out-dir', 'out'], { cwd: folder }).status).toBe(0);
  });

  it('exits 2 for an unknown format, naming the close ones', () => {
    const result = runCli(['render', DEFAULT_DB, '--format', 'nosuchformat']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown format "nosuchformat"');
    expect(result.stderr).toContain('csl-json');
  });

  it('warns when nothing matches, and refuses topics the database does not have', () => {
    const none = runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--since', '2030']);
    expect(none.status).toBe(0);
    expect(none.stderr).toBe('warning: no papers match the selection (since 2030)\n');
    const unmarked = runCli(['render', DEFAULT_DB, '-f', 'text', '--selected', '--since', '2024']);
    expect(unmarked.stderr).toBe(
      'warning: no papers match the selection (since 2024; selected: no paper is marked `selected: true`)\n',
    );
    const unknown = runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--topics', 'CL,XX']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      'error: --topics: unknown topic `XX` (declared topics: CL, LG, CV, FLU-DYN)\n',
    );
  });

  it('suggests the topic a misspelt --topics meant, as validate does in the database', () => {
    const misspelt = runCli(['render', DEFAULT_DB, '-f', 'text', '--topics', 'FLU-DIN,lg']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stdout).toBe('');
    expect(misspelt.stderr).toBe(
      'error: --topics: unknown topic `FLU-DIN` (did you mean `FLU-DYN`?); ' +
        'unknown topic `lg` (did you mean `LG`?)\n',
    );
  });

  it('suggests the type a misspelt --types meant, as validate does for `type:`', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--types', 'jornal,preprint']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error: option '--types <a,b>' argument 'jornal,preprint' is invalid\. Unknown type "jornal" \(did you mean `journal`\?\); types: conference, journal, /,
    );
  });

  it('suggests the value a misspelt option of fixed choices meant, and lists the choices', () => {
    const cases = [
      [
        ['render', DEFAULT_DB, '-f', 'text', '--group-by', 'yaer'],
        "'--group-by <key>' argument 'yaer' is invalid. Allowed choices are year, topic, type, venue, none (did you mean `year`?).",
      ],
      [
        ['render', DEFAULT_DB, '-f', 'text', '--numbering', 'descendng'],
        "'--numbering <mode>' argument 'descendng' is invalid. Allowed choices are auto, none, ascending, descending (did you mean `descending`?).",
      ],
      [
        ['render', DEFAULT_DB, '-f', 'text', '--sort', 'month'],
        "'--sort <key>' argument 'month' is invalid. Allowed choices are date, title, venue, file.",
      ],
      [
        ['import', 'refs.bib', '--from', 'bibtx'],
        "'--from <format>' argument 'bibtx' is invalid. Allowed choices are bibtex, csl-json, ris (did you mean `bibtex`?).",
      ],
    ] as const;
    for (const [args, message] of cases) {
      const result = runCli([...args]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`error: option ${message}\n(run with --help for usage)\n`);
    }
  });

  it('exits 2 for unknown options and bad option values', () => {
    expect(runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--colour']).status).toBe(2);
    expect(runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--since', 'last-year']).status).toBe(2);
    expect(runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--group-by', 'month']).status).toBe(2);
    expect(runCli(['render', DEFAULT_DB, '-f', 'csl-json', '--types', 'blog']).status).toBe(2);
    expect(runCli(['render', DEFAULT_DB]).status).toBe(2);
    expect(runCli(['publish']).status).toBe(2);
  });

  it('names a mistyped --format, rather than say that -f is missing', () => {
    const typo = runCli(['render', DEFAULT_DB, '--formt', 'text']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe(
      "error: unknown option '--formt'\n(Did you mean --format?)\n(run with --help for usage)\n",
    );
    const missing = runCli(['render', DEFAULT_DB, '--since', '2024']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      "error: required option '-f, --format <format>' not specified\n(run with --help for usage)\n",
    );
  });

  it('exits 2 for a blank style or locale, saying what it takes', () => {
    const style = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', '']);
    expect(style.status).toBe(2);
    expect(style.stderr).toContain(
      "error: option '--style <name|path>' argument '' is invalid. Expected a style name (apa, ieee, ...) or a .csl file.",
    );
    const locale = runCli(['build', DEFAULT_DB, '--locale', ' ', '-d', 'never']);
    expect(locale.status).toBe(2);
    expect(locale.stderr).toContain('Expected a locale such as en-US.');
  });

  it.each([
    [['-f', 'markdown', '--pdf-theme', 'modern'], '--pdf-theme: only pdf takes it, not markdown'],
    // The format's own option for the same thing is named.
    [
      ['-f', 'latex', '--pdf-links', 'underline'],
      "--pdf-links: only pdf takes it, not latex (latex's own: latex-links)",
    ],
    [
      ['-f', 'pdf', '-o', 'never.pdf', '--templates', 'templates'],
      '--templates: only markdown, html, text, latex take it; pdf has no templates',
    ],
    [
      ['-f', 'bibtex', '--standalone'],
      '--standalone: only markdown, html, text, latex take it; bibtex has no templates',
    ],
  ])('exits 2 for an option the format does not take: %j', (args, message) => {
    const result = runCli(['render', DEFAULT_DB, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(result.stdout).toBe('');
  });

  it('names --template when there is no template of that name, as --style and --locale are named', () => {
    for (const format of ['html', 'latex']) {
      const result = runCli(['render', DEFAULT_DB, '-f', format, '--template', 'fancy']);
      expect(result.status, format).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^error: --template: no template "fancy" for ${format}; templates: fragment, `),
      );
      expect(result.stdout).toBe('');
    }
  });

  it('refuses an unknown --template before it formats any citation', () => {
    const cache = join(scratch(), 'citation-cache');
    for (const format of ['markdown', 'html', 'text', 'latex']) {
      const result = runCli(['render', DEFAULT_DB, '-f', format, '--template', 'fancy'], {
        env: { PUBLIST_CACHE_DIR: cache },
      });
      expect(result.status, format).toBe(2);
      expect(result.stderr, format).toMatch(
        new RegExp(`^error: --template: no template "fancy" for ${format}; templates: `),
      );
      // Citations formatted are kept in the cache: none were.
      expect(existsSync(cache), format).toBe(false);
    }
  });

  it('has --help on every command', () => {
    for (const command of [[], ['build'], ['render'], ['validate'], ['watch']]) {
      const result = runCli([...command, '--help']);
      expect(result.status, command.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: publist/);
    }
  });
});

describe('a comment that cuts a text short', () => {
  it('is a warning of validate, render and build, at its #, with the value quoted', () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    writeFileSync(
      db,
      [
        'owner: {name: Ada Lovelace}',
        'render: {outputs: [{format: text}]}',
        'papers:',
        '  # a comment on a line of its own',
        '  - id: a',
        '    type: journal',
        '    title: Why #1 matters',
        '    authors: [Ada Lovelace] # a comment after a list',
        "    venue: 'Journal #5' # a comment after a quoted value",
        '    note: Oral # a comment after a value, written as comments are',
        '    date: 2020',
        '    abstract: >-',
        '      A block of text whose line looks like a key and a comment:',
        '      title: Why # not a comment',
        '',
      ].join('\n'),
    );
    const warning = `${db}:7:16: warning: the text after " #" is a YAML comment, so the title is "Why"; put the value in quotes to keep "#1 matters": title: 'Why #1 matters' (a comment meant as one can go on a line of its own)`;
    const validate = runCli(['validate', db]);
    expect(validate.status).toBe(0);
    expect(validate.stderr).toBe(`${warning}\n${db}: 1 paper, no problems, 1 warning\n`);
    const render = runCli(['render', db, '-f', 'text']);
    expect(render.status).toBe(0);
    expect(render.stderr).toBe(`${warning}\n`);
    expect(render.stdout).toContain('Lovelace, A. (2020). Why. Journal #5');
    const build = runCli(['build', db, '-d', join(dir, 'out'), '--quiet']);
    expect(build.status).toBe(0);
    expect(build.stderr).toBe(`${warning}\n`);
  });

  it('is said beside the problems of a database that has some, in file order', () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    writeFileSync(
      db,
      [
        'owner: {name: Ada Lovelace}',
        'papers:',
        '  - id: a',
        '    type: journal',
        '    title: Why #1 matters',
        '    authors: [Ada Lovelace]',
        '    date: 2020-13',
        '',
      ].join('\n'),
    );
    for (const args of [
      ['validate', db],
      ['build', db, '-d', join(dir, 'out')],
    ]) {
      const run = runCli(args);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        [
          `${db}:5:16: warning: the text after " #" is a YAML comment, so the title is "Why"; put the value in quotes to keep "#1 matters": title: 'Why #1 matters' (a comment meant as one can go on a line of its own)`,
          `${db}:7:11: papers[0] (a).date: "2020-13": month 13 does not exist (write YYYY, YYYY-MM or YYYY-MM-DD)`,
          '1 problem, 1 warning',
          '',
        ].join('\n'),
      );
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('comes with the database, before the problems of another file', () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    mkdirSync(join(dir, 't', 'markdown'), { recursive: true });
    writeFileSync(
      join(dir, 't', 'markdown', 'default.hbs'),
      [
        '{{#each groups}}',
        '{{titel}}',
        ...Array(9).fill(''),
        '{{heading}}{{nope}}',
        '{{/each}}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      db,
      [
        'owner: {name: Ada Lovelace}',
        'render: {outputs: [{format: markdown, templates: t}]}',
        'papers:',
        '  - id: a',
        '    type: journal',
        '    authors: [Ada Lovelace]',
        '    date: 2020',
        '',
        '',
        '    title: Why #1 matters',
        '',
      ].join('\n'),
    );
    const result = runCli(['validate', db]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.map((line) => /^(\S+?):(\d+):/.exec(line)?.slice(1).join(':'))).toEqual([
      `${db}:10`,
      expect.stringMatching(/default\.hbs:2$/),
      expect.stringMatching(/default\.hbs:12$/),
      undefined,
    ]);
    expect(lines.at(-1)).toBe('2 problems, 1 warning');
  });
});

describe('outputs that cannot be written', () => {
  it('refuses a folder as -o, a mistake in the command (exit 2), before any work', () => {
    const dir = scratch();
    for (const given of [dir, `${dir}/`, `${dir}/new/`]) {
      const result = runCli(['render', DEFAULT_DB, '-f', 'csl-json', '-o', given]);
      expect(result.status, given).toBe(2);
      expect(result.stderr.trim(), given).toBe(
        `error: -o ${given}: it is a folder; name the file to write (-o ${join(given, 'publications.json')})`,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says why, exits 1 and leaves nothing behind, without a stack trace', () => {
    const dir = scratch();
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, 'afile'), '');
    const blocked = runCli(['build', DEFAULT_DB, '-d', join(dir, 'afile')]);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('a file is in the way of a folder on its path');
    expect(blocked.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['afile']);
  });

  it('says so when a folder on the path cannot be made (a broken link, a system folder)', () => {
    const dir = scratch();
    symlinkSync(join(dir, 'gone', 'folder'), join(dir, 'dangling'));
    const places = [join(dir, 'dangling', 'out.txt')];
    // Node's own recursive mkdir never returns for a folder under /proc.
    if (existsSync('/proc/self')) places.push('/proc/publist-test/out.txt');
    for (const place of places) {
      const result = runCli(['render', DEFAULT_DB, '-f', 'text', '-o', place]);
      expect(result.status, place).toBe(1);
      expect(result.stderr.trim()).toBe(
        `error: cannot write ${place}: a folder on its path cannot be made there (a broken link, or a system folder)`,
      );
    }
  });

  it('locates a user template that calls a missing partial or helper', () => {
    const templates = scratch();
    mkdirSync(join(templates, 'markdown'));
    for (const [body, message] of [
      ['\n{{> nosuch}}', '2:5: no partial "nosuch" (partials: none)'],
      [
        '{{#each groups}}{{nosuchhelper heading}}{{/each}}',
        '1:19: unknown helper "nosuchhelper" (the helpers are each, if, unless, with, lookup, log)',
      ],
    ] as const) {
      writeFileSync(join(templates, 'markdown', 'default.hbs'), body);
      const result = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--templates', templates]);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `${join(templates, 'markdown', 'default.hbs')}:${message}\n1 problem\n`,
      );
    }
  });
});

describe('publist build', () => {
  it('writes every output the database names, then --check finds them up to date', () => {
    const outDir = join(scratch(), 'out');
    const built = runCli(['build', DEFAULT_DB, '--out-dir', outDir], { env: { CI: '' } });
    expect(built.status).toBe(0);
    const files = readdirSync(outDir);
    expect(files).toContain('publications.json');
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(runCli(['build', DEFAULT_DB, '--out-dir', outDir, '--check']).status).toBe(0);

    const json = join(outDir, 'publications.json');
    const builtJson = readFileSync(json, 'utf8');
    writeFileSync(json, '[]\n');
    const stale = runCli(['build', DEFAULT_DB, '--out-dir', outDir, '--check']);
    expect(stale.status).toBe(1);
    const rebuild = `(run \`publist build ${DEFAULT_DB} --out-dir ${outDir}\` to bring it up to date)`;
    expect(stale.stderr).toContain(
      `publications.json:1:2: is out of date from here: the file has "]", the build gives the end of the line ${rebuild}`,
    );
    expect(readFileSync(json, 'utf8')).toBe('[]\n');

    // A CI log says where a committed output went stale: the line and column of the change.
    const lines = builtJson.split('\n');
    const changed = lines.findIndex((line) => line.includes('"title": "Mask More'));
    const column = (lines[changed] as string).indexOf('More') + 1;
    lines[changed] = (lines[changed] as string).replace('Mask More', 'Mask Most');
    writeFileSync(json, lines.join('\n'));
    expect(runCli(['build', DEFAULT_DB, '--out-dir', outDir, '--check']).stderr).toBe(
      `${json}:${changed + 1}:${column + 2}: is out of date from here: the file has "st and Mask Later: Efficient Pre-training of Masked Language…", the build gives "re and Mask Later: Efficient Pre-training of Masked Language…" ${rebuild}\n1 problem\n`,
    );

    // The text shown is cut after 60 characters as a reader sees them, not inside an emoji.
    lines[changed] = (lines[changed] as string).replace(
      'Mask Most',
      `${'x'.repeat(59)}😀 and more`,
    );
    writeFileSync(json, lines.join('\n'));
    expect(runCli(['build', DEFAULT_DB, '--out-dir', outDir, '--check']).stderr).toContain(
      `the file has "${'x'.repeat(59)}😀…"`,
    );

    // Checked out with CRLF line endings by git on Windows, every line would differ.
    writeFileSync(json, builtJson.replaceAll('\n', '\r\n'));
    expect(runCli(['build', DEFAULT_DB, '--out-dir', outDir, '--check']).stderr).toBe(
      `${json}:1:1: has Windows line endings (CRLF) where publist writes LF (git converts them on checkout: mark the outputs \`-text\` in .gitattributes, then run \`publist build ${DEFAULT_DB} --out-dir ${outDir}\` to bring it up to date)\n1 problem\n`,
    );
  });

  it('--check with flags: the command its hint names has them too, and brings the outputs up to date', () => {
    const outDir = join(scratch(), 'out');
    const flags = ['--style', 'apa', '--no-highlight-owner', '--types', 'conference,journal'];
    expect(runCli(['build', DEFAULT_DB, '--out-dir', outDir, ...flags]).status).toBe(0);
    writeFileSync(join(outDir, 'publications.json'), '[]\n');
    const stale = runCli(['build', DEFAULT_DB, '--out-dir', outDir, '--check', ...flags]);
    expect(stale.stderr).toContain(
      `(run \`publist build ${DEFAULT_DB} --out-dir ${outDir} --style apa --types conference,journal --no-highlight-owner\` to bring it up to date)`,
    );
    const hinted = /run `publist (.*)` to bring/.exec(stale.stderr)?.[1]?.split(' ') ?? [];
    expect(runCli(hinted).status).toBe(0);
    expect(runCli(['build', DEFAULT_DB, '--out-dir', outDir, '--check', ...flags]).status).toBe(0);
  });

  it('reports an unknown format in render.outputs at its place in the file', () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    writeFileSync(
      db,
      'owner:\n  name: X\npapers: []\nrender:\n  outputs:\n    - format: csl-json\n    - format: markdwn\n',
    );
    const result = runCli(['build', db, '--out-dir', join(dir, 'out')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /papers\.yaml:7:15: render\.outputs\[1\]\.format: unknown format "markdwn"/,
    );
  });

  it('validate reports mistakes in the papers, the style and the outputs all at once', () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    writeFileSync(
      db,
      [
        'owner:\n  name: X',
        'topics:\n  CL: Language',
        'papers:\n  - {id: a, type: journal, title: T, authors: [A B], date: 2020, topics: [CX]}',
        'render:\n  style: ieeee\n  outputs:',
        '    - format: markdwn',
        '    - {format: csl-json, file: ../escape.json}',
        '    - {format: csl-json, options: {colour: red}}',
        '    - format: csl-json',
        '',
      ].join('\n'),
    );
    const result = runCli(['validate', db]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.map((line) => line.replace(`${db}:`, ''))).toEqual([
      expect.stringMatching(/^6:75: papers\[0\] \(a\)\.topics\[0\]: unknown topic `CX`/),
      expect.stringMatching(/^8:10: render\.style: unknown style "ieeee"/),
      expect.stringMatching(/^10:15: render\.outputs\[0\]\.format: unknown format "markdwn"/),
      expect.stringMatching(
        /^11:32: render\.outputs\[1\]\.file: "\.\.\/escape\.json" is outside the output folder/,
      ),
      expect.stringMatching(
        /^12:36: render\.outputs\[2\]\.options\.colour: csl-json has no such option \(it takes none\)$/,
      ),
      expect.stringMatching(
        /^13:15: render\.outputs\[3\]\.format: writes publications\.json again, as render\.outputs\[2\] does/,
      ),
      '6 problems',
    ]);
  });

  it('validate refuses a style or locale of only spaces as the flag does, not as an unknown style', () => {
    const db = join(scratch(), 'papers.yaml');
    writeFileSync(
      db,
      'owner: {name: X}\nrender: {style: " ", outputs: [{format: text, locale: "  "}]}\n' +
        'papers: [{id: a, type: journal, title: T, authors: [A B], date: 2020}]\n',
    );
    const result = runCli(['validate', db]);
    expect(result.status).toBe(1);
    expect(result.stderr.replaceAll(`${db}:`, '')).toBe(
      [
        '2:17: render.style: " " is invalid. Expected a style name (apa, ieee, ...) or a .csl file.',
        '2:55: render.outputs[0].locale: "  " is invalid. Expected a locale such as en-US.',
        '2 problems\n',
      ].join('\n'),
    );
  });

  it('names an empty database argument as the argument, not as a flag', () => {
    for (const command of [
      ['validate', ''],
      ['build', ' '],
      ['render', '', '-f', 'text'],
    ]) {
      const result = runCli(command);
      expect(result.status, command.join(' ')).toBe(2);
      expect(result.stderr, command.join(' ')).toMatch(
        /^error: the database argument: " ?" is invalid\. Expected the path of a database, such as data\/papers\.yaml\.\n$/,
      );
    }
  });

  it('writes nothing when the database is wrong', () => {
    const dir = scratch();
    const result = runCli(['build', 'test/fixtures/broken.yaml', '--out-dir', join(dir, 'out')]);
    expect(result.status).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('publist watch', () => {
  /** `publist watch` started on the database; `until` waits for a condition, `stop` ends it. */
  function watching(db: string, outDir: string) {
    const child = spawn(process.execPath, [CLI, 'watch', db, '--out-dir', outDir], {
      env: { ...process.env, NO_COLOR: '1', CI: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const until = async (condition: (stderr: string) => boolean) => {
      for (let waited = 0; !condition(stderr); waited += 50) {
        if (waited > 20_000) throw new Error(`timed out; stderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const stop = async () => {
      child.kill('SIGINT');
      return new Promise((resolve) => child.once('exit', resolve));
    };
    return { until, stop };
  }

  /** The file's text, or undefined while it is not there. */
  const contents = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

  it('builds, rebuilds when the database changes, and reports problems without stopping', async () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    const outDir = join(dir, 'out');
    const output = join(outDir, 'publications.json');
    const database = (title: string) =>
      `owner:\n  name: X\npapers:\n  - id: a\n    type: journal\n    title: ${title}\n    authors: [A B]\n    date: 2020\n`;
    writeFileSync(db, database('First'));
    const title = () => {
      try {
        return (JSON.parse(contents(output) ?? '') as { title: string }[])[0]?.title;
      } catch {
        return undefined;
      }
    };
    const watch = watching(db, outDir);
    try {
      await watch.until((stderr) => stderr.includes('watching'));
      expect(title()).toBe('First');
      writeFileSync(db, database('Second'));
      await watch.until(() => title() === 'Second');
      writeFileSync(db, database('Third').replace('date: 2020', 'date: 2020-13'));
      await watch.until((stderr) => stderr.includes('month 13 does not exist'));
      expect(title()).toBe('Second');
      writeFileSync(db, database('Fourth'));
      await watch.until(() => title() === 'Fourth');
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });

  it('goes on watching a database that is moved away and back, beside a templates folder', async () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    const outDir = join(dir, 'out');
    const output = join(outDir, 'publications.html');
    mkdirSync(join(dir, 'mine', 'html'), { recursive: true });
    writeFileSync(
      join(dir, 'mine', 'html', 'fragment.hbs'),
      '{{#each groups}}{{#each entries}}<p>{{paper.title}}</p>{{/each}}{{/each}}\n',
    );
    const database = (title: string) =>
      `owner: {name: X}\nrender: {outputs: [{format: html, templates: mine}]}\npapers:\n  - {id: a, type: journal, title: ${title}, authors: [A B], date: 2020}\n`;
    writeFileSync(db, database('First'));
    const watch = watching(db, outDir);
    try {
      await watch.until((stderr) => stderr.includes('watching'));
      expect(contents(output)).toBe('<p>First</p>\n');
      renameSync(db, `${db}.moved`);
      await watch.until((stderr) => stderr.includes('no such file'));
      // The failed build has ended (and the watcher been told of the database again).
      await new Promise((resolve) => setTimeout(resolve, 300));
      renameSync(`${db}.moved`, db);
      writeFileSync(db, database('Second'));
      await watch.until(() => contents(output) === '<p>Second</p>\n');
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });

  it('rebuilds when a style file the database names changes', async () => {
    const dir = scratch();
    const db = join(dir, 'papers.yaml');
    const outDir = join(dir, 'out');
    const output = join(outDir, 'publications.txt');
    const style = (word: string) =>
      `<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">\n  <info><title>Mine</title><id>mine</id><updated>2020-01-01T00:00:00+00:00</updated></info>\n  <citation><layout><text variable="title"/></layout></citation>\n  <bibliography><layout><text value="${word} "/><text variable="title"/></layout></bibliography>\n</style>\n`;
    writeFileSync(join(dir, 'mine.csl'), style('Before'));
    writeFileSync(
      db,
      'owner: {name: X}\nrender: {style: mine.csl, group_by: none, outputs: [{format: text}]}\npapers:\n  - {id: a, type: journal, title: Engines, authors: [A B], date: 2020}\n',
    );
    const watch = watching(db, outDir);
    try {
      await watch.until((stderr) => stderr.includes('watching'));
      expect(contents(output)).toContain('Before Engines');
      writeFileSync(join(dir, 'mine.csl'), style('After'));
      await watch.until(() => contents(output)?.includes('After Engines') === true);
    } finally {
      expect(await watch.stop()).toBe(0);
    }
  });
});

describe('outputs the database names', () => {
  /** `publist validate` of a database whose `render.outputs` holds these lines. */
  const validateOutputs = (outputs: string[]) => {
    const database = join(scratch(), 'papers.yaml');
    const lines = ['owner: { name: Ada Lovelace }', 'render:', '  outputs:', ...outputs];
    writeFileSync(database, [...lines, 'papers: []', ''].join('\n'));
    return { database, result: runCli(['validate', database]) };
  };

  it('reports each wrong format once, where it is', () => {
    const { result } = validateOutputs([
      '    - { file: x.txt }',
      '    - { format: 3 }',
      '    - { format: nosuch }',
    ]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/:4:7: render\.outputs\[0\]: missing required key `format`/);
    expect(lines[1]).toMatch(
      /:5:17: render\.outputs\[1\]\.format: expected text, got the number 3/,
    );
    expect(lines[2]).toMatch(/:6:17: render\.outputs\[2\]\.format: unknown format "nosuch"/);
    expect(lines[3]).toBe('3 problems');
  });

  it('reports a template or a templates folder that is not there, at its key, as build would', () => {
    const { database, result } = validateOutputs([
      '    - { format: latex, template: fancy }',
      '    - { format: latex, template: moderncv-fragment, standalone: true }',
      '    - { format: html, templates: mine }',
      '    - { format: markdown, file: mine.md, templates: ours }',
    ]);
    mkdirSync(join(dirname(database), 'ours', 'markdown'), { recursive: true });
    writeFileSync(join(dirname(database), 'ours', 'markdown', 'default.hbs'), '{{#each groups}');
    const expected = [
      `${database}:4:34: render.outputs[0].template: no template "fancy" for latex; templates: fragment, moderncv, moderncv-fragment, standalone`,
      `${database}:5:34: render.outputs[1].template: --template moderncv-fragment is a fragment to \\input, not a whole document: leave out --standalone, or use --template moderncv --standalone`,
      `${database}:6:34: render.outputs[2].templates: the templates folder "mine" does not exist: it is ${join(dirname(database), 'mine')}, as a path in the database is relative to the database's folder`,
    ];
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      ...expected,
      `${database}:7:53: render.outputs[3].templates: the templates folder "ours" does not exist: it is ${join(dirname(database), 'ours')}, as a path in the database is relative to the database's folder`,
      '4 problems',
    ]);
    const built = runCli(['build', database, '--out-dir', join(dirname(database), 'out')]);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain(expected.join('\n'));
    expect(built.stderr).toMatch(
      /ours\/markdown\/default\.hbs:1:1: template syntax: the tag \{\{#each groups\} has one closing brace/,
    );
    expect(existsSync(join(dirname(database), 'out'))).toBe(false);
  });

  it("says a database's templates folder is beside the database, and how to name the one beside you", () => {
    const dir = scratch();
    mkdirSync(join(dir, 'site', '_data'), { recursive: true });
    mkdirSync(join(dir, 'site', 'tpl', 'html'), { recursive: true });
    writeFileSync(
      join(dir, 'site', '_data', 'papers.yaml'),
      'owner: { name: Ada Lovelace }\nrender:\n  outputs:\n    - { format: html, templates: tpl }\npapers: []\n',
    );
    const result = runCli(['validate', join('_data', 'papers.yaml')], { cwd: join(dir, 'site') });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `_data/papers.yaml:4:34: render.outputs[0].templates: the templates folder "tpl" does not exist: it is _data/tpl, as a path in the database is relative to the database's folder; for the tpl beside you, write ../tpl\n1 problem\n`,
    );
  });

  it('reports template options on a format drawn without templates, at their keys', () => {
    const { database, result } = validateOutputs([
      '    - { format: pdf, standalone: true }',
      '    - { format: markdown, templates: mine }',
      '    - format: bibtex',
      '      template: moderncv',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${database}:4:22: render.outputs[0].standalone: only markdown, html, text, latex take it; pdf has no templates`,
      `${database}:5:38: render.outputs[1].templates: the templates folder "mine" does not exist: it is ${join(dirname(database), 'mine')}, as a path in the database is relative to the database's folder`,
      `${database}:7:7: render.outputs[2].template: only markdown, html, text, latex take it; bibtex has no templates`,
      '3 problems',
    ]);
  });
});
