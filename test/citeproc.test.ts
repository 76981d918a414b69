/**
 * publist makes citeproc-js skip work its lists do not show (src/cite/citeproc.ts): every
 * entry must still print exactly as an untouched copy of citeproc prints it. (What the engine
 * changes on purpose, the initials of a given name MLA prints in full, test/pandoc.test.ts
 * checks; none of the entries here has such a name.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toCsl, type CslItem } from '../src/cite/csl.js';
import { formatItems, registerLocale, registerStyle } from '../src/cite/engine.js';
import { asPlainList, type CslNode } from '../src/cite/style-tree.js';
import { findLocale, findStyle } from '../src/cite/styles.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { DEFAULT_DB } from './support/cli.js';

interface PristineEngine {
  opt: { development_extensions: { wrap_url_and_doi: boolean } };
  setOutputFormat(format: 'html'): void;
  updateItems(ids: string[]): void;
  makeBibliography(): [
    { entry_ids: string[][]; bibliography_errors: { itemID: string }[] },
    string[],
  ];
}

/** A second copy of citeproc, loaded afresh: none of publist's changes reach it. */
function pristineCiteproc(): {
  Engine: new (sys: object, style: object, lang: string, force: boolean) => PristineEngine;
} {
  const require = createRequire(import.meta.url);
  const path = require.resolve('citeproc');
  const patched = require.cache[path];
  delete require.cache[path];
  try {
    return require('citeproc') as ReturnType<typeof pristineCiteproc>;
  } finally {
    if (patched) require.cache[path] = patched;
  }
}

const seed = await validateDatabase(parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')));

const item = (id: string, authors: [string, string][], title: string, year: number): CslItem => ({
  id,
  type: 'article-journal',
  title,
  'container-title': 'Journal of Tests & Trials',
  issued: { 'date-parts': [[year]] },
  author: authors.map(([given, family]) => ({ given, family })),
});

/** Names that only given names tell apart, and text with something to escape or flip. */
const TRICKY: CslItem[] = [
  item(
    'smith-john',
    [
      ['John', 'Smith'],
      ['Anna', 'Doe'],
    ],
    'First paper',
    2020,
  ),
  item(
    'smith-jane',
    [
      ['Jane', 'Smith'],
      ['Anna', 'Doe'],
    ],
    'Second paper',
    2021,
  ),
  item(
    'lees',
    [
      ['Ann', 'Brown'],
      ['Karl', 'Lee'],
      ['Kim', 'Lee'],
    ],
    'Two Lees',
    2019,
  ),
  item(
    'marks',
    [['Seán', 'O’Brien']],
    'A "quoted" word, ‘curly’ ones, R&D, x² and  two spaces',
    2018,
  ),
  item('case', [['Ayşe', 'Yılmaz']], 'IŞIK and άλφα: Title Case Here', 2017),
];

const items = [...seed.papers.map(toCsl), ...TRICKY];

function pristineList(style: CslNode, locale: string): Map<string, string> {
  const CSL = pristineCiteproc();
  const locales = new Map([
    [locale, findLocale(locale).tree],
    ['en-US', findLocale('en-US').tree],
  ]);
  const byId = new Map(items.map((entry) => [entry.id, structuredClone(entry)]));
  const engine = new CSL.Engine(
    {
      retrieveLocale: (tag: string) => locales.get(tag) ?? {},
      retrieveItem: (id: string) => byId.get(id),
    },
    asPlainList(style),
    locale,
    true,
  );
  engine.setOutputFormat('html');
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engine.updateItems([...byId.keys()]);
  const [bibliography, entries] = engine.makeBibliography();
  const empty = new Set(bibliography.bibliography_errors.map((error) => error.itemID));
  const ids = bibliography.entry_ids.flat().filter((id) => !empty.has(id));
  return new Map(entries.map((html, index) => [ids[index] ?? '', html]));
}

/** Debian's styles, for one that adds given names by a rule over all names (transport). */
const SYSTEM = '/usr/share/citation-style-language/styles';
if (!existsSync(SYSTEM) && process.env.CI) {
  throw new Error('CI needs citation-style-language-styles: .ci/run installs it');
}

describe("citeproc with publist's changes prints what citeproc prints", () => {
  const cases: [string, string][] = [
    ['apa', 'en-US'],
    ['ieee', 'en-US'],
    ['chicago-author-date', 'en-US'],
    ['chicago-author-date', 'fr-FR'],
    ['harvard-cite-them-right', 'en-US'],
    ['elsevier-harvard', 'en-US'],
    ['modern-language-association', 'de-DE'],
    ['apa', 'tr-TR'],
    ['nature', 'el-GR'],
    ...(existsSync(SYSTEM) ? ([[`${SYSTEM}/transport.csl`, 'en-US']] as [string, string][]) : []),
  ];
  for (const [name, locale] of cases) {
    it(`${name.split('/').pop()} in ${locale}`, () => {
      const style = findStyle(name);
      const expected = pristineList(style.tree, locale);
      registerLocale(locale, findLocale(locale).tree);
      registerLocale('en-US', findLocale('en-US').tree);
      registerStyle(`pristine-check:${name}`, style.tree);
      const printed = formatItems(`pristine-check:${name}`, locale, items);
      expect(printed.size).toBe(expected.size);
      for (const entry of items)
        expect(printed.get(entry.id), entry.id).toBe(expected.get(entry.id));
    });
  }
});
