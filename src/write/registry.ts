/** Every output format: a writer module plugs in here and the CLI picks it up. */
import { UsageError } from '../model/problems.js';
import { closestMatches } from '../validate/suggest.js';
import { biblatexWriter, bibtexWriter } from './bibtex.js';
import { cslJsonWriter } from './csl-json.js';
import { htmlWriter } from './html.js';
import { latexWriter } from './latex.js';
import { markdownWriter } from './markdown.js';
import { pdfWriter } from './pdf.js';
import { textWriter } from './text.js';
import type { Writer } from './writer.js';

const WRITERS: readonly Writer[] = [
  pdfWriter,
  markdownWriter,
  htmlWriter,
  textWriter,
  latexWriter,
  bibtexWriter,
  biblatexWriter,
  cslJsonWriter,
];

export function writers(): readonly Writer[] {
  return WRITERS;
}

export function findWriter(format: string): Writer {
  const writer = WRITERS.find((candidate) => candidate.format === format);
  if (!writer) {
    const names = WRITERS.map((candidate) => candidate.format);
    throw new UsageError(
      `unknown format "${format}"; did you mean ${closestMatches(format, names, 2).join(' or ')}? (formats: ${names.join(', ')})`,
    );
  }
  return writer;
}

/** The options only a format drawn from templates takes (`Writer.template`). */
export const TEMPLATE_OPTIONS = ['standalone', 'template', 'templates'] as const;

/** "markdown, html, text, latex": the formats that take `TEMPLATE_OPTIONS`. */
export function templatedFormats(): string {
  return WRITERS.filter((writer) => writer.template)
    .map((writer) => writer.format)
    .join(', ');
}
