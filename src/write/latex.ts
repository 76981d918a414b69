/**
 * LaTeX: a fragment to `\input` into any document (plain article, moderncv, your own class),
 * a standalone CV (`--standalone`), or a moderncv CV (`--standalone --template moderncv`;
 * without `--standalone`, the moderncv fragment).
 * The writer escapes everything (tex-escape.ts); the Handlebars templates in
 * templates/latex only place values, so no template can let a title's `\input` through.
 */
import { basename } from 'node:path';
import type { CitedDocument, CitedEntry } from '../cite/cited.js';
import { parseName } from '../model/names.js';
import type { Database } from '../model/paper.js';
import { listTitle, ownWords } from '../model/words.js';
import type { LatexRich } from './latex-rich.js';
import { computedOnRead, PAPER_SHAPE, paperContext, type PaperContext } from './list-context.js';
import type { TexEscaper, TexUsage } from './tex-escape.js';
import { UsageError } from '../model/problems.js';
import { loadTemplate, type RenderTemplate } from './templates.js';
import type { ShapeOf } from './template-check.js';
import { flagChoice, type OutputOptions, type Writer, type WriteRequest } from './writer.js';

export const HEADING_LEVELS = ['section', 'subsection', 'subsubsection', 'paragraph'] as const;
export const LATEX_LINKS = ['href', 'plain'] as const;
export const LATEX_LABELS = ['brackets', 'plain', 'none'] as const;

type LabelStyle = (typeof LATEX_LABELS)[number];

/** A link in the context: `text` to print, `href` for \href's first argument. */
interface LinkContext {
  kind: string;
  label: string;
  text: string;
  href?: string;
}

interface EntryContext {
  id: string;
  number?: number;
  /** "{[}12{]}" (prints [12]), ready for \item[...]; empty when not numbered. */
  label: string;
  text: string;
  links: LinkContext[];
  /** The links as labels after the entry, in the style the flags ask for. */
  labels: string;
  /** The paper's own fields; its links are \href targets, whatever --latex-links says. */
  paper: PaperContext;
}

interface GroupContext {
  key: string;
  heading: string;
  entries: EntryContext[];
}

/** What the LaTeX templates see; every string is LaTeX, escaped by the writer. */
export interface LatexContext {
  /** The heading of the list: the user's `title`, else "Publications" in the output's language. */
  title: string;
  /** The user gave the title: a fragment prints it too (a whole document always does). */
  titled: boolean;
  /** The command a fragment's title takes: a level above the group headings, "\section*". */
  titleCommand: string;
  /** What a whole document says when `count` is 0, in the output's language. */
  noMatch: string;
  source: string;
  style: { id: string; title: string };
  locale: string;
  standalone: boolean;
  numbered: boolean;
  count: number;
  groups: GroupContext[];
  legend: string[];
  owner: {
    name: string;
    given: string;
    family: string;
    /** "Jr.", "III": absent when the name has none. */
    suffix?: string;
    position?: string;
    affiliation?: string;
    email?: LinkContext;
    website?: LinkContext;
    /** The bare ORCID iD and GitHub user name. */
    orcid?: string;
    github?: string;
    /** E-mail, website, ORCID, GitHub, in that order, as links. */
    contacts: LinkContext[];
  };
  /** The group heading command: "\subsection*". */
  headingCommand: string;
  /** The widest label, to size the list's label column. */
  widestLabel: string;
  hyperref: boolean;
  /** For hyperref's pdftitle and pdfauthor. */
  pdfTitle: string;
  pdfAuthor: string;
  /** Scripts the text uses, so that a standalone document loads fonts for them. */
  fonts: TexUsage;
  /**
   * The owner's name is underlined (`highlight: underline`): \publistowner underlines, and a
   * whole document loads ulem, whose \uline breaks lines.
   */
  underlineOwner: boolean;
}

const LATEX_LINK = {
  kind: 'value',
  label: 'value',
  text: 'value',
  href: 'value',
} satisfies ShapeOf<LinkContext>;

/** The shape of `LatexContext`, which templates are checked against. */
const LATEX_SHAPE = {
  title: 'value',
  titled: 'value',
  titleCommand: 'value',
  noMatch: 'value',
  source: 'value',
  style: { id: 'value', title: 'value' },
  locale: 'value',
  standalone: 'value',
  numbered: 'value',
  count: 'value',
  groups: [
    {
      key: 'value',
      heading: 'value',
      entries: [
        {
          id: 'value',
          number: 'value',
          label: 'value',
          text: 'value',
          links: [LATEX_LINK],
          labels: 'value',
          paper: PAPER_SHAPE,
        },
      ],
    },
  ],
  legend: ['value'],
  owner: {
    name: 'value',
    given: 'value',
    family: 'value',
    suffix: 'value',
    position: 'value',
    affiliation: 'value',
    email: LATEX_LINK,
    website: LATEX_LINK,
    orcid: 'value',
    github: 'value',
    contacts: [LATEX_LINK],
  },
  headingCommand: 'value',
  widestLabel: 'value',
  hyperref: 'value',
  pdfTitle: 'value',
  pdfAuthor: 'value',
  fonts: { cjk: 'value', fallback: 'value', rtl: 'value', rtlScripts: 'value' },
  underlineOwner: 'value',
} satisfies ShapeOf<LatexContext>;

export const latexWriter: Writer = {
  format: 'latex',
  description:
    'LaTeX: a fragment to \\input, a CV with --standalone, moderncv with --template moderncv',
  defaultFile: ({ standalone }) => (standalone ? 'cv-latex.tex' : 'publications.tex'),
  template: latexTemplate,
  flags: [
    {
      name: 'latex-heading',
      description: 'the command for group headings (default subsection)',
      choices: HEADING_LEVELS,
    },
    {
      name: 'latex-links',
      description: 'href: clickable (needs hyperref); plain: text only, for documents without it',
      choices: LATEX_LINKS,
    },
    {
      name: 'latex-labels',
      description: 'link labels after entries: [DOI] [Code], DOI Code, or none',
      choices: LATEX_LABELS,
    },
  ],
  async write(request) {
    // The template before citing: a template that is not there is said before any formatting.
    const tex = loadTex();
    const render = await latexTemplate(request.output);
    const document = await request.cite();
    const { context, escaper } = latexContext(document, request, await tex);
    const fonts = { ...context.fonts };
    let text = render(context);
    // A paper field the template printed (an abstract in Chinese) can need fonts that the
    // preamble, rendered before it, did not load yet: then the preamble is rendered again.
    if (
      context.fonts.cjk !== fonts.cjk ||
      context.fonts.fallback !== fonts.fallback ||
      context.fonts.rtl !== fonts.rtl ||
      context.fonts.rtlScripts !== fonts.rtlScripts
    ) {
      text = render(context);
    }
    // After rendering: the paper fields are escaped when the template reads them.
    escaper.reportCharacters();
    return tidy(text);
  },
};

/**
 * The escaping modules, loaded only when LaTeX is written: their Unicode tables
 * (unicode2latex) cost every other command about 40 ms of start-up.
 */
type Tex = typeof import('./tex-escape.js') & typeof import('./latex-rich.js');

async function loadTex(): Promise<Tex> {
  const [escape, rich] = await Promise.all([import('./tex-escape.js'), import('./latex-rich.js')]);
  return { ...escape, ...rich };
}

const isFragment = (name: string) => name === 'fragment' || name.endsWith('-fragment');

/**
 * `--template NAME` names a pair: NAME is the whole document (`--standalone`) and
 * NAME-fragment the part to \input; the default pair is standalone and fragment.
 */
async function latexTemplate(output: OutputOptions): Promise<RenderTemplate> {
  const { standalone, template = standalone ? 'standalone' : 'fragment', templatesDir } = output;
  if (standalone || isFragment(template)) {
    if (standalone && isFragment(template)) {
      const whole = template === 'fragment' ? 'standalone' : template.slice(0, -'-fragment'.length);
      throw new UsageError(
        `--template ${template} is a fragment to \\input, not a whole document: leave out --standalone, or use --template ${whole} --standalone`,
      );
    }
    return loadTemplate('latex', template, templatesDir, LATEX_SHAPE);
  }
  const fragment = template === 'standalone' ? 'fragment' : `${template}-fragment`;
  try {
    return await loadTemplate('latex', fragment, templatesDir, LATEX_SHAPE);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // The whole document exists (or this says the name is unknown): point to --standalone.
    await loadTemplate('latex', template, templatesDir, LATEX_SHAPE);
    throw new UsageError(
      `--template ${template} is a whole document and there is no ${fragment} template: add --standalone`,
    );
  }
}

function latexContext(
  document: CitedDocument,
  request: WriteRequest,
  tex: Tex,
): { context: LatexContext; escaper: TexEscaper } {
  const { database, output, settings } = request;
  const escaper = new tex.TexEscaper('latex', request.warn);
  const hyperref = flagChoice(request, 'latex-links', LATEX_LINKS, 'href') === 'href';
  const labelStyle = flagChoice(request, 'latex-labels', LATEX_LABELS, 'brackets');
  const heading = flagChoice(request, 'latex-heading', HEADING_LEVELS, 'subsection');
  const rich = new tex.LatexRich(escaper, { hyperref });
  const plain = (value: string, where = 'heading') => escaper.text(value, where);

  const groups = document.groups.map((group) => ({
    key: plain(group.key, `heading ${group.key}`),
    heading: plain(group.heading, `heading ${group.key}`),
    entries: group.entries.map((entry) =>
      entryContext(entry, database, tex, rich, hyperref, labelStyle),
    ),
  }));
  const labels = groups.flatMap((group) => group.entries.map((entry) => entry.label));
  const owner = ownerContext(database, tex, escaper, hyperref);
  const count = groups.reduce((sum, group) => sum + group.entries.length, 0);
  const title = listTitle(settings.title, document.locale);
  const context: Omit<LatexContext, 'title' | 'pdfTitle' | 'noMatch'> = {
    titled: settings.title !== undefined,
    // Groups that are sections leave no level above them: the title is a section too, as
    // in the standalone CV.
    titleCommand: `\\${HEADING_LEVELS[Math.max(0, HEADING_LEVELS.indexOf(heading) - 1)]}*`,
    source: plain(basename(database.file)),
    style: { id: plain(document.style.id), title: plain(document.style.title) },
    locale: plain(document.locale),
    standalone: output.standalone,
    numbered: labels.some(Boolean),
    count,
    groups,
    legend: document.legend.map((line) => rich.render(line, 'legend')),
    owner,
    headingCommand: `\\${heading}*`,
    widestLabel: labels.reduce(
      (widest, label) => (label.length > widest.length ? label : widest),
      '',
    ),
    hyperref,
    pdfAuthor: owner.name,
    fonts: escaper.usage,
    underlineOwner: settings.highlight_owner && settings.highlight === 'underline',
  };
  // Escaped when the template prints them (a fragment prints neither, unless titled), and
  // the title once: a character no font has is reported once, as the heading's.
  computedOnRead(context, 'title', () => plain(title));
  computedOnRead(context, 'noMatch', () => plain(ownWords(document.locale).noMatch));
  computedOnRead(context, 'pdfTitle', () => `${owner.name}: ${(context as LatexContext).title}`);
  return { context: context as LatexContext, escaper };
}

function entryContext(
  entry: CitedEntry,
  database: Database,
  tex: Tex,
  rich: LatexRich,
  hyperref: boolean,
  labelStyle: LabelStyle,
): EntryContext {
  const escaper = rich.escaper;
  const links: LinkContext[] = entry.links.map((link) => {
    const href = hyperref ? tex.webHref(link.url) : undefined;
    return {
      kind: link.kind,
      label: escaper.text(link.label, entry.id),
      text: rich.render([{ kind: 'text', text: link.url }], entry.id, true),
      ...(href ? { href } : {}),
    };
  });
  const context = {
    id: escaper.text(entry.id, entry.id),
    ...(entry.number !== undefined ? { number: entry.number } : {}),
    label: entry.number !== undefined ? escaper.text(`[${entry.number}]`, entry.id) : '',
    text: rich.render(entry.text, entry.id),
    links,
    labels: linkLabels(links, labelStyle),
  };
  computedOnRead(context, 'paper', () =>
    paperContext(entry, database, {
      rich: (nodes) => rich.render(nodes, entry.id),
      plain: (value) => escaper.text(value, entry.id),
      url: tex.webHref,
    }),
  );
  return context as EntryContext;
}

/** [DOI] [Code] as links; without hyperref, "[Code: https://...]" so the address is still there. */
function linkLabels(links: readonly LinkContext[], style: LabelStyle): string {
  if (style === 'none') return '';
  return links
    .map((link) => {
      const inner = link.href ? link.label : `${link.label}: ${link.text}`;
      const shown = style === 'brackets' ? `{[}${inner}{]}` : inner;
      return link.href ? `\\href{${link.href}}{${shown}}` : shown;
    })
    .join(' ');
}

function ownerContext(
  database: Database,
  tex: Tex,
  escaper: TexEscaper,
  hyperref: boolean,
): LatexContext['owner'] {
  const { owner } = database;
  const text = (value: string) => escaper.text(value, 'owner');
  const parsed = parseName(owner.name);
  const family = [parsed.particle, parsed.family].filter(Boolean).join(' ');
  const given = parsed.given ?? '';
  const contact = (kind: string, label: string, shown: string, url: string): LinkContext => {
    const href = hyperref ? tex.hrefTarget(url) : undefined;
    return { kind, label: text(label), text: text(shown), ...(href ? { href } : {}) };
  };
  const email = owner.email
    ? contact('email', 'E-mail', owner.email, `mailto:${owner.email}`)
    : undefined;
  const website = owner.website
    ? contact(
        'website',
        'Website',
        owner.website.replace(/^https?:\/\//i, '').replace(/\/$/, ''),
        owner.website,
      )
    : undefined;
  const contacts = [
    email,
    website,
    owner.orcid
      ? contact('orcid', 'ORCID', `ORCID ${owner.orcid}`, `https://orcid.org/${owner.orcid}`)
      : undefined,
    owner.github
      ? contact(
          'github',
          'GitHub',
          `github.com/${owner.github}`,
          `https://github.com/${owner.github}`,
        )
      : undefined,
  ].filter((link): link is LinkContext => link !== undefined);
  return {
    name: text(owner.name),
    given: given ? text(given) : '',
    family: text(family || owner.name),
    ...(parsed.suffix ? { suffix: text(parsed.suffix) } : {}),
    ...(owner.position ? { position: text(owner.position) } : {}),
    ...(owner.affiliation ? { affiliation: text(owner.affiliation) } : {}),
    ...(email ? { email } : {}),
    ...(website ? { website } : {}),
    ...(owner.orcid ? { orcid: text(owner.orcid) } : {}),
    ...(owner.github ? { github: text(owner.github) } : {}),
    contacts,
  };
}

/** Template output tidied: no trailing spaces, no runs of blank lines, one final newline. */
function tidy(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
