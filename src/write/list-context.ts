/**
 * What the Handlebars templates of the text formats see: the cited document with every
 * value already escaped for the target format by the writer's `Escaper`.
 */
import type { CitedDocument } from '../cite/cited.js';
import type { Database } from '../model/paper.js';
import { ownWords } from '../model/words.js';
import type { RichText } from '../richtext/richtext.js';
import type { Shape } from './template-check.js';

export interface Escaper {
  /** Rich text (a reference, a legend line) in the target format. */
  rich(nodes: RichText): string;
  /** Plain data (a heading, the owner's name) in the target format. */
  plain(value: string): string;
  /** A URL ready to place in a link, or undefined when it must not become a link. */
  url(url: string): string | undefined;
}

export interface LinkContext {
  kind: string;
  label: string;
  url: string;
  /** Text only: what goes before the link (" · ", or a space after a full stop). */
  separator?: string;
}

export interface EntryContext {
  id: string;
  /**
   * Unique in the document, for `id` attributes: the paper's id, or `id-2`, `id-3` where the
   * paper is listed again (under a second topic).
   */
  anchor: string;
  number?: number;
  /** The printed number, "[12]"; empty when the list is not numbered. */
  label: string;
  text: string;
  /** The links the reference does not print itself. */
  links: LinkContext[];
}

export interface GroupContext {
  key: string;
  heading: string;
  /** "ol" when the entries are numbered, else "ul". */
  listTag: 'ol' | 'ul';
  entries: EntryContext[];
}

export interface ListContext {
  title: string;
  owner: Record<string, string>;
  style: { id: string; title: string };
  locale: string;
  /** The locale's language, for `lang` attributes: "en". */
  lang: string;
  standalone: boolean;
  numbered: boolean;
  count: number;
  groups: GroupContext[];
  legend: string[];
}

const LINK_SHAPE = { kind: 'value', label: 'value', url: 'value' } as const;

/** The owner's fields that are text: the ones `owner` holds when the database gives them. */
const OWNER_SHAPE = Object.fromEntries(
  ['name', 'position', 'affiliation', 'email', 'website', 'orcid', 'github'].map(
    (field): [string, Shape] => [field, 'value'],
  ),
);

/**
 * The shape of a `ListContext`, which templates are checked against; `link` is the shape of
 * one of an entry's links (the text writer adds its separator).
 */
export function listContextShape(link: Shape = LINK_SHAPE): Shape {
  return {
    title: 'value',
    owner: OWNER_SHAPE,
    style: { id: 'value', title: 'value' },
    locale: 'value',
    lang: 'value',
    standalone: 'value',
    numbered: 'value',
    count: 'value',
    groups: [
      {
        key: 'value',
        heading: 'value',
        listTag: 'value',
        entries: [
          {
            id: 'value',
            anchor: 'value',
            number: 'value',
            label: 'value',
            text: 'value',
            links: [link],
          },
        ],
      },
    ],
    legend: ['value'],
  };
}

export function listContext(
  document: CitedDocument,
  database: Database,
  standalone: boolean,
  escape: Escaper,
): ListContext {
  const numbered = document.groups.some((group) =>
    group.entries.some((entry) => entry.number !== undefined),
  );
  const anchor = anchors(document);
  const owner: Record<string, string> = {};
  for (const [key, value] of Object.entries(database.owner)) {
    if (typeof value === 'string') owner[key] = escape.plain(value);
  }
  return {
    title: escape.plain(ownWords(document.locale).publications),
    owner,
    style: { id: escape.plain(document.style.id), title: escape.plain(document.style.title) },
    locale: escape.plain(document.locale),
    lang: escape.plain(document.locale.split('-')[0] ?? 'en'),
    standalone,
    numbered,
    count: document.groups.reduce((sum, group) => sum + group.entries.length, 0),
    groups: document.groups.map((group) => ({
      key: escape.plain(group.key),
      heading: escape.plain(group.heading),
      listTag: group.entries.some((entry) => entry.number !== undefined) ? 'ol' : 'ul',
      entries: group.entries.map((entry) => ({
        id: escape.plain(entry.id),
        anchor: escape.plain(anchor(entry.id)),
        ...(entry.number !== undefined ? { number: entry.number } : {}),
        label: entry.number !== undefined ? escape.plain(`[${entry.number}]`) : '',
        text: escape.rich(entry.text),
        links: entry.links.flatMap((link) => {
          const url = escape.url(link.url);
          return url ? [{ kind: link.kind, label: escape.plain(link.label), url }] : [];
        }),
      })),
    })),
    legend: document.legend.map((line) => escape.rich(line)),
  };
}

/** A function giving each listing of a paper, in document order, an anchor no other has. */
function anchors(document: CitedDocument): (id: string) => string {
  const taken = new Set(document.groups.flatMap((group) => group.entries.map((entry) => entry.id)));
  const listed = new Map<string, number>();
  return (id) => {
    const count = (listed.get(id) ?? 0) + 1;
    listed.set(id, count);
    if (count === 1) return id;
    let suffix = count;
    while (taken.has(`${id}-${suffix}`)) suffix++;
    const anchor = `${id}-${suffix}`;
    taken.add(anchor);
    return anchor;
  };
}

/** Template output tidied: no runs of blank lines, one final newline. */
export function tidyLines(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
