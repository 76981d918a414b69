/**
 * What publist writes into a CSL-JSON item's `custom` object, the CSL-JSON schema's place for
 * "additional information that does not have a designated CSL JSON field": the model's
 * fields that CSL has no variable for, under the model's names. The CSL-JSON writer fills it
 * and the CSL-JSON import reads it back; other tools pass it by.
 */
import type { PaperType } from './vocabulary.js';

/** Authorship marks, which CSL's names have no place for. */
export interface CustomMarks {
  equal?: boolean;
  corresponding?: boolean;
  orcid?: string;
}

export interface PublistCustom {
  /**
   * Our type, where the CSL type does not tell it: one two of ours share (a workshop and a
   * conference are both "paper-conference"), or one we have no type for ("post-weblog").
   */
  type?: PaperType;
  /** The author list is cut short ("et al."): CSL has no "and others" every processor reads. */
  et_al?: boolean;
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
