/**
 * Arbitrary strings in titles, authors and venues (fast-check): the cite stage never
 * throws and keeps the text; every writer's output parses, holds exactly the entry's text,
 * and lets no markup or link through.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { citeSelection } from '../src/cite/cite.js';
import type { CitedDocument } from '../src/cite/cited.js';
import type { Database, Paper, Person } from '../src/model/paper.js';
import { renderDatabase } from '../src/pipeline.js';
import { texToInlines, texToUnicode } from '../src/richtext/math.js';
import { plainText, type RichText } from '../src/richtext/richtext.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Pieces that mean something to HTML, Markdown, LaTeX, citeproc or publist itself. */
const PIECES = [
  '<script>alert(1)</script>',
  '<b>',
  '</i>',
  '<img src=x onerror=alert(1)>',
  '](javascript:alert(1))',
  '[x](https://evil.example)',
  '&amp;',
  '&#x41;',
  '&',
  '**',
  '*',
  '_',
  '__',
  '`',
  '~~',
  '|',
  '#',
  '> ',
  '1. ',
  '- ',
  '\\',
  '$',
  '$x_1$',
  '$\\tau$',
  '\\input{x}',
  '%',
  '{',
  '}',
  '"',
  "'",
  '\n',
  '\t',
  '  ',
  '\u00a0',
  '\uE000',
  '\uE003',
  'é',
  'τ',
  '中文',
  '🙂',
  'Ω',
  'et al.',
  '…',
];

const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ minLength: 1, maxLength: 6 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''))
  .filter((value) => /[\p{L}\p{N}]/u.test(value));

const OWNER: Person = { family: 'Lovelace', given: 'Ada' };

const paper = fc.record({
  title: text,
  family: text,
  venue: text,
  ownerFirst: fc.boolean(),
});

function database(
  papers: { title: string; family: string; venue: string; ownerFirst: boolean }[],
): Database {
  return {
    file: 'property.yaml',
    owner: { name: 'Ada Lovelace' },
    topics: [],
    render: {},
    papers: papers.map((entry, index): Paper => ({
      id: `p${index}`,
      type: 'journal',
      title: entry.title,
      authors: entry.ownerFirst
        ? [OWNER, { family: entry.family, given: 'Eve' }]
        : [{ family: entry.family, given: 'Eve' }, OWNER],
      venue: entry.venue,
      date: { year: 2000 + index },
    })),
  };
}

/** Letters and digits only, lower case: what survives any style's punctuation and casing. */
const core = (value: string) =>
  value
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();

const OPTIONS = { numbering: 'descending', group_by: 'none' } as const;

function cited(db: Database, style: string): Promise<CitedDocument> {
  const settings = resolveSettings({ style, ...OPTIONS });
  return citeSelection(db, selectPapers(db, settings), settings);
}

async function render(db: Database, format: string, style: string): Promise<string> {
  return String((await renderDatabase(db, { format, overrides: { style, ...OPTIONS } })).content);
}

const markdown = new MarkdownIt();

function elements(node: Node): Element[] {
  const found: Element[] = [];
  const walk = (current: Node) => {
    if ('tagName' in current) found.push(current);
    if ('childNodes' in current) current.childNodes.forEach(walk);
  };
  walk(node);
  return found;
}

function textContent(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textContent).join('') : '';
}

/** The entry's text as HTML shows it: math through the Unicode table, scripts as text. */
function htmlText(nodes: RichText): string {
  return plainText(nodes, (tex) => plainText(texToInlines(tex)));
}

const SETTINGS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) };
const HTML_TAGS = new Set(['section', 'ol', 'li', 'i', 'b', 'strong', 'span', 'sup', 'sub', 'a']);
const MARKDOWN_TAGS = new Set(['ul', 'li', 'p', 'em', 'strong', 'a', 'sup', 'sub', 'code']);

describe('arbitrary titles, authors and venues', () => {
  it('cite: never throws, keeps every title, venue and family name, marks the owner', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paper, { minLength: 1, maxLength: 3 }), async (papers) => {
        const document = await cited(database(papers), 'ieee');
        const entries = document.groups.flatMap((group) => group.entries);
        expect(entries).toHaveLength(papers.length);
        for (const entry of entries) {
          const source = papers[Number(entry.id.slice(1))] as (typeof papers)[number];
          const printed = core(plainText(entry.text, (tex) => `$${tex}$`));
          expect(printed).toContain(core(source.title.replace(/[\uE000-\uE003]/g, '')));
          expect(printed).toContain(core(source.venue.replace(/[\uE000-\uE003]/g, '')));
          expect(printed).toContain(core(source.family.replace(/[\uE000-\uE003]/g, '')));
          expect(JSON.stringify(entry.text)).toContain('"kind":"owner"');
        }
      }),
      SETTINGS,
    );
  });

  it('html: parses, has only publist’s elements and web links, holds the entry text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paper, { minLength: 1, maxLength: 3 }), async (papers) => {
        const db = database(papers);
        const document = await cited(db, 'apa');
        const html = await render(db, 'html', 'apa');
        const fragment = parseFragment(html);
        for (const element of elements(fragment)) {
          expect(HTML_TAGS).toContain(element.tagName);
          if (element.tagName === 'a') {
            expect(element.attrs.find((attr) => attr.name === 'href')?.value).toMatch(
              /^https:\/\//,
            );
          }
        }
        const items = elements(fragment).filter((element) => element.tagName === 'li');
        const entries = document.groups.flatMap((group) => group.entries);
        expect(items.map(textContent)).toEqual(entries.map((entry) => htmlText(entry.text)));
      }),
      SETTINGS,
    );
  });

  it('markdown: parses back to the entry text, with no HTML, link or emphasis of its own', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paper, { minLength: 1, maxLength: 3 }), async (papers) => {
        const db = database(papers);
        const document = await cited(db, 'apa');
        const source = await render(db, 'markdown', 'apa');
        const fragment = parseFragment(markdown.render(source));
        const tags = elements(fragment);
        for (const element of tags) expect(MARKDOWN_TAGS).toContain(element.tagName);
        expect(tags.filter((element) => element.tagName === 'a')).toEqual([]);
        const strong = tags.filter((element) => element.tagName === 'strong').map(textContent);
        expect(strong).toEqual(papers.map(() => 'Lovelace, A.'));
        // Numbered entries are paragraphs that start with their number.
        const items = tags.filter((element) => element.tagName === 'p').map(textContent);
        const entries = document.groups.flatMap((group) => group.entries);
        expect(items).toEqual(
          entries.map((entry) => `[${entry.number}] ${plainText(entry.text, (tex) => `$${tex}$`)}`),
        );
      }),
      SETTINGS,
    );
  });

  it('text: one line per entry, exactly the entry text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(paper, { minLength: 1, maxLength: 3 }), async (papers) => {
        const db = database(papers);
        const document = await cited(db, 'ieee');
        const output = await render(db, 'text', 'ieee');
        const lines = output.trimEnd().split('\n');
        const entries = document.groups.flatMap((group) => group.entries);
        expect(lines).toEqual(
          entries.map((entry) => `[${entry.number}] ${plainText(entry.text, texToUnicode)}`),
        );
      }),
      SETTINGS,
    );
  });
});
