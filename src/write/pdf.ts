/**
 * The PDF CV writer: the cited document drawn directly with pdfkit (no TeX). pdfkit and the
 * fonts load inside write(), so that other formats start without paying for them.
 */
import type { CitedDocument } from '../cite/cited.js';
import { UsageError } from '../model/problems.js';
import type { PdfSection } from '../model/schema.js';
import { sourceDateEpoch } from '../source-date.js';
import {
  PAPER_SIZES,
  PDF_LABEL_STYLES,
  PDF_LINK_STYLES,
  PDF_THEMES,
  type PaperSize,
  type PdfLabelStyle,
  type PdfLinkStyle,
  type PdfThemeName,
} from '../model/vocabulary.js';
import { preloadRenderer } from './pdf/thread.js';
import type { Writer, WriteRequest } from './writer.js';

export const pdfWriter: Writer = {
  format: 'pdf',
  description: 'A CV as a PDF, drawn directly (fonts embedded, links clickable; no TeX needed)',
  defaultFile: () => 'cv.pdf',
  binary: true,
  sectionSettings: (render) => (render.pdf?.title ? { title: render.pdf.title } : {}),
  flags: [
    { name: 'pdf-theme', description: 'theme (render.pdf.theme)', choices: PDF_THEMES },
    { name: 'pdf-paper', description: 'page size (render.pdf.paper)', choices: PAPER_SIZES },
    {
      name: 'pdf-links',
      description: 'how clickable text looks (render.pdf.links)',
      choices: PDF_LINK_STYLES,
    },
    {
      name: 'pdf-labels',
      description: 'link labels after entries: [PDF] [Code] (render.pdf.labels)',
      choices: PDF_LABEL_STYLES,
    },
  ],
  write: writePdf,
  preload: preloadRenderer,
};

async function writePdf(request: WriteRequest): Promise<Uint8Array> {
  const [{ resolveTheme }, { startRenderer }] = await Promise.all([
    import('./pdf/theme.js'),
    import('./pdf/thread.js'),
  ]);
  const { database, output, selection, settings } = request;
  const flag = <T extends string>(name: string) =>
    typeof output.flags[name] === 'string' ? (output.flags[name] as T) : undefined;
  const theme = {
    ...resolveTheme(
      database.render.pdf,
      {
        theme: flag<PdfThemeName>('pdf-theme'),
        paper: flag<PaperSize>('pdf-paper'),
        links: flag<PdfLinkStyle>('pdf-links'),
        labels: flag<PdfLabelStyle>('pdf-labels'),
      },
      database.file,
    ),
    // render.pdf.title is among the settings (sectionSettings), where --title can beat it.
    ...(settings.title ? { title: settings.title } : {}),
  };
  for (const message of missingFaces(database.render.pdf?.fonts)) request.warn(message);
  const used = new Set(selection.papers.flatMap((paper) => paper.topics ?? []));
  const renderer = startRenderer({
    owner: database.owner,
    theme,
    locale: settings.locale,
    keywords: database.topics.filter((topic) => used.has(topic.key)).map((topic) => topic.label),
    date: documentDate(request),
    highlight: settings.highlight,
  });
  let document: CitedDocument;
  try {
    document = await request.cite();
  } catch (error) {
    renderer.cancel();
    throw error;
  }
  const { progress } = request;
  const { bytes, warnings } = await renderer.render(
    document,
    progress && ((done, total) => progress('pdf', done, total)),
  );
  for (const message of warnings) request.warn(message);
  return bytes;
}

/**
 * What a family of the user's own files loses without a face, by the role it plays: the face
 * is then drawn with the regular one, as documented, and said once per output, since the
 * owner's name or the headings no longer stand out.
 */
const FACE_EFFECTS = {
  body: {
    bold: "bold text, the owner's name included, is drawn in the regular face",
    italic: 'italic text (venues, some titles) is drawn upright',
  },
  heading: { bold: 'the headings are drawn in the regular face' },
} as const;

function missingFaces(fonts: PdfSection['fonts'] | undefined): string[] {
  const messages: string[] = [];
  for (const role of ['body', 'heading'] as const) {
    const family = fonts?.[role];
    if (typeof family !== 'object') continue;
    for (const [face, effect] of Object.entries(FACE_EFFECTS[role])) {
      if (family[face as keyof typeof family]) continue;
      messages.push(
        `render.pdf.fonts.${role} has no ${face} face: ${effect} (add \`${face}:\` with its font file)`,
      );
    }
  }
  return messages;
}

/** 9999-12-31T23:59:59Z: a PDF date has four digits for the year. */
const LAST_PDF_SECOND = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

/**
 * The date in the PDF's metadata: SOURCE_DATE_EPOCH when set, else the newest paper's date,
 * so that the same database always gives the same bytes.
 */
export function documentDate(request: Pick<WriteRequest, 'database'>): Date {
  const epoch = sourceDateEpoch();
  if (epoch !== undefined) {
    if (epoch > LAST_PDF_SECOND) {
      throw new UsageError(
        `SOURCE_DATE_EPOCH ${epoch} is after the year 9999, the last a PDF date can hold (at most ${LAST_PDF_SECOND})`,
      );
    }
    return new Date(epoch * 1000);
  }
  let newest = 0;
  for (const paper of request.database.papers) {
    const { year, month, day } = paper.date;
    newest = Math.max(newest, Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  }
  return new Date(newest);
}
