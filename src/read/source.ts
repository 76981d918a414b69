/**
 * Reading a YAML file into plain data that still knows where every value came from,
 * so that later stages can report mistakes as file:line:col.
 */
import { readFile } from 'node:fs/promises';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { excerptAt, InputError, type Problem, type SourcePosition } from '../model/problems.js';

export type DataPath = readonly (string | number)[];

export interface SourceDocument {
  file: string;
  text: string;
  data: unknown;
  /** Where the value (or, with `'key'`, the key) at `path` is; the nearest existing ancestor otherwise. */
  locate(path: DataPath, part?: 'key' | 'value'): SourcePosition;
  /** The parsed YAML document, for tools that edit the file in place (import). */
  document: Document;
}

export async function readSource(file: string): Promise<SourceDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new InputError([
      { file, line: 1, col: 1, message: `cannot read the database: ${reason}` },
    ]);
  }
  return parseSource(file, text);
}

export function parseSource(file: string, text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  if (document.errors.length > 0) {
    const problems: Problem[] = document.errors.map((error) => {
      const position = toPosition(error.pos[0]);
      return {
        file,
        ...position,
        message: `YAML syntax error: ${firstLine(error.message)}`,
        excerpt: excerptAt(text, position),
      };
    });
    throw new InputError(problems);
  }
  const locate = (path: DataPath, part: 'key' | 'value' = 'value'): SourcePosition => {
    let node: unknown = document.contents;
    let found = node as YamlNode | null;
    let keyNode: YamlNode | null = null;
    for (const segment of path) {
      keyNode = null;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && scalarValue(item.key) === segment);
        if (!pair) break;
        keyNode = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        break;
      }
      if (node === null || node === undefined) {
        found = keyNode ?? found;
        break;
      }
      found = node as YamlNode;
    }
    const target = part === 'key' && keyNode ? keyNode : found;
    return toPosition(target?.range?.[0] ?? 0);
  };
  return { file, text, data: document.toJS({ maxAliasCount: -1 }), locate, document };
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
