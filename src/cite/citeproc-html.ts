/**
 * citeproc's HTML for one bibliography entry -> the rich-text tree. This is the only place
 * that reads citeproc's markup; writers see nothing but the tree.
 */
import { Parser } from 'htmlparser2';
import type { Inline, RichText } from '../richtext/richtext.js';
import { normalizeSpaces } from '../richtext/spaces.js';
import { webLink } from '../richtext/web-link.js';

type Frame =
  | { kind: 'root' | 'transparent' | 'dropped'; children: Inline[] }
  | { kind: 'italic' | 'bold' | 'smallcaps' | 'superscript' | 'subscript'; children: Inline[] }
  | { kind: 'link'; url: string; children: Inline[] };

/** `insideBold`: a bold frame is open around the element. */
function frameFor(name: string, attrs: Record<string, string>, insideBold: boolean): Frame {
  const style = (attrs.style ?? '').replace(/\s+/g, '');
  const classes = (attrs.class ?? '').split(/\s+/);
  switch (name) {
    case 'i':
    case 'em':
      return { kind: 'italic', children: [] };
    case 'b':
    case 'strong':
      return { kind: 'bold', children: [] };
    case 'sup':
      return { kind: 'superscript', children: [] };
    case 'sub':
      return { kind: 'subscript', children: [] };
    case 'a': {
      const url = attrs.href ?? '';
      return webLink(url) !== undefined
        ? { kind: 'link', url, children: [] }
        : { kind: 'transparent', children: [] };
    }
    case 'div':
      // A numeric style's label column; publist prints its own numbers.
      return classes.includes('csl-left-margin')
        ? { kind: 'dropped', children: [] }
        : { kind: 'transparent', children: [] };
    case 'span':
      if (style.includes('font-variant:small-caps')) return { kind: 'smallcaps', children: [] };
      if (style.includes('font-style:italic')) return { kind: 'italic', children: [] };
      if (style.includes('font-weight:bold')) return { kind: 'bold', children: [] };
      // Bold inside bold, which citeproc flips to normal weight: the `<b>` publist puts in a
      // name part, in a style that prints the names within a bold group or macro. Kept as
      // bold, so that the name is found (cite.ts's claimNames), which leaves the bold of
      // anything else inside bold as it was, bold.
      if (style.includes('font-weight:normal') && insideBold) return { kind: 'bold', children: [] };
      if (style.includes('vertical-align:sup')) return { kind: 'superscript', children: [] };
      if (style.includes('vertical-align:sub')) return { kind: 'subscript', children: [] };
      return { kind: 'transparent', children: [] };
    default:
      return { kind: 'transparent', children: [] };
  }
}

function close(frame: Frame): Inline[] {
  switch (frame.kind) {
    case 'root':
    case 'transparent':
      return frame.children;
    case 'dropped':
      return [];
    case 'link':
      return frame.children.length
        ? [{ kind: 'link', url: frame.url, children: frame.children }]
        : [];
    default:
      return frame.children.length ? [{ kind: frame.kind, children: frame.children }] : [];
  }
}

const BLOCKS = new Set(['div', 'p', 'br']);

/** Parses one entry. Blocks (`csl-block`, `csl-indent`) become runs separated by a space. */
export function parseCiteprocHtml(html: string): RichText {
  const stack: Frame[] = [{ kind: 'root', children: [] }];
  const append = (nodes: Inline[]) => {
    const top = stack[stack.length - 1] as Frame;
    for (const node of nodes) {
      const last = top.children[top.children.length - 1];
      if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
      else top.children.push(node);
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (BLOCKS.has(name)) append([{ kind: 'text', text: ' ' }]);
        stack.push(
          frameFor(
            name,
            attrs,
            stack.some((frame) => frame.kind === 'bold'),
          ),
        );
      },
      ontext(data) {
        // citeproc indents its divs with newlines; inside an entry, spacing is single spaces.
        append([{ kind: 'text', text: data.replace(/[ \t\r\n]+/g, ' ') }]);
      },
      onclosetag(name) {
        const frame = stack.pop() as Frame;
        append(close(frame));
        if (BLOCKS.has(name)) append([{ kind: 'text', text: ' ' }]);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return withoutDoubledPunctuation(normalizeSpaces(close(stack[0] as Frame)));
}

/**
 * Punctuation citeproc-js doubles where pandoc's citeproc (and the CSL rules) print one mark:
 * - a period after one that ends a group with a space ("March 17, 2025. ." in ACM when a
 *   conference paper has no publisher and no pages). A spaced ellipsis (". . .") is left
 *   alone: the first period must follow a word, and no third may follow.
 * - a comma moved into a quoted title that already ends with a full stop, a question or an
 *   exclamation mark: IEEE's “Be Considered Complete?,” and “Meta-analysis.,” are
 *   “Be Considered Complete?” and “Meta-analysis.”.
 */
const STRAY_PUNCTUATION = /(?<=[^\s.]\.) \.(?! ?\.)|(?<=[.?!]),(?=[”’“»"])/g;

function withoutDoubledPunctuation(nodes: RichText): RichText {
  let before = '';
  const walk = (list: Inline[]): Inline[] =>
    list.map((node) => {
      if (node.kind === 'math') {
        before = '';
        return node;
      }
      if (node.kind !== 'text') return { ...node, children: walk(node.children) };
      // Only this node's marks go; the two characters before it are for looking back.
      const joined = `${before}${node.text}`.replace(STRAY_PUNCTUATION, (mark, at: number) =>
        at >= before.length ? '' : mark,
      );
      const text = joined.slice(Math.min(before.length, joined.length));
      before = `${before}${node.text}`.slice(-2);
      return { kind: 'text', text };
    });
  return walk(nodes);
}
