/**
 * BibTeX and BibLaTeX entries -> papers: entry types mapped to ours, `crossref` resolved as
 * biber does (a proceedings' title becomes the paper's booktitle; ids, links and DBLP's
 * bookkeeping stay with the parent), names, dates, identifiers and al-folio's custom fields
 * mapped, LaTeX converted to Unicode, and every other field kept as written under `extra`.
 */
import bibtexTables from '@citation-js/plugin-bibtex/lib/input/constants.js';
import { fromIsoYear } from '../model/iso-year.js';
import { languageTag } from '../model/language.js';
import { InputError } from '../model/problems.js';
import { genreOfTypeField, typeFieldIsGenre } from '../model/genre.js';
import { LINK_FIELDS, PAPER_TYPES, type Genre, type PaperType } from '../model/vocabulary.js';
import { parseBibtexFile, type BibEntry, type BibField } from './bibtex-file.js';
import { parseBibtexNames, type NameList } from './bibtex-names.js';
import { latexToUnicode, latexVerbatim } from './latex.js';
import {
  arxivInText,
  isOwnDoiLink,
  linkedDoi,
  numberOrText,
  OWN_DOI_LINK,
  withoutFinalFullStop,
  orderedFields,
  parseMonth,
  parseYear,
  isAddressText,
  linkedIdentifier,
  placeAddress,
  repeatsIdentifier,
  toArxiv,
  toAuthor,
  toDate,
  toDoi,
  toPages,
  toUrl,
  type AuthorMarks,
  type ImportedPaper,
  type PaperFields,
  type ReadResult,
  type SkippedEntry,
} from './record.js';

const TYPES: Record<string, PaperType> = {
  article: 'journal',
  inproceedings: 'conference',
  conference: 'conference',
  proceedings: 'book',
  mvproceedings: 'book',
  book: 'book',
  mvbook: 'book',
  booklet: 'book',
  collection: 'book',
  mvcollection: 'book',
  reference: 'book',
  mvreference: 'book',
  periodical: 'book',
  inbook: 'chapter',
  incollection: 'chapter',
  bookinbook: 'chapter',
  suppbook: 'chapter',
  suppcollection: 'chapter',
  inreference: 'chapter',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  techreport: 'report',
  report: 'report',
  software: 'software',
  dataset: 'dataset',
  patent: 'patent',
};

/**
 * The entry types publist's BibTeX and BibLaTeX export writes for each of our types (with
 * `entrysubtype` naming ours where the entry type does not); an imported entry of another
 * type keeps it as `extra.entrytype`, so that `@unpublished` is not forgotten.
 */
const EXPORTED_TYPES: Record<PaperType, readonly string[]> = {
  journal: ['article'],
  conference: ['inproceedings'],
  workshop: ['inproceedings'],
  'shared-task': ['inproceedings'],
  preprint: ['article', 'misc'],
  thesis: ['phdthesis', 'mastersthesis', 'thesis'],
  book: ['book'],
  chapter: ['incollection'],
  report: ['techreport', 'report'],
  talk: ['misc'],
  poster: ['misc'],
  software: ['software', 'misc'],
  dataset: ['dataset', 'misc'],
  patent: ['patent', 'misc'],
  other: ['misc'],
};

/** The kind of thesis or report an entry type says, when the `type` field does not. */
const ENTRY_GENRES: Record<string, Genre> = {
  phdthesis: 'phd-thesis',
  mastersthesis: 'masters-thesis',
  techreport: 'technical-report',
};

/** Containers whose fields a `crossref` child takes: their title is the child's booktitle. */
const CONTAINERS = new Set([
  'proceedings',
  'mvproceedings',
  'book',
  'mvbook',
  'collection',
  'mvcollection',
  'reference',
  'mvreference',
  'periodical',
]);

/** Fields a crossref child never takes from its parent: identity, links and bookkeeping. */
const NOT_INHERITED = new Set([
  'ids',
  'crossref',
  'xref',
  'entryset',
  'entrysubtype',
  'execute',
  'label',
  'options',
  'presort',
  'related',
  'relatedoptions',
  'relatedstring',
  'relatedtype',
  'shorthand',
  'shorthandintro',
  'sortkey',
  'key',
  'title',
  'subtitle',
  'titleaddon',
  'shorttitle',
  'doi',
  'url',
  'eprint',
  'eprinttype',
  'archiveprefix',
  'primaryclass',
  'eprintclass',
  'timestamp',
  'biburl',
  'bibsource',
  'abstract',
  'pages',
  'note',
]);

/** The fields that become a title, venue or abstract: the model keeps `$...$` math only there. */
const MATH_FIELDS = new Set([
  'title',
  'subtitle',
  'journal',
  'journaltitle',
  'booktitle',
  'booksubtitle',
  'series',
  'howpublished',
  'eventtitle',
  'abstract',
]);

const PUBSTATES: Record<string, string> = {
  forthcoming: 'forthcoming',
  inpress: 'in press',
  submitted: 'submitted',
  prepublished: 'prepublished',
  inpreparation: 'in preparation',
};

const isVerbatim = (field: string) => {
  const kind = bibtexTables.fieldTypes[field]?.[1];
  return kind === 'verbatim' || kind === 'uri';
};

/** Reads a BibTeX file; syntax errors, all of them located, stop it with an InputError. */
export function readBibtex(text: string, file: string): ReadResult {
  const parsed = parseBibtexFile(text);
  if (parsed.errors.length) {
    throw new InputError(
      parsed.errors.map(({ position, message, hint }) => ({
        file,
        ...position,
        message,
        ...(hint ? { hint } : {}),
      })),
    );
  }
  const result: ReadResult = {
    format: 'bibtex',
    entries: parsed.entries.length,
    papers: [],
    skipped: [],
    warnings: [...parsed.warnings],
    ignored: parsed.preambles.map(({ position, text: preamble }) => ({
      position,
      message: `@preamble{${preamble.length > 40 ? preamble.slice(0, 40) + '…' : preamble}} has no place in the database; not imported`,
    })),
  };
  const byKey = new Map<string, BibEntry>();
  const crossrefUsers = new Map<BibEntry, number>();
  const kept: BibEntry[] = [];
  for (const entry of parsed.entries) {
    const first = byKey.get(entry.key.toLowerCase());
    if (first) {
      result.skipped.push({
        key: entry.key,
        position: entry.position,
        reason: `duplicate key \`${entry.key}\`, first used at line ${first.position.line}; BibTeX keeps the first`,
      });
      continue;
    }
    byKey.set(entry.key.toLowerCase(), entry);
    kept.push(entry);
  }
  const resolved = new Map<BibEntry, Map<string, BibField>>();
  for (const entry of kept) {
    const crossref = entry.fields.get('crossref');
    const parent = crossref ? byKey.get(crossref.value.trim().toLowerCase()) : undefined;
    if (crossref && !parent) {
      result.warnings.push({
        position: crossref.position,
        message: `${entry.key}: crossref \`${crossref.value}\` is not in the file; the field is kept as written`,
      });
    }
    if (parent) crossrefUsers.set(parent, (crossrefUsers.get(parent) ?? 0) + 1);
    resolved.set(entry, parent ? inherit(entry, parent) : entry.fields);
  }
  for (const entry of kept) {
    const fields = resolved.get(entry) as Map<string, BibField>;
    const users = crossrefUsers.get(entry);
    if (users && !fields.has('author')) {
      result.skipped.push({
        key: entry.key,
        position: entry.position,
        reason: `@${entry.type} used through crossref by ${users} ${users === 1 ? 'entry' : 'entries'}, which took its fields; not a paper of its own`,
      });
      continue;
    }
    const outcome = toPaper(entry, fields, byKey);
    if ('reason' in outcome) result.skipped.push(outcome);
    else result.papers.push(outcome);
  }
  return result;
}

/** The child's fields plus what it takes from its crossref parent, biber's way. */
function inherit(child: BibEntry, parent: BibEntry): Map<string, BibField> {
  const fields = new Map(child.fields);
  const container = CONTAINERS.has(parent.type);
  const take = (from: string, to: string) => {
    const field = parent.fields.get(from);
    if (field && !fields.has(to)) fields.set(to, { ...field, name: to });
  };
  if (container) {
    take('title', 'booktitle');
    take('subtitle', 'booksubtitle');
    if (['inbook', 'bookinbook', 'suppbook'].includes(child.type)) take('author', 'bookauthor');
  }
  for (const [name] of parent.fields) {
    if (!NOT_INHERITED.has(name)) take(name, name);
  }
  return fields;
}

/** Tracks which source fields a paper used, so that every other one is kept or reported. */
class FieldUse {
  readonly mapped = new Set<string>();
  readonly notes = new Set<string>();
  /** Fields read and left out, each with the reason. */
  readonly left = new Map<string, string>();

  constructor(readonly fields: Map<string, BibField>) {}

  raw(name: string): string | undefined {
    const value = this.fields.get(name)?.value.trim();
    return value ? value : undefined;
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  /** The field as Unicode text, marked as mapped; `$...$` stays math in the fields the model keeps math in. */
  text(name: string, paragraphs = false): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    this.mapped.add(name);
    if (isVerbatim(name)) return latexVerbatim(raw);
    const mode = MATH_FIELDS.has(name) ? 'math' : 'text';
    const converted = latexToUnicode(raw, { paragraphs, mode });
    converted.notes.forEach((note) => this.notes.add(`${name}: ${note}`));
    return converted.text || undefined;
  }

  /** Marks a field as mapped without reading it (read some other way). */
  use(name: string): void {
    if (this.fields.has(name)) this.mapped.add(name);
  }

  /** Marks a field as read, and left out for `reason`. */
  leaveOut(name: string, reason: string): void {
    this.use(name);
    this.left.set(name, reason);
  }

  names(name: string): NameList | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    this.mapped.add(name);
    const list = parseBibtexNames(raw);
    list.notes.forEach((note) => this.notes.add(`${name}: ${note}`));
    return list;
  }
}

function toPaper(
  entry: BibEntry,
  fields: Map<string, BibField>,
  byKey: Map<string, BibEntry>,
): ImportedPaper | SkippedEntry {
  const use = new FieldUse(fields);
  const skip = (reason: string): SkippedEntry => ({
    key: entry.key,
    position: entry.position,
    reason,
  });
  const skipped: { field: string; reason: string }[] = [];
  for (const [name, field] of fields) {
    if (!field.value.trim()) skipped.push({ field: name, reason: 'empty' });
  }

  let title = use.text('title');
  const subtitle = use.text('subtitle');
  if (title && subtitle) title = `${title}: ${subtitle}`;
  if (!title) return skip(`@${entry.type} has no title`);
  const stopless = withoutFinalFullStop(title);
  if (stopless) title = stopless;

  const authors = use.names('author');
  const authorMarks = readMarks(use, 'author');
  const people = (authors?.names ?? []).flatMap(
    (parts, index) => toAuthor(parts, authorMarks[index]) ?? [],
  );

  const date = readDate(use);
  if (typeof date === 'string') return skip(date);

  const paper: PaperFields = { type: 'other', title, date: date.date };
  if (people.length) paper.authors = people;
  if (authors?.others) paper.et_al = true;
  const editors = use.names('editor');
  const editorMarks = readMarks(use, 'editor');
  const editorPeople = (editors?.names ?? []).flatMap(
    (parts, index) => toAuthor(parts, editorMarks[index]) ?? [],
  );
  if (editorPeople.length) paper.editors = editorPeople;
  if (editors?.others) use.notes.add('editor: the database has no "et al." for editors; dropped');

  const crossref = fields.get('crossref');
  if (crossref && byKey.has(crossref.value.trim().toLowerCase())) use.use('crossref');

  readIdentifiers(use, paper);
  paper.type = paperType(entry.type, use, paper);
  const subtype = use.raw('entrysubtype')?.toLowerCase();
  if (subtype && (PAPER_TYPES as readonly string[]).includes(subtype)) {
    // publist's own export names the type its entry type cannot tell (workshop, talk, ...).
    paper.type = subtype as PaperType;
    use.use('entrysubtype');
  }
  const genre = readGenre(entry.type, paper.type, use);
  if (genre) paper.genre = genre;
  readVenue(entry.type, paper.type, use, paper);
  readNumbers(use, paper);
  readPublisher(paper.type, use, paper);
  const location = use.text('address') ?? use.text('location');
  if (location) paper.location = location;
  readLanguage(use, paper);
  const isbn = use.text('isbn');
  if (isbn) paper.isbn = isbn;
  readLinks(use, paper);
  const abstract = use.text('abstract', true);
  if (abstract) paper.abstract = abstract;
  readNote(use, paper);
  const award = use.text('award');
  if (award) paper.award = award;
  const org = use.text('org');
  if (org) paper.org = org;
  const selected = use.raw('selected')?.toLowerCase();
  if (selected && ['true', 'yes', '1', 'false', 'no', '0'].includes(selected)) {
    use.use('selected');
    paper.selected = ['true', 'yes', '1'].includes(selected);
  }
  const status = use.raw('pubstate') ?? use.raw('status');
  if (status) {
    use.use('pubstate');
    use.use('status');
    paper.status = PUBSTATES[status.toLowerCase()] ?? latexToUnicode(status, { mode: 'text' }).text;
  }

  const extra: Record<string, string> = {};
  const kept: string[] = [];
  if (!EXPORTED_TYPES[paper.type].includes(entry.type)) extra.entrytype = entry.type;
  for (const [name, field] of fields) {
    if (use.mapped.has(name) || !field.value.trim()) continue;
    // Kept as text, like every value of the model: the export escapes it again.
    extra[name] = keptText(name, field.value);
    kept.push(name);
  }
  if (date.kept) {
    for (const [name, value] of Object.entries(date.kept)) {
      extra[name] = keptText(name, value);
      kept.push(name);
    }
  }
  if (Object.keys(extra).length) paper.extra = extra;
  if (date.note) use.notes.add(date.note);

  return {
    key: entry.key,
    position: entry.position,
    paper: orderedFields(paper),
    mapped: [...use.mapped].filter((name) => !kept.includes(name) && !use.left.has(name)),
    kept,
    skipped: [...skipped, ...[...use.left].map(([field, reason]) => ({ field, reason }))],
    notes: [...use.notes],
    ...(stopless ? { tidied: ['title full stop' as const] } : {}),
  };
}

/**
 * A field kept under `extra`, as text: URLs and other verbatim fields unescaped, the rest
 * converted. A field of another name whose value is only a web address (`errata = {http://…/~user/…}`)
 * is one too: its `~` is part of the address, not a no-break space.
 */
function keptText(name: string, value: string): string {
  if (
    isVerbatim(name) ||
    /url|file|link/i.test(name) ||
    /^\s*(?:\\url\s*\{\s*)?https?:\/\/\S+\s*$/i.test(value)
  )
    return latexVerbatim(value);
  return latexToUnicode(value, { paragraphs: true, mode: 'text' }).text || value.trim();
}

/**
 * The note, unless it only repeats what the paper's fields hold (`arXiv:X`,
 * `\href{…/abs/Xv3}{arXiv:Xv3}` once X is the arXiv id). A note that is only the paper's
 * address or identifier — `\url{...}`, "[online] Available at: \url{...}", an `\href`
 * whose text is its address, `\href{https://arxiv.org/abs/X}{arXiv:X}` — gives the paper
 * the link it lacks, so that every output prints it as a link. Any other `\href` is a link
 * to something else (an erratum, the code, an extended version): it stays the note, as its
 * text and address ("Erratum: https://…").
 */
function readNote(use: FieldUse, paper: PaperFields): void {
  const raw = use.raw('note');
  if (raw === undefined) return;
  const link = addressNote(raw);
  const address = link && toUrl(link.address);
  if (!address) {
    const note = use.text('note');
    if (note && !repeatsIdentifier(note, paper)) paper.note = note;
    return;
  }
  use.use('note');
  const shown = link.text === undefined ? undefined : latexToUnicode(link.text, { mode: 'text' });
  const label = shown?.text.trim();
  const keep = (note: string) => {
    shown?.notes.forEach((problem) => use.notes.add(`note: ${problem}`));
    paper.note = note;
  };
  if (repeatsIdentifier(address, paper)) {
    // The address is the paper's own already; its text may still say something.
    if (label && !isAddressText(label, address) && !repeatsIdentifier(label, paper)) keep(label);
    return;
  }
  if (!label || isAddressText(label, address)) {
    if (!placeAddress(address, paper)) paper.note = address;
    return;
  }
  const identifier = linkedIdentifier(label, address);
  if (identifier) {
    // Another paper's id when the field holds one: the id says where it is.
    if ('arxiv' in identifier && !paper.arxiv) paper.arxiv = identifier.arxiv;
    else if ('doi' in identifier && !paper.doi) paper.doi = identifier.doi;
    else keep(label);
    return;
  }
  keep(`${label.replace(/[\s:]+$/, '')}: ${address}`);
}

/** Words that only say that a note's address is where the work is: "[online] Available at:". */
const ADDRESS_LEAD_IN =
  /^(?:\[?online\]?[.:]?\s*)?(?:(?:available|retrieved|accessible)(?:\s+online)?(?:\s+(?:at|from))?\s*:?\s*)?(?:url\s*:?\s*)?$/i;

/** A note that is only a link: its address, and the LaTeX text an `\href` shows for it. */
function addressNote(raw: string): { address: string; text?: string } | undefined {
  const note = raw.trim().replace(/\.$/, '');
  const href = /^\\href\s*\{([^{}]*)\}\s*\{(.*)\}$/s.exec(note);
  if (href && balanced(href[2] as string)) {
    return { address: latexVerbatim(href[1] as string), text: href[2] as string };
  }
  const url = /^(.*?)\\url\s*\{([^{}]*)\}$/s.exec(note) ?? /^(.*?)(https?:\/\/\S+)$/is.exec(note);
  if (url && ADDRESS_LEAD_IN.test((url[1] as string).trim())) {
    return { address: latexVerbatim(url[2] as string) };
  }
  return undefined;
}

/** Whether every brace in a piece of LaTeX closes, in order. */
function balanced(latex: string): boolean {
  let depth = 0;
  for (let i = 0; i < latex.length && depth >= 0; i++) {
    if (latex[i] === '\\') i += 1;
    else if (latex[i] === '{') depth += 1;
    else if (latex[i] === '}') depth -= 1;
  }
  return depth === 0;
}

/**
 * biber's data annotations on a name list, as publist's export writes them:
 * `author+an = {1=equal,corresponding; 3=equal}` and `author+an:orcid = {1="0000-..."}`.
 * An annotation with anything else in it stays under `extra`.
 */
function readMarks(use: FieldUse, role: 'author' | 'editor'): AuthorMarks[] {
  const marks: AuthorMarks[] = [];
  const items = (field: string) =>
    use
      .raw(field)
      ?.split(';')
      .map((item) => /^\s*(\d+)\s*=\s*(.*?)\s*$/.exec(item));
  const kinds = items(`${role}+an`);
  if (
    kinds?.every(
      (item) => item && /^(equal|corresponding)(,(equal|corresponding))*$/.test(item[2] ?? ''),
    )
  ) {
    use.use(`${role}+an`);
    for (const item of kinds) {
      const index = Number(item?.[1]) - 1;
      for (const kind of (item?.[2] ?? '').split(',')) {
        marks[index] = { ...marks[index], [kind]: true };
      }
    }
  }
  const orcids = items(`${role}+an:orcid`);
  if (orcids?.every((item) => item && /^"[^"]+"$/.test(item[2] ?? ''))) {
    use.use(`${role}+an:orcid`);
    for (const item of orcids) {
      const index = Number(item?.[1]) - 1;
      marks[index] = { ...marks[index], orcid: (item?.[2] ?? '').slice(1, -1) };
    }
  }
  return marks;
}

interface ReadDate {
  date: string | number;
  /** Source text the date could not hold exactly ("1910--1913; Second edition, ..."). */
  kept?: Record<string, string>;
  note?: string;
}

/** biblatex's `date`, or `year` + `month` + `day`; a problem message when there is no year. */
function readDate(use: FieldUse): ReadDate | string {
  const kept: Record<string, string> = {};
  const dateField = use.raw('date');
  if (dateField) {
    // An ISO 8601 date; its year counted astronomically (-0799 is 800 BC, 0000 is 1 BC).
    const match = /^(-\d{1,4}|\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(dateField);
    if (match) {
      use.use('date');
      const month = optionalNumber(match[2]);
      const result = toDate(fromIsoYear(match[1] as string), month, optionalNumber(match[3]));
      // The text is kept where the model holds less: a range, a month before the year 1000.
      const held =
        match[0] === dateField &&
        (month === undefined || typeof result.date === 'string' || result.dropped !== undefined);
      if (!held) kept.date = dateField;
      return withKept(
        result,
        kept,
        result.dropped ? `date: ${result.dropped} does not exist; dropped` : undefined,
      );
    }
  }
  const yearText = use.text('year');
  const year = yearText ? parseYear(yearText) : undefined;
  if (!year) {
    if (yearText) return `the year "${yearText}" has no year in it`;
    return 'no year or date';
  }
  if (!year.exact) kept.year = use.raw('year') as string;
  let month: number | undefined;
  let day: number | undefined;
  const monthText = use.text('month');
  if (monthText) {
    const parsed = parseMonth(monthText);
    if (parsed) {
      month = parsed.month;
      day = parsed.day;
      if (/[-–/]/.test(monthText)) kept.month = use.raw('month') as string;
    } else {
      kept.month = use.raw('month') as string;
    }
  }
  const dayText = use.text('day');
  if (dayText && /^\d{1,2}$/.test(dayText) && day === undefined) day = Number(dayText);
  else if (dayText) kept.day = use.raw('day') as string;
  const result = toDate(year.year, month, day);
  return withKept(
    result,
    kept,
    result.dropped ? `${result.dropped} does not exist; dropped` : undefined,
  );
}

function withKept(
  result: { date: string | number },
  kept: Record<string, string>,
  note: string | undefined,
): ReadDate {
  return {
    date: result.date,
    ...(Object.keys(kept).length ? { kept } : {}),
    ...(note ? { note } : {}),
  };
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

function readIdentifiers(use: FieldUse, paper: PaperFields): void {
  const doiText = use.raw('doi');
  if (doiText) {
    const doi = toDoi(latexVerbatim(doiText));
    if (doi) {
      paper.doi = doi;
      use.use('doi');
    } else {
      use.notes.add(`doi: "${doiText}" is not a DOI; kept under extra`);
    }
  }
  const eprintType = (use.raw('eprinttype') ?? use.raw('archiveprefix'))?.toLowerCase();
  const eprint = use.raw('eprint');
  let arxiv: string | undefined;
  if (eprint && (eprintType === undefined || eprintType === 'arxiv')) {
    arxiv = toArxiv(latexVerbatim(eprint));
    if (arxiv) {
      use.use('eprint');
      use.use('eprinttype');
      use.use('archiveprefix');
    }
  }
  const own = use.raw('arxiv');
  if (own && toArxiv(latexVerbatim(own))) {
    arxiv ??= toArxiv(latexVerbatim(own));
    use.use('arxiv');
  }
  for (const field of ['journal', 'journaltitle', 'howpublished', 'note', 'url']) {
    if (arxiv) break;
    const value = use.raw(field);
    if (value) arxiv = arxivInText(latexVerbatim(value));
  }
  if (arxiv) paper.arxiv = arxiv;
}

const PREPRINT_VENUE = /^(arxiv|corr|biorxiv|medrxiv|chemrxiv|psyarxiv|ssrn|preprints?)\b/i;

function paperType(entryType: string, use: FieldUse, paper: PaperFields): PaperType {
  const venue = use.raw('journal') ?? use.raw('journaltitle') ?? use.raw('booktitle') ?? '';
  const plain = latexToUnicode(venue).text;
  const preprintish = PREPRINT_VENUE.test(plain) || /arxiv preprint/i.test(plain);
  const mapped = TYPES[entryType];
  if (entryType === 'article')
    return preprintish || (!venue && paper.arxiv) ? 'preprint' : 'journal';
  if (mapped === 'conference' && /\bworkshops?\b/i.test(plain)) return 'workshop';
  if (mapped) return mapped;
  if (paper.arxiv || preprintish) return 'preprint';
  // `@misc{…, type = {Poster}}`, as al-folio and others write a poster or a talk.
  const kind = MISC_KINDS[use.raw('type')?.trim().toLowerCase() ?? ''];
  if (entryType === 'misc' && kind) return kind;
  return 'other';
}

/** The `type` of a `@misc` that names one of publist's types: it says no more than the type. */
const MISC_KINDS: Readonly<Record<string, PaperType>> = {
  poster: 'poster',
  talk: 'talk',
  presentation: 'talk',
};

function readVenue(entryType: string, type: PaperType, use: FieldUse, paper: PaperFields): void {
  const journal = use.text('journaltitle') ?? use.text('journal');
  const booktitle = use.text('booktitle');
  let venue: string | undefined;
  if (type === 'journal' || type === 'preprint') venue = journal ?? booktitle;
  else venue = booktitle ?? journal;
  if (journal && booktitle) {
    // The one not used stays in extra.
    if (venue === journal) use.mapped.delete('booktitle');
    else {
      use.mapped.delete('journal');
      use.mapped.delete('journaltitle');
    }
  }
  if (!venue && (type === 'book' || type === 'report' || type === 'thesis')) {
    venue = use.text('series');
  }
  if (!venue && type !== 'thesis') {
    const how = use.raw('howpublished');
    if (how && !/^\\url\b/.test(how) && !toUrl(latexVerbatim(how)))
      venue = use.text('howpublished');
  }
  if (!venue && ['inproceedings', 'conference'].includes(entryType)) venue = use.text('eventtitle');
  // "arXiv:2401.01234" at the end of a venue (publist's BibTeX export, Google Scholar's
  // "arXiv preprint arXiv:2401.01234") repeats the arXiv id, which has its own field.
  if (venue && paper.arxiv) venue = withoutArxivId(venue, paper.arxiv);
  // dblp's `journal = {CoRR}` is arXiv's old name: the arXiv id says it, and styles print
  // the id with "arXiv", not "In CoRR".
  if (venue && paper.arxiv && type === 'preprint' && /^corr$/i.test(venue.trim()))
    venue = undefined;
  if (venue) {
    const subtitle = venue === booktitle ? use.text('booksubtitle') : undefined;
    paper.venue = withoutTrailingComma(subtitle ? `${venue}: ${subtitle}` : venue, use);
  }
}

function readNumbers(use: FieldUse, paper: PaperFields): void {
  const volume = use.text('volume');
  // dblp's `volume = {abs/1911.12520}` for a CoRR paper repeats its arXiv id.
  if (volume && !(paper.arxiv && volume === `abs/${paper.arxiv}`))
    paper.volume = numberOrText(volume);
  const issue = use.text('number') ?? use.text('issue');
  if (issue) paper.issue = numberOrText(issue);
  const pages = use.text('pages');
  if (pages) paper.pages = toPages(pages);
}

/**
 * The kind of work: the `type` field (biblatex's `mathesis` and BibTeX's "Master's Thesis" are
 * both `masters-thesis`), else what the entry type says (`@phdthesis`). Only where `type` is a
 * kind (a thesis's, a report's, a `@misc`'s): any other stays in `extra`, unprinted.
 */
function readGenre(entryType: string, type: PaperType, use: FieldUse): string | undefined {
  if (!typeFieldIsGenre(type)) return undefined;
  const written = use.text('type');
  // A `type` that gave the paper its type ("Poster") is no genre besides.
  if (written && MISC_KINDS[written.trim().toLowerCase()] === type) return undefined;
  return written ? genreOfTypeField(written) : ENTRY_GENRES[entryType];
}

function readPublisher(type: PaperType, use: FieldUse, paper: PaperFields): void {
  const order =
    type === 'thesis'
      ? ['school', 'institution', 'publisher']
      : type === 'report'
        ? ['institution', 'publisher', 'school']
        : ['publisher', 'organization', 'institution', 'school'];
  for (const field of order) {
    if (use.has(field)) {
      const publisher = use.text(field);
      if (publisher) paper.publisher = withoutTrailingComma(publisher, use);
      return;
    }
  }
}

function withoutArxivId(venue: string, arxiv: string): string | undefined {
  const suffix = `arxiv:${arxiv.toLowerCase()}`;
  if (!venue.toLowerCase().endsWith(suffix)) return venue;
  return venue.slice(0, -suffix.length).replace(/[\s,]+$/, '') || undefined;
}

/** al-folio's `journal={Phys. Rev.,}`: a trailing comma is its template's punctuation, not data. */
function withoutTrailingComma(value: string, use: FieldUse): string {
  const clean = value.replace(/\s*,\s*$/, '');
  if (clean !== value) use.notes.add(`removed the trailing comma of "${value}"`);
  return clean;
}

/**
 * The paper's URL from `url`, al-folio's `html` or `howpublished`. An address that only
 * resolves a DOI (doi.org) is the paper's DOI when it has none, and left out when it is
 * the paper's own DOI's, which every output links.
 */
function readLinks(use: FieldUse, paper: PaperFields): void {
  for (const field of ['url', 'html', 'howpublished']) {
    if (paper.url) break;
    const raw = use.raw(field);
    const url = raw ? toUrl(latexVerbatim(raw)) : undefined;
    const linked = url && !paper.doi ? linkedDoi(url) : undefined;
    if (linked) {
      paper.doi = linked;
      use.use(field);
    } else if (url && isOwnDoiLink(url, paper.doi)) use.leaveOut(field, OWN_DOI_LINK);
    else if (url) {
      paper.url = url;
      use.use(field);
    }
  }
  for (const field of LINK_FIELDS) {
    const raw = use.raw(field);
    const url = raw ? toUrl(latexVerbatim(raw)) : undefined;
    if (url) {
      paper[field] = url;
      use.use(field);
    }
  }
}

/**
 * The language: biblatex's `langid` (`english`, `ngerman`), `language` (`English`,
 * `chinese`, `eng`) or the `lang` of Chinese theses' files (`zh`), as a language tag. A field
 * that names another language, or none, stays under `extra`.
 */
function readLanguage(use: FieldUse, paper: PaperFields): void {
  for (const field of ['langid', 'language', 'lang']) {
    const value = use.text(field);
    use.mapped.delete(field);
    const tag = value === undefined ? undefined : languageTag(value);
    if (tag === undefined) continue;
    paper.language ??= tag;
    if (tag === paper.language) use.use(field);
  }
}
