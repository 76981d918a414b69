/**
 * Hebrew and Arabic in the LaTeX outputs, compiled by xelatex and lualatex: every letter
 * printed (none as a boxed ?), Arabic joined, each right-to-left run read back from the PDF
 * in its logical order — as pdftotext reads the same text laid out by babel's own
 * bidirectional algorithm (lualatex, bidi=basic), the reference.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PdfWord } from './support/pdf.js';
import { runCli } from './support/cli.js';
import {
  comparable,
  compileLatex,
  ENGINES,
  moderncvHost,
  type Compiled,
  type Engine,
} from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

const HEBREW_TITLE = 'עיבוד שפה טבעית: סקירה';
const HEBREW_VENUE = 'כתב העת למדעי המחשב';
const ARABIC_TITLE = 'معالجة اللغات الطبيعية للغة العربية';
/** A title whose Latin part is LaTeX that would run, between Hebrew words. */
const HOSTILE_TITLE =
  'כותרת \\input{x} \\write18{touch y} 100% & #1 ~ ^ _ {x} \\end{document} עוינת';

const DATABASE = `owner: {name: Ada Lovelace}
render: {style: apa}
papers:
  - {id: he, type: journal, title: '${HEBREW_TITLE}', authors: [Ada Lovelace, 'דוד כהן'], date: 2024, venue: '${HEBREW_VENUE}'}
  - {id: ar, type: journal, title: '${ARABIC_TITLE}', authors: [Ada Lovelace, 'محمد علي'], date: 2023, venue: Journal of Arabic NLP}
  - {id: hostile, type: journal, title: '${HOSTILE_TITLE}', authors: [Ada Lovelace], date: 2022, venue: Journal of Safety}
`;

/** The author names as APA prints them, right to left inside the entry. */
const AUTHORS = ['כהן, ד', 'علي, م'];

/** Plain documents with the preamble the fragments' headers ask for, around \input. */
const HOSTS = {
  fragment: `\\documentclass{article}
\\usepackage{fontspec}
\\usepackage{amssymb}
\\usepackage{hyperref}
\\begin{document}
\\section*{Publications}
\\input{publications.tex}
\\end{document}
`,
  'moderncv-fragment': moderncvHost('xelatex'),
} as const;

const OUTPUTS = {
  standalone: ['--standalone'],
  moderncv: ['--standalone', '--template', 'moderncv'],
  fragment: [],
  'moderncv-fragment': ['--template', 'moderncv'],
} as const;
type Output = keyof typeof OUTPUTS;

/** The marks pdftotext puts around right-to-left and left-to-right runs of a line. */
const EMBEDDINGS = /[\u200e\u200f\u202a-\u202e]/g;

/** What pdftotext reads, without its direction marks, as `comparable` compares it. */
function readBack(text: string): string {
  return comparable(text.replace(EMBEDDINGS, ''));
}

const ARABIC_LETTER = /(?=\p{Script=Arabic})\p{L}/u;

/**
 * The words of the PDF as drawn boxes: lualatex draws Arabic glyph by glyph, and pdftotext
 * makes a word of each; boxes that touch on a line are one word again.
 */
function drawnWords(words: readonly PdfWord[]): PdfWord[] {
  const merged: PdfWord[] = [];
  for (const word of words) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.page === word.page &&
      Math.abs(last.yMin - word.yMin) < 0.5 &&
      Math.abs(word.xMin - last.xMax) < 0.3
    ) {
      merged[merged.length - 1] = {
        ...last,
        text: last.text + word.text,
        xMax: Math.max(last.xMax, word.xMax),
      };
    } else merged.push({ ...word });
  }
  return merged;
}

/** A Hebrew word the widths are measured in: Hebrew letters do not join. */
const YARDSTICK = 'שפה';

/**
 * Each Arabic word of `text` that the PDF draws alone (no punctuation beside it): its width
 * in Hebrew words (YARDSTICK) of the same PDF, whatever the font size. Joined letters are
 * narrower than the same letters apart (الطبيعية: 36 pt joined, 61 pt apart at 11 pt).
 */
function arabicShapes(words: readonly PdfWord[], text: string): Map<string, number> {
  const sorted = (word: string) => [...word].sort().join('');
  const wanted = new Map(
    [...text.split(' ').filter((word) => ARABIC_LETTER.test(word)), YARDSTICK].map((word) => [
      sorted(word),
      word,
    ]),
  );
  const widths = new Map<string, number>();
  for (const box of drawnWords(words)) {
    // babel's glyphs read back as presentation forms (ﻋ), the engines' as letters (ع).
    const word = wanted.get(sorted(box.text.normalize('NFKC')));
    if (word) widths.set(word, box.xMax - box.xMin);
  }
  const yardstick = widths.get(YARDSTICK) ?? Number.NaN;
  widths.delete(YARDSTICK);
  return new Map([...widths].map(([word, width]) => [word, width / yardstick]));
}

/**
 * The reference: entries as publist's text output has them, laid out by babel's own
 * bidirectional algorithm (lualatex, bidi=basic; Hebrew and Arabic in DejaVu Sans), one to a
 * line on a page wide enough for the longest.
 */
function reference(entries: readonly string[]): string {
  return `\\documentclass[11pt]{article}
\\usepackage[paperwidth=80cm,textwidth=76cm]{geometry}
\\usepackage[bidi=basic]{babel}
\\babelprovide[import,main]{english}
\\babelprovide[import,onchar=ids fonts]{hebrew}
\\babelprovide[import,onchar=ids fonts]{arabic}
\\babelfont[hebrew]{rm}{DejaVu Sans}
\\babelfont[arabic]{rm}[Script=Arabic]{DejaVu Sans}
\\setlength{\\parindent}{0pt}
\\begin{document}
${entries.map((entry) => entry.replaceAll('&', '\\&')).join('\n\n')}
\\end{document}
`;
}

/** A plain article as wide as the reference's page, around the fragment. */
const WIDE_ARTICLE = `\\documentclass[11pt]{article}
\\usepackage[paperwidth=80cm,textwidth=76cm]{geometry}
\\usepackage{fontspec}
\\usepackage{amssymb}
\\usepackage{hyperref}
\\begin{document}
\\input{publications.tex}
\\end{document}
`;

/**
 * The lines of the PDF with right-to-left letters as they are drawn, left to right: each
 * word's glyphs in the order pdftotext found them on the page, words in the order of their
 * places. pdftotext's own reading of a line guesses its direction (babel's lines read from
 * the right, the same lines of publist's from the left), its boxes do not. A bracket is any
 * bracket: xelatex's mirrored glyph reads back as the mirror, lualatex's as written.
 */
function drawnLines(words: readonly PdfWord[]): string[] {
  const lines: { middle: number; words: PdfWord[] }[] = [];
  for (const word of drawnWords(words)) {
    const middle = (word.yMin + word.yMax) / 2 + word.page * 10_000;
    const line = lines.find((candidate) => Math.abs(candidate.middle - middle) < 4);
    if (line) line.words.push(word);
    else lines.push({ middle, words: [word] });
  }
  return lines
    .map((line) =>
      line.words
        .sort((a, b) => a.xMin - b.xMin)
        .map((word) => word.text)
        .join('')
        .normalize('NFKC')
        .replace(/\s+/g, '')
        .replace(/[()]/g, '()')
        .replace(/[[\]]/g, '[]'),
    )
    .filter((line) => /[\p{Script=Hebrew}\p{Script=Arabic}]/u.test(line));
}

const tex = toolsAvailable('pdflatex', 'xelatex', 'lualatex', 'pdftotext', 'pdftohtml', 'pdfinfo');

describe.runIf(tex)('right-to-left text in the LaTeX outputs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'publist-rtl-'));
  const database = join(folder, 'papers.yaml');
  writeFileSync(database, DATABASE);

  let known: Compiled | undefined;
  /** babel's layout of the Hebrew and Arabic entries, compiled once. */
  function babel(): Compiled {
    if (!known) {
      const text = runCli(['render', database, '-f', 'text']);
      expect(text.status).toBe(0);
      const entries = text.stdout.split('\n').filter((line) => line.startsWith('Lovelace'));
      known = compileLatex(reference(entries.filter((entry) => !entry.includes('Safety'))), {
        engine: 'lualatex',
      });
    }
    return known;
  }

  it.each(['xelatex', 'lualatex'] as const)(
    'the fragment with %s lays each entry out as babel does',
    (engine) => {
      const pdf = compileLatex(WIDE_ARTICLE, {
        engine,
        files: { 'publications.tex': rendered('fragment').tex },
      });
      const lines = drawnLines(pdf.words).filter((line) => !line.includes('Safety'));
      expect(lines).toHaveLength(2);
      expect(lines).toEqual(drawnLines(babel().words));
    },
    180_000,
  );

  function rendered(output: Output): { tex: string; stderr: string } {
    const result = runCli(['render', database, '-f', 'latex', ...OUTPUTS[output]]);
    expect(result.status).toBe(0);
    return { tex: result.stdout, stderr: result.stderr };
  }

  const cases = (Object.keys(OUTPUTS) as Output[]).flatMap((output) =>
    (['xelatex', 'lualatex'] as const).map((engine): [Output, Engine] => [output, engine]),
  );

  it.each(cases)(
    'the %s with %s prints every letter, in its order, Arabic joined',
    (output, engine) => {
      const { tex: source, stderr } = rendered(output);
      // The fonts have every letter: nothing is replaced, nothing warned about but pdflatex.
      expect(source).not.toContain('\\publistmissing{');
      expect(stderr).not.toContain('no font of the LaTeX output has');
      expect(stderr).toContain('compile with xelatex or lualatex');
      const pdf =
        output in HOSTS
          ? compileLatex(HOSTS[output as keyof typeof HOSTS], {
              engine,
              files: { 'publications.tex': source },
            })
          : compileLatex(source, { engine });
      expect(pdf.log.match(/^Overfull \\hbox.*\n.*$/gm) ?? []).toEqual([]);
      expect(pdf.text).not.toContain('?');

      // Every word of each right-to-left text is there (the lines, broken where the page
      // width breaks them, are compared with babel's on a wide page above).
      const shown = readBack(pdf.text);
      for (const text of [HEBREW_TITLE, HEBREW_VENUE, ARABIC_TITLE, ...AUTHORS]) {
        for (const word of text.split(/[\s,:]+/)) expect(shown).toContain(comparable(word));
      }
      // Joined as babel joins them: each word as wide, for its height, within 2 %.
      const joined = arabicShapes(babel().words, ARABIC_TITLE);
      expect(joined.size).toBe(5);
      const drawn = arabicShapes(pdf.words, ARABIC_TITLE);
      expect(drawn.size).toBeGreaterThanOrEqual(4);
      for (const [word, shape] of drawn) {
        expect(Math.abs(shape / (joined.get(word) ?? 0) - 1), word).toBeLessThan(0.02);
      }

      // The owner is still bold; the hostile title prints as written, the list goes on.
      expect(pdf.bold.some((run) => run.includes('Lovelace'))).toBe(true);
      for (const part of [
        // pdftotext reads the backslash before \input beside the Hebrew word before it.
        'input{x} \\write18{touch y} 100% & #1 ~ ^ _ {x} \\end{document}',
        'כותרת',
        'עוינת',
        'Journal of Safety',
      ]) {
        expect(shown).toContain(comparable(part));
      }
    },
    180_000,
  );

  it('pdflatex stops with a message saying to compile with xelatex or lualatex', () => {
    for (const output of ['standalone', 'moderncv'] as const) {
      expect(() => compileLatex(rendered(output).tex, { engine: 'pdflatex' })).toThrow(
        'Hebrew and Arabic text needs xelatex or lualatex',
      );
    }
  }, 120_000);

  it.each(['xelatex', 'lualatex'] as const)(
    'a Hebrew owner is plain text in the PDF title with %s',
    (engine) => {
      const owner = join(folder, 'owner.yaml');
      writeFileSync(
        owner,
        DATABASE.replace('owner: {name: Ada Lovelace}', "owner: {name: 'דוד כהן'}"),
      );
      const result = runCli(['render', owner, '-f', 'latex', '--standalone']);
      expect(result.status).toBe(0);
      const pdf = compileLatex(result.stdout, { engine });
      expect(pdf.log).not.toContain('Token not allowed in a PDF string');
      expect(pdf.title).toBe('דוד כהן: Publications');
      expect(readBack(pdf.text)).toContain(comparable('דוד כהן'));
    },
    120_000,
  );
});

describe.runIf(tex)('scripts publist cannot print in LaTeX', () => {
  // pdflatex too: no engine has a font for them, and none is asked for.
  it.each(ENGINES)(
    'are named in the warning, and print as boxed ? with %s',
    (engine) => {
      const file = join(mkdtempSync(join(tmpdir(), 'publist-rtl-')), 'papers.yaml');
      writeFileSync(
        file,
        `owner: {name: Ada Lovelace}
render: {style: apa}
papers:
  - {id: scripts, type: journal, title: 'In Syriac ܫܠܡܐ, Thaana ދިވެހި and NKo ߒߞߏ', authors: [Ada Lovelace], date: 2024, venue: J}
`,
      );
      const result = runCli(['render', file, '-f', 'latex', '--standalone']);
      expect(result.status).toBe(0);
      expect(result.stderr.trim().split('\n')).toEqual([
        "warning: scripts: publist cannot print Syriac (ܫ ܠ ܡ ܐ), Thaana (ދި ވެ ހި), or N'Ko (ߒ ߞ ߏ) in LaTeX: no font of its LaTeX output has these scripts, so each letter prints as a boxed ? (\\publistmissing) with every engine",
      ]);
      const pdf = compileLatex(result.stdout, { engine });
      expect(readBack(pdf.text)).toContain(comparable('In Syriac ????, Thaana ??? and NKo ???'));
    },
    120_000,
  );
});
