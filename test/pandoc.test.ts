/**
 * publist's citation text against a peer: pandoc's citeproc, on the same CSL-JSON and the
 * same CSL file, for data/papers.yaml in APA, IEEE, ACM, Vancouver, Springer LNCS and ACL
 * (styles in which the two agree but for what is listed below), and for page ranges in
 * Chicago author-date (where citeproc-js prints 20996–21020 as "20996–20" and publist
 * corrects it).
 *
 * Differences allowed, each on purpose or explained:
 * - publist's own: `et_al: true` prints "et al." (pandoc cannot know the list was cut),
 *   so for such a paper the author list is not compared, only what follows it; the owner
 *   kept visible by cutting around them is switched off here (`keep_owner_visible: false`);
 *   bold and marks do not show in plain text; no year gets a suffix ("2024a" tells in-text
 *   citations apart, and nothing cites a publication list), so pandoc's suffixes are removed.
 * - citeproc-js and pandoc's citeproc read two constructs of these styles differently:
 *   IEEE's "[Online]" group (it tests `medium`; citeproc-js prints it, pandoc drops the
 *   group) and APA's "No." before a report number that is not numeric (pandoc prints it,
 *   citeproc-js does not). Only those exact strings are normalised.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { citeSelection } from '../src/cite/cite.js';
import { toCsl } from '../src/cite/csl.js';
import type { Database } from '../src/model/paper.js';
import { parseSource } from '../src/read/source.js';
import { texToUnicode } from '../src/richtext/math.js';
import { plainText } from '../src/richtext/richtext.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { validateDatabase } from '../src/validate/validate.js';
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

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

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
`;

describe.runIf(toolsAvailable('pandoc') && stylesInstalled())('against pandoc’s citeproc', () => {
  it('chicago-author-date: page ranges shortened as pandoc shortens them (20996–1020)', async () => {
    const database = await validateDatabase(parseSource('ranges.yaml', PAGE_RANGES));
    const csl = join(STYLES, 'chicago-author-date.csl');
    const settings = resolveSettings(database.render, { style: csl });
    const selection = selectPapers(database, settings);
    const document = await citeSelection(database, selection, settings);
    const theirs = pandocEntries(csl, selection.papers.map(toCsl));
    const entries = document.groups.flatMap((group) => group.entries);
    expect(entries).toHaveLength(8);
    for (const entry of entries) {
      expect(normalize(plainText(entry.text)), entry.id).toBe(theirs.get(entry.id));
    }
    const apiq = entries.find((entry) => entry.id === 'p0');
    expect(plainText(apiq?.text ?? [])).toContain('3: 20996–1020.');
  });

  for (const style of [
    'apa',
    'ieee',
    'association-for-computing-machinery',
    'vancouver',
    'springer-lecture-notes-in-computer-science',
    'association-for-computational-linguistics',
  ]) {
    it(`${style}: every entry of data/papers.yaml prints the same text`, async () => {
      const csl = join(STYLES, `${style}.csl`);
      const settings = resolveSettings(seed.render, { style: csl, keep_owner_visible: false });
      const selection = selectPapers(seed, settings);
      const document = await citeSelection(seed, selection, settings);
      const theirs = pandocEntries(csl, selection.papers.map(toCsl));
      const rules = KNOWN_DIFFERENCES[style] ?? {};
      const entries = document.groups.flatMap((group) => group.entries);
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
          const last = ours.slice(ours.lastIndexOf(family, etAl), etAl);
          // The period a style puts after the names (ACM's "Göbbert. 2022.") is the one
          // that ends "et al." in ours.
          const rest = (text: string) => text.replace(/^\.?\s*/, '');
          ours = rest(ours.slice(etAl).replace(/^,? et al\./, ''));
          pandoc = rest(pandoc.slice(pandoc.lastIndexOf(last) + last.length));
        }
        expect(ours, entry.id).toBe(pandoc);
      }
    });
  }
});
