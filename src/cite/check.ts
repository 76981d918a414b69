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
    } else if (style !== undefined && !styleExists(style, baseDir)) {
      const isPath = looksLikePath(style);
      problems.push({
        file: source.file,
        ...source.locate([...path, 'style']),
        message: `${name(path, 'style')}: ${isPath ? `style file "${style}" does not exist` : `unknown style "${style}"`}`,
        hint: isPath ? missingStyleFileHint(style) : unknownStyleHint(style),
      });
    }
    if (locale !== undefined && localeTag(locale) === undefined) {
      problems.push({
        file: source.file,
        ...source.locate([...path, 'locale']),
        message: `${name(path, 'locale')}: ${unknownLocaleMessage(locale)}`,
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
