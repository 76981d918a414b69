/**
 * Settings of a database that are legal but do nothing, or not what they seem: a title no
 * output prints, an owner in bold among names a style prints bold. Told from the settings
 * and the styles' trees, without formatting, so that `validate` says them at their place as
 * `render` and `build` do; what a flag sets is said by those commands, naming the flag.
 */
import { dirname } from 'node:path';
import type { Database } from '../model/paper.js';
import { InputError, UsageError, type Problem } from '../model/problems.js';
import type { OutputSpec, RenderOptions } from '../model/schema.js';
import type { DataPath, SourceDocument } from '../read/source.js';
import { selectPapers } from '../select/select.js';
import { DEFAULT_LOCALE } from '../cite/style-names.js';
import { outputLocale, styleToFormatWith } from '../cite/styles.js';
import { bibliographyNamesBold } from '../cite/style-tree.js';
import { mergeSettings } from '../settings.js';
import { ProblemList } from '../validate/problem-list.js';
import { DEFAULT_OUTPUTS, outputFile } from './output-specs.js';
import { findWriter, writers } from './registry.js';
import type { Writer } from './writer.js';

/** "the title "X" is not printed: bibtex has no heading". */
export function unprintedTitle(title: string, format: string): string {
  return `the title "${title}" is not printed: ${format} has no heading`;
}

/** "the title "X" is not printed: no output has a heading (publications.bib: bibtex; ...)". */
export function titleInNoOutput(title: string, specs: readonly OutputSpec[]): string {
  const outputs = specs.map(
    (spec) => `${outputFile(spec, findWriter(spec.format))}: ${spec.format}`,
  );
  return `the title "${title}" is not printed: no output has a heading (${outputs.join('; ')})`;
}

/** A bold owner in a style that prints every author bold (the-plant-cell) stands out from no one. */
export function ownerAmongBoldNames(style: string): string {
  return `style ${style} prints every author's name in bold, so yours, in bold too, does not stand out`;
}

/** Settings from one place in the file: `render`, `render.pdf`, `render.outputs[2]`. */
interface FileLayer {
  path: DataPath;
  options: Partial<RenderOptions>;
}

/** The settings an output of `writer`'s format takes from the file, `render:` first. */
function fileLayers(database: Database, writer: Writer, spec?: OutputSpec, index?: number) {
  const section = writer.sectionSettings?.(database.render);
  const layers: FileLayer[] = [
    { path: ['render'], options: database.render },
    ...(section ? [{ path: ['render', writer.format], options: section }] : []),
  ];
  if (spec && index !== undefined)
    layers.push({ path: ['render', 'outputs', index], options: spec });
  return layers;
}

/** The last layer that gives `key`. */
function lastGiving(layers: readonly FileLayer[], key: keyof RenderOptions) {
  return layers.findLast((layer) => layer.options[key] !== undefined);
}

/**
 * The warnings about the database's settings, each at the key that sets what is warned of,
 * for the outputs `build` writes. Its styles and outputs have been checked: they exist.
 */
export function settingWarnings(database: Database, source: SourceDocument): Problem[] {
  const warnings = new ProblemList(source);
  const specs = database.render.outputs ?? DEFAULT_OUTPUTS;
  const headed = writers()
    .filter((writer) => writer.printsTitle !== false)
    .map((writer) => writer.format);
  const otherHeading = `or give it to an output that prints a heading: ${headed.join(', ')}`;
  const { title } = database.render;
  if (title !== undefined && specs.every((spec) => findWriter(spec.format).printsTitle === false)) {
    warnings.add(
      ['render', 'title'],
      titleInNoOutput(title, specs),
      `leave it out, ${otherHeading}`,
    );
  }
  specs.forEach((spec, index) => {
    const writer = findWriter(spec.format);
    if (spec.title !== undefined && writer.printsTitle === false) {
      warnings.add(
        ['render', 'outputs', index, 'title'],
        unprintedTitle(spec.title, writer.format),
        `leave it out, ${otherHeading}`,
      );
    }
  });
  boldNameWarnings(database, specs, warnings);
  return warnings.sorted();
}

/**
 * A bold owner in an output whose style prints every author bold, at the key that asks for
 * bold (`highlight: bold`) or, where bold is the default, at the key that names the style.
 * Not for an output that marks no one (plain text) or prints no entry.
 */
function boldNameWarnings(
  database: Database,
  specs: readonly OutputSpec[],
  warnings: ProblemList,
): void {
  const candidates = specs.flatMap((spec, index) => {
    const writer = findWriter(spec.format);
    if (writer.cites === false || writer.marksOwner === false) return [];
    const layers = fileLayers(database, writer, spec, index);
    const settings = mergeSettings(layers.map((layer) => layer.options));
    if (!settings.highlight_owner || settings.highlight !== 'bold') return [];
    const highlight = lastGiving(layers, 'highlight');
    const style = lastGiving(layers, 'style');
    const at = highlight
      ? [...highlight.path, 'highlight']
      : style
        ? [...style.path, 'style']
        : undefined;
    // Bold by default, in the default style (apa), which prints no name bold.
    if (!at) return [];
    const { papers } = selectPapers(database, { ...settings, numbering: 'none' });
    return papers.length ? [{ at, settings }] : [];
  });
  const folder = dirname(database.file);
  for (const { at, settings } of candidates) {
    const style = unlessUnusable(() => styleToFormatWith(settings.style, folder));
    if (!style || !bibliographyNamesBold(style.tree)) continue;
    warnings.add(
      at,
      ownerAmongBoldNames(style.name),
      at.at(-1) === 'highlight'
        ? 'underline it: `highlight: underline`'
        : 'underline it with `highlight: underline` beside it, or --highlight underline',
    );
  }
}

/**
 * Whether an output the database gives, or `render` with its `render:` settings, formats
 * citations in an English locale: only those title-case a title.
 */
export function anyEnglishOutput(database: Database): boolean {
  const folder = dirname(database.file);
  const citing = (database.render.outputs ?? []).flatMap((spec, index) => {
    const writer = findWriter(spec.format);
    return writer.cites === false ? [] : [fileLayers(database, writer, spec, index)];
  });
  return [[{ path: ['render'], options: database.render }], ...citing].some((layers) => {
    const { style } = mergeSettings(layers.map((layer) => layer.options));
    const asked = lastGiving(layers, 'locale')?.options.locale;
    // A style that cannot be used is said when formatting; English, until it is mended.
    const locale = unlessUnusable(() => outputLocale(asked, style, folder)) ?? DEFAULT_LOCALE;
    return /^en\b/i.test(locale);
  });
}

/**
 * What `read` gives from a style, or undefined when the style cannot be used (a dependent
 * style whose parent is missing): formatting with it says why, as the command's mistake.
 */
function unlessUnusable<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) return undefined;
    throw error;
  }
}
