/**
 * `publist render --format pdf` and `publist build` on the default database, end to end
 * through the compiled CLI, read back with poppler and pdf-lib.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatabase, renderDatabase } from '../src/pipeline.js';
import { CLI, DEFAULT_DB, runCli } from './support/cli.js';
import {
  PDF_TOOLS,
  pdfFonts,
  pdfInfo,
  pdfLanguage,
  pdfLinks,
  pdfText,
  textRuns,
} from './support/pdf.js';
import { toolsAvailable } from './support/tools.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'publist-pdf-cli-'));
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01T00:00:00Z

function renderDefault(dir: string, name: string, ...flags: string[]) {
  const file = join(dir, name);
  const result = runCli(['render', DEFAULT_DB, '--format', 'pdf', '-o', file, ...flags], {
    env: EPOCH,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return file;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words intact across line ends: whitespace and hyphens (which may end a line) removed. */
const squeeze = (text: string) => text.replace(/[\s\-‐‑–]+/g, '');

interface CslItem {
  id: string;
  title: string;
  DOI?: string;
  URL?: string;
}

describe.runIf(toolsAvailable(...PDF_TOOLS))('publist render --format pdf', () => {
  const dir = scratch();
  const first = renderDefault(dir, 'first.pdf');

  it('prints all 20 titles in the order of the selection, with the owner', () => {
    const items = JSON.parse(
      runCli(['render', DEFAULT_DB, '--format', 'csl-json']).stdout,
    ) as CslItem[];
    expect(items).toHaveLength(20);
    const text = squeeze(pdfText(first));
    let at = 0;
    for (const item of items) {
      const found = text.indexOf(squeeze(item.title), at);
      expect(found, `${item.id} in order`).toBeGreaterThan(at);
      at = found;
    }
    expect(pdfText(first)).toMatch(/^Baohao Liao\n/);
  });

  it('draws the owner in bold in every entry', () => {
    const runs = textRuns(first);
    // pdftohtml may split a run at a line end ("B." / "Liao"), so count the family name:
    // 19 papers name the owner (bode2022turbulent's known authors stop before him).
    const owner = runs.filter(
      (run) => /\bLiao\b/.test(run.text) && !/Baohao|github|arxiv|https?:/i.test(run.text),
    );
    expect(
      owner.map((run) => run.text.match(/\bLiao\b/g)?.length ?? 0).reduce((a, b) => a + b),
    ).toBe(19);
    for (const run of owner) expect(run.font, run.text).toMatch(/SourceSerif4-Bold$/);
  });

  it('prints every DOI and URL whole: lines end inside them only after "/" or "."', () => {
    const items = JSON.parse(
      runCli(['render', DEFAULT_DB, '--format', 'csl-json']).stdout,
    ) as CslItem[];
    const lines = pdfText(first).split('\n');
    const joined = lines.join('');
    for (const item of items) {
      // A line that ends at a space loses it in pdftotext's output: compare without it.
      if (item.DOI) expect(joined, item.id).toMatch(new RegExp(`doi: ?${escaped(item.DOI)}\\.`));
      else if (item.URL)
        expect(joined, item.id).toMatch(new RegExp(`: ?${escaped(item.URL)} ?\\[`));
    }
    expect(items.filter((item) => item.DOI)).toHaveLength(6);
    expect(items.filter((item) => !item.DOI && item.URL)).toHaveLength(11);
  });

  it('embeds every font and makes DOI, arXiv and code links clickable', async () => {
    for (const font of pdfFonts(first)) expect(font.embedded, font.name).toBe(true);
    const urls = new Set((await pdfLinks(readFileSync(first))).map((link) => link.url));
    expect(urls).toContain('https://doi.org/10.18653/v1/2022.findings-emnlp.106');
    expect(urls).toContain('https://arxiv.org/abs/2211.04898');
    expect(urls).toContain('https://github.com/BaohaoLiao/road');
    expect(urls).toContain('https://github.com/BaohaoLiao');
  });

  it('labels only the links the reference does not print itself', async () => {
    const text = pdfText(first).replace(/\s+/g, ' ');
    // IEEE prints every DOI and web address (and a preprint's arXiv address) itself.
    expect(text).not.toContain('[DOI]');
    expect(text).not.toContain('[URL]');
    const { database } = await loadDatabase(DEFAULT_DB);
    const unprinted = database.papers.filter((paper) => paper.arxiv && paper.type !== 'preprint');
    expect(text.match(/\[arXiv\]/g)).toHaveLength(unprinted.length);
    expect(text.match(/\[Code\]/g)).toHaveLength(database.papers.filter((p) => p.code).length);
  });

  it('is byte-identical across runs with the same SOURCE_DATE_EPOCH, and dated by it', () => {
    const second = renderDefault(dir, 'second.pdf');
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
    expect(pdfInfo(first).CreationDate).toBe('2026-01-01T00:00:00Z');
  });

  it('gives the same bytes drawn in the worker thread of the CLI as in the calling thread', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = EPOCH.SOURCE_DATE_EPOCH;
    try {
      const { database } = await loadDatabase(DEFAULT_DB);
      const { content } = await renderDatabase(database, { format: 'pdf' });
      expect(Buffer.from(content).equals(readFileSync(first))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('is dated by the newest paper without SOURCE_DATE_EPOCH, not by the clock', () => {
    const file = join(dir, 'undated.pdf');
    const result = runCli(['render', DEFAULT_DB, '-f', 'pdf', '-o', file], {
      env: { SOURCE_DATE_EPOCH: '' },
    });
    expect(result.status).toBe(0);
    expect(pdfInfo(file).CreationDate).toBe('2026-04-02T00:00:00Z');
  });

  it('takes the theme, paper and label flags', () => {
    const file = renderDefault(
      dir,
      'modern.pdf',
      '--pdf-theme',
      'modern',
      '--pdf-paper',
      'letter',
      '--pdf-labels',
      'none',
    );
    expect(pdfInfo(file)['Page size']).toBe('612 x 792 pts (letter)');
    expect(pdfFonts(file).some((font) => font.name.endsWith('SourceSans3-Regular'))).toBe(true);
    expect(pdfText(file)).not.toContain('[arXiv]');
  });

  it('reports a wrong database and writes nothing (the early-started worker does not linger)', () => {
    const file = join(dir, 'broken.pdf');
    const result = runCli(['render', 'test/fixtures/broken.yaml', '-f', 'pdf', '-o', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^test\/fixtures\/broken\.yaml:\d+:\d+: /m);
    expect(existsSync(file)).toBe(false);
  });

  it('rejects a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'pdf', '-o', join(dir, 'x.pdf')], {
      env: { SOURCE_DATE_EPOCH: 'yesterday' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('SOURCE_DATE_EPOCH must be a whole number of seconds');
  });

  it('rejects a SOURCE_DATE_EPOCH after the year 9999, which a PDF date cannot hold', () => {
    for (const epoch of ['253402300800', '99999999999999']) {
      const result = runCli(['render', DEFAULT_DB, '-f', 'pdf', '-o', join(dir, 'x.pdf')], {
        env: { SOURCE_DATE_EPOCH: epoch },
      });
      expect(result.status, epoch).toBe(2);
      expect(result.stderr).toBe(
        `error: SOURCE_DATE_EPOCH ${epoch} is after the year 9999, the last a PDF date can hold (at most 253402300799)\n`,
      );
    }
    const last = runCli(['render', DEFAULT_DB, '-f', 'pdf', '-o', join(dir, 'last.pdf')], {
      env: { SOURCE_DATE_EPOCH: '253402300799' },
    });
    expect(last.status).toBe(0);
    expect(pdfInfo(join(dir, 'last.pdf')).CreationDate).toBe('9999-12-31T23:59:59Z');
  });
});

describe.runIf(toolsAvailable(...PDF_TOOLS))('the language of the PDF', () => {
  // The default database with a German style (default-locale="de-DE") in its render section.
  const folder = scratch();
  const german = join(folder, 'papers.yaml');
  writeFileSync(
    german,
    readFileSync(DEFAULT_DB, 'utf8').replace(/^ {2}style: ieee$/m, '  style: din-1505-2'),
  );
  const render = (name: string, ...flags: string[]) => {
    const file = join(folder, name);
    // On letter paper a year's group runs onto the second page, where its heading is repeated.
    const args = ['render', german, '-f', 'pdf', '--pdf-paper', 'letter', '-o', file, ...flags];
    const result = runCli(args, { env: EPOCH });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return file;
  };

  it('follows the style’s default-locale when no locale is asked for: /Lang, headings', async () => {
    const file = render('german.pdf');
    expect(await pdfLanguage(readFileSync(file))).toBe('de-DE');
    const text = pdfText(file);
    expect(text).toMatch(/^\f?\d{4} \(Fortsetzung\)$/m);
    expect(text).not.toContain('(continued)');
    // The citations are German too.
    expect(text).toMatch(/\bu\. a\./);
  });

  it('follows --locale over the style’s default-locale', async () => {
    const file = render('english.pdf', '--locale', 'en-US');
    expect(await pdfLanguage(readFileSync(file))).toBe('en-US');
    expect(pdfText(file)).toMatch(/^\f?\d{4} \(continued\)$/m);
  });

  it('is the one the HTML page declares', () => {
    const result = runCli(['render', german, '-f', 'html', '--standalone']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<html lang="de">');
  });
});

describe.runIf(toolsAvailable(...PDF_TOOLS, 'script'))(
  'publist render --format pdf without -o',
  () => {
    const dir = scratch();
    const expected = readFileSync(renderDefault(dir, 'expected.pdf'));
    const render = ['render', DEFAULT_DB, '--format', 'pdf'];

    it('refuses to print the PDF on a terminal, with exit 2 and what to do instead', () => {
      // script(1) runs the command on a pseudo-terminal and copies what it printed.
      const command = [process.execPath, CLI, ...render].map((arg) => `'${arg}'`).join(' ');
      const result = spawnSync('script', ['-qec', command, '/dev/null'], {
        env: { ...process.env, NO_COLOR: '1', ...EPOCH },
        encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stdout.trim()).toBe(
        'error: --format pdf writes binary data, which a terminal cannot show: write it to a file with -o cv.pdf, or redirect it (> cv.pdf)',
      );
    });

    it('writes the PDF to a pipe', () => {
      const result = spawnSync(process.execPath, [CLI, ...render], {
        env: { ...process.env, ...EPOCH },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(result.status).toBe(0);
      expect(result.stdout.equals(expected)).toBe(true);
    });

    it('writes the PDF to a file that stdout is redirected to', () => {
      const file = join(dir, 'redirected.pdf');
      const fd = openSync(file, 'w');
      try {
        const result = spawnSync(process.execPath, [CLI, ...render], {
          env: { ...process.env, ...EPOCH },
          stdio: ['ignore', fd, 'pipe'],
        });
        expect(result.status).toBe(0);
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(file).equals(expected)).toBe(true);
    });
  },
);

describe.runIf(toolsAvailable(...PDF_TOOLS))('a database in many scripts', () => {
  it('renders CJK, Greek, ∅, emoji and a 120-character word, and names the entry it cannot draw', () => {
    const dir = scratch();
    const word = 'Supercalifragilistic'.repeat(6);
    writeFileSync(
      join(dir, 'papers.yaml'),
      [
        'owner: { name: Ada Lovelace }',
        'render: { style: ieee }',
        'papers:',
        '  - { id: cjk, type: journal, title: 大规模语言模型的高效微调, authors: [Ada Lovelace, 王小明], date: 2024 }',
        "  - { id: greek, type: journal, title: 'Learning $\\tau$ with ∅ and αβγ', authors: [Ada Lovelace], date: 2024 }",
        '  - { id: smile, type: journal, title: "Emoji 🙂 titles", authors: [Ada Lovelace], date: 2023 }',
        `  - { id: long, type: journal, title: ${word}, authors: [Ada Lovelace], date: 2023 }`,
      ].join('\n'),
    );
    const file = join(dir, 'cv.pdf');
    const result = runCli(['render', join(dir, 'papers.yaml'), '-f', 'pdf', '-o', file]);
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      'warning: pdf: entry smile: no font has "🙂" (U+1F642); drawn as \uFFFD (add a font that has it under render.pdf.fonts.fallback)',
    ]);
    const text = pdfText(file);
    expect(text).toContain('Learning τ with ∅ and αβγ');
    expect(squeeze(text)).toContain(word);
    if (existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc') || process.env.CI) {
      expect(text).toContain('大规模语言模型的高效微调');
      expect(text).toContain('王小明');
    }
    for (const font of pdfFonts(file)) expect(font.embedded, font.name).toBe(true);
  });
});

describe.runIf(toolsAvailable(...PDF_TOOLS))('a font family of your own files', () => {
  const dejavu = join(
    dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
    'ttf',
  );
  const render = (body: string, key = 'body') => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'papers.yaml'),
      [
        'owner: { name: Ada Lovelace }',
        `render: { pdf: { fonts: { ${key}: ${body} } } }`,
        'papers:',
        '  - { id: a, type: journal, title: Notes, authors: [Ada Lovelace], venue: Memoirs, date: 1843 }',
      ].join('\n'),
    );
    const file = join(dir, 'cv.pdf');
    const result = runCli(['render', join(dir, 'papers.yaml'), '-f', 'pdf', '-o', file]);
    expect(result.status).toBe(0);
    // The heading family stays the theme's own (Source Serif).
    const dejavuFaces = pdfFonts(file)
      .map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
      .filter((name) => name.startsWith('DejaVu'))
      .sort();
    return { warnings: result.stderr.trim().split('\n').filter(Boolean), dejavuFaces };
  };

  it('without bold and italic faces says that the owner and venues lose them', () => {
    const { warnings, dejavuFaces } = render(`{ regular: ${join(dejavu, 'DejaVuSans.ttf')} }`);
    expect(warnings).toEqual([
      "warning: render.pdf.fonts.body has no bold face: bold text, the owner's name included, is drawn in the regular face (add `bold:` with its font file)",
      'warning: render.pdf.fonts.body has no italic face: italic text (venues, some titles) is drawn upright (add `italic:` with its font file)',
    ]);
    expect(dejavuFaces).toEqual(['DejaVuSans']);
  });

  it('as headings without a bold face says that the headings lose it', () => {
    const { warnings } = render(`{ regular: ${join(dejavu, 'DejaVuSans.ttf')} }`, 'heading');
    expect(warnings).toEqual([
      'warning: render.pdf.fonts.heading has no bold face: the headings are drawn in the regular face (add `bold:` with its font file)',
    ]);
  });

  it('with them draws each face and says nothing', () => {
    const faces = ['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique'];
    const [regular, bold, italic] = faces.map((face) => join(dejavu, `${face}.ttf`));
    const { warnings, dejavuFaces } = render(
      `{ regular: ${regular}, bold: ${bold}, italic: ${italic} }`,
    );
    expect(warnings).toEqual([]);
    expect(dejavuFaces).toEqual(faces);
  });
});

describe.runIf(toolsAvailable(...PDF_TOOLS))('publist build', () => {
  it('writes out/cv.pdf beside the other outputs', () => {
    const out = scratch();
    const result = runCli(['build', DEFAULT_DB, '--out-dir', out, '--quiet'], { env: EPOCH });
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toContain('cv.pdf');
    expect(pdfText(join(out, 'cv.pdf'))).toContain('Baohao Liao');
  });

  it('leaves no cv.pdf, and no temporary file, when a font of the PDF is not a font', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'not-a-font.ttf'), 'this is text, not a font');
    writeFileSync(
      join(dir, 'papers.yaml'),
      [
        'owner: { name: Ada Lovelace }',
        'render:',
        '  pdf: { fonts: { fallback: [not-a-font.ttf] } }',
        '  outputs: [{ format: pdf }]',
        'papers:',
        '  - { id: a, type: other, title: "Smile 🙂", authors: [Ada Lovelace], date: 2024 }',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const result = runCli(['build', join(dir, 'papers.yaml'), '--out-dir', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /papers\.yaml:3:30: render\.pdf\.fonts\.fallback\[0\]: not-a-font\.ttf: not a font publist can embed/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
