/**
 * The database's `render.outputs`, checked against the writers that exist: an unknown
 * format or option, two outputs writing one file, or a file outside the output folder is
 * the database's mistake, reported at its place (exit 1) by `validate` as by `build`.
 */
import { isAbsolute } from 'node:path';
import type { Problem } from '../model/problems.js';
import type { OutputSpec } from '../model/schema.js';
import type { SourceDocument } from '../read/source.js';
import { didYouMean } from '../validate/suggest.js';
import { findWriter, TEMPLATE_OPTIONS, templatedFormats } from './registry.js';
import type { Writer } from './writer.js';

/** The file an output writes, relative to the output folder. */
export function outputFile(spec: OutputSpec, writer: Writer): string {
  return spec.file ?? writer.defaultFile({ standalone: spec.standalone ?? false });
}

export function outputProblems(specs: readonly OutputSpec[], source: SourceDocument): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string, hint?: string, part?: 'key') => {
    problems.push({
      file: source.file,
      ...source.locate(['render', 'outputs', ...path], part),
      message: `render.outputs[${String(path[0])}]${typeof path[1] === 'string' ? `.${path[1]}` : ''}: ${message}`,
      ...(hint ? { hint } : {}),
    });
  };
  const files = new Map<string, number>();
  specs.forEach((spec, index) => {
    // A missing format, or one that is not text, is the schema's to report, once.
    if (!spec.format) return;
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
    if (!writer.templated) {
      for (const key of TEMPLATE_OPTIONS) {
        if (spec[key] === undefined) continue;
        add(
          [index, key],
          `${spec.format} has no templates, so no \`${key}\``,
          `\`${key}\` is for ${templatedFormats()}`,
          'key',
        );
      }
    }
    const known = (writer.flags ?? []).map((flag) => flag.name);
    for (const [name, value] of Object.entries(spec.options ?? {})) {
      const flag = writer.flags?.find((candidate) => candidate.name === name);
      if (!flag) {
        add(
          [index, 'options', name],
          `${spec.format} has no option \`${name}\``,
          didYouMean(name, known) ??
            (known.length ? `options: ${known.join(', ')}` : 'it takes none'),
          'key',
        );
      } else if (flag.choices && !flag.choices.includes(String(value))) {
        add(
          [index, 'options', name],
          `option ${name}: "${String(value)}" is not one of ${flag.choices.join(', ')}`,
        );
      }
    }
  });
  return problems;
}
