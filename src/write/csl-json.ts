import { cslItemOf, MATH_VARIABLES, type CslItem } from '../cite/csl.js';
import { textWithUnicodeMath } from '../richtext/math.js';
import type { Paper, Person } from '../model/paper.js';
import { CSL_TYPES, PAPER_TYPE_OF_CSL, type PaperType } from '../model/vocabulary.js';
import type { Writer } from './writer.js';

/** Authorship marks, which CSL's names have no place for. */
export interface CustomMarks {
  equal?: boolean;
  corresponding?: boolean;
  orcid?: string;
}

/**
 * What a paper holds beyond CSL's variables, in CSL-JSON's `custom` object (the schema's
 * place for "additional information that does not have a designated CSL JSON field"), under
 * the model's names: `publist import` reads it back, other tools pass it by.
 */
export interface PublistCustom {
  /**
   * Our type, where the CSL type does not tell it: one two of ours share (a workshop and a
   * conference are both "paper-conference"), or one we have no type for ("post-weblog").
   */
  type?: PaperType;
  /** The arXiv id, unless it is the number of a preprint published by arXiv. */
  arxiv?: string;
  pdf?: string;
  code?: string;
  slides?: string;
  video?: string;
  poster?: string;
  org?: string;
  award?: string;
  selected?: boolean;
  author_marks?: CustomMarks[];
  editor_marks?: CustomMarks[];
  /** The paper's `extra` fields that are no CSL variable. */
  extra?: Record<string, string>;
  /** The model's text of the variables whose `$...$` math went out as Unicode, by variable. */
  tex?: Record<string, string>;
}

/** CSL types two of ours share, so that the type says which in `custom`. */
const SHARED_CSL_TYPES = new Set(
  Object.values(CSL_TYPES).filter((csl, index, all) => all.indexOf(csl) !== all.lastIndexOf(csl)),
);

const LINKS = ['pdf', 'code', 'slides', 'video', 'poster'] as const;

function marks(people: readonly Person[] | undefined): CustomMarks[] | undefined {
  if (!people?.some((person) => person.equal || person.corresponding || person.orcid)) {
    return undefined;
  }
  return people.map(({ equal, corresponding, orcid }) => ({
    ...(equal ? { equal } : {}),
    ...(corresponding ? { corresponding } : {}),
    ...(orcid ? { orcid } : {}),
  }));
}

/** The paper as a CSL-JSON item: what styles see (toCsl), and the rest of it in `custom`. */
export function toCslJson(paper: Paper): CslItem & { custom?: PublistCustom } {
  const { item, extraUsed } = cslItemOf(paper);
  const custom: PublistCustom = {};
  // Other tools know no TeX: they get "weak ω-groupoids"; import reads the math back.
  for (const variable of MATH_VARIABLES) {
    const text = item[variable];
    if (typeof text !== 'string') continue;
    const shown = textWithUnicodeMath(text);
    if (shown === text) continue;
    item[variable] = shown;
    custom.tex = { ...custom.tex, [variable]: text };
  }
  // Where the CSL type does not say ours: a type two of ours share, or one we have none for.
  if (SHARED_CSL_TYPES.has(item.type) || PAPER_TYPE_OF_CSL[item.type] !== paper.type) {
    custom.type = paper.type;
  }
  // A preprint's id is its number, with arXiv as its publisher, unless it has another.
  if (paper.arxiv && item.publisher !== 'arXiv') custom.arxiv = paper.arxiv;
  for (const link of LINKS) if (paper[link]) custom[link] = paper[link];
  if (paper.org) custom.org = paper.org;
  if (paper.award) custom.award = paper.award;
  if (paper.selected !== undefined) custom.selected = paper.selected;
  const authorMarks = marks(paper.authors);
  if (authorMarks) custom.author_marks = authorMarks;
  const editorMarks = marks(paper.editors);
  if (editorMarks) custom.editor_marks = editorMarks;
  const extra = Object.entries(paper.extra ?? {}).filter(([key]) => !extraUsed.has(key));
  if (extra.length) custom.extra = Object.fromEntries(extra);
  return Object.keys(custom).length ? { ...item, custom } : item;
}

/** The selected papers as a CSL-JSON array, for Zotero, pandoc and other CSL tools. */
export const cslJsonWriter: Writer = {
  format: 'csl-json',
  description: 'The selected papers as CSL-JSON (for pandoc, Zotero and CSL tools)',
  defaultFile: () => 'publications.json',
  cites: false,
  async write({ selection }) {
    return `${JSON.stringify(selection.papers.map(toCslJson), null, 2)}\n`;
  },
};
