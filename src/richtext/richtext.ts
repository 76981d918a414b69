/**
 * The rich-text tree between "cite" and "write": citeproc's output is parsed once into it,
 * and every writer renders it with its own escaping.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'italic' | 'bold' | 'smallcaps' | 'superscript' | 'subscript'; children: Inline[] }
  /** The CV owner's name: writers make it bold (distinct from a style's own bold). */
  | { kind: 'owner'; children: Inline[] }
  | { kind: 'link'; url: string; children: Inline[] }
  /** LaTeX math from a `$...$` span in the data, without the dollars. */
  | { kind: 'math'; tex: string };

export type RichText = Inline[];

export type InlineKind = Inline['kind'];

export const text = (value: string): Inline => ({ kind: 'text', text: value });

/** The characters of the tree with no markup; math is given by `math` (TeX source by default). */
export function plainText(
  nodes: RichText,
  math: (tex: string) => string = (tex) => `$${tex}$`,
): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'math') out += math(node.tex);
    else out += plainText(node.children, math);
  }
  return out;
}

/**
 * Whether text ends a sentence: a full stop, "!" or "?", perhaps inside closing quotes or
 * brackets ("… 2024.", "… 2024.)"). What follows such a reference needs no full stop of its own.
 */
export function endsSentence(text: string): boolean {
  return /[.!?]["'”’)\]]*\s*$/u.test(text);
}
