/** The contract between the pipeline and one output format. */
import type { CitedDocument } from '../cite/cited.js';
import type { Database } from '../model/paper.js';
import type { RenderOptions, RenderSection } from '../model/schema.js';
import type { Selection } from '../select/select.js';
import type { ProgressListener } from '../progress.js';
import type { Settings } from '../settings.js';
import type { RenderTemplate } from './templates.js';

/** A command-line flag that a writer adds to `publist render` (and `render.outputs` entries). */
export interface WriterFlag {
  /** Long flag name without dashes, e.g. "heading-level". */
  name: string;
  description: string;
  /** Allowed values; absent for a boolean switch or a number. */
  choices?: readonly string[];
  /** The whole numbers it takes, `heading-level`'s 1 to 6; absent for choices or a switch. */
  range?: { readonly minimum: number; readonly maximum: number };
}

/** A flag's value: one of its choices, a number in its range, or true or false. */
export type FlagValue = string | number | boolean;

export interface OutputOptions {
  /** A complete document rather than a fragment to include. */
  standalone: boolean;
  /** A template name (e.g. "moderncv") for writers that offer several. */
  template?: string;
  /** A folder of user templates that replace the built-in ones. */
  templatesDir?: string;
  /** Values of the writer's own flags, by flag name. */
  flags: Readonly<Record<string, FlagValue>>;
}

export interface WriteRequest {
  database: Database;
  selection: Selection;
  settings: Settings;
  output: OutputOptions;
  /**
   * The selection formatted in `settings.style`: rich text per entry, numbers, links, legend.
   * Memoised: within a build every writer that asks gets the same document, formatted once.
   */
  cite(): Promise<CitedDocument>;
  /** A problem that does not stop the output (a glyph no font has), naming the entry. */
  warn(message: string): void;
  /** Hears how far long work is (drawing a PDF of many entries). */
  progress?: ProgressListener;
}

export interface Writer {
  format: string;
  description: string;
  /** The file name `publist build` uses when the output names none. */
  defaultFile(output: Pick<OutputOptions, 'standalone'>): string;
  flags?: readonly WriterFlag[];
  /**
   * False for a writer that exports the data and never calls `cite()` (BibTeX, CSL-JSON):
   * the style and the locale are not looked up for it. Default true.
   */
  cites?: boolean;
  /**
   * False for a writer whose output has no heading (BibTeX, CSL-JSON): a title given to it
   * is not printed, and the user is told so. Default true.
   */
  printsTitle?: boolean;
  /** False for a writer that prints the owner's name as any other (plain text). Default true. */
  marksOwner?: boolean;
  /** The output is binary (a PDF): `publist render` will not print it on a terminal. */
  binary?: boolean;
  /**
   * The settings that the database's own section for this format gives (`render.pdf.title`):
   * they beat those of `render:`, and an output's own settings and the flags beat them.
   */
  sectionSettings?(render: RenderSection): Partial<RenderOptions>;
  /**
   * For a writer drawn from Handlebars templates (it takes `--standalone`, `--template` and
   * `--templates`, which other formats refuse): loads the template `output` names, or
   * throws a UsageError saying why there is none. `validate` calls it for the templates
   * `render.outputs` names, so that a missing one is found before anything is built.
   */
  template?(output: OutputOptions): Promise<RenderTemplate>;
  /** Heavy dependencies (pdfkit, citeproc) are imported inside, so that other formats start fast. */
  write(request: WriteRequest): Promise<string | Uint8Array>;
  /**
   * Called as soon as it is known that this writer will run, before the database is read:
   * a writer may start loading its heavy dependencies in the background (the PDF writer
   * starts its worker thread). Optional; never required for correctness.
   */
  preload?(): void;
}

/** The value of a writer's flag of fixed choices, or `fallback` when it is not given. */
export function flagChoice<T extends string>(
  request: WriteRequest,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = request.output.flags[name];
  return typeof value === 'string' && (choices as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** The value of a writer's flag of whole numbers, or `fallback` when it is not given. */
export function flagNumber(
  request: Pick<WriteRequest, 'output'>,
  name: string,
  fallback: number,
): number {
  const value = request.output.flags[name];
  return typeof value === 'number' ? value : fallback;
}
