/**
 * The "validate" stage: schema and semantic checks over the whole file at once, every
 * problem located, then the typed model.
 */
import { InputError, type Problem } from '../model/problems.js';
import type { AuthorInput, DatabaseInput, PaperInput } from '../model/schema.js';
import {
  genreKeywordOf,
  genreOf,
  genreOfTypeField,
  genreText,
  typeFieldIsGenre,
} from '../model/genre.js';
import { canonicalLanguageTag, languageTag } from '../model/language.js';
import { quotedWords, titleLanguages } from '../model/title-language.js';
import { invalidValue, RECENT_WITH_SINCE, settingRefusal } from '../options.js';
import { firstRecentYear } from '../source-date.js';
import { GENRES, type Genre, type PaperType } from '../model/vocabulary.js';
import { parseName } from '../model/names.js';
import type { Database, Paper, PartialDate, Person } from '../model/paper.js';
import type { DataPath, SourceDocument } from '../read/source.js';
import { quotedScalar } from '../read/yaml-quote.js';
import { INVISIBLE } from './invisible.js';
import { codePointName } from '../richtext/code-points.js';
import { checkPdfSection } from './pdf-section.js';
import { isRecord, ProblemList } from './problem-list.js';
import { isDatabaseShape } from '../model/database-check.js';
import { didYouMean } from './suggest.js';
import { unknownTopic } from './topics.js';

export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;
export const ARXIV_PATTERN = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/**
 * The space (or tab, or line break) that is all that keeps `value` from being an identifier
 * of `pattern` (`10.1234/icml.2024. 55`, a DOI copied across a line break): where it is, and
 * the identifier without it.
 */
function spaceIn(value: string, pattern: RegExp): { reason: string; without: string } | undefined {
  const without = value.replace(/\s+/g, '');
  const trimmed = value.trim();
  const space = /\s/.exec(trimmed) ?? /\s/.exec(value);
  if (!space || !pattern.test(without)) return undefined;
  const what = space[0] === '\t' ? 'a tab' : /[\n\r]/.test(space[0]) ? 'a line break' : 'a space';
  return {
    reason:
      trimmed === value || /\s/.test(trimmed)
        ? `it has ${what} in it, after "${trimmed.slice(0, space.index)}"`
        : `it has ${what} around it`,
    without,
  };
}

/** Checks the whole document and returns the model, or throws one InputError listing every problem. */
export async function validateDatabase(source: SourceDocument): Promise<Database> {
  const problems = new ProblemList(source);
  const data = source.data;
  if (!isRecord(data)) {
    problems.add([], 'the database must be a mapping with `owner` and `papers`', 'see README.md');
    throw new InputError(problems.items);
  }
  if (!isDatabaseShape(data)) {
    const { reportSchemaErrors } = await import('./schema-errors.js');
    reportSchemaErrors(data, problems);
  }
  const readName = nameReader();
  checkSemantics(data as Partial<DatabaseInput>, problems, readName);
  // Looked for only where something is wrong, or a quote runs past its line (a quote left
  // open can leave data with nothing else wrong): a valid file never pays for the second parse.
  if (problems.items.length > 0 || source.quoteRunsOn()) {
    const slips = source.syntaxSlips();
    if (slips.length) throw new InputError(slips);
  }
  if (problems.items.length > 0) throw new InputError(problems.sorted());
  return toModel(source, data as DatabaseInput, readName);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseDate(value: string | number): PartialDate | string {
  if (typeof value === 'number') {
    if (value === 0) return 'there is no year 0; 1 BC is -1';
    return Number.isInteger(value) ? { year: value } : 'expected a whole year';
  }
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(value));
  if (!match) return 'expected YYYY, YYYY-MM or YYYY-MM-DD';
  const year = Number(match[1]);
  if (year === 0) return 'there is no year 0; 1 BC is -1';
  const date: PartialDate = { year };
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return `month ${match[2]} does not exist`;
    date.month = month;
    if (match[3] !== undefined) {
      const day = Number(match[3]);
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
      if (day < 1 || day > days) return `day ${match[3]} does not exist in ${year}-${match[2]}`;
      date.day = day;
    }
  }
  return date;
}

/** The parts of a name; a string that yields no family name is a problem. */
export function toPerson(author: AuthorInput): Person | string {
  if (typeof author === 'string') return personFromString(author);
  const { name, equal, corresponding, orcid, ...parts } = author;
  const marks = {
    ...(equal ? { equal } : {}),
    ...(corresponding ? { corresponding } : {}),
    ...(orcid ? { orcid } : {}),
  };
  if (name !== undefined) {
    if (parts.family || parts.given || parts.literal) {
      return 'give either `name` or `family`/`given`/`literal`, not both';
    }
    const person = personFromString(name);
    if (typeof person === 'string') return person;
    return { ...person, ...(parts.suffix ? { suffix: parts.suffix.trim() } : {}), ...marks };
  }
  if (parts.literal) return { literal: parts.literal.trim(), ...marks };
  if (!parts.family) return 'an author mapping needs `name`, `family` or `literal`';
  const person: Person = { family: parts.family.trim(), ...marks };
  if (parts.given) person.given = parts.given.trim();
  if (parts.suffix) person.suffix = parts.suffix.trim();
  return person;
}

/**
 * The names of a string that joins several, as a BibTeX list does (`A and B`, and as BibTeX,
 * `A AND B`) or a pasted reference (`A; B`, `A & B`); undefined for one name. The ";" that
 * ends an HTML entity (`M&#252;ller`, `Jos&eacute;`) is part of the name.
 */
export function namesJoinedIn(name: string): string[] | undefined {
  const parts = name
    .split(/(?<!&#?[\p{L}\p{N}]+);|\s(?:and|&)\s/iu)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every((part) => /\p{L}/u.test(part)) ? parts : undefined;
}

function personFromString(raw: string): Person | string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!/\p{L}/u.test(name)) return `"${raw}" is not a name`;
  const joined = namesJoinedIn(name);
  if (joined) return `"${raw}" is ${joined.length} names, not one`;
  if ((name.match(/,/g) ?? []).length > 2) {
    return `"${raw}" has too many commas`;
  }
  const stray = /^[,;]|(?<!&#?[\p{L}\p{N}]+)[,;]$/u.exec(name)?.[0];
  if (stray) return `"${raw}" has a stray ${stray === ',' ? 'comma' : 'semicolon'}`;
  const parts = parseName(name);
  if (!/\p{L}/u.test(parts.family)) return `"${raw}" has no family name`;
  return { ...parts };
}

type NameReader = (author: AuthorInput) => Person | string;

/** toPerson, remembering names written as strings: the same co-authors recur on every page. */
function nameReader(): NameReader {
  const known = new Map<string, Person | string>();
  return (author) => {
    if (typeof author !== 'string') return toPerson(author);
    let person = known.get(author);
    if (person === undefined) {
      person = toPerson(author);
      known.set(author, person);
    }
    return person;
  };
}

function checkSemantics(
  data: Partial<DatabaseInput>,
  problems: ProblemList,
  readName: NameReader,
): void {
  const topicKeys = isRecord(data.topics) ? Object.keys(data.topics) : [];
  const papers = Array.isArray(data.papers) ? data.papers : [];
  const firstIndex = new Map<string, number>();
  papers.forEach((paper: unknown, index) => {
    if (!isRecord(paper)) return;
    const at = (...rest: (string | number)[]) => ['papers', index, ...rest];
    const { id } = paper;
    if (typeof id === 'string') {
      const first = firstIndex.get(id);
      if (first === undefined) {
        firstIndex.set(id, index);
      } else {
        const here = problems.source.locate(at('id'));
        const there = problems.source.locate(['papers', first, 'id']);
        problems.add(
          at('id'),
          `duplicate id \`${id}\`, first used at line ${there.line}`,
          'ids must be unique',
        );
        problems.add(
          ['papers', first, 'id'],
          `id \`${id}\` is used again at line ${here.line}`,
          'ids must be unique',
        );
      }
    }
    // Dates of the wrong form are the schema's to report; here, dates that do not exist.
    if (
      (typeof paper.date === 'string' && /^\d{4}(-\d{2}){0,2}$/.test(paper.date)) ||
      (typeof paper.date === 'number' && Number.isInteger(paper.date))
    ) {
      const date = parseDate(paper.date);
      if (typeof date === 'string')
        problems.add(
          at('date'),
          `${JSON.stringify(paper.date)}: ${date}`,
          'write YYYY, YYYY-MM or YYYY-MM-DD',
        );
    }
    if (typeof paper.doi === 'string' && !DOI_PATTERN.test(paper.doi)) {
      const bare = paper.doi.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
      const spaced = spaceIn(bare, DOI_PATTERN);
      problems.add(
        at('doi'),
        `"${paper.doi}" is not a DOI${spaced ? `: ${spaced.reason}` : ''}`,
        spaced
          ? `a DOI holds no spaces: write ${spaced.without}`
          : DOI_PATTERN.test(bare)
            ? `write the bare DOI: ${bare}`
            : 'a DOI looks like 10.1234/abc.567',
      );
    }
    if (typeof paper.arxiv === 'string' && !ARXIV_PATTERN.test(paper.arxiv)) {
      const bare = paper.arxiv
        .replace(/^(arxiv:\s*|https?:\/\/arxiv\.org\/(abs|pdf)\/)/i, '')
        .replace(/\.pdf$/, '');
      const spaced = spaceIn(bare, ARXIV_PATTERN);
      problems.add(
        at('arxiv'),
        `"${paper.arxiv}" is not an arXiv identifier${spaced ? `: ${spaced.reason}` : ''}`,
        spaced
          ? `an arXiv identifier holds no spaces: write ${spaced.without}`
          : ARXIV_PATTERN.test(bare)
            ? `write the bare identifier: ${bare}`
            : 'an arXiv id looks like 2211.04898 or hep-th/9901001',
      );
    }
    if (typeof paper.language === 'string' && paper.language.trim()) {
      const problem = languageProblem(paper.language);
      if (problem) problems.add(at('language'), problem.message, problem.hint);
    }
    if (typeof paper.genre === 'string') {
      const misspelt = misspeltGenre(paper.genre);
      if (misspelt) problems.add(at('genre'), misspelt.message, misspelt.hint);
    }
    for (const list of ['authors', 'editors'] as const) {
      const people = paper[list];
      if (!Array.isArray(people)) continue;
      people.forEach((author: unknown, i) => {
        if (author === '' || (typeof author !== 'string' && !isRecord(author))) return;
        // A mapping the schema found wrong (`Ann: Smith`, unknown keys) is reported already.
        if (isRecord(author) && problems.reportedWithin(at(list, i))) return;
        const person = readName(author as AuthorInput);
        if (typeof person !== 'string') return;
        const written = typeof author === 'string' ? author : (author as { name?: unknown }).name;
        const joined = typeof written === 'string' ? namesJoinedIn(written) : undefined;
        problems.add(
          at(list, i),
          `cannot read this name: ${person}`,
          joined
            ? `give each name an item of its own: ${joined.map(quotedScalar).join(', ')}; an organisation's name is kept whole as {literal: ...}`
            : 'write "Given Family", "Family, Given" or {family: ..., given: ...}',
        );
      });
    }
    checkTopics(paper.topics, at('topics'), topicKeys, problems);
  });
  checkRenderSection(data.render, topicKeys, problems);
  checkInvisibleCharacters(data, [], problems);
}

/**
 * A `genre` shaped like a keyword that is none (`master-thesis`): printed as written, it
 * would say "master-thesis" where the keyword was meant.
 */
function misspeltGenre(genre: string): { message: string; hint: string } | undefined {
  const written = genre.trim();
  if (!/^[a-z]+(?:-[a-z]+)+$/.test(written) || genreKeywordOf(written)) return undefined;
  const suggestion = didYouMean(written, GENRES);
  if (!suggestion) return undefined;
  return {
    message: `\`${written}\` is not a genre keyword (${suggestion})`,
    hint: `the keywords are ${GENRES.join(', ')}; other words are printed as written`,
  };
}

/** The types each keyword is the kind of (a working paper may be a preprint too). */
const GENRE_TYPES: Record<Genre, readonly PaperType[]> = {
  'phd-thesis': ['thesis'],
  'masters-thesis': ['thesis'],
  'bachelors-thesis': ['thesis'],
  'diploma-thesis': ['thesis'],
  'habilitation-thesis': ['thesis'],
  'technical-report': ['report'],
  'research-report': ['report'],
  'working-paper': ['report', 'preprint'],
};

/**
 * A keyword on a paper of another type (`type: journal` with `genre: phd-thesis`): legal, and
 * printed ("A journal paper [PhD thesis]"), so a warning, located. Words of one's own are
 * fine on any type: CSL styles print a genre for many (a talk's "Keynote", a dataset's).
 */
export function genreWarnings(source: SourceDocument): Problem[] {
  const papers = isRecord(source.data) ? source.data.papers : undefined;
  if (!Array.isArray(papers)) return [];
  const warnings = new ProblemList(source);
  papers.forEach((paper: unknown, index) => {
    if (!isRecord(paper) || typeof paper.genre !== 'string' || typeof paper.type !== 'string')
      return;
    const keyword = genreKeywordOf(paper.genre);
    const types = keyword && GENRE_TYPES[keyword];
    if (!types || types.includes(paper.type as PaperType)) return;
    const kind = types.join(' or a ');
    warnings.add(
      ['papers', index, 'genre'],
      `\`${keyword}\` is a kind of ${types.join(' or ')}, but the paper's type is ${paper.type}: styles print it all the same ("[${genreText(keyword)}]")`,
      `if it is a ${kind}, write \`type: ${types[0]}\`; if not, remove \`genre\`, or write the words to print there`,
    );
  });
  return warnings.sorted();
}

/**
 * A title clearly in another language on a paper without `language`: legal, but the styles
 * that title-case English titles would print "Über Die von Der Theorie", so a warning,
 * located at the title. None when `englishOutput` says no output is in English.
 */
export async function titleLanguageWarnings(
  source: SourceDocument,
  englishOutput?: () => boolean,
): Promise<Problem[]> {
  const papers = isRecord(source.data) ? source.data.papers : undefined;
  if (!Array.isArray(papers)) return [];
  const languages = await titleLanguages(
    papers.map((paper: unknown) =>
      isRecord(paper) && paper.language === undefined && typeof paper.title === 'string'
        ? paper.title
        : '',
    ),
  );
  // citeproc title-cases only in an English locale: in none, every title keeps its case.
  if (languages.every((found) => !found) || (englishOutput && !englishOutput())) return [];
  const warnings = new ProblemList(source);
  languages.forEach((found, index) => {
    if (!found) return;
    warnings.add(
      ['papers', index, 'title'],
      `reads as ${found.name} (${quotedWords(found.words)}), but the paper has no \`language\`: styles that title-case English titles would change its case`,
      `add \`language: ${found.tag}\` to the paper, or \`language: en\` if the title is English`,
    );
  });
  return warnings.sorted();
}

/**
 * U+FFFD, which a decoder writes for a character it could not read (text pasted from a
 * file read in the wrong encoding): valid text, but every output would print � for a letter.
 */
export function lostCharacterWarnings(source: SourceDocument): Problem[] {
  if (!source.text.includes('\uFFFD')) return [];
  const warnings = new ProblemList(source);
  const visit = (value: unknown, path: DataPath): void => {
    if (typeof value === 'string' && value.includes('\uFFFD'))
      warnings.add(
        path,
        'has U+FFFD (�), the mark of a character lost to a wrong encoding: every output prints it as �',
        'write the character it stood for: "Fern�ndez" is "Fernández"',
      );
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (isRecord(value))
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(source.data, []);
  return warnings.sorted();
}

/** A paper's `language` must be a language tag, written as CSL and BCP 47 write it. */
function languageProblem(language: string): { message: string; hint: string } | undefined {
  const written = language.trim();
  const canonical = canonicalLanguageTag(written);
  if (canonical === written) return undefined;
  const tag = canonical ?? languageTag(written);
  return {
    message: `"${language}" is not a language tag`,
    hint: tag ? `write ${tag}` : 'a language tag looks like en, de-CH or zh-Hans',
  };
}

/** A list of topic keys (a paper's, `render.topics`): each must be a declared topic. */
function checkTopics(
  topics: unknown,
  path: DataPath,
  declared: readonly string[],
  problems: ProblemList,
): void {
  if (!Array.isArray(topics)) return;
  topics.forEach((topic: unknown, i) => {
    // A blank one is reported as blank (by the schema), not again as an unknown topic.
    const unknown =
      typeof topic === 'string' && topic.trim() ? unknownTopic(topic, declared) : undefined;
    if (unknown) problems.add([...path, i], unknown.message, unknown.hint);
  });
}

function checkInvisibleCharacters(
  value: unknown,
  path: (string | number)[],
  problems: ProblemList,
): void {
  const report = (text: string, at: DataPath, part: 'key' | 'value') => {
    const found = INVISIBLE.exec(text)?.[0];
    if (found === undefined) return;
    problems.add(
      at,
      `${part === 'key' ? 'the key ' : ''}contains the invisible control character ${codePointName(found)}`,
      'delete it; it would hide or reorder text in the outputs',
      part,
    );
  };
  if (typeof value === 'string') {
    report(value, path, 'value');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkInvisibleCharacters(item, [...path, index], problems));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      report(key, [...path, key], 'key');
      checkInvisibleCharacters(item, [...path, key], problems);
    }
  }
}

function checkRenderSection(render: unknown, topicKeys: string[], problems: ProblemList): void {
  if (!isRecord(render)) return;
  checkPdfSection(render.pdf, problems);
  const sections: [DataPath, Record<string, unknown>][] = [[['render'], render]];
  if (Array.isArray(render.outputs)) {
    render.outputs.forEach((output: unknown, i) => {
      if (isRecord(output)) sections.push([['render', 'outputs', i], output]);
    });
  }
  for (const [path, section] of sections) {
    checkTopics(section.topics, [...path, 'topics'], topicKeys, problems);
    for (const key of ['equal_mark', 'corresponding_mark'] as const) {
      const mark = section[key];
      // The schema cannot count characters as a reader sees them; the flag's rule does.
      const refusal = typeof mark === 'string' ? settingRefusal(key, mark) : undefined;
      if (refusal) {
        const { message, hint } = invalidValue(mark, refusal);
        problems.add([...path, key], message, hint);
      }
    }
    if (typeof section.recent === 'number' && section.since !== undefined) {
      problems.add([...path, 'recent'], RECENT_WITH_SINCE);
      continue;
    }
    // An output's range is its own years, or those of `render` it leaves out; its first
    // year is its own `since` or `recent` (which says it from this year), else render's.
    const first = firstYear(section) ?? firstYear(render);
    const until = section.until ?? render.until;
    if (!first || typeof until !== 'number' || first.year <= until) continue;
    if (section.until !== undefined) {
      const own = section.since !== undefined || section.recent !== undefined;
      problems.add(
        [...path, 'until'],
        `until ${until} is before ${own ? '' : 'render.'}${first.words}`,
        EMPTY_RANGE,
      );
    } else if (first.own === section) {
      problems.add(
        [...path, first.key],
        `${first.words} is after render.until ${until}`,
        EMPTY_RANGE,
      );
    }
  }
}

/** The first year a section's `since` or `recent` gives, with how to name it. */
function firstYear(
  section: Record<string, unknown>,
): { year: number; key: string; words: string; own: Record<string, unknown> } | undefined {
  if (typeof section.recent === 'number') {
    const year = firstRecentYear(section.recent);
    return { year, key: 'recent', words: `recent ${section.recent} (since ${year})`, own: section };
  }
  if (typeof section.since === 'number') {
    return { year: section.since, key: 'since', words: `since ${section.since}`, own: section };
  }
  return undefined;
}

const EMPTY_RANGE = 'no paper can be in that range; swap the years or leave one out';

/**
 * Runs of spaces and line breaks in one-line fields (a title folded over two lines in the
 * YAML, a stray double space) become one space, and ends are trimmed; an abstract stays as
 * written, paragraphs and all, and `extra` exactly as imported.
 */
function tidyText<T extends object>(fields: T): T {
  const tidy = { ...fields } as Record<string, unknown>;
  for (const [key, value] of Object.entries(tidy)) {
    if (typeof value === 'string' && key !== 'abstract')
      // Line breaks (NEL and the Unicode separators too) and runs of spaces only: a no-break
      // or thin space is meant.
      tidy[key] = value.replace(/[ \t\r\n\u0085\u2028\u2029]+/g, ' ').trim();
  }
  return tidy as T;
}

/** Fields whose numbers are labels: `volume: 007` means 007, not 7. */
const NUMBERS_AS_WRITTEN = ['volume', 'issue', 'pages'] as const;

function toModel(source: SourceDocument, input: DatabaseInput, readName: NameReader): Database {
  // Shared Person objects are copied so that no paper can change another's author.
  const people = (list: AuthorInput[]) =>
    list.map((author) => ({ ...(readName(author) as Person) }));
  const papers: Paper[] = input.papers.map((paper: PaperInput, index) => {
    const { authors, editors, date, ...rest } = paper;
    const labels: Partial<Record<(typeof NUMBERS_AS_WRITTEN)[number], string>> = {};
    for (const key of NUMBERS_AS_WRITTEN) {
      const value = paper[key];
      const written =
        typeof value === 'number'
          ? source.zeroPaddedNumber(['papers', index, key], value)
          : undefined;
      if (written !== undefined) labels[key] = written;
    }
    return withGenre({
      ...tidyText(rest),
      ...labels,
      authors: authors ? people(authors) : [],
      ...(editors ? { editors: people(editors) } : {}),
      date: parseDate(date) as PartialDate,
    });
  });
  return {
    file: source.file,
    owner: input.owner,
    topics: Object.entries(input.topics ?? {}).map(([key, label]) => ({ key, label })),
    papers,
    render: input.render ?? {},
  };
}

/**
 * The paper's `genre` as a keyword where it names one ("PhD thesis" is `phd-thesis`, printed
 * in the output's language); without one, the kind an import before `genre` kept in `extra`
 * (CSL-JSON's `genre`, BibTeX's `type` where it is a kind, `@mastersthesis`, RIS's M3 of a
 * thesis or report), taken out of `extra` so that the exports write it once.
 */
function withGenre(paper: Paper): Paper {
  const extra = { ...paper.extra };
  const take = (key: string, when = true): string | undefined => {
    const value = when ? extra[key] : undefined;
    if (value !== undefined) delete extra[key];
    return value;
  };
  // Kept beside a genre too (`import --update` adds the genre): it says no more than the genre.
  const masters = take('entrytype', paper.type === 'thesis' && extra.entrytype === 'mastersthesis');
  let genre = paper.genre;
  if (genre === undefined) {
    const fromCsl = take('genre');
    const bibtexType = take(
      'type',
      fromCsl === undefined && extra.type !== undefined && typeFieldIsGenre(paper.type),
    );
    genre =
      fromCsl ??
      (bibtexType === undefined ? undefined : genreOfTypeField(bibtexType)) ??
      take('ris_m3', paper.type === 'thesis' || paper.type === 'report') ??
      (masters ? 'masters-thesis' : undefined);
  }
  const read: Paper = { ...paper, extra };
  if (genre?.trim()) read.genre = genreOf(genre);
  if (!Object.keys(extra).length) delete read.extra;
  return read;
}
