/** What the "cite" stage hands to the writers: the selection, formatted in one style. */
import type { Paper } from '../model/paper.js';
import type { LinkKind } from '../model/words.js';
import { plainText, type RichText } from '../richtext/richtext.js';

export type { LinkKind };

export interface EntryLink {
  kind: LinkKind;
  /** A short label: "DOI", "arXiv", "PDF", "Code". */
  label: string;
  url: string;
}

export interface CitedEntry {
  id: string;
  /** The printed number, when the selection is numbered. */
  number?: number;
  paper: Paper;
  /**
   * For each of `paper.authors`, whether it is the CV owner (any spelling in `owner.name` or
   * `owner.aliases`), whatever the style prints: for templates that lay out the authors.
   */
  authorIsOwner: boolean[];
  /** The formatted reference, the owner marked, marks and "et al." in place. */
  text: RichText;
  /**
   * The paper's links that the reference does not print itself (see `unprintedLinks`), in a
   * fixed order: what every writer prints after it, as labels such as [DOI] [Code].
   */
  links: EntryLink[];
}

export interface CitedGroup {
  key: string;
  heading: string;
  entries: CitedEntry[];
}

export interface CitedDocument {
  groups: CitedGroup[];
  /** "* equal contribution", one line per mark that the entries use. */
  legend: RichText[];
  /** `namesBold`: the style prints the authors' names in bold (the owner's too). */
  style: { id: string; title: string; namesBold: boolean };
  locale: string;
  /** The papers the style printed nothing for (a type it has no layout for), by id. */
  unprinted: string[];
}

/** An address compared loosely: no scheme, `www.` or trailing slash; DOIs through doi.org. */
function addressKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^doi:/, 'doi.org/')
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^(www\.|dx\.)/, '')
    .replace(/\/+$/, '');
}

/**
 * The entry's links that its formatted text does not already print, either as a link to the
 * same address or as the address written out (a DOI also counts when the bare DOI is
 * printed): the one rule for labels such as [DOI] [arXiv] [Code], so that no address
 * appears twice in an entry, nor twice among the labels. The cite stage applies it once for
 * every writer.
 */
export function unprintedLinks(entry: Pick<CitedEntry, 'text' | 'links'>): EntryLink[] {
  const printed = new Set<string>();
  const collect = (nodes: RichText) => {
    for (const node of nodes) {
      if (node.kind === 'link') printed.add(addressKey(node.url));
      if ('children' in node) collect(node.children);
    }
  };
  if (entry.links.length === 0) return [];
  collect(entry.text);
  const keys = entry.links.map((link) => addressKey(link.url));
  // A word can spell out a link's address only if it contains the address (a DOI's without
  // doi.org/): only the words around such a match are read.
  const cores = keys.map((key) => key.replace(/^doi\.org\//, ''));
  // Lower case throughout: an address is compared so anyway.
  const text = plainText(entry.text).toLowerCase();
  for (const core of cores) {
    for (let at = text.indexOf(core); at >= 0 && core; at = text.indexOf(core, at + 1)) {
      // Addresses written out: the word, without the punctuation a sentence puts around it.
      const word = text.slice(wordStart(text, at), wordEnd(text, at + core.length));
      const address = word.replace(/^[(<[]+/, '').replace(/[.,;:)\]>]+$/, '');
      if (address) printed.add(addressKey(address));
    }
  }
  return entry.links.filter((link, index) => {
    const key = keys[index] ?? '';
    if (printed.has(key) || (link.kind === 'doi' && printed.has(cores[index] ?? ''))) return false;
    // A second field with the same address (a `url` that is the DOI's) gets no label of its own.
    printed.add(key);
    return true;
  });
}

function wordStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
  return start;
}

function wordEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && !/\s/.test(text[end] ?? '')) end++;
  return end;
}
