/** Reading PDFs back with real tools: poppler for text, fonts and metadata; pdf-lib for links. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';

export const PDF_TOOLS = ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftohtml', 'qpdf'] as const;

/** Writes the bytes to a fresh temporary file and returns its path. */
export function pdfFile(bytes: Uint8Array, name = 'out.pdf'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'publist-pdf-')), name);
  writeFileSync(path, bytes);
  return path;
}

const run = (tool: string, args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** The text layer in reading order; pages are separated by form feeds. */
export function pdfText(path: string, ...options: string[]): string {
  return run('pdftotext', [...options, '-enc', 'UTF-8', path, '-']);
}

/** The text with all whitespace collapsed to single spaces, for phrase searches across lines. */
export function flatText(path: string): string {
  return pdfText(path).replace(/\s+/g, ' ');
}

export interface PdfWord {
  /** The word's characters in the order its glyphs are drawn, left to right. */
  text: string;
  /** From 1. */
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Every word with its box in points (pdftotext's bounding boxes), in the order it is drawn. */
export function pdfWords(path: string): PdfWord[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-']);
  return html
    .split('<page ')
    .slice(1)
    .flatMap((page, index) =>
      Array.from(
        page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
        (match) => ({
          text: decodeEntities(match[5] as string),
          page: index + 1,
          xMin: Number(match[1]),
          xMax: Number(match[3]),
          yMin: Number(match[2]),
          yMax: Number(match[4]),
        }),
      ),
    );
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(path: string): FontRow[] {
  return run('pdffonts', [path])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID
      const [emb, sub, uni] = parts.slice(-5, -2);
      return {
        name: parts[0] as string,
        type: parts.slice(1, -6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

export function pdfInfo(path: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-isodates', path]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1] as string] = match[2] as string;
  }
  return info;
}

/** Each text run with the name of the font it is drawn in (pdftohtml's XML). */
export function textRuns(path: string): { text: string; font: string }[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-q', '-fontfullname', path]);
  const fonts = new Map<string, string>();
  for (const match of xml.matchAll(/<fontspec id="(\d+)"[^>]*family="([^"]*)"/g)) {
    fonts.set(match[1] as string, match[2] as string);
  }
  const runs: { text: string; font: string }[] = [];
  for (const match of xml.matchAll(/<text [^>]*font="(\d+)"[^>]*>(.*?)<\/text>/g)) {
    const text = (match[2] as string).replace(/<[^>]+>/g, '');
    runs.push({ text: decodeEntities(text), font: fonts.get(match[1] as string) ?? '' });
  }
  return runs;
}

/** The text of poppler's XML and HTML: its entities, numeric ones included, as characters. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

export interface LinkAnnotation {
  page: number;
  url: string;
  rect: number[];
}

/** Every URI link annotation, read with pdf-lib. */
export async function pdfLinks(bytes: Uint8Array): Promise<LinkAnnotation[]> {
  const document = await PDFDocument.load(bytes);
  const links: LinkAnnotation[] = [];
  document.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots?.lookup(i, PDFDict);
      if (annot?.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString);
      const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (uri) {
        links.push({
          page: index + 1,
          url: uri.decodeText(),
          rect: rect?.asArray().map((n) => Number(n.toString())) ?? [],
        });
      }
    }
  });
  return links;
}

/** The outline (bookmark) titles, read with qpdf. */
export function pdfOutline(path: string): string[] {
  const json = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', path])) as {
    outlines: { title: string }[];
  };
  return json.outlines.map((item) => item.title);
}

/** The document's language, the catalog's /Lang (what screen readers and hyphenation use). */
export async function pdfLanguage(bytes: Uint8Array): Promise<string | undefined> {
  const document = await PDFDocument.load(bytes);
  return document.catalog.lookupMaybe(PDFName.of('Lang'), PDFString)?.decodeText();
}
