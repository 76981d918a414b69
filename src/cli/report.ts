import { formatProblem, formatWarning, type InputError, type Problem } from '../model/problems.js';
import { status } from './status.js';
import { terminal } from './terminal.js';

export function reportProblems(error: InputError): void {
  status.clear();
  for (const problem of error.problems)
    process.stderr.write(`${terminal.red(formatProblem(problem))}\n`);
  const count = error.problems.length;
  process.stderr.write(`${count} problem${count === 1 ? '' : 's'}\n`);
}

export function reportError(message: string): void {
  status.clear();
  process.stderr.write(`${terminal.red(`error: ${message}`)}\n`);
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
