/** What the "cite" stage hands to the writers: the selection, formatted in one style. */
import type { Paper } from '../model/paper.js';
import type { RichText } from '../richtext/richtext.js';

export type LinkKind = 'doi' | 'arxiv' | 'url' | 'pdf' | 'code' | 'slides' | 'video' | 'poster';

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
  /** The formatted reference, the owner marked, marks and "et al." in place. */
  text: RichText;
  /** The paper's links in a fixed order, for writers that print labels such as [Code]. */
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
  style: { id: string; title: string };
  locale: string;
}
