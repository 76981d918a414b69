import {
  formatProblem,
  formatWarning,
  type InputError,
  type Problem,
  type UsageError,
} from '../model/problems.js';
import { OptionError } from '../options.js';
import { status } from './status.js';
import { terminal } from './terminal.js';

/** The problems, and the warnings among them where they are in the file. */
export function reportProblems(error: InputError): void {
  status.clear();
  const said = [
    ...error.problems.map((problem) => ({
      at: problem,
      line: terminal.red(formatProblem(problem)),
    })),
    ...error.warnings.map((warning) => ({
      at: warning,
      line: terminal.yellow(formatWarning(warning)),
    })),
  ];
  // Warnings are about the database, which comes first; other files (templates, styles) as
  // the problems name them.
  const files = [...new Set(said.map(({ at }) => at.file))];
  if (error.warnings[0]) files.unshift(error.warnings[0].file);
  said.sort(
    (a, b) =>
      files.indexOf(a.at.file) - files.indexOf(b.at.file) ||
      a.at.line - b.at.line ||
      a.at.col - b.at.col,
  );
  for (const { line } of said) process.stderr.write(`${line}\n`);
  const warned = error.warnings.length ? `, ${count(error.warnings.length, 'warning')}` : '';
  process.stderr.write(`${count(error.problems.length, 'problem')}${warned}\n`);
}

/** "1 paper", "2 papers". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function reportError(message: string): void {
  status.clear();
  process.stderr.write(`${terminal.red(`error: ${message}`)}\n`);
}

/** A wrong command line; the options the pipeline found wrong are named as their flags. */
export function reportUsageError(error: UsageError): void {
  if (!(error instanceof OptionError)) {
    reportError(error.message);
    return;
  }
  for (const { option, message } of error.problems) reportError(`${flagOf(option)}: ${message}`);
}

/**
 * `--group-by` for `overrides.group_by`, `--pdf-theme` for `output.flags.pdf-theme`, and
 * `--out-dir` for build's own `outDir`.
 */
function flagOf(option: string): string {
  // loadDatabase's `file` is the commands' first argument, not a flag.
  if (option === 'file') return 'the database argument';
  if (/^[A-Za-z]+$/.test(option)) {
    return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  }
  const [, group, key = '', flag] = /^(\w+)\.(\w+)(?:\.(.+))?$/.exec(option) ?? [];
  if (group === 'overrides') return `--${key.replaceAll('_', '-')}`;
  if (group !== 'output') return option;
  if (key === 'flags' && flag) return `--${flag}`;
  return key === 'templatesDir' ? '--templates' : `--${key}`;
}

export function warn(message: string): void {
  status.clear();
  process.stderr.write(`${terminal.yellow('warning:')} ${message}\n`);
}

/** Warnings about the database, each at its place. */
export function warnAt(warnings: readonly Problem[]): void {
  if (warnings.length) status.clear();
  for (const warning of warnings)
    process.stderr.write(`${terminal.yellow(formatWarning(warning))}\n`);
}

/** A line about the work done ("wrote out/cv.pdf"), below any progress shown. */
export function say(line: string): void {
  status.clear();
  process.stderr.write(`${line}\n`);
}
