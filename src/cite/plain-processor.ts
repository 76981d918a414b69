/**
 * A CSL processor of publist's own for the entries of a plain list: one entry at a time,
 * with no disambiguation and no sorting (the `fast` and `uncut` variants of a style). It
 * exists for speed: citeproc-js takes about twice pandoc's time for an entry, and it is
 * most of a cold run.
 *
 * It covers the CSL that ordinary entries meet and prints what citeproc-js prints, to the
 * byte, as HTML that goes the same way as citeproc's. Anything else is declined: a style
 * with an element or attribute it does not know has no processor, and an entry whose data
 * or path through the style needs more (a quotation mark in a title, a date range, a name
 * particle it cannot read) gets `undefined`, and citeproc formats it. test/plain-processor
 * compares every entry it prints, of real bibliographies in several styles and locales,
 * with citeproc's.
 */
import { pageLabels, type PageWords } from './article-pages.js';
import type { CslItem, CslName } from './csl.js';
import { childElements, textOf, type CslNode } from './style-tree.js';

/** Thrown inside the processor when an entry needs what it does not do: citeproc takes it. */
class Declined extends Error {}

function decline(): never {
  throw new Declined();
}

/** What a piece of output looks like at its edges, for joining it with its neighbours. */
interface Rendered {
  html: string;
  /** The first and last characters a reader sees (not markup). */
  first: string;
  last: string;
  /**
   * It ends with a closing quotation mark: punctuation after it moves inside with
   * `punctuation-in-quote` ('inside'), and merges with a mark before it either way.
   */
  quoted: { close: string; inside: boolean } | false;
}

interface Result {
  out?: Rendered;
  /** What a `choose` printed: its elements, each for the enclosing group to delimit. */
  parts?: Rendered[];
  /** A variable was asked for (a group with none that prints is left out). */
  called: boolean;
  /** A variable printed. */
  printed: boolean;
}

const NOTHING: Result = { called: false, printed: false };

interface Term {
  single: string;
  multiple: string;
}

/** A locale as the style sees it: the fallback's, the locale's and the style's own terms. */
interface Locale {
  lang: string;
  terms: Map<string, Term>;
  dates: Map<string, CslNode>;
  punctuationInQuote: boolean;
}

const FORM_FALLBACK: Record<string, string[]> = {
  long: ['long'],
  short: ['short', 'long'],
  verb: ['verb', 'long'],
  'verb-short': ['verb-short', 'verb', 'long'],
  symbol: ['symbol', 'short', 'long'],
};

/** Where the locale does not say: citeproc's hyphen for French and Portuguese, else an en dash. */
function pageRangeDelimiter(lang: string): string {
  return /^(?:fr|pt)/.test(lang) ? '-' : '\u2013';
}

/**
 * The second page of a range as `page-range-format` prints it, by citeproc's rule: minimal
 * drops the leading digits it shares with the first page (321–8), minimal-two keeps at least
 * two (321–28); expanded, or none, prints it whole.
 */
function shortenedPage(first: string, last: string, format: string | undefined): string {
  if ((format !== 'minimal' && format !== 'minimal-two') || first.length !== last.length)
    return last;
  const least = format === 'minimal-two' ? 2 : 0;
  let kept = last.length;
  for (let index = 0; index < first.length && kept > least; index++) {
    if (first[index] !== last[index]) break;
    kept--;
  }
  return last.slice(last.length - kept);
}

/** A term in a form, else in the forms CSL falls back to. */
function termOf(locale: Locale, name: string, form = 'long', plural = false): string | undefined {
  for (const tried of FORM_FALLBACK[form] ?? decline()) {
    const term = locale.terms.get(`${name}|${tried}`);
    if (term) return plural ? term.multiple : term.single;
  }
  return undefined;
}

function buildLocale(trees: readonly CslNode[], lang: string): Locale {
  const locale: Locale = { lang, terms: new Map(), dates: new Map(), punctuationInQuote: false };
  for (const tree of trees) {
    for (const child of childElements(tree)) {
      if (child.name === 'style-options') {
        const option = child.attrs['punctuation-in-quote'];
        if (option !== undefined) locale.punctuationInQuote = option === 'true';
      } else if (child.name === 'date' && child.attrs.form) {
        locale.dates.set(child.attrs.form, child);
      } else if (child.name === 'terms') {
        for (const term of childElements(child, 'term')) {
          const name = term.attrs.name;
          if (!name) continue;
          // An ordinal's gendered forms agree with a noun; this processor declines those.
          const gender = term.attrs['gender-form'];
          const key = `${name}|${term.attrs.form ?? 'long'}${gender ? `|${gender}` : ''}`;
          const single = childElements(term, 'single')[0];
          const multiple = childElements(term, 'multiple')[0];
          const text = single || multiple ? '' : textOf(term);
          locale.terms.set(key, {
            single: single ? textOf(single) : text,
            multiple: multiple ? textOf(multiple) : text,
          });
        }
      }
    }
  }
  return locale;
}

/** The style's `<locale>` elements that apply, least specific first. */
function styleLocales(style: CslNode, lang: string): CslNode[] {
  const primary = lang.split('-')[0];
  const rank = (node: CslNode) => {
    const tag = node.attrs['xml:lang'];
    if (!tag) return 0;
    if (tag === lang) return 2;
    return tag === primary ? 1 : -1;
  };
  return childElements(style, 'locale')
    .filter((node) => rank(node) >= 0)
    .sort((a, b) => rank(a) - rank(b));
}

const PAGE_RANGE_SHORTENED = new Set(['minimal', 'minimal-two']);

/** The name options a `name` element inherits from the bibliography and the style. */
const NAME_OPTIONS = [
  'and',
  'delimiter-precedes-et-al',
  'delimiter-precedes-last',
  'et-al-min',
  'et-al-use-first',
  'et-al-use-last',
  'initialize',
  'initialize-with',
  'name-as-sort-order',
  'sort-separator',
];

const FORMATTING = [
  'font-style',
  'font-variant',
  'font-weight',
  'text-decoration',
  'vertical-align',
];
const AFFIXES = ['prefix', 'suffix'];
const TEXT_ATTRS = [...FORMATTING, ...AFFIXES, 'text-case', 'strip-periods', 'quotes'];

const CONDITIONS = [
  'type',
  'variable',
  'is-numeric',
  'is-uncertain-date',
  'locator',
  'position',
  'disambiguate',
  'match',
];

/** The elements and attributes this processor knows, by element. */
const KNOWN: Record<string, readonly string[]> = {
  layout: [...FORMATTING, ...AFFIXES, 'delimiter'],
  group: [...FORMATTING, ...AFFIXES, 'delimiter'],
  choose: [],
  if: CONDITIONS,
  'else-if': CONDITIONS,
  else: [],
  text: [...TEXT_ATTRS, 'variable', 'macro', 'term', 'value', 'form', 'plural'],
  number: [...FORMATTING, ...AFFIXES, 'text-case', 'variable', 'form'],
  label: [...FORMATTING, ...AFFIXES, 'text-case', 'strip-periods', 'variable', 'form', 'plural'],
  names: [...FORMATTING, ...AFFIXES, 'variable', 'delimiter'],
  name: [...NAME_OPTIONS, ...AFFIXES, 'delimiter', 'form', 'initialize-with-hyphen'],
  'name-part': [...FORMATTING, ...AFFIXES, 'text-case', 'name'],
  'et-al': [...FORMATTING, 'term'],
  substitute: [],
  date: [...FORMATTING, ...AFFIXES, 'text-case', 'variable', 'form', 'date-parts', 'delimiter'],
  'date-part': [
    ...FORMATTING,
    ...AFFIXES,
    'text-case',
    'strip-periods',
    'name',
    'form',
    'range-delimiter',
  ],
};

/** Style-wide options, on `<style>` or `<bibliography>`, that this processor follows. */
const KNOWN_OPTIONS = new Set([
  ...NAME_OPTIONS,
  'class',
  'version',
  'xmlns',
  'default-locale',
  'demote-non-dropping-particle',
  'initialize-with-hyphen',
  'page-range-format',
  'hanging-indent',
  'entry-spacing',
  'line-spacing',
  'name-delimiter',
  'names-delimiter',
  'name-form',
  // Options for citations only, or that a plain list never uses.
  'disambiguate-add-names',
  'disambiguate-add-givenname',
  'givenname-disambiguation-rule',
  'cite-group-delimiter',
  'collapse',
  'year-suffix-delimiter',
  'after-collapse-delimiter',
  'near-note-distance',
]);

function knownTree(node: CslNode): boolean {
  const attrs = KNOWN[node.name];
  if (!attrs) return false;
  if (!Object.keys(node.attrs).every((attr) => attrs.includes(attr))) return false;
  return childElements(node).every(knownTree);
}

export interface PlainProcessor {
  /** The entry as citeproc-js prints it in a bibliography (HTML), or undefined: declined. */
  format(item: CslItem): string | undefined;
  /** What the style and its locale say about pages (see `corrected`). */
  pageWords: PageWords;
  pageRangeFormat: string | undefined;
}

/**
 * The processor for a style (a plain-list variant, see `asPlainList`) in a locale, or
 * undefined when the style uses something it does not know. `locales` are the locale
 * trees, least specific first (citeproc's fallback, en-US, then the locale itself).
 */
export function plainProcessorFor(
  style: CslNode,
  locales: readonly CslNode[],
  lang: string,
): PlainProcessor | undefined {
  const bibliography = childElements(style, 'bibliography')[0];
  const layout = bibliography && childElements(bibliography, 'layout')[0];
  if (!bibliography || !layout) return undefined;
  const options = { ...style.attrs, ...bibliography.attrs };
  if (!Object.keys(options).every((key) => KNOWN_OPTIONS.has(key))) return undefined;
  // Chicago's rules for ranges go through citeproc (and publist's corrections of it).
  if (options['page-range-format']?.startsWith('chicago')) return undefined;
  const macros = new Map(
    childElements(style, 'macro').map((node) => [node.attrs.name ?? '', node]),
  );
  if (![...macros.values()].every((macro) => childElements(macro).every(knownTree)))
    return undefined;
  if (!knownTree(layout)) return undefined;
  const locale = buildLocale([...locales, ...styleLocales(style, lang)], lang);
  const english = lang.startsWith('en');
  const delimiter = termOf(locale, 'page-range-delimiter') ?? pageRangeDelimiter(lang);
  return {
    pageRangeFormat: options['page-range-format'],
    pageWords: {
      delimiter,
      labels: pageLabels((form, plural) => termOf(locale, 'page', form, plural)),
      shortens: PAGE_RANGE_SHORTENED.has(options['page-range-format'] ?? ''),
      range: (first, last) =>
        `${first}${delimiter}${shortenedPage(first, last, options['page-range-format'])}`,
    },
    format(item) {
      try {
        const render = new EntryRenderer(item, locale, macros, options, english);
        const out = render.layout(layout);
        return out ? `  <div class="csl-entry">${out.html}</div>\n` : undefined;
      } catch (error) {
        if (error instanceof Declined) return undefined;
        throw error;
      }
    },
  };
}

const ESCAPES: Record<string, string> = { '&': '&#38;', '<': '&#60;', '>': '&#62;' };

/** Text citeproc would change beyond escaping: quotes, markup, doubled spaces, superscripts. */
const SPECIAL =
  /["\u2018\u201c\u201d\u00ab\u00bb<>\u00a0\u202f\u2009]|['\u2019](?!(?<=\p{L}.)\p{L})|\s\s|\s[:;!?]/u;
const EDGE_PUNCTUATION = /^[\s.,;:!?)\]]|[\s,;:([]$/;

/** Characters citeproc prints as the letter they raise, in `<sup>`. */
const SUPERSCRIPT = /[ª²³¹ºʰ-ʸˠ-ˤᴬ-ᵡ⁰ⁱ⁴-⁹⁺-⁾ⁿ℠™㆒-㆟ˀˁۥۦ]/gu;

function superscript(char: string): string {
  const base = char.normalize('NFKC');
  // Raised letters with no plain letter to stand for.
  if (base === char) decline();
  return `<sup>${base}</sup>`;
}

function plain(text: string): Rendered {
  return {
    html: text.replace(/[&<>]/g, (char) => ESCAPES[char] ?? char).replace(SUPERSCRIPT, superscript),
    first: text[0] ?? '',
    last: text.at(-1) ?? '',
    quoted: false,
  };
}

/** Data text as it is printed: declined when citeproc would treat it specially. */
function dataText(text: string): Rendered {
  if (SPECIAL.test(text) || EDGE_PUNCTUATION.test(text)) decline();
  return plain(withApostrophes(text));
}

/** citeproc prints a straight apostrophe inside a word as a typographic one: Schöning’s. */
function withApostrophes(text: string): string {
  return text.replace(/(?<=\p{L})'(?=\p{L})/gu, '\u2019');
}

function wrapped(inner: Rendered, open: string, close: string): Rendered {
  return { ...inner, html: `${open}${inner.html}${close}`, quoted: false };
}

/** Punctuation marks citeproc merges where two meet. */
const MARKS = '!?.:,;';

/** citeproc's merge of two marks where it is not both (its `LtoR_MAP`): "?." is "?". */
const MERGED: Record<string, Record<string, string>> = {
  '!': { '.': '!', ':': '!' },
  '?': { '.': '?', ':': '?' },
  ':': { '!': '!', '?': '?', '.': ':' },
  ';': { '!': '!', '?': '?', ':': ';', '.': ';' },
};

function mergedMarks(first: string, second: string): string {
  if (first === second) return first;
  return MERGED[first]?.[second] ?? first + second;
}

/**
 * Joins two pieces as citeproc does at the seam: one space of two, two marks merged
 * (`mergedMarks`), and with `punctuation-in-quote` a comma or full stop moved inside the
 * closing quotation mark.
 */
function joined(left: Rendered | undefined, right: Rendered | undefined): Rendered | undefined {
  if (!left || !left.html) return right;
  if (!right || !right.html) return left;
  let rightHtml = right.html;
  let rightFirst = right.first;
  let leftHtml = left.html;
  let leftLast = left.last;
  const drop = () => {
    rightHtml = rightHtml.slice(1);
    rightFirst = rightHtml[0] ?? '';
  };
  if (leftLast === ' ' && rightFirst === ' ' && rightHtml.startsWith(' ')) drop();
  if (MARKS.includes(rightFirst) && rightHtml.startsWith(rightFirst)) {
    // The quotation's last character, before its closing mark (French: a space and »).
    const close = left.quoted ? left.quoted.close : '';
    const inside = left.quoted ? (leftHtml.at(-close.length - 1) ?? '') : '';
    if (left.quoted && left.quoted.inside && (rightFirst === '.' || rightFirst === ',')) {
      const marks = MARKS.includes(inside) ? mergedMarks(inside, rightFirst) : inside + rightFirst;
      leftHtml = `${leftHtml.slice(0, -close.length - 1)}${marks}${close}`;
      drop();
    } else if (left.quoted && MARKS.includes(inside)) {
      // A mark the quotation ends with takes the place of one after it ("do?’ arXiv").
      const marks = mergedMarks(inside, rightFirst);
      if (marks === inside) drop();
      else if (marks !== inside + rightFirst) decline();
    } else if (MARKS.includes(leftLast)) {
      const marks = mergedMarks(leftLast, rightFirst);
      if (marks === leftLast) {
        drop();
      } else if (marks !== leftLast + rightFirst) {
        // A mark inside markup that gives way ("<i>Why:</i>" before "?") is citeproc's to place.
        if (!leftHtml.endsWith(leftLast)) decline();
        leftHtml = `${leftHtml.slice(0, -1)}${marks}`;
        leftLast = marks.at(-1) ?? '';
        drop();
      }
    }
  }
  if (!rightHtml) return { ...left, html: leftHtml, last: leftLast };
  return {
    html: leftHtml + rightHtml,
    first: left.first,
    last: right.last,
    quoted: right.quoted,
  };
}

function joinAll(parts: readonly Rendered[], delimiter: string): Rendered | undefined {
  let out: Rendered | undefined;
  parts.forEach((part, index) => {
    out = joined(index > 0 && delimiter ? joined(out, plain(delimiter)) : out, part);
  });
  return out;
}

function withAffixes(
  inner: Rendered | undefined,
  attrs: Record<string, string>,
): Rendered | undefined {
  if (!inner || !inner.html) return undefined;
  const { prefix, suffix } = attrs;
  let out = inner;
  if (prefix) out = joined(plain(prefix), out) ?? out;
  if (suffix) out = joined(out, plain(suffix)) ?? out;
  return out;
}

const TAGS: Record<string, [string, string]> = {
  'font-style/italic': ['<i>', '</i>'],
  'font-style/oblique': ['<em>', '</em>'],
  'font-style/normal': ['<span style="font-style:normal;">', '</span>'],
  'font-variant/small-caps': ['<span style="font-variant:small-caps;">', '</span>'],
  'font-variant/normal': ['<span style="font-variant:normal;">', '</span>'],
  'font-weight/bold': ['<b>', '</b>'],
  'font-weight/normal': ['<span style="font-weight:normal;">', '</span>'],
  'text-decoration/underline': ['<span style="text-decoration:underline;">', '</span>'],
  'text-decoration/none': ['<span style="text-decoration:none;">', '</span>'],
  'vertical-align/sup': ['<sup>', '</sup>'],
  'vertical-align/sub': ['<sub>', '</sub>'],
};

function withFormatting(
  inner: Rendered | undefined,
  attrs: Record<string, string>,
): Rendered | undefined {
  if (!inner) return undefined;
  const set = FORMATTING.filter((key) => attrs[key] !== undefined);
  if (set.length === 0) return inner;
  // Nested formatting (italic inside italic flips) and combinations follow citeproc's rules.
  if (set.length > 1 || inner.html.includes('<')) decline();
  const [key] = set;
  const tags = TAGS[`${key}/${key ? attrs[key] : ''}`];
  // font-weight light, vertical-align baseline: what citeproc prints there is its own.
  if (!tags) return decline();
  return wrapped(inner, tags[0], tags[1]);
}

/** `strip-periods` as citeproc does it: a period before a lower-case letter stays (e.g. -> e.g). */
function withoutPeriods(text: string): string {
  return text.replace(/\.(?!\p{Ll})/gu, '');
}

/** The word with its first character in upper case, as citeproc does it (not a lone Greek letter). */
function capitalized(word: string): string {
  const head = String.fromCodePoint(word.codePointAt(0) ?? 0);
  const rest = word.slice(head.length);
  if (!rest && /^[\u0370-\u03ff]$/.test(head)) return word;
  const upper = head.toUpperCase();
  // ß and the like grow in upper case, and Turkish, Azeri and Lithuanian have their own rules.
  if (upper.length !== head.length) return decline();
  return upper + rest;
}

function capitalizeFirst(text: string): string {
  return text.replace(/^\p{Ll}/u, (char) => char.toUpperCase());
}

function textCase(text: string, textCaseAttr: string | undefined): string {
  switch (textCaseAttr) {
    case undefined:
      return text;
    case 'capitalize-first':
      return capitalizeFirst(text);
    case 'lowercase':
      return text.toLowerCase();
    case 'uppercase':
      return text.toUpperCase();
    case 'capitalize-all':
      return text.replace(
        /(^|\s)(\p{Ll})/gu,
        (_all, space: string, char: string) => space + char.toUpperCase(),
      );
    default:
      return decline();
  }
}

const NUMBER_VARIABLES = new Set([
  'chapter-number',
  'collection-number',
  'edition',
  'issue',
  'number',
  'number-of-pages',
  'number-of-volumes',
  'volume',
  'citation-number',
  'first-reference-note-number',
  'page',
  'page-first',
  'locator',
]);

const DATE_VARIABLES = new Set([
  'issued',
  'accessed',
  'original-date',
  'event-date',
  'submitted',
  'available-date',
]);

const NAME_VARIABLES = new Set([
  'author',
  'editor',
  'translator',
  'container-author',
  'collection-editor',
  'composer',
  'director',
  'editorial-director',
  'illustrator',
  'interviewer',
  'original-author',
  'recipient',
  'reviewed-author',
]);

/** Variables a plain list has no value for; an entry that asks for one prints it empty. */
const CITATION_ONLY = new Set([
  'locator',
  'citation-number',
  'first-reference-note-number',
  'citation-label',
  'year-suffix',
]);

/** The short function words English title case leaves in lower case (citeproc's list). */
const TITLE_CASE_SKIP = new Set(
  (
    'about above across afore after against al along alongside amid amidst among amongst anenst ' +
    'apropos apud around as aside astride at athwart atop barring before behind below beneath ' +
    'beside besides between beyond but by circa despite down during et except for forenenst from ' +
    'given in inside into lest like modulo near next notwithstanding of off on onto out over per ' +
    'plus pro qua sans since than through throughout thruout till to toward towards under ' +
    'underneath until unto up upon versus vs v via with within without or yet so and nor a an ' +
    'the de von van c ca'
  ).split(' '),
);

const NAME_KEYS = new Set(['family', 'given', 'literal', 'non-dropping-particle']);
/** A family name as citeproc prints it unchanged: capitalised words, an apostrophe, a hyphen. */
const FAMILY = /^\p{Lu}[\p{L}\p{M}]*(?:[-'\u2019]\p{Lu}[\p{L}\p{M}]*)?$/u;
/** A word of a given name: capitalised (Ana, LeFanu) or an initial (J.). */
const GIVEN_PART = /^\p{Lu}(?:[\p{Ll}\p{M}][\p{L}\p{M}]*|\.)?$/u;
const PARTICLE = /^\p{Ll}+(?: \p{Ll}+)?$/u;

class EntryRenderer {
  /** Variables a `substitute` printed, which the rest of the entry leaves out. */
  private readonly substituted = new Set<string>();
  /** Languages whose case changes citeproc makes by their own rules (Turkish ı, Greek accents). */
  private readonly ownCaseRules: boolean;

  constructor(
    private readonly item: CslItem,
    private readonly locale: Locale,
    private readonly macros: ReadonlyMap<string, CslNode>,
    private readonly options: Record<string, string>,
    private readonly english: boolean,
  ) {
    this.ownCaseRules = /^(?:tr|az|lt|el)\b/.test(locale.lang);
  }

  layout(node: CslNode): Rendered | undefined {
    const result = this.sequence(node);
    return withAffixes(withFormatting(result.out, node.attrs), node.attrs);
  }

  private value(variable: string): string | undefined {
    const record = this.item as unknown as Record<string, unknown>;
    const value = record[variable];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') return decline();
    return value;
  }

  /** A name list to print: not one a `substitute` printed (conditions still see it). */
  private names(variable: string, printing = true): CslName[] | undefined {
    if (printing && this.substituted.has(variable)) return undefined;
    const value = (this.item as unknown as Record<string, unknown>)[variable];
    if (!Array.isArray(value) || value.length === 0) return undefined;
    return value as CslName[];
  }

  private date(variable: string): number[] | undefined {
    const value = (this.item as unknown as Record<string, unknown>)[variable];
    if (value === undefined) return undefined;
    const date = value as { 'date-parts'?: unknown; [key: string]: unknown };
    const keys = Object.keys(date);
    if (keys.length !== 1 || !Array.isArray(date['date-parts'])) return decline();
    const parts = date['date-parts'] as unknown[];
    const [first] = parts;
    if (parts.length !== 1 || !Array.isArray(first)) return decline();
    const numbers = first as unknown[];
    if (
      numbers.length === 0 ||
      numbers.length > 3 ||
      !numbers.every((part) => typeof part === 'number' && Number.isInteger(part) && part > 0)
    )
      return decline();
    const [, month, day] = numbers as number[];
    if (month !== undefined && month > 12) return decline();
    if (day !== undefined && day > 31) return decline();
    return numbers as number[];
  }

  private has(variable: string): boolean {
    if (DATE_VARIABLES.has(variable)) return this.date(variable) !== undefined;
    if (NAME_VARIABLES.has(variable)) return this.names(variable, false) !== undefined;
    if (CITATION_ONLY.has(variable)) return false;
    return this.value(variable) !== undefined;
  }

  private term(name: string, form = 'long', plural = false): string | undefined {
    return termOf(this.locale, name, form, plural);
  }

  /** Elements one after another, with nothing between them (a layout). */
  private sequence(node: CslNode): Result {
    const { parts, called, printed } = this.children(node);
    return { out: joinAll(parts, ''), called, printed };
  }

  /**
   * What each child element prints: the elements of a `choose` branch count as the
   * enclosing group's own, each with the group's delimiter before it.
   */
  private children(node: CslNode): { parts: Rendered[]; called: boolean; printed: boolean } {
    const parts: Rendered[] = [];
    let called = false;
    let printed = false;
    for (const child of childElements(node)) {
      const result = this.element(child);
      called ||= result.called;
      printed ||= result.printed;
      for (const part of result.parts ?? [result.out]) if (part?.html) parts.push(part);
    }
    return { parts, called, printed };
  }

  private element(node: CslNode): Result {
    switch (node.name) {
      case 'text':
        return this.text(node);
      case 'group':
        return this.group(node, node);
      case 'choose':
        return this.choose(node);
      case 'number':
        return this.number(node);
      case 'label':
        return this.label(node);
      case 'names':
        return this.namesElement(node);
      case 'date':
        return this.dateElement(node);
      default:
        return decline();
    }
  }

  /** A group, or a macro called by `text` with that element's attributes. */
  private group(node: CslNode, attrs: CslNode): Result {
    const { parts, called, printed } = this.children(node);
    if (called && !printed) return { called, printed };
    const out = withAffixes(
      withFormatting(joinAll(parts, attrs.attrs.delimiter ?? ''), attrs.attrs),
      attrs.attrs,
    );
    // citeproc counts a group that prints (a term, say) as printing for the groups around it.
    return { out, called, printed: printed || Boolean(out?.html) };
  }

  private choose(node: CslNode): Result {
    for (const branch of childElements(node)) {
      if (branch.name === 'else' || this.holds(branch)) return this.children(branch);
    }
    return NOTHING;
  }

  private holds(branch: CslNode): boolean {
    const tests: boolean[] = [];
    const { attrs } = branch;
    for (const [attr, value] of Object.entries(attrs)) {
      if (attr === 'match') continue;
      const words = value.split(/\s+/).filter(Boolean);
      // citeproc tests the types of one attribute together, as "any", whatever `match` says.
      if (attr === 'type') {
        tests.push(words.includes(this.item.type));
        continue;
      }
      for (const word of words) {
        switch (attr) {
          case 'variable':
            tests.push(this.has(word));
            break;
          case 'is-numeric':
            tests.push(this.isNumeric(word));
            break;
          case 'is-uncertain-date':
          case 'locator':
            tests.push(false);
            break;
          case 'disambiguate':
            // No entry of a plain list is disambiguated (see `withoutDisambiguation`).
            tests.push(word !== 'true');
            break;
          default:
            // position: what it means in a bibliography is citeproc's call.
            return decline();
        }
      }
    }
    const match = attrs.match ?? 'all';
    if (match === 'any') return tests.some(Boolean);
    if (match === 'none') return !tests.some(Boolean);
    if (match === 'all') return tests.every(Boolean);
    return decline();
  }

  private isNumeric(variable: string): boolean {
    const value = this.value(variable);
    if (value === undefined) return false;
    if (/^\d+$/.test(value)) return true;
    // "2nd", "12-14", "3a": citeproc's own reading.
    if (/\d/.test(value)) return decline();
    return false;
  }

  private text(node: CslNode): Result {
    const { attrs } = node;
    if (attrs.macro !== undefined) {
      const macro = this.macros.get(attrs.macro);
      if (!macro) return decline();
      if (attrs.quotes || attrs['text-case'] || attrs['strip-periods']) return decline();
      return this.group(macro, node);
    }
    if (attrs.term !== undefined) {
      const term = this.term(attrs.term, attrs.form, attrs.plural === 'true');
      return { out: this.decorated(term, node), called: false, printed: false };
    }
    if (attrs.value !== undefined) {
      return { out: this.decorated(attrs.value, node), called: false, printed: false };
    }
    const variable = attrs.variable;
    if (variable === undefined) return NOTHING;
    if (CITATION_ONLY.has(variable)) return { called: true, printed: false };
    if (DATE_VARIABLES.has(variable) || NAME_VARIABLES.has(variable)) return decline();
    let value = this.value(attrs.form === 'short' ? `${variable}-short` : variable);
    if (value === undefined && attrs.form === 'short') value = this.value(variable);
    if (value === undefined) return { called: true, printed: false };
    if (variable === 'URL' || variable === 'DOI') {
      return { out: this.link(variable, value, node), called: true, printed: true };
    }
    if (variable === 'page') value = this.pageRange(value);
    else if (NUMBER_VARIABLES.has(variable) && /[-–,&]/.test(value)) return decline();
    return { out: this.decorated(value, node, true), called: true, printed: true };
  }

  /** Text with a text element's case, periods, quotes, formatting and affixes. */
  private decorated(text: string | undefined, node: CslNode, data = false): Rendered | undefined {
    if (!text) return undefined;
    const { attrs } = node;
    let value = text;
    const textCaseAttr = attrs['text-case'];
    if (textCaseAttr && this.ownCaseRules) decline();
    if (textCaseAttr === 'title') {
      value = this.titleCase(value, data);
    } else {
      // Sentence case and capitals for data follow citeproc's word rules.
      if (data && textCaseAttr && textCaseAttr !== 'lowercase' && textCaseAttr !== 'uppercase') {
        if (textCaseAttr !== 'capitalize-first' || !/^\p{L}/u.test(value)) decline();
      }
      value = textCase(value, textCaseAttr);
    }
    if (attrs['strip-periods'] === 'true') value = withoutPeriods(value);
    let out = data ? dataText(value) : plain(withApostrophes(value));
    if (attrs.quotes === 'true') {
      if (FORMATTING.some((key) => attrs[key] !== undefined)) decline();
      const open = this.term('open-quote') ?? '“';
      const close = this.term('close-quote') ?? '”';
      out = {
        html: `${open}${out.html}${close}`,
        first: open[0] ?? '',
        last: close.at(-1) ?? '',
        quoted: close ? { close, inside: this.locale.punctuationInQuote } : false,
      };
      return withAffixes(out, attrs);
    }
    return withAffixes(withFormatting(out, attrs), attrs);
  }

  /**
   * English title case as citeproc applies it. The text is cut at punctuation, and each piece
   * into words at spaces. A word all in lower case gets a capital when it is longer than one
   * letter and not a short function word, when it opens the title or follows a colon, a
   * question or an exclamation mark, or when a hyphen follows the title's first piece; a word with a capital stays
   * as it is. A function word that ends the title gets a capital too. Other languages' titles
   * go to citeproc.
   */
  private titleCase(text: string, data: boolean): string {
    if (!this.english) return decline();
    const language = this.item.language;
    if (data && language !== undefined && !/^en\b/i.test(language)) return decline();
    // citeproc reads an apostrophe as a quotation mark when it changes case.
    if (/['\u2019]/.test(text)) return decline();
    const pieces = text.split(/([-\u2013\u2014/.,;?!:()[\]])/);
    let first = true;
    let afterMark = false;
    let last: { piece: string[]; index: number } | undefined;
    const cased = pieces.map((piece, at) => {
      if (at % 2 === 1) {
        if (/[!?:]$/.test(piece)) afterMark = true;
        return [piece];
      }
      const words = piece.split(/( +)/);
      // citeproc looks for the hyphen after the first piece only (it passes the others a
      // different argument where it means the next tag).
      const hyphenNext = at === 0 && pieces[1] === '-';
      const lastWord = words.length - 1;
      words.forEach((word, index) => {
        if (index % 2 === 1 || !word) return;
        const lower = word.toLowerCase();
        const capital =
          (word.length > 1 && !TITLE_CASE_SKIP.has(lower)) ||
          (index === lastWord && hyphenNext) ||
          first ||
          afterMark;
        if (capital && word === lower) words[index] = capitalized(word);
        first = false;
        afterMark = false;
        last = { piece: words, index };
      });
      return words;
    });
    const end = last as { piece: string[]; index: number } | undefined;
    const lastWord = end?.piece[end.index];
    if (end && lastWord && lastWord.length > 1 && TITLE_CASE_SKIP.has(lastWord.toLowerCase()))
      end.piece[end.index] = capitalized(lastWord);
    return cased.map((words) => words.join('')).join('');
  }

  private link(variable: 'URL' | 'DOI', value: string, node: CslNode): Rendered | undefined {
    if (/[\s"<>&\\]/.test(value) || node.attrs['text-case'] || node.attrs.quotes) decline();
    if (variable === 'DOI' && !/^10\.\d+\//.test(value)) decline();
    if (variable === 'URL' && !/^https?:\/\/[^\s]+$/.test(value)) decline();
    let attrs = node.attrs;
    let shown = value;
    // A DOI's address as the style's prefix becomes part of the link, as citeproc has it.
    if (variable === 'DOI' && attrs.prefix === 'https://doi.org/') {
      shown = `${attrs.prefix}${value}`;
      attrs = { ...attrs, prefix: '' };
    } else if (/doi\.org|https?:/i.test(attrs.prefix ?? '')) {
      decline();
    }
    const href = variable === 'DOI' ? `https://doi.org/${value}` : value;
    const inner: Rendered = {
      html: `<a href="${href}">${shown}</a>`,
      first: shown[0] ?? '',
      last: shown.at(-1) ?? '',
      quoted: false,
    };
    return withAffixes(withFormatting(inner, attrs), attrs);
  }

  private pageRange(value: string): string {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(value);
    if (range) {
      const [, first = '', last = ''] = range;
      if (first.length > last.length || Number(last) <= Number(first)) decline();
      const delimiter = this.term('page-range-delimiter') ?? pageRangeDelimiter(this.locale.lang);
      return `${first}${delimiter}${shortenedPage(first, last, this.options['page-range-format'])}`;
    }
    if (/^\d+$/.test(value)) return value;
    return decline();
  }

  private number(node: CslNode): Result {
    const { attrs } = node;
    const variable = attrs.variable;
    if (!variable) return decline();
    const value = this.value(variable);
    if (value === undefined) return { called: true, printed: false };
    if (!/^\d+$/.test(value)) return decline();
    const form = attrs.form ?? 'numeric';
    let text: string;
    if (form === 'numeric') text = String(Number(value));
    else if (form === 'ordinal') text = this.ordinal(Number(value));
    else return decline();
    if (text !== value && form === 'numeric') decline();
    return { out: this.decorated(text, node), called: true, printed: true };
  }

  private ordinal(value: number): string {
    if (!this.english || value === 0) return decline();
    const lastTwo = value % 100;
    if (lastTwo >= 10 && lastTwo <= 19) return decline();
    const digit = value % 10;
    const specific = digit >= 1 && digit <= 4 ? this.term(`ordinal-0${digit}`) : undefined;
    const suffix = specific ?? this.term('ordinal');
    if (suffix === undefined) return decline();
    return `${value}${suffix}`;
  }

  private label(node: CslNode): Result {
    const { attrs } = node;
    const variable = attrs.variable;
    if (!variable) return decline();
    const value = this.value(variable);
    if (value === undefined) return NOTHING;
    if (variable !== 'page' && !NUMBER_VARIABLES.has(variable)) return decline();
    if (CITATION_ONLY.has(variable)) return NOTHING;
    let plural: boolean;
    if (attrs.plural === 'always') plural = true;
    else if (attrs.plural === 'never') plural = false;
    else if (/^[^-–&,\s]+$/.test(value)) plural = false;
    else if (/^\d+\s*[-–]\s*\d+$/.test(value)) plural = true;
    else return decline();
    const term = this.term(variable === 'number-of-pages' ? 'page' : variable, attrs.form, plural);
    return { out: this.decorated(term, node), called: false, printed: false };
  }

  // Names

  private namesElement(node: CslNode, inherited?: CslNode): Result {
    const variables = (node.attrs.variable ?? '').split(/\s+/).filter(Boolean);
    const found = variables.flatMap((variable) => {
      const names = this.names(variable);
      return names ? [{ variable, names }] : [];
    });
    const nameNode =
      childElements(node, 'name')[0] ?? (inherited && childElements(inherited, 'name')[0]);
    const etAlNode =
      childElements(node, 'et-al')[0] ?? (inherited && childElements(inherited, 'et-al')[0]);
    const labelNode =
      childElements(node, 'label')[0] ?? (inherited && childElements(inherited, 'label')[0]);
    if (found.length === 0) {
      const substitute = childElements(node, 'substitute')[0];
      if (!substitute) return { called: true, printed: false };
      for (const alternative of childElements(substitute)) {
        const result =
          alternative.name === 'names'
            ? this.namesElement(alternative, node)
            : this.element(alternative);
        if (result.out?.html || result.parts?.length) {
          if (alternative.name === 'names') {
            for (const variable of (alternative.attrs.variable ?? '').split(/\s+/))
              this.substituted.add(variable);
          } else {
            // What a substituted text or macro stood for is citeproc's to track.
            decline();
          }
          return withNamesAffixes(result, node);
        }
      }
      return { called: true, printed: false };
    }
    if (found.length > 1) decline();
    const [{ variable, names }] = found as [{ variable: string; names: CslName[] }];
    const list = this.nameList(names, nameNode, etAlNode);
    let out = list;
    if (labelNode && list) {
      if (
        childElements(node).indexOf(labelNode) < childElements(node).indexOf(nameNode ?? labelNode)
      )
        decline();
      const plural =
        labelNode.attrs.plural === 'always' ||
        (labelNode.attrs.plural !== 'never' && names.length > 1);
      const term = this.term(variable, labelNode.attrs.form, plural);
      out = joined(out, this.decorated(term, labelNode));
    }
    return withNamesAffixes({ out, called: true, printed: true }, node);
  }

  private option(nameNode: CslNode | undefined, key: string): string | undefined {
    return nameNode?.attrs[key] ?? this.options[key];
  }

  private nameList(
    names: readonly CslName[],
    nameNode: CslNode | undefined,
    etAlNode: CslNode | undefined,
  ): Rendered | undefined {
    const option = (key: string) => this.option(nameNode, key);
    const form = nameNode?.attrs.form ?? this.options['name-form'] ?? 'long';
    if (form !== 'long' && form !== 'short') decline();
    const delimiter = nameNode?.attrs.delimiter ?? this.options['name-delimiter'] ?? ', ';
    const min = Number(option('et-al-min') ?? Infinity);
    const useFirst = Number(option('et-al-use-first') ?? Infinity);
    const cut = names.length >= min && useFirst < names.length;
    if (cut && option('et-al-use-last') === 'true') decline();
    const shown = cut ? names.slice(0, useFirst) : names;
    if (shown.length === 0) decline();
    const sortOrder = option('name-as-sort-order');
    const rendered = shown.map((name, index) =>
      this.name(
        name,
        nameNode,
        form,
        sortOrder === 'all' || (sortOrder === 'first' && index === 0),
      ),
    );
    const inverted = sortOrder !== undefined;
    const andAttr = option('and');
    const and = andAttr === 'text' ? this.term('and') : andAttr === 'symbol' ? '&#38;' : undefined;
    if (andAttr && and === undefined) decline();
    const precedes = (attr: string | undefined, count: number) => {
      switch (attr ?? 'contextual') {
        case 'contextual':
          return count > 2;
        case 'always':
          return true;
        case 'never':
          return false;
        case 'after-inverted-name':
          return inverted && (sortOrder === 'all' || count - 1 === 1);
        default:
          return decline();
      }
    };
    let out: Rendered | undefined;
    rendered.forEach((name, index) => {
      if (index === 0) {
        out = name;
        return;
      }
      const last = index === rendered.length - 1 && !cut;
      if (last && and !== undefined) {
        // citeproc joins a literal name (an institution) after two or more others with the
        // delimiter, whatever the style says, and after one other without it.
        const before =
          shown[index]?.literal !== undefined
            ? rendered.length > 2
              ? delimiter
              : ' '
            : precedes(option('delimiter-precedes-last'), rendered.length)
              ? delimiter
              : ' ';
        // "&" arrives escaped; its seams are spaces.
        out = joined(out, {
          html: `${before}${and} `,
          first: before[0] ?? '',
          last: ' ',
          quoted: false,
        });
        out = joined(out, name) ?? out;
        if (!name.html) out = { ...out, last: ' ' } as Rendered;
      } else {
        out = joined(joined(out, plain(delimiter)), name);
      }
    });
    if (cut) {
      const term = etAlNode?.attrs.term ?? 'et-al';
      const etAl = this.term(term);
      if (etAl === undefined) decline();
      const before = precedes(option('delimiter-precedes-et-al'), shown.length + 1)
        ? delimiter
        : ' ';
      if (etAl)
        out = joined(
          joined(out, plain(before)),
          withFormatting(plain(etAl), etAlNode?.attrs ?? {}),
        );
    }
    return out;
  }

  private name(
    name: CslName,
    nameNode: CslNode | undefined,
    form: string,
    sortOrder: boolean,
  ): Rendered {
    if (nameNode && childElements(nameNode, 'name-part').length) decline();
    const keys = Object.keys(name);
    if (keys.some((key) => !NAME_KEYS.has(key))) decline();
    if (Object.values(name).some((part) => typeof part !== 'string')) decline();
    if (name.literal !== undefined) {
      if (keys.length !== 1) decline();
      // The owner's mark and the "…" of a cut list are publist's own literal names.
      if (name.literal === '') return { html: '', first: '', last: '', quoted: false };
      return this.namePart(name.literal, (text) => dataText(text));
    }
    if (!name.family) return decline();
    const familyOut = this.namePart(name.family, (text) => {
      if (!FAMILY.test(text)) decline();
      return plain(withApostrophes(text));
    });
    const particle = name['non-dropping-particle'];
    const particleOut =
      particle === undefined
        ? undefined
        : this.namePart(particle, (text) => {
            if (!PARTICLE.test(text)) decline();
            return plain(text);
          });
    const space = plain(' ');
    // citeproc binds a particle to the family name in French, Russian and Czech.
    const particleSpace = /^(?:fr|ru|cs)/.test(this.locale.lang) ? plain('\u00a0') : space;
    const withParticle = particleOut
      ? joined(joined(particleOut, particleSpace), familyOut)
      : familyOut;
    if (form === 'short' || name.given === undefined || name.given === '') {
      if (!withParticle) return decline();
      return withParticle;
    }
    const givenOut = this.namePart(name.given, (text) => plain(this.given(text, nameNode)));
    if (sortOrder) {
      const separator = plain(this.option(nameNode, 'sort-separator') ?? ', ');
      const demote =
        (this.options['demote-non-dropping-particle'] ?? 'display-and-sort') === 'display-and-sort';
      const out =
        particleOut && demote
          ? joined(joined(joined(joined(familyOut, separator), givenOut), space), particleOut)
          : joined(joined(withParticle, separator), givenOut);
      return out ?? decline();
    }
    return joined(joined(givenOut, space), withParticle) ?? decline();
  }

  /** A name part, with publist's bold mark around it kept around what is printed of it. */
  private namePart(text: string, print: (text: string) => Rendered): Rendered {
    const bold = /^<b>([^<>]*)<\/b>$/.exec(text);
    if (bold) return wrapped(print(bold[1] ?? ''), '<b>', '</b>');
    if (text.includes('<')) decline();
    return print(text);
  }

  private given(given: string, nameNode: CslNode | undefined): string {
    const initializeWith = this.option(nameNode, 'initialize-with');
    // "A.S." is two initials; a hyphen joins parts of one name (Jean-François).
    const words = given.split(/ |(?<=\.)(?=\p{Lu})/u);
    const parts = words.map((word) => word.split('-'));
    if (!parts.every((word) => word.every((part) => GIVEN_PART.test(part)))) decline();
    // Printed as written: with initialize="false", initials among the names get the style's
    // mark after them (see the engine), which is citeproc's to do.
    if (initializeWith === undefined || this.option(nameNode, 'initialize') === 'false') {
      if (parts.some((word) => word.some((part) => part.length === 1 || part.endsWith('.'))))
        decline();
      if (
        parts.some((word) => word.length > 1) &&
        this.option(nameNode, 'initialize-with-hyphen') === 'false'
      )
        decline();
      return given;
    }
    const mark = initializeWith.trimEnd();
    const space = initializeWith.slice(mark.length);
    const hyphen = this.option(nameNode, 'initialize-with-hyphen') === 'false' ? '' : '-';
    return parts
      .map((word) => word.map((part) => `${part[0] ?? ''}${mark}`).join(hyphen) + space)
      .join('')
      .trim();
  }

  // Dates

  private dateElement(node: CslNode): Result {
    const variable = node.attrs.variable;
    if (!variable) return decline();
    const parts = this.date(variable);
    if (!parts) return { called: true, printed: false };
    const { attrs } = node;
    if (attrs['text-case']) decline();
    let partNodes: { name: string; attrs: Record<string, string> }[];
    let delimiter = attrs.delimiter ?? '';
    if (attrs.form) {
      const localized = this.locale.dates.get(attrs.form);
      if (!localized) return decline();
      const wanted = attrs['date-parts'] ?? 'year-month-day';
      const names =
        wanted === 'year-month-day'
          ? ['year', 'month', 'day']
          : wanted === 'year-month'
            ? ['year', 'month']
            : wanted === 'year'
              ? ['year']
              : decline();
      const overrides = new Map(
        childElements(node, 'date-part').map((part) => [part.attrs.name, part.attrs]),
      );
      partNodes = childElements(localized, 'date-part')
        .filter((part) => names.includes(part.attrs.name ?? ''))
        .map((part) => {
          // The style may change a localized part's form or case, never its affixes.
          const override = Object.entries(overrides.get(part.attrs.name) ?? {}).filter(
            ([key]) => key !== 'prefix' && key !== 'suffix',
          );
          return { name: part.name, attrs: { ...part.attrs, ...Object.fromEntries(override) } };
        });
      delimiter = localized.attrs.delimiter ?? '';
      if (Object.keys(localized.attrs).some((key) => key !== 'form' && key !== 'delimiter'))
        decline();
    } else {
      partNodes = childElements(node, 'date-part');
    }
    const [year, month, day] = parts;
    const printedParts: Rendered[] = [];
    for (const part of partNodes) {
      const name = part.attrs.name;
      const form = part.attrs.form;
      let text: string | undefined;
      if (name === 'year') {
        if (year === undefined) continue;
        if (form === 'short') text = String(year % 100).padStart(2, '0');
        else if (form === undefined || form === 'long') text = String(year);
        else decline();
      } else if (name === 'month') {
        if (month === undefined) continue;
        text = this.month(month, form ?? 'long');
      } else if (name === 'day') {
        if (day === undefined || month === undefined) continue;
        if (form === undefined || form === 'numeric') text = String(day);
        else if (form === 'numeric-leading-zeros') text = String(day).padStart(2, '0');
        else decline();
      } else {
        decline();
      }
      if (part.attrs['text-case'] && this.ownCaseRules) decline();
      text = textCase(text ?? '', part.attrs['text-case']);
      if (part.attrs['strip-periods'] === 'true') text = withoutPeriods(text);
      const printed = withAffixes(withFormatting(plain(text), part.attrs), part.attrs);
      if (printed) printedParts.push(printed);
    }
    const out = withAffixes(withFormatting(joinAll(printedParts, delimiter), attrs), attrs);
    return { out, called: true, printed: true };
  }

  private month(month: number, form: string): string {
    if (form === 'numeric') return String(month);
    if (form === 'numeric-leading-zeros') return String(month).padStart(2, '0');
    if (form !== 'long' && form !== 'short') return decline();
    return this.term(`month-${String(month).padStart(2, '0')}`, form) ?? decline();
  }
}

function withNamesAffixes(result: Result, node: CslNode): Result {
  return {
    ...result,
    out: withAffixes(withFormatting(result.out, node.attrs), node.attrs),
  };
}
