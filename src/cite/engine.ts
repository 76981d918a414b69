/**
 * The CSL engine: citation-js (citeproc-js underneath) formats a whole list in one call,
 * as HTML, which `citeproc-html.ts` turns into the rich-text tree.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './csl.js';
import { childElements, type CslNode } from './style-tree.js';

interface CslConfig {
  styles: { add(name: string, style: CslNode): void; has(name: string): boolean };
  locales: { add(name: string, locale: CslNode): void };
}

const config = plugins.config.get('@csl') as CslConfig;
const registeredLocales = new Set<string>();

/** Bibliography options that assume the style's own order and numbering. */
const ORDER_DEPENDENT = new Set(['second-field-align', 'subsequent-author-substitute']);

/**
 * A style as publist uses it: a list in publist's order with publist's numbers, so the
 * style's citation-number labels and the label column they sit in are removed, and so is
 * "———" for a repeated author list (the entry it refers back to may not be the one above).
 */
function asPlainList(style: CslNode): CslNode {
  const strip = (node: CslNode): CslNode => ({
    name: node.name,
    attrs:
      node.name === 'bibliography'
        ? Object.fromEntries(
            Object.entries(node.attrs).filter(([key]) => !ORDER_DEPENDENT.has(key)),
          )
        : node.attrs,
    children: node.children
      .filter(
        (child) =>
          typeof child === 'string' ||
          !(child.name === 'text' && child.attrs.variable === 'citation-number'),
      )
      .map((child) => (typeof child === 'string' ? child : strip(child))),
  });
  return strip(style);
}

export function registerStyle(key: string, tree: CslNode): void {
  if (!config.styles.has(key)) config.styles.add(key, asPlainList(tree));
}

export function registerLocale(tag: string, tree: CslNode): void {
  if (registeredLocales.has(tag)) return;
  config.locales.add(tag, tree);
  registeredLocales.add(tag);
}

/** The style's own wording of a locale term, else the locale's (e.g. "et-al" -> "et al."). */
export function localeTerm(style: CslNode, locale: CslNode, term: string): string | undefined {
  const inStyle = childElements(style, 'locale').flatMap((block) => termsOf(block, term));
  const found = inStyle[0] ?? termsOf(locale, term)[0];
  return found?.trim();
}

function termsOf(locale: CslNode, term: string): string[] {
  return childElements(locale, 'terms')
    .flatMap((terms) => childElements(terms, 'term'))
    .filter((node) => node.attrs.name === term && !node.attrs.form)
    .map((node) => {
      const single = childElements(node, 'single')[0];
      const source = single ?? node;
      return source.children.filter((child) => typeof child === 'string').join('');
    });
}

/** Formats every item in one engine call; returns each item's HTML by id. */
export function formatItems(
  styleKey: string,
  locale: string,
  items: readonly CslItem[],
): Map<string, string> {
  if (items.length === 0) return new Map();
  const entries = plugins.output.format('bibliography', items, {
    template: styleKey,
    lang: locale,
    format: 'html',
    asEntryArray: true,
    hyperlinks: true,
  }) as [string, string][];
  return new Map(entries);
}
