/**
 * The CSL engine: citation-js (citeproc-js underneath) formats a whole list in one call,
 * as HTML, which `citeproc-html.ts` turns into the rich-text tree.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { RichText } from '../richtext/richtext.js';
import { parseCiteprocHtml } from './citeproc-html.js';
import type { CslItem } from './csl.js';
import type { FormatCall } from './formatting.js';
import { asPlainList, type CslNode } from './style-tree.js';

interface CslConfig {
  styles: { add(name: string, style: CslNode): void; has(name: string): boolean };
  locales: { add(name: string, locale: CslNode): void };
}

const config = plugins.config.get('@csl') as CslConfig;
const registeredLocales = new Set<string>();

export function registerStyle(key: string, tree: CslNode): void {
  if (!config.styles.has(key)) config.styles.add(key, asPlainList(tree));
}

export function registerLocale(tag: string, tree: CslNode): void {
  if (registeredLocales.has(tag)) return;
  config.locales.add(tag, tree);
  registeredLocales.add(tag);
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

/** Engine calls in turn; each entry's HTML parsed into the rich-text tree. */
export function formatCalls(calls: readonly FormatCall[], locale: string): [string, RichText][] {
  const out: [string, RichText][] = [];
  for (const call of calls) {
    for (const [id, html] of formatItems(call.styleKey, locale, call.items)) {
      out.push([id, parseCiteprocHtml(html)]);
    }
  }
  return out;
}
