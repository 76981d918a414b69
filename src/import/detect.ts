/** Which reader a file needs, told by its content first and its extension second. */
import { extname } from 'node:path';
import { InputError } from '../model/problems.js';
import type { ImportFormat } from './record.js';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['bibtex', 'csl-json', 'ris'];

const BY_EXTENSION: Record<string, ImportFormat> = {
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.biblatex': 'bibtex',
  '.json': 'csl-json',
  '.csljson': 'csl-json',
  '.ris': 'ris',
};

export function detectFormat(text: string, file: string): ImportFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  if (/^TY {2}-/.test(start)) return 'ris';
  if (/^@\s*[A-Za-z]+\s*[{(]/m.test(text)) return 'bibtex';
  const byExtension = BY_EXTENSION[extname(file).toLowerCase()];
  if (byExtension) return byExtension;
  throw new InputError([
    {
      file,
      line: 1,
      col: 1,
      message: 'cannot tell what kind of bibliography this is',
      hint: 'import reads BibTeX/BibLaTeX (@article{...}), CSL-JSON ([{"type": ...}]) and RIS (TY  - JOUR); name the format with --from',
    },
  ]);
}
