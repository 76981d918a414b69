/**
 * citeproc-js, loaded once and made faster where its work is wasted on publist's lists. Each
 * change prints what citeproc's own code prints (test/citeproc.test.ts compares them with an
 * untouched copy of citeproc); they rely on citeproc's internals, so its version is pinned in
 * package.json.
 */
import { literalPattern } from './literal-pattern.js';
import { createRequire } from 'node:module';
import type { CslItem } from './csl.js';

/** The part of citeproc-js publist uses. */
export interface CiteprocEngine {
  sys: { retrieveItem(id: string): CslItem };
  opt: {
    development_extensions: { wrap_url_and_doi: boolean };
    'disambiguate-add-givenname'?: boolean | string;
    'page-range-format'?: string;
  };
  registry: { namereg: NameRegister };
  /** What citeproc may try to tell cites apart (more names, given names, extra text). */
  disambiguate?: { modes: string[] };
  fun: {
    flipflopper: { processTags(blob: { blobs: unknown }): void };
    /** A page range ("101 - 119") as the style prints it ("101–19"). */
    page_mangler(range: string): string;
  };
  /** A term of the locale, in a form ('long', 'short', 'symbol'), singular (0) or plural (1). */
  getTerm(name: string, form?: string, plural?: 0 | 1): string | undefined;
  setOutputFormat(format: 'html'): void;
  updateItems(ids: readonly string[]): string[];
  makeBibliography(): [Bibliography, string[]];
}

interface Bibliography {
  /** Every entry's id, the entries that printed nothing included. */
  entry_ids: string[][];
  /** Among them, those entries: a type the style has no layout for. */
  bibliography_errors: { itemID: string }[];
}

/** citeproc's register of every name printed, for adding given names to tell authors apart. */
interface NameRegister {
  addname(itemId: string, name: object, position: number): void;
  /** How much of the given name to print: 0 none, 1 initials, 2 in full. */
  evalname(
    itemId: string,
    name: object,
    position: number,
    atLeast: number,
    form: string | undefined,
    initials: string | undefined,
  ): number;
}

type CaseChange = (this: { tmp: { lang_array?: string[] } }, text: string) => string;

/** citeproc's printer of names, as it prints one: the engine and the style's `name` element. */
interface NameOutput {
  state: {
    inheritOpt(token: object, attribute: string): unknown;
    opt: { 'initialize-with-hyphen'?: boolean };
  };
  name: object;
}

/** Prints the given name of a name (`block_initialize`: one citeproc never initialises). */
type GivenName = (
  this: NameOutput,
  name: { given?: string; block_initialize?: boolean },
  position: number,
  index: number,
) => unknown;

interface Citeproc {
  NameOutput: { prototype: { _givenName: GivenName } };
  Util: {
    Names: {
      /** A given name's initials with `terminator` after each; only those with `normalizeOnly`. */
      initializeWith(
        state: NameOutput['state'],
        name: string,
        terminator: string,
        normalizeOnly: boolean,
      ): string;
    };
  };
  toLocaleLowerCase: CaseChange;
  toLocaleUpperCase: CaseChange;
  SUPERSCRIPTS_REGEXP: RegExp;
  Output: { Formats: { html: { text_escape(text: string | undefined): string } } };
  getAmbiguousCite(this: CiteprocEngine, item: CslItem, ...rest: unknown[]): string;
  Engine: new (
    sys: { retrieveLocale(tag: string): object; retrieveItem(id: string): CslItem },
    style: object,
    lang: string,
    forceLang: boolean,
  ) => CiteprocEngine;
}

export const CSL = createRequire(import.meta.url)('citeproc') as Citeproc;

// citeproc changes the case of every word through String#toLocaleLowerCase(languages) (and
// upper case alike), which asks ICU each time: a tenth of all its work. Only Turkish, Azeri
// and Lithuanian lower-case differently from the language-free rule, and those and Greek
// upper-case differently, so every other language takes the quick one. (Without languages,
// citeproc asks for the process's own: that stays as it is.)
function quickCase(localeCase: CaseChange, special: RegExp, quick: (text: string) => string) {
  return function (this: ThisParameterType<CaseChange>, text: string): string {
    const languages = this.tmp.lang_array;
    return !languages || languages.some((tag) => special.test(tag))
      ? localeCase.call(this, text)
      : quick(text);
  };
}
CSL.toLocaleLowerCase = quickCase(
  CSL.toLocaleLowerCase,
  /^(?:tr|tur|az|aze|lt|lit)(?:-|$)/i,
  (text) => text.toLowerCase(),
);
CSL.toLocaleUpperCase = quickCase(
  CSL.toLocaleUpperCase,
  /^(?:tr|tur|az|aze|lt|lit|el|ell|gre)(?:-|$)/i,
  (text) => text.toUpperCase(),
);

// citeproc escapes every piece of text it prints with five replacements, empty ones (most
// of them) included; most others have nothing to escape (&, <, >, a double space, a
// superscript letter), which one test tells.
const html = CSL.Output.Formats.html;
const escapeHtml = html.text_escape.bind(html);
const NEEDS_ESCAPE = new RegExp(`[&<>]|\\s\\s|${CSL.SUPERSCRIPTS_REGEXP.source}`);
html.text_escape = (text) => (!text ? '' : NEEDS_ESCAPE.test(text) ? escapeHtml(text) : text);

// citeproc prints every entry's in-text cite once more as it registers the entry, to find the
// entries whose cites read the same, and registers their names on the way. A style that has
// no way to tell cites apart and adds no given names (IEEE, or a copy without
// disambiguation) has no use for either: each entry is a group of its own.
const ambiguousCite = CSL.getAmbiguousCite;
CSL.getAmbiguousCite = function (item, ...rest) {
  return this.disambiguate?.modes.length === 0 && !this.opt['disambiguate-add-givenname']
    ? `\u0000${item.id}`
    : ambiguousCite.call(this, item, ...rest);
};

/**
 * A style that never adds given names prints each name as its form says, but citeproc still
 * registers and looks up every name it prints, which is a quarter of its work on a long list.
 * Without given names to add, the answer is the one `evalname` gives: 0 for a short name, 1
 * when the style gives initials, else 2.
 */
export function withoutNameRegister(register: NameRegister): void {
  register.addname = () => undefined;
  register.evalname = (_id, _name, _position, _atLeast, form, initials) =>
    form === 'short' ? 0 : typeof initials === 'string' ? 1 : 2;
}

/**
 * citeproc reads every piece of text it prints for markup and quotation marks (`<i>`, `"…"`,
 * the locale's “…” and ‘…’) to nest and flip them; a piece with none of their characters
 * has nothing to read, which one test tells. (A right single quotation mark counts: citeproc
 * reads it as an apostrophe.)
 */
export function withQuickMarkup(engine: CiteprocEngine): void {
  const quotes = ['open-quote', 'close-quote', 'open-inner-quote', 'close-inner-quote']
    .map((term) => engine.getTerm(term)?.trim())
    .filter((quote): quote is string => Boolean(quote))
    .map(literalPattern);
  const markup = new RegExp(['[<"\'\u2019]', ...quotes].join('|'));
  const flipflopper = engine.fun.flipflopper;
  const processTags = flipflopper.processTags.bind(flipflopper);
  flipflopper.processTags = (blob) => {
    if (typeof blob.blobs === 'string' && !markup.test(blob.blobs)) return;
    processTags(blob);
  };
}
