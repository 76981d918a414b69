/**
 * A paper's status, note and award show in every human-facing format, once, after the
 * reference, escaped like the rest of it, and never bold.
 */
import MarkdownIt from 'markdown-it';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { citeSelection } from '../src/cite/cite.js';
import { renderDatabase } from '../src/pipeline.js';
import { plainText } from '../src/richtext/richtext.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { databaseFrom, renderText } from './support/database.js';
import { PDF_TOOLS, flatText, pdfFile } from './support/pdf.js';
import { comparable, compileLatex } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

type Node = DefaultTreeAdapterMap['node'];

const NOTE = '*Oral* <b>talk</b> & 100% of $x$';

const database = await databaseFrom(`
owner: { name: Ada Lovelace }
render: { group_by: none, numbering: descending }
papers:
  - id: awarded
    type: conference
    title: Notes on the Analytical Engine
    authors: [Ada Lovelace, Charles Babbage]
    venue: Proceedings of Engines
    date: 2024
    status: to appear
    note: ${JSON.stringify(NOTE)}
    award: Best Paper Award
  - id: reviewed
    type: preprint
    title: Sketch of the Engine
    authors: [Charles Babbage, Ada Lovelace]
    date: 2023
    arxiv: '2301.00001'
    status: under review
`);

const AWARDED = ['To appear', `${NOTE}.`, 'Best Paper Award.'];

function occurrences(text: string, phrase: string): number {
  return text.toLowerCase().split(phrase.toLowerCase()).length - 1;
}

describe('status, note and award in the cited text', () => {
  it.each(['ieee', 'apa', 'chicago-author-date', 'vancouver', 'nature'])(
    '%s: each once, after the reference',
    async (style) => {
      const settings = resolveSettings(database.render, { style });
      const document = await citeSelection(database, selectPapers(database, settings), settings);
      const [awarded, reviewed] = document.groups.flatMap((group) =>
        group.entries.map((entry) => plainText(entry.text)),
      );
      for (const phrase of AWARDED) expect(occurrences(awarded ?? '', phrase), phrase).toBe(1);
      expect(awarded).toMatch(/Oral\* <b>talk<\/b> & 100% of \$x\$\. Best Paper Award\.$/);
      expect(occurrences(reviewed ?? '', 'under review'), reviewed).toBe(1);
    },
  );
});

describe('a note that is a web address', () => {
  it('is kept as written: not capitalised, no full stop after it', async () => {
    // BibTeX files often keep a paper's address in `note` (HoTT's references.bib does).
    const database = await databaseFrom(`
owner: { name: Ada Lovelace }
render: { group_by: none, numbering: none }
papers:
  - id: noted
    type: other
    title: A Note on Engines
    authors: [Ada Lovelace]
    date: 1843
    note: http://example.org/~ada/engines.pdf
    award: best note award
`);
    const { text } = await renderText(database, {
      format: 'text',
      overrides: { style: 'apa' },
    });
    expect(text.trim()).toBe(
      'Lovelace, A. (1843). A Note on Engines. http://example.org/~ada/engines.pdf · Best note award.',
    );
  });
});

async function render(format: string, standalone = false): Promise<string> {
  return (
    await renderText(database, {
      format,
      overrides: { style: 'ieee' },
      output: { standalone, flags: {} },
    })
  ).text;
}

describe('status, note and award in every format', () => {
  it('text', async () => {
    const lines = (await render('text')).split('\n');
    expect(lines[0]).toMatch(
      /^\[2\] A\. Lovelace and C\. Babbage, .* To appear\. \*Oral\* <b>talk<\/b> & 100% of \$x\$\. Best Paper Award\.$/,
    );
    expect(lines[1]).toMatch(
      /^\[1\] .* Available: https:\/\/arxiv\.org\/abs\/2301\.00001 · Under review\.$/,
    );
  });

  it('markdown: as text, nothing bold but the owner', async () => {
    const tokens = new MarkdownIt().parse(await render('markdown'), {});
    const inline = tokens.flatMap((token) => token.children ?? []);
    const text = inline
      .filter((token) => token.type === 'text')
      .map((token) => token.content)
      .join('');
    expect(text).toContain(`To appear. ${NOTE}. Best Paper Award.`);
    expect(text).toContain('Under review.');
    const strong = inline
      .map((token, index) => (token.type === 'strong_open' ? inline[index + 1]?.content : null))
      .filter((content) => content !== null);
    // IEEE prints a status in bold itself; what publist adds is never bold.
    expect(strong).toEqual(['A. Lovelace', 'To appear', 'A. Lovelace']);
    // The only emphasis is the style's: the venue and the repository in italics.
    const emphasis = inline
      .map((token, index) => (token.type === 'em_open' ? inline[index + 1]?.content : null))
      .filter((content) => content !== null);
    expect(emphasis).toEqual(['Proceedings of Engines', 'arXiv']);
    expect(inline.filter((token) => token.type === 'html_inline')).toEqual([]);
  });

  it('html: as escaped text, nothing bold but the owner', async () => {
    const fragment = parseFragment(await render('html'));
    const found: string[] = [];
    const walk = (node: Node) => {
      if ('tagName' in node) found.push(node.tagName);
      if ('childNodes' in node) node.childNodes.forEach(walk);
    };
    walk(fragment);
    expect(found.filter((tag) => tag === 'b')).toEqual(['b']); // IEEE's bold status
    expect(found.filter((tag) => tag === 'strong')).toHaveLength(2);
    const text = (function textOf(node: Node): string {
      if (node.nodeName === '#text' && 'value' in node) return node.value;
      return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
    })(fragment);
    expect(text).toContain(`To appear. ${NOTE}. Best Paper Award.`);
    expect(text).toContain('Under review.');
  });

  it.runIf(toolsAvailable('pdflatex'))('latex, compiled by pdflatex', async () => {
    const source = await render('latex', true);
    expect(source).toContain(
      '\\textbf{To appear}. *Oral* \\textless{}b\\textgreater{}talk\\textless{}/b\\textgreater{} \\& 100\\% of \\$x\\$. Best Paper Award.',
    );
    const pdf = compileLatex(source, { engine: 'pdflatex' });
    expect(comparable(pdf.text)).toContain(comparable(`To appear. ${NOTE}. Best Paper Award.`));
    expect(comparable(pdf.text)).toContain(comparable('Under review.'));
  });

  it.runIf(toolsAvailable(...PDF_TOOLS))('pdf', async () => {
    const { content } = await renderDatabase(database, {
      format: 'pdf',
      overrides: { style: 'ieee' },
    });
    const text = flatText(pdfFile(content as Uint8Array));
    expect(text).toContain(`To appear. ${NOTE}. Best Paper Award.`);
    expect(text).toContain('Under review.');
  });
});
