/**
 * A paper's `language`: checked as a language tag, read from every import format (BibTeX's
 * langid/language/lang, CSL-JSON's language, RIS's LA), written back to BibTeX, and given to
 * the styles as CSL's `language` — which a bilingual GB/T 7714 style needs to print "et al."
 * after English authors and "等" after Chinese ones.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citeSelection } from '../src/cite/cite.js';
import { toCsl } from '../src/cite/csl.js';
import { readBibtex } from '../src/import/bibtex.js';
import { readCslJson } from '../src/import/csl-json.js';
import { readRis } from '../src/import/ris.js';
import { babelName, languageTag } from '../src/model/language.js';
import { InputError, type Problem } from '../src/model/problems.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import { plainText } from '../src/richtext/richtext.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { validateDatabase } from '../src/validate/validate.js';

async function problemsOf(yaml: string): Promise<Problem[]> {
  try {
    await validateDatabase(parseSource('db.yaml', yaml));
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
  return [];
}

const withLanguage = (language: string) =>
  `owner: { name: Ada Lovelace }\npapers:\n  - id: p1\n    type: journal\n    title: T\n    date: 2020\n    language: ${language}\n`;

describe('the language field', () => {
  it('takes a language tag, and says which tag a name or a miswritten tag means', async () => {
    expect(await problemsOf(withLanguage('zh'))).toEqual([]);
    expect(await problemsOf(withLanguage('de-CH'))).toEqual([]);
    expect(await problemsOf(withLanguage('zh-Hans'))).toEqual([]);
    expect(await problemsOf(withLanguage('English'))).toEqual([
      expect.objectContaining({
        line: 7,
        col: 15,
        message: 'papers[0] (p1).language: "English" is not a language tag',
        hint: 'write en',
      }),
    ]);
    expect((await problemsOf(withLanguage('zh_cn')))[0]?.hint).toBe('write zh-CN');
    expect((await problemsOf(withLanguage('klingon')))[0]?.hint).toBe(
      'a language tag looks like en, de-CH or zh-Hans',
    );
  });

  it('reads the names bibliographies write for a language', () => {
    const read = Object.fromEntries(
      [
        'English',
        'chinese',
        'eng',
        'German',
        'ngerman',
        'american',
        'Deutsch',
        '中文',
        'EN-us',
      ].map((name) => [name, languageTag(name)]),
    );
    expect(read).toEqual({
      English: 'en',
      chinese: 'zh',
      eng: 'en',
      German: 'de',
      ngerman: 'de',
      american: 'en-US',
      Deutsch: 'de',
      中文: 'zh',
      'EN-us': 'en-US',
    });
    expect(languageTag('english and german')).toBeUndefined();
    // What the BibTeX export writes reads back as the same tag.
    for (const tag of ['en', 'en-US', 'en-GB', 'de', 'de-CH', 'fr', 'zh', 'zh-CN', 'ja', 'pt-BR']) {
      expect(languageTag(babelName(tag)), tag).toBe(tag);
    }
    expect(babelName('de')).toBe('ngerman');
    expect(babelName('zh')).toBe('chinese');
  });

  it('is CSL’s language', () => {
    const paper = {
      id: 'p',
      type: 'journal' as const,
      title: 'T',
      authors: [],
      date: { year: 2020 },
      language: 'de',
    };
    expect(toCsl(paper).language).toBe('de');
  });
});

describe('importing the language', () => {
  it('BibTeX: langid, language and the lang of Chinese theses; a list stays under extra', () => {
    const { papers } = readBibtex(
      [
        '@book{a, title={A}, year=2020, langid={ngerman}}',
        '@book{b, title={B}, year=2020, language={Chinese}, lang={zh}}',
        '@book{c, title={C}, year=2020, lang={zh}}',
        '@book{d, title={D}, year=2020, language={english and german}}',
        '@book{e, title={E}, year=2020, langid={english}, language={German}}',
      ].join('\n'),
      'refs.bib',
    );
    const byKey = Object.fromEntries(papers.map((paper) => [paper.key, paper.paper]));
    expect(byKey.a).toMatchObject({ language: 'de' });
    expect(byKey.a?.extra).toBeUndefined();
    expect(byKey.b).toMatchObject({ language: 'zh' });
    expect(byKey.b?.extra).toBeUndefined();
    expect(byKey.c).toMatchObject({ language: 'zh' });
    expect(byKey.d?.language).toBeUndefined();
    expect(byKey.d?.extra).toEqual({ language: 'english and german' });
    expect(byKey.e).toMatchObject({ language: 'en', extra: { language: 'German' } });
  });

  it('CSL-JSON: language', () => {
    const item = (language: string) => ({
      id: 'x',
      type: 'article-journal',
      title: 'T',
      issued: { 'date-parts': [[2020]] },
      language,
    });
    const { papers } = readCslJson(
      JSON.stringify([item('en-US'), item('Esperanto-ish')]),
      'x.json',
    );
    expect(papers[0]?.paper.language).toBe('en-US');
    expect(papers[1]?.paper.language).toBeUndefined();
    expect(papers[1]?.paper.extra).toEqual({ language: 'Esperanto-ish' });
  });

  it('RIS: LA', () => {
    const { papers } = readRis('TY  - JOUR\nTI  - T\nPY  - 2020\nLA  - eng\nER  - \n');
    expect(papers[0]?.paper.language).toBe('en');
    expect(papers[0]?.paper.extra).toBeUndefined();
  });

  it('BibTeX export writes it back: langid for biber, language for BibTeX', async () => {
    const database = await validateDatabase(parseSource('db.yaml', withLanguage('de')));
    const biblatex = await renderDatabase(database, { format: 'biblatex' });
    expect(biblatex.content).toContain('langid = {ngerman},');
    const bibtex = await renderDatabase(database, { format: 'bibtex' });
    expect(bibtex.content).toContain('language = {ngerman},');
    const [read] = readBibtex(String(bibtex.content), 'export.bib').papers;
    expect(read?.paper.language).toBe('de');
  });
});

const GBT = '/usr/share/citation-style-language/styles/chinese-gb7714-2005-numeric.csl';
const CJK_DB = `
owner: { name: Ada Lovelace }
papers:
  - id: english
    type: journal
    title: A chunk caching location and searching scheme
    authors: [Yang Li, Tao Lin, Hui Tang, Peng Sun]
    date: 2012
    venue: IEEE ICC
    language: en
  - id: unmarked
    type: journal
    title: Another English paper
    authors: [Yang Li, Tao Lin, Hui Tang, Peng Sun]
    date: 2011
    venue: IEEE ICC
  - id: cut
    type: journal
    title: A list cut short
    authors: [Yang Li, Tao Lin]
    et_al: true
    date: 2013
    venue: IEEE ICC
    language: en
  - id: chinese
    type: journal
    title: 论流体食物的持久保存
    authors: [猪八戒, 孙悟空, 沙悟净, 唐三藏]
    date: 2010
    venue: 广寒宫学报
    language: zh
`;

describe.runIf(existsSync(GBT) || Boolean(process.env.CI))('GB/T 7714 and the language', () => {
  const render = async (style: string) => {
    const database = await validateDatabase(parseSource('cjk.yaml', CJK_DB));
    const settings = resolveSettings(database.render, { style, locale: 'zh-CN' });
    const document = await citeSelection(database, selectPapers(database, settings), settings);
    return Object.fromEntries(
      document.groups
        .flatMap((group) => group.entries)
        .map((entry) => [entry.id, plainText(entry.text)]),
    );
  };

  it('the style as published prints "等" after every list: CSL 1.0 has one language per list', async () => {
    const printed = await render(GBT);
    for (const id of ['english', 'unmarked', 'cut', 'chinese'])
      expect(printed[id]).toContain(', 等.');
  });

  it('its bilingual form (the CSL-M layout it ships commented out) prints "et al." after English authors', async () => {
    // The style's own comment: uncomment this layout to use CSL-M's bilingual support.
    const xml = readFileSync(GBT, 'utf8').replace(
      /<!-- (<layout locale="en">[\s\S]*?<\/layout>) -->/,
      '$1',
    );
    expect(xml).toContain('<layout locale="en">');
    const style = join(mkdtempSync(join(tmpdir(), 'publist-gbt-')), 'gbt7714-bilingual.csl');
    writeFileSync(style, xml);
    const printed = await render(style);
    expect(printed.english).toMatch(/^LI Y, LIN T, TANG H, et al\. A chunk caching/);
    expect(printed.chinese).toMatch(/^猪八戒, 孙悟空, 沙悟净, 等\. 论流体食物/);
    // publist's own "et al." for a list the data cuts follows the same layout.
    expect(printed.cut).toMatch(/^LI Y, LIN T, et al\. A list cut short/);
    // Without a language, the style's own (Chinese) terms.
    expect(printed.unmarked).toContain('TANG H, 等.');
  });
});
