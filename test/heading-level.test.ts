import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';
import { databaseFrom, ONE_PAPER, renderText } from './support/database.js';

const render = (...args: string[]) =>
  runCli(['render', DEFAULT_DB, '--since', '2025', '--until', '2025', ...args]);

describe('--heading-level', () => {
  it('puts a Markdown fragment under a heading of yours: the title at the level, groups one below', () => {
    const titled = render('-f', 'markdown', '--heading-level', '2', '--title', 'Selected');
    expect(titled.status).toBe(0);
    expect(titled.stdout).toMatch(/^## Selected\n\n### 2025\n\n\\\[\d+\\\] /);
    const untitled = render('-f', 'markdown', '--heading-level', '2');
    expect(untitled.stdout).toMatch(/^### 2025\n/);
    const whole = render('-f', 'markdown', '--standalone', '--heading-level', '3');
    expect(whole.stdout).toMatch(/^### Publications — Baohao Liao\n\n#### 2025\n/);
    expect(render('-f', 'markdown').stdout).toMatch(/^## 2025\n/);
  });

  it('sets the HTML headings of a fragment and of a whole page; groups stop at <h6>', () => {
    const fragment = render('-f', 'html', '--heading-level', '3', '--title', 'Selected');
    expect(fragment.stdout).toMatch(
      /^<section class="publications">\n<h3>Selected<\/h3>\n<h4>2025<\/h4>\n/,
    );
    const page = render('-f', 'html', '--standalone', '--heading-level', '2');
    expect(page.stdout).toContain('<h2>Publications — Baohao Liao</h2>');
    expect(page.stdout).toContain('<h3>2025</h3>');
    expect(page.stdout).not.toContain('<h1>');
    const deepest = render('-f', 'html', '--heading-level', '6', '--title', 'Selected');
    expect(deepest.stdout).toContain('<h6>Selected</h6>\n<h6>2025</h6>');
  });

  it('refuses a level outside 1 to 6, and a format that has no such headings', () => {
    for (const level of ['0', '7', 'two', '2.5']) {
      const result = render('-f', 'markdown', '--heading-level', level);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `error: option '--heading-level <1-6>' argument '${level}' is invalid. Expected a whole number, 1 to 6.`,
      );
    }
    const latex = render('-f', 'latex', '--heading-level', '2');
    expect(latex.status).toBe(2);
    expect(latex.stderr).toBe(
      "error: --heading-level: only markdown and html take it, not latex (latex's own: latex-heading)\n",
    );
  });

  it('is an option of render.outputs, checked at its place, and of the library', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-heading-'));
    const file = join(folder, 'papers.yaml');
    const outputs = (level: string) =>
      `${ONE_PAPER}\n  outputs:\n    - format: markdown\n      options: { heading-level: ${level} }\n`;
    writeFileSync(file, outputs('9'));
    const wrong = runCli(['validate', file]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      'papers.yaml:14:33: render.outputs[0].options.heading-level: 9 is invalid. Expected a whole number, 1 to 6.',
    );
    writeFileSync(file, outputs('3'));
    const build = runCli(['build', file, '--out-dir', join(folder, 'out'), '--quiet']);
    expect(build.status).toBe(0);
    expect(readFileSync(join(folder, 'out', 'publications.md'), 'utf8')).toMatch(/^#### 1843\n/);

    const database = await databaseFrom(ONE_PAPER);
    const { text } = await renderText(database, {
      format: 'html',
      output: { flags: { 'heading-level': 2 } },
    });
    expect(text).toContain('<h3>1843</h3>');
    await expect(
      renderText(database, { format: 'html', output: { flags: { 'heading-level': '2' } } }),
    ).rejects.toThrow(
      'output.flags.heading-level: "2" is invalid. Expected a whole number, 1 to 6 (give it as a number, 2, not as text).',
    );
  });
});
