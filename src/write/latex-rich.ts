/** The rich-text tree as LaTeX: markup from the style, the owner marked, links as \href. */
import { RIGHT_TO_LEFT } from '../richtext/bidi.js';
import type { Inline, RichText } from '../richtext/richtext.js';
import { webLink } from '../richtext/web-link.js';
import { LONG_BREAK, TexEscaper } from './tex-escape.js';

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

  /**
   * `where` names the entry in warnings. The whole text is one paragraph for the
   * bidirectional algorithm, as the PDF writer lays out an entry: a Hebrew title and the
   * Hebrew venue after it in italics make one right-to-left run, and the italics are cut
   * where a run begins or ends, since TeX's directions nest inside groups.
   */
  render(nodes: RichText, where: string, inLink = false): string {
    // Most entries have no right-to-left letter: one left-to-right range, nothing copied.
    const text = flat(nodes);
    if (!RIGHT_TO_LEFT.test(text)) {
      return this.range(nodes, { from: 0, to: text.length, rightToLeft: false }, 0, where, inLink);
    }
    const prepared = prepare(nodes, this.escaper);
    const paragraph = flat(prepared);
    return this.escaper.directed(paragraph, where, (from, to, rightToLeft) =>
      this.range(prepared, { from, to, rightToLeft }, 0, where, inLink),
    );
  }

  /** The part of the nodes (starting at `offset` in the paragraph) inside the range. */
  private range(
    nodes: RichText,
    range: { from: number; to: number; rightToLeft: boolean },
    offset: number,
    where: string,
    inLink: boolean,
  ): string {
    let out = '';
    let start = offset;
    for (const node of nodes) {
      const length = flatLength(node);
      const from = Math.max(range.from, start);
      const to = Math.min(range.to, start + length);
      if (from < to) {
        switch (node.kind) {
          case 'text':
            out += this.text(node.text.slice(from - start, to - start), where, inLink, range);
            break;
          case 'math':
            out += this.escaper.math(node.tex, where);
            break;
          case 'link': {
            const inner = this.range(node.children, range, start, where, true);
            const target = this.options.hyperref ? webHref(node.url) : undefined;
            out += target ? `\\href{${target}}{${inner}}` : inner;
            break;
          }
          default:
            out += `${COMMANDS[node.kind]}{${this.range(node.children, range, start, where, inLink)}}`;
        }
      }
      start += length;
    }
    return out;
  }

  /**
   * Text, with every web address in it free to break where the url package breaks one, so
   * that no address — a link's text, or one a note prints as text — runs into the margin.
   */
  private text(
    text: string,
    where: string,
    inLink: boolean,
    { rightToLeft }: { rightToLeft: boolean },
  ): string {
    const escape = (part: string) => this.escaper.inline(part, where, rightToLeft);
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

/** The nodes with their text as the escaper reads it, so that offsets match its. */
function prepare(nodes: RichText, escaper: TexEscaper): RichText {
  return nodes.map((node) => {
    if (node.kind === 'text') return { kind: 'text', text: escaper.prepared(node.text) };
    if (node.kind === 'math') return node;
    return { ...node, children: prepare(node.children, escaper) };
  });
}

/**
 * The text of the paragraph for the bidirectional algorithm; a formula counts as one
 * left-to-right letter (x).
 */
function flat(nodes: RichText): string {
  return nodes
    .map((node) =>
      node.kind === 'text' ? node.text : node.kind === 'math' ? 'x' : flat(node.children),
    )
    .join('');
}

function flatLength(node: Inline): number {
  if (node.kind === 'text') return node.text.length;
  if (node.kind === 'math') return 1;
  return node.children.reduce((sum, child) => sum + flatLength(child), 0);
}

/** A web address in running text, without the punctuation that ends the sentence after it. */
const ADDRESS_IN_TEXT = /\b(?:https?|ftp):\/\/[^\s<>"]*[^\s<>".,;:!?'’”)\]]/g;

/** Letters and digits in a row that an address may break inside, as a last resort. */
const LONG_PIECE = 3;

/**
 * An address escaped in pieces, with a break allowed after each `/ . ? & = # _ + ~ -` in it,
 * as the url package allows (not inside the `//` after the scheme). A longer run of letters
 * and digits (a DOI's `S0960129514000516`) may also break between any two of them, at a
 * cost, so that TeX takes such a break only when a line would otherwise overflow: the
 * \publistbreak of any long run, which a document may define its own way.
 */
function breakableAddress(address: string, escape: (text: string) => string): string {
  const pieces = address.split(/(?:(?<=[.?&=#_+~-])|(?<=(?<![/:])\/))(?=[^/])/);
  return pieces
    .map((piece) =>
      piece
        .split(/(?<=[\p{L}\p{N}])(?=[\p{L}\p{N}])/u)
        .map(escape)
        .join(piece.length > LONG_PIECE && !piece.includes(':') ? LONG_BREAK : ''),
    )
    .join('\\allowbreak{}');
}

/** A link's address as \href's first argument (see `webLink`); undefined when it is no link. */
export function webHref(address: string): string | undefined {
  const web = webLink(address);
  return web === undefined ? undefined : hrefTarget(web);
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
