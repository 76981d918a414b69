/** User mistakes: located, explained, collected so that one run reports all of them. */

export interface SourcePosition {
  line: number;
  col: number;
}

export interface Problem extends SourcePosition {
  file: string;
  message: string;
  /** How to fix it ("did you mean `venue`?"). */
  hint?: string;
  /** The offending source line with a caret under the column, for syntax errors. */
  excerpt?: string;
}

/** Thrown for any mistake in the user's input (exit code 1); never for a bug of ours. */
export class InputError extends Error {
  readonly problems: readonly Problem[];

  /** `warnings`: what is legal but likely not meant, said beside the problems. */
  constructor(
    problems: readonly Problem[],
    readonly warnings: readonly Problem[] = [],
  ) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** Thrown for a wrong command line or option (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An output that cannot be written where it was asked for (a folder in the way, no permission): exit 1. */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'OutputError';
  }
}

/** A problem at line 0 is in its file, at no place known (a template failing while rendering). */
export function formatProblem(problem: Problem): string {
  const at = problem.line ? `${problem.file}:${problem.line}:${problem.col}` : problem.file;
  let out = `${at}: ${withHint(problem.message, problem.hint)}`;
  if (problem.excerpt) out += `\n${problem.excerpt}`;
  return out;
}

/**
 * A message and its hint in parentheses, inside the message's closing full stop when it ends
 * with one: "... is invalid. Expected a four-digit year (give it as a number, 2020, not as text)."
 */
export function withHint(message: string, hint: string | undefined): string {
  if (!hint) return message;
  return message.endsWith('.') ? `${message.slice(0, -1)} (${hint}).` : `${message} (${hint})`;
}

/** A warning (legal, but likely not meant), as compilers print one: `file:line:col: warning: ...`. */
export function formatWarning(warning: Problem): string {
  return formatProblem({ ...warning, message: `warning: ${warning.message}` });
}

/** The line and column of a character of the text, counted from 1. */
export function positionAt(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** The source line with a caret under `col`, as compilers print it. */
export function excerptAt(text: string, position: SourcePosition): string {
  const line = text.split(/\r?\n/)[position.line - 1] ?? '';
  const gutter = `${position.line} | `;
  return `${gutter}${line}\n${' '.repeat(gutter.length + position.col - 1)}^`;
}
