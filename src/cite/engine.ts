/**
 * The CSL engine: citeproc-js formats a whole list in one call, as HTML, which
 * `citeproc-html.ts` turns into the rich-text tree. citeproc is driven directly: going
 * through citation-js's plugin would load citation-js's core (~50 ms) on every cold run.
 */
import type { RichText } from '../richtext/richtext.js';
import { CSL, withoutNameRegister, withQuickMarkup, type CiteprocEngine } from './citeproc.js';
import { parseCiteprocHtml } from './citeproc-html.js';
import { NAME_HYPHEN } from './placeholders.js';
import { pageLabels, type PageWords } from './article-pages.js';
import { corrected } from './corrections.js';
import type { CslItem } from './csl.js';
import type { CallTaker, FormatCall } from './formatting.js';
import { asPlainList, type CslNode } from './style-tree.js';

/**
 * MLA prints given names as written, with its `initialize-with` after the initials among them
 * (initialize="false", initialize-with=". ": "Paul T" as "Paul T."), as the CSL specification
 * has it. citeproc-js forgets that for a name it prints in full to tell two authors apart: J
 * Wang beside Jing Wang printed "Wang, J, and", where pandoc prints "Wang, J., and". The
 * initials are put as the style puts them before citeproc prints the name, however far.
 */
const givenName = CSL.NameOutput.prototype._givenName;
CSL.NameOutput.prototype._givenName = function (name, position, index) {
  const initializeWith = this.state.inheritOpt(this.name, 'initialize-with');
  if (
    name.given &&
    !name.block_initialize &&
    typeof initializeWith === 'string' &&
    this.state.inheritOpt(this.name, 'initialize') === false
  ) {
    name.given = CSL.Util.Names.initializeWith(this.state, name.given, initializeWith, true);
  }
  return givenName.call(this, name, position, index);
};

/**
 * A style that initialises without the hyphen (`initialize-with-hyphen="false"`: Jean-Paul as
 * "JP") makes every hyphen of a given name a space before it reads the name, also where it
 * prints the name in full (initialize="false"): "Sartre, Jean Paul", where pandoc prints
 * "Jean-Paul". The hyphen after a word of a name printed in full (Jean-Paul, JEAN-PAUL,
 * Hans-J.) is kept from it; a lower-case part after it (Shin-ichi) is joined in cite.ts.
 */
const initializeWith = CSL.Util.Names.initializeWith;
CSL.Util.Names.initializeWith = function (state, name, terminator, normalizeOnly) {
  const kept =
    normalizeOnly && state.opt['initialize-with-hyphen'] === false && name
      ? name.replace(/(?<=\p{L}{2})-(?=\p{Lu})/gu, NAME_HYPHEN)
      : name;
  return initializeWith.call(this, state, kept, terminator, normalizeOnly);
};

const styles = new Map<string, object>();
const locales = new Map<string, CslNode>();
/** One engine per style and locale: building one parses the whole style. */
const engines = new Map<string, CiteprocEngine>();

export function registerStyle(key: string, tree: CslNode): void {
  if (!styles.has(key)) styles.set(key, asPlainList(tree));
}

export function registerLocale(tag: string, tree: CslNode): void {
  if (!locales.has(tag)) locales.set(tag, tree);
}

function engineFor(styleKey: string, locale: string): CiteprocEngine {
  const key = `${styleKey}|${locale}`;
  let engine = engines.get(key);
  if (!engine) {
    const style = styles.get(styleKey);
    if (!style) throw new Error(`style ${styleKey} is not registered`);
    engine = new CSL.Engine(
      {
        // citeproc falls back to its own defaults for a locale it is not given.
        retrieveLocale: (tag) => locales.get(tag) ?? {},
        retrieveItem: (id) => {
          throw new Error(`no item ${id}`);
        },
      },
      style,
      locale,
      true,
    );
    engine.setOutputFormat('html');
    if (!engine.opt['disambiguate-add-givenname']) withoutNameRegister(engine.registry.namereg);
    withQuickMarkup(engine);
    engines.set(key, engine);
  }
  return engine;
}

/** Formats every item in one engine call; returns each item's HTML by id. */
export function formatItems(
  styleKey: string,
  locale: string,
  items: readonly CslItem[],
): Map<string, string> {
  if (items.length === 0) return new Map();
  const engine = engineFor(styleKey, locale);
  const byId = new Map(items.map((item) => [item.id, item]));
  engine.sys.retrieveItem = (id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`no item ${id}`);
    return item;
  };
  // URLs and DOIs the style prints become links.
  engine.opt.development_extensions.wrap_url_and_doi = true;
  // An engine used before forgets its items, so that changed data (watch) is read again.
  engine.updateItems([]);
  engine.updateItems([...byId.keys()]);
  const [bibliography, entries] = engine.makeBibliography();
  // The entries come without their ids, and an entry that prints nothing is left out; citeproc
  // names those among its errors, but not only those (an entry of fixed text is named and
  // printed). When the count is off, each entry alone tells whether it prints.
  const ids = bibliography.entry_ids.flat();
  const pairedWith = (printing: string[]) =>
    printing.length === entries.length
      ? new Map(entries.map((html, index) => [printing[index] ?? '', html]))
      : undefined;
  const errors = new Set(bibliography.bibliography_errors.map((error) => error.itemID));
  const paired = pairedWith(ids.filter((id) => !errors.has(id)));
  if (paired) return paired;
  const [only] = items;
  // One entry, named among the errors and printed all the same.
  if (items.length === 1 && only) return new Map(entries.map((html) => [only.id, html]));
  const alone = items.map((item) => formatItems(styleKey, locale, [item]));
  const printed = new Set(alone.flatMap((entry) => [...entry.keys()]));
  // Should citeproc ever disagree with itself: each entry as it prints alone.
  return (
    pairedWith(ids.filter((id) => printed.has(id))) ?? new Map(alone.flatMap((entry) => [...entry]))
  );
}

/** One engine call; each entry's HTML, corrected, parsed into the rich-text tree. */
function formatCall(call: FormatCall, locale: string): [string, RichText][] {
  const byId = new Map(call.items.map((item) => [item.id, item]));
  const engine = engineFor(call.styleKey, locale);
  return [...formatItems(call.styleKey, locale, call.items)].map(([id, html]) => {
    const item = byId.get(id);
    return [
      id,
      parseCiteprocHtml(
        item
          ? corrected(html, item, () => pageWords(engine), engine.opt['page-range-format'])
          : html,
      ),
    ];
  });
}

const pageWordsOf = new WeakMap<CiteprocEngine, PageWords>();

function pageWords(engine: CiteprocEngine): PageWords {
  let words = pageWordsOf.get(engine);
  if (!words) {
    const format = engine.opt['page-range-format'];
    words = {
      delimiter: engine.getTerm('page-range-delimiter') || '\u2013',
      labels: pageLabels((form, plural) => engine.getTerm('page', form, plural ? 1 : 0)),
      shortens: format !== undefined && format !== 'expanded',
      range: (first, last) => engine.fun.page_mangler(`${first} - ${last}`),
    };
    pageWordsOf.set(engine, words);
  }
  return words;
}

/**
 * The calls this thread claims, one at a time, from a counter every thread shares, until
 * none is left: a thread that starts late or runs slower simply claims fewer. Each call's
 * entries go to `take` as soon as they are formatted; between calls the thread reads its
 * messages, so that the entries other threads send arrive while this one still formats.
 */
export async function formatClaimed(
  calls: readonly FormatCall[],
  next: Int32Array,
  locale: string,
  take: CallTaker,
): Promise<void> {
  for (let index = Atomics.add(next, 0, 1); index < calls.length; index = Atomics.add(next, 0, 1)) {
    const call = calls[index];
    if (call) take(index, formatCall(call, locale));
    await new Promise((resolve) => setImmediate(resolve));
  }
}
