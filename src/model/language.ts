/**
 * The language a work is written in, as a BCP 47 tag (`en`, `de-CH`, `zh-Hans`): what CSL's
 * `language` holds, and what the model keeps. Bibliographies often name the language
 * instead (BibTeX's `language = {English}`, biblatex's `langid = {ngerman}`, RIS's
 * `LA  - eng`); those names are read here too.
 */

let englishNames: Intl.DisplayNames | undefined;

function languageName(code: string): string | undefined {
  englishNames ??= new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
  try {
    return englishNames.of(code);
  } catch {
    return undefined;
  }
}

/**
 * The tag in its canonical form (`zh-cn` -> `zh-CN`, ISO 639-2's `eng` -> `en`) when it is a
 * well-formed tag of a known language; otherwise undefined.
 */
export function canonicalLanguageTag(value: string): string | undefined {
  let tag: string | undefined;
  try {
    [tag] = Intl.getCanonicalLocales(value.trim().replace(/_/g, '-'));
  } catch {
    return undefined;
  }
  if (tag === undefined) return undefined;
  // `und` (undetermined) has no language subtag at all.
  const { language } = new Intl.Locale(tag) as { language?: string };
  return language !== undefined && language.length <= 3 && languageName(language) !== undefined
    ? tag
    : undefined;
}

/** babel's and polyglossia's names that are no language's English name. */
const BABEL_NAMES: Readonly<Record<string, string>> = {
  american: 'en-US',
  usenglish: 'en-US',
  british: 'en-GB',
  ukenglish: 'en-GB',
  canadian: 'en-CA',
  australian: 'en-AU',
  newzealand: 'en-NZ',
  ngerman: 'de',
  naustrian: 'de-AT',
  austrian: 'de-AT',
  nswissgerman: 'de-CH',
  swissgerman: 'de-CH',
  francais: 'fr',
  frenchb: 'fr',
  acadian: 'fr-CA',
  canadien: 'fr-CA',
  brazil: 'pt-BR',
  brazilian: 'pt-BR',
  portuges: 'pt',
  norsk: 'nb',
  nynorsk: 'nn',
  bahasa: 'id',
  bahasai: 'id',
  bahasam: 'ms',
  magyar: 'hu',
  polutonikogreek: 'el',
  farsi: 'fa',
  slovene: 'sl',
};

let byName: Map<string, string> | undefined;

/**
 * Each language's English name and its own name ("German", "Deutsch", "Chinese", "中文")
 * -> its two-letter code, from the ICU data Node.js carries (built on first use: ~40 ms).
 */
function languagesByName(): Map<string, string> {
  if (byName) return byName;
  const names = new Map<string, string>(Object.entries(BABEL_NAMES));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const codes = [...letters].flatMap((a) => [...letters].map((b) => a + b));
  const own: [string, string][] = [];
  for (const code of codes) {
    const name = languageName(code);
    if (name === undefined) continue;
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), code);
    const autonym = new Intl.DisplayNames(code, { type: 'language', fallback: 'none' }).of(code);
    if (autonym) own.push([autonym.toLowerCase(), code]);
  }
  for (const [name, code] of own) if (!names.has(name)) names.set(name, code);
  byName = names;
  return names;
}

/**
 * The tag for a language as bibliographies write it: a tag (`en-US`, `zh_CN`, `eng`), an
 * English or native name (`English`, `chinese`, `Deutsch`) or a babel name (`ngerman`);
 * undefined for anything else (`english and german`).
 */
export function languageTag(value: string): string | undefined {
  return canonicalLanguageTag(value) ?? languagesByName().get(value.trim().toLowerCase());
}

/** The babel name publist writes for a tag, where the language's English name is not it. */
const BABEL_FOR_TAG: Readonly<Record<string, string>> = {
  de: 'ngerman',
  'de-AT': 'naustrian',
  'de-CH': 'nswissgerman',
  'en-US': 'american',
  'en-GB': 'british',
  'en-CA': 'canadian',
  'en-AU': 'australian',
  'en-NZ': 'newzealand',
  'pt-BR': 'brazilian',
  'fr-CA': 'canadien',
  nb: 'norsk',
  nn: 'nynorsk',
  id: 'bahasai',
  ms: 'bahasam',
  hu: 'magyar',
  sl: 'slovene',
  fa: 'farsi',
};

/**
 * The name babel and biblatex's `langid` know a language by (`english`, `american`,
 * `ngerman`), which reads back as the same tag; the tag itself where there is none
 * (`zh-CN`): biber reads tags too.
 */
export function babelName(tag: string): string {
  const babel = BABEL_FOR_TAG[tag];
  if (babel) return babel;
  const name = languageName(tag)?.toLowerCase();
  return name !== undefined && /^[a-z]+$/.test(name) && languageTag(name) === tag ? name : tag;
}
