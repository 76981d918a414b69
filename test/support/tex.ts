/**
 * Compiles LaTeX with the real engines, as a user would, and reads the PDF back with poppler.
 * Shell escape is off and the first error stops the run; xelatex/lualatex runs also fail on
 * any "Missing character" line in the log (those engines drop such glyphs silently).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEntities, pdfWords, type PdfWord } from './pdf.js';

export const ENGINES = ['pdflatex', 'xelatex', 'lualatex'] as const;
export type Engine = (typeof ENGINES)[number];

export interface CompileOptions {
  engine: Engine;
  /** Runs bibtex or biber between the first and the second LaTeX run. */
  bibliography?: 'bibtex' | 'biber';
  /** Extra files beside the main one, by name. */
  files?: Record<string, string>;
}

export interface Compiled {
  /** The PDF's text (pdftotext), NFKC-normalised so that ligature glyphs read as letters. */
  text: string;
  /** Text runs set in a bold font (from pdftohtml -xml). */
  bold: string[];
  /** URIs of the PDF's link annotations. */
  links: string[];
  /** Every word with its box in points (pdftotext -bbox), in reading order. */
  words: PdfWord[];
  log: string;
  /** The PDF's Title from its metadata (pdfinfo). */
  title: string;
}

function run(command: string, args: string[], cwd: string): { status: number; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '0', max_print_line: '10000' },
    timeout: 120_000,
  });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** Compiles `main` (the .tex source) and returns what the PDF shows; throws with the log's errors. */
export function compileLatex(main: string, options: CompileOptions): Compiled {
  const folder = mkdtempSync(join(tmpdir(), 'publist-tex-'));
  try {
    writeFileSync(join(folder, 'main.tex'), main);
    for (const [name, content] of Object.entries(options.files ?? {})) {
      writeFileSync(join(folder, name), content);
    }
    const latex = () => {
      const result = run(
        options.engine,
        [
          '-no-shell-escape',
          '-halt-on-error',
          '-interaction=nonstopmode',
          '-file-line-error',
          'main.tex',
        ],
        folder,
      );
      if (result.status !== 0) {
        const log = readFileSync(join(folder, 'main.log'), 'utf8');
        const errors = log.split('\n').filter((line) => /^(!|l\.\d+ |.*:\d+:)/.test(line));
        throw new Error(
          `${options.engine} failed:\n${errors.join('\n') || result.output.slice(-3000)}`,
        );
      }
    };
    latex();
    if (options.bibliography) {
      const result = run(options.bibliography, ['main'], folder);
      if (result.status !== 0) throw new Error(`${options.bibliography} failed:\n${result.output}`);
      latex();
    }
    latex();
    const log = readFileSync(join(folder, 'main.log'), 'utf8');
    const missing = log.split('\n').filter((line) => line.includes('Missing character'));
    if (missing.length) throw new Error(`${options.engine} dropped glyphs:\n${missing.join('\n')}`);
    const text = run('pdftotext', ['-enc', 'UTF-8', 'main.pdf', '-'], folder).output.normalize(
      'NFKC',
    );
    const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-q', 'main.pdf'], folder).output;
    const bold = [...xml.matchAll(/<b>(.*?)<\/b>/g)].map((match) => decodeXml(match[1] ?? ''));
    const links = [...xml.matchAll(/<a href="([^"]*)"/g)].map((match) => decodeXml(match[1] ?? ''));
    const words = pdfWords(join(folder, 'main.pdf'));
    const info = run('pdfinfo', ['-enc', 'UTF-8', 'main.pdf'], folder).output;
    const title = /^Title:\s*(.*)$/m.exec(info)?.[1] ?? '';
    return { text, bold, links, words, log, title };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function decodeXml(text: string): string {
  return decodeEntities(text.replace(/<[^>]+>/g, ''));
}

/**
 * For "does the PDF show this text": line breaks, hyphenation, TeX's typographic quotes (a
 * backquote prints as ‘) and how an accent is drawn (ṓ may come out of the PDF as o plus
 * two accents) do not count.
 */
export function comparable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, '...')
    .replace(/[\s\-‐]+/g, '');
}

/** A moderncv document around the moderncv fragment, as the fragment's header says. */
export function moderncvHost(engine: Engine): string {
  return `\\documentclass[11pt,a4paper]{moderncv}
\\moderncvstyle[nosymbols]{classic}
${engine === 'pdflatex' ? '\\usepackage[T1]{fontenc}\\usepackage{lmodern}' : '\\usepackage{fontspec}'}
\\usepackage{amssymb}
\\name{Ada}{Lovelace}
\\begin{document}
\\makecvtitle
\\section{Publications}
\\input{publications.tex}
\\end{document}
`;
}
