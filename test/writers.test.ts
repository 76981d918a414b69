/** The Markdown, HTML and text writers, read back with markdown-it and parse5. */
import MarkdownIt from 'markdown-it';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/model/paper.js';
import type { RenderOptions } from '../src/model/schema.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import type { OutputOptions } from '../src/write/writer.js';
import { validateDatabase } from '../src/validate/validate.js';
import { DEFAULT_DB } from './support/cli.js';
import { comparable, compileLatex } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const seed: Database = await validateDatabase(
  parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')),
);

async function render(
  format: string,
  overrides: Partial<RenderOptions> = {},
  output: Partial<OutputOptions> = {},
  database: Database = seed,
): Promise<string> {
  const result = await renderDatabase(database, { format, overrides, output });
  return String(result.content);
}

const markdown = new MarkdownIt();

/** The inline tokens of a Markdown document, flattened. */
function inlineTokens(source: string) {
  return markdown.parse(source, {}).flatMap((token) => token.children ?? []);
}

function elements(node: Node, name: string): Element[] {
  const found: Element[] = [];
  const walk = (current: Node) => {
    if ('tagName' in current && current.tagName === name) found.push(current);
    if ('childNodes' in current) current.childNodes.forEach(walk);
    if ('content' in current && current.content) walk(current.content as unknown as Node);
  };
  walk(node);
  return found;
}

function textContent(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textContent).join('') : '';
}

const attribute = (element: Element, name: string) =>
  element.attrs.find((attr) => attr.name === name)?.value;

describe('markdown', () => {
  /**
   * The blocks a Markdown reader finds: headings, paragraphs and list items, each with its
   * rendered text, from markdown-it's tokens.
   */
  function blocks(source: string): { kind: string; text: string }[] {
    const tokens = markdown.parse(source, {});
    const out: { kind: string; text: string }[] = [];
    let inItem = 0;
    tokens.forEach((token, index) => {
      if (token.type === 'list_item_open') inItem++;
      if (token.type === 'list_item_close') inItem--;
      if (token.type !== 'inline') return;
      const opener = tokens[index - 1]?.type;
      const kind = opener === 'heading_open' ? 'heading' : inItem ? 'item' : 'paragraph';
      const text = (token.children ?? [])
        .filter((child) => child.type === 'text' || child.type === 'code_inline')
        .map((child) => child.content)
        .join('');
      out.push({ kind, text });
    });
    return out;
  }

  /** The same document through pandoc's GFM reader: its blocks as HTML tags and text. */
  function pandocBlocks(source: string): { kind: string; text: string }[] {
    const html = execFileSync('pandoc', ['--from=gfm', '--to=html', '--wrap=none'], {
      input: source,
      encoding: 'utf8',
    });
    const fragment = parseFragment(html);
    const kinds: Record<string, string> = {
      h1: 'heading',
      h2: 'heading',
      p: 'paragraph',
      li: 'item',
    };
    const out: { kind: string; text: string }[] = [];
    const walk = (node: Node) => {
      const kind = 'tagName' in node ? kinds[node.tagName] : undefined;
      if (kind) out.push({ kind, text: textContent(node) });
      else if ('childNodes' in node) node.childNodes.forEach(walk);
    };
    walk(fragment);
    return out;
  }

  const countdown = Array.from({ length: 20 }, (_, index) => `[${20 - index}]`);
  const countup = Array.from({ length: 20 }, (_, index) => `[${index + 1}]`);

  it.each([
    ['descending', {}, countdown],
    ['ascending', { numbering: 'ascending' as const }, countup],
    ['per group', { numbering: 'ascending' as const, numbering_scope: 'group' as const }, null],
  ])(
    'numbered %s: a heading per group, each entry a paragraph starting with its number',
    async (_, overrides, numbers) => {
      const source = await render('markdown', overrides);
      const read = blocks(source);
      expect(read.filter((block) => block.kind === 'heading').map((block) => block.text)).toEqual([
        '2026',
        '2025',
        '2024',
        '2023',
        '2022',
        '2021',
      ]);
      expect(read.filter((block) => block.kind === 'item')).toEqual([]);
      const entries = read.filter((block) => block.kind === 'paragraph');
      expect(entries).toHaveLength(20);
      const labels = entries.map((block) => /^\[\d+\] /.exec(block.text)?.[0].trim());
      if (numbers) expect(labels).toEqual(numbers);
      else expect(labels.slice(0, 3)).toEqual(['[1]', '[2]', '[1]']);
      if (toolsAvailable('pandoc')) expect(pandocBlocks(source)).toEqual(read);
    },
  );

  it('unnumbered: a bullet list per group', async () => {
    const source = await render('markdown', { numbering: 'none' });
    const read = blocks(source);
    expect(read.filter((block) => block.kind === 'item')).toHaveLength(20);
    expect(read.filter((block) => block.kind === 'paragraph')).toEqual([]);
    expect(read.find((block) => block.kind === 'item')?.text).toMatch(/^L\. He, …, B\. Liao/);
    if (toolsAvailable('pandoc')) expect(pandocBlocks(source)).toEqual(read);
  });

  it('makes the owner, and nothing else, bold; links go to the web only', async () => {
    const tokens = inlineTokens(await render('markdown'));
    const strong = tokens
      .map((token, index) => (token.type === 'strong_open' ? tokens[index + 1]?.content : null))
      .filter((content) => content !== null);
    expect(strong).toHaveLength(19);
    expect(new Set(strong)).toEqual(new Set(['B. Liao']));
    const hrefs = tokens
      .filter((token) => token.type === 'link_open')
      .map((token) => token.attrGet('href'));
    expect(hrefs.length).toBeGreaterThan(20);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
    expect(hrefs).toContain('https://github.com/BaohaoLiao/SAGE');
  });

  it('bolds the owner in every name form', async () => {
    for (const [style, name] of [
      ['apa', 'Liao, B.'],
      ['vancouver', 'Liao B'],
      ['association-for-computing-machinery', 'Baohao Liao'],
    ] as const) {
      const tokens = inlineTokens(await render('markdown', { style }));
      const strong = tokens
        .map((token, index) => (token.type === 'strong_open' ? tokens[index + 1]?.content : null))
        .filter((content) => content !== null);
      expect(strong, style).toHaveLength(19);
      expect(new Set(strong), style).toEqual(new Set([name]));
    }
  });

  it('links each address once per entry; a link showing its address is an autolink', async () => {
    for (const style of ['ieee', 'apa']) {
      const source = await render('markdown', { style });
      const entries = markdown.parse(source, {}).filter((token) => /^\\\[\d+/.test(token.content));
      expect(entries, style).toHaveLength(20);
      for (const entry of entries) {
        const links = (entry.children ?? []).filter((token) => token.type === 'link_open');
        const hrefs = links.map((token) => token.attrGet('href'));
        expect(new Set(hrefs).size, entry.content).toBe(hrefs.length);
        for (const link of links.filter((token) => token.markup !== 'autolink')) {
          expect(entry.content, 'a link showing its own address').not.toContain(
            `[${link.attrGet('href')}](`,
          );
        }
      }
      // IEEE: "Available: <https://arxiv.org/abs/...>", and no [arXiv] label after it.
      if (style === 'ieee') {
        expect(source).toContain('Available: <https://arxiv.org/abs/2602.03143> [\\[Code\\]](');
        expect(source).not.toContain('[\\[arXiv\\]](https://arxiv.org/abs/2602.03143)');
      }
    }
  });

  it('shows an address with parentheses as written where the link is its own text', async () => {
    const database = await validateDatabase(
      parseSource(
        'doi.yaml',
        'owner: { name: Ada Lovelace }\npapers:\n  - { id: d, type: journal, title: A paper, authors: [Ada Lovelace], date: 2001, venue: Annals, doi: "10.1016/S0168-0072(01)00079-3" }\n',
      ),
    );
    const address = 'https://doi.org/10.1016/S0168-0072(01)00079-3';
    const apa = await render('markdown', { style: 'apa' }, {}, database);
    expect(apa).toContain(`<${address}>`);
    const tokens = inlineTokens(apa);
    const link = tokens.find((token) => token.type === 'link_open');
    expect(link?.attrGet('href')).toBe(address);
    expect(tokens[tokens.indexOf(link as (typeof tokens)[number]) + 1]?.content).toBe(address);
    // A link with a text of its own keeps its address encoded, as `[text](url)` needs it.
    const ieee = await render('markdown', { style: 'ieee' }, {}, database);
    expect(ieee).toContain(
      '[10.1016/S0168-0072(01)00079-3](https://doi.org/10.1016/S0168-0072%2801%2900079-3)',
    );
  });

  it('writes math for the reader asked for: GitHub, pandoc and MathJax, or kramdown', async () => {
    const database = await validateDatabase(
      parseSource(
        'math.yaml',
        'owner: { name: Ada Lovelace }\npapers:\n  - { id: m, type: journal, title: "Bounds for $\\\\beta_1$, $x^2$ and $<img src=x onerror=alert(1)>$", authors: [Ada Lovelace], date: 2020, venue: J }\n',
      ),
    );
    const entry = async (math?: string) =>
      (
        await render(
          'markdown',
          { style: 'apa' },
          { flags: math ? { 'markdown-math': math } : {} },
          database,
        )
      )
        .trim()
        .split('\n')
        .at(-1);
    const github = 'Bounds for $`\\beta_1`$, $x^2$ and $`<img src=x onerror=alert(1)>`$';
    expect(await entry()).toContain(github);
    expect(await entry('github')).toContain(github);
    expect(await entry('dollars')).toContain(
      'Bounds for $\\beta_1$, $x^2$ and $< img src=x onerror=alert(1)>$',
    );
    expect(await entry('kramdown')).toContain(
      'Bounds for $$\\beta_1$$, $$x^2$$ and $$< img src=x onerror=alert(1)>$$',
    );
    // Read by a Markdown reader that knows no math and lets HTML through: still no tag.
    const withHtml = new MarkdownIt({ html: true });
    for (const math of ['github', 'dollars', 'kramdown']) {
      const tokens = withHtml.parseInline((await entry(math)) ?? '', {})[0]?.children ?? [];
      expect(
        tokens.filter((token) => token.type === 'html_inline'),
        math,
      ).toEqual([]);
    }
  });

  it.runIf(toolsAvailable('pandoc'))('writes math pandoc reads as math with dollars', async () => {
    const database = await validateDatabase(
      parseSource(
        'math.yaml',
        'owner: { name: Ada Lovelace }\npapers:\n  - { id: m, type: journal, title: "Bounds for $\\\\beta_1$ and $x^2$", authors: [Ada Lovelace], date: 2020, venue: J }\n',
      ),
    );
    const html = execFileSync('pandoc', ['--from=markdown', '--to=html', '--wrap=none'], {
      input: await render(
        'markdown',
        { style: 'apa' },
        { flags: { 'markdown-math': 'dollars' } },
        database,
      ),
      encoding: 'utf8',
    });
    expect(html).toContain(
      'Bounds for <span class="math inline"><em>β</em><sub>1</sub></span> and <span class="math inline"><em>x</em><sup>2</sup></span>',
    );
  });

  it.runIf(toolsAvailable('pandoc'))(
    'reads back in pandoc’s GFM without nested links',
    async () => {
      const html = execFileSync('pandoc', ['--from=gfm', '--to=html', '--wrap=none'], {
        input: await render('markdown', { style: 'apa' }),
        encoding: 'utf8',
      });
      expect(html).not.toMatch(/<a [^>]*>[^<]*<a /);
      expect(html).toContain(
        '<a href="https://arxiv.org/abs/2602.03143">https://arxiv.org/abs/2602.03143</a> <a href="https://github.com/BaohaoLiao/SAGE">[Code]</a>',
      );
    },
  );

  it('adds a title with --standalone', async () => {
    const source = await render('markdown', {}, { standalone: true });
    expect(source.startsWith('# Publications — Baohao Liao\n')).toBe(true);
  });

  it('writes bold inside bold once: a style that bolds each name of a bold author list', async () => {
    const style = join(mkdtempSync(join(tmpdir(), 'publist-bold-')), 'bold-names.csl');
    writeFileSync(
      style,
      `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Bold names</title><id>bold-names</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group font-weight="bold"><names variable="author"><name font-weight="bold" initialize-with="." delimiter=", "/></names></group>
    <text variable="title" prefix=". "/>
  </layout></bibliography>
</style>
`,
    );
    const source = await render('markdown', { style });
    expect(source).not.toContain('***');
    const tokens = inlineTokens(source);
    expect(tokens.filter((token) => token.type === 'text' && token.content.includes('*'))).toEqual(
      [],
    );
    const strong = tokens
      .map((token, index) => (token.type === 'strong_open' ? tokens[index + 1]?.content : null))
      .filter((content) => content !== null);
    expect(strong).toHaveLength(20);
    expect(strong).toContain('B. Liao, H. Dong, X. Xu, C. Monz, J. Bian');
  });
});

describe('html', () => {
  it('writes a list per group, each entry numbered by value, the owner in <strong>', async () => {
    const fragment = parseFragment(await render('html'));
    expect(elements(fragment, 'h2').map(textContent)).toEqual([
      '2026',
      '2025',
      '2024',
      '2023',
      '2022',
      '2021',
    ]);
    expect(elements(fragment, 'ol')).toHaveLength(6);
    const items = elements(fragment, 'li');
    expect(items.map((item) => Number(attribute(item, 'value')))).toEqual(
      Array.from({ length: 20 }, (_, index) => 20 - index),
    );
    const owners = elements(fragment, 'strong');
    expect(owners).toHaveLength(19);
    expect(new Set(owners.map(textContent))).toEqual(new Set(['B. Liao']));
    expect(elements(fragment, 'b')).toEqual([]);
    for (const link of elements(fragment, 'a')) expect(attribute(link, 'href')).toMatch(/^https:/);
  });

  it('writes a whole page with --standalone', async () => {
    const page = parse(await render('html', {}, { standalone: true }));
    expect(elements(page, 'title').map(textContent)).toEqual(['Publications — Baohao Liao']);
    expect(attribute(elements(page, 'html')[0] as Element, 'lang')).toBe('en');
    expect(elements(page, 'li')).toHaveLength(20);
  });

  it('links each address once per entry', async () => {
    for (const style of ['ieee', 'apa']) {
      const items = elements(parseFragment(await render('html', { style })), 'li');
      expect(items).toHaveLength(20);
      for (const item of items) {
        const hrefs = elements(item, 'a').map((link) => attribute(link, 'href'));
        expect(new Set(hrefs).size, textContent(item)).toBe(hrefs.length);
      }
    }
  });

  it('uses <ul> when the entries are not numbered', async () => {
    const fragment = parseFragment(await render('html', { numbering: 'none' }));
    expect(elements(fragment, 'ol')).toEqual([]);
    expect(elements(fragment, 'ul')).toHaveLength(6);
  });
});

describe('text', () => {
  it('writes one line per entry, without markup', async () => {
    const text = await render('text');
    const entries = text.split('\n').filter((line) => /^\[\d+\] /.test(line));
    expect(entries).toHaveLength(20);
    expect(text).not.toMatch(/[*<>_]|\\/);
    expect(entries[1]).toMatch(
      /^\[19\] B\. Liao, H\. Dong, .* Code: https:\/\/github\.com\/BaohaoLiao\/SAGE$/,
    );
  });
});

describe('text: the links after a reference read as items of their own', () => {
  const LINK = /(?:DOI|arXiv|URL|PDF|Code|Slides|Video|Poster): https?:\/\/\S+/g;
  const lines = async (style: string) =>
    (await render('text', { style })).split('\n').filter((line) => /^\[\d+\] /.test(line));

  it.each(['ieee', 'apa', 'chicago-author-date', 'modern-language-association', 'vancouver'])(
    '%s: an address never runs into the next label, and none gets a full stop',
    async (style) => {
      for (const line of await lines(style)) {
        // "https://x Code: ..." runs on; "https://x. Code: ..." (the style's full stop) does not.
        expect(line).not.toMatch(
          /https?:\/\/\S*[^\s.] (?:DOI|arXiv|URL|PDF|Code|Slides|Video|Poster):/,
        );
        for (const link of line.matchAll(LINK)) {
          const after = line.slice((link.index ?? 0) + link[0].length);
          expect(after === '' || after.startsWith(' · '), line).toBe(true);
        }
      }
    },
  );

  it('separates them from an address the style ends with, and after a full stop needs nothing', async () => {
    const ieee = await lines('ieee');
    expect(ieee[1]).toMatch(
      /Available: https:\/\/arxiv\.org\/abs\/2602\.03143 · Code: https:\/\/github\.com\/BaohaoLiao\/SAGE$/,
    );
    expect(ieee.find((line) => line.startsWith('[13] '))).toMatch(
      /liao25f\.html · arXiv: https:\/\/arxiv\.org\/abs\/2501\.19324 · Code: https:\/\/github\.com\/BaohaoLiao\/RSD$/,
    );
    const chicago = await lines('chicago-author-date');
    expect(chicago[1]).toMatch(
      /https:\/\/arxiv\.org\/abs\/2602\.03143\. Code: https:\/\/github\.com\/BaohaoLiao\/SAGE$/,
    );
  });
});

describe('text: each address once per line', () => {
  it.each(['ieee', 'apa'])('%s', async (style) => {
    const lines = (await render('text', { style }))
      .split('\n')
      .filter((line) => /^\[\d+\] /.test(line));
    expect(lines).toHaveLength(20);
    for (const line of lines) {
      const urls = line.match(/https?:\/\/\S+?(?=[.,;]?(?:\s|$))/g) ?? [];
      expect(new Set(urls).size, line).toBe(urls.length);
    }
  });
});

const TWO_TOPICS = await validateDatabase(
  parseSource(
    'two-topics.yaml',
    `
owner: { name: Ada Lovelace }
topics: { CL: Computation and Language, LG: Machine Learning }
render: { group_by: topic, numbering: descending, style: ieee }
papers:
  - id: engine
    type: journal
    title: Notes on the Engine
    authors: [Ada Lovelace, { name: Charles Babbage, equal: true, corresponding: true }]
    venue: Journal of Things
    date: 1843
    topics: [CL, LG]
  - id: engine-2
    type: journal
    title: Sketch of the Engine
    authors: [Luigi Menabrea, Ada Lovelace]
    venue: Journal of Things
    date: 1842
    topics: [LG]
`,
  ),
);

describe('a paper listed under two topics, and the legend', () => {
  it('html: every id in the page is unique; the legend follows the lists', async () => {
    const fragment = parseFragment(await render('html', {}, {}, TWO_TOPICS));
    const ids = elements(fragment, 'li').map((item) => attribute(item, 'id'));
    expect(ids).toEqual(['engine', 'engine-3', 'engine-2']);
    const section = elements(fragment, 'section')[0] as Element;
    const last = section.childNodes.filter((node) => 'tagName' in node).at(-1) as Element;
    expect(last.tagName).toBe('p');
    expect(attribute(last, 'class')).toBe('legend');
    expect(
      last.childNodes.map((node) => ('tagName' in node ? `<${node.tagName}>` : textContent(node))),
    ).toEqual(['* equal contribution', '<br>', '† corresponding author']);
  });

  it('markdown: the legend is one paragraph after the last entry', async () => {
    const source = await render('markdown', {}, {}, TWO_TOPICS);
    const paragraphs = markdown
      .parse(source, {})
      .filter(
        (token, index, all) => token.type === 'inline' && all[index - 1]?.type === 'paragraph_open',
      )
      .map((token) => markdown.renderInline(token.content));
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs.at(-1)).toBe('* equal contribution; † corresponding author');
  });

  it('text: the legend is one line after a blank line, unlike an entry or a heading', async () => {
    const lines = (await render('text', {}, {}, TWO_TOPICS)).trimEnd().split('\n');
    expect(lines.slice(-3)).toEqual([
      expect.stringMatching(/^\[1\] L\. Menabrea and A\. Lovelace,/),
      '',
      '* equal contribution; † corresponding author',
    ]);
  });
});

const TITLE =
  '<script>alert(1)</script> *not bold* _x_ [link](javascript:alert(2)) # `code` | ~~s~~ &amp; 1. \\input{x} %';

const HOSTILE_YAML = `
owner: { name: Ada Lovelace }
papers:
  - id: hostile
    type: journal
    title: ${JSON.stringify(TITLE)}
    authors: ['Ada Lovelace', { literal: 'Eve <img src=x onerror=alert(3)>' }]
    venue: '**Venue** <b>x</b>'
    date: 2020
`;

const hostile = await validateDatabase(parseSource('hostile.yaml', HOSTILE_YAML));
const withJavascriptUrl: Database = {
  ...hostile,
  papers: hostile.papers.map((paper) => ({ ...paper, url: 'javascript:alert(4)' })),
};

describe('hostile data stays inert', () => {
  it('a title of the user’s with markup is text in every heading', async () => {
    const page = parse(await render('html', { title: TITLE }, { standalone: true }, hostile));
    expect(elements(page, 'script')).toEqual([]);
    expect(elements(page, 'title').map(textContent)).toEqual([`${TITLE} — Ada Lovelace`]);
    expect(elements(page, 'h1').map(textContent)).toEqual([`${TITLE} — Ada Lovelace`]);
    const fragment = parseFragment(await render('html', { title: TITLE }, {}, hostile));
    expect(elements(fragment, 'h1').map(textContent)).toEqual([TITLE]);
    const source = await render('markdown', { title: TITLE }, {}, hostile);
    const tokens = markdown.parse(source, {});
    expect(tokens[0]?.type).toBe('heading_open');
    const heading = tokens[1]?.children ?? [];
    expect(heading.map((token) => token.type)).toEqual(['text']);
    expect(heading[0]?.content).toBe(TITLE);
    expect(markdown.render(source)).not.toMatch(/<script|<code>|<s>|href="javascript/i);
    const text = await render('text', { title: TITLE }, {}, hostile);
    expect(text.split('\n')[0]).toBe(TITLE);
  });

  it('html: no element, attribute or link from the data', async () => {
    const fragment = parseFragment(await render('html', {}, {}, withJavascriptUrl));
    expect(elements(fragment, 'script')).toEqual([]);
    expect(elements(fragment, 'img')).toEqual([]);
    expect(elements(fragment, 'b')).toEqual([]);
    for (const link of elements(fragment, 'a')) {
      expect(attribute(link, 'href')).not.toMatch(/javascript/i);
    }
    const text = textContent(fragment);
    expect(text).toContain(TITLE);
    expect(text).toContain('<img src=x onerror=alert(3)>');
  });

  it('markdown: the same text back, no HTML, no link, no emphasis from the data', async () => {
    const source = await render('markdown', {}, {}, withJavascriptUrl);
    const html = markdown.render(source);
    expect(html).not.toMatch(/<script|<img|<s>|<code>|href="javascript/i);
    // The only emphasis is the style's: the journal in italics.
    expect(html.match(/<em>.*?<\/em>/g)).toEqual(['<em>**Venue** &lt;b&gt;x&lt;/B&gt;</em>']);
    const inline = inlineTokens(source);
    expect(inline.filter((token) => token.type === 'link_open')).toEqual([]);
    expect(inline.filter((token) => token.type === 'strong_open')).toHaveLength(1);
    const text = inline
      .filter((token) => token.type === 'text')
      .map((token) => token.content)
      .join('');
    expect(text).toContain(TITLE);
  });

  it('text: the data as written, on one line', async () => {
    const text = await render('text', {}, {}, withJavascriptUrl);
    expect(text).toContain(TITLE);
    expect(text).not.toContain('javascript:alert(4)');
  });
});

/** The hostile paper with math in its title and a `javascript:` address for its code too. */
const hostileWithMath: Database = {
  ...withJavascriptUrl,
  papers: withJavascriptUrl.papers.map((paper) => ({
    ...paper,
    title: `${paper.title} $x^2$`,
    code: 'javascript:alert(5)',
  })),
};

/** Renders `format` through a template of the user's, from `path` ("html/fragment.hbs"). */
async function renderWithTemplate(
  format: string,
  path: string,
  template: string,
  database = hostileWithMath,
) {
  const folder = mkdtempSync(join(tmpdir(), 'publist-templates-'));
  mkdirSync(join(folder, format));
  writeFileSync(join(folder, path), template);
  return render(format, {}, { templatesDir: folder }, database);
}

/**
 * The hostile paper with the line breaks a database can hold (CR LF, U+2028, NEL) and a tab
 * in its title, an author, its note and an `extra` field's name (validate refuses the
 * invisible characters; the text test adds a C1 control, as a library caller could).
 */
const HOSTILE_LINES_YAML = `
owner: { name: Ada Lovelace }
papers:
  - id: hostile
    type: journal
    title: ${JSON.stringify(TITLE).slice(0, -1)} $x^2$ \\r\\nsecond\\u2028third\\u0085fourth\\tcol"
    authors: ['Ada Lovelace', { literal: "Eve <img src=x onerror=alert(3)>\\nNewline" }]
    venue: '**Venue** <b>x</b> \\textbf{y}'
    note: "to appear\\r\\n# not a heading"
    extra: { "<i>key</i>\\n": '[link](javascript:alert(6))' }
    date: 2020
`;

describe("hostile data stays inert through a template's paper fields", () => {
  it('html: no element, attribute or link from the data; math as the reference prints it', async () => {
    const fragment = parseFragment(
      await renderWithTemplate(
        'html',
        'html/fragment.hbs',
        '{{#each groups}}{{#each entries}}<p><span class="title">{{paper.title}}</span> <span class="authors">{{#each paper.authors}}{{#if owner}}<strong>{{name}}</strong>{{else}}<span>{{name}}</span>{{/if}}{{/each}}</span> <em>{{paper.venue}}</em> {{paper.year}}{{#if paper.url}}<a href="{{paper.url}}">URL</a>{{/if}}{{#if paper.code}}<a href="{{paper.code}}">Code</a>{{/if}}</p>{{/each}}{{/each}}\n',
      ),
    );
    expect(elements(fragment, 'script')).toEqual([]);
    expect(elements(fragment, 'img')).toEqual([]);
    expect(elements(fragment, 'b')).toEqual([]);
    expect(elements(fragment, 'a')).toEqual([]);
    const title = elements(fragment, 'span').find((span) => attribute(span, 'class') === 'title');
    expect(textContent(title as Element)).toBe(`${TITLE} x²`);
    expect(elements(fragment, 'strong').map(textContent)).toEqual(['Ada Lovelace']);
    expect(textContent(fragment)).toContain('Eve <img src=x onerror=alert(3)>');
    expect(elements(fragment, 'em').map(textContent)).toEqual(['**Venue** <b>x</b>']);
  });

  it("markdown: the same text back, no HTML, no link, no emphasis but the template's", async () => {
    const source = await renderWithTemplate(
      'markdown',
      'markdown/default.hbs',
      '{{#each groups}}{{#each entries}}{{paper.title}} — {{#each paper.authors}}{{#if owner}}**{{name}}**{{else}}{{name}}{{/if}}{{#unless @last}}, {{/unless}}{{/each}} — *{{paper.venue}}*{{#if paper.url}} [URL]({{paper.url}}){{/if}}{{#if paper.code}} [Code]({{paper.code}}){{/if}}\n{{/each}}{{/each}}',
    );
    const html = markdown.render(source);
    expect(html).not.toMatch(/<script|<img|<s>|<code>|href=/i);
    expect(html.match(/<em>.*?<\/em>/g)).toEqual(['<em>**Venue** &lt;b&gt;x&lt;/b&gt;</em>']);
    expect(html.match(/<strong>.*?<\/strong>/g)).toEqual(['<strong>Ada Lovelace</strong>']);
    const text = inlineTokens(source)
      .filter((token) => token.type === 'text')
      .map((token) => token.content)
      .join('');
    expect(text).toContain(`${TITLE} $x^2$`);
    expect(text).toContain('Eve <img src=x onerror=alert(3)>');
  });

  it('text: the data as written on one line, math in Unicode, no control character, no link', async () => {
    const hostileLines = await validateDatabase(parseSource('hostile.yaml', HOSTILE_LINES_YAML));
    const text = await renderWithTemplate(
      'text',
      'text/default.hbs',
      '{{#each groups}}{{#each entries}}{{paper.title}} | {{#each paper.authors}}{{name}}{{#unless @last}}, {{/unless}}{{/each}} | {{paper.venue}} | {{paper.note}}{{#each paper.extra}} | {{@key}}: {{this}}{{/each}}{{#if paper.url}} | {{paper.url}}{{/if}}{{#if paper.code}} | {{paper.code}}{{/if}}\n{{/each}}{{/each}}',
      {
        ...hostileLines,
        papers: hostileLines.papers.map((paper) => ({
          ...paper,
          // CSI, which terminals obey: a Database built in code may hold it.
          title: `${paper.title}\u009b31m`,
          url: 'javascript:alert(4)',
          code: 'javascript:alert(5)',
        })),
      },
    );
    expect(text).toBe(
      `${TITLE} x² second third fourth col31m | Ada Lovelace, Eve <img src=x onerror=alert(3)> Newline | **Venue** <b>x</b> \\textbf{y} | to appear # not a heading | <i>key</i> : [link](javascript:alert(6))\n`,
    );
    expect(text.slice(0, -1)).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
  });

  it.runIf(toolsAvailable('pdflatex', 'pdftotext', 'pdftohtml'))(
    'latex: compiles with pdflatex, the data printed as written, math as math, no link',
    async () => {
      const fragment = await renderWithTemplate(
        'latex',
        'latex/fragment.hbs',
        '{{#each groups}}{{#each entries}}\\noindent {{paper.title}}\\\\\n{{#each paper.authors}}{{#if owner}}\\textbf{ {{~name~}} }{{else}}{{name}}{{/if}}{{#unless @last}}, {{/unless}}{{/each}}\\\\\n\\textit{ {{~paper.venue~}} }, {{paper.year}}{{#if paper.url}} \\href{ {{~paper.url~}} }{URL}{{/if}}{{#if paper.code}} \\href{ {{~paper.code~}} }{Code}{{/if}}\\par\n{{/each}}{{/each}}\n',
      );
      expect(fragment).toContain('\\% $x^2$');
      const pdf = compileLatex(
        '\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage{amssymb}\\usepackage{hyperref}\n\\begin{document}\n\\input{publications}\n\\end{document}\n',
        { engine: 'pdflatex', files: { 'publications.tex': fragment } },
      );
      const shown = comparable(pdf.text);
      expect(shown).toContain(comparable(`${TITLE} x2`));
      expect(shown).toContain(comparable('Eve <img src=x onerror=alert(3)>'));
      expect(shown).toContain(comparable('**Venue** <b>x</b>, 2020'));
      expect(pdf.bold).toEqual(['Ada Lovelace']);
      expect(pdf.links).toEqual([]);
    },
  );
});

describe('templates', () => {
  it('uses a template from --templates, falling back to the built-in partials', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-templates-'));
    mkdirSync(join(folder, 'html'));
    writeFileSync(
      join(folder, 'html', 'standalone.hbs'),
      '<!DOCTYPE html><html><body data-count="{{count}}">{{> fragment}}</body></html>\n',
    );
    mkdirSync(join(folder, 'markdown'));
    writeFileSync(
      join(folder, 'markdown', 'default.hbs'),
      '{{#each groups}}{{#each entries}}{{label}} {{text}}\n{{/each}}{{/each}}',
    );
    const page = await render('html', {}, { standalone: true, templatesDir: folder });
    expect(page).toContain('<body data-count="20"><section class="publications">');
    const list = await render('markdown', { limit: 2 }, { templatesDir: folder });
    expect(list.split('\n')[0]).toMatch(/^\\\[2\\\] L\. He, …, \*\*B\. Liao\*\*/);
  });

  it('names the templates there are when asked for one that is not', async () => {
    await expect(render('html', {}, { template: 'fancy' })).rejects.toThrow(
      'output.template: no template "fancy" for html; templates: fragment, standalone',
    );
  });

  it('reports a template syntax error with its file and line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-templates-'));
    mkdirSync(join(folder, 'text'));
    writeFileSync(join(folder, 'text', 'default.hbs'), 'line one\n{{#each groups}\n');
    const problem = await render('text', {}, { templatesDir: folder }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(problem?.message).toBe(
      `${join(folder, 'text', 'default.hbs')}:2:1: template syntax: the tag {{#each groups} has one closing brace (write {{#each groups}})\n` +
        '2 | {{#each groups}\n' +
        '    ^',
    );
    writeFileSync(join(folder, 'text', 'default.hbs'), 'one\n{{#if groups}}x{{/each}}\n');
    await expect(render('text', {}, { templatesDir: folder })).rejects.toThrow(
      /text\/default\.hbs:2:16: template syntax: \{\{\/each\}\} does not match \{\{#if\}\} opened at 2:1 \(close it with \{\{\/if\}\}\)\n/,
    );
  });
});
