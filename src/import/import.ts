/**
 * `publist import`: foreign bibliographies into the YAML database. Reads each file with
 * the reader its content calls for, drops what the database already has (same DOI, arXiv
 * id, or title and year) or merges it in with `update`, gives the rest unique ids, splices
 * them into the file without touching anything else, and checks the result validates
 * before anything is written.
 */
import { access, readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { distance } from 'fastest-levenshtein';
import jsYaml from 'js-yaml';
import type { Database } from '../model/paper.js';
import { quotedWords, titleLanguages } from '../model/title-language.js';
import { InputError, UsageError, type Problem, type SourcePosition } from '../model/problems.js';
import type { PaperInput } from '../model/schema.js';
import { nearbyFile } from '../read/near-file.js';
import { parseSource, type SourceDocument } from '../read/source.js';
import { decodeUtf8 } from '../read/utf8.js';
import { packageFile } from '../package-files.js';
import { validateDatabase } from '../validate/validate.js';
import { writeFileAtomic } from '../write/output-file.js';
import { readBibtex } from './bibtex.js';
import { readCslJson } from './csl-json.js';
import { detectFormat } from './detect.js';
import {
  ascii,
  normalise,
  orderedFields,
  readName,
  type ImportFormat,
  type ImportedPaper,
  type PaperFields,
  type ReadResult,
  type SkippedEntry,
  type SourceMessage,
  type Tidied,
} from './record.js';
import {
  arxivAgrees,
  arxivOfDoi,
  importedWorkKey,
  isPreprint,
  isPublished,
  mergePreprints,
  publishedVersions,
  withPreprintLink,
  workKey,
  type MergedPreprint,
} from './preprints.js';
import { readRis } from './ris.js';
import {
  addToPaper,
  appendPapers,
  applyEdits,
  findPaperListByLines,
  findPaperListInDocument,
  type TextEdit,
} from './yaml-edit.js';

export interface ImportOptions {
  files: readonly string[];
  /** The database to add to. */
  into: string;
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  /** Merge new fields into papers that are already in the database. */
  update?: boolean;
  /** Read every file as this format instead of detecting it. */
  from?: ImportFormat;
  /** The owner's name, to start a new database when `into` does not exist. */
  owner?: string;
  /** Import a preprint and its published version as two papers. */
  keepPreprints?: boolean;
}

export interface AddedPaper {
  id: string;
  key?: string;
  position: SourcePosition;
}

export interface DuplicatePaper {
  key?: string;
  position: SourcePosition;
  /** The id of the paper it duplicates. */
  existing: string;
  /** That paper was in the database before; otherwise this import added it from an earlier entry. */
  inDatabase: boolean;
  /** "same DOI 10.1/x". */
  reason: string;
  /** With `update`: the fields it added to the existing paper. */
  added: string[];
}

/** A preprint imported as its published version, one paper. */
export interface PreprintMerged {
  key?: string;
  position: SourcePosition;
  arxiv?: string;
  /** The address of a preprint not on arXiv, which the published version added here keeps as `extra.preprint`. */
  link?: string;
  /** The id of the published version. */
  id: string;
  /** The published version was in the database before. */
  inDatabase: boolean;
  /** Where the published version is in the database, when it was there before. */
  where?: string;
  /** The published version has the preprint's arXiv id, if it has one (`--update` gives it to one in the database). */
  hasArxiv: boolean;
  /** `--update` gave the paper in the database the preprint's arXiv id. */
  updated?: boolean;
}

export interface PaperNote {
  key?: string;
  position: SourcePosition;
  note: string;
}

export interface FileReport {
  file: string;
  format: ImportFormat;
  entries: number;
  added: AddedPaper[];
  duplicates: DuplicatePaper[];
  /** Preprints imported as their published version. */
  preprints: PreprintMerged[];
  skipped: SkippedEntry[];
  warnings: SourceMessage[];
  ignored: SourceMessage[];
  notes: PaperNote[];
  /** Source field -> how many papers it went into the model for. */
  mapped: Map<string, number>;
  /** Source field -> how many papers keep it under `extra`. */
  kept: Map<string, number>;
  /** "field (reason)" -> count. */
  skippedFields: Map<string, number>;
  /** What the reader tidied -> in how many papers. */
  tidied: Map<Tidied, number>;
}

export interface ImportResult {
  database: string;
  /** The database file did not exist and was started. */
  created: boolean;
  files: FileReport[];
  before: number;
  after: number;
  /** The edits to the database text, in file order (what `--dry-run` shows). */
  edits: TextEdit[];
  /** The database text before and after the import. */
  original: string;
  text: string;
  written: boolean;
  /** Milliseconds per stage: read, merge, edit, validate, write (for `npm run bench`). */
  timings: Record<string, number>;
}

/**
 * The file `import --owner` starts when the database does not exist yet; its first line
 * points editors at this installation's JSON Schema, relative to the new file.
 */
export function newDatabaseText(owner: string, file: string): string {
  const schema = relative(dirname(resolve(file)), packageFile('schema', 'papers.schema.json'));
  return [
    `# yaml-language-server: $schema=${schema.split(sep).join('/')}`,
    '',
    'owner:',
    `  name: ${jsYaml.dump(owner, { lineWidth: -1, quotingType: "'" }).trimEnd()}`,
    '',
    'papers: []',
    '',
  ].join('\n');
}

const READERS: Record<ImportFormat, (text: string, file: string) => ReadResult> = {
  bibtex: readBibtex,
  'csl-json': readCslJson,
  ris: (text) => readRis(text),
};

export async function importFiles(options: ImportOptions): Promise<ImportResult> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + now - started;
    started = now;
  };
  // The files first: one that is not there is the mistake to name, before the database's.
  const reads = await readAll(options.files, options.from);
  lap('read');
  const target = await openDatabase(options.into, options.owner);
  lap('load');
  const { source, database } = target;
  const preprints = options.keepPreprints ? [] : mergePreprints(reads);
  const merger = new Merger(
    database,
    source,
    Boolean(options.update),
    Boolean(options.keepPreprints),
  );
  const files = reads.map(({ file, result }) => merger.add(file, result));
  files.forEach((report, index) => {
    for (const merged of preprints[index] ?? []) merger.preprint(merged, report);
  });
  lap('merge');

  // The splice point comes from a scan of the lines first (fast), from the parsed
  // Document when the scan does not recognise the layout or its result does not read back
  // as intended. The result must validate: a paper that does not (a reader's mistake) is
  // taken back out and reported with the validator's words rather than written.
  let locate: Locate = 'lines';
  let edits: TextEdit[] = [];
  let text = source.text;
  // Each withdrawal takes out at least one paper or update for good, so this ends.
  for (;;) {
    edits = merger.edits(locate);
    text = applyEdits(source.text, edits);
    lap('edit');
    const outcome = await validateText(options.into, text);
    lap('validate');
    if (locate === 'lines' && (!outcome.database || !merger.readsBack(outcome.database))) {
      locate = 'document';
      continue;
    }
    if (outcome.database) {
      if (!merger.readsBack(outcome.database))
        throw new Error('import: the papers did not read back');
      break;
    }
    if (!merger.withdraw(outcome.problems, text)) {
      throw new Error(
        `import produced a database that does not validate:\n${outcome.problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join('\n')}`,
      );
    }
  }
  const changed = text !== source.text;
  if (changed && !options.dryRun) await writeFileAtomic(options.into, text);
  lap('write');
  return {
    database: options.into,
    created: target.created,
    files,
    before: database.papers.length,
    after: database.papers.length + merger.pending.length,
    edits,
    original: source.text,
    text,
    written: changed && !options.dryRun,
    timings,
  };
}

async function openDatabase(
  file: string,
  owner: string | undefined,
): Promise<{ source: SourceDocument; database: Database; created: boolean }> {
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    if (!owner) {
      throw new UsageError(
        `${file} does not exist; to start a new database there, give your name: --owner "Your Name"`,
      );
    }
    const source = parseSource(file, newDatabaseText(owner, file));
    return { source, database: await validateDatabase(source), created: true };
  }
  const source = parseSource(file, decodeUtf8(file, await readFile(file)));
  return { source, database: await validateDatabase(source), created: false };
}

/**
 * Each paper whose file names no language, with the language its title is clearly in (see
 * `titleLanguages`), so that title-casing styles print it as written; a note says so.
 */
async function withTitleLanguages(result: ReadResult): Promise<ReadResult> {
  const languages = await titleLanguages(
    result.papers.map(({ paper }) => (paper.language === undefined ? paper.title : '')),
  );
  return {
    ...result,
    papers: result.papers.map((imported, index) => {
      const found = languages[index];
      if (!found) return imported;
      return {
        ...imported,
        paper: orderedFields({ ...imported.paper, language: found.tag }),
        notes: [
          ...imported.notes,
          `language: ${found.tag} (${found.name}), from ${quotedWords(found.words)} in the title, so that styles do not title-case it; write \`language: en\` if it is English`,
        ],
      };
    }),
  };
}

async function readAll(
  files: readonly string[],
  from: ImportFormat | undefined,
): Promise<{ file: string; result: ReadResult }[]> {
  const problems: Problem[] = [];
  const reads: { file: string; result: ReadResult }[] = [];
  for (const file of files) {
    try {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const near = code === 'ENOENT' ? nearbyFile(file) : undefined;
        throw new InputError([
          {
            file,
            line: 1,
            col: 1,
            message: `cannot read this file: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(error)}`,
            ...(near ? { hint: `did you mean ${near}?` } : {}),
          },
        ]);
      }
      const format = from ?? detectFormat(text, file);
      const result = READERS[format](text, file);
      if (from && result.entries === 0) checkNamedFormat(from, text, file);
      warnAboutReplacementCharacters(result);
      reads.push({ file, result: await withTitleLanguages(result) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new InputError(problems);
  return reads;
}

/** `--from bibtex` on a RIS file reads nothing: say what the file looks like instead of "0 added". */
function checkNamedFormat(from: ImportFormat, text: string, file: string): void {
  let detected: ImportFormat | undefined;
  try {
    detected = detectFormat(text, file);
  } catch {
    detected = undefined;
  }
  if (detected === from) return;
  throw new InputError([
    {
      file,
      line: 1,
      col: 1,
      message: `no ${from} entries here${detected ? `; the file looks like ${detected}` : ''}`,
      hint: detected
        ? 'leave out --from, or name the right format'
        : 'name the right format with --from',
    },
  ]);
}

/**
 * U+FFFD is what a decoder writes for bytes it could not read: the source was saved in
 * another encoding or damaged, and the name or title it sits in is wrong.
 */
function warnAboutReplacementCharacters(result: ReadResult): void {
  for (const imported of result.papers) {
    const damaged = Object.entries(imported.paper).filter(([, value]) =>
      JSON.stringify(value ?? '').includes('\uFFFD'),
    );
    if (damaged.length) {
      result.warnings.push({
        position: imported.position,
        message: `${imported.key ?? 'an entry'}: ${damaged.map(([field]) => field).join(', ')} ${damaged.length === 1 ? 'has' : 'have'} U+FFFD (�), a character the file's encoding lost`,
        hint: 'fix the source file, or the paper after the import',
      });
    }
  }
}

async function validateText(
  file: string,
  text: string,
): Promise<
  | { database: Database; problems?: undefined }
  | { database?: undefined; problems: readonly Problem[] }
> {
  try {
    return { database: await validateDatabase(parseSource(file, text)) };
  } catch (error) {
    if (error instanceof InputError) return { problems: error.problems };
    throw error;
  }
}

type Locate = 'lines' | 'document';

interface Pending {
  id: string;
  paper: PaperFields;
  imported: ImportedPaper;
  report: FileReport;
  /** The notes its entry gave the report, taken back with it. */
  notes: PaperNote[];
}

/** An entry found to be a paper this import adds from an earlier entry. */
interface LaterEntry {
  imported: ImportedPaper;
  report: FileReport;
  duplicate: DuplicatePaper;
}

interface Update {
  index: number;
  fields: Partial<PaperInput>;
  extra: Record<string, string>;
  duplicate: DuplicatePaper;
  report: FileReport;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:.+-]*$/;

/** The source fields the readers keep as `extra.keywords`: BibTeX, CSL-JSON, RIS. */
const KEYWORD_FIELDS = ['keywords', 'keyword', 'KW'];

/** Decides, paper by paper, what is new, what is a duplicate, and what id a new one gets. */
class Merger {
  readonly pending: Pending[] = [];
  private readonly updates = new Map<number, Update[]>();
  private readonly takenIds = new Set<string>();
  private readonly byDoi = new Map<string, Owner>();
  private readonly byArxiv = new Map<string, Owner>();
  private readonly byTitle = new Map<string, Owner[]>();
  /** Papers by id, lower-cased: a citation key imported again is the paper it named. */
  private readonly byId = new Map<string, Owner & { year: number; title: string }>();
  /** The papers as written in the file, for `update` to see which fields are missing. */
  private readonly rawPapers: Record<string, unknown>[];
  private readonly topicKeys: Set<string>;
  /** What became of each entry read: the paper it is, new or already there. */
  private readonly outcomes = new Map<ImportedPaper, Owner>();
  /** The database's papers by the work they are a version of (`workKey`), published or preprints. */
  private readonly publishedWorks = new Map<string, KnownVersion[]>();
  private readonly preprintWorks = new Map<string, KnownVersion[]>();
  /** The database's papers that are published versions, by index. */
  private readonly publishedIndexes = new Set<number>();
  /**
   * Per file, the papers its entries were found to be (a database paper's index, or the
   * paper added): a later entry of the file that is one of them adds nothing to it.
   */
  private readonly papersOfFile = new Map<FileReport, Set<number | Pending>>();
  /** The later entries of each paper this import adds, imported in its place if it is withdrawn. */
  private readonly laterEntries = new Map<Pending, LaterEntry[]>();
  /** Each preprint merged, with the paper it became part of, for `withdraw` to undo. */
  private readonly merged: {
    merged: MergedPreprint;
    owner: Owner;
    report: FileReport;
    reported: PreprintMerged;
  }[] = [];

  constructor(
    database: Database,
    private readonly source: SourceDocument,
    private readonly update: boolean,
    private readonly keepPreprints: boolean,
  ) {
    const data = source.data as { papers?: Record<string, unknown>[] };
    this.rawPapers = data.papers ?? [];
    this.topicKeys = new Set(database.topics.map((topic) => topic.key));
    database.papers.forEach((paper, index) => {
      this.takenIds.add(paper.id.toLowerCase());
      const firstAuthor = paper.authors[0];
      const owner = this.index(
        { kind: 'existing', index, id: paper.id },
        paper.doi,
        paper.arxiv ?? arxivOfDoi(paper.doi),
        paper.title,
        paper.date.year,
        firstAuthor ? (firstAuthor.family ?? firstAuthor.literal) : undefined,
      );
      if (isPublished(paper)) this.publishedIndexes.add(index);
      const work = keepPreprints ? undefined : workKey(paper.title, paper.authors);
      const works = isPreprint(paper)
        ? this.preprintWorks
        : isPublished(paper)
          ? this.publishedWorks
          : undefined;
      if (work === undefined || works === undefined) return;
      const arxiv = paper.arxiv ?? arxivOfDoi(paper.doi);
      const known: KnownVersion = {
        owner,
        paper: { type: paper.type, ...(arxiv === undefined ? {} : { arxiv }) },
        where: this.whereInDatabase(index),
      };
      works.set(work, [...(works.get(work) ?? []), known]);
    });
  }

  /** Whether an earlier entry of the file was found to be this paper; it is from now on. */
  private seenInFile(report: FileReport, owner: OwnerRef): boolean {
    const papers = this.papersOfFile.get(report) ?? new Set<number | Pending>();
    this.papersOfFile.set(report, papers);
    const paper = owner.kind === 'existing' ? owner.index : owner.pending;
    const seen = papers.has(paper);
    papers.add(paper);
    return seen;
  }

  /** A note on a paper this import adds, in its file's report. */
  private note(entry: Pending, note: string): void {
    const { imported, report } = entry;
    const written: PaperNote = {
      ...(imported.key ? { key: imported.key } : {}),
      position: imported.position,
      note,
    };
    report.notes.push(written);
    entry.notes.push(written);
  }

  /** `papers.yaml:12:5`: where a paper of the database is. */
  private whereInDatabase(index: number): string {
    const { line, col } = this.source.locate(['papers', index]);
    return `${this.source.file}:${line}:${col}`;
  }

  /**
   * Keywords that are all topic keys of the database are its topics (publist's export
   * writes topics as keywords); others stay under `extra`.
   */
  private keywordsAsTopics(imported: ImportedPaper): ImportedPaper {
    const keywords = imported.paper.extra?.keywords;
    if (keywords === undefined || this.topicKeys.size === 0) return imported;
    const words = [
      ...new Set(
        keywords
          .split(/[,;]/)
          .map((word) => word.trim())
          .filter(Boolean),
      ),
    ];
    if (words.length === 0 || !words.every((word) => this.topicKeys.has(word))) return imported;
    const { keywords: _keywords, ...extra } = imported.paper.extra ?? {};
    const paper: PaperFields = { ...imported.paper, topics: words };
    if (Object.keys(extra).length) paper.extra = extra;
    else delete paper.extra;
    const source = imported.kept.filter((field) => KEYWORD_FIELDS.includes(field));
    return {
      ...imported,
      paper: orderedFields(paper),
      kept: imported.kept.filter((field) => !source.includes(field)),
      mapped: [...imported.mapped, ...source],
    };
  }

  add(file: string, result: ReadResult): FileReport {
    const report: FileReport = {
      file,
      format: result.format,
      entries: result.entries,
      added: [],
      duplicates: [],
      preprints: [],
      skipped: [...result.skipped],
      warnings: result.warnings,
      ignored: result.ignored,
      notes: [],
      mapped: new Map(),
      kept: new Map(),
      skippedFields: new Map(),
      tidied: new Map(),
    };
    for (const imported of result.papers) {
      this.outcomes.set(imported, this.addPaper(this.keywordsAsTopics(imported), report));
    }
    return report;
  }

  /** A preprint merged into its published version, reported in its file's report. */
  preprint(merged: MergedPreprint, report: FileReport): void {
    const owner = this.outcomes.get(merged.published);
    if (!owner) throw new Error('import: a published version was not added');
    this.mergePreprint(merged, owner, report);
  }

  private mergePreprint(merged: MergedPreprint, owner: Owner, report: FileReport): void {
    // The published version was a duplicate of another entry of this import, without the id.
    if (merged.arxiv && owner.kind === 'new' && owner.pending.paper.arxiv === undefined) {
      owner.pending.paper = orderedFields({ ...owner.pending.paper, arxiv: merged.arxiv });
    }
    if (merged.link && owner.kind === 'new') {
      owner.pending.paper = withPreprintLink(owner.pending.paper, merged.link);
    }
    const paper =
      owner.kind === 'existing' ? (this.rawPapers[owner.index] ?? {}) : owner.pending.paper;
    const reported: PreprintMerged = {
      ...(merged.key === undefined ? {} : { key: merged.key }),
      position: merged.position,
      ...(merged.arxiv === undefined ? {} : { arxiv: merged.arxiv }),
      ...(merged.link === undefined || owner.kind === 'existing' ? {} : { link: merged.link }),
      id: owner.id,
      inDatabase: owner.kind === 'existing',
      ...(owner.kind === 'existing' ? { where: this.whereInDatabase(owner.index) } : {}),
      hasArxiv:
        merged.arxiv === undefined ||
        (typeof paper.arxiv === 'string' && arxivKey(paper.arxiv) === arxivKey(merged.arxiv)),
    };
    report.preprints.push(reported);
    this.merged.push({ merged, owner, report, reported });
  }

  /**
   * The preprints merged into papers that would not validate are merged into the published
   * version imported in their place, else imported on their own (and withdrawn in turn if
   * they do not validate either): merged, they would be lost.
   */
  private unmergePreprints(
    withdrawn: ReadonlySet<Pending>,
    replaced: ReadonlyMap<Pending, Owner>,
  ): void {
    const undone = this.merged.filter(
      ({ owner }) => owner.kind === 'new' && withdrawn.has(owner.pending),
    );
    for (const record of undone) {
      this.merged.splice(this.merged.indexOf(record), 1);
      const { merged, owner, report } = record;
      report.preprints = report.preprints.filter((reported) => reported !== record.reported);
      const replacement = owner.kind === 'new' ? replaced.get(owner.pending) : undefined;
      if (replacement?.kind === 'new' && isPublished(replacement.pending.paper)) {
        this.mergePreprint(merged, replacement, report);
        continue;
      }
      const published =
        owner.kind === 'new'
          ? `\`${owner.id}\` (${owner.pending.report.file}:${owner.pending.imported.position.line}:${owner.pending.imported.position.col})`
          : `\`${owner.id}\``;
      const outcome = this.addPaper(this.keywordsAsTopics(merged.preprint), report);
      report.notes.push({
        ...(merged.key === undefined ? {} : { key: merged.key }),
        position: merged.position,
        note: `its published version ${published} would not validate; ${outcome.kind === 'new' && outcome.pending.imported === merged.preprint ? 'the preprint is imported on its own' : 'not merged into it'}`,
      });
    }
  }

  /** Forgets withdrawn papers, so that no entry imported after is their duplicate. */
  private unindex(withdrawn: ReadonlySet<Pending>): void {
    const gone = (owner: Owner) => owner.kind === 'new' && withdrawn.has(owner.pending);
    for (const map of [this.byDoi, this.byArxiv, this.byId] as Map<string, Owner>[]) {
      for (const [key, owner] of map) if (gone(owner)) map.delete(key);
    }
    for (const [key, owners] of this.byTitle) {
      const kept = owners.filter((owner) => !gone(owner));
      if (kept.length) this.byTitle.set(key, kept);
      else this.byTitle.delete(key);
    }
  }

  private addPaper(imported: ImportedPaper, report: FileReport): Owner {
    const { paper } = imported;
    const year = yearOf(paper.date);
    const family = familyOf(paper);
    // A preprint with only its arXiv DOI is the paper that has its arXiv id.
    const arxiv = paper.arxiv ?? arxivOfDoi(paper.doi);
    const work = this.keepPreprints ? undefined : importedWorkKey(imported);
    const found = this.publishedVersionFound(
      this.find(paper.doi, arxiv, paper.title, year, family) ??
        this.findByKey(imported, report.format === 'bibtex', paper.doi, paper.title, year, family),
      paper,
      work,
      arxiv,
    );
    if (found) {
      const duplicate: DuplicatePaper = {
        ...(imported.key ? { key: imported.key } : {}),
        position: imported.position,
        existing: found.owner.id,
        inDatabase: found.owner.kind === 'existing',
        reason: found.reason,
        added: [],
      };
      // A preprint of a published paper (known by its arXiv id) gives it that id, no more.
      const preprintOf =
        isPreprint(paper) &&
        found.owner.kind === 'existing' &&
        this.publishedIndexes.has(found.owner.index);
      const fields = preprintOf ? onlyArxiv(imported, arxiv) : imported;
      // A file's second entry of a paper is another version of it (DBLP's ECCC report of an
      // arXiv preprint, a seminar's version of a conference paper), whose venue and volume
      // are not the paper's: the first entry's paper is the file's, with or without
      // `update`, and importing the file again with `update` changes nothing.
      if (this.update && !this.seenInFile(report, found.owner)) {
        this.merge(found.owner, fields, duplicate, report);
      }
      report.duplicates.push(duplicate);
      if (found.owner.kind === 'new') {
        const later = this.laterEntries.get(found.owner.pending) ?? [];
        later.push({ imported, report, duplicate });
        this.laterEntries.set(found.owner.pending, later);
      }
      return found.owner;
    }
    const published =
      work !== undefined && isPreprint(paper)
        ? publishedVersions(this.publishedWorks.get(work) ?? [], arxiv)[0]
        : undefined;
    if (published) return this.mergeIntoDatabase(imported, arxiv, published, report);
    const id = this.newId(imported, report.format === 'bibtex');
    const entry: Pending = { id, paper: { ...paper }, imported, report, notes: [] };
    this.pending.push(entry);
    this.seenInFile(report, { kind: 'new', pending: entry, id });
    report.added.push({
      id,
      ...(imported.key ? { key: imported.key } : {}),
      position: imported.position,
    });
    countFields(report, imported, 1);
    for (const note of imported.notes) this.note(entry, note);
    const preprint =
      work !== undefined && isPublished(paper)
        ? (this.preprintWorks.get(work) ?? []).find((known) =>
            arxivAgrees(known.paper.arxiv, arxiv),
          )
        : undefined;
    if (preprint) {
      const move =
        preprint.paper.arxiv && paper.arxiv === undefined
          ? `, after giving this paper its arXiv id ${preprint.paper.arxiv}`
          : '';
      this.note(
        entry,
        `the published version of \`${preprint.owner.id}\` (${preprint.where}), a preprint in the database (same title and authors): both are there now; remove the preprint if you want one paper${move} (the import does not change papers already there)`,
      );
    }
    return this.index(
      { kind: 'new', pending: entry, id },
      paper.doi,
      arxiv,
      paper.title,
      year,
      family,
    );
  }

  /**
   * What a published version is a duplicate of. A preprint in the database that it is found
   * as, by the arXiv id a preprint imported with it gave it, is not it: it is the published
   * version of the database's own, if there is one, else a paper of its own, as it is
   * without that id.
   */
  private publishedVersionFound(
    found: { owner: Owner; reason: string } | undefined,
    paper: PaperFields,
    work: string | undefined,
    arxiv: string | undefined,
  ): { owner: Owner; reason: string } | undefined {
    if (!found || work === undefined || !isPublished(paper)) return found;
    if (!(this.preprintWorks.get(work) ?? []).some((known) => known.owner === found.owner)) {
      return found;
    }
    const [published] = publishedVersions(this.publishedWorks.get(work) ?? [], arxiv);
    return published && { owner: published.owner, reason: 'same title and authors' };
  }

  /**
   * A preprint whose published version is in the database is that paper, as a preprint of
   * one imported with it is; `update` gives the paper its arXiv id.
   */
  private mergeIntoDatabase(
    imported: ImportedPaper,
    arxiv: string | undefined,
    published: KnownVersion,
    report: FileReport,
  ): Owner {
    const { owner } = published;
    let updated = false;
    if (this.update && arxiv !== undefined && published.paper.arxiv === undefined) {
      const duplicate: DuplicatePaper = {
        ...(imported.key ? { key: imported.key } : {}),
        position: imported.position,
        existing: owner.id,
        inDatabase: true,
        reason: 'its published version',
        added: [],
      };
      this.merge(owner, onlyArxiv(imported, arxiv), duplicate, report);
      updated = duplicate.added.length > 0;
      if (updated) published.paper.arxiv = arxiv;
    }
    report.preprints.push({
      ...(imported.key === undefined ? {} : { key: imported.key }),
      position: imported.position,
      ...(arxiv === undefined ? {} : { arxiv }),
      id: owner.id,
      inDatabase: true,
      where: published.where,
      hasArxiv: arxiv === undefined || published.paper.arxiv !== undefined,
      ...(updated ? { updated } : {}),
    });
    return owner;
  }

  /** `update`: the fields the paper lacks are added; differing values stay as they are. */
  private merge(
    owner: Owner,
    imported: ImportedPaper,
    duplicate: DuplicatePaper,
    report: FileReport,
  ): void {
    const current: Record<string, unknown> =
      owner.kind === 'existing' ? (this.rawPapers[owner.index] ?? {}) : owner.pending.paper;
    const fields: Record<string, unknown> = {};
    const extra: Record<string, string> = {};
    const currentExtra = (current.extra ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(imported.paper)) {
      if (key === 'extra') {
        for (const [name, text] of Object.entries(value as Record<string, string>)) {
          if (!(name in currentExtra)) extra[name] = text;
        }
      } else if (current[key] === undefined) {
        fields[key] = value;
      }
    }
    duplicate.added = [
      ...Object.keys(fields),
      ...Object.keys(extra).map((name) => `extra.${name}`),
    ];
    if (duplicate.added.length === 0) return;
    if (owner.kind === 'new') {
      Object.assign(owner.pending.paper, fields);
      if (Object.keys(extra).length) owner.pending.paper.extra = { ...currentExtra, ...extra };
      return;
    }
    const list = this.updates.get(owner.index) ?? [];
    list.push({
      index: owner.index,
      fields: fields as Partial<PaperInput>,
      extra,
      duplicate,
      report,
    });
    this.updates.set(owner.index, list);
    // A second duplicate of the same paper must not add the same field twice.
    Object.assign(current, fields);
    if (Object.keys(extra).length) current.extra = { ...currentExtra, ...extra };
  }

  private find(
    doi: string | undefined,
    arxiv: string | undefined,
    title: string,
    year: number,
    family: string | undefined,
  ): { owner: Owner; reason: string } | undefined {
    const byDoi = doi ? this.byDoi.get(doi.toLowerCase()) : undefined;
    if (byDoi) return { owner: byDoi, reason: `same DOI ${doi}` };
    const byArxiv = arxiv ? this.byArxiv.get(arxivKey(arxiv)) : undefined;
    if (byArxiv) return { owner: byArxiv, reason: `same arXiv id ${arxiv}` };
    for (const owner of this.byTitle.get(titleKey(title, year)) ?? []) {
      // The same title and year, unless DOIs or first authors say otherwise.
      if (doi && owner.doi && owner.doi !== doi.toLowerCase()) continue;
      if (family && owner.family && owner.family !== normalise(family)) continue;
      return { owner, reason: `same title and year, ${year}` };
    }
    return undefined;
  }

  /**
   * The paper whose id the entry's own key gives, of the same year and first author and
   * nearly the same title: the entry imported before and edited since in the database (a
   * typo in its title fixed). Another paper that happens to have the key is no such paper.
   */
  private findByKey(
    imported: ImportedPaper,
    keysAreCiteKeys: boolean,
    doi: string | undefined,
    title: string,
    year: number,
    family: string | undefined,
  ): { owner: Owner; reason: string } | undefined {
    const id = imported.key ? keyId(imported.key, keysAreCiteKeys) : undefined;
    const owner = id === undefined ? undefined : this.byId.get(id.toLowerCase());
    if (!owner || owner.year !== year) return undefined;
    if (doi && owner.doi && owner.doi !== doi.toLowerCase()) return undefined;
    if ((family ? normalise(family) : undefined) !== owner.family) return undefined;
    const words = normalise(title);
    if (distance(words, owner.title) > Math.max(words.length, owner.title.length) / 4) {
      return undefined;
    }
    return { owner, reason: `same key and year, ${year}, and the same first author` };
  }

  private index(
    base: OwnerRef,
    doi: string | undefined,
    arxiv: string | undefined,
    title: string,
    year: number,
    family: string | undefined,
  ): Owner {
    const owner: Owner = { ...base };
    if (doi) owner.doi = doi.toLowerCase();
    if (family) owner.family = normalise(family);
    if (doi && !this.byDoi.has(doi.toLowerCase())) this.byDoi.set(doi.toLowerCase(), owner);
    if (arxiv && !this.byArxiv.has(arxivKey(arxiv))) this.byArxiv.set(arxivKey(arxiv), owner);
    const key = titleKey(title, year);
    const owners = this.byTitle.get(key);
    if (owners) owners.push(owner);
    else this.byTitle.set(key, [owner]);
    if (!this.byId.has(base.id.toLowerCase()))
      this.byId.set(base.id.toLowerCase(), { ...owner, year, title: normalise(title) });
    return owner;
  }

  private newId(imported: ImportedPaper, keysAreCiteKeys: boolean): string {
    const base = baseId(imported, keysAreCiteKeys);
    let id = base;
    for (let n = 2; this.takenIds.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    this.takenIds.add(id.toLowerCase());
    return id;
  }

  edits(locate: Locate): TextEdit[] {
    const text = this.source.text;
    const edits: TextEdit[] = [];
    for (const [index, updates] of [...this.updates].sort(([a], [b]) => a - b)) {
      const fields = Object.assign(
        {},
        ...updates.map((update) => update.fields),
      ) as Partial<PaperInput>;
      const extra = Object.assign({}, ...updates.map((update) => update.extra)) as Record<
        string,
        string
      >;
      edits.push(...addToPaper(text, this.source.document, index, fields, extra));
    }
    const papers = this.pending.map(({ id, paper }) => ({ id, ...paper }));
    if (papers.length) {
      const end =
        (locate === 'lines' ? findPaperListByLines(text) : undefined) ??
        findPaperListInDocument(text, this.source.document);
      edits.push(...appendPapers(text, end, papers));
    }
    // A file with Windows line ends gets them in what is added too.
    if (text.includes('\r\n')) {
      for (const edit of edits) edit.insert = edit.insert.replace(/\r?\n/g, '\r\n');
    }
    return edits;
  }

  /** The validated result holds the papers it held before, then the new ones, in order. */
  readsBack(database: Database): boolean {
    const before = this.rawPapers.length;
    if (database.papers.length !== before + this.pending.length) return false;
    return this.pending.every((entry, index) => database.papers[before + index]?.id === entry.id);
  }

  /** Takes out the papers and updates the problems point at; false when none could be found. */
  withdraw(problems: readonly Problem[], text: string): boolean {
    const document = parseSource(this.source.file, text).document;
    const seq = document.get('papers', true) as { items?: { range?: number[] }[] } | undefined;
    const items = seq?.items ?? [];
    const lineOf = lineIndex(text);
    const culprits = new Map<number, string>();
    for (const problem of problems) {
      const index = items.findIndex((item) => {
        const range = item.range;
        if (!range) return false;
        return (
          lineOf(range[0] as number) <= problem.line &&
          problem.line <= lineOf(Math.max(range[0] as number, (range[1] as number) - 1))
        );
      });
      if (index !== -1 && !culprits.has(index)) culprits.set(index, problem.message);
    }
    if (culprits.size === 0) return false;
    const existing = this.rawPapers.length;
    const withdrawn = new Set<Pending>();
    let unmerged = false;
    for (const [index, message] of culprits) {
      if (index >= existing) {
        const entry = this.pending[index - existing];
        if (!entry) continue;
        withdrawn.add(entry);
        const { report, imported } = entry;
        report.added = report.added.filter((added) => added.id !== entry.id);
        // The summary tells what was imported: the entry's fields and notes go with it.
        countFields(report, imported, -1);
        report.notes = report.notes.filter((note) => !entry.notes.includes(note));
        report.skipped.push({
          ...(imported.key ? { key: imported.key } : {}),
          position: imported.position,
          reason: `it would not validate: ${message.replace(/^papers\[\d+\]( \([^)]*\))?\.?/, '')}`,
        });
      } else {
        const updates = this.updates.get(index);
        if (!updates) continue;
        unmerged = true;
        for (const update of updates) {
          update.duplicate.added = [];
          update.report.notes.push({
            position: update.duplicate.position,
            note: `the fields for \`${update.duplicate.existing}\` would not validate (${message}); not merged`,
          });
        }
        this.updates.delete(index);
      }
    }
    if (withdrawn.size === 0) return unmerged;
    const kept = this.pending.filter((entry) => !withdrawn.has(entry));
    this.pending.length = 0;
    this.pending.push(...kept);
    this.unindex(withdrawn);
    this.unmergePreprints(withdrawn, this.importLaterEntries(withdrawn));
    return true;
  }

  /**
   * The later entries found to be withdrawn papers are imported after all, so that the
   * paper is not lost with the entry that would not validate: the first in its place (the
   * others are the same paper as that one), with a note saying so. Returns, per withdrawn
   * paper, the paper in its place.
   */
  private importLaterEntries(withdrawn: ReadonlySet<Pending>): Map<Pending, Owner> {
    const replaced = new Map<Pending, Owner>();
    for (const gone of withdrawn) {
      for (const { imported, report, duplicate } of this.laterEntries.get(gone) ?? []) {
        report.duplicates = report.duplicates.filter((other) => other !== duplicate);
        const owner = this.addPaper(imported, report);
        if (owner.kind !== 'new' || owner.pending.imported !== imported) continue;
        const { line, col } = gone.imported.position;
        this.note(
          owner.pending,
          `imported in place of \`${gone.id}\` (${gone.report.file}:${line}:${col}), the same paper, which would not validate`,
        );
        if (!replaced.has(gone)) replaced.set(gone, owner);
      }
      this.laterEntries.delete(gone);
    }
    return replaced;
  }
}

/** The paper a duplicate is a duplicate of: already in the file, or added by this import. */
type OwnerRef =
  { kind: 'existing'; index: number; id: string } | { kind: 'new'; pending: Pending; id: string };
type Owner = OwnerRef & { doi?: string; family?: string };

/** A paper of the database as a version of a work: published, or a preprint. */
interface KnownVersion {
  owner: Owner;
  paper: Pick<PaperFields, 'type' | 'arxiv'>;
  /** `papers.yaml:12:5`. */
  where: string;
}

/** A preprint as `update` merges it into its published version: only its arXiv id, the others are not the published version's. */
function onlyArxiv(imported: ImportedPaper, arxiv: string | undefined): ImportedPaper {
  const { type, title, date } = imported.paper;
  return { ...imported, paper: { type, title, date, ...(arxiv === undefined ? {} : { arxiv }) } };
}

/** Adds an entry's fields to its report's tallies (`by` 1), or takes them out (-1). */
function countFields(report: FileReport, imported: ImportedPaper, by: 1 | -1): void {
  count(report.mapped, imported.mapped, by);
  count(report.kept, imported.kept, by);
  count(report.tidied, imported.tidied ?? [], by);
  count(
    report.skippedFields,
    imported.skipped.map(({ field, reason }) => `${field} (${reason})`),
    by,
  );
}

function count<T>(counts: Map<T, number>, names: readonly T[], by: 1 | -1): void {
  for (const name of names) {
    const total = (counts.get(name) ?? 0) + by;
    if (total > 0) counts.set(name, total);
    else counts.delete(name);
  }
}

function yearOf(date: string | number): number {
  return typeof date === 'number' ? date : Number(date.slice(0, 4));
}

function familyOf(paper: PaperFields): string | undefined {
  const first = paper.authors?.[0];
  if (first === undefined) return undefined;
  const person = readName(first);
  return typeof person === 'string' ? undefined : (person.family ?? person.literal);
}

function titleKey(title: string, year: number): string {
  return `${year}:${normalise(title)}`;
}

function arxivKey(arxiv: string): string {
  return arxiv.toLowerCase().replace(/v\d+$/, '');
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'with',
  'from',
  'by',
  'at',
  'is',
]);

/**
 * The id a new paper asks for: its key when that is a valid id; a BibTeX key made valid
 * (`DBLP:conf/stoc/X` -> `DBLP:conf-stoc-X`), since documents cite by it; else one made
 * like `einstein1905electrodynamics` (CSL and RIS ids are record numbers and URLs).
 */
function baseId(imported: ImportedPaper, keysAreCiteKeys: boolean): string {
  const fromKey = imported.key ? keyId(imported.key, keysAreCiteKeys) : undefined;
  if (fromKey !== undefined) return fromKey;
  const year = Math.abs(yearOf(imported.paper.date));
  const word =
    ascii(imported.paper.title.replace(/\$[^$]*\$/g, ' '))
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .find((candidate) => candidate && !STOP_WORDS.has(candidate)) ?? '';
  return `${idName(imported.paper) || 'paper'}${year}${word}`;
}

/** The id an entry's own key gives, when it gives one: as it is, or a citation key made valid. */
function keyId(key: string, keysAreCiteKeys: boolean): string | undefined {
  const trimmed = key.trim();
  if (trimmed && ID_PATTERN.test(trimmed) && trimmed.length <= 64) return trimmed;
  if (!trimmed || !keysAreCiteKeys) return undefined;
  const cleaned = ascii(trimmed)
    .replace(/[^A-Za-z0-9_:.+-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[-_:.+]+$/, '');
  return /[A-Za-z]/.test(cleaned) && cleaned.length <= 64 ? cleaned : undefined;
}

/** The first author's family name in ASCII letters; an institution's first word. */
function idName(paper: PaperFields): string {
  const first = paper.authors?.[0];
  const person = first === undefined ? undefined : readName(first);
  if (person === undefined || typeof person === 'string') return '';
  const name =
    person.family ??
    person.literal?.split(/\s+/).find((word) => !STOP_WORDS.has(word.toLowerCase())) ??
    '';
  return normalise(name).replace(/[^a-z]/g, '');
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
