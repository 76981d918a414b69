/**
 * The "select" stage: which papers, in which order, under which headings, with which numbers.
 */
import type { Database, Paper, PartialDate } from '../model/paper.js';
import { ownWords, type OwnWords } from '../model/words.js';
import {
  PAPER_TYPES,
  type GroupBy,
  type ListNumbering,
  type NumberingScope,
  type PaperType,
  type SortKey,
  type SortOrder,
} from '../model/vocabulary.js';

export interface SelectOptions {
  since?: number;
  until?: number;
  topics?: readonly string[];
  types?: readonly PaperType[];
  selected?: boolean;
  limit?: number;
  sort: SortKey;
  /** Defaults to newest first for dates, A-Z for text, and as written for `file`. */
  order?: SortOrder;
  group_by: GroupBy;
  /** `auto` is decided before selection, from the output's style (`listNumbering`). */
  numbering: ListNumbering;
  numbering_scope: NumberingScope;
  /** The output's language, for publist's own headings ("Journal Articles", "Other"). */
  locale?: string;
}

export interface SelectedEntry {
  paper: Paper;
  /** The printed number; absent when numbering is `none`. */
  number?: number;
}

export interface Group {
  key: string;
  /** Plain text; empty when grouping is `none`. */
  heading: string;
  entries: SelectedEntry[];
}

export interface Selection {
  groups: Group[];
  /** Every selected paper once, in display order. */
  papers: Paper[];
}

export function selectPapers(database: Database, options: SelectOptions): Selection {
  const filtered = database.papers.filter((paper) => matches(paper, options));
  const sorted = filtered.sort(comparator(database, options));
  const papers = options.limit === undefined ? sorted : sorted.slice(0, options.limit);
  const groups = groupPapers(papers, database, options);
  numberEntries(groups, options.numbering, options.numbering_scope);
  return { groups, papers };
}

function matches(paper: Paper, options: SelectOptions): boolean {
  const year = paper.date.year;
  if (options.since !== undefined && year < options.since) return false;
  if (options.until !== undefined && year > options.until) return false;
  if (options.selected && !paper.selected) return false;
  if (options.types?.length && !options.types.includes(paper.type)) return false;
  if (options.topics?.length && !paper.topics?.some((topic) => options.topics?.includes(topic))) {
    return false;
  }
  return true;
}

export function compareDates(a: PartialDate, b: PartialDate): number {
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function comparator(
  database: Pick<Database, 'papers'>,
  options: SelectOptions,
): (a: Paper, b: Paper) => number {
  const descending = (options.order ?? (options.sort === 'date' ? 'desc' : 'asc')) === 'desc';
  const direction = descending ? -1 : 1;
  const position = new Map(database.papers.map((paper, index) => [paper, index]));
  const primary = (a: Paper, b: Paper): number => {
    switch (options.sort) {
      case 'file':
        return (position.get(a) ?? 0) - (position.get(b) ?? 0);
      case 'date':
        return compareDates(a.date, b.date);
      case 'title':
        return collator.compare(a.title, b.title);
      case 'venue':
        return collator.compare(a.venue ?? '\uffff', b.venue ?? '\uffff');
    }
  };
  // Ties fall back to newest first, then title, then id, so the order never depends on input order.
  return (a, b) =>
    direction * primary(a, b) ||
    -compareDates(a.date, b.date) ||
    collator.compare(a.title, b.title) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function groupPapers(
  papers: readonly Paper[],
  database: Pick<Database, 'topics'>,
  options: Pick<SelectOptions, 'group_by' | 'sort' | 'order' | 'locale'>,
): Group[] {
  const words = ownWords(options.locale);
  const buckets = new Map<string, Group>();
  const add = (key: string, heading: string, paper: Paper) => {
    let group = buckets.get(key);
    if (!group) {
      group = { key, heading, entries: [] };
      buckets.set(key, group);
    }
    group.entries.push({ paper });
  };
  switch (options.group_by) {
    case 'none':
      return papers.length
        ? [{ key: 'all', heading: '', entries: papers.map((paper) => ({ paper })) }]
        : [];
    case 'year': {
      for (const paper of papers) {
        add(String(paper.date.year), yearHeading(paper.date.year, words), paper);
      }
      const oldestFirst = options.sort === 'date' && options.order === 'asc';
      return [...buckets.values()].sort(
        (a, b) => (oldestFirst ? 1 : -1) * (Number(a.key) - Number(b.key)),
      );
    }
    case 'topic': {
      const labels = new Map(database.topics.map((topic) => [topic.key, topic.label]));
      for (const paper of papers) {
        const topics = paper.topics?.length ? paper.topics : [OTHER];
        for (const topic of new Set(topics)) add(topic, labels.get(topic) ?? words.other, paper);
      }
      const rank = new Map(database.topics.map((topic, index) => [topic.key, index]));
      return [...buckets.values()].sort(
        (a, b) => (rank.get(a.key) ?? Infinity) - (rank.get(b.key) ?? Infinity),
      );
    }
    case 'type': {
      for (const paper of papers) add(paper.type, words.types[paper.type], paper);
      return [...buckets.values()].sort(
        (a, b) => PAPER_TYPES.indexOf(a.key as PaperType) - PAPER_TYPES.indexOf(b.key as PaperType),
      );
    }
    case 'venue': {
      for (const paper of papers) add(paper.venue ?? OTHER, paper.venue ?? words.other, paper);
      return [...buckets.values()].sort((a, b) =>
        a.key === OTHER ? 1 : b.key === OTHER ? -1 : collator.compare(a.heading, b.heading),
      );
    }
  }
}

/** Years before the common era are stored negative (-300) and shown as "300 BC". */
function yearHeading(year: number, words: OwnWords): string {
  return year > 0 ? String(year) : `${-year} ${words.beforeCommonEra}`;
}

/** The key of the group for papers without a topic or venue. */
const OTHER = '\u0000other';

/**
 * Numbers the entries. Across groups, a paper listed under two topics is one paper: it keeps
 * the number of its first appearance, so the numbers count papers, not lines.
 */
export function numberEntries(
  groups: Group[],
  numbering: ListNumbering,
  scope: NumberingScope,
): void {
  if (numbering === 'none') return;
  const runs =
    scope === 'group'
      ? groups.map((group) => group.entries)
      : [groups.flatMap((group) => group.entries)];
  for (const entries of runs) {
    const order = new Map<Paper, number>();
    for (const entry of entries) if (!order.has(entry.paper)) order.set(entry.paper, order.size);
    for (const entry of entries) {
      const index = order.get(entry.paper) as number;
      entry.number = numbering === 'ascending' ? index + 1 : order.size - index;
    }
  }
}
