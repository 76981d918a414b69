/**
 * GitHub-flavoured Markdown: a heading per group, one list item per entry with the number
 * written out (a Markdown ordered list cannot count down), the owner in bold (or in
 * `<ins>`, see `markdownOwner`), links for
 * DOI / arXiv / code, math as `$...$` (see `MARKDOWN_MATH`). Every character of the data that Markdown would read
 * as syntax is escaped.
 */
import type { Highlight } from '../model/vocabulary.js';
import { plainText, type Inline, type RichText } from '../richtext/richtext.js';
import { webLink } from '../richtext/web-link.js';
import {
  HEADING_LEVEL_FLAG,
  listContext,
  listContextShape,
  tidyLines,
  type Escaper,
  type ListContext,
} from './list-context.js';
import { loadTemplate } from './templates.js';
import { flagChoice, type OutputOptions, type Writer } from './writer.js';

/** ASCII punctuation that starts or ends Markdown syntax somewhere in GFM. */
const SPECIAL = /[\\`*_[\]<>|~$!#{}]/g;

/** Backslash escapes, and `&` only where it would start an entity. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(SPECIAL, (char) => `\\${char}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** At the start of a line a few more characters begin blocks: lists, quotes, headings. */
export function escapeLineStart(markdown: string): string {
  return markdown.replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3').replace(/^(\s*)([-+=>])/, '$1\\$2');
}

const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;

function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && UNICODE_PUNCTUATION.test(char);
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/u.test(char);
}

/**
 * CommonMark only reads `*x*` as emphasis when the delimiters are "flanking": decided by
 * the characters around them. Where they would not be, the HTML tags say the same thing.
 */
function emphasis(
  inner: string,
  tag: 'em' | 'strong',
  before: string | undefined,
  after: string | undefined,
): string {
  const first = inner[0];
  const last = inner[inner.length - 1];
  const opens =
    !isSpace(first) && (!isPunctuation(first) || isSpace(before) || isPunctuation(before));
  const closes = !isSpace(last) && (!isPunctuation(last) || isSpace(after) || isPunctuation(after));
  // Next to another asterisk, runs of delimiters would merge.
  const clear = before !== '*' && after !== '*';
  const delimiter = tag === 'em' ? '*' : '**';
  return opens && closes && clear
    ? `${delimiter}${inner}${delimiter}`
    : `<${tag}>${inner}</${tag}>`;
}

/** A web address for a link's destination, `[text](url)`; undefined for any other link. */
function markdownUrl(url: string): string | undefined {
  return percentEncoded(webLink(url), /[()<>\s"'`]/g);
}

/**
 * A web address for an autolink, `<url>`, where it is also the text shown: only what would
 * end the link is encoded, so that `10.1016/S0168-0072(01)00079-3` shows as written.
 */
function markdownAutolink(url: string): string | undefined {
  return percentEncoded(webLink(url), /[<>\s]/g);
}

function percentEncoded(url: string | undefined, special: RegExp): string | undefined {
  return url?.replace(
    special,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * How math is written, for the Markdown reader that will show it: `github`, `$tex$`, or
 * GitHub's `` $`tex`$ `` when the TeX holds characters Markdown would act on; `dollars`,
 * always `$tex$`, which pandoc and MathJax read as TeX whatever it holds; `kramdown`,
 * `$$tex$$`, kramdown's (Jekyll's) inline math.
 */
export const MARKDOWN_MATH = ['github', 'dollars', 'kramdown'] as const;
export type MarkdownMath = (typeof MARKDOWN_MATH)[number];

function markdownMath(tex: string, math: MarkdownMath): string {
  if (math !== 'github') {
    // Read as TeX by a math-aware reader; still never the start of an HTML tag or an entity
    // to one that is not (a space there changes nothing in TeX).
    const safe = tex
      .trim()
      .replace(/<(?=[A-Za-z/!?])/g, '< ')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '& ');
    return math === 'dollars' ? `$${safe}$` : `$$${safe}$$`;
  }
  const plain = tex.trim() === tex && !/[`*_[\]<>|~&]|\\[!-/:-@[-`{-~]/.test(tex);
  if (plain) return `$${tex}$`;
  const fence = '`'.repeat(
    (tex.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0) + 1,
  );
  return `$${fence}${tex.startsWith('`') || tex.endsWith('`') ? ` ${tex} ` : tex}${fence}$`;
}

type Emphasis = 'em' | 'strong';

/** How the writer prints math (`--markdown-math`) and the owner's name (`highlight`). */
interface MarkdownOptions {
  math: MarkdownMath;
  highlight: Highlight;
}

function markdownInline(
  nodes: RichText,
  options: MarkdownOptions,
  before?: string,
  after?: string,
  within: readonly Emphasis[] = [],
): string {
  // Each node is rendered alone first; emphasis then looks at its actual neighbours.
  const parts = nodes.map((node) => renderNode(node, options, within));
  let out = '';
  parts.forEach((part, index) => {
    const [, lead = '', inner = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.text) ?? [];
    if (!part.emphasis || !inner) {
      out += part.text;
      return;
    }
    // Spaces at the edges of emphasis stay outside it.
    const previous = lead ? ' ' : index === 0 ? before : out[out.length - 1];
    const next = trail ? ' ' : index === parts.length - 1 ? after : parts[index + 1]?.text[0];
    out += `${lead}${emphasis(inner, part.emphasis, previous, next)}${trail}`;
  });
  return out;
}

interface Rendered {
  text: string;
  emphasis?: Emphasis;
}

function renderNode(node: Inline, options: MarkdownOptions, within: readonly Emphasis[]): Rendered {
  const inline = (nodes: RichText) => markdownInline(nodes, options, undefined, undefined, within);
  // Bold inside bold (a style that bolds each name of a bold author list) is bold already:
  // its own `**` beside the outer ones would make `****`, which no reader takes for bold.
  const emphasised = (tag: Emphasis, children: RichText): Rendered =>
    within.includes(tag)
      ? { text: inline(children) }
      : {
          text: markdownInline(children, options, undefined, undefined, [...within, tag]),
          emphasis: tag,
        };
  switch (node.kind) {
    case 'text':
      return { text: escapeMarkdownText(node.text) };
    case 'math':
      return { text: markdownMath(node.tex, options.math) };
    case 'italic':
      return emphasised('em', node.children);
    case 'bold':
      return emphasised('strong', node.children);
    case 'owner':
      return options.highlight === 'underline'
        ? { text: markdownOwner(inline(node.children)) }
        : emphasised('strong', node.children);
    case 'superscript':
      return { text: `<sup>${inline(node.children)}</sup>` };
    case 'subscript':
      return { text: `<sub>${inline(node.children)}</sub>` };
    case 'smallcaps':
      return { text: inline(node.children) };
    case 'link': {
      // A link that shows its own address is an autolink: written as [url](url), pandoc's
      // GFM reader would find a second, nested link in its text.
      const autolink = plainText(node.children) === node.url && markdownAutolink(node.url);
      if (autolink) return { text: `<${autolink}>` };
      const url = markdownUrl(node.url);
      const label = inline(node.children);
      return { text: url ? `[${label}](${url})` : label };
    }
  }
}

/**
 * The owner's name underlined. Markdown has no underline; GitHub's sanitiser keeps `<ins>`
 * (and drops `<u>` and `style`), and browsers underline it, as pandoc and markdown-it pass
 * it through. The name inside is Markdown, escaped as any text.
 */
function markdownOwner(name: string): string {
  return `<ins>${name}</ins>`;
}

function markdownEscaper(options: MarkdownOptions): Escaper {
  return {
    rich: (nodes) => escapeLineStart(markdownInline(nodes, options)),
    plain: (value) => escapeLineStart(escapeMarkdownText(value)),
    url: markdownUrl,
  };
}

/** What the Markdown template sees: the list, and the `#`s of its title's and groups' levels. */
interface MarkdownContext extends ListContext {
  /** "#" for a title of level 1, "##" for 2. */
  titleMarker: string;
  headingMarker: string;
}

function markdownTemplate({ template, templatesDir }: OutputOptions) {
  return loadTemplate(
    'markdown',
    template ?? 'default',
    templatesDir,
    listContextShape(undefined, { titleMarker: 'value', headingMarker: 'value' }),
  );
}

function markdownContext(list: ListContext): MarkdownContext {
  return Object.assign(list, {
    titleMarker: '#'.repeat(list.titleLevel),
    headingMarker: '#'.repeat(list.headingLevel),
  });
}

export const markdownWriter: Writer = {
  format: 'markdown',
  description: 'GitHub-flavoured Markdown: a heading per group, numbered entries, links',
  defaultFile: () => 'publications.md',
  template: markdownTemplate,
  flags: [
    {
      name: 'markdown-math',
      description:
        'math for the reader that shows it: github ($`x`$ where Markdown would act on $x$), dollars ($x$: pandoc, MathJax), kramdown ($$x$$: Jekyll)',
      choices: MARKDOWN_MATH,
    },
    HEADING_LEVEL_FLAG,
  ],
  async write(request) {
    // Before citing: a template that is not there is said before any formatting.
    const template = await markdownTemplate(request.output);
    const document = await request.cite();
    const math = flagChoice(request, 'markdown-math', MARKDOWN_MATH, 'github');
    const escaper = markdownEscaper({ math, highlight: request.settings.highlight });
    return tidyLines(template(markdownContext(listContext(document, request, escaper))));
  },
};
