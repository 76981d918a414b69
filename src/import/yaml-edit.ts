/**
 * Edits to the database file as text splices: new papers after the last one, new fields in
 * a paper. Re-printing the whole parsed Document would re-fold long lines and re-quote
 * strings all over the file; splicing leaves every byte outside the edits — comments, blank
 * lines, quoting, folding — as it was.
 *
 * Where to splice comes from the `yaml` Document's node ranges. Parsing a 10,000-paper file
 * into a Document takes seconds, so appending first tries a scan of the lines of the
 * (already validated) file, which only recognises the plain block layout; the caller checks
 * the spliced result reads back as intended and falls back to the Document otherwise.
 */
import jsYaml from 'js-yaml';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Pair,
  type YAMLMap,
  type Document as YamlDocument,
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
  const parts: string[] = [];
  let end = text.length;
  for (const { edit } of ordered) {
    parts.push(text.slice(edit.at + edit.remove, end), edit.insert);
    end = edit.at;
  }
  parts.push(text.slice(0, end));
  return parts.reverse().join('');
}

const ABSTRACT_WIDTH = 100;

/**
 * js-yaml writes what we add, in the file's style (single quotes), three times faster than
 * `yaml`'s Document for ten thousand papers. Block style throughout: js-yaml's flow style
 * does not quote `]` inside a flow mapping. The core schema keeps dates such as 2021-05-01
 * unquoted, as the loader reads them back as text.
 */
function dump(value: unknown, lineWidth = -1): string {
  return jsYaml.dump(value, {
    lineWidth,
    quotingType: "'",
    noRefs: true,
    schema: jsYaml.CORE_SCHEMA,
  });
}

/** One paper as a block sequence item (`- id: ...`), indented to `indent` columns. */
export function paperItem(paper: Partial<PaperInput>, indent: number): string {
  const { abstract, ...rest } = paper;
  let text = dump([rest]);
  if (abstract !== undefined) text += indentLines(abstractYaml(abstract, indent + 2), 2);
  return indentLines(text, indent);
}

/** Fields as mapping pairs (`key: value`), indented to `indent` columns. */
export function fieldLines(
  fields: Partial<PaperInput> | Record<string, string>,
  indent: number,
): string {
  const { abstract, ...rest } = fields as Partial<PaperInput>;
  let text = Object.keys(rest).length ? dump(rest) : '';
  if (typeof abstract === 'string') text += abstractYaml(abstract, indent);
  return indentLines(text, indent);
}

/** An abstract, folded (`>-`) to fit the file's width when it is long. */
function abstractYaml(abstract: string, indent: number): string {
  return dump({ abstract }, Math.max(40, ABSTRACT_WIDTH - indent));
}

function indentLines(text: string, indent: number): string {
  if (indent === 0) return text;
  const pad = ' '.repeat(indent);
  return text.replace(/^(?=.)/gm, pad);
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

/** Where new papers go: after the last item of a block list, or in place of `[]`. */
export type PaperListEnd =
  | { kind: 'block'; at: number; indent: number; spaced: boolean }
  | {
      kind: 'replace';
      start: number;
      end: number;
      indent: number;
      existing: Partial<PaperInput>[];
    };

/**
 * The end of `papers:` found by reading lines: a top-level `papers:` key followed by a
 * block list, or `papers: []`. Undefined for any other layout (the Document decides then).
 */
export function findPaperListByLines(text: string): PaperListEnd | undefined {
  const keys = [...text.matchAll(/^papers[ \t]*:(.*)$/gm)];
  const key = keys[0];
  if (keys.length !== 1 || key?.index === undefined || text.startsWith('---')) return undefined;
  const rawRest = key[1] ?? '';
  const rest = rawRest.replace(/\r$/, '');
  const keyEnd = key.index + key[0].length;
  if (/^[ \t]*\[[ \t]*\][ \t]*(#.*)?$/.test(rest)) {
    const restStart = keyEnd - rawRest.length;
    return {
      kind: 'replace',
      start: restStart,
      end: restStart + rest.indexOf(']') + 1,
      indent: 2,
      existing: [],
    };
  }
  if (!/^[ \t]*(#.*)?$/.test(rest)) return undefined;
  let offset = nextLineStart(text, keyEnd);
  let indent = -1;
  let lastContentEnd = -1;
  let items = 0;
  let spaced = false;
  let blankBefore = false;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(offset, lineEnd).replace(/\r?\n$/, '');
    const lead = /^ */.exec(line)?.[0].length ?? 0;
    const content = line.slice(lead);
    if (content === '') {
      blankBefore = true;
    } else if (content.startsWith('\t')) {
      return undefined;
    } else if (content.startsWith('#') && (indent === -1 || lead <= indent + 2)) {
      // A comment between papers (block-scalar lines are indented deeper than this).
    } else if (lead === 0 && !line.startsWith('-')) {
      break; // The next top-level key.
    } else {
      const item = /^-( |$)/.test(content);
      if (indent === -1) {
        if (!item) return undefined;
        indent = lead;
      }
      if (item && lead === indent) {
        items += 1;
        if (items === 2) spaced = blankBefore;
      } else if (lead <= indent) {
        return undefined;
      }
      lastContentEnd = lineEnd;
      blankBefore = false;
    }
    offset = lineEnd;
  }
  if (items === 0) return undefined;
  return { kind: 'block', at: lastContentEnd, indent, spaced };
}

function papersPair(document: YamlDocument): Pair | undefined {
  const root = document.contents;
  if (!isMap(root)) return undefined;
  return root.items.find(
    (pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === 'papers',
  );
}

/** The end of `papers:` from the parsed Document: any layout YAML allows. */
export function findPaperListInDocument(text: string, document: YamlDocument): PaperListEnd {
  const pair = papersPair(document);
  const seq = pair?.value;
  if (!pair || !isSeq(seq) || !seq.range) {
    throw new Error('the database has no `papers` list to add to');
  }
  if (!seq.flow && seq.items.length > 0) {
    const last = seq.items.at(-1) as YAMLMap;
    return {
      kind: 'block',
      at: nextLineStart(text, last.range?.[1] ?? seq.range[1]),
      indent: columnOf(text, seq.range[0]),
      spaced: seq.items.slice(1).some((item) => isMap(item) && item.spaceBefore),
    };
  }
  // `papers: []` or a flow list: it becomes a block list of what it held and the new papers.
  const keyStart = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
  let start = seq.range[0];
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start -= 1;
  return {
    kind: 'replace',
    start,
    end: seq.range[1],
    indent: columnOf(text, keyStart) + 2,
    existing: seq.toJSON() as Partial<PaperInput>[],
  };
}

/** The edit that adds `papers` at `end`. */
export function appendPapers(
  text: string,
  end: PaperListEnd,
  papers: readonly Partial<PaperInput>[],
): TextEdit[] {
  if (papers.length === 0) return [];
  if (end.kind === 'block') {
    const separator = end.spaced ? '\n' : '';
    const insert = papers.map((paper) => separator + paperItem(paper, end.indent)).join('');
    return [insertAt(text, end.at, insert)];
  }
  const items = [...end.existing, ...papers].map((paper) => paperItem(paper, end.indent));
  let insert = '\n' + items.join('');
  if (text[end.end] === '\n' || text.startsWith('\r\n', end.end))
    insert = insert.replace(/\n$/, '');
  return [{ at: end.start, remove: end.end - end.start, insert }];
}

/** Adds fields to paper `index`, each where the schema's order puts it, and keys to its `extra`. */
export function addToPaper(
  text: string,
  document: YamlDocument,
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
    const flow = JSON.stringify(merged);
    return [{ at: mapRange[0], remove: mapRange[1] - mapRange[0], insert: flow }];
  }
  const edits: TextEdit[] = [];
  const indent = columnOf(text, mapRange[0]);
  const extraPair = paperMap.items.find((pair) => isScalar(pair.key) && pair.key.value === 'extra');
  const pending: Partial<PaperInput> = { ...fields };
  if (Object.keys(extraKeys).length) {
    const extraMap = extraPair?.value;
    if (isMap(extraMap) && !extraMap.flow && extraMap.range && extraMap.items.length) {
      const last = extraMap.items.at(-1) as Pair<unknown, { range?: number[] } | null>;
      const lastEnd = last.value?.range?.[1] ?? extraMap.range[1];
      edits.push(
        insertAt(
          text,
          nextLineStart(text, lastEnd),
          fieldLines(extraKeys, columnOf(text, extraMap.range[0])),
        ),
      );
    } else if (extraPair) {
      const node = extraPair.value as { range?: number[]; toJSON?: () => unknown } | null;
      const merged = {
        ...((node?.toJSON?.() as Record<string, string> | undefined) ?? {}),
        ...extraKeys,
      };
      const from = node?.range?.[0] ?? 0;
      edits.push({
        at: from,
        remove: (node?.range?.[1] ?? from) - from,
        insert: JSON.stringify(merged),
      });
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
    groups.set(at, {
      ...(groups.get(at) ?? {}),
      [key]: (pending as Record<string, unknown>)[key],
    });
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
