/**
 * The citation settings a database names (`render.style`, `render.locale` and those of each
 * output), checked when it is loaded: an unknown style in the file is the file's mistake,
 * reported at its line like any other (exit 1), not a command-line error.
 */
import { dirname } from 'node:path';
import type { Database } from '../model/paper.js';
import type { Problem } from '../model/problems.js';
import type { DataPath, SourceDocument } from '../read/source.js';
import { readStyleFile } from './style-check.js';
import {
  findStyleFile,
  localeTag,
  looksLikePath,
  missingStyleFileHint,
  styleExists,
  unknownLocaleMessage,
  unknownStyleHint,
} from './style-names.js';

export function citationProblems(
  database: Pick<Database, 'file' | 'render'>,
  source: SourceDocument,
): Problem[] {
  const problems: Problem[] = [];
  const baseDir = dirname(database.file);
  const name = (path: DataPath, key: string) =>
    [...path, key]
      .map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part))
      .join('');
  const check = (path: DataPath, style?: string, locale?: string) => {
    const styleFile =
      style !== undefined && looksLikePath(style) ? findStyleFile(style, baseDir) : undefined;
    if (styleFile) {
      // The file the database names is checked with the database: `validate` catches it.
      const read = readStyleFile(styleFile);
      if (Array.isArray(read)) {
        const { line, col } = source.locate([...path, 'style']);
        problems.push(
          ...read.map((problem) => ({
            ...problem,
            hint: `${problem.hint ? `${problem.hint}; ` : ''}named by ${name(path, 'style')} at ${source.file}:${line}:${col}`,
          })),
        );
      }
    } else {
      const missing = style === undefined ? undefined : missingStyle(style, baseDir);
      if (missing) {
        problems.push({
          file: source.file,
          ...source.locate([...path, 'style']),
          message: `${name(path, 'style')}: ${missing.message}`,
          hint: missing.hint,
        });
      }
    }
    const unknown = locale === undefined ? undefined : unknownLocale(locale);
    if (unknown) {
      problems.push({
        file: source.file,
        ...source.locate([...path, 'locale']),
        message: `${name(path, 'locale')}: ${unknown}`,
      });
    }
  };
  const { render } = database;
  // A blank setting (`style: " "`) is the schema's to report: it holds nothing to look up.
  const named = (value?: string) => (value?.trim() ? value : undefined);
  check(['render'], named(render.style), named(render.locale));
  render.outputs?.forEach((output, index) =>
    check(['render', 'outputs', index], named(output.style), named(output.locale)),
  );
  return problems;
}

/**
 * Why `style`, named as a setting (in the database, or by `--style`), names no style there
 * is: no such name, or no such file. Undefined when it names one.
 */
export function missingStyle(
  style: string,
  baseDir: string,
): { message: string; hint: string } | undefined {
  if (styleExists(style, baseDir)) return undefined;
  return looksLikePath(style)
    ? {
        message: `style file "${style}" does not exist`,
        hint: missingStyleFileHint(style, baseDir),
      }
    : { message: `unknown style "${style}"`, hint: unknownStyleHint(style) };
}

/** Why `locale`, named as a setting, is none there is; undefined when it is one. */
export function unknownLocale(locale: string): string | undefined {
  return localeTag(locale) === undefined ? unknownLocaleMessage(locale) : undefined;
}
