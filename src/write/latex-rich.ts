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
          out += this.text(node.text, where, inLink);
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

  /**
   * Text, with every web address in it free to break where the url package breaks one, so
   * that no address — a link's text, or one a note prints as text — runs into the margin.
   */
  private text(text: string, where: string, inLink: boolean): string {
    const escape = (part: string) => this.escaper.text(part, where);
    // A link's text without spaces is an address (a DOI, an arXiv id) even with no scheme.
    if (inLink && !/\s/.test(text)) return breakableAddress(text, escape);
    if (!text.includes('://')) return escape(text);
    let out = '';
    let last = 0;
    for (const match of text.matchAll(ADDRESS_IN_TEXT)) {
      out += escape(text.slice(last, match.index)) + breakableAddress(match[0], escape);
      last = match.index + match[0].length;
    }
    return out + escape(text.slice(last));
  }
}

/** A web address in running text, without the punctuation that ends the sentence after it. */
const ADDRESS_IN_TEXT = /\b(?:https?|ftp):\/\/[^\s<>"]*[^\s<>".,;:!?'’”)\]]/g;

/** Letters and digits in a row that an address may break inside, as a last resort. */
const LONG_PIECE = 3;

/**
 * An address escaped in pieces, with a break allowed after each `/ . ? & = # _ + ~ -` in it,
 * as the url package allows (not inside the `//` after the scheme). A longer run of letters
 * and digits (a DOI's `S0960129514000516`) may also break between any two of them, at a
 * cost, so that TeX takes such a break only when a line would otherwise overflow.
 */
function breakableAddress(address: string, escape: (text: string) => string): string {
  const pieces = address.split(/(?:(?<=[.?&=#_+~-])|(?<=(?<![/:])\/))(?=[^/])/);
  return pieces
    .map((piece) =>
      piece
        .split(/(?<=[\p{L}\p{N}])(?=[\p{L}\p{N}])/u)
        .map(escape)
        .join(piece.length > LONG_PIECE && !piece.includes(':') ? '\\penalty1000{}' : ''),
    )
    .join('\\allowbreak{}');
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
