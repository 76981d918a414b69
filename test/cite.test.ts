import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citeSelection } from '../src/cite/cite.js';
import {
  unprintedLinks,
  type CitedDocument,
  type CitedEntry,
  type EntryLink,
} from '../src/cite/cited.js';
import type { Database } from '../src/model/paper.js';
import { UsageError } from '../src/model/problems.js';
import type { RenderOptions } from '../src/model/schema.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import type { Inline, RichText } from '../src/richtext/richtext.js';
import { plainText } from '../src/richtext/richtext.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { validateDatabase } from '../src/validate/validate.js';
import { DEFAULT_DB } from './support/cli.js';

const seed: Database = await validateDatabase(
  parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')),
);

function cite(database: Database, options: Partial<RenderOptions> = {}): Promise<CitedDocument> {
  const settings = resolveSettings(database.render, options);
  return citeSelection(database, selectPapers(database, settings), settings);
}

function databaseFrom(yaml: string): Promise<Database> {
  return validateDatabase(parseSource('test.yaml', yaml));
}

const entries = (document: CitedDocument): CitedEntry[] =>
  document.groups.flatMap((group) => group.entries);

/** The runs of one kind, as plain text. */
function runs(nodes: RichText, kind: Inline['kind']): string[] {
  const found: string[] = [];
  const walk = (list: RichText) => {
    for (const node of list) {
      if (node.kind === kind && 'children' in node) found.push(plainText(node.children));
      else if ('children' in node) walk(node.children);
    }
  };
  walk(nodes);
  return found;
}

function linkAddresses(nodes: RichText): string[] {
  return nodes.flatMap((node) =>
    node.kind === 'link' ? [node.url] : 'children' in node ? linkAddresses(node.children) : [],
  );
}

describe('the seed database in IEEE and APA', () => {
  for (const style of ['ieee', 'apa']) {
    it(`${style}: our order and numbers, the owner marked in 19 of 20, nothing else bold`, async () => {
      const settings = resolveSettings(seed.render, { style });
      const selection = selectPapers(seed, settings);
      const document = await citeSelection(seed, selection, settings);
      const cited = entries(document);
      expect(cited.map((entry) => entry.id)).toEqual(
        selection.groups.flatMap((group) => group.entries.map((entry) => entry.paper.id)),
      );
      expect(cited.map((entry) => entry.number)).toEqual(
        selection.groups.flatMap((group) => group.entries.map((entry) => entry.number)),
      );
      const owners = cited.map((entry) => runs(entry.text, 'owner'));
      expect(owners.filter((names) => names.length === 1)).toHaveLength(19);
      expect(owners.find((_, index) => cited[index]?.id === 'bode2022turbulent')).toEqual([]);
      const printed = style === 'ieee' ? 'B. Liao' : 'Liao, B.';
      for (const names of owners.filter((names) => names.length)) expect(names).toEqual([printed]);
      expect(cited.flatMap((entry) => runs(entry.text, 'bold'))).toEqual([]);
      expect(document.style.id).toBe(style);
      expect(document.locale).toBe('en-US');
    });
  }

  it('gives no year a suffix ("2024a"): nothing cites the list', async () => {
    for (const style of [
      'apa',
      'association-for-computational-linguistics',
      'chicago-author-date',
      'harvard-cite-them-right',
    ]) {
      const years = entries(await cite(seed, { style })).map(
        (entry) => /\b(?:19|20)\d\d[a-z]?\b/.exec(plainText(entry.text))?.[0],
      );
      // The seed has several papers by Liao et al. in one year: in-text citations would need 2024a.
      expect(
        years.filter((year) => year === '2024'),
        style,
      ).toHaveLength(5);
      expect(
        years.filter((year) => /[a-z]$/.test(year ?? '')),
        style,
      ).toEqual([]);
    }
  });

  it('drops the style’s own labels: no "[1]" before an IEEE entry', async () => {
    for (const entry of entries(await cite(seed, { style: 'ieee' }))) {
      expect(plainText(entry.text)).not.toMatch(/^\[\d+\]/);
    }
  });

  it('keeps the owner visible when IEEE’s "et al." would hide them', async () => {
    const entry = entries(await cite(seed, { style: 'ieee' })).find(
      (candidate) => candidate.id === 'he2026livemathematicianbench',
    );
    expect(plainText(entry?.text ?? [])).toMatch(/^L\. He, …, B\. Liao, et al\., “LiveMath/);
  });

  it('prints "et al." after a truncated author list', async () => {
    const byStyle: Record<string, string> = {};
    for (const style of ['ieee', 'apa', 'vancouver']) {
      const entry = entries(await cite(seed, { style })).find(
        (candidate) => candidate.id === 'bode2022turbulent',
      );
      byStyle[style] = plainText(entry?.text ?? []);
    }
    expect(byStyle.ieee).toMatch(/^M\. Bode, M\. Gauding, J\. H\. Göbbert, et al\., “Towards/);
    // A work of type `other` is a CSL "document", which APA dates to the day.
    expect(byStyle.apa).toMatch(
      /^Bode, M\., Gauding, M\., Göbbert, J\. H\., et al\. \(2022, October 28\)/,
    );
    expect(byStyle.vancouver).toMatch(/^Bode M, Gauding M, Göbbert JH, et al\. Towards/);
  });

  it('gives each entry the links its reference does not print, in a fixed order', async () => {
    const links = async (style: string) =>
      new Map(entries(await cite(seed, { style })).map((entry) => [entry.id, entry.links]));
    const minimal = await links(join(import.meta.dirname, 'fixtures', 'minimal.csl'));
    expect(minimal.get('liao2022maskmore')).toEqual([
      { kind: 'doi', label: 'DOI', url: 'https://doi.org/10.18653/v1/2022.findings-emnlp.106' },
      { kind: 'arxiv', label: 'arXiv', url: 'https://arxiv.org/abs/2211.04898' },
    ]);
    expect(minimal.get('liao2026selfhinting')?.map((link) => link.kind)).toEqual(['arxiv', 'code']);
    // IEEE prints the DOI itself ("doi: 10.18653/...").
    expect((await links('ieee')).get('liao2022maskmore')?.map((link) => link.kind)).toEqual([
      'arxiv',
    ]);
  });
});

describe('a style that prints the author list inside bold (the-plant-cell, new-phytologist)', () => {
  it.each(['the-plant-cell', 'new-phytologist'])(
    '%s: the owner is marked in 19 of 20, each name bold once',
    async (style) => {
      const document = await cite(seed, { style });
      // citeproc prints the owner's own bold, inside the bold names, as normal weight.
      const owners = entries(document).flatMap((entry) => runs(entry.text, 'owner'));
      expect(owners).toEqual(Array(19).fill('Liao B'));
      for (const entry of entries(document)) {
        const [names] = runs(entry.text, 'bold');
        expect(names).toMatch(/^[A-Z][a-z]+ [A-Z]/);
        const bold = entry.text.find((node) => node.kind === 'bold');
        expect(bold && 'children' in bold && runs(bold.children, 'bold')).toEqual([]);
      }
    },
  );
});

describe('a style that prints the owner’s name twice (a label, then the author list)', () => {
  it.each([
    // The given name and the small-caps family name are formatted apart.
    ['anabases', ['Liao', 'Baohao', 'Liao']],
    ['leidraad-voor-juridische-auteurs', ['Liao', 'B. Liao']],
  ])(
    '%s: the owner is marked both times, no part of the name left in plain bold',
    async (style, printed) => {
      const document = await cite(seed, { style });
      const shown = entries(document).filter((entry) => runs(entry.text, 'owner').length);
      expect(shown).toHaveLength(19);
      for (const entry of shown) {
        expect(runs(entry.text, 'owner').map((name) => name.replace(/\s+/g, ' '))).toEqual(printed);
        // The style's own bold (leidraad's label) aside: publist's bold was the owner's.
        expect(runs(entry.text, 'bold')).not.toContainEqual(
          expect.stringMatching(/^(?:B\.|Baohao|Liao)$/),
        );
      }
    },
  );
});

describe('unprintedLinks: what a writer labels after the reference', () => {
  const links: EntryLink[] = [
    { kind: 'doi', label: 'DOI', url: 'https://doi.org/10.1234/ABC.5' },
    { kind: 'arxiv', label: 'arXiv', url: 'https://arxiv.org/abs/2401.00001' },
    { kind: 'code', label: 'Code', url: 'https://github.com/ada/road' },
  ];
  const kinds = (text: RichText) => unprintedLinks({ text, links }).map((link) => link.kind);
  const t = (value: string): Inline => ({ kind: 'text', text: value });

  it('labels an address once when two fields hold it (a URL that is the DOI’s)', () => {
    const twice: EntryLink[] = [
      ...links,
      { kind: 'url', label: 'URL', url: 'http://dx.doi.org/10.1234/abc.5/' },
    ];
    const labelled = unprintedLinks({ text: [t('A.')], links: twice });
    expect(labelled.map((link) => link.kind)).toEqual(['doi', 'arxiv', 'code']);
  });

  it('leaves out an address the reference links to', () => {
    const linked: Inline = { kind: 'link', url: 'doi:10.1234/abc.5', children: [t('here')] };
    expect(kinds([t('A. '), linked])).toEqual(['arxiv', 'code']);
  });

  it('leaves out an address the reference writes out, and a DOI written bare', () => {
    expect(kinds([t('A. Available: http://www.arxiv.org/abs/2401.00001/.')])).toEqual([
      'doi',
      'code',
    ]);
    expect(kinds([t('A. doi: 10.1234/abc.5.')])).toEqual(['arxiv', 'code']);
  });

  it('finds a written-out address in any case, after letters that change length in lower case', () => {
    expect(kinds([t('İİİ İstanbul. Code: HTTPS://GitHub.com/Ada/Road).')])).toEqual([
      'doi',
      'arxiv',
    ]);
  });

  it('keeps an address that only begins like a printed one', () => {
    expect(kinds([t('See https://github.com/ada/roadmap and 10.1234/abc.55.')])).toEqual([
      'doi',
      'arxiv',
      'code',
    ]);
  });
});

const HOSTILE = `
owner: { name: Ada Lovelace, aliases: ['A. A. Lovelace'] }
papers:
  - id: p1
    type: journal
    title: 'The $\\tau$-bound <b>is</b> <script>alert(1)</script> & <i>more</i>'
    authors:
      - Charles Babbage
      - { name: A. A. Lovelace, equal: true }
      - { name: Mary Somerville, corresponding: true }
    venue: Journal of Things
    date: 1843
`;

/** The validator refuses such a URL; a library caller could still hand one over. */
function withJavascriptUrl(database: Database): Database {
  return {
    ...database,
    papers: database.papers.map((paper) => ({ ...paper, url: 'javascript:alert(1)' })),
  };
}

const hostile = withJavascriptUrl(await databaseFrom(HOSTILE));
const hostileDocument = await cite(hostile, { style: 'apa' });

describe('hostile and unusual data', () => {
  const document = hostileDocument;
  const entry = entries(document)[0] as CitedEntry;

  it('keeps markup in the data as text, and math as math', () => {
    expect(plainText(entry.text)).toContain('<b>is</b> <script>alert(1)</script> & <i>more</i>');
    expect(runs(entry.text, 'bold')).toEqual([]);
    expect(runs(entry.text, 'italic')).toEqual(['Journal of Things']);
    expect(JSON.stringify(entry.text)).toContain('{"kind":"math","tex":"\\\\tau"}');
  });

  it('matches the owner by initials and marks equal and corresponding authors', () => {
    expect(runs(entry.text, 'owner')).toEqual(['Lovelace, A. A.']);
    expect(plainText(entry.text)).toMatch(/^Babbage, C\., Lovelace, A\. A\.\*, & Somerville, M\.†/);
    expect(document.legend.map((line) => plainText(line))).toEqual([
      '* equal contribution',
      '† corresponding author',
    ]);
  });

  it('links a DOI with quotation marks and angle brackets to the whole DOI', async () => {
    const doi = '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-"O"';
    const database = await databaseFrom(HOSTILE);
    const withDoi = { ...database, papers: database.papers.map((paper) => ({ ...paper, doi })) };
    for (const style of ['apa', 'ieee']) {
      const text = entries(await cite(withDoi, { style }))[0]?.text ?? [];
      expect(linkAddresses(text), style).toEqual([`https://doi.org/${doi}`]);
      expect(plainText(text), style).toContain(doi);
    }
  });

  it('prints a literal dollar written \\$ as $, beside math', async () => {
    // DBLP writes a title that shows TeX literally as {\textdollar}...; imported as \$.
    const database = await databaseFrom(`
owner: { name: Ada Lovelace }
papers:
  - id: p1
    type: journal
    title: 'Costs \\$5 and $x^2$ for \\$\\mathrm{AC}^0\\$'
    authors: [Ada Lovelace]
    venue: 'The \\$ Journal'
    date: 2020
`);
    const render = async (format: string) =>
      (await renderDatabase(database, { format, overrides: { style: 'apa' } })).content;
    expect(await render('text')).toContain('Costs $5 and x² for $\\mathrm{AC}^0$. The $ Journal.');
    expect(await render('latex')).toContain(
      'Costs \\$5 and $x^2$ for \\$\\textbackslash{}mathrm\\{AC\\}\\textasciicircum{}0\\$. \\textit{The \\$ Journal}.',
    );
  });

  it('makes no link of a javascript: URL', () => {
    expect(entry.links).toEqual([]);
    expect(runs(entry.text, 'link')).toEqual([]);
    expect(plainText(entry.text)).not.toContain('javascript');
  });
});

describe('styles', () => {
  it('rejects an unknown style, naming close matches', async () => {
    await expect(cite(seed, { style: 'ieee' })).resolves.toBeDefined();
    expect(() => cite(seed, { style: 'ieeee' })).toThrow(UsageError);
    expect(() => cite(seed, { style: 'ieeee' })).toThrow(/unknown style "ieeee".*ieee/);
  });
});

describe('the pipeline', () => {
  it('hands writers one memoised document', async () => {
    const documents: Promise<CitedDocument>[] = [];
    const probe = {
      format: 'csl-json',
      overrides: { style: 'ieee' },
    };
    const { findWriter } = await import('../src/write/registry.js');
    const writer = findWriter('csl-json');
    const original = writer.write;
    writer.write = async (request) => {
      documents.push(request.cite(), request.cite());
      return original(request);
    };
    try {
      await renderDatabase(seed, probe);
    } finally {
      writer.write = original;
    }
    expect(documents[0]).toBe(documents[1]);
    expect(entries(await (documents[0] as Promise<CitedDocument>))).toHaveLength(20);
  });
});
