/** `publist render` in every named style, read back as a user sees it. */
import MarkdownIt from 'markdown-it';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, ROOT, runCli } from './support/cli.js';
import { NAMED_STYLES } from './support/styles.js';

const markdown = new MarkdownIt();

function strongRuns(source: string): string[] {
  const inline = markdown.parse(source, {}).flatMap((token) => token.children ?? []);
  return inline
    .map((token, index) => (token.type === 'strong_open' ? inline[index + 1]?.content : null))
    .filter((content): content is string => typeof content === 'string');
}

describe('publist render --format markdown --style S', () => {
  for (const style of NAMED_STYLES) {
    it(`${style}: the owner bold in the 19 papers that name them, nothing else bold`, () => {
      const result = runCli(['render', DEFAULT_DB, '--format', 'markdown', '--style', style]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const strong = strongRuns(result.stdout);
      expect(strong).toHaveLength(19);
      // Whatever form the style prints: "Liao, B.", "B. Liao", "Liao B", "Baohao Liao".
      for (const name of strong) expect(name).toMatch(/^(Liao,? B(aohao|\.)?|B(aohao|\.) Liao)$/);
      const bode = result.stdout.split('\n').find((line) => line.includes('Bode'));
      expect(bode).toMatch(/et al\./);
      expect(result.stdout).not.toContain('———');
    });
  }
});

describe('clean punctuation in every named style', () => {
  for (const style of NAMED_STYLES) {
    it(`${style}: no doubled punctuation, a preprint's arXiv said once`, () => {
      const result = runCli(['render', DEFAULT_DB, '--format', 'text', '--style', style]);
      expect(result.status).toBe(0);
      const entries = result.stdout.split('\n').filter((line) => /^\[\d+\] /.test(line));
      expect(entries).toHaveLength(20);
      for (const entry of entries) {
        expect(entry).not.toMatch(/\. \.|, ,|\.\.|,\./);
        expect(entry).not.toMatch(/arXiv:?\s*arXiv/i);
        expect(entry.match(/arXiv:(?!\/)/g)?.length ?? 0).toBeLessThanOrEqual(1);
      }
      // The preprint listed first: its id printed once by the styles that print it at all.
      const preprint = entries.find((line) => line.includes('LiveMathematicianBench'));
      const ids = preprint?.replace(/https:\/\/arxiv\.org\/abs\/2604\.01754/g, '') ?? '';
      expect(ids.match(/2604\.01754/g)?.length ?? 0).toBeLessThanOrEqual(1);
    });
  }

  it('ieee prints a preprint as "arXiv: 2604.01754", ACM a conference paper without ". ."', () => {
    const ieee = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', 'ieee']).stdout;
    expect(ieee).toContain('Apr. 02, 2026, arXiv: 2604.01754. [Online]. Available:');
    const acm = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'text',
      '--style',
      'association-for-computing-machinery',
    ]).stdout;
    expect(acm).toContain(
      'Finetuning. In ACL 2025, March 17, 2025. arXiv: https://arxiv.org/abs/2503.13089',
    );
  });
});

describe('a title that ends with its own mark', () => {
  it('takes no comma after it inside the quotes (IEEE: “Complete?” in, not “Complete?,” in)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-marks-'));
    const database = join(folder, 'papers.yaml');
    writeFileSync(
      database,
      [
        'owner: { name: Ada Lovelace }',
        'papers:',
        '  - { id: q, type: journal, title: Should Proofs Be Considered Complete?, authors: [Ada Lovelace], venue: Memoirs, date: 1843 }',
        '  - { id: p, type: journal, title: A Meta-analysis., authors: [Ada Lovelace], venue: Memoirs, date: 1844 }',
        "  - { id: u, type: conference, title: 'Wow!', authors: [Ada Lovelace], venue: Proc. of Things, date: 1845 }",
        // A comma the title itself puts inside its quotes stays, as pandoc keeps it.
        `  - { id: h, type: journal, title: 'Say "Hi!," and Go', authors: [Ada Lovelace], venue: Memoirs, date: 1846 }`,
      ].join('\n'),
    );
    const ieee = runCli([
      'render',
      database,
      '-f',
      'text',
      '--style',
      'ieee',
      '--numbering',
      'none',
    ]);
    expect(ieee.stdout.split('\n').filter((line) => line.includes('“'))).toEqual([
      'A. Lovelace, “Say ‘Hi!,’ and Go,” Memoirs, 1846.',
      'A. Lovelace, “Wow!” in Proc. of Things, 1845.',
      'A. Lovelace, “A Meta-analysis.” Memoirs, 1844.',
      'A. Lovelace, “Should Proofs Be Considered Complete?” Memoirs, 1843.',
    ]);
  });

  it('that ends with a comma of its own takes no comma or full stop of the style’s after it, as in pandoc', () => {
    const database = join(mkdtempSync(join(tmpdir(), 'publist-marks-')), 'papers.yaml');
    writeFileSync(
      database,
      [
        'owner: { name: Ada Lovelace }',
        'papers:',
        `  - { id: n, type: journal, title: Plain, authors: [Ada Lovelace], venue: 'Journal "Now!,"', volume: '3', date: 1850 }`,
        `  - { id: e, type: journal, title: 'Ends "Hi!,"', authors: [Ada Lovelace], venue: Memoirs, volume: '3', date: 1849 }`,
      ].join('\n'),
    );
    const line = (style: string, title = 'Plain') =>
      runCli(['render', database, '-f', 'text', '--style', style, '--numbering', 'none'])
        .stdout.split('\n')
        .find((text) => text.includes(title));
    expect(line('ieee')).toBe('A. Lovelace, “Plain,” Journal “Now!,” vol. 3, 1850.');
    expect(line('apa')).toBe('Lovelace, A. (1850). Plain. Journal “Now!,” 3.');
    expect(line('harvard-cite-them-right')).toBe('Lovelace, A. (1850) ‘Plain’, Journal ‘Now!,’ 3.');
    // The style's full stop after a title that ends so ("Hi!,." before).
    expect(line('apa', 'Ends')).toBe('Lovelace, A. (1849). Ends “Hi!,” Memoirs, 3.');
    expect(line('modern-language-association', 'Ends')).toBe(
      'Lovelace, Ada. “Ends ‘Hi!,’” Memoirs, vol. 3, 1849.',
    );
  });
});

describe('page ranges', () => {
  it('chicago-author-date prints 20996–21020 as 20996–1020, as pandoc does (citeproc-js: 20996–20)', () => {
    const chicago = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', 'chicago-author-date']);
    expect(chicago.stdout).toContain('(EMNLP 2024), 20996–1020. https://doi.org/');
  });
});

describe('grouping by topic', () => {
  it('heads each topic with its label and lists its papers', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--group-by', 'topic']);
    const tokens = markdown.parse(result.stdout, {});
    const groups: [string, number][] = [];
    tokens.forEach((token, index) => {
      if (token.type === 'heading_open') groups.push([tokens[index + 1]?.content ?? '', 0]);
      // Each numbered entry is a paragraph that starts with its number.
      if (token.type === 'inline' && /^\\\[\d+\\\] /.test(token.content)) {
        const current = groups[groups.length - 1];
        if (current) current[1]++;
      }
    });
    expect(groups).toEqual([
      ['Computation and Language', 13],
      ['Machine Learning', 5],
      ['Computer Vision', 1],
      ['Fluid Dynamics', 1],
    ]);
  });
});

describe('style names', () => {
  it('are read without regard to case, in a flag as in the database', () => {
    const text = (style: string) =>
      runCli(['render', DEFAULT_DB, '-f', 'text', '--style', style, '--limit', '3']);
    const lower = text('vancouver');
    expect(lower.status).toBe(0);
    for (const written of ['Vancouver', 'VANCOUVER']) {
      const result = text(written);
      expect(result.status, written).toBe(0);
      expect(result.stdout, written).toBe(lower.stdout);
    }
    const database = join(mkdtempSync(join(tmpdir(), 'publist-style-case-')), 'papers.yaml');
    writeFileSync(
      database,
      readFileSync(DEFAULT_DB, 'utf8').replace(/^ {2}style: ieee$/m, '  style: Vancouver'),
    );
    expect(runCli(['validate', database]).status).toBe(0);
    const fromDatabase = runCli(['render', database, '-f', 'text', '--limit', '3']);
    expect(fromDatabase.stdout).toBe(lower.stdout);
  });
});

describe('a style name written as a file', () => {
  it('says the style of that name is there, on the command line and in the database', () => {
    const flag = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', 'nature.csl']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toBe(
      'error: --style: style file "nature.csl" does not exist (publist has the style `nature`: give its name, without .csl)\n',
    );
    const database = join(mkdtempSync(join(tmpdir(), 'publist-style-file-')), 'papers.yaml');
    writeFileSync(
      database,
      readFileSync(DEFAULT_DB, 'utf8').replace(/^ {2}style: ieee$/m, '  style: vancouver.csl'),
    );
    const checked = runCli(['validate', database]);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain(
      'render.style: style file "vancouver.csl" does not exist (publist has the style `vancouver`: give its name, without .csl)',
    );
    const elsewhere = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', 'styles/nature.csl']);
    expect(elsewhere.stderr).toContain('a relative path is read from the working folder');
  });
});

describe('style errors', () => {
  it('exits 2 for an unknown style, naming close matches', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--style', 'ieee-transactionz']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown style "ieee-transactionz"');
    expect(result.stderr).toMatch(/did you mean ieee-transactions-on-/);
    expect(result.stdout).toBe('');
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'treats "%s" as any unknown style name, not as a property of the style index',
    (asked) => {
      const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', asked]);
      expect(result.status).toBe(2);
      // One line, ending as every unknown style's does: no stack trace, no property of the index.
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: --style: unknown style "${asked}" \\([^\\n]*\`publist styles[^\\n]* that match\\)\\n$`,
        ),
      );
    },
  );

  it('suggests nothing for a name no style resembles, and says how to list them', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', 'zzzqqq']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: --style: unknown style "zzzqqq" (`publist styles` lists the styles there are, `publist styles WORD` those that match)\n',
    );
  });

  it.each([
    ['chicago', 'chicago-author-date'],
    ['mla', 'modern-language-association'],
    ['acl', 'association-for-computational-linguistics'],
    ['chicgo', 'chicago-author-date'],
    ['harvard', 'harvard-cite-them-right'],
  ])('suggests what "%s" begins, abbreviates or misspells first: %s', (asked, meant) => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--style', asked]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `error: --style: unknown style "${asked}" (did you mean ${meant}`,
    );
  });

  it('suggests styles when `publist styles` finds none, and exits 1', () => {
    const result = runCli(['styles', 'chicgo']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'no installed style matches "chicgo"; did you mean chicago-author-date, chicago-figures, chicago-library-list?\n',
    );
    expect(runCli(['styles', 'acl']).stderr).toBe(
      'no installed style matches "acl"; did you mean association-for-computational-linguistics?\n',
    );
    expect(runCli(['styles', 'chicago', 'autor']).stderr).toBe(
      'no installed style matches "chicago autor"; did you mean chicago-author-date?\n',
    );
  });

  it('suggests nothing when no style resembles the query', () => {
    const result = runCli(['styles', 'zzzqqq']);
    expect(result).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'no installed style matches "zzzqqq"\n',
    });
  });

  it('exits 2 for an unknown locale, listing the locales there are', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--locale', 'xx-XX']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    // Nothing is close to xx-XX: no arbitrary suggestion, the list to choose from.
    expect(result.stderr).toMatch(
      /^error: --locale: unknown locale "xx-XX" \(locales: af-ZA, .*en-GB, en-US, .*\)$/m,
    );
  });

  it('names the close matches of an unknown locale: same language, language name, typo', () => {
    for (const [asked, meant] of <[string, string][]>[
      ['en-UK', 'en-GB, en-US'],
      ['pt-XX', 'pt-BR, pt-PT'],
      ['german', 'de-AT, de-CH, de-DE'],
      ['Deutsch', 'de-AT, de-CH, de-DE'],
      ['ed-DE', 'de-DE'],
    ]) {
      const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--locale', asked]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `error: --locale: unknown locale "${asked}"; did you mean ${meant}?`,
      );
    }
  });

  it('takes a POSIX spelling of a locale (en_GB)', () => {
    const result = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'text',
      '--locale',
      'en_GB',
      '--limit',
      '1',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('a malformed .csl file', () => {
  const minimal = readFileSync(join(ROOT, 'test', 'fixtures', 'minimal.csl'), 'utf8');

  /** A folder holding papers.yaml (whose `render:` may name a style) and bad.csl. */
  function withStyle(csl: string, render = '{}'): string {
    const folder = mkdtempSync(join(tmpdir(), 'publist-badcsl-'));
    writeFileSync(join(folder, 'bad.csl'), csl);
    writeFileSync(
      join(folder, 'papers.yaml'),
      [
        'owner: { name: Ada Lovelace }',
        `render: ${render}`,
        'papers:',
        '  - { id: a, type: journal, title: On Engines, authors: [Ada Lovelace], date: 1843 }',
        '',
      ].join('\n'),
    );
    return folder;
  }

  const render = (folder: string, ...args: string[]) =>
    runCli(['render', 'papers.yaml', '-f', 'text', ...args], { cwd: folder });

  it('that is not well-formed XML: bad.csl:LINE:COL and what the XML parser found, exit 1', () => {
    const folder = withStyle(minimal.replace('</info>', ''));
    const result = render(folder, '--style', 'bad.csl');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    // </style> on line 29 comes while <info> is open.
    expect(result.stderr).toMatch(
      /^bad\.csl:29:\d+: not well-formed XML: unexpected close tag: <info> \(line 4\) is not closed$/m,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('that is XML but not a CSL style: says what its root is, exit 1', () => {
    const folder = withStyle('<?xml version="1.0"?>\n<html><body>a page</body></html>\n');
    const result = render(folder, '--style', 'bad.csl');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bad.csl:2:1: not a CSL style: the root element is <html>');
  });

  it('with an element citeproc does not know or an undefined macro: each at its line', () => {
    const folder = withStyle(
      minimal.replace(
        /(<bibliography>[\s\S]*?)<text variable="title"\/>/,
        '$1<txt variable="title"/>\n        <text macro="editors"/>',
      ),
    );
    const result = render(folder, '--style', 'bad.csl');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'bad.csl:22:9: <txt> is not a CSL element (did you mean `text`?)',
    );
    expect(result.stderr).toContain(
      'bad.csl:23:9: <text macro="editors">: the style defines no macro "editors"',
    );
    expect(result.stderr).toContain('2 problems');
    expect(result.stderr).not.toMatch(/citeproc-js error|\n\s+at /);
  });

  it('named by the database: validate reports it in the file, naming the key, exit 1', () => {
    const folder = withStyle(
      minimal.replace('<layout>\n      <group', '<group'),
      '{ style: bad.csl }',
    );
    const result = runCli(['validate', 'papers.yaml'], { cwd: folder });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^bad\.csl:\d+:\d+: .* \(.*named by render\.style at papers\.yaml:2:18\)$/m,
    );
  });
});

const SYSTEM_STYLES = '/usr/share/citation-style-language/styles';

/** Debian's citation-style-language-styles: skipped without it, required in CI. */
function systemStylesInstalled(): boolean {
  const installed = existsSync(join(SYSTEM_STYLES, 'apa.csl'));
  if (!installed && process.env.CI) {
    throw new Error('CI needs citation-style-language-styles: .ci/run installs it');
  }
  return installed;
}

/** Numbered Markdown entries are paragraphs that start with their number. */
function entryLines(output: string): string[] {
  return output.split('\n').filter((line) => /^\\\[\d+\\\] /.test(line));
}

describe('publist styles', () => {
  it('lists the bundled styles that match, with their titles', () => {
    const result = runCli(['styles', 'computational linguistics']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^association-for-computational-linguistics +Association for Computational Linguistics - Conference Proceedings$/m,
    );
    expect(result.stderr).toMatch(/^\d+ styles?; use one with --style NAME$/m);
  });

  it('takes a query of several words, each beginning a word of the name or the title', () => {
    const result = runCli(['styles', 'linguistics', 'computational']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^association-for-computational-linguistics +/m);
    // "computing" does not begin a word of the ACL style, nor "linguistics" of the ACM one.
    expect(runCli(['styles', 'computing', 'linguistics']).stdout).not.toContain(
      'association-for-computational-linguistics',
    );
  });

  it('matches whole-word beginnings: "apa" lists APA styles, not Japanese journals', () => {
    const listed = runCli(['styles', 'apa']).stdout.split('\n').filter(Boolean);
    expect(listed.some((line) => /^apa +/.test(line))).toBe(true);
    expect(listed.filter((line) => /japan/i.test(line))).toEqual([]);
    for (const line of listed) expect(line.toLowerCase()).toMatch(/(^|[^a-z0-9])apa/);
  });

  it('lists the style named exactly as asked first, the others in order of name', () => {
    const listed = runCli(['styles', 'Nature']).stdout.split('\n').filter(Boolean);
    expect(listed[0]).toMatch(/^nature +Nature$/);
    const rest = listed.slice(1).map((line) => line.split(' ')[0] ?? '');
    expect(rest.length).toBeGreaterThan(3);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
  });

  it('ignores accents and case: "francais" finds styles titled "Français"', () => {
    const result = runCli(['styles', 'FRANCAIS']);
    expect(result.stdout).toMatch(/Français/);
  });

  it('says so when nothing matches', () => {
    const result = runCli(['styles', 'no such style anywhere']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('no installed style matches "no such style anywhere"\n');
  });

  describe.runIf(systemStylesInstalled())('with the system styles', () => {
    it('lists dependent styles with the style they use', () => {
      const result = runCli(['styles', 'ieee access']);
      expect(result.stdout).toMatch(/^ieee-access +IEEE Access \(system, uses ieee\)$/m);
    });

    it('takes the words unquoted, in any order, as the README shows', () => {
      for (const words of [
        ['ieee', 'access'],
        ['access', 'ieee'],
      ]) {
        const result = runCli(['styles', ...words]);
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('ieee-access  IEEE Access (system, uses ieee)\n');
        expect(result.stderr).toBe('1 style; use one with --style NAME\n');
      }
    });

    it('renders a dependent system style through its parent', () => {
      const dependent = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--style', 'ieee-access']);
      const parent = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--style', 'ieee']);
      expect(dependent.status).toBe(0);
      expect(entryLines(dependent.stdout)).toEqual(entryLines(parent.stdout));
    });

    it('renders a .csl file given by path', () => {
      const result = runCli([
        'render',
        DEFAULT_DB,
        '-f',
        'markdown',
        '--style',
        join(SYSTEM_STYLES, 'apa.csl'),
      ]);
      expect(result.status).toBe(0);
      expect(strongRuns(result.stdout)).toHaveLength(19);
      expect(result.stdout).toMatch(/\*\*Liao, B\.\*\*, & Monz, C\. \(2024/);
    });
  });
});

describe('--locale', () => {
  it('defaults to the style’s own language, which --locale overrides', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-locale-'));
    const database = join(folder, 'papers.yaml');
    writeFileSync(
      database,
      [
        'owner: { name: Ada Lovelace }',
        'papers:',
        '  - { id: c, type: chapter, title: A Chapter, authors: [Ada Lovelace], editors: [Charles Babbage], venue: The Book, pages: 10-20, date: 2017 }',
        '',
      ].join('\n'),
    );
    const german = runCli(['render', database, '-f', 'text', '--style', 'din-1505-2']);
    expect(german.stdout).toContain('In: Babbage, C. (Hrsg.): The Book');
    const english = runCli([
      'render',
      database,
      '-f',
      'text',
      '--style',
      'din-1505-2',
      '--locale',
      'en-US',
    ]);
    expect(english.stdout).toContain('In: Babbage, C. (ed.): The Book');
  });

  it('prints the style’s terms in that language', () => {
    const german = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'text',
      '--style',
      'ieee',
      '--locale',
      'de-DE',
    ]);
    expect(german.status).toBe(0);
    expect(german.stdout).toContain('B. Liao und C. Monz');
    expect(german.stdout).toContain('B. Liao, u.\u00a0a.');
  });
});

describe('a style the database names', () => {
  it('is checked on load: an unknown one is a located problem, exit 1', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-style-'));
    const database = join(folder, 'papers.yaml');
    writeFileSync(
      database,
      [
        'owner: { name: Ada Lovelace }',
        'render:',
        '  style: ieeee',
        '  outputs:',
        '    - { format: text, locale: xx-XX }',
        'papers: []',
        '',
      ].join('\n'),
    );
    const result = runCli(['validate', database]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${database}:3:10: render.style: unknown style "ieeee" (did you mean ieee`,
    );
    expect(result.stderr).toContain(
      `${database}:5:31: render.outputs[0].locale: unknown locale "xx-XX"`,
    );
  });

  it('names the close matches of an unknown locale in the database, exit 1', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-locale-'));
    const database = join(folder, 'papers.yaml');
    writeFileSync(
      database,
      ['owner: { name: Ada Lovelace }', 'render:', '  locale: en-UK', 'papers: []', ''].join('\n'),
    );
    const result = runCli(['validate', database]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${database}:3:11: render.locale: unknown locale "en-UK"; did you mean en-GB, en-US?`,
    );
  });

  it('reads en_GB and de in the database as the flag reads them', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-locale-'));
    const database = join(folder, 'papers.yaml');
    const papers = readFileSync(DEFAULT_DB, 'utf8').replace(
      /^render:\n/m,
      'render:\n  locale: en_GB\n',
    );
    writeFileSync(database, papers);
    expect(runCli(['validate', database]).status).toBe(0);
    expect(runCli(['render', database, '-f', 'text']).stdout).toBe(
      runCli(['render', DEFAULT_DB, '-f', 'text', '--locale', 'en-GB']).stdout,
    );
  });

  it('says once what is wrong with a locale of the wrong form, naming the close ones', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-locale-'));
    const database = join(folder, 'papers.yaml');
    writeFileSync(
      database,
      [
        'owner: { name: Ada Lovelace }',
        'render:',
        '  locale: english',
        '  outputs: [{ format: text, locale: xx-YY }]',
        'papers: []',
        '',
      ].join('\n'),
    );
    const result = runCli(['validate', database]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.map((line) => line.replace(/ \(locales: .*\)$/, ''))).toEqual([
      `${database}:3:11: render.locale: unknown locale "english"; did you mean en-GB, en-US?`,
      `${database}:4:37: render.outputs[0].locale: unknown locale "xx-YY"`,
      '2 problems',
    ]);
    const flag = runCli(['render', DEFAULT_DB, '-f', 'text', '--locale', 'english']);
    expect(flag.status).toBe(2);
    expect(flag.stderr.trim().split('\n')).toHaveLength(1);
    expect(flag.stderr).toMatch(
      /^error: --locale: unknown locale "english"; did you mean en-GB, en-US\?/,
    );
  });

  it('may be a .csl file next to the database', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-style-'));
    writeFileSync(
      join(folder, 'mine.csl'),
      readFileSync(join(ROOT, 'test', 'fixtures', 'minimal.csl'), 'utf8'),
    );
    writeFileSync(
      join(folder, 'papers.yaml'),
      [
        'owner: { name: Ada Lovelace }',
        'render: { style: mine.csl, numbering: ascending }',
        'papers:',
        '  - { id: a, type: journal, title: On Engines, authors: [Ada Lovelace, Charles Babbage], date: 1843 }',
        '',
      ].join('\n'),
    );
    const result = runCli(['render', join(folder, 'papers.yaml'), '-f', 'markdown']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      '\\[1\\] **LOVELACE, Ada**; BABBAGE, Charles: On Engines (1843)',
    );
  });
});
