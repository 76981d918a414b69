/**
 * The PDF CV, drawn with pdfkit: a header from `owner`, a heading per group, numbered entries
 * with hanging indents and link labels, page numbers and the owner's name in the footer,
 * metadata and an outline. Layout is computed first (so the footer knows the page count),
 * then drawn page by page.
 */
import type { CitedDocument, CitedEntry } from '../../cite/cited.js';
import type { Owner } from '../../model/schema.js';
import type { Highlight } from '../../model/vocabulary.js';
import { listTitle, ownWords } from '../../model/words.js';
import { codePointNames } from '../../richtext/code-points.js';
import { FontBook, REPLACEMENT, type Face } from './fonts.js';
import { PDFDocument } from './modules.js';
import {
  flatten,
  layoutParagraph,
  type LinkLook,
  type Line,
  type Measure,
  type Span,
  type TextStyle,
} from './layout.js';
import type { PdfTheme } from './theme.js';

/** What is known before the citations are formatted: enough to open the document and its fonts. */
export interface PdfSetup {
  owner: Owner;
  theme: PdfTheme;
  /** The CSL locale: the document's language, and the CJK face (sc, tc, jp, kr). */
  locale: string;
  /** Metadata keywords besides the owner's name (topic labels). */
  keywords: string[];
  /** The document date: from SOURCE_DATE_EPOCH or a rule of the caller's, never the clock. */
  date: Date;
  /** How the owner's name is drawn: bold, or underlined. */
  highlight: Highlight;
}

export interface PdfResult {
  bytes: Uint8Array;
  /** Characters no font has, by entry. */
  warnings: string[];
}

/** Prepares and renders in one go. */
export async function renderPdf(
  setup: PdfSetup,
  document: CitedDocument,
  warn: (message: string) => void,
): Promise<Uint8Array> {
  const { bytes, warnings } = await preparePdf(setup).render(document);
  for (const message of warnings) warn(message);
  return bytes;
}

/** Opens the document and the theme's faces, in a fixed order (the fonts' names depend on it). */
export function preparePdf(setup: PdfSetup): PreparedPdf {
  return new PreparedPdf(setup);
}

export class PreparedPdf {
  private readonly pdf: PDFKit.PDFDocument;
  private readonly cv: CvLayout;
  private readonly warnings: string[] = [];
  private readonly finished: Promise<Buffer>;

  constructor(private readonly setup: PdfSetup) {
    const { theme, owner } = setup;
    const title = listTitle(setup.theme.title, setup.locale);
    this.pdf = new PDFDocument({
      size: theme.pageSize,
      margin: 0,
      autoFirstPage: false,
      compress: true,
      pdfVersion: '1.7',
      lang: setup.locale,
      displayTitle: true,
      info: {
        Title: `${owner.name} — ${title}`,
        Author: owner.name,
        Keywords: [owner.name, title, ...setup.keywords].join(', '),
        Creator: 'publist',
        Producer: 'publist (pdfkit)',
        CreationDate: setup.date,
        ModDate: setup.date,
      },
    });
    const chunks: Buffer[] = [];
    this.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.finished = new Promise((done, fail) => {
      this.pdf.on('end', () => done(Buffer.concat(chunks)));
      this.pdf.on('error', fail);
    });
    this.cv = new CvLayout(this.pdf, setup, (message) => this.warnings.push(message));
    this.cv.openFaces();
  }

  /**
   * While the entries are not there yet (the worker waits for the citations), shapes
   * entry-like text in each face, a few words at a time, so that fontkit decodes its tables
   * and its code gets compiled meanwhile. Stops as soon as `stop()` says the entries came.
   * Only caches fill: the bytes are the same however far it got.
   */
  async warmUp(stop: () => boolean): Promise<void> {
    for (const [text, face, size] of this.cv.warmUpSamples()) {
      const words = text.split(/(?<= )/);
      for (let i = 0; i < words.length; i += WARM_UP_STEP) {
        if (stop()) return;
        this.cv.measureText(words.slice(i, i + WARM_UP_STEP).join(''), face, size);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** `progress` hears how much is done: each entry laid out, then each page drawn. */
  async render(
    document: CitedDocument,
    progress?: (done: number, total: number) => void,
  ): Promise<PdfResult> {
    const { pdf, cv, setup } = this;
    pdf.info.Subject = `${setup.owner.name}: ${listTitle(setup.theme.title, setup.locale)} (${document.style.title})`;
    const entries = document.groups.reduce((sum, group) => sum + group.entries.length, 0);
    const blocks = cv.blocks(document, (done) => progress?.(done, entries * 2));
    const pages = cv.paginate(blocks);
    pages.forEach((placements, index) => {
      pdf.addPage({ size: setup.theme.pageSize, margin: 0 });
      for (const placement of placements) cv.draw(placement);
      cv.drawFooter(index + 1, pages.length);
      // Pages hold about as many entries each: the drawing's half of the work, page by page.
      progress?.(entries + Math.round((entries * (index + 1)) / pages.length), entries * 2);
    });
    pdf.end();
    return { bytes: await this.finished, warnings: this.warnings };
  }
}

/**
 * Text in the way entries are written: every letter, digit and the usual punctuation, so that
 * fontkit decodes the glyph, ligature and kerning tables an entry needs before it arrives.
 */
const WARM_UP = [
  'The quick brown fox jumps over the lazy dog; Pack my box with five dozen liquor jugs.',
  'Efficient Fine-Tuning of Large Language Models for Reinforcement Learning and Reasoning,',
  'in Proceedings of the Annual Meeting of the Association for Computational Linguistics (ACL),',
  'Advances in Neural Information Processing Systems, vol. 36, no. 2, pp. 1478–1492, 2024.',
  'J. Smith, W. Xiong, Q. Yu, V. Zhang, K. Ng, O. Ivanov, and E. Bode et al., “Mask,” arXiv:2506.22058.',
  '[Online]. Available: https://doi.org/10.18653/v1/2024 — Jan. Feb. Mar. Apr. Jun. Jul. Aug. Oct. Nov. Dec.',
].join(' ');

/** Words shaped between two looks at whether the entries came. */
const WARM_UP_STEP = 6;

/** A vertical piece of the page: a header line, a heading, an entry. */
interface Block {
  kind: 'header' | 'title' | 'heading' | 'entry' | 'legend';
  /** Space above the block, dropped at the top of a page. */
  spaceBefore: number;
  lines: Line[];
  lineHeight: number;
  /** Where the lines start, from the left margin. */
  indent: number;
  /** For hanging indents: the offset of the lines after the first. */
  restIndent: number;
  align: 'left' | 'centre';
  /** Drawn in the number column of an entry's first line. */
  number?: Line;
  /** An outline (bookmark) entry pointing here. */
  bookmark?: string;
  /** A rule under (title) or after (heading) the block's first line. */
  rule?: 'under' | 'after';
  /** Never the last block on a page. */
  keepWithNext: boolean;
  /** For an entry: its group's heading, repeated when the group goes on at the top of a page. */
  continuation?: Block;
}

interface Placement {
  block: Block;
  /** The top of the block's first drawn line. */
  y: number;
  from: number;
  to: number;
}

class CvLayout {
  private readonly fonts: FontBook;
  private readonly measure: Measure;
  private readonly theme: PdfTheme;
  private readonly textWidth: number;
  private readonly link: LinkLook;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly setup: PdfSetup,
    private readonly warn: (message: string) => void,
  ) {
    this.theme = setup.theme;
    this.fonts = new FontBook(
      this.theme,
      // pdfkit takes a parsed fontkit font as well as a file (PDFFontFactory.open).
      (key, font) => pdf.registerFont(key, font as unknown as Buffer),
      setup.locale,
    );
    // Widths at 1000 pt per face and text: a word is shaped once, whatever its size.
    const widths = new Map<string, Map<string, number>>();
    this.measure = (text, face, size, features) => {
      const key = features ? `${face.key} ${features.join()}` : face.key;
      let known = widths.get(key);
      if (!known) widths.set(key, (known = new Map()));
      let units = known.get(text);
      if (units === undefined) {
        pdf.font(face.key).fontSize(1000);
        units = pdf.widthOfString(text, features ? { features: asFeatures(features) } : {});
        known.set(text, units);
      }
      return (units * size) / 1000;
    };
    const { margins, pageSize } = this.theme;
    this.textWidth = pageSize[0] - margins.left - margins.right;
    this.link =
      this.theme.links === 'color'
        ? { color: this.theme.colors.link, underline: false }
        : { underline: this.theme.links === 'underline' };
  }

  /** The primary faces, first used in a fixed order: pdfkit names fonts in order of first use. */
  openFaces(): void {
    for (const style of ['regular', 'bold', 'italic'] as const) {
      this.measure(' ', this.fonts.primary('body', style), this.theme.sizes.body);
    }
    this.measure(' ', this.fonts.primary('heading', 'regular'), this.theme.sizes.small);
  }

  /** What warmUp shapes: bold draws the owner's name and the headings, the others the rest. */
  warmUpSamples(): [string, Face, number][] {
    const { body, small } = this.theme.sizes;
    const { owner } = this.setup;
    const bold = [owner.name, ...(owner.aliases ?? []), '2019 2020 2021 2022 2023 2024 2025,'];
    return [
      [WARM_UP, this.fonts.primary('body', 'regular'), body],
      [bold.join(' '), this.fonts.primary('body', 'bold'), body],
      [WARM_UP, this.fonts.primary('body', 'italic'), body],
      [WARM_UP, this.fonts.primary('heading', 'regular'), small],
    ];
  }

  measureText(text: string, face: Face, size: number): number {
    return this.measure(text, face, size);
  }

  /** `laidOut` hears how many entries are laid out so far. */
  blocks(document: CitedDocument, laidOut?: (done: number) => void): Block[] {
    const { theme } = this;
    const { sizes, colors } = theme;
    const centred = theme.layout === 'centred';
    const blocks: Block[] = [...this.header()];

    blocks.push({
      ...this.textBlock(
        'title',
        [
          {
            text: centred
              ? listTitle(this.setup.theme.title, this.setup.locale)
              : listTitle(this.setup.theme.title, this.setup.locale).toLocaleUpperCase(),
            style: {
              role: 'heading',
              size: sizes.heading * 1.15,
              color: colors.accent,
              bold: !centred,
              smallCaps: centred,
            },
          },
        ],
        'title',
      ),
      spaceBefore: sizes.body * 1.6,
      rule: 'under',
      keepWithNext: true,
    });

    const entries = document.groups.flatMap((group) => group.entries);
    const numberLines = new Map<CitedEntry, Line>();
    for (const entry of entries) {
      if (entry.number !== undefined) numberLines.set(entry, this.numberLine(entry.number));
    }
    const numberWidth = Math.max(0, ...[...numberLines.values()].map((line) => line.width));
    const gap = sizes.body * 0.7;
    const hanging = sizes.body * 1.5;

    const single = document.groups.length === 1 && !document.groups[0]?.heading;
    let done = 0;
    for (const group of document.groups) {
      let continuation: Block | undefined;
      if (!single && group.heading) {
        const style: TextStyle = {
          role: 'heading',
          size: sizes.heading,
          color: colors.accent,
          bold: true,
        };
        const heading = (spans: Span[]): Block => ({
          ...this.textBlock(`the heading "${group.heading}"`, spans, 'heading'),
          spaceBefore: sizes.heading * 1.25,
          rule: 'after',
          keepWithNext: true,
        });
        const title = { text: group.heading, style };
        blocks.push({ ...heading([title]), bookmark: group.heading });
        const more = ownWords(this.setup.locale).continued;
        continuation = heading(
          more
            ? [title, { text: ` ${more}`, style: { ...style, bold: false, color: colors.muted } }]
            : [title],
        );
      }
      group.entries.forEach((entry, index) => {
        const number = numberLines.get(entry);
        const indent = numberLines.size ? numberWidth + gap : 0;
        const shape = numberLines.size
          ? { firstWidth: this.textWidth - indent, restWidth: this.textWidth - indent }
          : { firstWidth: this.textWidth, restWidth: this.textWidth - hanging };
        const missing = new Set<string>();
        const lines = layoutParagraph(
          this.entrySpans(entry),
          shape,
          this.fonts,
          this.measure,
          missing,
        );
        this.reportMissing(`entry ${entry.id}`, missing);
        laidOut?.(++done);
        blocks.push({
          kind: 'entry',
          spaceBefore: index === 0 ? sizes.body * 0.5 : sizes.body * 0.55,
          lines,
          lineHeight: sizes.body * theme.leading,
          indent,
          restIndent: numberLines.size ? 0 : hanging,
          align: 'left',
          ...(number ? { number } : {}),
          keepWithNext: false,
          ...(continuation ? { continuation } : {}),
        });
      });
    }

    if (entries.length === 0) {
      blocks.push({
        ...this.textBlock(
          'the empty list',
          [{ text: ownWords(this.setup.locale).noMatch, style: this.mutedStyle(sizes.body) }],
          'entry',
        ),
        spaceBefore: sizes.body,
        keepWithNext: false,
      });
    }

    document.legend.forEach((line, index) => {
      blocks.push({
        ...this.textBlock(
          'the legend',
          flatten(line, this.mutedStyle(sizes.small), this.link, this.setup.highlight),
          'legend',
        ),
        spaceBefore: index === 0 ? sizes.body * 1.5 : 0,
        keepWithNext: false,
      });
    });
    return blocks;
  }

  /** Name; position and affiliation; contact links. */
  private header(): Block[] {
    const { theme, setup } = this;
    const { owner } = setup;
    const { sizes, colors } = theme;
    const centred = theme.layout === 'centred';
    const blocks: Block[] = [
      {
        ...this.textBlock(
          'the header',
          [
            {
              text: owner.name,
              style: {
                role: 'heading',
                size: sizes.name,
                color: centred ? colors.accent : colors.text,
                bold: !centred,
                smallCaps: centred,
              },
            },
          ],
          'header',
        ),
        spaceBefore: 0,
        keepWithNext: true,
      },
    ];
    const subtitle = [owner.position, owner.affiliation].filter(Boolean).join(', ');
    if (subtitle) {
      blocks.push({
        ...this.textBlock(
          'the header',
          [
            {
              text: subtitle,
              style: {
                role: 'body',
                size: sizes.body * 1.1,
                color: centred ? colors.text : colors.accent,
                italic: centred,
              },
            },
          ],
          'header',
        ),
        spaceBefore: sizes.body * 0.3,
        keepWithNext: true,
      });
    }
    const contacts = contactLinks(owner);
    if (contacts.length) {
      const style = this.mutedStyle(sizes.body * 0.95);
      const spans: Span[] = [];
      contacts.forEach((contact, index) => {
        if (index) spans.push({ text: '  ·  ', style });
        spans.push({
          text: contact.label,
          style: { ...style, link: contact.url, color: colors.link },
        });
      });
      blocks.push({
        ...this.textBlock('the header', spans, 'header'),
        spaceBefore: sizes.body * 0.35,
        keepWithNext: true,
      });
    }
    return blocks;
  }

  private mutedStyle(size: number): TextStyle {
    return { role: 'body', size, color: this.theme.colors.muted };
  }

  private textBlock(
    context: string,
    spans: Span[],
    kind: Block['kind'],
  ): Omit<Block, 'spaceBefore' | 'keepWithNext'> {
    const missing = new Set<string>();
    const lines = layoutParagraph(
      spans,
      { firstWidth: this.textWidth, restWidth: this.textWidth },
      this.fonts,
      this.measure,
      missing,
    );
    this.reportMissing(context, missing);
    const size = Math.max(...spans.map((span) => span.style.size));
    const centred = this.theme.layout === 'centred' && (kind === 'header' || kind === 'title');
    return {
      kind,
      lines,
      lineHeight: size * (kind === 'entry' || kind === 'legend' ? this.theme.leading : 1.25),
      indent: 0,
      restIndent: 0,
      align: centred ? 'centre' : 'left',
    };
  }

  private entrySpans(entry: CitedEntry): Span[] {
    const { theme } = this;
    const base: TextStyle = { role: 'body', size: theme.sizes.body, color: theme.colors.text };
    const spans = flatten(entry.text, base, this.link, this.setup.highlight);
    const { links } = entry;
    if (theme.labels !== 'none' && links.length) {
      const style: TextStyle = {
        role: 'heading',
        size: theme.sizes.small + 0.5,
        color: theme.colors.link,
      };
      spans.push({ text: ' ', style: base });
      links.forEach((link, index) => {
        const label = theme.labels === 'brackets' ? `[${link.label}]` : link.label;
        spans.push({ text: index ? `\u2002${label}` : label, style: { ...style, link: link.url } });
      });
    }
    return spans;
  }

  private numberLine(number: number): Line {
    const label = this.theme.layout === 'centred' ? `[${number}]` : `${number}`;
    const missing = new Set<string>();
    const [line] = layoutParagraph(
      [{ text: label, style: this.mutedStyle(this.theme.sizes.body) }],
      { firstWidth: Infinity, restWidth: Infinity },
      this.fonts,
      this.measure,
      missing,
    );
    return line ?? { boxes: [], width: 0 };
  }

  private reportMissing(context: string, missing: Set<string>): void {
    if (!missing.size) return;
    const list = [...missing].map((cluster) => `"${cluster}" (${codePointNames(cluster)})`);
    this.warn(
      `pdf: ${context}: no font has ${list.join(', ')}; drawn as ${REPLACEMENT} (add a font that has ${missing.size === 1 ? 'it' : 'them'} under render.pdf.fonts.fallback)`,
    );
  }

  /** Blocks onto pages: an entry moves whole to the next page unless it is taller than a page. */
  paginate(blocks: Block[]): Placement[][] {
    const { margins, pageSize } = this.theme;
    const top = margins.top;
    const bottom = pageSize[1] - margins.bottom;
    const pages: Placement[][] = [[]];
    let y = top;
    const page = () => pages[pages.length - 1] as Placement[];
    const heightOf = (block: Block, lines = block.lines.length) => lines * block.lineHeight;
    /** A new page; an entry whose group goes on there gets its heading repeated first. */
    const newPage = (next: Block) => {
      pages.push([]);
      y = top;
      const heading = next.continuation;
      if (heading) {
        page().push({ block: heading, y, from: 0, to: heading.lines.length });
        y += heightOf(heading) + next.spaceBefore;
      }
    };
    blocks.forEach((block, index) => {
      const atTop = page().length === 0;
      let space = atTop ? 0 : block.spaceBefore;
      // What must fit with this block: the next block too, when this one keeps with it.
      let needed = heightOf(block);
      for (let i = index; blocks[i]?.keepWithNext; i++) {
        const next = blocks[i + 1];
        if (!next) break;
        const nextHeight = Math.min(heightOf(next), bottom - top - needed - next.spaceBefore);
        needed += next.spaceBefore + Math.max(nextHeight, next.lineHeight);
        if (!next.keepWithNext) break;
      }
      if (!atTop && y + space + needed > bottom) {
        newPage(block);
        space = 0;
      }
      y += space;
      let from = 0;
      while (from < block.lines.length) {
        const fit = Math.max(1, Math.floor((bottom - y + 0.01) / block.lineHeight));
        const to = Math.min(block.lines.length, from + fit);
        if (to > from && y + heightOf(block, to - from) <= bottom + 0.01) {
          page().push({ block, y, from, to });
          y += heightOf(block, to - from);
          from = to;
        }
        if (from < block.lines.length) newPage(block);
      }
    });
    return pages.filter((placements, index) => placements.length || index === 0);
  }

  draw(placement: Placement): void {
    const { block, from, to } = placement;
    const { pdf, theme } = this;
    const left = theme.margins.left;
    let top = placement.y;
    if (block.bookmark && from === 0) {
      pdf.outline.addItem(block.bookmark, { top, left: theme.pageSize[0] } as object);
    }
    for (let index = from; index < to; index++) {
      const line = block.lines[index] as Line;
      const baseline = top + block.lineHeight * 0.78;
      let x = left + block.indent + (index === 0 ? 0 : block.restIndent);
      if (block.align === 'centre') x = left + (this.textWidth - line.width) / 2;
      this.drawLine(line, x, baseline, top, block.lineHeight);
      if (index === 0 && block.number) {
        const numberX = left + block.indent - theme.sizes.body * 0.7 - block.number.width;
        this.drawLine(block.number, numberX, baseline, top, block.lineHeight);
      }
      if (index === 0 && block.rule) this.drawRule(block, line, x, baseline);
      top += block.lineHeight;
    }
  }

  private drawRule(block: Block, line: Line, x: number, baseline: number): void {
    const { pdf, theme } = this;
    const left = theme.margins.left;
    const right = theme.pageSize[0] - theme.margins.right;
    pdf.save();
    if (block.rule === 'under') {
      const y = baseline + block.lineHeight * 0.3;
      pdf.lineWidth(0.8).strokeColor(theme.colors.accent).moveTo(left, y).lineTo(right, y).stroke();
    } else {
      const start = x + line.width + theme.sizes.body * 0.6;
      const y = baseline - theme.sizes.heading * 0.3;
      if (start < right) {
        pdf
          .lineWidth(0.4)
          .strokeColor(theme.colors.muted)
          .moveTo(start, y)
          .lineTo(right, y)
          .stroke();
      }
    }
    pdf.restore();
  }

  private drawLine(line: Line, x: number, baseline: number, top: number, height: number): void {
    const { pdf } = this;
    for (const box of line.boxes) {
      pdf
        .font(box.face.key)
        .fontSize(box.size)
        .fillColor(box.color)
        .text(box.text, x + box.x, baseline - box.rise, {
          lineBreak: false,
          baseline: 'alphabetic',
          // The measured width, so that pdfkit does not measure the text again.
          ...({ textWidth: box.width } as object),
          ...(box.features ? { features: asFeatures(box.features) } : {}),
        });
      if (box.underline) {
        pdf.save();
        pdf
          .lineWidth(0.4)
          .strokeColor(box.color)
          .moveTo(x + box.x, baseline + 1.5)
          .lineTo(x + box.x + box.width, baseline + 1.5)
          .stroke();
        pdf.restore();
      }
    }
    // One link rectangle per run of boxes with the same target.
    let start = 0;
    while (start < line.boxes.length) {
      const first = line.boxes[start] as (typeof line.boxes)[number];
      let end = start + 1;
      while (end < line.boxes.length && line.boxes[end]?.link === first.link) end++;
      if (first.link) {
        const last = line.boxes[end - 1] as (typeof line.boxes)[number];
        pdf.link(x + first.x, top, last.x + last.width - first.x, height, first.link);
      }
      start = end;
    }
  }

  drawFooter(page: number, pages: number): void {
    const { theme, setup } = this;
    const size = theme.sizes.small;
    const style = this.mutedStyle(size);
    const baseline = theme.pageSize[1] - theme.margins.bottom / 2;
    const missing = new Set<string>();
    const shape = { firstWidth: Infinity, restWidth: Infinity };
    const [name] = layoutParagraph(
      [{ text: setup.owner.name, style }],
      shape,
      this.fonts,
      this.measure,
      missing,
    );
    const [count] = layoutParagraph(
      [{ text: `${page} / ${pages}`, style }],
      shape,
      this.fonts,
      this.measure,
      missing,
    );
    if (name) this.drawLine(name, theme.margins.left, baseline, baseline - size, size * 1.2);
    if (count) {
      const x = theme.pageSize[0] - theme.margins.right - count.width;
      this.drawLine(count, x, baseline, baseline - size, size * 1.2);
    }
  }
}

interface Contact {
  label: string;
  url: string;
}

function contactLinks(owner: Owner): Contact[] {
  const contacts: Contact[] = [];
  if (owner.email) contacts.push({ label: owner.email, url: `mailto:${owner.email}` });
  if (owner.website) {
    contacts.push({
      label: owner.website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, ''),
      url: owner.website,
    });
  }
  if (owner.orcid) {
    contacts.push({ label: `ORCID ${owner.orcid}`, url: `https://orcid.org/${owner.orcid}` });
  }
  if (owner.github) {
    contacts.push({
      label: `github.com/${owner.github}`,
      url: `https://github.com/${owner.github}`,
    });
  }
  return contacts;
}

function asFeatures(features: string[]): PDFKit.Mixins.OpenTypeFeatures[] {
  return features as PDFKit.Mixins.OpenTypeFeatures[];
}
