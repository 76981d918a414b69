import { formatProblem, type InputError } from '../model/problems.js';
import { terminal } from './terminal.js';

export function reportProblems(error: InputError): void {
  for (const problem of error.problems)
    process.stderr.write(`${terminal.red(formatProblem(problem))}\n`);
  const count = error.problems.length;
  process.stderr.write(`${count} problem${count === 1 ? '' : 's'}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`${terminal.yellow('warning:')} ${message}\n`);
}
