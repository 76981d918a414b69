/**
 * HTML: a fragment to paste into a page (or a whole page with --standalone). A list per
 * group (`<ol>` with each entry's number as its `value`, so counting down works), the
 * owner in `<strong>`, math in Unicode, every value escaped, and links only to http(s)
 * and DOI addresses.
 */
import { texToInlines } from '../richtext/math.js';
import type { Inline, RichText } from '../richtext/richtext.js';
import { webLink } from '../richtext/web-link.js';
import { listContext, listContextShape, tidyLines, type Escaper } from './list-context.js';
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

export function htmlInline(nodes: RichText): string {
  return nodes.map(htmlNode).join('');
}

function htmlNode(node: Inline): string {
  switch (node.kind) {
    case 'text':
      return escapeHtml(node.text);
    case 'math':
      return `<span class="math">${htmlInline(texToInlines(node.tex))}</span>`;
    case 'italic':
      return `<i>${htmlInline(node.children)}</i>`;
    case 'bold':
      return `<b>${htmlInline(node.children)}</b>`;
    case 'owner':
      return `<strong class="owner">${htmlInline(node.children)}</strong>`;
    case 'smallcaps':
      return `<span style="font-variant: small-caps">${htmlInline(node.children)}</span>`;
    case 'superscript':
      return `<sup>${htmlInline(node.children)}</sup>`;
    case 'subscript':
      return `<sub>${htmlInline(node.children)}</sub>`;
    case 'link': {
      const href = safeHref(node.url);
      const label = htmlInline(node.children);
      return href ? `<a href="${href}">${label}</a>` : label;
    }
  }
}

export const htmlEscaper: Escaper = {
  rich: htmlInline,
  plain: escapeHtml,
  url: safeHref,
};

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
  async write(request) {
    const document = await request.cite();
    const render = await htmlTemplate(request.output);
    return tidyLines(render(listContext(document, request, htmlEscaper)));
  },
};
