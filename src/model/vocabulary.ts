/**
 * The words the database and the command line share. Kept apart from schema.ts so that the
 * command line can use them without loading TypeBox (about 60 ms of start-up).
 */

export const PAPER_TYPES = [
  'conference',
  'journal',
  'workshop',
  'shared-task',
  'preprint',
  'thesis',
  'book',
  'chapter',
  'report',
  'talk',
  'poster',
  'software',
  'dataset',
  'patent',
  'other',
] as const;
export type PaperType = (typeof PAPER_TYPES)[number];

export const GROUP_BY = ['year', 'topic', 'type', 'venue', 'none'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export const SORT_KEYS = ['date', 'title', 'venue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const NUMBERING = ['none', 'ascending', 'descending'] as const;
export type Numbering = (typeof NUMBERING)[number];

export const NUMBERING_SCOPES = ['continuous', 'group'] as const;
export type NumberingScope = (typeof NUMBERING_SCOPES)[number];
