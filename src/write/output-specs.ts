/**
 * The database's `render.outputs`, checked against the writers that exist: an unknown
 * format or option, two outputs writing one file, or a file outside the output folder is
 * the database's mistake, reported at its place (exit 1) by `validate` as by `build`.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { InputError, UsageError, type Problem } from '../model/problems.js';
import type { OutputSpec } from '../model/schema.js';
import type { SourceDocument } from '../read/source.js';
import { findWriter, TEMPLATE_OPTIONS, writers } from './registry.js';
import { templatesFolderProblem, unusedFolderWarning } from './templates.js';
import type { Writer } from './writer.js';
import { flagProblem, untemplatedProblem } from './writer-options.js';

/**
 * The folder of the output's own templates, relative to the database's folder; relative
 * to the working folder when the database's path is, so that its files are shown as the
 * database is.
 */
export function templateFolder(databaseFile: string, spec: OutputSpec): string | undefined {
  if (!spec.templates) return undefined;
  return isAbsolute(spec.templates) ? spec.templates : join(dirname(databaseFile), spec.templates);
}

/** The outputs `build` writes when the database's `render.outputs` names none. */
export const DEFAULT_OUTPUTS: readonly OutputSpec[] = [
  { format: 'csl-json' },
  { format: 'pdf' },
  { format: 'markdown' },
  { format: 'html', standalone: true },
  { format: 'latex' },
  { format: 'latex', standalone: true },
  { format: 'bibtex' },
];

/** The file an output writes, relative to the output folder. */
export function outputFile(spec: OutputSpec, writer: Writer): string {
  return spec.file ?? writer.defaultFile({ standalone: spec.standalone ?? false });
}

type AddProblem = (path: (string | number)[], message: string, hint?: string, part?: 'key') => void;

/** Problems of `render.outputs[i]...`, located in the database. */
function problemAdder(source: SourceDocument, problems: Problem[]): AddProblem {
  return (path, message, hint, part) => {
    problems.push({
      file: source.file,
      ...source.locate(['render', 'outputs', ...path], part),
      message: `render.outputs${outputPathName(path)}: ${message}`,
      ...(hint ? { hint } : {}),
    });
  };
}

/** `[0].options.pdf-theme` for the path `[0, 'options', 'pdf-theme']` under `render.outputs`. */
export function outputPathName(path: readonly (string | number)[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

/** A mistake in one output spec, at its path under `render.outputs` (`[0, 'options', 'x']`). */
export interface OutputFault {
  path: (string | number)[];
  message: string;
  hint?: string;
  /** Located at the key rather than its value: the key itself is what is wrong. */
  part?: 'key';
}

/** The database's outputs, located in its file. */
export function outputProblems(specs: readonly OutputSpec[], source: SourceDocument): Problem[] {
  const problems: Problem[] = [];
  const add = problemAdder(source, problems);
  for (const { path, message, hint, part } of outputFaults(specs)) add(path, message, hint, part);
  return problems;
}

/**
 * What is wrong in outputs of the right types, whether read from a file or built in code:
 * their formats, files and the options each format takes. An undefined spec is one of the
 * wrong types, reported already.
 */
export function outputFaults(specs: readonly (OutputSpec | undefined)[]): OutputFault[] {
  const faults: OutputFault[] = [];
  const add = (path: (string | number)[], message: string, hint?: string, part?: 'key') =>
    faults.push({ path, message, ...(hint ? { hint } : {}), ...(part ? { part } : {}) });
  const files = new Map<string, number>();
  specs.forEach((spec, index) => {
    // A missing format, or one that is not text, is the schema's to report, once.
    if (!spec?.format) return;
    let writer: Writer;
    try {
      writer = findWriter(spec.format);
    } catch (error) {
      add([index, 'format'], (error as Error).message);
      return;
    }
    const file = outputFile(spec, writer);
    if (isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
      add(
        [index, 'file'],
        `"${file}" is outside the output folder`,
        'give a file name such as cv.pdf; `--out-dir` chooses the folder',
      );
    }
    const first = files.get(file);
    if (first !== undefined) {
      add(
        [index, spec.file ? 'file' : 'format'],
        `writes ${file} again, as render.outputs[${first}] does`,
        'give one of them its own `file:`',
      );
    } else {
      files.set(file, index);
    }
    if (!writer.template) {
      const { message } = untemplatedProblem(writer);
      for (const key of TEMPLATE_OPTIONS) {
        // `standalone: false` asks for what every format writes.
        const given = key === 'standalone' ? spec.standalone === true : spec[key] !== undefined;
        if (given) add([index, key], message, undefined, 'key');
      }
    }
    for (const [name, value] of Object.entries(spec.options ?? {})) {
      const problem = flagProblem(writer, name, value);
      if (!problem) continue;
      const known = writer.flags?.some((flag) => flag.name === name);
      add([index, 'options', name], problem.message, problem.hint, known ? undefined : 'key');
    }
  });
  return faults;
}

/**
 * The templates that outputs name (`template:`, `templates:`), loaded and checked as `build`
 * would load them: a folder or a template that does not exist is reported at its key, and a
 * template that does not parse, or names what its context does not have, in its own file.
 * A folder with nothing for the output's format is a warning.
 */
export async function templateProblems(
  specs: readonly OutputSpec[],
  source: SourceDocument,
): Promise<{ problems: Problem[]; warnings: Problem[] }> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const add = problemAdder(source, problems);
  const warn = problemAdder(source, warnings);
  for (const [index, spec] of specs.entries()) {
    if (spec.template === undefined && spec.templates === undefined) continue;
    // A missing or unknown format is reported by outputProblems or the schema.
    const writer = writers().find((candidate) => candidate.format === spec.format);
    if (!writer?.template) continue;
    const templatesDir = templateFolder(source.file, spec);
    if (templatesDir) {
      const folderProblem = templatesFolderProblem(templatesDir, spec.templates);
      if (folderProblem) {
        add([index, 'templates'], folderProblem);
        continue;
      }
      const unused = unusedFolderWarning(templatesDir, spec.format, spec.templates, spec.template);
      if (unused) warn([index, 'templates'], unused);
    }
    try {
      await writer.template({
        standalone: spec.standalone ?? false,
        ...(spec.template ? { template: spec.template } : {}),
        ...(templatesDir ? { templatesDir } : {}),
        flags: {},
      });
    } catch (error) {
      if (error instanceof UsageError) add([index, 'template'], error.message);
      else if (error instanceof InputError) problems.push(...error.problems);
      else throw error;
    }
  }
  return { problems, warnings };
}
