/**
 * publist's citation text against a peer: pandoc's citeproc, on the same CSL-JSON and the
 * same CSL file, for data/papers.yaml in APA, IEEE, ACM, Vancouver, Springer LNCS, ACL, Harvard
 * and Nature (styles in which the two agree but for what is listed below), and for page ranges in
 * Chicago author-date (where citeproc-js prints 20996–21020 as "20996–20" and publist
 * corrects it).
 *
 * Differences allowed, each on purpose or explained:
 * - publist's own: `et_al: true` prints the style's "et al.", which CSL-JSON cannot tell
 *   pandoc (its "others" prints as a name in APA), so for such a paper the author list is
 *   not compared, only what follows it; the owner
 *   kept visible by cutting around them is switched off here (`keep_owner_visible: false`);
 *   bold and marks do not show in plain text; no year gets a suffix ("2024a" tells in-text
 *   citations apart, and nothing cites a publication list), so pandoc's suffixes are removed.
 * - citeproc-js and pandoc's citeproc read two constructs of these styles differently:
 *   IEEE's "[Online]" group (it tests `medium`; citeproc-js prints it, pandoc drops the
 *   group) and APA's "No." before a report number that is not numeric (pandoc prints it,
 *   citeproc-js does not). Only those exact strings are normalised.
 * - pandoc 2.17's own locales lack the term "article" ("preprint"), with which Nature prints
 *   "Preprint at https://arxiv.org/…": pandoc prints "at https://…".
 *
 * Chicago author-date and MLA are compared on what they print differently (page ranges,
 * commas, spaces, names below), not entry by entry on data/papers.yaml: there pandoc prints
 * "———" for a repeated author list, which publist leaves out (the entry above need not be
 * the one it refers to); its title case capitalises "2D" as "2d", "WMT24" as "Wmt24", and
 * "without" and "during", which CSL 1.0.2 lists as lower-case words; and in MLA, which
 * adds names to tell in-text citations apart, pandoc adds one name fewer than citeproc-js
 * ("Liao, Baohao, Xinyi Chen, et al." where citeproc-js adds Sara Rajaee).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { citeSelection } from '../src/cite/cite.js';
import { literalPattern } from '../src/cite/literal-pattern.js';
import { toCsl } from '../src/cite/csl.js';
import type { Database } from '../src/model/paper.js';
import type { RenderOptions } from '../src/model/schema.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import { texToUnicode } from '../src/richtext/math.js';
import { plainText } from '../src/richtext/richtext.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { validateDatabase } from '../src/validate/validate.js';
import { TYPES_DB } from './support/types-database.js';
import { DEFAULT_DB } from './support/cli.js';
import { toolsAvailable } from './support/tools.js';

type Node = DefaultTreeAdapterMap['node'];

const STYLES = '/usr/share/citation-style-language/styles';

function stylesInstalled(): boolean {
  const installed = existsSync(join(STYLES, 'apa.csl'));
  if (!installed && process.env.CI) {
    throw new Error('CI needs citation-style-language-styles: .ci/run installs it');
  }
  return installed;
}

const KNOWN_DIFFERENCES: Record<
  string,
  { ours?: [RegExp, string][]; pandoc?: [RegExp, string][] }
> = {
  ieee: { ours: [[/ \[Online\]\. Available:/g, ' Available:']] },
  // A preprint's number is its bare arXiv id ("2604.01754"), which APA labels "No." in pandoc only.
  apa: { pandoc: [[/\(No\. (\d{4}\.\d{4,5})\)/g, '($1)']] },
  // Nature prints a preprint as "Preprint at <address>" with the locale's term "article", which
  // pandoc 2.17's own en-US locale lacks: it prints "at <address>".
  nature: { pandoc: [[/([.?!]) at (https:\/\/)/g, '$1 Preprint at $2']] },
};

/** publist's lists print "2024", where pandoc's bibliography prints "2024a". */
const YEAR_SUFFIXES: [RegExp, string][] = [[/\b((?:19|20)\d\d)[a-z]\b/g, '$1']];

const seed: Database = await validateDatabase(
  parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')),
);

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** pandoc's bibliography as plain text per id, its number column left out. */
function pandocEntries(csl: string, items: object[]): Map<string, string> {
  const folder = mkdtempSync(join(tmpdir(), 'publist-pandoc-'));
  writeFileSync(join(folder, 'items.json'), JSON.stringify(items));
  writeFileSync(join(folder, 'list.md'), "---\nnocite: '@*'\n---\n");
  const html = execFileSync(
    'pandoc',
    [
      '--citeproc',
      '--from=markdown',
      '--to=html',
      '--wrap=none',
      `--csl=${csl}`,
      `--bibliography=${join(folder, 'items.json')}`,
      '--metadata=lang:en-US',
      join(folder, 'list.md'),
    ],
    { encoding: 'utf8' },
  );
  const entries = new Map<string, string>();
  const walk = (node: Node) => {
    const id = 'attrs' in node ? node.attrs.find((attr) => attr.name === 'id')?.value : undefined;
    if (id?.startsWith('ref-') && 'childNodes' in node) {
      const text = node.childNodes
        .filter(
          (child) =>
            !('attrs' in child) ||
            !child.attrs.some((attr) => attr.name === 'class' && attr.value === 'csl-left-margin'),
        )
        .map(textOf)
        .join('');
      entries.set(id.slice(4), normalize(text));
    } else if ('childNodes' in node) {
      node.childNodes.forEach(walk);
    }
  };
  walk(parseFragment(html));
  return entries;
}

/** The database's entries as publist cites them with the installed CSL file, and pandoc's text by id. */
async function citedByBoth(
  database: Database,
  style: string,
  overrides: Partial<RenderOptions> = {},
) {
  const csl = join(STYLES, `${style}.csl`);
  const settings = resolveSettings(database.render, { style: csl, ...overrides });
  const selection = selectPapers(database, settings);
  const document = await citeSelection(database, selection, settings);
  return {
    entries: document.groups.flatMap((group) => group.entries),
    theirs: pandocEntries(csl, selection.papers.map(toCsl)),
  };
}

/** Line breaks and runs of spaces; a no-break or narrow space is part of the text compared. */
const normalize = (text: string) => text.replace(/[ \t\r\n]+/g, ' ').trim();

function apply(text: string, rules: [RegExp, string][] = []): string {
  return rules.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
}

/** Journal papers whose page ranges each Chicago rule shortens differently. */
const PAGE_RANGES = `
owner: { name: Ada Lovelace }
papers:
${[
  '20996-21020',
  '12991-13001',
  '10000-10105',
  '11564-11615',
  '10001-10005',
  '1496-1504',
  '321-328',
  '20996-1020',
]
  .map(
    (pages, index) =>
      `  - { id: p${index}, type: journal, title: Paper ${index}, authors: [Author${String.fromCharCode(65 + index)} Person], venue: Journal, volume: 3, pages: ${pages}, date: 2020 }`,
  )
  .join('\n')}
  - { id: errata, type: journal, title: 'Errata for pages 20996–20 and 20996-20', authors: [Erra Tum], venue: Journal, volume: 3, pages: 20996-21020, date: 2020 }
`;

describe.runIf(toolsAvailable('pandoc') && stylesInstalled())('against pandoc’s citeproc', () => {
  it('chicago-author-date: page ranges shortened as pandoc shortens them (20996–1020)', async () => {
    const database = await validateDatabase(parseSource('ranges.yaml', PAGE_RANGES));
    const { entries, theirs } = await citedByBoth(database, 'chicago-author-date');
    expect(entries).toHaveLength(9);
    for (const entry of entries) {
      expect(normalize(plainText(entry.text)), entry.id).toBe(theirs.get(entry.id));
    }
    const apiq = entries.find((entry) => entry.id === 'p0');
    expect(plainText(apiq?.text ?? [])).toContain('3: 20996–1020.');
    // The pages are corrected, not a title that holds the same wrong range.
    const errata = plainText(entries.find((entry) => entry.id === 'errata')?.text ?? []);
    expect(errata).toContain('Pages 20996–20 and 20996-20.');
    expect(errata).toContain('3: 20996–1020.');
  });

  it('prints the page range of a numbered article (28:1-28:19) as pandoc does, in each range format', async () => {
    const pages = ['28:1-28:19', '28:101-28:119', '28:5-29:3', '1:10–1:15', '12:1-12:9'];
    const database = await validateDatabase(
      parseSource(
        'articles.yaml',
        `owner: { name: Ada Lovelace }\npapers:\n${pages
          .map(
            (range, index) =>
              `  - { id: a${index}, type: conference, title: Paper ${index}, authors: [Ada Writer${String.fromCharCode(65 + index)}], venue: Proceedings, volume: 171, pages: '${range}', date: 2020 }\n`,
          )
          .join('')}`,
      ),
    );
    const printed: Record<string, string> = {
      apa: '171, 28:1–28:19.',
      ieee: 'vol. 171, pp. 28:1–28:19.',
      'chicago-author-date': '171:28:1–19.',
      'modern-language-association': 'pp. 28:1–19.',
    };
    for (const [style, range] of Object.entries(printed)) {
      const { entries, theirs } = await citedByBoth(database, style);
      expect(entries).toHaveLength(pages.length);
      for (const entry of entries) {
        expect(normalize(plainText(entry.text)), `${style} ${entry.id}`).toBe(theirs.get(entry.id));
      }
      const first = entries.find((entry) => entry.id === 'a0');
      expect(plainText(first?.text ?? []), style).toContain(range);
    }
  });

  it('leaves out a delimiter before an element that begins with a comma, as pandoc does', async () => {
    const database = await validateDatabase(
      parseSource(
        'commas.yaml',
        [
          'owner: { name: Ada Lovelace }',
          'papers:',
          "  - { id: c1, type: conference, title: A paper, authors: [Ada Lovelace], date: 2015, venue: American Control Conference, pages: 1560-1565, location: 'Portland, OR' }",
          "  - { id: c2, type: conference, title: Another paper, authors: [Ada Lovelace], date: 2016, venue: Conference, location: 'Boston, MA', publisher: Springer Inc. }",
          '  - { id: t1, type: talk, title: A talk, authors: [Ada Lovelace], date: 2017, venue: Some Workshop, location: Paris }',
          "  - { id: c3, type: conference, title: 'Ideas , and more', authors: [Ada Lovelace], date: 2018, venue: Meeting, pages: 1-2, location: Rome }",
          '',
        ].join('\n'),
      ),
    );
    const { entries, theirs } = await citedByBoth(
      database,
      'springer-lecture-notes-in-computer-science',
    );
    const ours = new Map(entries.map((entry) => [entry.id, normalize(plainText(entry.text))]));
    expect(ours.get('c1')).toBe(theirs.get('c1'));
    expect(ours.get('c1')).toContain('pp. 1560–1565, Portland, OR (2015).');
    // The data's own period stays.
    expect(ours.get('c2')).toBe(theirs.get('c2'));
    expect(ours.get('c2')).toContain('Springer Inc., Boston, MA (2016).');
    // The data's own space before a comma stays; the delimiter before ", Rome" goes.
    expect(ours.get('c3')).toBe(theirs.get('c3'));
    expect(ours.get('c3')).toContain('Ideas , and more. In: Meeting. pp. 1–2, Rome (2018).');
    // The event's own period, which pandoc keeps before the comma ("Some Workshop., Paris").
    expect(ours.get('t1')).toBe('Lovelace, A.: A talk. Some Workshop, Paris (2017).');
    expect(theirs.get('t1')).toBe('Lovelace, A.: A talk. Some Workshop., Paris (2017).');
  });

  it('title-cases a word after a mark and the data’s comma as a word inside the sentence (pandoc: And)', async () => {
    const database = await validateDatabase(
      parseSource(
        'marks.yaml',
        [
          'owner: { name: Ada Lovelace }',
          'papers:',
          `  - { id: h, type: journal, title: 'Say "Hi!," and go', authors: [Ada Lovelace], venue: Memoirs, date: 1846 }`,
          `  - { id: w, type: journal, title: "Say 'Why?,' and go on", authors: [Ada Lovelace], venue: Memoirs, date: 1847 }`,
          `  - { id: v, type: journal, title: Papers, authors: [Ada Lovelace], venue: 'Journal "Now!," and more', date: 1848 }`,
          `  - { id: n, type: journal, title: 'Say "Why?" and go', authors: [Ada Lovelace], venue: Memoirs, date: 1849 }`,
          '',
        ].join('\n'),
      ),
    );
    // The comma goes on with the sentence, so "and" is lower case as in the rest of a title;
    // pandoc's citeproc (and citeproc-js, were the comma not the data's own) capitalises any
    // word after ! or ?. With no comma the sentence may end there: both print "And".
    const afterComma: [RegExp, string][] = [[/([!?],[’”]) And\b/g, '$1 and']];
    for (const style of ['chicago-author-date', 'modern-language-association']) {
      const { entries, theirs } = await citedByBoth(database, style);
      const ours = new Map(entries.map((entry) => [entry.id, normalize(plainText(entry.text))]));
      for (const entry of entries) {
        // pandoc puts "———" for the author of the entry above; publist prints every author.
        const pandoc = apply(theirs.get(entry.id) ?? '', afterComma).replace(/^(———|---)\./, '');
        expect(ours.get(entry.id), `${style} ${entry.id}`).toContain(pandoc);
      }
      expect(ours.get('h'), style).toContain('Say ‘Hi!,’ and Go');
      expect(ours.get('w'), style).toContain('Say ‘Why?,’ and Go On');
      expect(ours.get('v'), style).toContain('Journal “Now!,” and More');
      expect(ours.get('n'), style).toContain('Say ‘Why?’ And Go');
    }
  });

  it('puts the period after the initials of a given name printed in full to tell two authors apart (MLA: Wang, J.), as pandoc does', async () => {
    const database = await validateDatabase(
      parseSource(
        'initials.yaml',
        [
          'owner: { name: Ada Lovelace }',
          'papers:',
          '  - { id: j, type: journal, title: First, authors: [J Wang, Ada Lovelace], venue: Memoirs, date: 1849 }',
          '  - { id: g, type: journal, title: Second, authors: [Jing Wang, Ada Lovelace], venue: Memoirs, date: 1850 }',
          '  - { id: r, type: journal, title: Third, authors: [J R Wang, Paul T Lovelace, Grace Hopper], venue: Memoirs, date: 1851 }',
          '  - { id: k, type: journal, title: Fourth, authors: [K Wang, Mary Somerville, Grace Hopper], venue: Memoirs, date: 1852 }',
          '',
        ].join('\n'),
      ),
    );
    const printed: Record<string, Record<string, string>> = {
      // MLA tells J and Jing Wang apart by their given names in full, and puts ". " after
      // initials: citeproc-js printed "Wang, J, and" and "Wang, J R, et al.".
      'modern-language-association': {
        j: 'Wang, J., and Ada Lovelace.',
        g: 'Wang, Jing, and Ada Lovelace.',
        r: 'Wang, J. R., et al.',
      },
      // Chicago prints given names as written, initials too.
      'chicago-author-date': {
        j: 'Wang, J, and Ada Lovelace.',
        r: 'Wang, J R, Paul T Lovelace, and Grace Hopper.',
      },
      apa: { j: 'Wang, J., & Lovelace, A.', r: 'Wang, J. R., Lovelace, P. T., & Hopper, G.' },
    };
    for (const [style, starts] of Object.entries(printed)) {
      const { entries, theirs } = await citedByBoth(database, style);
      for (const entry of entries) {
        const ours = normalize(plainText(entry.text));
        expect(ours, `${style} ${entry.id}`).toBe(theirs.get(entry.id));
        const start = starts[entry.id];
        if (start)
          expect(ours, `${style} ${entry.id}`).toMatch(new RegExp(`^${literalPattern(start)}`));
      }
    }
  });

  it('keeps the space before a colon and puts a narrow one before ; ? !, as pandoc does', async () => {
    const database = await validateDatabase(
      parseSource(
        'spaces.yaml',
        'owner: { name: Ada Lovelace }\npapers:\n  - { id: p, type: journal, title: "Foo : bar ? baz ; qux ! end", venue: "Revue : des ? tests", authors: [Ada Lovelace], date: 2020 }\n  - { id: q, type: journal, title: "Written\\u202f: kept", venue: "V : W", authors: [Ada Lovelace], date: 2021 }\n',
      ),
    );
    for (const style of ['apa', 'ieee']) {
      const { entries, theirs } = await citedByBoth(database, style);
      const first = entries.find((entry) => entry.id === 'p');
      const second = entries.find((entry) => entry.id === 'q');
      expect(normalize(plainText(first?.text ?? [])), style).toBe(theirs.get('p'));
      expect(plainText(first?.text ?? [])).toContain('Foo : bar\u202f? baz\u202f; qux\u202f! end');
      // Written in the data, the narrow space stays; the space before another colon too.
      expect(normalize(plainText(second?.text ?? [])), style).toBe(theirs.get('q'));
      expect(plainText(second?.text ?? [])).toMatch(/Written\u202f: kept.*V : W/);
    }
  });

  it('changes the case of a word with a full stop inside (Node.js) as one word, as pandoc does', async () => {
    const database = await validateDatabase(
      parseSource(
        'dots.yaml',
        'owner: { name: Ada Lovelace }\npapers:\n  - { id: p, type: journal, title: "Charts with idyll.pub and d3.js in file.txt", venue: "node.js monthly", authors: [Ada Lovelace], date: 2020 }\n',
      ),
    );
    for (const style of ['chicago-author-date', 'modern-language-association']) {
      const { entries, theirs } = await citedByBoth(database, style);
      const text = normalize(plainText(entries[0]?.text ?? []));
      expect(text, style).toBe(theirs.get('p'));
      // citeproc-js printed "Idyll.Pub and D3.Js".
      expect(text, style).toContain('Charts with Idyll.pub and D3.js in File.txt');
      expect(text, style).toContain('Node.js Monthly');
    }
  });

  it('initialises a given name whose part after the hyphen is in lower case (Shin-ichi) as one name, and prints Jean-Paul in full with its hyphen, as pandoc does', async () => {
    const database = await validateDatabase(
      parseSource(
        'hyphens.yaml',
        [
          'owner: { name: Shin-ichi Inage }',
          'papers:',
          '  - { id: h, type: journal, title: Storage, authors: [Shin-ichi Inage, Joong-kyoo Park, Jean-Paul Sartre], venue: Energy, date: 2009 }',
          '  - { id: k, type: journal, title: Caverns, authors: [Joong-kyoo Park, Shin-ichi Inage], venue: Energy, date: 2012 }',
          '',
        ].join('\n'),
      ),
    );
    // Styles that initialise without the hyphen (J.-P. -> JP): citeproc-js printed "Inage S ichi".
    const printed: Record<string, string> = {
      vancouver: 'Inage S, Park J, Sartre JP. Storage.',
      'american-medical-association': 'Inage S, Park J, Sartre JP. Storage.',
    };
    for (const [style, start] of Object.entries(printed)) {
      const { entries, theirs } = await citedByBoth(database, style);
      for (const entry of entries) {
        expect(normalize(plainText(entry.text)), `${style} ${entry.id}`).toBe(theirs.get(entry.id));
      }
      const storage = entries.find((entry) => entry.id === 'h')?.text ?? [];
      expect(plainText(storage)).toMatch(new RegExp(`^${start}`));
      // The owner's name is one run, bold as a whole.
      const owner = storage.find((node) => node.kind === 'owner');
      expect(owner && plainText([owner]), style).toBe('Inage S');
    }
    // Printed in full, a given name keeps its hyphen: citeproc-js printed "Jean Paul" here.
    const { entries, theirs } = await citedByBoth(database, 'journal-of-historical-linguistics');
    for (const entry of entries) {
      expect(normalize(plainText(entry.text)), entry.id).toBe(theirs.get(entry.id));
    }
    const storage = plainText(entries.find((entry) => entry.id === 'h')?.text ?? []);
    expect(storage).toMatch(/^Inage, Shin-ichi, Joong-kyoo Park, & Jean-Paul Sartre\./);
    const caverns = normalize(plainText(entries.find((entry) => entry.id === 'k')?.text ?? []));
    expect(caverns).toMatch(/^Park, Joong-kyoo & Shin-ichi Inage\./);
    const films = await validateDatabase(
      parseSource(
        'films.yaml',
        'owner: { name: Ann Lee }\npapers:\n  - { id: m, type: journal, title: Films, authors: [Hans-J. Müller, JEAN-PAUL Belmondo], venue: Cinema, date: 2010 }\n',
      ),
    );
    const film = await citedByBoth(films, 'journal-of-historical-linguistics');
    const filmText = normalize(plainText(film.entries[0]?.text ?? []));
    expect(filmText).toBe(film.theirs.get('m'));
    expect(filmText).toMatch(/^Müller, Hans-J\. & JEAN-PAUL Belmondo\./);
  });

  for (const style of [
    'apa',
    'ieee',
    'association-for-computing-machinery',
    'vancouver',
    'springer-lecture-notes-in-computer-science',
    'association-for-computational-linguistics',
    'harvard-cite-them-right',
    'nature',
  ]) {
    it(`${style}: every entry of data/papers.yaml prints the same text`, async () => {
      const { entries, theirs } = await citedByBoth(seed, style, { keep_owner_visible: false });
      const rules = KNOWN_DIFFERENCES[style] ?? {};
      expect(entries).toHaveLength(20);
      for (const entry of entries) {
        let ours = apply(normalize(plainText(entry.text, texToUnicode)), rules.ours);
        let pandoc = apply(theirs.get(entry.id) ?? '', [...YEAR_SUFFIXES, ...(rules.pandoc ?? [])]);
        if (entry.paper.et_al) {
          // Compare what follows the last known author, printed as ours prints it before
          // "et al." ("Göbbert, J. H." in APA, "Göbbert JH" in Vancouver).
          const etAl = ours.search(/,? et al\./);
          expect(etAl, entry.id).toBeGreaterThan(0);
          const family = entry.paper.authors.at(-1)?.family ?? '';
          const shown = ours.lastIndexOf(family, etAl);
          const last = ours.slice(shown, etAl);
          // The period a style puts after the names (ACM's "Göbbert. 2022.") is the one
          // that ends "et al." in ours.
          const rest = (text: string) => text.replace(/^\.?\s*/, '');
          ours = rest(ours.slice(etAl).replace(/^,? et al\./, ''));
          if (shown < 0) {
            // The style cut the known authors too (Harvard's "Bode, M. et al."): pandoc's
            // list ends with the last of them and its initials, before the same rest.
            const after = pandoc.lastIndexOf(family) + family.length;
            expect(after, entry.id).toBeGreaterThan(family.length - 1);
            expect(pandoc.slice(after, -ours.length), entry.id).toMatch(/^[\p{Lu}.,\s]*$/u);
            pandoc = pandoc.slice(-ours.length);
          } else {
            pandoc = rest(pandoc.slice(pandoc.lastIndexOf(last) + last.length));
          }
        }
        expect(ours, entry.id).toBe(pandoc);
      }
    });
  }
});

/**
 * What each type prints, beyond agreeing with pandoc: the series of a book is a series (APA
 * printed "Program Verification. In Lecture Notes in Computer Science (Vol. 1234)"), a blog
 * post is one (APA printed "In eLife Labs."), a German title is not title-cased, and a thesis
 * or report says its kind (every style printed "Engines of thought. University of Cambridge").
 */
const PRINTED: Record<string, Record<string, string>> = {
  apa: {
    lncs: 'Lovelace, A. (2020). Program Verification. Springer.',
    annals: 'Lurie, J. (2009). Higher topos theory. Princeton University Press.',
    blog: 'Noether, E. (2019, February 20). Introducing the engine. eLife Labs. https://example.org/blog',
    report:
      'Babbage, C. (2019). On the wage of engines (Working Paper No. 25555; NBER Working Paper Series). National Bureau of Economic Research.',
    thesis:
      'Somerville, M. (1830). Engines of thought (PhD Thesis No. 7). University of Cambridge.',
    masters: 'Fairfax, M. (1840). Tables of the moon [Master’s thesis]. University of London.',
    techreport: 'Hollerith, H. (1890). Punching the cards (Technical Report TR-12). Census Office.',
    dataset: 'Hopper, G. (2022). Punched cards [Data set]. Zenodo.',
    patent: 'Turing, A. (1823). Difference engine (British Patent Office Patent No. 4711).',
  },
  ieee: {
    thesis: 'M. Somerville, “Engines of thought,” PhD thesis, University of Cambridge, 1830.',
    masters:
      'M. Fairfax, “Tables of the moon,” Master’s thesis, University of London, London, 1840.',
    report:
      'C. Babbage, “On the wage of engines,” National Bureau of Economic Research, Working paper 25555, 2019.',
    blog: 'E. Noether, “Introducing the engine,” eLife Labs, Feb. 20, 2019. https://example.org/blog (accessed Apr. 11, 2019).',
  },
  'chicago-author-date': {
    lncs: 'Lovelace, Ada. 2020. Program Verification. Lecture Notes in Computer Science 1234. Springer.',
    annals:
      'Lurie, Jacob. 2009. Higher Topos Theory. Annals of Mathematics Studies 170. Princeton University Press.',
    multivolume:
      'Troelstra, A. S., and Dirk van Dalen. 1988. Constructivism in Mathematics. Vol. 2. Studies in Logic and the Foundations of Mathematics 123. North-Holland.',
    blog: 'Noether, Emmy. 2019. “Introducing the Engine.” eLife Labs (blog). February 20, 2019. https://example.org/blog.',
    chapter:
      'Gödel, Kurt. 1843. “Notes on the Engine.” In Scientific Memoirs, 2nd ed., 3:666–731. Memoirs of Science. Taylor.',
    masters:
      'Fairfax, Mary. 1840. “Tables of the Moon.” Master’s thesis, London: University of London.',
    german:
      'Einstein, Albert. 1905. “zur elektrodynamik bewegter körper.” Annalen der Physik 17: 891–921.',
  },
  vancouver: {
    thesis:
      'Somerville M. Engines of thought [PhD thesis]. University of Cambridge; 1830. (Cambridge Dissertations).',
    software:
      'Boole G. engine [Internet]. Zenodo; 2021. (Analytical Tools). Available from: https://example.org/engine',
  },
  'harvard-cite-them-right': {
    lncs: 'Lovelace, A. (2020) Program Verification. Springer (Lecture Notes in Computer Science, 1234).',
  },
};

describe.runIf(toolsAvailable('pandoc') && stylesInstalled())(
  'every type against pandoc’s citeproc',
  async () => {
    const database = await validateDatabase(parseSource('types.yaml', TYPES_DB));
    for (const style of [
      'apa',
      'ieee',
      'chicago-author-date',
      'vancouver',
      'harvard-cite-them-right',
      'modern-language-association',
    ]) {
      it(`${style}: prints each type as pandoc does`, async () => {
        const { entries, theirs } = await citedByBoth(database, style);
        const rules = KNOWN_DIFFERENCES[style] ?? {};
        expect(entries).toHaveLength(database.papers.length);
        for (const entry of entries) {
          const ours = apply(normalize(plainText(entry.text)), rules.ours);
          expect(ours, entry.id).toBe(
            apply(theirs.get(entry.id) ?? '', [...YEAR_SUFFIXES, ...(rules.pandoc ?? [])]),
          );
          const expected = PRINTED[style]?.[entry.id];
          if (expected !== undefined) expect(ours, entry.id).toBe(expected);
        }
      });
    }
  },
);

/**
 * The kind of a thesis or report goes out in the BibTeX and BibLaTeX exports in the form
 * pandoc reads (and BibTeX's and biblatex's styles print): `@mastersthesis`, biblatex's
 * `type = {phdthesis}`, the words in `type` for any other kind.
 */
describe.runIf(toolsAvailable('pandoc'))(
  'the kind of a thesis or report in pandoc’s reading',
  () => {
    const KINDS = {
      thesis: 'PhD thesis',
      masters: 'Master’s thesis',
      report: 'Working paper',
    };
    it.each([
      // BibTeX's @techreport says "Technical Report" by its entry type, which pandoc leaves unsaid.
      ['bibtex', KINDS],
      ['biblatex', { ...KINDS, techreport: 'technical report' }],
    ] as const)('%s export', async (format, kinds) => {
      const database = await validateDatabase(parseSource('types.yaml', TYPES_DB));
      const { content } = await renderDatabase(database, { format });
      const file = join(mkdtempSync(join(tmpdir(), 'publist-pandoc-')), 'export.bib');
      writeFileSync(file, String(content));
      const items = JSON.parse(
        execFileSync('pandoc', [`--from=${format}`, '--to=csljson', file], { encoding: 'utf8' }),
      ) as { id: string; genre?: string }[];
      const read = Object.fromEntries(
        items.filter((item) => item.genre).map((item) => [item.id, item.genre]),
      );
      expect(read).toEqual(kinds);
      const printed = Object.fromEntries(
        database.papers
          .filter((paper) => paper.genre)
          .map((paper) => [paper.id, toCsl(paper).genre]),
      );
      expect(printed).toEqual({ ...KINDS, techreport: 'Technical report' });
    });
  },
);
