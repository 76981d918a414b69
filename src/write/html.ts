/**
 * HTML: a fragment to paste into a page (or a whole page with --standalone). A list per
 * group (`<ol>` with each entry's number as its `value`, so counting down works), the
 * owner in `<strong>` (or `<u>`: OWNER_TAGS), math in Unicode, every value escaped, and
 * links only to http(s) and DOI addresses.
 */
import type { Highlight } from '../model/vocabulary.js';
import { texToInlines } from '../richtext/math.js';
import type { Inline, RichText } from '../richtext/richtext.js';
import { webLink } from '../richtext/web-link.js';
import {
  HEADING_LEVEL_FLAG,
  listContext,
  listContextShape,
  tidyLines,
  type Escaper,
} from './list-context.js';
import { loadTemplate } from './templates.js';
import type { OutputOptions, Writer } from './writer.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

/** An `href` value for a link (see `webLink`); undefined for one that is none (javascript:). */
export function safeHref(url: string): string | undefined {
  const web = webLink(url);
  return web === undefined ? undefined : escapeHtml(web);
}

/**
 * The element around the owner's name. Underlined, `<u>`: every browser underlines it with
 * no style sheet, and it stays underlined when pasted into a word processor or a web
 * form's editor, which keep `<u>` where they drop a `style` attribute. The HTML standard
 * gives `<u>` to text marked out by such a mark (its example: a proper name).
 */
const OWNER_TAGS: Record<Highlight, string> = { bold: 'strong', underline: 'u' };

export function htmlInline(nodes: RichText, highlight: Highlight = 'bold'): string {
  return nodes.map((node) => htmlNode(node, highlight)).join('');
}

function htmlNode(node: Inline, highlight: Highlight): string {
  const inner = () => ('children' in node ? htmlInline(node.children, highlight) : '');
  switch (node.kind) {
    case 'text':
      return escapeHtml(node.text);
    case 'math':
      return `<span class="math">${htmlInline(texToInlines(node.tex))}</span>`;
    case 'italic':
      return `<i>${inner()}</i>`;
    case 'bold':
      return `<b>${inner()}</b>`;
    case 'owner': {
      const tag = OWNER_TAGS[highlight];
      return `<${tag} class="owner">${inner()}</${tag}>`;
    }
    case 'smallcaps':
      return `<span style="font-variant: small-caps">${inner()}</span>`;
    case 'superscript':
      return `<sup>${inner()}</sup>`;
    case 'subscript':
      return `<sub>${inner()}</sub>`;
    case 'link': {
      const href = safeHref(node.url);
      const label = inner();
      return href ? `<a href="${href}">${label}</a>` : label;
    }
  }
}

export function htmlEscaper(highlight: Highlight): Escaper {
  return {
    rich: (nodes) => htmlInline(nodes, highlight),
    plain: escapeHtml,
    url: safeHref,
  };
}

function htmlTemplate({ standalone, template, templatesDir }: OutputOptions) {
  return loadTemplate(
    'html',
    template ?? (standalone ? 'standalone' : 'fragment'),
    templatesDir,
    listContextShape(),
  );
}

export const htmlWriter: Writer = {
  format: 'html',
  description: 'HTML: a fragment to paste into a page, or a whole page with --standalone',
  defaultFile: () => 'publications.html',
  template: htmlTemplate,
  flags: [HEADING_LEVEL_FLAG],
  async write(request) {
    // Before citing: a template that is not there is said before any formatting.
    const render = await htmlTemplate(request.output);
    const document = await request.cite();
    return tidyLines(
      render(listContext(document, request, htmlEscaper(request.settings.highlight))),
    );
  },
};
