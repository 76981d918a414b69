/**
 * What makes a CSL file unusable, found before citeproc sees it: citeproc-js stops with a
 * bare "Undefined node name" (no line) at an element it does not know, and prints nothing,
 * silently, for a macro that is not defined. Each problem is reported where it is in the
 * file, as every other mistake in the user's input.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, relative } from 'node:path';
import type { Problem } from '../model/problems.js';
import { didYouMean } from '../validate/suggest.js';
import {
  childElements,
  CslSyntaxError,
  parseCslXml,
  positionOf,
  type CslNode,
} from './style-tree.js';

const require = createRequire(import.meta.url);

let renderable: Set<string> | undefined;

/** The elements citeproc-js can render inside a citation, a bibliography or a macro. */
function renderableElements(): Set<string> {
  renderable ??= new Set(
    Object.keys((require('citeproc') as { Node: Record<string, unknown> }).Node).filter(
      (name) => !name.startsWith('#'),
    ),
  );
  return renderable;
}

/** The parts of a style that citeproc renders. */
const RENDERED = new Set(['citation', 'bibliography', 'macro']);

/** Attributes that name a macro. */
const MACRO_REFERENCES = ['macro'];

export interface StyleFileProblem {
  line: number;
  col: number;
  message: string;
  hint?: string;
}

/** The problems of a parsed CSL file; none for a style citeproc can use. */
export function cslStyleProblems(style: CslNode): StyleFileProblem[] {
  const at = (node: CslNode) => positionOf(node) ?? { line: 1, col: 1 };
  if (style.name !== 'style') {
    return [
      {
        ...at(style),
        message: `not a CSL style: the root element is <${style.name}>`,
        hint: 'a CSL style starts with <style xmlns="http://purl.org/net/xbiblio/csl" ...>',
      },
    ];
  }
  const problems: StyleFileProblem[] = [];
  const macros = childElements(style, 'macro')
    .map((macro) => macro.attrs.name)
    .filter((name): name is string => Boolean(name));
  const known = renderableElements();
  const walk = (node: CslNode) => {
    for (const child of childElements(node)) {
      if (!known.has(child.name)) {
        problems.push({
          ...at(child),
          message: `<${child.name}> is not a CSL element`,
          ...hint(didYouMean(child.name, [...known])),
        });
        continue;
      }
      for (const attribute of MACRO_REFERENCES) {
        const name = child.attrs[attribute];
        if (name !== undefined && !macros.includes(name)) {
          problems.push({
            ...at(child),
            message: `<${child.name} ${attribute}="${name}">: the style defines no macro "${name}"`,
            ...hint(didYouMean(name, macros)),
          });
        }
      }
      walk(child);
    }
  };
  for (const part of childElements(style).filter((child) => RENDERED.has(child.name))) {
    walk(part);
  }
  for (const bibliography of childElements(style, 'bibliography')) {
    if (childElements(bibliography, 'layout').length === 0) {
      problems.push({
        ...at(bibliography),
        message: '<bibliography> has no <layout>, so it prints nothing',
      });
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

function hint(text: string | undefined): { hint?: string } {
  return text ? { hint: text } : {};
}

/** How a style file is named in messages: relative to the working folder when inside it. */
export function shownStylePath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}

type StyleFile = { tree: CslNode; xml: string } | Problem[];

/** Files read this run, by path and modification: validation and formatting read the same. */
const readFiles = new Map<string, { modified: number; read: StyleFile }>();

/**
 * A CSL file read and checked: its tree, or every problem found, each located in the file
 * (a syntax error stops the parser, so it comes alone).
 */
export function readStyleFile(path: string): StyleFile {
  const modified = statSync(path).mtimeMs;
  const known = readFiles.get(path);
  if (known?.modified === modified) return known.read;
  const read = readAndCheck(path);
  readFiles.set(path, { modified, read });
  return read;
}

function readAndCheck(path: string): StyleFile {
  const file = shownStylePath(path);
  const xml = readFileSync(path, 'utf8');
  let tree: CslNode;
  try {
    tree = parseCslXml(xml);
  } catch (error) {
    if (!(error instanceof CslSyntaxError)) throw error;
    return [{ file, ...error.position, message: `not well-formed XML: ${error.message}` }];
  }
  const problems = cslStyleProblems(tree);
  return problems.length ? problems.map((problem) => ({ file, ...problem })) : { tree, xml };
}
