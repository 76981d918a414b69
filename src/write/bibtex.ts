/**
 * BibTeX and BibLaTeX export: one entry per paper, keyed by its id, with every field of the
 * model that has a home there, so that `publist import` reads the same papers back.
 *
 * Fields without a standard home keep the names other tools use: al-folio's `pdf`, `code`,
 * `slides`, `video`, `poster`, `award`, `selected`; biblatex's `entrysubtype` for a model type
 * that the entry type alone does not tell (workshop, talk, ...); biber's data annotations
 * `author+an = {1=equal,corresponding}` and `author+an:orcid = {1="..."}` for authorship
 * marks and ORCID iDs; `org` for the organisation tag; `extra` fields as they were imported.
 */
import { basename } from 'node:path';
import { isoYear } from '../model/iso-year.js';
import { babelName } from '../model/language.js';
import type { Paper, Person } from '../model/paper.js';
import { genreText, isGenreKeyword } from '../model/genre.js';
import { LINK_FIELDS, type Genre, type PaperType } from '../model/vocabulary.js';
import type { NameWords } from './bibtex-names.js';
import type { TexEscaper, TexTarget } from './tex-escape.js';
import type { WriteRequest, Writer } from './writer.js';

type BibTarget = Exclude<TexTarget, 'latex'>;

/** The entry type per model type; the first of each entry type is the one it reads back as. */
const ENTRY_TYPES: Record<BibTarget, Record<PaperType, string>> = {
  bibtex: {
    conference: 'inproceedings',
    journal: 'article',
    workshop: 'inproceedings',
    'shared-task': 'inproceedings',
    preprint: 'misc',
    thesis: 'phdthesis',
    book: 'book',
    chapter: 'incollection',
    report: 'techreport',
    talk: 'misc',
    poster: 'misc',
    software: 'misc',
    dataset: 'misc',
    patent: 'misc',
    other: 'misc',
  },
  biblatex: {
    conference: 'inproceedings',
    journal: 'article',
    workshop: 'inproceedings',
    'shared-task': 'inproceedings',
    preprint: 'misc',
    thesis: 'thesis',
    book: 'book',
    chapter: 'incollection',
    report: 'report',
    talk: 'misc',
    poster: 'misc',
    software: 'software',
    dataset: 'dataset',
    patent: 'patent',
    other: 'misc',
  },
};

/**
 * The entry type of a paper: BibTeX's own for a PhD or Master's thesis and a technical report,
 * whose styles print the kind by it.
 */
function entryTypeOf(paper: Paper, target: BibTarget): string {
  if (target === 'bibtex' && paper.type === 'thesis' && paper.genre === 'masters-thesis') {
    return 'mastersthesis';
  }
  return ENTRY_TYPES[target][paper.type];
}

/** biblatex's keys for the kinds it prints in the document's language. */
const BIBLATEX_GENRES: Partial<Record<Genre, string>> = {
  'phd-thesis': 'phdthesis',
  'masters-thesis': 'mathesis',
  'technical-report': 'techreport',
  'research-report': 'resreport',
};

/** The kind each of BibTeX's entry types prints without a `type` field. */
const KIND_OF_ENTRY_TYPE: Readonly<Record<string, Genre>> = {
  phdthesis: 'phd-thesis',
  mastersthesis: 'masters-thesis',
  techreport: 'technical-report',
};

/**
 * The `type` field: the kind where the entry type does not say it. A BibTeX thesis or report
 * of no known kind says "Thesis" or "Report", where its entry type would say "PhD thesis" or
 * "Technical Report"; a biblatex `@report` needs a `type` (biblatex prints it, and reads an
 * `@techreport` as a report of type `techreport`), so one of no known kind is a technical
 * report, as `@techreport` says in BibTeX.
 */
function typeField(paper: Paper, entryType: string, target: BibTarget): string | undefined {
  const { genre } = paper;
  if (genre === undefined) {
    if (entryType === 'phdthesis') return 'Thesis';
    if (entryType === 'techreport') return 'Report';
    if (target === 'biblatex' && entryType === 'report') return 'techreport';
    return undefined;
  }
  if (target === 'biblatex') {
    return (isGenreKeyword(genre) && BIBLATEX_GENRES[genre]) || genreText(genre);
  }
  return KIND_OF_ENTRY_TYPE[entryType] === genre ? undefined : genreText(genre);
}

/** The model type an entry type reads back as when it has no `entrysubtype`. */
const CANONICAL: Record<string, PaperType> = {
  inproceedings: 'conference',
  article: 'journal',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  book: 'book',
  incollection: 'chapter',
  techreport: 'report',
  report: 'report',
  misc: 'other',
  software: 'software',
  dataset: 'dataset',
  patent: 'patent',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Fields a library reads verbatim (URLs, identifiers): never escaped, only kept parseable. */
const VERBATIM_FIELDS = ['url', 'doi', 'eprint', 'pdf', 'code', 'slides', 'video', 'poster'];
const WEB_ADDRESS = /^https?:\/\/\S+$/i;

interface Field {
  name: string;
  /** Already in BibTeX syntax: `{...}` or a macro name. */
  value: string;
}

function venueField(entryType: string, target: BibTarget): string {
  switch (entryType) {
    case 'article':
      return target === 'biblatex' ? 'journaltitle' : 'journal';
    case 'inproceedings':
    case 'incollection':
      return 'booktitle';
    case 'book':
    case 'report':
    case 'techreport':
    case 'thesis':
    case 'phdthesis':
    case 'mastersthesis':
      return 'series';
    default:
      return 'howpublished';
  }
}

function publisherField(entryType: string): string {
  if (entryType === 'phdthesis' || entryType === 'mastersthesis') return 'school';
  if (entryType === 'thesis' || entryType === 'report' || entryType === 'techreport') {
    return 'institution';
  }
  return 'publisher';
}

/** The escaping module, loaded only on export: its Unicode tables cost other commands ~40 ms. */
type TexEscape = typeof import('./tex-escape.js');

/** Spaces, hyphens and slashes: what separates the words a title's case is judged by. */
const WORD_BREAK = /(\s+|[-‐‑–—/]+)/u;
const SPACE = /(\s+)/u;
/** What joins the parts of a compound ("Takeuti-Gandy", "input/output"). */
const COMPOUND_BREAK = /([-‐‑–—/]+)/u;

/**
 * The word to ask bibtex-names.ts about: a capital and small letters, possessive or not,
 * without the punctuation around it; undefined for any other word (an acronym is braced for
 * its capitals anyway). "I" and a label's single letter ("Theorem B") are names too; "A" is
 * an article.
 */
function nameCandidate(piece: string): string | undefined {
  const word = piece.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}'’]+$/u, '');
  if (/^\p{Lu}\p{Ll}+(?:['’]s)?$/u.test(word)) return word;
  return /^[B-Z]$/.test(word) ? word : undefined;
}

/** Short words that stay lower case in title case, so they tell nothing of a title's case. */
const MINOR_WORDS = new Set(
  'a an and as at but by for from in into of on or the to via vs with'.split(' '),
);

/**
 * Whether a title is written in sentence case: most of its words after the first that are
 * not minor words start with a small letter.
 */
function inSentenceCase(title: string): boolean {
  const words = title
    .replace(/\$[^$]*\$/g, ' ')
    .split(WORD_BREAK)
    .filter((word) => !WORD_BREAK.test(word))
    .slice(1)
    .map((word) => word.replace(/^[^\p{L}]+/u, ''))
    .filter((word) => /^\p{L}/u.test(word) && !MINOR_WORDS.has(word.toLowerCase()));
  const small = words.filter((word) => /^\p{Ll}/u.test(word)).length;
  return small > words.length / 2;
}

class EntryWriter {
  private readonly escaper: TexEscaper;

  constructor(
    private readonly tex: TexEscape,
    private readonly nameWords: NameWords,
    private readonly target: BibTarget,
    private readonly warn: (message: string) => void,
  ) {
    this.escaper = new tex.TexEscaper(target, warn);
  }

  /** Warns of characters pdflatex cannot typeset: once every entry is written. */
  reportCharacters(): void {
    this.escaper.reportCharacters();
  }

  entry(paper: Paper): string {
    const entryType = entryTypeOf(paper, this.target);
    const fields = this.fields(paper, entryType);
    const body = fields.map((field) => `  ${field.name} = ${field.value},`).join('\n');
    return `@${entryType}{${paper.id},\n${body}\n}\n`;
  }

  private fields(paper: Paper, entryType: string): Field[] {
    const where = paper.id;
    const fields: Field[] = [];
    const add = (name: string, value: string | undefined) => {
      if (value !== undefined && value !== '') fields.push({ name, value: `{${value}}` });
    };
    const text = (value: string | number | undefined) =>
      value === undefined ? undefined : this.escaper.text(String(value), where);

    add('title', this.title(paper.title, paper.language, where));
    this.names('author', paper.authors, paper.et_al ?? false, where, fields);
    if (paper.editors) this.names('editor', paper.editors, false, where, fields);

    const { year, month, day } = paper.date;
    // An imported date the model could only approximate ("1978/79", "Jan--Feb", a range, a
    // month before the year 1000) is kept in `extra`, and goes back as written.
    if (this.target === 'biblatex') {
      const pad = (part: number) => String(part).padStart(2, '0');
      add(
        'date',
        paper.extra?.date === undefined
          ? [isoYear(year), month && pad(month), month && day && pad(day)].filter(Boolean).join('-')
          : text(paper.extra.date),
      );
    } else {
      add('year', paper.extra?.year === undefined ? String(year) : text(paper.extra.year));
      if (paper.extra?.month !== undefined) add('month', text(paper.extra.month));
      else if (month) fields.push({ name: 'month', value: MONTHS[month - 1] ?? String(month) });
      if (month && day) add('day', String(day));
    }

    add(venueField(entryType, this.target), this.venue(paper, where));
    add('volume', text(paper.volume));
    add('number', text(paper.issue));
    add('pages', text(paper.pages));
    add(publisherField(entryType), text(paper.publisher));
    add(this.target === 'biblatex' ? 'location' : 'address', text(paper.location));
    add(
      this.target === 'biblatex' ? 'langid' : 'language',
      paper.language === undefined ? undefined : text(babelName(paper.language)),
    );
    add('isbn', text(paper.isbn));
    add('doi', this.verbatim(paper.doi, where));
    if (paper.arxiv) {
      add('eprint', this.verbatim(paper.arxiv, where));
      if (this.target === 'biblatex') add('eprinttype', 'arxiv');
      else add('archiveprefix', 'arXiv');
    }
    add('url', this.verbatim(paper.url, where));
    add('type', text(typeField(paper, entryType, this.target)));
    // A @misc with an arXiv id reads back as a preprint (arXiv's own export is @misc), so a
    // @misc says what it is whenever it has one.
    if (CANONICAL[entryType] !== paper.type || (entryType === 'misc' && paper.arxiv)) {
      add('entrysubtype', paper.type);
    }
    add('pubstate', text(paper.status));
    add('note', text(paper.note));
    add('keywords', paper.topics?.length ? text(paper.topics.join(', ')) : undefined);
    add(
      'abstract',
      paper.abstract === undefined ? undefined : this.withMath(paper.abstract, where),
    );
    for (const name of LINK_FIELDS) {
      add(name, this.verbatim(paper[name], where));
    }
    add('award', text(paper.award));
    add('org', text(paper.org));
    if (paper.selected !== undefined) add('selected', String(paper.selected));

    const taken = new Set(fields.map((field) => field.name.toLowerCase()));
    for (const [name, value] of Object.entries(paper.extra ?? {})) {
      if (this.target === 'bibtex' ? name === 'year' || name === 'month' : name === 'date')
        continue;
      if (!/^[A-Za-z][A-Za-z0-9_:+.-]*$/.test(name)) {
        this.warn(`${where}: extra field \`${name}\` is not a BibTeX field name; left out`);
      } else if (taken.has(name.toLowerCase())) {
        this.warn(`${where}: extra field \`${name}\` is also a field of the paper; left out`);
      } else {
        taken.add(name.toLowerCase());
        // A web address is written as it is, whatever the field's name (`errata`, `homepage`),
        // as import reads it: its `~` is no space.
        const address = VERBATIM_FIELDS.includes(name.toLowerCase()) || WEB_ADDRESS.test(value);
        add(name, address ? this.verbatim(value, where) : text(value));
      }
    }
    return fields;
  }

  /**
   * The title with `$...$` math kept (braced), and braced where a style that lowers titles
   * must keep a capital: every word with a capital after its first letter (LLMs, RoBERTa,
   * [MASK], 2D), and every name but the title's first word, whose first letter no style
   * changes ("Hedberg's", "Markov", "Bayesian"; bibtex-names.ts tells them). In a compound
   * only the parts that are names are (`{Markov}-Chain`, `{Q}-Learning`), unless its parts
   * make a name together (`{Takeuti}-{Gandy}`, `{Martin}-{Löf}`); "Self-Hinting" is
   * lower-cased like any title-case word, while "GPT" in "GPT-based" is kept. In a title
   * written in sentence case, or in another language than English, a capitalised word that
   * does not start a sentence is a name or a noun ("Bayesian inference for Einstein"; "Die
   * Widerspruchsfreiheit der reinen Zahlentheorie"; the import took their braces off) and is
   * braced too.
   */
  private title(title: string, language: string | undefined, where: string): string {
    // English word lists cannot tell a German noun from a name: in a title in another
    // language every capital a style could lower is kept (plain.bst lowers any title).
    const keepCapitals =
      inSentenceCase(title) || (language !== undefined && !/^en(?:-|$)/i.test(language));
    let sentenceStart = true;
    // Every style keeps the case of a title's first letter.
    let titleStart = true;
    return this.tex
      .splitMath(title)
      .map((part) => {
        if (part.math) {
          sentenceStart = false;
          return this.escaper.math(part.text, where);
        }
        return part.text
          .split(SPACE)
          .map((token) => {
            if (!token || SPACE.test(token)) return this.escaper.text(token, where);
            // Words at even places, what joins them at odd ones.
            const pieces = token.split(COMPOUND_BREAK);
            const candidates = pieces.map((piece, at) =>
              at % 2 === 0 ? nameCandidate(piece) : undefined,
            );
            const parts = candidates.filter((_, at) => at % 2 === 0);
            const compoundName =
              parts.length > 1 &&
              parts.every((part): part is string => part !== undefined && part.length > 1) &&
              this.nameWords.isCompoundName(parts);
            const isName = (candidate: string | undefined) =>
              compoundName ||
              (candidate !== undefined &&
                (candidate.length === 1 || this.nameWords.isName(candidate)));
            return pieces
              .map((word, at) => {
                if (at % 2 === 1 || !word) return this.escaper.text(word, where);
                const [, core = '', trailing = ''] = /^(.*?)([.,:;!?]*)$/su.exec(word) ?? [];
                const letters = core.replace(/^[^\p{L}\p{N}]+/u, '');
                const starts = sentenceStart;
                const first = titleStart;
                sentenceStart = /[.:!?]/.test(trailing);
                titleStart = false;
                const capitalised = /^\p{Lu}/u.test(letters);
                const protect =
                  /\p{Lu}/u.test(letters.slice(1)) ||
                  (capitalised &&
                    ((!first && isName(candidates[at])) || (keepCapitals && !starts)));
                if (!protect) return this.escaper.text(word, where);
                return `{${this.escaper.text(core, where)}}${this.escaper.text(trailing, where)}`;
              })
              .join('');
          })
          .join('');
      })
      .join('');
  }

  /**
   * The venue; for BibTeX, a preprint's also names its arXiv id ("arXiv:2401.01234"), as
   * arXiv's and Google Scholar's exports do: plain.bst and the other classic styles ignore
   * `eprint`, and a preprint would otherwise print with no identifier at all. The import
   * takes the id off the venue again.
   */
  private venue(paper: Paper, where: string): string | undefined {
    const venue = paper.venue === undefined ? undefined : this.withMath(paper.venue, where);
    if (this.target !== 'bibtex' || paper.type !== 'preprint' || !paper.arxiv) return venue;
    if (paper.venue?.includes(paper.arxiv)) return venue;
    const id = `arXiv:${this.escaper.text(paper.arxiv, where)}`;
    return venue ? `${venue}, ${id}` : id;
  }

  private withMath(value: string, where: string): string {
    return this.tex
      .splitMath(value)
      .map((part) =>
        part.math ? this.escaper.math(part.text, where) : this.escaper.text(part.text, where),
      )
      .join('');
  }

  /** URLs and identifiers as they are; the characters that would break the .bib are percent-encoded. */
  private verbatim(value: string | undefined, where: string): string | undefined {
    if (value === undefined) return undefined;
    const safe = value.replace(
      /[{}\\\s]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
    if (safe !== value)
      this.warn(`${where}: "${value}" written as "${safe}" to keep the .bib valid`);
    return safe;
  }

  private names(
    role: 'author' | 'editor',
    people: readonly Person[],
    etAl: boolean,
    where: string,
    fields: Field[],
  ): void {
    const names = people.map((person) => this.name(person, where));
    if (etAl) names.push('others');
    if (!names.length) return;
    fields.push({ name: role, value: `{${names.join(' and ')}}` });
    const marks = people
      .map((person, index) => {
        const kinds = [person.equal && 'equal', person.corresponding && 'corresponding'].filter(
          Boolean,
        );
        return kinds.length ? `${index + 1}=${kinds.join(',')}` : '';
      })
      .filter(Boolean);
    if (marks.length) fields.push({ name: `${role}+an`, value: `{${marks.join('; ')}}` });
    const orcids = people
      .map((person, index) => (person.orcid ? `${index + 1}="${person.orcid}"` : ''))
      .filter(Boolean);
    if (orcids.length) fields.push({ name: `${role}+an:orcid`, value: `{${orcids.join('; ')}}` });
  }

  /** "von Last, Jr, First", each part braced where BibTeX would otherwise split it wrongly. */
  private name(person: Person, where: string): string {
    const escape = (value: string) => this.escaper.text(value, where);
    if (person.literal) return `{${escape(person.literal)}}`;
    const family = person.family ?? '';
    // A comma or "and" would split the name; a lower-case word would be read as a particle.
    const protect = (part: string, multiWord: boolean) =>
      /,|\band\b/.test(part) || /(^|\s)\p{Ll}/u.test(part) || (multiWord && /\s/.test(part))
        ? `{${escape(part)}}`
        : escape(part);
    const last = [person.particle && escape(person.particle), protect(family, !person.given)]
      .filter(Boolean)
      .join(' ');
    const given = person.given
      ? /,/.test(person.given)
        ? `{${escape(person.given)}}`
        : escape(person.given)
      : '';
    if (person.suffix) return `${last}, ${escape(person.suffix)}, ${given}`;
    return given ? `${last}, ${given}` : last;
  }
}

async function exportBibliography(target: BibTarget, request: WriteRequest): Promise<string> {
  const [tex, { NameWords }] = await Promise.all([
    import('./tex-escape.js'),
    import('./bibtex-names.js'),
  ]);
  const entries = new EntryWriter(tex, new NameWords(), target, request.warn);
  const count = request.selection.papers.length;
  const header = `% ${count} ${count === 1 ? 'entry' : 'entries'} exported by publist from ${basename(request.database.file)} (${target === 'biblatex' ? 'BibLaTeX, for biber' : 'BibTeX'})\n`;
  const body = request.selection.papers.map((paper) => entries.entry(paper));
  entries.reportCharacters();
  return [header, ...body].join('\n');
}

export const bibtexWriter: Writer = {
  format: 'bibtex',
  description: 'BibTeX entries (accents as TeX commands, for bibtex and any TeX engine)',
  defaultFile: () => 'publications.bib',
  cites: false,
  printsTitle: false,
  async write(request) {
    return exportBibliography('bibtex', request);
  },
};

export const biblatexWriter: Writer = {
  format: 'biblatex',
  description: 'BibLaTeX entries for biber (UTF-8, dates, eprint types)',
  defaultFile: () => 'publications-biblatex.bib',
  cites: false,
  printsTitle: false,
  async write(request) {
    return exportBibliography('biblatex', request);
  },
};
