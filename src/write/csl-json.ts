import { cslItemOf, MATH_VARIABLES, type CslItem } from '../cite/csl.js';
import { textWithUnicodeMath } from '../richtext/math.js';
import type { CustomMarks, PublistCustom } from '../model/csl-custom.js';
import type { Paper, Person } from '../model/paper.js';
import { CSL_TYPES, LINK_FIELDS, PAPER_TYPE_OF_CSL } from '../model/vocabulary.js';
import type { Writer } from './writer.js';

/** CSL types two of ours share, so that the type says which in `custom`. */
const SHARED_CSL_TYPES = new Set(
  Object.values(CSL_TYPES).filter((csl, index, all) => all.indexOf(csl) !== all.lastIndexOf(csl)),
);

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
  if (paper.et_al) custom.et_al = true;
  // CSL has no variable for these links.
  for (const link of LINK_FIELDS) if (paper[link]) custom[link] = paper[link];
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
  printsTitle: false,
  async write({ selection }) {
    return `${JSON.stringify(selection.papers.map(toCslJson), null, 2)}\n`;
  },
};
