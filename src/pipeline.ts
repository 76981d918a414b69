/**
 * read -> validate -> select -> (cite) -> write, for one output or for every output a
 * database names. The CLI and the library API both go through here.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Database } from './model/paper.js';
import { InputError, UsageError, type Problem } from './model/problems.js';
import {
  argumentProblems,
  callback,
  checkFields,
  checkOverrides,
  checkSettings,
  InvalidOption,
  oneLine,
  OptionError,
  switchValue,
  text,
  type OptionProblem,
  type Rule,
} from './options.js';
import { firstCharactersAsSeen } from './model/graphemes.js';
import { isRecord } from './validate/problem-list.js';
import {
  OUTPUT_SPEC_KEYS,
  RENDER_SECTION_KEYS,
  type ListNumbering,
  type Numbering,
  type OutputSpecKey,
} from './model/vocabulary.js';
import type { OutputSpec, RenderOptions, RenderSection } from './model/schema.js';
import { readSource, type SourceDocument } from './read/source.js';
import { selectPapers } from './select/select.js';
import { mergeSettings, type Settings } from './settings.js';
import { firstRecentYear } from './source-date.js';
import { commentWarnings } from './validate/comments.js';
import { namedFontFiles } from './validate/pdf-section.js';
import { unknownTopic } from './validate/topics.js';
import {
  genreWarnings,
  lostCharacterWarnings,
  titleLanguageWarnings,
  validateDatabase,
} from './validate/validate.js';
import { refuseDatabase, writeFileAtomic } from './write/output-file.js';
import { findWriter, writers } from './write/registry.js';
import { MissingTemplate } from './write/templates.js';
import type { OutputOptions, Writer } from './write/writer.js';
import { checkOutputOptions } from './write/writer-options.js';
import { citationProblems, missingStyle, unknownLocale } from './cite/check.js';
import { findStyleFile, looksLikePath } from './cite/style-names.js';
import { listNumbering } from './cite/styles.js';
import type { CitedDocument } from './cite/cited.js';
import type { Citer } from './cite/cite.js';
import type { Selection } from './select/select.js';
import type { ProgressListener } from './progress.js';
import {
  anyEnglishOutput,
  ownerAmongBoldNames,
  settingWarnings,
  titleInNoOutput,
  unprintedTitle,
} from './write/setting-warnings.js';
import {
  DEFAULT_OUTPUTS,
  outputFaults,
  outputFile,
  outputPathName,
  outputProblems,
  templateFolder,
  templateProblems,
} from './write/output-specs.js';

export interface LoadedDatabase {
  database: Database;
  source: SourceDocument;
  /** What is legal but likely not meant (a title cut short by a `#` comment), located. */
  warnings: Problem[];
}

/**
 * Reads and checks a database: the schema and its meaning, then the styles and outputs its
 * `render:` section names. Every problem of every check is reported at once.
 */
export async function loadDatabase(file: string): Promise<LoadedDatabase> {
  // From JavaScript anything may come, and the file system's TypeError names no argument.
  refuseWrongArguments(
    argumentProblems('file', text('the path of a database, such as data/papers.yaml'), file),
  );
  const source = await readSource(file);
  const problems: Problem[] = [];
  let database: Database | undefined;
  try {
    database = await validateDatabase(source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
  }
  const render = database?.render ?? wellTypedRender(source.data);
  // A setting the citation check finds wrong (`locale: english`), or an output's option, may
  // have the wrong form for the schema too: the closer check's answer, which names what the
  // setting takes, is the one said.
  const closer = [
    ...citationProblems({ file, render }, source),
    ...outputProblems(render.outputs ?? [], source),
  ];
  const closerAt = new Set(
    closer.map((problem) => `${problem.file}:${problem.line}:${problem.col}`),
  );
  const checked = problems.filter(
    (problem) => !closerAt.has(`${problem.file}:${problem.line}:${problem.col}`),
  );
  checked.push(...closer);
  const templates = await templateProblems(render.outputs ?? [], source);
  checked.push(...templates.problems);
  const fonts = namedFontFiles(database?.render.pdf);
  if (fonts.length) {
    // Only a database that names its own fonts loads the PDF writer's font reading.
    const { fontFileProblems } = await import('./write/pdf/fonts.js');
    checked.push(...fontFileProblems(fonts, source));
  }
  // The settings' warnings need the styles and outputs the checks found there.
  const checkedDatabase = checked.length ? undefined : database;
  const warnings = inFileOrder([
    ...commentWarnings(source),
    ...genreWarnings(source),
    ...lostCharacterWarnings(source),
    ...(await titleLanguageWarnings(
      source,
      checkedDatabase && (() => anyEnglishOutput(checkedDatabase)),
    )),
    ...templates.warnings,
    ...(checkedDatabase ? settingWarnings(checkedDatabase, source) : []),
  ]);
  if (!checkedDatabase) throw new InputError(inFileOrder(checked), warnings);
  return { database: checkedDatabase, source, warnings };
}

/**
 * The parts of a `render:` section that have the right types, so that its styles and outputs
 * can be checked even when something else in the file is wrong.
 */
function wellTypedRender(data: unknown): RenderSection {
  const record = (value: unknown): Record<string, unknown> | undefined =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const render = record(record(data)?.render);
  if (!render) return {};
  const outputs = Array.isArray(render.outputs) ? render.outputs : [];
  return {
    ...(text(render.style) ? { style: text(render.style) } : {}),
    ...(text(render.locale) ? { locale: text(render.locale) } : {}),
    outputs: outputs.map((output) => {
      const spec = record(output) ?? {};
      const options = record(spec.options);
      return {
        format: text(spec.format) ?? '',
        ...(text(spec.file) ? { file: text(spec.file) } : {}),
        ...(text(spec.style) ? { style: text(spec.style) } : {}),
        ...(text(spec.locale) ? { locale: text(spec.locale) } : {}),
        ...(spec.standalone === true ? { standalone: true } : {}),
        ...(text(spec.template) ? { template: text(spec.template) } : {}),
        ...(text(spec.templates) ? { templates: text(spec.templates) } : {}),
        ...(options ? { options: options as NonNullable<OutputSpec['options']> } : {}),
      };
    }),
  };
}

/** Each problem once, file by file (in the order the files came up), then by place. */
function inFileOrder(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const files = [...new Set(problems.map((problem) => problem.file))];
  return problems
    .filter((problem) => {
      const key = `${problem.file}:${problem.line}:${problem.col}:${problem.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort(
      (a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.col - b.col,
    );
}

export interface RenderRequest {
  format: string;
  /**
   * Settings that override the database's `render:` section, as the command's flags do;
   * checked as the flags are (a wrong one is an OptionError, a UsageError).
   */
  overrides?: Partial<RenderOptions>;
  /** How the format writes: checked as the command's `--standalone` and format flags are. */
  output?: Partial<OutputOptions>;
  warn?: (message: string) => void;
  /**
   * Hears how far long work is: drawing a PDF, and formatting citations (those through the
   * listener of `citations` when it is given).
   */
  progress?: ProgressListener;
  /** Shared by the outputs of one build, so that each style formats each selection once. */
  citations?: CitationCache;
}

/**
 * Formatted citations kept for the life of a build: a style (and locale) is set up once, and
 * a selection formatted once and shared by every writer that asks for it.
 */
export class CitationCache {
  /** `progress` hears how far the formatting of citations is. */
  constructor(private readonly progress?: ProgressListener) {}

  private readonly locales = new Map<string, string>();
  private readonly numberings = new Map<string, ListNumbering>();
  private readonly citers = new Map<string, Promise<Citer>>();
  private readonly documents = new Map<string, Promise<CitedDocument>>();
  private readonly said = new Set<string>();

  /** True the first time in a build: a warning about a style is said once, not per output. */
  firstTime(warning: string): boolean {
    if (this.said.has(warning)) return false;
    this.said.add(warning);
    return true;
  }

  /** `outputLocale` for the database's style, looked up once per build. */
  async locale(database: Database, style: string, asked: string | undefined): Promise<string> {
    const key = JSON.stringify([database.file, style, asked]);
    let locale = this.locales.get(key);
    if (locale === undefined) {
      // The style is read here when no locale is asked for; citing reads it again from cache.
      const { outputLocale } = await import('./cite/styles.js');
      locale = outputLocale(asked, style, dirname(database.file));
      this.locales.set(key, locale);
    }
    return locale;
  }

  /** `listNumbering` for the database's style: `auto` decided once per build. */
  numbering(database: Database, style: string, asked: Numbering): ListNumbering {
    const key = JSON.stringify([database.file, style, asked]);
    let numbering = this.numberings.get(key);
    if (numbering === undefined) {
      numbering = listNumbering(asked, style, dirname(database.file));
      this.numberings.set(key, numbering);
    }
    return numbering;
  }

  cite(database: Database, selection: Selection, settings: Settings): Promise<CitedDocument> {
    const styleKey = JSON.stringify([
      database.file,
      settings.style,
      settings.locale,
      settings.highlight_owner,
      settings.keep_owner_visible,
      settings.equal_mark,
      settings.corresponding_mark,
    ]);
    const documentKey = JSON.stringify([
      styleKey,
      selection.groups.map((group) => [
        group.key,
        group.heading,
        group.entries.map((entry) => [entry.paper.id, entry.number]),
      ]),
    ]);
    let document = this.documents.get(documentKey);
    if (!document) {
      let citer = this.citers.get(styleKey);
      if (!citer) {
        // citation-js and the styles load only when a writer asks for citations.
        const { progress } = this;
        citer = import('./cite/cite.js').then(({ createCiter }) =>
          createCiter(
            database,
            settings,
            progress ? { progress: (done, total) => progress('citations', done, total) } : {},
          ),
        );
        this.citers.set(styleKey, citer);
      }
      document = citer.then((ready) => ready.cite(selection));
      this.documents.set(documentKey, document);
    }
    return document;
  }
}

export interface RenderResult {
  writer: Writer;
  settings: Settings;
  content: string | Uint8Array;
}

/** One format, in memory. */
export async function renderDatabase(
  database: Database,
  request: RenderRequest,
): Promise<RenderResult> {
  refuseWrongArguments([...requestProblems(request), ...databaseProblems(database, false)]);
  return renderOutput(database, request);
}

/** Every wrong argument of a call at once. */
function refuseWrongArguments(problems: readonly OptionProblem[]): void {
  if (problems.length) throw new OptionError(problems);
}

const isCitationCache: Rule<unknown> = (value) => {
  if (!(value instanceof CitationCache)) throw new InvalidOption('expected a CitationCache.');
  return value;
};

/** "pdf, markdown, ...": the formats there are. */
function formatNames(): string {
  return writers()
    .map((writer) => writer.format)
    .join(', ');
}

/** What is wrong in a request: its fields, its overrides, and what its format is asked. */
function requestProblems(request: unknown): OptionProblem[] {
  const formats = formatNames();
  const problems: OptionProblem[] = [];
  checkFields(
    request,
    {
      called: 'request',
      expected: "an object such as { format: 'markdown' }",
      noun: 'option',
      rules: {
        format: text(`a format: ${formats}`),
        overrides: null,
        output: null,
        warn: callback,
        progress: callback,
        citations: isCitationCache,
      },
    },
    problems,
  );
  if (!isRecord(request)) return problems;
  const { format, overrides, output } = request;
  if (format === undefined)
    problems.push({ option: 'format', message: `missing; formats: ${formats}` });
  if (overrides !== undefined) checkSettings(overrides, 'overrides', problems);
  if (typeof format !== 'string' || !format.trim()) return problems;
  let writer: Writer;
  try {
    writer = findWriter(format);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    problems.push({ option: 'format', message: error.message });
    return problems;
  }
  try {
    checkOutputOptions(writer, output);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    problems.push(...error.problems);
  }
  return problems;
}

/**
 * What is wrong in the settings of a database built in code, checked as overrides are (one
 * read by `loadDatabase` has passed the schema), named as `database.render.group_by`. With
 * `outputs`, those of `render.outputs` too, for a build.
 */
function databaseProblems(database: unknown, outputs: boolean): OptionProblem[] {
  const render = isRecord(database) ? database.render : undefined;
  if (!isRecord(render)) {
    return [
      {
        option: 'database.render',
        message: 'expected an object, as loadDatabase gives ({} for none)',
      },
    ];
  }
  const problems: OptionProblem[] = [];
  checkSettings(render, 'database.render', problems, RENDER_SECTION_KEYS);
  if (!outputs || render.outputs === undefined) return problems;
  if (!Array.isArray(render.outputs)) {
    problems.push({ option: 'database.render.outputs', message: 'expected a list of outputs' });
    return problems;
  }
  // The wrong-typed ones are left out, keeping each spec at its index.
  const specs: (OutputSpec | undefined)[] = [];
  render.outputs.forEach((spec: unknown, index) => {
    const at = `database.render.outputs[${index}]`;
    checkSettings(spec, at, problems, OUTPUT_SPEC_KEYS);
    const wrong = isRecord(spec) ? outputSpecTypeProblems(spec, at) : [];
    problems.push(...wrong);
    specs.push(isRecord(spec) && !wrong.length ? (spec as OutputSpec) : undefined);
  });
  // Named where they are in the database, as `validate` names those of a file.
  for (const fault of outputFaults(specs)) {
    problems.push({
      option: `database.render.outputs${outputPathName(fault.path)}`,
      message: oneLine(fault),
    });
  }
  return problems;
}

/** What a spec built in code must be for its format, file and options to be checked. */
function outputSpecTypeProblems(spec: Record<string, unknown>, at: string): OptionProblem[] {
  const rules: Record<Exclude<OutputSpecKey, 'options'>, Rule<unknown>> = {
    format: text(`a format: ${formatNames()}`),
    file: text('a file name such as cv.pdf'),
    standalone: switchValue,
    template: text('a template name'),
    templates: text('a folder of templates'),
  };
  const problems = Object.entries(rules).flatMap(([key, rule]) =>
    spec[key] === undefined && key !== 'format'
      ? []
      : argumentProblems(`${at}.${key}`, rule, spec[key]),
  );
  if (spec.options !== undefined && !isRecord(spec.options)) {
    problems.push({ option: `${at}.options`, message: 'expected an object of format options' });
  }
  return problems;
}

/** Settings from one place: `render`, `render.outputs[2]` (of the database), or `overrides`. */
interface SettingLayer {
  at: string;
  options: Partial<RenderOptions>;
}

/** One format, with the settings of one of the database's outputs when `build` renders it. */
async function renderOutput(
  database: Database,
  request: RenderRequest,
  outputLayer?: SettingLayer,
): Promise<RenderResult> {
  const writer = findWriter(request.format);
  const overrides = checkOverrides(request.overrides);
  const output = checkOutputOptions(writer, request.output);
  checkOverrideTopics(database, overrides.topics);
  checkOverrideCitation(database, overrides);
  const section = writer.sectionSettings?.(database.render);
  const layers: SettingLayer[] = [
    { at: 'render', options: database.render },
    ...(section ? [{ at: `render.${writer.format}`, options: section }] : []),
    ...(outputLayer ? [outputLayer] : []),
    { at: 'overrides', options: overrides },
  ];
  checkYearRange(database, layers);
  const settingLayers = layers.map((layer) => layer.options);
  const given = mergeSettings(settingLayers);
  const citations = request.citations ?? new CitationCache(request.progress);
  // `auto` is decided here, from this output's style, so that writers see a numbering. A
  // writer that never cites prints no numbers, and no style is looked up for it.
  const numbering =
    writer.cites === false && given.numbering === 'auto'
      ? 'none'
      : citations.numbering(database, given.style, given.numbering);
  const settings: Settings = { ...given, numbering };
  if (writer.cites !== false) {
    // Decided before the writer starts: the PDF's language is set before the citations come.
    const asked = settingLayers.findLast((layer) => layer.locale !== undefined)?.locale;
    settings.locale = await citations.locale(database, settings.style, asked);
  }
  const selection = selectPapers(database, settings);
  const warn = onceEach(request.warn ?? warnOnStderr);
  if (selection.papers.length === 0) warn(`no papers match ${describeFilters(settings, database)}`);
  // `--title` to render, said as the flag; the database's titles are said by loadDatabase.
  if (!outputLayer && overrides.title !== undefined && writer.printsTitle === false) {
    warn(`--title: ${unprintedTitle(overrides.title, writer.format)}`);
  }
  let cited: Promise<CitedDocument> | undefined;
  let content: string | Uint8Array;
  try {
    content = await writer.write({
      database,
      selection,
      settings,
      cite: () =>
        (cited ??= citations.cite(database, selection, settings).then((document) => {
          if (document.unprinted.length) warn(describeUnprinted(document, database));
          // Only where the owner is marked and some entry is printed.
          const hidden =
            writer.marksOwner !== false && selection.papers.length > 0
              ? ownerInBoldNames(document, settings, overrides)
              : undefined;
          if (hidden && citations.firstTime(hidden)) warn(hidden);
          return document;
        })),
      output,
      warn,
      ...(request.progress ? { progress: request.progress } : {}),
    });
  } catch (error) {
    // Named as the option that asked for it, as every other wrong option is.
    if (error instanceof MissingTemplate) {
      throw new OptionError([{ option: `output.${error.option}`, message: error.message }]);
    }
    throw error;
  }
  return { writer, settings, content };
}

/**
 * A bold owner in a style that prints every author bold (the-plant-cell) stands out from no
 * one: said, with the flag that underlines the owner instead, when a flag made it so (the
 * database's settings are warned of where they are written, by loadDatabase).
 */
function ownerInBoldNames(
  document: CitedDocument,
  settings: Settings,
  overrides: Partial<RenderOptions>,
): string | undefined {
  if (!document.style.namesBold || !settings.highlight_owner || settings.highlight !== 'bold') {
    return undefined;
  }
  const flag =
    overrides.highlight !== undefined
      ? '--highlight'
      : overrides.style !== undefined
        ? '--style'
        : overrides.highlight_owner !== undefined
          ? '--highlight-owner'
          : undefined;
  return flag === undefined
    ? undefined
    : `${flag}: ${ownerAmongBoldNames(document.style.id)}: underline it with --highlight underline`;
}

/** Where a warning goes when the caller gives no `warn`. */
function warnOnStderr(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/** "style X prints nothing for 2 papers p1, p7 (conference): ..." */
function describeUnprinted(document: CitedDocument, database: Database): string {
  const { unprinted } = document;
  const ids = new Set(unprinted);
  const types = new Set(
    database.papers.filter((paper) => ids.has(paper.id)).map((paper) => paper.type),
  );
  const shown = unprinted.slice(0, 5).join(', ');
  const more = unprinted.length > 5 ? ` and ${unprinted.length - 5} more` : '';
  return (
    `style ${document.style.id} prints nothing for ${unprinted.length === 1 ? 'paper' : `${unprinted.length} papers`} ` +
    `${shown}${more} (${[...types].join(', ')}): it has no layout for ${types.size === 1 ? 'that type' : 'those types'}, ` +
    'or they lack the fields it prints; their entries show only links and notes'
  );
}

/** Topics of the overrides are checked against the database's (those in it already are). */
function checkOverrideTopics(database: Database, topics: readonly string[] | undefined): void {
  const declared = database.topics.map((topic) => topic.key);
  const unknown = (topics ?? []).flatMap((topic) => unknownTopic(topic, declared) ?? []);
  if (unknown.length) {
    throw new OptionError([
      {
        option: 'overrides.topics',
        message: unknown.map(({ message, hint }) => `${message} (${hint})`).join('; '),
      },
    ]);
  }
}

/**
 * The style and locale of the overrides, checked before any output as the database's are by
 * loadDatabase, and said in the same words: `--style apaa` is refused as `style: apaa` is.
 */
function checkOverrideCitation(database: Database, overrides: Partial<RenderOptions>): void {
  const problems: OptionProblem[] = [];
  const style =
    overrides.style === undefined
      ? undefined
      : missingStyle(overrides.style, dirname(database.file));
  if (style) problems.push({ option: 'overrides.style', message: oneLine(style) });
  const locale = overrides.locale === undefined ? undefined : unknownLocale(overrides.locale);
  if (locale) problems.push({ option: 'overrides.locale', message: locale });
  if (problems.length) throw new OptionError(problems);
}

/**
 * A year range that no paper can be in, made by the overrides alone or with the database's
 * settings (a range the database makes by itself is reported by `loadDatabase`).
 */
function checkYearRange(database: Database, layers: readonly SettingLayer[]): void {
  const since = layers.findLast(
    (layer) => layer.options.since !== undefined || layer.options.recent !== undefined,
  );
  const until = layers.findLast((layer) => layer.options.until !== undefined);
  const recent = since?.options.recent;
  const first = recent === undefined ? since?.options.since : firstRecentYear(recent);
  const last = until?.options.until;
  if (!since || !until || first === undefined || last === undefined || first <= last) return;
  // A first year from `recent` is said as the setting it is: "recent 3 (since 2024)".
  const sinceKey = recent === undefined ? 'since' : 'recent';
  const firstWords = recent === undefined ? `${first}` : `${recent} (since ${first})`;
  const inDatabase = (layer: SettingLayer, key: string) =>
    ` (${layer.at}.${key} in ${database.file})`;
  const empty = 'so no paper can match';
  if (until.at === 'overrides') {
    const from = since.at === 'overrides' ? '' : inDatabase(since, sinceKey);
    throw new OptionError([
      {
        option: 'overrides.until',
        message: `${last} is before ${sinceKey} ${firstWords}${from}, ${empty}`,
      },
    ]);
  }
  if (since.at === 'overrides') {
    throw new OptionError([
      {
        option: `overrides.${sinceKey}`,
        message: `${firstWords} is after until ${last}${inDatabase(until, 'until')}, ${empty}`,
      },
    ]);
  }
  // Only a database built in code gets here: loadDatabase reports this range at its place.
  const blamed = layers.indexOf(since) > layers.indexOf(until) ? since : until;
  const named = (layer: SettingLayer, key: string) =>
    layer === blamed ? key : `${layer.at}.${key}`;
  const message =
    blamed === until
      ? `${last} is before ${named(since, sinceKey)} ${firstWords}`
      : `${firstWords} is after ${named(until, 'until')} ${last}`;
  throw new OptionError([
    {
      option: `database.${blamed.at}.${blamed === until ? 'until' : sinceKey}`,
      message: `${message}, ${empty} (swap the years or leave one out)`,
    },
  ]);
}

function describeFilters(settings: Settings, database: Database): string {
  const filters = [
    settings.recent !== undefined
      ? `the last ${settings.recent === 1 ? 'year' : `${settings.recent} years`}, since ${settings.since}`
      : settings.since !== undefined
        ? `since ${settings.since}`
        : '',
    settings.until !== undefined ? `until ${settings.until}` : '',
    settings.topics?.length ? `topics ${settings.topics.join(', ')}` : '',
    settings.types?.length ? `types ${settings.types.join(', ')}` : '',
    settings.selected
      ? database.papers.some((paper) => paper.selected)
        ? 'selected'
        : 'selected: no paper is marked `selected: true`'
      : '',
  ].filter(Boolean);
  return filters.length
    ? `the selection (${filters.join('; ')})`
    : 'the selection: the database has no papers';
}

/** The same warning (a glyph no font has, found in ten titles) is printed once per output. */
function onceEach(warn: (message: string) => void): (message: string) => void {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    warn(message);
  };
}

export interface BuildOptions {
  outDir: string;
  /** Compare with the files on disk instead of writing; stale or missing files are problems. */
  check?: boolean;
  /** Flags that override every output's settings. */
  overrides?: Partial<RenderOptions>;
  warn?: (message: string) => void;
  /** Hears how far long work is (formatting citations, drawing a PDF). */
  progress?: ProgressListener;
  /** Called after each file is written (or checked). */
  onOutput?: (path: string, bytes: number) => void;
}

/** What is wrong in what `buildOutputs` was given to build: it is loadDatabase's answer. */
function loadedProblems(loaded: unknown): OptionProblem[] {
  if (isRecord(loaded) && 'database' in loaded) return databaseProblems(loaded.database, true);
  const itself = isRecord(loaded) && 'papers' in loaded ? ', not the database itself' : '';
  return [
    {
      option: 'loaded',
      message: `expected what loadDatabase gives, { database, source, warnings }${itself}`,
    },
  ];
}

/** What is wrong in `buildOutputs`' options, its overrides included. */
function buildOptionProblems(options: unknown): OptionProblem[] {
  const problems: OptionProblem[] = [];
  checkFields(
    options,
    {
      expected: "an object such as { outDir: 'out' }",
      noun: 'option',
      rules: {
        outDir: text('the folder to write into, such as out'),
        check: switchValue,
        overrides: null,
        warn: callback,
        progress: callback,
        onOutput: callback,
      },
    },
    problems,
  );
  if (!isRecord(options)) return problems;
  if (options.outDir === undefined) {
    problems.push({
      option: 'outDir',
      message: "missing; give the folder to write into, such as 'out'",
    });
  }
  if (options.overrides !== undefined) checkSettings(options.overrides, 'overrides', problems);
  return problems;
}

export async function buildOutputs(
  loaded: LoadedDatabase,
  options: BuildOptions,
): Promise<string[]> {
  // Wrong options are said once, before any output is looked at.
  refuseWrongArguments([...buildOptionProblems(options), ...loadedProblems(loaded)]);
  const { database } = loaded;
  const specs = database.render.outputs ?? DEFAULT_OUTPUTS;
  const overrides = checkOverrides(options.overrides);
  const rendered: { path: string; content: string | Uint8Array }[] = [];
  if (!options.check) {
    specs.forEach((spec, index) => {
      const file = outputFile(spec, findWriter(spec.format));
      refuseDatabase(
        join(options.outDir, file),
        database.file,
        `render.outputs[${index}]`,
        'give it another `file:`, or build into another --out-dir',
      );
    });
  }
  // `render.title` is warned of by loadDatabase, where it is written.
  const { title } = overrides;
  if (title !== undefined && specs.every((spec) => findWriter(spec.format).printsTitle === false)) {
    (options.warn ?? warnOnStderr)(`--title: ${titleInNoOutput(title, specs)}`);
  }
  const citations = new CitationCache(options.progress);
  for (const spec of specs) findWriter(spec.format).preload?.();
  for (const [index, spec] of specs.entries()) {
    const writer = findWriter(spec.format);
    const { standalone = false, template, options: flags } = spec;
    const templatesDir = templateFolder(database.file, spec);
    const result = await renderOutput(
      database,
      {
        format: spec.format,
        overrides,
        output: {
          standalone,
          ...(template ? { template } : {}),
          ...(templatesDir ? { templatesDir } : {}),
          flags: flags ?? {},
        },
        ...(options.warn
          ? { warn: (message: string) => options.warn?.(`${outputFile(spec, writer)}: ${message}`) }
          : {}),
        ...(options.progress ? { progress: options.progress } : {}),
        citations,
      },
      // mergeSettings reads only the settings of the spec, not its format, file or options.
      { at: `render.outputs[${index}]`, options: spec },
    );
    rendered.push({
      path: join(options.outDir, outputFile(spec, writer)),
      content: result.content,
    });
  }
  if (options.check) {
    await checkUpToDate(
      rendered,
      [
        `publist build ${shellWord(database.file)} --out-dir ${shellWord(options.outDir)}`,
        ...overrideFlags(overrides),
      ].join(' '),
    );
  } else {
    for (const { path, content } of rendered) {
      await writeFileAtomic(path, content);
      options.onOutput?.(
        path,
        typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
      );
    }
  }
  return rendered.map((output) => output.path);
}

/** The folders of user templates the database's outputs name, resolved against its folder. */
/**
 * What a build reads besides the database, for `watch` to rebuild on: the folders of the
 * user's templates, the style files named by path, and the PDF's font files.
 */
export async function watchedPaths(
  database: Database,
  overrides: Partial<RenderOptions> = {},
): Promise<string[]> {
  const folder = dirname(database.file);
  const { render } = database;
  const templates = (render.outputs ?? []).flatMap((spec) => {
    const templates = templateFolder(database.file, spec);
    return templates ? [templates] : [];
  });
  const styles = [
    overrides.style,
    render.style,
    ...(render.outputs ?? []).map((spec) => spec.style),
  ]
    .map((style) => (style && looksLikePath(style) ? findStyleFile(style, folder) : undefined))
    .filter((file): file is string => file !== undefined);
  const named = namedFontFiles(render.pdf);
  // The PDF theme's reading of a font's name ("file.ttc#Face"), loaded only when fonts are named.
  const fonts = named.length
    ? await import('./write/pdf/theme.js').then(({ fontFile }) =>
        named.map(([, spec]) => fontFile(spec, folder).path),
      )
    : [];
  return [...new Set([...templates, ...styles, ...fonts])];
}

/**
 * The flags that give these overrides (`--style apa`, `--no-highlight-owner`): the check
 * compared the outputs as they render with them, so the command that rebuilds them has them.
 */
function overrideFlags(overrides: Partial<RenderOptions>): string[] {
  return Object.entries(overrides).flatMap(([key, value]) => {
    const flag = `--${key.replaceAll('_', '-')}`;
    if (value === true) return [flag];
    if (value === false) return [`--no-${flag.slice(2)}`];
    if (Array.isArray(value)) return [flag, shellWord(value.join(','))];
    return typeof value === 'string' || typeof value === 'number'
      ? [flag, shellWord(String(value))]
      : [];
  });
}

/** A path as a shell reads it back: quoted when it holds anything but plain characters. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** `build --check`: every output as `command` would write it is on disk already. */
async function checkUpToDate(
  rendered: readonly { path: string; content: string | Uint8Array }[],
  command: string,
): Promise<void> {
  const stale: Problem[] = [];
  const hint = `run \`${command}\` to bring it up to date`;
  for (const { path, content } of rendered) {
    const expected = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const actual = await readFile(path).catch(() => undefined);
    if (actual?.equals(expected)) continue;
    if (!actual) stale.push({ file: path, line: 1, col: 1, message: 'is missing', hint });
    else if (typeof content !== 'string')
      stale.push({ file: path, line: 1, col: 1, message: 'is out of date', hint });
    else stale.push({ file: path, ...textDifference(actual.toString('utf8'), content, hint) });
  }
  if (stale.length) throw new InputError(stale);
}

/**
 * Where a text output on disk first differs from what the build gives, and how: the place
 * tells a CI log's reader which entry changed without a diff.
 */
function textDifference(actual: string, expected: string, hint: string): Omit<Problem, 'file'> {
  if (actual.replaceAll('\r\n', '\n') === expected)
    return {
      line: 1,
      col: 1,
      message: 'has Windows line endings (CRLF) where publist writes LF',
      hint: `git converts them on checkout: mark the outputs \`-text\` in .gitattributes, then ${hint}`,
    };
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  // Not between the two halves of a character beyond U+FFFF.
  if (at > 0 && /[\uDC00-\uDFFF]/.test(actual[at] ?? expected[at] ?? '')) at--;
  const lineStart = actual.lastIndexOf('\n', at - 1) + 1;
  const rest = (text: string) => {
    const end = text.indexOf('\n', at);
    const part = text.slice(at, end < 0 ? text.length : end);
    const shown = firstCharactersAsSeen(part, 60);
    if (part) return JSON.stringify(shown === part ? part : `${shown}…`);
    return at >= text.length ? 'the end of the file' : 'the end of the line';
  };
  return {
    line: actual.slice(0, at).split('\n').length,
    col: [...actual.slice(lineStart, at)].length + 1,
    message: `is out of date from here: the file has ${rest(actual)}, the build gives ${rest(expected)}`,
    hint,
  };
}
