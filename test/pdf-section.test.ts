/** The database's `render.pdf` section is validated like every other key: located, explained. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, type Problem } from '../src/model/problems.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { resolveTheme, toPoints } from '../src/write/pdf/theme.js';
import { runCli } from './support/cli.js';

async function problemsOf(render: string): Promise<Problem[]> {
  const yaml = `owner:\n  name: Ada Lovelace\npapers: []\nrender:\n  pdf:\n${render}`;
  try {
    await validateDatabase(parseSource('test/db.yaml', yaml));
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
  return [];
}

const lines = (problems: Problem[]) =>
  problems.map((p) => `${p.line}:${p.col}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);

describe('render.pdf', () => {
  it('accepts a full theme', async () => {
    const problems = await problemsOf(
      [
        '    theme: modern',
        '    paper: letter',
        '    title: Selected Publications',
        '    margins: { top: 20mm, left: 0.75in }',
        '    fonts: { body: dejavu-serif, heading: source-sans }',
        '    sizes: { name: 28, body: 9.5 }',
        "    colors: { accent: '#004488', link: '#004488' }",
        '    links: underline',
        '    labels: plain',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });

  it('reports unknown keys, bad values and missing or WOFF font files where they are', async () => {
    const problems = await problemsOf(
      [
        '    theme: fancy',
        '    colours: {}',
        "    colors: { accent: 'red' }",
        '    margins: 2 furlongs',
        '    fonts:',
        '      body: { regular: fonts/missing.ttf }',
        '      fallback: [fonts/Noto.woff2]',
      ].join('\n'),
    );
    const text = lines(problems).join('\n');
    expect(text).toMatch(/^6:12: render\.pdf\.theme: .*classic.*modern/m);
    expect(text).toMatch(
      /^7:5: render\.pdf\.colours: unknown key `colours` \(did you mean `colors`\?\)/m,
    );
    expect(text).toMatch(/^8:23: render\.pdf\.colors\.accent: .*#rrggbb/m);
    expect(text).toMatch(/^9:14: render\.pdf\.margins: .*"2 furlongs" has the wrong form/m);
    expect(text).toMatch(
      /^11:24: render\.pdf\.fonts\.body\.regular: font file "fonts\/missing\.ttf" not found/m,
    );
    expect(text).toMatch(
      /^12:18: render\.pdf\.fonts\.fallback\[0\]: WOFF2 fonts draw wrongly in PDF \(use the \.ttf/m,
    );
  });
});

describe('font files that are there but cannot be drawn with', () => {
  const CJK = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
  const SANS = join(
    dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
    'ttf',
    'DejaVuSans.ttf',
  );
  const folder = mkdtempSync(join(tmpdir(), 'publist-fonts-'));
  writeFileSync(join(folder, 'fake.ttf'), 'not a font');
  writeFileSync(
    join(folder, 'papers.yaml'),
    [
      'owner: {name: Ada Lovelace}',
      'render:',
      '  pdf:',
      '    fonts:',
      `      fallback: [fake.ttf, '${CJK}#NotoSerifCJKxx-Regular', '${SANS}#Nope']`,
      'papers: []',
      '',
    ].join('\n'),
  );
  const expected = [
    'papers.yaml:5:18: render.pdf.fonts.fallback[0]: fake.ttf: not a font publist can embed: Unknown font format',
    `papers.yaml:5:28: render.pdf.fonts.fallback[1]: ${CJK}#NotoSerifCJKxx-Regular: the collection has no face NotoSerifCJKxx-Regular (its faces: NotoSerifCJKjp-Regular, `,
    `render.pdf.fonts.fallback[2]: ${SANS}#Nope: the file holds one face, DejaVuSans, not Nope (name the file alone, or DejaVuSans.ttf#DejaVuSans; "#Face" picks a face of a .ttc collection)`,
  ];

  it('are found by validate, where the database names them', () => {
    const result = runCli(['validate', 'papers.yaml'], { cwd: folder });
    expect(result.status).toBe(1);
    for (const line of expected) expect(result.stderr).toContain(line);
  });

  it('stop build and render at the same place, and nothing is written', () => {
    const build = runCli(['build', 'papers.yaml', '-d', 'out'], { cwd: folder });
    const render = runCli(['render', 'papers.yaml', '-f', 'pdf', '-o', 'cv.pdf'], { cwd: folder });
    for (const result of [build, render]) {
      expect(result.status).toBe(1);
      for (const line of expected) expect(result.stderr).toContain(line);
    }
    expect(readdirSync(folder).sort()).toEqual(['fake.ttf', 'papers.yaml']);
  });
});

describe('a font family that is neither a bundled name nor files', () => {
  it('is named against the bundled families, with the closest first', async () => {
    const problems = await problemsOf(
      [
        '    fonts:',
        '      body: source-seriff',
        '      heading: constructor',
        '      fallback: []',
      ].join('\n'),
    );
    expect(lines(problems)).toEqual([
      '7:13: render.pdf.fonts.body: the text "source-seriff" is not one of source-serif, source-sans, dejavu-serif, dejavu-sans (did you mean `source-serif`?)',
      '8:16: render.pdf.fonts.heading: the text "constructor" is not one of source-serif, source-sans, dejavu-serif, dejavu-sans (A bundled family name, or your own font files.)',
    ]);
  });

  it('says what it may be when it is neither text nor a mapping', async () => {
    const problems = await problemsOf(['    fonts:', '      body: 12'].join('\n'));
    expect(lines(problems)).toEqual([
      '7:13: render.pdf.fonts.body: expected one of source-serif, source-sans, dejavu-serif, dejavu-sans or a mapping, got the number 12 (A bundled family name, or your own font files.)',
    ]);
  });
});

describe('the resolved theme', () => {
  it('layers flags over render.pdf over the built-in theme', () => {
    const theme = resolveTheme(
      { theme: 'modern', paper: 'letter', sizes: { body: 9 }, margins: { left: '1in' } },
      { paper: 'a4', labels: 'none' },
      'data/papers.yaml',
    );
    expect(theme).toMatchObject({
      name: 'modern',
      paper: 'a4',
      pageSize: [595.28, 841.89],
      labels: 'none',
      links: 'color',
      sizes: { body: 9, name: 26 },
      margins: { left: 72 },
    });
    expect(theme.fonts.body.regular.path).toMatch(/SourceSans3_400Regular\.ttf$/);
  });

  it('reads lengths in pt, mm, cm and in', () => {
    expect([toPoints(12), toPoints('12pt'), toPoints('25.4mm'), toPoints('2.54cm')]).toEqual([
      12, 12, 72, 72,
    ]);
    expect(toPoints('0.5in')).toBe(36);
  });
});
