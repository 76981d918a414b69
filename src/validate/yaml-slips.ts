/**
 * Values that YAML read otherwise than they were meant, because they were not quoted: a
 * number or true/false where text is wanted (`arxiv: 2101.10000`, which YAML reads as
 * 2101.1), an item with ": " in it read as a key and its value (`authors: [Ann: Smith]`).
 * Each is shown as the file writes it, with the quotes that keep it.
 */
import { quotedScalar } from '../read/yaml-quote.js';
import { isRecord, type ProblemList } from './problem-list.js';
import type { DataPath } from '../read/source.js';

/**
 * Reports `value` at `path` when it is a number or true/false where `expected` (text, or
 * text or a whole number) is wanted in the data; returns whether it did.
 */
export function reportUnquotedScalar(
  path: DataPath,
  value: unknown,
  expected: string,
  problems: ProblemList,
): boolean {
  // The settings under `render` take words (a format, a style): quoting a number is no answer.
  if ((typeof value !== 'number' && typeof value !== 'boolean') || path[0] === 'render')
    return false;
  const read = String(value);
  const written = problems.source.sourceText(path);
  if (written === undefined) {
    // The value comes from elsewhere (`*name`, `<<:`): it is to be quoted there.
    const got = typeof value === 'boolean' ? read : `the number ${read}`;
    problems.add(
      path,
      `expected ${expected}, got ${got}`,
      'it comes from an alias or a merge: put the value in quotes where the file writes it',
    );
    return true;
  }
  const how =
    typeof value === 'boolean'
      ? 'which YAML reads as true or false'
      : written === read
        ? 'which YAML reads as a number'
        : `which YAML reads as the number ${read}${droppedDigits(written)}`;
  problems.add(path, `expected ${expected}, got ${written}, ${how}`, quoteHint(path, written));
  return true;
}

/**
 * Reports `value` at `path` when it is a mapping of one key to a scalar where text is wanted:
 * an item with ": " in it (`- Ann: Smith`). Returns whether it did.
 */
export function reportColonItem(path: DataPath, value: unknown, problems: ProblemList): boolean {
  const item = colonItem(value);
  if (item === undefined) return false;
  const written = problems.source.sourceText(path);
  const shown = written !== undefined && !written.includes('\n') ? written : item;
  problems.add(
    path,
    `expected text, got "${shown}", which YAML reads as a key and its value because of the ${shown.endsWith(':') ? '":" at its end' : '": "'}`,
    quoteHint(path, shown),
  );
  return true;
}

/** `Ann: Smith` when `value` is YAML's reading of it, a mapping of one key to a scalar. */
export function colonItem(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  const [entry] = entries;
  if (entries.length !== 1 || !entry) return undefined;
  const [key, item] = entry;
  if (item !== null && typeof item === 'object') return undefined;
  return item === null ? `${key}:` : `${key}: ${String(item)}`;
}

function quoteHint(path: DataPath, written: string): string {
  const key = path.at(-1);
  return `put it in quotes: ${typeof key === 'string' ? `${key}: ` : ''}${quotedScalar(written)}`;
}

/** ", dropping the trailing zero" where the number YAML read lost zeros the text has. */
function droppedDigits(written: string): string {
  const decimal = /^[-+]?\d*\.\d*?(0+)$/.exec(written)?.[1];
  if (decimal) return `, dropping the trailing ${decimal.length === 1 ? 'zero' : 'zeros'}`;
  const leading = /^[-+]?(0+)\d/.exec(written)?.[1];
  if (leading) return `, dropping the leading ${leading.length === 1 ? 'zero' : 'zeros'}`;
  return '';
}
