/**
 * The language of a title that names none, when the title says it clearly. Styles that
 * title-case titles (IEEE, MLA, Chicago) take a paper without `language` for English: "Über
 * die von der Theorie" prints "Über Die von Der Theorie". A guess that is wrong would stop an
 * English title being title-cased, so a title counts as another language only when four
 * signs agree: it has none of English's function words, at least two distinct function words
 * of the language are in it, it is not in title case, and franc's trigram model finds
 * English a poor fit ("La Jolla Covariance Study" and "Die Hard: resilient systems" stay
 * English).
 */

/** Function words of the languages guessed, by ISO 639-3 code (franc's), with the tag written. */
const LANGUAGES: Readonly<Record<string, { tag: string; words: ReadonlySet<string> }>> = {
  deu: language(
    'de',
    'der die das und von zur zum über für mit ein eine einer eines einem einen des den dem im auf bei aus nach wie ist nicht',
  ),
  fra: language('fr', 'le la les des du et pour dans sur une un avec au aux par en est'),
  spa: language('es', 'el la los las del y para con en por una un sobre al es'),
  ita: language(
    'it',
    'il lo la gli le di del della dei delle e per con nel nella un una sul sulla al è',
  ),
  nld: language('nl', 'de het een van en voor met op bij naar over uit te aan is'),
  por: language('pt', 'o a os as do da dos das e para com em uma um no na ao pelo pela é'),
};

/** Words no title in the other languages has, so that one of them makes a title English. */
const ENGLISH = new Set(
  'the of and for with to by from is are into its this that which towards toward using between through without within how what why when our we versus'.split(
    ' ',
  ),
);

/** franc's closeness of English (1 for the best fit) above which a title may be English. */
const ENGLISH_FIT = 0.75;

function language(tag: string, words: string): { tag: string; words: ReadonlySet<string> } {
  return { tag, words: new Set(words.split(' ')) };
}

export interface TitleLanguage {
  /** The language tag, as `language` holds it. */
  tag: string;
  /** The language's name in English ("German"). */
  name: string;
  /** The function words of the language the title has, as the reason for the guess. */
  words: string[];
}

interface Candidate {
  code: string;
  tag: string;
  words: string[];
}

/** Every function word of the languages guessed: what a title-cased title may leave small. */
const FUNCTION_WORDS = new Set(Object.values(LANGUAGES).flatMap(({ words }) => [...words]));

/**
 * The languages whose function words the title has (two or more) and English's none. A
 * title in title case ("Van de Graaff Generators: Design Principles", "Der Spiegel versus Die
 * Zeit") is left alone: a name's particles read as function words there, and an English
 * title is the likelier. A title in another language has a word of four letters or more,
 * not a function word, that starts small.
 */
function candidatesOf(title: string): Candidate[] {
  const written = title.match(/\p{L}+/gu) ?? [];
  const words = written.map((word) => word.toLowerCase());
  if (words.length < 3 || words.some((word) => ENGLISH.has(word))) return [];
  const titleCase = written.every(
    (word, index) =>
      word.length < 4 || FUNCTION_WORDS.has(words[index] ?? '') || /^\p{Lu}/u.test(word),
  );
  if (titleCase) return [];
  return Object.entries(LANGUAGES)
    .map(([code, { tag, words: known }]) => ({
      code,
      tag,
      words: [...new Set(words.filter((word) => known.has(word)))],
    }))
    .filter((candidate) => candidate.words.length >= 2);
}

let names: Intl.DisplayNames | undefined;

/**
 * Each title's language when it is clearly not English; undefined where unsure. franc (a
 * quarter of a megabyte of trigram data) loads only when some title has the words of
 * another language and none of English's, which a list of English titles never has.
 */
export async function titleLanguages(
  titles: readonly string[],
): Promise<(TitleLanguage | undefined)[]> {
  const candidates = titles.map(candidatesOf);
  if (candidates.every((list) => list.length === 0)) return titles.map(() => undefined);
  const { francAll } = await import('franc');
  const only = ['eng', ...Object.keys(LANGUAGES)];
  return titles.map((title, index) => {
    const list = candidates[index] ?? [];
    if (list.length === 0) return undefined;
    const fits = new Map(francAll(title, { only }));
    if ((fits.get('eng') ?? 0) > ENGLISH_FIT) return undefined;
    // Most function words first; franc's fit decides between languages that share them.
    const [best] = list.sort(
      (a, b) =>
        b.words.length - a.words.length || (fits.get(b.code) ?? 0) - (fits.get(a.code) ?? 0),
    );
    if (!best) return undefined;
    names ??= new Intl.DisplayNames('en', { type: 'language' });
    return { tag: best.tag, name: names.of(best.tag) ?? best.tag, words: best.words };
  });
}

/** The words a guess went by, as a message lists them: `"über", "die" and "der"`. */
export function quotedWords(words: readonly string[]): string {
  const quoted = words.map((word) => `"${word}"`);
  return quoted.length > 1
    ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`
    : (quoted[0] ?? '');
}
