/**
 * CJK text in the LaTeX outputs, compiled by xelatex and lualatex: a line breaks between CJK
 * characters rather than run past the margin (CJK text has no spaces to break at), never
 * before 。、」 and the like, and the text reads back from the PDF as it was written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDatabase } from '../src/pipeline.js';
import { runCli } from './support/cli.js';
import { CORPUS } from './support/corpus.js';
import { comparable, compileLatex, type Compiled, type Engine } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

const CJK_CHAR =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** A plain article around the fragment, with the CJK font its header asks the user to set. */
const ARTICLE = `\\documentclass{article}
\\usepackage{fontspec}
\\usepackage{amssymb}
\\usepackage{hyperref}
\\newfontfamily\\cjkfont{Noto Serif CJK SC}
\\newcommand{\\publistcjk}[1]{{\\cjkfont #1}}
\\newfontfamily\\otherscripts{DejaVu Serif}
\\newcommand{\\publistfallback}[1]{{\\otherscripts #1}}
\\begin{document}
\\section*{Publications}
\\input{publications.tex}
\\end{document}
`;

const OUTPUTS = {
  standalone: ['--standalone'],
  moderncv: ['--standalone', '--template', 'moderncv'],
  fragment: [],
} as const;
type Output = keyof typeof OUTPUTS;

/** Renders the database as a user does and compiles what `publist render` wrote. */
function compiled(database: string, output: Output, engine: Engine): Compiled {
  const result = runCli(['render', database, '-f', 'latex', '--style', 'ieee', ...OUTPUTS[output]]);
  expect(result.status).toBe(0);
  return output === 'fragment'
    ? compileLatex(ARTICLE, { engine, files: { 'publications.tex': result.stdout } })
    : compileLatex(result.stdout, { engine });
}

/** TeX's complaints about lines with CJK text past the margin, each with the line. */
function overfullCjkLines(log: string): string[] {
  return (log.match(/^Overfull \\hbox.*\n.*$/gm) ?? []).filter((line) => CJK_CHAR.test(line));
}

/** Two CJK characters that the PDF shows with a space between them. */
function spacedCjk(text: string): string[] {
  return [...text.matchAll(new RegExp(`${CJK_CHAR.source} +${CJK_CHAR.source}`, 'gu'))].map(
    (match) => match[0],
  );
}

const tex = toolsAvailable('xelatex', 'lualatex', 'pdftotext', 'pdftohtml');

describe.runIf(tex)('CJK text in the LaTeX outputs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'publist-cjk-'));

  describe('a Chinese bibliography from the corpus', () => {
    const database = join(folder, 'cjk.yaml');
    let titles: string[] = [];

    beforeAll(async () => {
      const source = join(CORPUS, 'messy-cjk-duplicates.bib');
      const imported = runCli(['import', source, '--into', database, '--owner', 'Shengwei Mei']);
      expect(imported.status).toBe(0);
      const { papers } = (await loadDatabase(database)).database;
      titles = papers.map((paper) => paper.title).filter((title) => CJK_CHAR.test(title));
      // The corpus is mostly Chinese: titles of a whole line and more, without spaces.
      expect(titles.length).toBeGreaterThan(40);
    }, 60_000);

    const cases: [Output, Engine][] = [
      ['standalone', 'xelatex'],
      ['standalone', 'lualatex'],
      ['moderncv', 'xelatex'],
      ['moderncv', 'lualatex'],
      ['fragment', 'xelatex'],
      ['fragment', 'lualatex'],
    ];
    it.each(cases)(
      'the %s with %s keeps every line inside the margin and reads back',
      (output, engine) => {
        const pdf = compiled(database, output, engine);
        expect(overfullCjkLines(pdf.log)).toEqual([]);
        const shown = comparable(pdf.text);
        expect(titles.filter((title) => !shown.includes(comparable(title)))).toEqual([]);
        expect(spacedCjk(pdf.text)).toEqual([]);
      },
      120_000,
    );
  });

  describe('Japanese and Korean', () => {
    const JAPANESE =
      '深層学習を用いた大規模言語モデルの効率的な微調整手法に関する研究：「低ランク適応」と量子化を組み合わせた新しいアプローチの提案、および日本語データセットでの評価実験。';
    const KOREAN =
      '대규모 언어 모델의 효율적인 미세 조정을 위한 저순위 적응 기법과 양자화를 결합한 새로운 접근법의 제안 및 한국어 데이터셋에서의 평가 실험에 관한 연구';
    const database = join(folder, 'ja-ko.yaml');

    beforeAll(() => {
      const yaml = `owner: {name: 山田太郎}
papers:
  - {id: ja, type: journal, title: '${JAPANESE}', authors: [山田太郎, 佐藤花子], venue: 情報処理学会論文誌, date: 2024}
  - {id: ko, type: journal, title: '${KOREAN}', authors: [김민수], venue: 한국정보과학회논문지, date: 2023}
`;
      writeFileSync(database, yaml);
    });

    it.each(['xelatex', 'lualatex'] as const)(
      'break between characters in the CV with %s, no line starting with 。、」',
      (engine) => {
        const pdf = compiled(database, 'standalone', engine);
        expect(overfullCjkLines(pdf.log)).toEqual([]);
        const shown = comparable(pdf.text);
        expect(shown).toContain(comparable(JAPANESE));
        expect(shown).toContain(comparable(KOREAN));
        // The owner's name in the PDF's metadata, without hyperref dropping commands from it.
        expect(pdf.log).not.toContain('Token not allowed in a PDF string');
        // The Japanese title takes three lines: each of them is a break TeX chose.
        const lines = pdf.text.split('\n');
        expect(lines.filter((line) => /^[。、，．）」』ーっゃゅょッャュョ]/u.test(line))).toEqual(
          [],
        );
        expect(lines.filter((line) => /[（「『]$/u.test(line))).toEqual([]);
        // Korean keeps the spaces between its words, and gains none.
        expect(spacedCjk(pdf.text).filter((pair) => !KOREAN.includes(pair))).toEqual([]);
      },
      120_000,
    );
  });
});
