/**
 * Options a caller gives, from code (`overrides`, `output`) and as flags: one set of rules,
 * the same answer, exit 2 on the command line.
 */
import { PAPER_TYPES, type OutputSpecKey } from '../src/model/vocabulary.js';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildOutputs,
  loadDatabase,
  OptionError,
  renderDatabase,
  resolveSettings,
  UsageError,
  type BuildOptions,
  type Database,
  type LoadedDatabase,
  type OutputSpec,
  type RenderOptions,
  type RenderRequest,
} from '../src/index.js';
import { bundledLocales } from '../src/cite/bundle.js';
import { DEFAULT_DB, runCli } from './support/cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'publist-options-'));
const { database } = await loadDatabase(DEFAULT_DB);

/** The default database with `lines` for its `render:` section (line 17), in a scratch folder. */
function withRender(lines: string): string {
  const file = join(scratch(), 'papers.yaml');
  const text = readFileSync(DEFAULT_DB, 'utf8').replace(
    /^render:\n[^]*?\n(?=papers:)/m,
    `render:\n${lines}\n`,
  );
  writeFileSync(file, text);
  return file;
}

/** The UsageError a library call ends with. */
async function refusal(
  request: Partial<RenderRequest>,
  of: Database = database,
): Promise<UsageError> {
  try {
    await renderDatabase(of, { format: 'text', warn: () => undefined, ...request });
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`renderDatabase took ${JSON.stringify(request)}`);
}

const CHOICES_OF_GROUP_BY = 'Allowed choices are year, topic, type, venue, none';
const POSITIVE = 'Expected a positive whole number.';

describe('overrides given from code', () => {
  it.each([
    [
      { group_by: 'years' },
      `overrides.group_by: "years" is invalid. ${CHOICES_OF_GROUP_BY} (did you mean \`year\`?).`,
    ],
    [{ limit: -1 }, `overrides.limit: -1 is invalid. ${POSITIVE}`],
    [{ limit: -5 }, `overrides.limit: -5 is invalid. ${POSITIVE}`],
    [{ limit: 0 }, `overrides.limit: 0 is invalid. ${POSITIVE}`],
    [{ limit: 2.5 }, `overrides.limit: 2.5 is invalid. ${POSITIVE}`],
    [{ since: 'abc' }, 'overrides.since: "abc" is invalid. Expected a four-digit year.'],
    [{ until: 99 }, 'overrides.until: 99 is invalid. Expected a four-digit year.'],
    [
      { sort: 'author' },
      'overrides.sort: "author" is invalid. Allowed choices are date, title, venue, file.',
    ],
    [
      { numbering: 'desc' },
      'overrides.numbering: "desc" is invalid. Allowed choices are auto, none, ascending, descending (did you mean `descending`?).',
    ],
    [
      { order: 'descending' },
      'overrides.order: "descending" is invalid. Allowed choices are asc, desc (did you mean `desc`?).',
    ],
    [
      { types: ['journl'] },
      'overrides.types: ["journl"] is invalid. Unknown type "journl" (did you mean `journal`?); types: conference, journal, workshop, shared-task, preprint, thesis, book, chapter, report, talk, poster, software, dataset, patent, other.',
    ],
    [
      { types: 'journal' },
      'overrides.types: "journal" is invalid. Expected a list of paper types.',
    ],
    [
      { topics: ['XX'] },
      'overrides.topics: unknown topic `XX` (declared topics: CL, LG, CV, FLU-DYN)',
    ],
    [{ selected: 'yes' }, 'overrides.selected: "yes" is invalid. Expected true or false.'],
    [
      { equal_mark: 'equal contribution' },
      'overrides.equal_mark: "equal contribution" is invalid. A mark has at most 8 characters as a reader sees them (an emoji with its skin tone, or a family of joined emoji, is one), and this one has 18.',
    ],
    [{ groupBy: 'year' }, 'overrides.groupBy: no such setting (did you mean `group_by`?)'],
    [
      { since: 2025, until: 2020 },
      'overrides.until: 2020 is before since 2025, so no paper can match',
    ],
  ])('refuses %j with a UsageError that says what it takes', async (overrides, message) => {
    const error = await refusal({ overrides: overrides as RenderRequest['overrides'] });
    expect(error).toBeInstanceOf(OptionError);
    expect(error.message).toBe(message);
  });

  it('names every wrong override at once, one a line', async () => {
    const error = await refusal({
      overrides: { group_by: 'years', limit: 0 } as unknown as RenderRequest['overrides'],
    });
    expect(error.message).toBe(
      `overrides.group_by: "years" is invalid. ${CHOICES_OF_GROUP_BY} (did you mean \`year\`?).\n` +
        `overrides.limit: 0 is invalid. ${POSITIVE}`,
    );
  });

  it('says what the command says for the same value as a flag', async () => {
    for (const [key, flag, word, value] of [
      ['numbering', '--numbering', 'desc', 'desc'],
      ['group_by', '--group-by', 'years', 'years'],
      ['limit', '--limit', '0', 0],
      ['since', '--since', 'abc', 'abc'],
      ['until', '--until', '20.5', 20.5],
    ] as const) {
      const error = await refusal({ overrides: { [key]: value } as RenderRequest['overrides'] });
      const reason = error.message.replace(/^[^:]+: "?[^"]*"? is invalid\. /, '');
      const result = runCli(['render', DEFAULT_DB, '-f', 'text', flag, word]);
      expect(result.status).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(
        `error: option '${flag} <${result.stderr.match(/<(\w+)>/)?.[1]}>' argument '${word}' is invalid. ${reason}`,
      );
    }
  });

  it.each([
    [
      { since: '2020' },
      'overrides.since: "2020" is invalid. Expected a four-digit year (give it as a number, 2020, not as text).',
    ],
    [
      { until: ' 2021' },
      'overrides.until: " 2021" is invalid. Expected a four-digit year (give it as a number, 2021, not as text).',
    ],
    [
      { limit: '5' },
      'overrides.limit: "5" is invalid. Expected a positive whole number (give it as a number, 5, not as text).',
    ],
    [{ limit: '0' }, `overrides.limit: "0" is invalid. ${POSITIVE}`],
    [{ since: '2020.0' }, 'overrides.since: "2020.0" is invalid. Expected a four-digit year.'],
  ])(
    'takes numbers from code as numbers only: %j is refused, naming the number',
    async (overrides, message) => {
      const error = await refusal({
        overrides: overrides as unknown as RenderRequest['overrides'],
      });
      expect(error).toBeInstanceOf(OptionError);
      expect(error.message).toBe(message);
    },
  );

  it('is a type error in TypeScript, and the same OptionError when it runs anyway', async () => {
    // @ts-expect-error a year is a number (`npm run typecheck` fails if this compiles)
    const overrides: RenderRequest['overrides'] = { since: '2020' };
    await expect(renderDatabase(database, { format: 'text', overrides })).rejects.toThrow(
      /^overrides\.since: "2020" is invalid\./,
    );
  });

  it('reads the words of --since, --until and --limit as numbers, as the library takes them', () => {
    const result = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'csl-json',
      '--since',
      '2023',
      '--until',
      '2025',
      '--limit',
      '02',
      '--group-by',
      'none',
    ]);
    expect(result.status).toBe(0);
    const years = (JSON.parse(result.stdout) as { issued: { 'date-parts': number[][] } }[]).map(
      (item) => item.issued['date-parts'][0]?.[0],
    );
    expect(years).toHaveLength(2);
    for (const year of years) expect(year).toSatisfy((y: number) => y >= 2023 && y <= 2025);
  });

  it('takes good overrides as they are: limit 3 prints three papers', async () => {
    const { content } = await renderDatabase(database, {
      format: 'csl-json',
      overrides: { limit: 3, since: 2022, group_by: 'none', types: ['conference', 'journal'] },
    });
    const items = JSON.parse(String(content)) as { issued: { 'date-parts': number[][] } }[];
    expect(items).toHaveLength(3);
    for (const item of items)
      expect(item.issued['date-parts'][0]?.[0]).toBeGreaterThanOrEqual(2022);
  });

  it('refuses a since after the database’s until, naming where the until is', async () => {
    const file = withRender('  until: 2020\n');
    const loaded = await loadDatabase(file);
    await expect(
      renderDatabase(loaded.database, { format: 'text', overrides: { since: 2025 } }),
    ).rejects.toThrow(
      `overrides.since: 2025 is after until 2020 (render.until in ${file}), so no paper can match`,
    );
  });

  it('buildOutputs refuses wrong overrides and writes nothing', async () => {
    const outDir = scratch();
    const loaded = await loadDatabase(DEFAULT_DB);
    await expect(
      buildOutputs(loaded, {
        outDir,
        overrides: { numbering: 'desc' } as unknown as RenderRequest['overrides'],
      }),
    ).rejects.toThrow(/^overrides\.numbering: "desc" is invalid\./);
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('output options given from code', () => {
  it.each([
    [
      'markdown',
      { flags: { 'pdf-theme': 'modern' } },
      'output.flags.pdf-theme: only pdf takes it, not markdown',
    ],
    [
      'latex',
      { flags: { 'latex-heading': 'sectoin' } },
      'output.flags.latex-heading: "sectoin" is invalid. Allowed choices are section, subsection, subsubsection, paragraph (did you mean `section`?).',
    ],
    [
      'latex',
      { flags: { 'latex-headng': 'section' } },
      'output.flags.latex-headng: latex has no such option (did you mean `latex-heading`?)',
    ],
    [
      'bibtex',
      { standalone: true },
      'output.standalone: only markdown, html, text, latex take it; bibtex has no templates',
    ],
    ['html', { standalone: 'yes' }, 'output.standalone: "yes" is invalid. Expected true or false.'],
    [
      'html',
      { templateDir: 'mine' },
      'output.templateDir: no such option (did you mean `templatesDir`?)',
    ],
  ])('%s refuses %j', async (format, output, message) => {
    const error = await refusal({ format, output: output as RenderRequest['output'] });
    expect(error.message).toBe(message);
  });
});

describe('the command line', () => {
  it.each([
    ['0', "error: option '--limit <n>' argument '0' is invalid. Expected a positive whole number."],
    [
      '-1',
      "error: option '--limit <n>' argument '-1' is invalid. Expected a positive whole number.",
    ],
  ])('refuses --limit %s, exit 2', (limit, message) => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--limit', limit]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(message);
  });

  it.each([
    [
      '--topics',
      '',
      "error: option '--topics <a,b>' argument '' is invalid. Expected at least one topic key.",
    ],
    [
      '--types',
      ' , ',
      "error: option '--types <a,b>' argument ' , ' is invalid. Expected at least one paper type.",
    ],
    // Three letters are one edit from a suggestion at most: "foo" is not "book".
    [
      '--types',
      'foo',
      `error: option '--types <a,b>' argument 'foo' is invalid. Unknown type "foo"; types: ${PAPER_TYPES.join(', ')}.`,
    ],
  ])(
    'refuses %s %j, which would select every paper or suggest another word, exit 2',
    (flag, value, message) => {
      const result = runCli(['render', DEFAULT_DB, '-f', 'text', flag, value]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toBe(message);
    },
  );

  it('refuses an impossible year range, exit 2, instead of printing nothing', () => {
    const result = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'text',
      '--since',
      '2025',
      '--until',
      '2020',
    ]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error: --until: 2020 is before since 2025, so no paper can match\n',
    );
  });

  it('refuses a --since after the database’s until, in render and in build, writing nothing', () => {
    const file = withRender('  until: 2020\n');
    const message = `error: --since: 2025 is after until 2020 (render.until in ${file}), so no paper can match\n`;
    const render = runCli(['render', file, '-f', 'text', '--since', '2025']);
    expect(render.status).toBe(2);
    expect(render.stderr).toBe(message);
    const outDir = scratch();
    const build = runCli(['build', file, '--since', '2025', '-d', outDir]);
    expect(build.status).toBe(2);
    expect(build.stderr).toBe(message);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('refuses a --until before an output’s since, naming the output', () => {
    const file = withRender('  outputs:\n    - format: markdown\n      since: 2023\n');
    const result = runCli(['build', file, '--until', '2021', '-d', scratch()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: --until: 2021 is before since 2023 (render.outputs[0].since in ${file}), so no paper can match\n`,
    );
  });

  it('refuses an empty --out-dir, which would write into the working folder, naming the flag', () => {
    const cwd = scratch();
    const result = runCli(['build', DEFAULT_DB, '--out-dir', ''], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: --out-dir: "" is invalid. Expected the folder to write into, such as out.\n',
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a mark longer than the database may hold', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--equal-mark', '(equal)+++']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      "error: option '--equal-mark <mark>' argument '(equal)+++' is invalid. A mark has at most 8 characters as a reader sees them (an emoji with its skin tone, or a family of joined emoji, is one), and this one has 10.",
    );
  });

  it('counts a mark in characters as a reader sees them, the flag as the database does', () => {
    /** A database whose first author contributed equally, with `render` lines (line 3 on). */
    const database = (render: string) => {
      const file = join(scratch(), 'papers.yaml');
      writeFileSync(
        file,
        `owner: {name: Ada Lovelace}\nrender:\n${render}  style: apa\npapers:\n  - {id: a, type: report, title: Notes, date: 1843, authors: [{name: Ada Lovelace, equal: true}, {name: Charles Babbage, equal: true}]}\n`,
      );
      return file;
    };
    const family = '👨‍👩‍👧';
    const mark = family.repeat(8);
    const flag = runCli(['render', database(''), '-f', 'text', '--equal-mark', mark]);
    expect(flag.stderr).toBe('');
    expect(flag.stdout).toContain(`Lovelace, A.${mark}, & Babbage, C.${mark} (1843). Notes.`);
    const file = database(`  equal_mark: "${mark}"\n`);
    expect(runCli(['validate', file]).status).toBe(0);
    expect(runCli(['render', file, '-f', 'text']).stdout).toBe(flag.stdout);

    const tooLong = `${mark}👍🏽`;
    // One reason, in the same words, from the flag and from the database.
    const reason =
      'A mark has at most 8 characters as a reader sees them (an emoji with its skin tone, or a family of joined emoji, is one), and this one has 9.';
    const refused = runCli(['render', database(''), '-f', 'text', '--equal-mark', tooLong]);
    expect(refused.status).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe(
      `error: option '--equal-mark <mark>' argument '${tooLong}' is invalid. ${reason}`,
    );
    const refusing = database(`  corresponding_mark: "${tooLong}"\n`);
    const validate = runCli(['validate', refusing]);
    expect(validate.status).toBe(1);
    expect(validate.stderr.split('\n')[0]).toBe(
      `${refusing}:3:23: render.corresponding_mark: "${tooLong}" is invalid. ${reason}`,
    );
  });
});

describe('the database’s own year range', () => {
  it('is checked across render and an output that leaves one year out: exit 1, at its place', () => {
    const file = withRender(
      '  since: 2025\n  outputs:\n    - format: markdown\n      until: 2020\n',
    );
    const result = runCli(['validate', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${file}:21:14: render.outputs[0].until: until 2020 is before render.since 2025 (no paper can be in that range; swap the years or leave one out)\n1 problem\n`,
    );
  });
});

describe('a setting given wrong, in the database, as a flag and from code', () => {
  const LOCALES = Object.keys(bundledLocales()).sort();

  interface Mistake {
    /** The setting as the file writes it. */
    written: string;
    /** Its value as the messages show it. */
    shown: string;
    /** The flag as commander names it, and the word given it. */
    flag: [string, string];
    /** The value as code gives it. */
    given: unknown;
    reason: string;
  }
  const mistakes: Mistake[] = [
    {
      written: 'since: 20',
      shown: '20',
      flag: ['--since <year>', '20'],
      given: 20,
      reason: 'Expected a four-digit year.',
    },
    {
      written: 'until: 99999',
      shown: '99999',
      flag: ['--until <year>', '99999'],
      given: 99999,
      reason: 'Expected a four-digit year.',
    },
    { written: 'limit: 0', shown: '0', flag: ['--limit <n>', '0'], given: 0, reason: POSITIVE },
    {
      written: 'limit: 2.5',
      shown: '2.5',
      flag: ['--limit <n>', '2.5'],
      given: 2.5,
      reason: POSITIVE,
    },
    {
      written: 'style: " "',
      shown: '" "',
      flag: ['--style <name|path>', ' '],
      given: ' ',
      reason: 'Expected a style name (apa, ieee, ...) or a .csl file.',
    },
    {
      written: 'locale: ""',
      shown: '""',
      flag: ['--locale <xx-XX>', ''],
      given: '',
      reason: 'Expected a locale such as en-US.',
    },
    {
      written: 'group_by: years',
      shown: '"years"',
      flag: ['--group-by <key>', 'years'],
      given: 'years',
      reason: `${CHOICES_OF_GROUP_BY} (did you mean \`year\`?).`,
    },
    {
      written: 'order: descending',
      shown: '"descending"',
      flag: ['--order <dir>', 'descending'],
      given: 'descending',
      reason: 'Allowed choices are asc, desc (did you mean `desc`?).',
    },
    {
      written: 'highlight: underlined',
      shown: '"underlined"',
      flag: ['--highlight <how>', 'underlined'],
      given: 'underlined',
      reason: 'Allowed choices are bold, underline (did you mean `underline`?).',
    },
    {
      written: 'topics: []',
      shown: '[]',
      flag: ['--topics <a,b>', ''],
      given: [],
      reason: 'Expected at least one topic key.',
    },
  ];

  it.each(mistakes)(
    '$written is refused for the same reason by validate (in render and an output), the flag and code',
    async ({ written, shown, flag: [flag, word], given, reason }) => {
      const key = written.slice(0, written.indexOf(':'));
      const file = withRender(`  ${written}\n  outputs:\n    - format: text\n      ${written}\n`);
      const validate = runCli(['validate', file]);
      expect(validate.status).toBe(1);
      expect(validate.stderr).toBe(
        `${file}:18:${key.length + 5}: render.${key}: ${shown} is invalid. ${reason}\n` +
          `${file}:21:${key.length + 9}: render.outputs[0].${key}: ${shown} is invalid. ${reason}\n` +
          '2 problems\n',
      );
      const byFlag = runCli(['render', DEFAULT_DB, '-f', 'text', flag.split(' ')[0] ?? '', word]);
      expect(byFlag.status).toBe(2);
      expect(byFlag.stderr.split('\n')[0]).toBe(
        `error: option '${flag}' argument '${word}' is invalid. ${reason}`,
      );
      const error = await refusal({ overrides: { [key]: given } as RenderRequest['overrides'] });
      expect(error.message).toBe(`overrides.${key}: ${shown} is invalid. ${reason}`);
    },
  );

  it('a type there is none of is said at its item in the file, for the reason the flag and code give', async () => {
    const reason = `Unknown type "jurnal" (did you mean \`journal\`?); types: ${PAPER_TYPES.join(', ')}.`;
    const file = withRender(
      '  types: [conference, jurnal]\n  outputs:\n    - format: text\n      types:\n        - jurnal\n',
    );
    const validate = runCli(['validate', file]);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toBe(
      `${file}:18:23: render.types[1]: "jurnal" is invalid. ${reason}\n` +
        `${file}:22:11: render.outputs[0].types[0]: "jurnal" is invalid. ${reason}\n` +
        '2 problems\n',
    );
    const byFlag = runCli(['render', DEFAULT_DB, '-f', 'text', '--types', 'conference,jurnal']);
    expect(byFlag.status).toBe(2);
    expect(byFlag.stderr.split('\n')[0]).toBe(
      `error: option '--types <a,b>' argument 'conference,jurnal' is invalid. ${reason}`,
    );
    const overrides = { types: ['jurnal'] } as unknown as RenderRequest['overrides'];
    const error = await refusal({ overrides });
    expect(error.message).toBe(`overrides.types: ["jurnal"] is invalid. ${reason}`);
  });

  it.each([
    [
      'style',
      'apaa',
      'unknown style "apaa" (did you mean apa, apa-cv, apa-eu? `publist styles apaa` lists the styles that match)',
    ],
    [
      'style',
      './nope.csl',
      'style file "./nope.csl" does not exist (a relative path is read from the working folder, then from the database’s folder)',
    ],
    [
      'locale',
      'en-UK',
      `unknown locale "en-UK"; did you mean en-GB, en-US? (locales: ${LOCALES.join(', ')})`,
    ],
  ])(
    '%s %s that names none there is has the same reason in the file, the flag and code',
    async (key, value, reason) => {
      const file = withRender(`  ${key}: ${value}\n`);
      const validate = runCli(['validate', file]);
      expect(validate.status).toBe(1);
      expect(validate.stderr.split('\n')[0]).toBe(
        `${file}:18:${key.length + 5}: render.${key}: ${reason}`,
      );
      const byFlag = runCli(['render', DEFAULT_DB, '-f', 'text', `--${key}`, value]);
      expect(byFlag.status).toBe(2);
      expect(byFlag.stderr).toBe(`error: --${key}: ${reason}\n`);
      const error = await refusal({ overrides: { [key]: value } });
      expect(error.message).toBe(`overrides.${key}: ${reason}`);
    },
  );
});

describe('a format’s own option, from the database, the command line and code', () => {
  const reason =
    '"sectoin" is invalid. Allowed choices are section, subsection, subsubsection, paragraph (did you mean `section`?).';

  it('is refused in the same words by validate (exit 1, at its place), the flag (exit 2) and renderDatabase', async () => {
    const file = withRender(
      '  outputs:\n    - format: latex\n      options:\n        latex-heading: sectoin\n',
    );
    const validate = runCli(['validate', file]);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toBe(
      `${file}:21:24: render.outputs[0].options.latex-heading: ${reason}\n1 problem\n`,
    );
    const flag = runCli(['render', DEFAULT_DB, '-f', 'latex', '--latex-heading', 'sectoin']);
    expect(flag.status).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe(
      `error: option '--latex-heading <value>' argument 'sectoin' is invalid. ${reason.replace(/^"sectoin" is invalid\. /, '')}`,
    );
    const error = await refusal({
      format: 'latex',
      output: { flags: { 'latex-heading': 'sectoin' } },
    });
    expect(error.message).toBe(`output.flags.latex-heading: ${reason}`);
  });

  it('of another format is refused in the same words everywhere', async () => {
    const file = withRender(
      '  outputs:\n    - format: markdown\n      options:\n        pdf-theme: modern\n',
    );
    const validate = runCli(['validate', file]);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toBe(
      `${file}:21:9: render.outputs[0].options.pdf-theme: only pdf takes it, not markdown\n1 problem\n`,
    );
    const flag = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--pdf-theme', 'modern']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toBe('error: --pdf-theme: only pdf takes it, not markdown\n');
    const error = await refusal({
      format: 'markdown',
      output: { flags: { 'pdf-theme': 'modern' } },
    });
    expect(error.message).toBe('output.flags.pdf-theme: only pdf takes it, not markdown');
  });

  it('that is not text is said once, by the option’s rule', () => {
    const file = withRender(
      '  outputs:\n    - format: pdf\n      options:\n        pdf-theme: 3\n',
    );
    const validate = runCli(['validate', file]);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toBe(
      `${file}:21:20: render.outputs[0].options.pdf-theme: 3 is invalid. Allowed choices are classic, modern.\n1 problem\n`,
    );
  });
});

describe('the library’s own options', () => {
  it('resolveSettings checks every layer as overrides are, and lets a render section’s outputs through', () => {
    expect(resolveSettings(database.render, { group_by: 'topic' }).group_by).toBe('topic');
    const refused = (...layers: unknown[]) => {
      try {
        resolveSettings(...(layers as Partial<RenderOptions>[]));
      } catch (error) {
        expect(error).toBeInstanceOf(OptionError);
        return (error as OptionError).message;
      }
      throw new Error('resolveSettings took them');
    };
    expect(refused(database.render, { groupBy: 'topic', since: '2020' })).toBe(
      'layers[1].groupBy: no such setting (did you mean `group_by`?)\n' +
        'layers[1].since: "2020" is invalid. Expected a four-digit year (give it as a number, 2020, not as text).',
    );
    expect(refused({ limit: 0 }, 'apa')).toBe(
      `layers[0].limit: 0 is invalid. ${POSITIVE}\n` +
        'layers[1]: expected an object of settings, such as { since: 2020 }',
    );
  });

  it('resolveSettings says where a missing style file was looked for: no database, no database folder', () => {
    expect(() => resolveSettings({ style: 'no-such-style.csl' })).toThrow(
      new OptionError([
        {
          option: 'layers[0].style',
          message:
            'style file "no-such-style.csl" does not exist; a relative path is read from the working folder',
        },
      ]),
    );
  });

  it('resolveSettings takes an output spec with every key the schema gives one', () => {
    const spec: Required<Pick<OutputSpec, OutputSpecKey>> = {
      format: 'html',
      file: 'list.html',
      standalone: true,
      template: 'standalone',
      templates: 'mine',
      options: {},
    };
    expect(resolveSettings(database.render, { ...spec, group_by: 'topic' }).group_by).toBe('topic');
  });

  it('renderDatabase refuses a misspelt or wrong field of its request', async () => {
    const error = await refusal({
      overides: { since: 2020 },
      warn: 'loud',
    } as unknown as RenderRequest);
    expect(error.message).toBe(
      'warn: "loud" is invalid. Expected a function.\noverides: no such option (did you mean `overrides`?)',
    );
    await expect(renderDatabase(database, {} as RenderRequest)).rejects.toThrow(
      /^format: missing; formats: pdf, markdown, /,
    );
    await expect(renderDatabase(database, { format: 'markdwn' })).rejects.toThrow(
      /^format: unknown format "markdwn"; did you mean markdown/,
    );
  });

  it('names every wrong argument of one call at once: the database’s, the request’s, its output’s', async () => {
    const error = await refusal(
      {
        format: 'latex',
        overrides: { limit: '5' },
        output: { flags: { 'latex-heading': 'sectoin' } },
      } as unknown as RenderRequest,
      { ...database, render: { order: 'descending' } } as unknown as Database,
    );
    expect(error.message.split('\n')).toEqual([
      'overrides.limit: "5" is invalid. Expected a positive whole number (give it as a number, 5, not as text).',
      'output.flags.latex-heading: "sectoin" is invalid. Allowed choices are section, subsection, subsubsection, paragraph (did you mean `section`?).',
      'database.render.order: "descending" is invalid. Allowed choices are asc, desc (did you mean `desc`?).',
    ]);
  });

  it.each([
    [
      { outdir: 'x' },
      "outdir: no such option (did you mean `outDir`?)\noutDir: missing; give the folder to write into, such as 'out'",
    ],
    [{ outDir: '' }, 'outDir: "" is invalid. Expected the folder to write into, such as out.'],
    [{ outDir: 'x', check: 'yes' }, 'check: "yes" is invalid. Expected true or false.'],
    [{ outDir: 'x', onOutput: true }, 'onOutput: true is invalid. Expected a function.'],
    ['out', "options: expected an object such as { outDir: 'out' }"],
  ])('buildOutputs refuses %j and writes nothing', async (options, message) => {
    const cwd = process.cwd();
    const folder = scratch();
    process.chdir(folder);
    try {
      const loaded = await loadDatabase(DEFAULT_DB);
      const error = await buildOutputs(loaded, options as unknown as BuildOptions).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OptionError);
      expect((error as OptionError).message).toBe(message);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('what the library is given to read and build', () => {
  it('loadDatabase refuses a path that is no text, naming the argument', async () => {
    await expect(loadDatabase(undefined as unknown as string)).rejects.toThrow(
      new OptionError([
        {
          option: 'file',
          message:
            'undefined is invalid. Expected the path of a database, such as data/papers.yaml.',
        },
      ]),
    );
  });

  it('buildOutputs refuses the database itself where loadDatabase’s answer belongs', async () => {
    const outDir = scratch();
    await expect(buildOutputs(database as unknown as LoadedDatabase, { outDir })).rejects.toThrow(
      'loaded: expected what loadDatabase gives, { database, source, warnings }, not the database itself',
    );
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('a database built in code', () => {
  const built = (render: Record<string, unknown>): Database =>
    ({ ...database, render }) as unknown as Database;

  it('has its settings checked as overrides are, named where they are in it', async () => {
    const error = await refusal({}, built({ group_by: 'years', outputs: [] }));
    expect(error).toBeInstanceOf(OptionError);
    expect(error.message).toBe(
      `database.render.group_by: "years" is invalid. ${CHOICES_OF_GROUP_BY} (did you mean \`year\`?).`,
    );
  });

  it('with a year range no paper can be in is refused, saying how to fix it', async () => {
    const error = await refusal({}, built({ since: 2025, until: 2020 }));
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).problems).toEqual([
      {
        option: 'database.render.until',
        message:
          '2020 is before since 2025, so no paper can match (swap the years or leave one out)',
      },
    ]);
  });

  it('whose output has every key the schema gives one is built', async () => {
    const outDir = scratch();
    const templates = scratch();
    const loaded = await loadDatabase(DEFAULT_DB);
    const spec: Required<Pick<OutputSpec, OutputSpecKey>> = {
      format: 'html',
      file: 'list.html',
      standalone: true,
      template: 'standalone',
      templates,
      options: {},
    };
    const database = built({ outputs: [{ ...spec, since: 2024 }] });
    expect(await buildOutputs({ ...loaded, database }, { outDir, warn: () => undefined })).toEqual([
      join(outDir, 'list.html'),
    ]);
  });

  it.each([
    [
      { format: 'latex', options: { 'latex-heading': 'sectoin' } },
      'database.render.outputs[0].options.latex-heading: "sectoin" is invalid. Allowed choices are section, subsection, subsubsection, paragraph (did you mean `section`?).',
    ],
    [
      { format: 'markdown', options: { 'pdf-theme': 'modern' } },
      'database.render.outputs[0].options.pdf-theme: only pdf takes it, not markdown',
    ],
    [
      { format: 'latex', options: { 'latex-headng': 'section' } },
      'database.render.outputs[0].options.latex-headng: latex has no such option (did you mean `latex-heading`?)',
    ],
    [
      { format: 'bibtex', standalone: true },
      'database.render.outputs[0].standalone: only markdown, html, text, latex take it; bibtex has no templates',
    ],
    [
      { format: 'markdwn' },
      'database.render.outputs[0].format: unknown format "markdwn"; did you mean markdown or latex? (formats: pdf, markdown, html, text, latex, bibtex, biblatex, csl-json)',
    ],
    [
      { format: 'latex', option: { 'latex-heading': 'section' } },
      'database.render.outputs[0].option: no such setting (did you mean `options`?)',
    ],
    [
      { format: 'latex', optons: { 'latex-heading': 'section' } },
      'database.render.outputs[0].optons: no such setting (did you mean `options`?)',
    ],
    [
      { format: 'html', templat: 'standalone' },
      'database.render.outputs[0].templat: no such setting (did you mean `template`?)',
    ],
    [
      { format: 'html', options: 'fancy' },
      'database.render.outputs[0].options: expected an object of format options',
    ],
    [
      { format: 'html', file: 7 },
      'database.render.outputs[0].file: 7 is invalid. Expected a file name such as cv.pdf.',
    ],
  ])(
    'whose output %j is refused by buildOutputs, named where it is in the database, writing nothing',
    async (spec, message) => {
      const outDir = scratch();
      const loaded = await loadDatabase(DEFAULT_DB);
      const database = built({ outputs: [spec] });
      const error = await buildOutputs({ ...loaded, database }, { outDir }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OptionError);
      expect((error as OptionError).message).toBe(message);
      expect(readdirSync(outDir)).toEqual([]);
    },
  );

  it('whose output leaves no year is refused by buildOutputs, naming the output, writing nothing', async () => {
    const outDir = scratch();
    const loaded = await loadDatabase(DEFAULT_DB);
    const database = built({ since: 2025, outputs: [{ format: 'markdown', until: 2020 }] });
    await expect(buildOutputs({ ...loaded, database }, { outDir })).rejects.toThrow(
      'database.render.outputs[0].until: 2020 is before render.since 2025, so no paper can match (swap the years or leave one out)',
    );
    expect(readdirSync(outDir)).toEqual([]);
  });
});
