/** The rich-text tree as LaTeX: markup from the style, the owner marked, links as \href. */
import type { RichText } from '../richtext/richtext.js';
import { TexEscaper } from './tex-escape.js';

export interface LatexRichOptions {
  /** \href links; without it, link texts are printed as plain text (no hyperref needed). */
  hyperref: boolean;
}

const COMMANDS = {
  italic: '\\textit',
  bold: '\\textbf',
  smallcaps: '\\textsc',
  superscript: '\\textsuperscript',
  subscript: '\\textsubscript',
  // A macro of its own, so that a document can restyle the owner (\textbf by default).
  owner: '\\publistowner',
} as const;

const LINK_SCHEMES = /^(https?|mailto|ftp):/i;

export class LatexRich {
  constructor(
    readonly escaper: TexEscaper,
    private readonly options: LatexRichOptions,
  ) {}

  /** `where` names the entry in warnings. */
  render(nodes: RichText, where: string, inLink = false): string {
    let out = '';
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          out += inLink
            ? breakableUrlText(this.escaper.text(node.text, where))
            : this.escaper.text(node.text, where);
          break;
        case 'math':
          out += this.escaper.math(node.tex, where);
          break;
        case 'link': {
          const inner = this.render(node.children, where, true);
          const target = this.options.hyperref ? hrefTarget(node.url) : undefined;
          out += target ? `\\href{${target}}{${inner}}` : inner;
          break;
        }
        default:
          out += `${COMMANDS[node.kind]}{${this.render(node.children, where, inLink)}}`;
      }
    }
    return out;
  }
}

/**
 * A URL as the first argument of \href, safe even inside another command's argument (a
 * moderncv \cvitem): characters that are not URI characters are percent-encoded, `~` too (it
 * is active in TeX; %7E means the same), then `%` and `#` are escaped as hyperref expects.
 * Only web and mail links are made; anything else (javascript:, file:) is not a link.
 */
export function hrefTarget(url: string): string | undefined {
  if (!LINK_SCHEMES.test(url)) return undefined;
  const encoded = [...url]
    .map((char) =>
      /^[A-Za-z0-9\-._:/?#[\]@!$&'()*+,;=%]$/.test(char)
        ? char
        : [...new TextEncoder().encode(char)]
            .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
            .join(''),
    )
    .join('');
  return encoded.replace(/[%#]/g, (char) => `\\${char}`);
}

/** Long URLs and DOIs may break after a slash instead of running into the margin. */
function breakableUrlText(latex: string): string {
  return latex.replace(/(?<!:\/)\/(?!\/)/g, '/\\allowbreak{}');
}
