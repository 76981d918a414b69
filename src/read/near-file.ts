/**
 * The file a path that is not there likely meant: one beside it whose name is a typo away
 * (`data/paper.yaml` for data/papers.yaml, `refs.yml` for refs.yaml, `Papers.bib`).
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { distance } from 'fastest-levenshtein';

/** Names in the order of their UTF-16 code units: the same on every machine, whatever its locale. */
function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The path as the user would write it, or undefined when no name beside it is close. */
export function nearbyFile(path: string): string | undefined {
  const folder = dirname(path);
  const name = basename(path).toLowerCase();
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return undefined;
  }
  // Two edits make most short names into others: a short name may be one away.
  const limit = name.length <= 6 ? 1 : Math.max(2, Math.floor(name.length / 5));
  const [nearest] = names
    .map((candidate) => ({ candidate, score: distance(name, candidate.toLowerCase()) }))
    .filter(({ score }) => score <= limit)
    .sort((a, b) => a.score - b.score || codeUnitOrder(a.candidate, b.candidate));
  if (!nearest) return undefined;
  return folder === '.' ? nearest.candidate : join(folder, nearest.candidate);
}
