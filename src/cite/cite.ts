/**
 * The "cite" stage: the selection, formatted in one CSL style, as rich text per entry, with
 * the owner's name marked, authorship marks and "et al." in place, and publist's numbers.
 */
import { literalPattern } from './literal-pattern.js';
import { dirname } from 'node:path';
import type { Database, Paper, Person } from '../model/paper.js';
import { UsageError } from '../model/problems.js';
import { ownWords, type OwnWords } from '../model/words.js';
import type { Selection } from '../select/select.js';
import type { Settings } from '../settings.js';
import type { Inline, RichText } from '../richtext/richtext.js';
import { endsSentence, plainText } from '../richtext/richtext.js';
import {
  unprintedLinks,
  type CitedDocument,
  type CitedEntry,
  type EntryLink,
  type LinkKind,
} from './cited.js';
import {
  arxivUrl,
  MATH_VARIABLES,
  PRINTED_VARIABLES,
  cslItemOf,
  toCslName,
  type CslItem,
  type CslName,
} from './csl.js';
import { MATH_IN_TEXT } from '../richtext/math.js';
import { normalizeSpaces } from '../richtext/spaces.js';
import { doiUrl } from '../richtext/web-link.js';
import {
  COMPANION,
  defaultFormatterOptions,
  Formatter,
  planBatches,
  type FormatterOptions,
} from './formatting.js';
import { ownerMatcher, printedPartMatches, type NamePart } from './names.js';
import { findLocale, styleToFormatWith, type ResolvedStyle } from './styles.js';
import {
  bibliographyNameLimits,
  bibliographyNamesBold,
  bibliographyUseFirst,
  childElements,
  disambiguationOf,
  localeTerm,
  type CslNode,
} from './style-tree.js';
import {
  COMMA,
  DOLLAR,
  ET_AL,
  LESS_THAN,
  MATH_CLOSE,
  MATH_OPEN,
  NAME_HYPHEN,
  NARROW_SPACE,
  PLACEHOLDER_RANGE,
  QUOTE,
  WORD_DOT,
} from './placeholders.js';

/** The settings the "cite" stage reads. */
export type CiteSettings = Pick<
  Settings,
  | 'style'
  | 'locale'
  | 'highlight_owner'
  | 'keep_owner_visible'
  | 'equal_mark'
  | 'corresponding_mark'
>;

interface CiteOptions {
  highlightOwner: boolean;
  keepOwnerVisible: boolean;
  equalMark: string;
  correspondingMark: string;
  /** The link labels and the legend, in the output's language. */
  words: OwnWords;
}

const ELLIPSIS = '…';
/** The marks that may close a quotation the data's comma ends ("Now!,"). */
const CLOSING_QUOTES = `"'”’“»`;
const DATA_COMMA = new RegExp(`(?<=[.?!]),(?=[${CLOSING_QUOTES}])`, 'g');
const PLACEHOLDERS = new RegExp(`[${PLACEHOLDER_RANGE}]`, 'g');

type Mark = 'equal' | 'corresponding';

interface Marked {
  person: Person;
  owner: boolean;
  marks: Mark[];
}

/** An entry as the writers get it, made as soon as citeproc has printed it. */
interface Rendered {
  /** The reference, then the paper's remarks. */
  text: RichText;
  /** The style printed something for the paper. */
  printed: boolean;
  links: EntryLink[];
  ownerShown: boolean;
  marks: Set<Mark>;
}

interface PreparedItem {
  paper: Paper;
  item: CslItem;
  math: string[];
  people: Marked[];
  /** Index of the owner among the authors, -1 when absent. */
  ownerIndex: number;
  /** The author list is cut around the owner (formatted without the style's "et al."). */
  cut: boolean;
  /** For a cut entry: the entry as the style has it, formatted only for the others' sake. */
  companion?: CslItem;
}

/** The style, locale and owner rules for one `cite` call; reusable across selections. */
export interface Citer {
  style: ResolvedStyle;
  locale: string;
  cite(selection: Selection): Promise<CitedDocument>;
}

export function createCiter(
  database: Database,
  settings: CiteSettings,
  /** Over the defaults: the cache next to the database, a thread per core. */
  formatting: Partial<FormatterOptions> = {},
): Citer {
  const style = styleToFormatWith(settings.style, dirname(database.file));
  const locale = findLocale(settings.locale);
  const options: CiteOptions = {
    highlightOwner: settings.highlight_owner,
    keepOwnerVisible: settings.keep_owner_visible,
    equalMark: settings.equal_mark,
    correspondingMark: settings.corresponding_mark,
    words: ownWords(locale.tag),
  };
  const formatter = new Formatter(style, locale, findLocale('en-US'), {
    ...defaultFormatterOptions(dirname(database.file)),
    ...formatting,
  });
  const isOwner = ownerMatcher(database.owner);
  const etAl = etAlRendering(style.tree, locale.tree);
  const etAlByLanguage = layoutEtAls(style.tree);
  const etAlOf = (paper: Paper): EtAlRendering =>
    (paper.language && etAlByLanguage.get(paper.language.split('-')[0] ?? '')) || etAl;
  const connectors = [localeTerm(style.tree, locale.tree, 'and'), 'and', '&', '…', '...'].filter(
    (connector): connector is string => Boolean(connector),
  );
  const limits = bibliographyNameLimits(style.tree);
  const useFirst = limits?.useFirst ?? bibliographyUseFirst(style.tree);
  const disambiguation = disambiguationOf(style.tree);
  const namesBold = bibliographyNamesBold(style.tree);

  const joinGivenNames = (name: CslName): CslName =>
    style.tree.attrs['initialize-with-hyphen'] === 'false' ? withJoinedGivenName(name) : name;

  const prepare = (paper: Paper, cut = false): PreparedItem => {
    const math: string[] = [];
    const item = protectItem(cslItemOf(paper, options.words).item, math);
    const people: Marked[] = [];
    const wrap = (person: Person): CslName => {
      const owner = (options.highlightOwner || options.keepOwnerVisible) && isOwner(person);
      const marks: Mark[] = [];
      if (person.equal && options.equalMark) marks.push('equal');
      if (person.corresponding && options.correspondingMark) marks.push('corresponding');
      const name = joinGivenNames(protectName(toCslName(person)));
      if (!owner && !marks.length) return name;
      people.push({ person, owner, marks });
      return boldParts(name);
    };
    const ownerIndex = paper.authors.findIndex(isOwner);
    const list: (Person | CslName)[] = cut
      ? cutAroundOwner(paper, ownerIndex, useFirst)
      : [...paper.authors, ...(paper.et_al ? [{ literal: ET_AL }] : [])];
    item.author = list.map((person) =>
      'literal' in person && (person.literal === ET_AL || person.literal === ELLIPSIS)
        ? { literal: person.literal }
        : wrap(person as Person),
    );
    if (paper.editors) item.editor = paper.editors.map(wrap);
    return { paper, item, math, people, ownerIndex, cut };
  };

  /** Whether the style's "et al." will hide the owner: then the list is cut at once. */
  const hiddenByStyle = (entry: PreparedItem): boolean => {
    if (!options.keepOwnerVisible || !limits?.min || entry.ownerIndex < 0) return false;
    const count = entry.item.author.length;
    const lastShown = limits.useLast && entry.ownerIndex === count - 1;
    return count >= limits.min && entry.ownerIndex >= limits.useFirst && !lastShown;
  };

  const render = (prepared: PreparedItem, printed: RichText | undefined): Rendered => {
    const claimed = claimNames(printed ?? [], prepared.people, options);
    const reference = normalizeSpaces(
      restore(
        withoutMarkAfterDataComma(replaceEtAl(claimed.nodes, etAlOf(prepared.paper), connectors)),
        prepared.math,
      ),
    );
    const text = withRemarks(reference, prepared.paper);
    return {
      text,
      printed: reference.length > 0,
      links: unprintedLinks({ text, links: entryLinks(prepared.paper, options.words) }),
      ownerShown: claimed.ownerShown,
      marks: claimed.marks,
    };
  };

  const formatPapers = async (papers: readonly Paper[]): Promise<Map<string, Rendered>> => {
    formatter.expect(papers.length);
    const prepared = new Map<string, PreparedItem>();
    for (const paper of papers) {
      const entry = prepare(paper);
      prepared.set(
        paper.id,
        hiddenByStyle(entry)
          ? { ...prepare(paper, true), companion: { ...entry.item, id: `${paper.id}${COMPANION}` } }
          : entry,
      );
    }
    const rendered = new Map<string, Rendered>();
    // Each entry is rendered as it comes, while other threads still format.
    await formatter.format(planBatches([...prepared.values()], disambiguation), (id, text) => {
      const entry = prepared.get(id);
      if (entry) rendered.set(id, render(entry, text));
    });
    if (!options.keepOwnerVisible) return rendered;
    // A style whose cut publist could not foresee: cut the lists that hid the owner, again.
    const hidden = papers.filter((paper) => {
      const entry = prepared.get(paper.id);
      return entry && !entry.cut && entry.ownerIndex >= 0 && !rendered.get(paper.id)?.ownerShown;
    });
    if (hidden.length === 0) return rendered;
    const retried = hidden.map((paper) => prepare(paper, true));
    const reprinted = await formatter.format(
      retried.map((entry) => ({ variant: 'uncut', items: [entry.item] })),
    );
    for (const entry of retried) {
      const again = render(entry, reprinted.get(entry.item.id));
      if (again.ownerShown) rendered.set(entry.item.id, again);
    }
    return rendered;
  };

  const formatted = new Map<string, Promise<Map<string, Rendered>>>();

  return {
    style,
    locale: locale.tag,
    async cite(selection) {
      // Disambiguation (more names before "et al.") depends on which papers are formatted together, so the
      // formatted entries are shared between selections of the same papers only.
      const setKey = selection.papers
        .map((paper) => paper.id)
        .sort()
        .join('\n');
      let pending = formatted.get(setKey);
      if (!pending) {
        pending = formatPapers(selection.papers);
        formatted.set(setKey, pending);
      }
      const rendered = await pending;
      const usedMarks = new Set<Mark>();
      const groups = selection.groups.map((group) => ({
        key: group.key,
        heading: group.heading,
        entries: group.entries.map(({ paper, number }): CitedEntry => {
          const result = rendered.get(paper.id);
          for (const mark of result?.marks ?? []) usedMarks.add(mark);
          return {
            id: paper.id,
            ...(number !== undefined ? { number } : {}),
            paper,
            authorIsOwner: paper.authors.map(isOwner),
            text: result?.text ?? [],
            links: result?.links ?? [],
          };
        }),
      }));
      return {
        groups,
        legend: legend(usedMarks, options),
        style: { id: style.name, title: style.title, namesBold },
        locale: locale.tag,
        unprinted: selection.papers
          .filter((paper) => !rendered.get(paper.id)?.printed)
          .map((paper) => paper.id),
      };
    },
  };
}

/** The selection in `settings.style`: the whole "cite" stage in one call. */
export function citeSelection(
  database: Database,
  selection: Selection,
  settings: CiteSettings,
  formatting?: Partial<FormatterOptions>,
): Promise<CitedDocument> {
  return createCiter(database, settings, formatting).cite(selection);
}

const MATH_VARIABLE_SET: ReadonlySet<string> = new Set(MATH_VARIABLES);

function protectItem(item: CslItem, math: string[]): CslItem {
  const copy: CslItem = { ...item };
  // citeproc links any URL, and takes one that is not http(s) for a DOI: only web addresses.
  if (copy.URL && !WEB_URL.test(copy.URL)) delete copy.URL;
  if (copy.DOI) copy.DOI = withoutPlaceholders(copy.DOI).replace(/"/g, QUOTE);
  for (const field of PRINTED_VARIABLES) {
    const value = copy[field];
    if (typeof value === 'string') {
      const clean = withoutPlaceholders(value);
      copy[field] = withWordsWhole(
        protectText(MATH_VARIABLE_SET.has(field) ? literalDollars(hideMath(clean, math)) : clean),
      ).replace(DATA_COMMA, COMMA);
    }
  }
  return copy;
}

/**
 * citeproc-js takes a full stop for the end of a word, so that a title-casing style printed
 * "Node.Js", "D3.Js", "Idyll.Pub", where pandoc prints "Node.js". A full stop inside a word
 * (after two letters or digits, before a small letter; not "e.g.") passes it as a
 * placeholder, and the word changes case as one.
 */
function withWordsWhole(text: string): string {
  return text.replace(/(?<=[\p{L}\p{N}]{2})\.(?=\p{Ll})/gu, WORD_DOT);
}

/** `$...$` -> a placeholder that citeproc passes through untouched. */
function hideMath(text: string, math: string[]): string {
  return text.replace(MATH_IN_TEXT, (_, tex: string) => {
    math.push(tex);
    return `${MATH_OPEN}${math.length - 1}${MATH_CLOSE}`;
  });
}

/** Outside math, `\$` is how the model writes a literal dollar: it prints as `$`. */
function literalDollars(text: string): string {
  return text.replace(/\\\$/g, '$');
}

function protectText(text: string): string {
  return text
    .replace(/</g, LESS_THAN)
    .replace(/\$/g, DOLLAR)
    .replace(/ ,/g, ` ${COMMA}`)
    .replace(/\u202f/g, NARROW_SPACE);
}

/** The placeholder characters cannot come from the data. */
function withoutPlaceholders(text: string): string {
  return text.replace(PLACEHOLDERS, '\uFFFD');
}

/** What `protectText` and `withoutPlaceholders` change; most names have none of it. */
const UNSAFE_IN_NAME = new RegExp(`[<$${PLACEHOLDER_RANGE}]`);

function protectName(name: CslName): CslName {
  if (!Object.values(name).some((part) => UNSAFE_IN_NAME.test(part))) return name;
  return Object.fromEntries(
    Object.entries(name).map(([key, value]) => [key, protectText(withoutPlaceholders(value))]),
  ) as CslName;
}

/**
 * A given name whose part after a hyphen is in lower case (Shin-ichi, Joong-kyoo) is one
 * name to citeproc-js, which initialises it as "S." But a style that initialises without
 * the hyphen (`initialize-with-hyphen="false"`: Vancouver, AMA, GB/T 7714) makes that hyphen
 * a space first, and then keeps the lower-case word as it keeps "van": "Inage S ichi". pandoc
 * prints "Inage S". Such a hyphen passes citeproc as a placeholder, so the name stays one;
 * printed in full, it is a hyphen again.
 */
function withJoinedGivenName(name: CslName): CslName {
  if (!name.given?.includes('-')) return name;
  return { ...name, given: name.given.replace(/-(?=\p{Ll})/gu, NAME_HYPHEN) };
}

/** citeproc keeps micro-HTML in name parts through initials and case changes. */
function boldParts(name: CslName): CslName {
  return Object.fromEntries(
    Object.entries(name).map(([key, value]) => [key, `<b>${value}</b>`]),
  ) as CslName;
}

/**
 * The author list a style shows in place of one that hides the owner: the names the style
 * shows first, "…" for the ones skipped, the owner, and "et al." when names follow.
 */
function cutAroundOwner(paper: Paper, ownerIndex: number, useFirst: number): (Person | CslName)[] {
  const shown = paper.authors.slice(0, Math.min(useFirst, ownerIndex));
  const gap = ownerIndex > shown.length ? [{ literal: ELLIPSIS }] : [];
  const rest = ownerIndex < paper.authors.length - 1 || paper.et_al ? [{ literal: ET_AL }] : [];
  return [...shown, ...gap, paper.authors[ownerIndex] as Person, ...rest];
}

/** A tree node while names are being claimed: an inline, or a run claimed for a person. */
type Work = Inline | { kind: 'claim'; person: number; children: Work[] };

/** The same container with new children (which may hold claims until `finish`). */
function withChildren(node: Work & { children: unknown[] }, children: Work[]): Work {
  return { ...node, children } as Work;
}

const PARTS: readonly (keyof CslName & string)[] = [
  'family',
  'given',
  'non-dropping-particle',
  'suffix',
  'literal',
];
const PART_NAMES: Record<string, NamePart> = {
  family: 'family',
  given: 'given',
  'non-dropping-particle': 'particle',
  suffix: 'suffix',
  literal: 'literal',
};

/**
 * Finds the bold runs that are the marked people's name parts (citeproc printed them from
 * the `<b>` publist put in), in author order; joins the parts of one name; makes the owner's
 * name an `owner` node and puts marks after each name. Bold that the style itself prints
 * (a title, a volume) matches no name part and stays bold.
 */
function claimNames(
  nodes: RichText,
  people: readonly Marked[],
  options: CiteOptions,
): { nodes: RichText; ownerShown: boolean; marks: Set<Mark> } {
  const partsOf = people.map((marked) =>
    PARTS.filter((part) => cslPart(marked.person, part) !== undefined).map(
      (part) => PART_NAMES[part] as NamePart,
    ),
  );
  const claimed = people.map(() => new Set<NamePart>());
  let cursor = 0;
  const claim = (list: Work[], insideBold = false): Work[] =>
    list.flatMap((node): Work[] => {
      if (node.kind === 'bold') {
        const printed = plainText(node.children as Inline[]);
        const partOf = (index: number, again: boolean) =>
          partsOf[index]?.find(
            (candidate) =>
              (again || !claimed[index]?.has(candidate)) &&
              printedPartMatches(printed, (people[index] as Marked).person, candidate),
          );
        // A part not yet found, from the last person found on; else a name printed a second
        // time (anabases's "Liao et alii 2026 : Baohao Liao"), from the first person on.
        const unclaimed = people.findIndex(
          (_, index) => index >= cursor && partOf(index, false) !== undefined,
        );
        const again = unclaimed < 0;
        const index = again
          ? people.findIndex((_, at) => partOf(at, true) !== undefined)
          : unclaimed;
        const part = index >= 0 ? partOf(index, again) : undefined;
        if (part) {
          claimed[index]?.add(part);
          cursor = index;
          return [{ kind: 'claim', person: index, children: node.children }];
        }
        // Bold inside bold adds nothing (a style's normal weight inside bold, read as bold).
        if (insideBold) return claim(node.children, true);
      }
      return 'children' in node
        ? [withChildren(node, claim(node.children, insideBold || node.kind === 'bold'))]
        : [node];
    });

  // Parts of one name printed side by side ("Liao", ", ", "B.") become one run.
  const groupCounts = people.map(() => 0);
  const join = (list: Work[]): Work[] => {
    const out: Work[] = [];
    for (let index = 0; index < list.length; index++) {
      const node = list[index] as Work;
      if (node.kind !== 'claim') {
        out.push('children' in node ? withChildren(node, join(node.children)) : node);
        continue;
      }
      const children = [...node.children];
      let next = index + 1;
      for (;;) {
        const separator = list[next];
        const following =
          separator?.kind === 'text' && /^[\s,.\u00a0]{0,3}$/.test(separator.text)
            ? list[next + 1]
            : separator;
        if (following?.kind !== 'claim' || following.person !== node.person) break;
        if (following !== separator) children.push(separator as Work);
        children.push(...following.children);
        next = following === separator ? next + 1 : next + 2;
      }
      index = next - 1;
      groupCounts[node.person] = (groupCounts[node.person] ?? 0) + 1;
      out.push({ kind: 'claim', person: node.person, children });
    }
    return out;
  };

  let ownerShown = false;
  const marks = new Set<Mark>();
  const seen = people.map(() => 0);
  const finish = (list: Work[]): Inline[] =>
    list.flatMap((node): Inline[] => {
      if (node.kind !== 'claim') {
        return 'children' in node ? [withChildren(node, finish(node.children)) as Inline] : [node];
      }
      const marked = people[node.person] as Marked;
      const children = finish(node.children);
      seen[node.person] = (seen[node.person] ?? 0) + 1;
      const last = seen[node.person] === groupCounts[node.person];
      if (marked.owner) ownerShown = true;
      const name: Inline[] =
        marked.owner && options.highlightOwner ? [{ kind: 'owner', children }] : children;
      if (!last || !marked.marks.length) return name;
      for (const mark of marked.marks) marks.add(mark);
      const text = marked.marks
        .map((mark) => (mark === 'equal' ? options.equalMark : options.correspondingMark))
        .join('');
      return [...name, { kind: 'text', text }];
    });

  return { nodes: finish(join(claim(nodes))), ownerShown, marks };
}

function cslPart(person: Person, part: string): string | undefined {
  const name = toCslName(person) as Record<string, string | undefined>;
  return name[part];
}

interface EtAlRendering {
  text: string;
  italic: boolean;
}

function etAlRendering(style: CslNode, locale: CslNode): EtAlRendering {
  const element = findElement(style, 'et-al');
  const term = element?.attrs.term ?? 'et-al';
  return {
    text: localeTerm(style, locale, term) ?? 'et al.',
    italic: element?.attrs['font-style'] === 'italic',
  };
}

/**
 * A bilingual style's "et al." for each language it has a layout of its own for (CSL-M's
 * `<layout locale="en">`, which citeproc-js follows by the item's `language`: the GB/T 7714
 * styles print "et al." after English authors, "等" after Chinese ones).
 */
function layoutEtAls(style: CslNode): Map<string, EtAlRendering> {
  const byLanguage = new Map<string, EtAlRendering>();
  const bibliography = childElements(style, 'bibliography')[0];
  const layouts = bibliography ? childElements(bibliography, 'layout') : [];
  for (const tag of layouts.flatMap((layout) => layout.attrs.locale?.split(/\s+/) ?? [])) {
    const language = tag.split('-')[0];
    if (!language || byLanguage.has(language)) continue;
    try {
      byLanguage.set(language, etAlRendering(style, findLocale(tag).tree));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
    }
  }
  return byLanguage;
}

function findElement(node: CslNode, name: string): CslNode | undefined {
  for (const child of childElements(node)) {
    if (child.name === name) return child;
    const found = findElement(child, name);
    if (found) return found;
  }
  return undefined;
}

/** The end-of-list placeholder -> the style's "et al.", without the "and" before it. */
function replaceEtAl(nodes: RichText, etAl: EtAlRendering, connectors: string[]): RichText {
  const connector = new RegExp(`\\s*(?:${connectors.map(literalPattern).join('|')})\\s*$`, 'u');
  const walk = (list: Inline[]): Inline[] => {
    const out: Inline[] = [];
    for (const node of list) {
      if (node.kind === 'text' && node.text.includes(ET_AL)) {
        const at = node.text.indexOf(ET_AL);
        let before = node.text.slice(0, at);
        let after = node.text.slice(at + ET_AL.length);
        if (before.trim() === '') {
          const previous = out[out.length - 1];
          // A copy: the nodes are citeproc's output, which the cache keeps.
          if (previous?.kind === 'text') {
            out[out.length - 1] = { ...previous, text: previous.text.replace(connector, ' ') };
          }
        } else {
          before = before.replace(connector, ' ');
        }
        if (etAl.text.endsWith('.') && after.startsWith('.')) after = after.slice(1);
        const phrase: Inline = etAl.italic
          ? { kind: 'italic', children: [{ kind: 'text', text: etAl.text }] }
          : { kind: 'text', text: etAl.text };
        out.push({ kind: 'text', text: before }, phrase, { kind: 'text', text: after });
      } else if ('children' in node) {
        out.push({ ...node, children: walk(node.children) });
      } else {
        out.push(node);
      }
    }
    return out;
  };
  return walk(nodes);
}

const HAS_PLACEHOLDER = new RegExp(`[${PLACEHOLDER_RANGE}]`);
const MATH_PLACEHOLDER = new RegExp(`${MATH_OPEN}(\\d+)${MATH_CLOSE}`);

const RESTORED: Record<string, string> = {
  [LESS_THAN]: '<',
  [DOLLAR]: '$',
  [QUOTE]: '"',
  [COMMA]: ',',
  [NARROW_SPACE]: '\u202f',
  [NAME_HYPHEN]: '-',
  [WORD_DOT]: '.',
};
const RESTORED_CHARACTER = new RegExp(`[${Object.keys(RESTORED).join('')}]`, 'g');

/**
 * A field that ends with the data's comma ('Journal "Now!,"') does not end with a mark for
 * citeproc, which sees a placeholder: it adds its own comma or full stop, after the
 * placeholder or after the quotes that close it (“Now!,,” in IEEE, ‘Now!,’, 3 in Harvard,
 * “Hi!,.” in APA). pandoc prints the data's comma alone.
 */
function withoutMarkAfterDataComma(nodes: RichText): RichText {
  let afterComma = false;
  const walk = (list: RichText): Inline[] =>
    list.map((node) => {
      if (node.kind === 'math') {
        afterComma = false;
        return node;
      }
      if (node.kind !== 'text') return { ...node, children: walk(node.children) };
      if (!afterComma && !node.text.includes(COMMA)) return node;
      let text = '';
      for (const char of node.text) {
        if (afterComma && (char === ',' || char === '.')) {
          afterComma = false;
          continue;
        }
        if (!afterComma || !CLOSING_QUOTES.includes(char)) afterComma = char === COMMA;
        text += char;
      }
      return { kind: 'text', text };
    });
  return walk(nodes);
}

function restoreCharacters(text: string): string {
  return text.replace(RESTORED_CHARACTER, (char) => RESTORED[char] ?? char);
}

/** Placeholders back to what they stand for: `<`, `$`, `"`, `,`, U+202F and math nodes. */
function restore(nodes: RichText, math: readonly string[]): RichText {
  return nodes.flatMap((node): Inline[] => {
    if (node.kind === 'text') {
      if (!HAS_PLACEHOLDER.test(node.text)) return node.text ? [node] : [];
      const text = restoreCharacters(node.text);
      const parts = text.split(MATH_PLACEHOLDER);
      return parts.flatMap((part, index): Inline[] => {
        if (index % 2 === 1) return [{ kind: 'math', tex: math[Number(part)] ?? '' }];
        return part ? [{ kind: 'text', text: part }] : [];
      });
    }
    if (node.kind === 'math') return [node];
    if (node.kind === 'link') {
      const url = restoreCharacters(node.url);
      return [{ ...node, url, children: restore(node.children, math) }];
    }
    return [{ ...node, children: restore(node.children, math) }];
  });
}

/**
 * The paper's status ("to appear"), note ("Oral presentation") and award ("Best Paper
 * Award") after the reference, each as a sentence, in that order: what a CV must show and
 * most styles leave out. One the style printed itself (APA prints the status) is not
 * repeated. Part of the text, so every writer shows them.
 */
function withRemarks(text: RichText, paper: Paper): RichText {
  const printed = normalizeForSearch(plainText(text));
  const remarks = [paper.status, paper.note, paper.award]
    .map((remark) => remark?.trim())
    .filter((remark): remark is string => Boolean(remark))
    .filter((remark) => !printed.includes(normalizeForSearch(remark)));
  if (remarks.length === 0) return text;
  let remarked = remarksLead(text);
  remarks.forEach((remark, index) => {
    if (index > 0) remarked += ENDS_WITH_ADDRESS.test(remarks[index - 1] ?? '') ? ' · ' : ' ';
    // No full stop after an address: it would be taken into the address when pasted.
    const sentence = sentenceCase(remark);
    remarked += ENDS_WITH_ADDRESS.test(remark) || /[.!?]$/.test(remark) ? sentence : `${sentence}.`;
  });
  return normalizeSpaces([...text, { kind: 'text', text: remarked }]);
}

const STARTS_WITH_ADDRESS = /^[a-z][a-z\d+.-]*:\/\//i;
const ENDS_WITH_ADDRESS = /[a-z][a-z\d+.-]*:\/\/\S+$/i;

/**
 * "to appear" starts a sentence as "To appear"; "arXiv" keeps its case, and so does an
 * address ("Https://" is none).
 */
function sentenceCase(remark: string): string {
  return /^\p{Ll}+\b/u.test(remark) && !STARTS_WITH_ADDRESS.test(remark)
    ? remark[0]?.toUpperCase() + remark.slice(1)
    : remark;
}

/** What goes between a reference and its remarks. */
function remarksLead(text: RichText): string {
  const last = text[text.length - 1];
  if (!last) return '';
  // A full stop after a closing web address would spoil it when pasted: a middle dot sets
  // the remarks apart instead, as it does the text writer's links.
  if (last.kind === 'link') return ' · ';
  return endsSentence(plainText(text)) ? ' ' : '. ';
}

function normalizeForSearch(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

const WEB_URL = /^https?:\/\//i;

/**
 * The paper's links in a fixed order, labelled in the output's language; only web addresses
 * (a `javascript:` URL is dropped).
 */
export function entryLinks(paper: Paper, words: OwnWords): EntryLink[] {
  const urls: [LinkKind, string | undefined][] = [
    ['doi', paper.doi && doiUrl(paper.doi)],
    ['arxiv', paper.arxiv && arxivUrl(paper.arxiv)],
    ['url', paper.url],
    ['pdf', paper.pdf],
    ['code', paper.code],
    ['slides', paper.slides],
    ['video', paper.video],
    ['poster', paper.poster],
  ];
  return urls
    .filter((entry): entry is [LinkKind, string] => Boolean(entry[1] && WEB_URL.test(entry[1])))
    .map(([kind, url]) => ({ kind, label: words.links[kind], url }));
}

function legend(used: ReadonlySet<Mark>, options: CiteOptions): RichText[] {
  const lines: RichText[] = [];
  if (used.has('equal')) {
    lines.push([{ kind: 'text', text: `${options.equalMark} ${options.words.equalContribution}` }]);
  }
  if (used.has('corresponding')) {
    lines.push([
      { kind: 'text', text: `${options.correspondingMark} ${options.words.correspondingAuthor}` },
    ]);
  }
  return lines;
}
