/**
 * Plain text for grant portals and web forms: one entry per line, never wrapped, no markup
 * characters (the owner cannot be bold here), math in Unicode, and the links the reference
 * does not already print, as "arXiv: https://... · Code: https://...".
 */
import { texToUnicode } from '../richtext/math.js';
import { endsSentence, plainText, type RichText } from '../richtext/richtext.js';
import { webLink } from '../richtext/web-link.js';
import {
  listContext,
  listContextShape,
  tidyLines,
  type Escaper,
  type LinkContext,
  type ListContext,
} from './list-context.js';
import type { ShapeOf } from './template-check.js';
import { loadTemplate } from './templates.js';
import type { OutputOptions, Writer } from './writer.js';

/**
 * One line: no line breaks or control characters from the data. Every Unicode line break
 * (NEL, U+0085, included) is a space, so the words either side of it stay apart.
 */
export function plainLine(text: string): string {
  return text
    .replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')
    .replace(/\p{Cc}/gu, (char) => (char === '\t' ? ' ' : ''))
    .replace(/[ \t]{2,}/g, ' ');
}

function textOf(nodes: RichText): string {
  return plainLine(plainText(nodes, texToUnicode));
}

const textEscaper: Escaper = {
  rich: textOf,
  plain: plainLine,
  url: webLink,
};

/**
 * Between two links, and between a reference that ends with an address (IEEE's
 * "Available: https://…") and its first link: a mark that reads as a break and that no
 * address takes in when pasted, as a full stop after a bare address would be.
 */
const LINK_SEPARATOR = ' · ';

/** " · " before a link, a space after a full stop, nothing in an entry the style printed empty. */
function separatorBefore(index: number, text: string): string {
  if (index > 0) return LINK_SEPARATOR;
  if (!text) return '';
  return endsSentence(text) ? ' ' : LINK_SEPARATOR;
}

/**
 * The context of the text template: each link knows what goes before it. Set in place: a
 * copy of an entry (`{...entry}`) would read its paper record, which is built only when a
 * template reads it.
 */
function withSeparators(context: ListContext): ListContext {
  for (const group of context.groups) {
    for (const entry of group.entries) {
      entry.links = entry.links.map((link, index): TextLinkContext => ({
        ...link,
        separator: separatorBefore(index, entry.text),
      }));
    }
  }
  return context;
}

/** A link in the text template's context. */
interface TextLinkContext extends LinkContext {
  /** What goes before the link (" · ", or a space after a full stop). */
  separator: string;
}

const TEXT_LINK_SHAPE = {
  kind: 'value',
  label: 'value',
  url: 'value',
  separator: 'value',
} satisfies ShapeOf<TextLinkContext>;

function textTemplate({ template, templatesDir }: OutputOptions) {
  return loadTemplate(
    'text',
    template ?? 'default',
    templatesDir,
    listContextShape(TEXT_LINK_SHAPE),
  );
}

export const textWriter: Writer = {
  format: 'text',
  marksOwner: false,
  description: 'Plain text: one entry per line, paste-ready for grant portals',
  defaultFile: () => 'publications.txt',
  template: textTemplate,
  async write(request) {
    // Before citing: a template that is not there is said before any formatting.
    const render = await textTemplate(request.output);
    const document = await request.cite();
    const context = withSeparators(listContext(document, request, textEscaper));
    return tidyLines(render(context));
  },
};
