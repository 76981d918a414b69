/**
 * The two indentation slips the YAML parser answers with a cascade of unrelated errors: a
 * line indented with a tab ("Tabs are not allowed as indentation", then "All mapping items
 * must start at the same column" on the lines after it), and a key or list item indented
 * less than the one above it but more than their parent ("Sequence item without - indicator",
 * or a misplaced "indented under" on the correct line below it). Each is said once, at its
 * line, with the indentation it should have.
 */
import type { SourcePosition } from '../model/problems.js';

export interface IndentationProblem {
  position: SourcePosition;
  message: string;
}

/** A line that starts a key (`key:`) or a list item (`- `), after its indentation. */
const KEY = /^([^\s:#'"[\]{},&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:(?:[ \t]|$)/;
const ITEM = /^-(?:[ \t]|$)/;

/** Where a key or list item starts on a line: each `- ` and the key after the last one. */
interface Start {
  col: number;
  /** `title` for a key, undefined for a list item. */
  key?: string;
  line: number;
}

function startsOf(line: string, number: number): Start[] {
  const starts: Start[] = [];
  let col = /^ */.exec(line)?.[0].length ?? 0;
  for (;;) {
    const rest = line.slice(col);
    if (ITEM.test(rest)) {
      starts.push({ col, line: number });
      col += /^-[ \t]*/.exec(rest)?.[0].length ?? 1;
      continue;
    }
    const key = KEY.exec(rest)?.[1];
    if (key !== undefined) starts.push({ col, key, line: number });
    return starts;
  }
}

/** "`title` (line 4)", "the item at line 7". */
function named(start: Start): string {
  return start.key === undefined
    ? `the list item at line ${start.line}`
    : `\`${start.key}\` (line ${start.line})`;
}

function spaces(n: number): string {
  return `${n} space${n === 1 ? '' : 's'}`;
}

/**
 * The indentation slips among the lines (1-based) the parser found errors on, or an empty
 * list when none of them is one. When there are some, the parser's other errors follow from
 * them and are better left unsaid.
 */
export function indentationProblems(
  text: string,
  errorLines: ReadonlySet<number>,
): IndentationProblem[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const problems: IndentationProblem[] = [];
  for (const number of [...errorLines].sort((a, b) => a - b)) {
    const line = lines[number - 1];
    if (line === undefined) continue;
    const indentation = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const levels = enclosingLevels(lines, number, indentation.length);
    const above = levels[0];
    if (indentation.includes('\t')) {
      const as = above ? `; ${named(above)} is indented by ${spaces(above.col)}` : '';
      problems.push({
        position: { line: number, col: indentation.indexOf('\t') + 1 },
        message: `this line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces${as}`,
      });
      continue;
    }
    const col = indentation.length;
    const own = startsOf(line, number)[0];
    // Only a line between two levels: one indented further than the line above is more of
    // its value, which the parser's errors say well.
    if (!own || !above || col >= above.col || levels.some((level) => level.col === col)) continue;
    // A key lines up with keys, an item with items, where there are any.
    const alike = levels.filter((level) => (level.key === undefined) === (own.key === undefined));
    const nearest = (alike.length ? alike : levels).reduce((best, level) =>
      Math.abs(level.col - col) < Math.abs(best.col - col) ? level : best,
    );
    const [what, kind] =
      own.key === undefined
        ? ['this list item', 'the items of a list']
        : [`\`${own.key}\``, 'the keys of a mapping'];
    const as = nearest.key === undefined ? 'that item' : `\`${nearest.key}\``;
    problems.push({
      position: { line: number, col: col + 1 },
      message: `${what} is indented by ${spaces(col)}, but ${named(nearest)} by ${nearest.col}: ${kind} line up in YAML, so indent it as ${as} is`,
    });
  }
  return problems;
}

/**
 * The keys and list items a line at `number`, indented by `indent`, could line up with,
 * nearest first: the last key or item above it, then the one its block belongs to, out to
 * the first at `indent` or less (the ones further out are further from it: a long file
 * with an error on every line is not read back to its top for each).
 */
function enclosingLevels(lines: readonly string[], number: number, indent: number): Start[] {
  const levels: Start[] = [];
  let bound = Infinity;
  for (let index = number - 2; index >= 0 && bound > indent; index--) {
    const line = lines[index] ?? '';
    if (!line.trim() || line.trimStart().startsWith('#') || /^[ ]*\t/.test(line)) continue;
    const starts = startsOf(line, index + 1).filter((start) => start.col < bound);
    if (starts.length === 0) continue;
    levels.push(...starts.reverse());
    bound = Math.min(...starts.map((start) => start.col));
  }
  return levels;
}
