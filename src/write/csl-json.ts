import { toCsl } from '../cite/csl.js';
import type { Writer } from './writer.js';

/** The selected papers as a CSL-JSON array, for Zotero, pandoc and other CSL tools. */
export const cslJsonWriter: Writer = {
  format: 'csl-json',
  description: 'The selected papers as CSL-JSON (for pandoc, Zotero and CSL tools)',
  defaultFile: () => 'publications.json',
  cites: false,
  async write({ selection }) {
    return `${JSON.stringify(selection.papers.map(toCsl), null, 2)}\n`;
  },
};
