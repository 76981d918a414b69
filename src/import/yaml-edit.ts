/**
 * Edits to the database file as text splices at positions the parsed YAML Document gives:
 * new papers after the last one, new fields at the end of a paper. Re-printing the whole
 * Document would re-fold long lines and re-quote strings all over the file; splicing leaves
 * every byte outside the edits — comments, blank lines, quoting, folding — as it was.
 */
import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { PaperInput } from '../model/schema.js';
import { KEY_ORDER } from './record.js';

export interface TextEdit {
  at: number;
  remove: number;
  insert: string;
}

/** Applies edits given in file order; edits at the same offset keep their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index }));
  ordered.sort((a, b) => b.edit.at - a.edit.at || b.index - a.index);
  let out = text;
  for (const { edit } of ordered) {
    out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove);
  }
  return out;
}

const ABSTRACT_WIDTH = 100;

/** One paper as a block sequence item (`- id: ...`), indented to `indent` columns. */
export function paperItem(paper: Partial<PaperInput>, indent: number): string {
  const { abstract, ...rest } = paper;
  let text = stringifyNode([rest]);
  if (abstract !== undefined) text += indentLines(abstractYaml(abstract, indent + 2), 2);
  return indentLines(text, indent);
}

/** Fields as mapping pairs (`key: value`), indented to `indent` columns. */
export function fieldLines(
  fields: Partial<PaperInput> | Record<string, string>,
  indent: number,
): string {
  const { abstract, ...rest } = fields as Partial<PaperInput>;
  let text = Object.keys(rest).length ? stringifyNode(rest) : '';
  if (typeof abstract === 'string') text += abstractYaml(abstract, indent);
  return indentLines(text, indent);
}

function stringifyNode(value: unknown): string {
  const document = new Document(value);
  // Author objects and short lists read best on one line: `{family: van der Berg, given: Jan}`.
  const visit = (node: unknown, key?: unknown) => {
    if (isSeq(node)) {
      const list = node as YAMLSeq;
      if (key === 'topics') list.flow = true;
      list.items.forEach((item) => visit(item));
    } else if (isMap(node)) {
      const map = node as YAMLMap;
      const keys = map.items.map((pair) => (isScalar(pair.key) ? pair.key.value : pair.key));
      if (keys.includes('family') || keys.includes('literal')) map.flow = true;
      map.items.forEach((pair: Pair) =>
        visit(pair.value, isScalar(pair.key) ? pair.key.value : undefined),
      );
    }
  };
  visit(document.contents);
  return document.toString({ lineWidth: 0, singleQuote: true, flowCollectionPadding: false });
}

/** A long abstract as a folded block (`>-`), wrapped to fit the file's width. */
function abstractYaml(abstract: string, indent: number): string {
  const document = new Document({ abstract });
  const node = document.get('abstract', true);
  if (isScalar(node) && (abstract.length > 80 || abstract.includes('\n')))
    node.type = 'BLOCK_FOLDED';
  return document.toString({ lineWidth: Math.max(40, ABSTRACT_WIDTH - indent), singleQuote: true });
}

function indentLines(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/** The column (0-based) of an offset. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The start of the line after the one `offset - 1` is on (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** An insertion at `at` that starts on a fresh line even when the file has no final newline. */
function insertAt(text: string, at: number, insert: string): TextEdit {
  const needsNewline = at > 0 && text[at - 1] !== '\n';
  return { at, remove: 0, insert: (needsNewline ? '\n' : '') + insert };
}

function papersPair(document: Document): Pair | undefined {
  const root = document.contents;
  if (!isMap(root)) return undefined;
  return root.items.find(
    (pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === 'papers',
  );
}

/** Appends papers to the `papers:` sequence of a validated database. */
export function appendPapers(
  text: string,
  document: Document,
  papers: readonly Partial<PaperInput>[],
): TextEdit[] {
  if (papers.length === 0) return [];
  const pair = papersPair(document);
  const seq = pair?.value;
  if (!pair || !isSeq(seq) || !seq.range) {
    throw new Error('appendPapers needs a database whose `papers` is a list');
  }
  const keyStart = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
  if (!seq.flow && seq.items.length > 0) {
    const indent = columnOf(text, seq.range[0]);
    const spaced = seq.items.slice(1).some((item) => isMap(item) && item.spaceBefore);
    const last = seq.items.at(-1) as YAMLMap;
    const at = nextLineStart(text, last.range?.[1] ?? seq.range[1]);
    const insert = papers.map((paper) => (spaced ? '\n' : '') + paperItem(paper, indent)).join('');
    return [insertAt(text, at, insert)];
  }
  // `papers: []` (or a flow list): becomes a block list holding what it held plus the new papers.
  const indent = columnOf(text, keyStart) + 2;
  const existing = (seq.toJSON() as Partial<PaperInput>[]) ?? [];
  let start = seq.range[0];
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start -= 1;
  const items = [...existing, ...papers].map((paper) => paperItem(paper, indent)).join('');
  const end = seq.range[1];
  const rest = text.slice(end);
  return [
    {
      at: start,
      remove: end - start,
      insert: '\n' + items.replace(/\n$/, rest.startsWith('\n') ? '' : '\n'),
    },
  ];
}

/** Adds fields to paper `index`, and keys to its `extra` map when it has one. */
export function addToPaper(
  text: string,
  document: Document,
  index: number,
  fields: Partial<PaperInput>,
  extraKeys: Record<string, string>,
): TextEdit[] {
  const seq = papersPair(document)?.value;
  const item = isSeq(seq) ? seq.items[index] : undefined;
  if (!isMap(item) || !item.range) throw new Error(`paper ${index} is not a mapping`);
  const paperMap = item as YAMLMap;
  const mapRange = item.range;
  if (paperMap.flow) {
    const merged = { ...(paperMap.toJSON() as Record<string, unknown>), ...fields };
    if (Object.keys(extraKeys).length) {
      merged.extra = {
        ...((merged.extra as Record<string, string> | undefined) ?? {}),
        ...extraKeys,
      };
    }
    const flow = new Document(merged).toString({
      collectionStyle: 'flow',
      lineWidth: 0,
      singleQuote: true,
    });
    return [{ at: mapRange[0], remove: mapRange[1] - mapRange[0], insert: flow.trim() }];
  }
  const edits: TextEdit[] = [];
  const indent = columnOf(text, mapRange[0]);
  const extraPair = paperMap.items.find((pair) => isScalar(pair.key) && pair.key.value === 'extra');
  const pending: Partial<PaperInput> = { ...fields };
  if (Object.keys(extraKeys).length) {
    const extraMap = extraPair?.value;
    if (isMap(extraMap) && !extraMap.flow && extraMap.range && extraMap.items.length) {
      const extraIndent = columnOf(text, extraMap.range[0]);
      const lastEnd =
        (extraMap.items.at(-1) as Pair<unknown, { range?: number[] }>).value?.range?.[1] ??
        extraMap.range[1];
      edits.push(insertAt(text, nextLineStart(text, lastEnd), fieldLines(extraKeys, extraIndent)));
    } else if (extraPair) {
      const merged = {
        ...((extraPair.value as YAMLMap | null)?.toJSON?.() ?? {}),
        ...extraKeys,
      } as Record<string, string>;
      const node = extraPair.value as { range?: number[] } | null;
      const from = node?.range?.[0] ?? 0;
      const flow = new Document(merged).toString({
        collectionStyle: 'flow',
        lineWidth: 0,
        singleQuote: true,
      });
      edits.push({ at: from, remove: (node?.range?.[1] ?? from) - from, insert: flow.trim() });
    } else {
      pending.extra = extraKeys;
    }
  }
  // Each new field goes where the schema's order puts it, before the first later key.
  const rank = (key: unknown) => KEY_ORDER.indexOf(String(key));
  const end = nextLineStart(text, mapRange[1]);
  const groups = new Map<number, Record<string, unknown>>();
  for (const key of Object.keys(pending).sort((a, b) => rank(a) - rank(b))) {
    const later = paperMap.items.findIndex(
      (pair) => isScalar(pair.key) && rank(pair.key.value) > rank(key),
    );
    const pair = later > 0 ? paperMap.items[later] : undefined;
    const keyStart = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const at = keyStart === undefined ? end : lineBlockStart(text, keyStart);
    groups.set(at, { ...(groups.get(at) ?? {}), [key]: (pending as Record<string, unknown>)[key] });
  }
  for (const [at, group] of groups) edits.push(insertAt(text, at, fieldLines(group, indent)));
  return edits;
}

/** The start of the line `offset` is on, moved up over the comment lines right above it. */
function lineBlockStart(text: string, offset: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  while (start > 0) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    if (!text.slice(previous, start).trimStart().startsWith('#')) break;
    start = previous;
  }
  return start;
}
