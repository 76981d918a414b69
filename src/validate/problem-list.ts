import { firstCharactersAsSeen } from '../model/graphemes.js';
import type { Problem } from '../model/problems.js';
import type { DataPath, SourceDocument } from '../read/source.js';
import { visibly } from './invisible.js';

/** Collects located problems, each once, for one InputError at the end. */
export class ProblemList {
  readonly items: Problem[] = [];
  private readonly seen = new Set<string>();
  /** Every path a problem was added at or inside of: each added path and its prefixes. */
  private readonly within = new Set<string>();

  constructor(readonly source: SourceDocument) {}

  add(path: DataPath, message: string, hint?: string, part: 'key' | 'value' = 'value'): void {
    const position = this.source.locate(path, part);
    const where = describePath(path, this.source.data);
    const full = where ? `${where}: ${message}` : message;
    const key = `${position.line}:${position.col}:${full}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    for (let length = 0; length <= path.length; length++) {
      this.within.add(pathKey(path.slice(0, length)));
    }
    this.items.push({
      file: this.source.file,
      ...position,
      message: full,
      ...(hint ? { hint } : {}),
    });
  }

  /** Whether a problem was added at `path` or inside it. */
  reportedWithin(path: DataPath): boolean {
    return this.within.has(pathKey(path));
  }

  /** In file order. */
  sorted(): Problem[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.col - b.col);
  }
}

function pathKey(path: DataPath): string {
  return path.join('\u0000');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `papers[3] (mlm2022).authors[0]`: the key path, with the paper's id when it has one. */
function describePath(path: DataPath, data: unknown): string {
  let out = '';
  let node: unknown = data;
  path.forEach((segment, depth) => {
    node =
      isRecord(node) || Array.isArray(node)
        ? (node as Record<string, unknown>)[segment]
        : undefined;
    if (typeof segment !== 'number') {
      out += out ? `.${visibly(segment)}` : visibly(segment);
      return;
    }
    out += `[${segment}]`;
    if (depth === 1 && path[0] === 'papers' && isRecord(node) && typeof node.id === 'string') {
      out += ` (${visibly(node.id)})`;
    }
  });
  return out;
}

/** How much of a long text a message shows, in characters as seen: an emoji is not cut in two. */
const SHOWN_CHARACTERS = 40;

/** A value as a message names it: `the text "…"`, `the number 3`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = firstCharactersAsSeen(value, SHOWN_CHARACTERS);
    return `the text "${shown === value ? value : `${shown}…`}"`;
  }
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
