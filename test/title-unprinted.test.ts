import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';
import { ONE_PAPER } from './support/database.js';

/** A database of two papers with the `render:` section given. */
function database(render: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'publist-title-'));
  const file = join(folder, 'papers.yaml');
  writeFileSync(file, `${ONE_PAPER}\n${render}\n`);
  return file;
}

describe('a title given to a format that has no heading', () => {
  it('is said once by render, naming the flag, for --title with bibtex, biblatex or csl-json', () => {
    for (const format of ['bibtex', 'biblatex', 'csl-json']) {
      const result = runCli(['render', DEFAULT_DB, '-f', format, '--title', 'Selected']);
      expect(result.status).toBe(0);
      expect(result.stderr).toBe(
        `warning: --title: the title "Selected" is not printed: ${format} has no heading\n`,
      );
      const untitled = runCli(['render', DEFAULT_DB, '-f', format]);
      expect(result.stdout).toBe(untitled.stdout);
    }
    const markdown = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--title', 'Selected']);
    expect(markdown.stderr).toBe('');
  });

  it('is not said for render.title, which the database gives every output', () => {
    const file = database('  title: Selected');
    const result = runCli(['render', file, '-f', 'bibtex']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it("is said where an output's own title is written, by validate, build and render alike", () => {
    const file = database(
      [
        '  title: Selected',
        '  outputs:',
        '    - format: markdown',
        '    - format: bibtex',
        '      title: Mine',
        '    - format: csl-json',
      ].join('\n'),
    );
    const warning = `${file}:16:14: warning: render.outputs[1].title: the title "Mine" is not printed: bibtex has no heading (leave it out, or give it to an output that prints a heading: pdf, markdown, html, text, latex)\n`;
    const validate = runCli(['validate', file]);
    expect(validate.status).toBe(0);
    expect(validate.stderr).toBe(`${warning}${file}: 1 paper, no problems, 1 warning\n`);
    const out = mkdtempSync(join(tmpdir(), 'publist-title-out-'));
    const build = runCli(['build', file, '--out-dir', out, '--quiet']);
    expect(build.status).toBe(0);
    expect(build.stderr).toBe(warning);
    const render = runCli(['render', file, '-f', 'markdown']);
    expect(render.status).toBe(0);
    expect(render.stderr).toBe(warning);
  });

  it('is said at render.title when no output prints it, and as the flag for build --title', () => {
    const file = database(
      ['  title: Selected', '  outputs:', '    - format: bibtex', '    - format: csl-json'].join(
        '\n',
      ),
    );
    const warning = `${file}:12:10: warning: render.title: the title "Selected" is not printed: no output has a heading (publications.bib: bibtex; publications.json: csl-json) (leave it out, or give it to an output that prints a heading: pdf, markdown, html, text, latex)\n`;
    const validate = runCli(['validate', file]);
    expect(validate.status).toBe(0);
    expect(validate.stderr).toBe(`${warning}${file}: 1 paper, no problems, 1 warning\n`);
    const out = mkdtempSync(join(tmpdir(), 'publist-title-out-'));
    const result = runCli(['build', file, '--out-dir', out, '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(warning);
    const flag = runCli(['build', file, '--out-dir', out, '--quiet', '--title', 'Other']);
    expect(flag.status).toBe(0);
    expect(flag.stderr).toBe(
      `${warning}warning: --title: the title "Other" is not printed: no output has a heading (publications.bib: bibtex; publications.json: csl-json)\n`,
    );
  });
});
