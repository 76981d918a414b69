/** Spacing in the rich-text tree, whatever produced it. */
import type { Inline, RichText } from './richtext.js';

/** Collapses runs of spaces across node boundaries and trims the ends. */
export function normalizeSpaces(nodes: RichText): RichText {
  let previousSpace = true;
  const walk = (list: Inline[]): Inline[] => {
    const out: Inline[] = [];
    for (const node of list) {
      if (node.kind === 'text') {
        let text = node.text.replace(/ {2,}/g, ' ');
        if (previousSpace && text.startsWith(' ')) text = text.slice(1);
        if (!text) continue;
        previousSpace = text.endsWith(' ');
        out.push({ kind: 'text', text });
      } else if (node.kind === 'math') {
        previousSpace = false;
        out.push(node);
      } else {
        const children = walk(node.children);
        if (children.length) out.push({ ...node, children });
      }
    }
    return out;
  };
  return trimEnd(walk(nodes));
}

function trimEnd(nodes: Inline[]): Inline[] {
  const last = nodes[nodes.length - 1];
  if (!last) return nodes;
  if (last.kind === 'text') {
    const text = last.text.replace(/ +$/, '');
    return text ? [...nodes.slice(0, -1), { kind: 'text', text }] : trimEnd(nodes.slice(0, -1));
  }
  if (last.kind === 'math') return nodes;
  const children = trimEnd(last.children);
  return children.length
    ? [...nodes.slice(0, -1), { ...last, children }]
    : trimEnd(nodes.slice(0, -1));
}
