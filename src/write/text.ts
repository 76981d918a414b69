/**
 * Plain text for grant portals and web forms: one entry per line, never wrapped, no markup
 * characters (the owner cannot be bold here), math in Unicode, and the links the reference
 * does not already print, as "Code: https://...".
 */
import { texToUnicode } from '../richtext/math.js';
import { plainText, type RichText } from '../richtext/richtext.js';
import { listContext, tidyLines, type Escaper } from './list-context.js';
import { loadTemplate } from './templates.js';
import type { Writer } from './writer.js';

/** One line: no line breaks or control characters from the data. */
export function plainLine(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\p{Cc}/gu, (char) => (char === '\t' ? ' ' : ''))
    .replace(/[ \t]{2,}/g, ' ');
}

function textOf(nodes: RichText): string {
  return plainLine(plainText(nodes, texToUnicode));
}

const textEscaper: Escaper = {
  rich: textOf,
  plain: plainLine,
  url: (url) => (/^https?:\/\/\S+$/i.test(url) ? url : undefined),
};

export const textWriter: Writer = {
  format: 'text',
  description: 'Plain text: one entry per line, paste-ready for grant portals',
  defaultFile: () => 'publications.txt',
  async write(request) {
    const document = await request.cite();
    const context = listContext(document, request.database, request.output.standalone, textEscaper);
    const render = await loadTemplate(
      'text',
      request.output.template ?? 'default',
      request.output.templatesDir,
    );
    return tidyLines(render(context));
  },
};
