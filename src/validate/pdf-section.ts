/** `render.pdf`: the font files it names must exist and be fonts pdfkit can embed. */
import { existsSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';
import type { DataPath } from '../read/source.js';
import { isRecord, type ProblemList } from './problem-list.js';

const FACES = ['regular', 'bold', 'italic', 'bold_italic'] as const;

/** The font files `render.pdf.fonts` names, each with its place in the database. */
export function namedFontFiles(pdf: unknown): [DataPath, string][] {
  if (!isRecord(pdf) || !isRecord(pdf.fonts)) return [];
  const fonts = pdf.fonts;
  const files: [DataPath, unknown][] = [];
  for (const role of ['body', 'heading'] as const) {
    const family = fonts[role];
    if (isRecord(family)) {
      for (const face of FACES) files.push([['render', 'pdf', 'fonts', role, face], family[face]]);
    }
  }
  if (Array.isArray(fonts.fallback)) {
    fonts.fallback.forEach((file: unknown, i) =>
      files.push([['render', 'pdf', 'fonts', 'fallback', i], file]),
    );
  }
  return files.filter((named): named is [DataPath, string] => typeof named[1] === 'string');
}

/**
 * The names: a font's extension, and a file that is there. Whether the file is a font, and
 * has the face named after "#", is the PDF writer's to tell (`fontFileProblems`).
 */
export function checkPdfSection(pdf: unknown, problems: ProblemList): void {
  const folder = dirname(problems.source.file);
  for (const [path, value] of namedFontFiles(pdf)) {
    if (!value) continue;
    const hash = value.lastIndexOf('#');
    const file = hash > 0 ? value.slice(0, hash) : value;
    const extension = extname(file).toLowerCase();
    if (extension === '.woff' || extension === '.woff2') {
      problems.add(
        path,
        `${extension.slice(1).toUpperCase()} fonts draw wrongly in PDF`,
        'use the .ttf or .otf file of the same font',
      );
    } else if (!['.ttf', '.otf', '.ttc'].includes(extension)) {
      problems.add(path, `"${value}" is not a .ttf, .otf or .ttc font file`);
    } else if (!existsSync(isAbsolute(file) ? file : join(folder, file))) {
      problems.add(path, `font file "${file}" not found`, 'paths are relative to the database');
    }
  }
}
