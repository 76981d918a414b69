import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';
import { comparable, compileLatex } from './support/tex.js';
import { toolsAvailable } from './support/tools.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'publist-latex-cli-'));
}

describe('LaTeX from the command line', () => {
  it('publist render --format latex takes the writer flags', () => {
    const result = runCli([
      'render',
      DEFAULT_DB,
      '--format',
      'latex',
      '--latex-heading',
      'section',
      '--latex-labels',
      'none',
      '--since',
      '2026',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\\section*{2026}');
    expect(result.stdout.match(/^\\item/gm)).toHaveLength(2);
    expect(result.stdout).not.toContain('{[}arXiv{]}');
  });

  it('refuses a heading level it does not know, with exit code 2', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'latex', '--latex-heading', 'chapter']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--latex-heading <value>');
  });

  it('--template moderncv without --standalone writes the moderncv fragment', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'latex', '--template', 'moderncv']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('\\documentclass');
    expect(result.stdout.match(/^\\cvitem\{\{\[\}\d+\{\]\}\}/gm)).toHaveLength(20);
  });

  it('refuses a fragment template with --standalone, and a whole document with no fragment without it', () => {
    const fragment = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'latex',
      '--standalone',
      '--template',
      'moderncv-fragment',
    ]);
    expect(fragment.status).toBe(2);
    expect(fragment.stderr).toContain(
      '--template moderncv-fragment is a fragment to \\input, not a whole document: leave out --standalone, or use --template moderncv --standalone',
    );
    const dir = scratch();
    mkdirSync(join(dir, 'latex'));
    writeFileSync(join(dir, 'latex', 'mycv.hbs'), '\\documentclass{article}\n');
    const whole = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'latex',
      '--templates',
      dir,
      '--template',
      'mycv',
    ]);
    expect(whole.status).toBe(2);
    expect(whole.stderr).toContain(
      '--template mycv is a whole document and there is no mycv-fragment template: add --standalone',
    );
    expect(whole.stdout).toBe('');
  });

  it('uses a template of --templates DIR, and still escapes every value', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'latex'));
    writeFileSync(
      join(dir, 'latex', 'fragment.hbs'),
      '{{#each groups}}{{#each entries}}\\cventry{ {{~label~}} }{ {{~text~}} }\n{{/each}}{{/each}}',
    );
    const db = join(dir, 'papers.yaml');
    writeFileSync(
      db,
      `owner: {name: Ada Lovelace}
render: {style: ieee, numbering: ascending}
papers:
  - {id: a, type: journal, title: '100% \\input{x} & more', authors: [Ada Lovelace], date: 2024}
`,
    );
    const result = runCli(['render', db, '-f', 'latex', '--templates', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      '\\cventry{{[}1{]}}{\\publistowner{A. Lovelace}, “100\\% \\textbackslash{}input\\{x\\} \\& more,” 2024.}\n',
    );
  });

  it('reports a broken user template at its line, with exit code 1', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'latex'));
    writeFileSync(
      join(dir, 'latex', 'standalone.hbs'),
      '\\documentclass{article}\n{{#each groups}\n',
    );
    const result = runCli([
      'render',
      DEFAULT_DB,
      '-f',
      'latex',
      '--standalone',
      '--templates',
      dir,
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${join(dir, 'latex', 'standalone.hbs')}:2:1: template syntax: the tag {{#each groups} has one closing brace (write {{#each groups}})`,
    );
  });
});

describe.runIf(toolsAvailable('pdflatex', 'pdftotext', 'pdftohtml'))('publist build', () => {
  it('writes out/publications.tex and out/cv-latex.tex, and cv-latex.tex compiles', () => {
    const out = scratch();
    const result = runCli(['build', DEFAULT_DB, '--out-dir', out, '--quiet']);
    expect(result.status).toBe(0);
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining(['publications.tex', 'cv-latex.tex', 'publications.bib']),
    );
    const cv = readFileSync(join(out, 'cv-latex.tex'), 'utf8');
    expect(cv).toMatch(/^% CV of Baohao Liao: written by publist from papers\.yaml \(IEEE\)\./);
    // Once, as a comment: the fragment's own header (how to \input it) is not repeated inside.
    expect(cv.match(/written by publist/g)).toHaveLength(1);
    expect(cv).not.toContain('Regenerate it rather than edit it');
    const pdf = compileLatex(cv, { engine: 'pdflatex' });
    expect(comparable(pdf.text)).toContain(comparable('Mask More and Mask Later'));
    expect(pdf.text).not.toMatch(/written by publist|Regenerate|usepackage/);
    const fragment = readFileSync(join(out, 'publications.tex'), 'utf8');
    expect(fragment).toMatch(
      /^% Publications of Baohao Liao: written by publist from papers\.yaml \(IEEE\)\.\n% Regenerate it rather than edit it\./,
    );
    expect(fragment).not.toContain('\\documentclass');
    expect(fragment.match(/^\\item/gm)).toHaveLength(20);
  });
});
