/** The `publist` command line: parses flags, runs the pipeline, maps failures to exit codes. */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { InputError, OutputError, UsageError } from '../model/problems.js';
import {
  GROUP_BY,
  HIGHLIGHTS,
  NUMBERING,
  NUMBERING_SCOPES,
  PAPER_TYPES,
  SORT_KEYS,
  SORT_ORDERS,
} from '../model/vocabulary.js';
import type { RenderOptions } from '../model/schema.js';
import { IMPORT_FORMATS } from '../import/detect.js';
import type { ImportFormat } from '../import/record.js';
import {
  checkChoice,
  InvalidOption,
  numberFromWord,
  oneLine,
  settingFromWord,
  settingValue,
} from '../options.js';
import { checkOutputOptions, flagRule } from '../write/writer-options.js';
import { buildOutputs, loadDatabase, renderDatabase, watchedPaths } from '../pipeline.js';
import { refuseDatabase, writeFileAtomic } from '../write/output-file.js';
import { templatesFolderProblem, unusedFolderWarning } from '../write/templates.js';
import { findWriter, writers } from '../write/registry.js';
import type { WriterFlag } from '../write/writer.js';
import { terminal } from './terminal.js';
import {
  count,
  reportError,
  reportProblems,
  reportUsageError,
  say,
  warn,
  warnAt,
} from './report.js';
import { status } from './status.js';

const DEFAULT_DATABASE = 'data/papers.yaml';

/** A search that found nothing (`publist styles zzz`): said on stderr, exit 1, as grep does. */
class NothingFound extends Error {}

interface RenderFlags {
  title?: string;
  style?: string;
  locale?: string;
  groupBy?: RenderOptions['group_by'];
  sort?: RenderOptions['sort'];
  order?: RenderOptions['order'];
  numbering?: RenderOptions['numbering'];
  numberingScope?: RenderOptions['numbering_scope'];
  since?: number;
  until?: number;
  recent?: number;
  topics?: string[];
  types?: RenderOptions['types'];
  selected?: boolean;
  limit?: number;
  highlightOwner?: boolean;
  highlight?: RenderOptions['highlight'];
  keepOwnerVisible?: boolean;
  equalMark?: string;
  correspondingMark?: string;
}

/** A flag's parser: `check` is the rule the library's options follow too, said as commander says. */
function parsedBy<T>(check: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return check(value);
    } catch (error) {
      if (error instanceof InvalidOption) throw new InvalidArgumentError(oneLine(error));
      throw error;
    }
  };
}

/** The flag of a setting: its word as `settingFromWord(key)` reads it. */
function setting(key: keyof RenderOptions): (value: string) => unknown {
  return parsedBy((value) => settingFromWord(key, value));
}

/** A flag's list, `a,b`, as the setting takes it. */
function listSetting(key: 'topics' | 'types'): (value: string) => unknown {
  return parsedBy((value) =>
    settingValue(
      key,
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  );
}

/** A setting of fixed choices, listed in the help. */
function choiceSetting(
  flags: string,
  description: string,
  key: keyof RenderOptions,
  values: readonly string[],
): Option {
  return new Option(flags, description).choices(values).argParser(setting(key));
}

/** An option that takes one of `values`; a wrong value is answered with the one meant. */
function oneOf(option: Option, values: readonly string[]): Option {
  return option.choices(values).argParser(parsedBy((value) => checkChoice(value, values)));
}

function addSelectionOptions(command: Command): Command {
  return command
    .option(
      '--title <text>',
      'the heading of the list, in every format (default "Publications")',
      setting('title'),
    )
    .option(
      '--style <name|path>',
      'CSL style: a name (apa, ieee, ...) or a .csl file',
      setting('style'),
    )
    .option('--locale <xx-XX>', 'CSL locale, e.g. en-US, de-DE', setting('locale'))
    .addOption(choiceSetting('--group-by <key>', 'group entries', 'group_by', GROUP_BY))
    .addOption(
      choiceSetting(
        '--sort <key>',
        'order within a group (file: as written in the database)',
        'sort',
        SORT_KEYS,
      ),
    )
    .addOption(
      choiceSetting(
        '--order <dir>',
        'asc or desc (dates default to newest first, file to as written)',
        'order',
        SORT_ORDERS,
      ),
    )
    .addOption(
      choiceSetting(
        '--numbering <mode>',
        'number the entries (default auto: ascending for a numeric style such as ieee, else none)',
        'numbering',
        NUMBERING,
      ),
    )
    .addOption(
      choiceSetting(
        '--numbering-scope <scope>',
        'number across groups or per group',
        'numbering_scope',
        NUMBERING_SCOPES,
      ),
    )
    .option('--since <year>', 'only papers from this year on', setting('since'))
    .option('--until <year>', 'only papers up to this year', setting('until'))
    .option(
      '--recent <n>',
      'only papers of the last N years: this year (SOURCE_DATE_EPOCH’s when set) and the N - 1 before; not with --since',
      setting('recent'),
    )
    .option('--topics <a,b>', 'only papers with one of these topics', listSetting('topics'))
    .option('--types <a,b>', `only these types (${PAPER_TYPES.join(', ')})`, listSetting('types'))
    .option('--selected', 'only papers marked `selected: true`')
    .option('--limit <n>', 'at most this many papers', setting('limit'))
    .option('--highlight-owner', 'mark your name in every entry, as --highlight says (the default)')
    .option('--no-highlight-owner', 'do not mark your name')
    .addOption(
      choiceSetting(
        '--highlight <how>',
        'how your name is marked: bold (default), or underline for a style that prints every author in bold',
        'highlight',
        HIGHLIGHTS,
      ),
    )
    .option('--keep-owner-visible', 'cut author lists around you rather than hide you (default)')
    .option('--no-keep-owner-visible', 'let the style’s "et al." hide you')
    .option(
      '--equal-mark <mark>',
      'mark after equal-contribution authors (default *)',
      setting('equal_mark'),
    )
    .option(
      '--corresponding-mark <mark>',
      'mark after corresponding authors (default †)',
      setting('corresponding_mark'),
    );
}

function overrides(flags: RenderFlags): Partial<RenderOptions> {
  if (flags.recent !== undefined && flags.since !== undefined) {
    throw new UsageError(
      '--recent and --since both set the first year: give one of them (--recent N: the last N years; --since YEAR: from that year on)',
    );
  }
  const out: Partial<RenderOptions> = {
    title: flags.title,
    style: flags.style,
    locale: flags.locale,
    group_by: flags.groupBy,
    sort: flags.sort,
    order: flags.order,
    numbering: flags.numbering,
    numbering_scope: flags.numberingScope,
    since: flags.since,
    until: flags.until,
    recent: flags.recent,
    topics: flags.topics,
    types: flags.types,
    selected: flags.selected,
    limit: flags.limit,
    highlight_owner: flags.highlightOwner,
    highlight: flags.highlight,
    keep_owner_visible: flags.keepOwnerVisible,
    equal_mark: flags.equalMark,
    corresponding_mark: flags.correspondingMark,
  };
  return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined));
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export function createProgram(): Command {
  const program = new Command('publist')
    .description(
      'Render a YAML database of papers into a CV: PDF, LaTeX, Markdown, HTML, text, BibTeX, CSL-JSON.',
    )
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(terminal.red(text)) });

  program
    .command('validate')
    .description('check a database and report every problem as file:line:col')
    .argument('[db]', 'the database', DEFAULT_DATABASE)
    .action(async (db: string) => {
      const { database, warnings } = await loadDatabase(db);
      warnAt(warnings);
      const warned = warnings.length ? `, ${count(warnings.length, 'warning')}` : '';
      process.stderr.write(
        `${db}: ${count(database.papers.length, 'paper')}, no problems${warned}\n`,
      );
    });

  program
    .command('styles')
    .description('list the citation styles publist can use, with their titles')
    .argument(
      '[query...]',
      'words that begin a word of the name or title, e.g. "ieee" or "chicago author"',
    )
    .action(async (words: string[]) => {
      const [{ listStyles }, { suggestedStyles }] = await Promise.all([
        import('../cite/styles.js'),
        import('../cite/style-names.js'),
      ]);
      const query = words.join(' ');
      // The style named exactly as asked heads the list: `publist styles nature` has 50 more.
      const named = query.trim().toLowerCase();
      const styles = listStyles(query).sort(
        (a, b) => Number(b.name === named) - Number(a.name === named),
      );
      const width = Math.min(48, Math.max(0, ...styles.map((style) => style.name.length)));
      for (const style of styles) {
        const origin =
          style.source === 'system'
            ? style.parent
              ? ` (system, uses ${style.parent})`
              : ' (system)'
            : '';
        process.stdout.write(`${style.name.padEnd(width)}  ${style.title}${origin}\n`);
      }
      if (!styles.length) {
        const close = suggestedStyles(query);
        throw new NothingFound(
          `no installed style matches "${query}"${close.length ? `; did you mean ${close.join(', ')}?` : ''}`,
        );
      }
      process.stderr.write(
        `${styles.length} style${styles.length === 1 ? '' : 's'}; use one with --style NAME\n`,
      );
    });

  const render = addSelectionOptions(
    program
      .command('render')
      .description('render one format to a file or to stdout')
      .argument('<db>', 'the database')
      // Not a requiredOption: commander says a missing one before an unknown one, so
      // `--formt text` would be answered "required option '-f, --format' not specified".
      .option(
        '-f, --format <format>',
        `output format: ${writers()
          .map((w) => w.format)
          .join(', ')}`,
      )
      .option('-o, --output <file>', 'write here instead of stdout (- is stdout)')
      .option('--standalone', 'a complete document rather than a fragment')
      .option('--template <name>', 'a named template variant of the format')
      .option('--templates <dir>', 'a folder of your own templates'),
  );
  // A flag that several formats take (`heading-level`) is one option, naming them all.
  const formatsOfFlag = new Map<string, { flag: WriterFlag; formats: string[] }>();
  for (const writer of writers()) {
    for (const flag of writer.flags ?? []) {
      const known = formatsOfFlag.get(flag.name);
      if (known) known.formats.push(writer.format);
      else formatsOfFlag.set(flag.name, { flag, formats: [writer.format] });
    }
  }
  for (const { flag, formats } of formatsOfFlag.values()) {
    const { name, choices, range } = flag;
    const argument = choices ? ' <value>' : range ? ` <${range.minimum}-${range.maximum}>` : '';
    const option = new Option(`--${name}${argument}`, `${formats.join(', ')}: ${flag.description}`);
    // The flag's rule, which the database's `options:` and the library's `output.flags` obey;
    // a number's word is read as the number.
    const rule = flagRule(flag);
    if (choices) option.choices(choices).argParser(parsedBy(rule));
    else if (range) option.argParser(parsedBy((word) => rule(numberFromWord(word))));
    render.addOption(option);
  }
  render.action(async (db: string, flags: RenderFlags & Record<string, unknown>) => {
    if (flags.format === undefined) {
      render.error("error: required option '-f, --format <format>' not specified", {
        code: 'commander.missingMandatoryOptionValue',
      });
    }
    const format = String(flags.format);
    const writer = findWriter(format);
    const file = flags.output === '-' ? undefined : flags.output;
    if (writer.binary && typeof file !== 'string' && process.stdout.isTTY) {
      const suggested = writer.defaultFile({ standalone: Boolean(flags.standalone) });
      throw new UsageError(
        `--format ${format} writes binary data, which a terminal cannot show: write it to a file with -o ${suggested}, or redirect it (> ${suggested})`,
      );
    }
    // Every format's flags that were given: a flag of another format is refused by name.
    const formatFlags: Record<string, unknown> = {};
    for (const name of formatsOfFlag.keys()) formatFlags[name] = flags[camel(name)];
    // Checked before the database is read; renderDatabase checks it again, by the same rules.
    const output = checkOutputOptions(writer, {
      standalone: flags.standalone,
      template: flags.template,
      templatesDir: flags.templates,
      flags: formatFlags,
    });
    if (writer.template && typeof flags.templates === 'string') {
      const folderProblem = templatesFolderProblem(flags.templates);
      if (folderProblem) throw new UsageError(`--templates: ${folderProblem}`);
      const unused = unusedFolderWarning(flags.templates, format, flags.templates, output.template);
      if (unused) warn(unused);
    }
    if (typeof file === 'string') {
      // A folder is a mistake in the command, found before the work rather than after it.
      if (/[\\/]$/.test(file) || statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
        const suggested = join(file, writer.defaultFile({ standalone: output.standalone }));
        throw new UsageError(
          `-o ${file}: it is a folder; name the file to write (-o ${suggested})`,
        );
      }
      refuseDatabase(file, db, `-o ${file}`, 'write to another file');
    }
    writer.preload?.();
    const { database, warnings } = await loadDatabase(db);
    warnAt(warnings);
    const result = await renderDatabase(database, {
      format,
      overrides: overrides(flags),
      output,
      warn,
      progress: status.progress,
    });
    if (typeof file === 'string') {
      await writeFileAtomic(file, result.content);
    } else {
      process.stdout.write(result.content);
    }
  });

  /** `build` and `watch`: a database, an output folder, and the selection flags. */
  const buildCommand = (name: string, description: string) =>
    addSelectionOptions(
      program
        .command(name)
        .description(description)
        .argument('[db]', 'the database', DEFAULT_DATABASE)
        .option('-d, --out-dir <dir>', 'the output folder', 'out')
        .option('-q, --quiet', 'print nothing but problems'),
    );

  buildCommand(
    'build',
    'write every output the database names under `render.outputs` into the output folder',
  )
    .option('--check', 'write nothing; fail when an output on disk is missing or stale')
    .action(async (db: string, flags: BuildFlags) => {
      await runBuild(db, flags);
    });

  buildCommand(
    'watch',
    'build, then build again whenever the database, or a style, template or font file it names, changes',
  ).action(async (db: string, flags: BuildFlags) => {
    // chokidar loads only here: other commands start ~12 ms sooner without it.
    const { watchBuild } = await import('./watch.js');
    await watchBuild(db, flags, runBuild);
  });

  program
    .command('import')
    .description(
      'add the papers of BibTeX, BibLaTeX, CSL-JSON or RIS files to the database, keeping its comments and layout',
    )
    .argument('<files...>', 'bibliography files; the format is told by the content')
    .option('--into <db>', 'the database to add to', DEFAULT_DATABASE)
    .option('-n, --dry-run', 'print what would change and write nothing')
    .option('--update', 'merge new fields into papers that are already in the database')
    .option(
      '--keep-preprints',
      'import a preprint and its published version as two papers (by default one: the published version, with the arXiv id)',
    )
    .addOption(
      oneOf(new Option('--from <format>', 'read the files as this format'), IMPORT_FORMATS),
    )
    .option('--owner <name>', 'your name, to start a new database when --into does not exist')
    .action(
      async (
        files: string[],
        flags: {
          into: string;
          dryRun?: boolean;
          update?: boolean;
          keepPreprints?: boolean;
          from?: ImportFormat;
          owner?: string;
        },
      ) => {
        // Loaded here: the readers and the YAML editor are not needed by any other command.
        const { importFiles } = await import('../import/import.js');
        const { formatEdits, formatSummary } = await import('../import/summary.js');
        const result = await importFiles({
          files,
          into: flags.into,
          dryRun: Boolean(flags.dryRun),
          update: Boolean(flags.update),
          keepPreprints: Boolean(flags.keepPreprints),
          ...(flags.from ? { from: flags.from } : {}),
          ...(flags.owner ? { owner: flags.owner } : {}),
        });
        if (flags.dryRun) process.stdout.write(formatEdits(result));
        process.stderr.write(formatSummary(result));
      },
    );

  return program;
}

type BuildFlags = RenderFlags & { outDir: string; check?: boolean; quiet?: boolean };

/** One build; returns the files and folders besides the database it read, for `watch`. */
async function runBuild(db: string, flags: BuildFlags): Promise<string[]> {
  const started = performance.now();
  status.restart();
  const loaded = await loadDatabase(db);
  warnAt(loaded.warnings);
  const quiet = flags.quiet || Boolean(process.env.CI);
  const paths = await buildOutputs(loaded, {
    outDir: flags.outDir,
    check: Boolean(flags.check),
    overrides: overrides(flags),
    warn,
    ...(quiet ? {} : { progress: status.progress }),
    onOutput: (path, bytes) => {
      if (!quiet) say(`wrote ${shownPath(path)} (${formatBytes(bytes)})`);
    },
  });
  if (flags.check) say(`${count(paths.length, 'output')} up to date`);
  else if (!quiet)
    say(`built ${count(paths.length, 'output')} in ${Math.round(performance.now() - started)} ms`);
  return watchedPaths(loaded.database, overrides(flags));
}

/** Relative to the working folder when inside it, else as given. */
function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Exit codes: 0 done, 1 the input is wrong, 2 the command line is wrong. */
export async function main(argv: readonly string[]): Promise<number> {
  // `publist styles | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await createProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError) {
      reportProblems(error);
      return 1;
    }
    if (error instanceof NothingFound) {
      say(error.message);
      return 1;
    }
    if (error instanceof OutputError) {
      reportError(error.message);
      return 1;
    }
    if (error instanceof UsageError) {
      reportUsageError(error);
      return 2;
    }
    // publist's own failure: its stack trace starts on a line of its own.
    status.clear();
    throw error;
  }
}
