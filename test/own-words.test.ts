/**
 * publist's own words (the list's title, headings by type, link labels, the legend) follow
 * the output's language as the style's terms do; a language publist has no words for gets
 * English.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';
import { PDF_TOOLS, pdfInfo, pdfText } from './support/pdf.js';
import { toolsAvailable } from './support/tools.js';

const folder = mkdtempSync(join(tmpdir(), 'publist-words-'));
const marked = join(folder, 'papers.yaml');
writeFileSync(
  marked,
  [
    'owner: {name: Ada Lovelace}',
    'papers:',
    '  - id: notes',
    '    type: journal',
    '    title: Notes',
    '    authors: [{name: Ada Lovelace, equal: true}, {name: Charles Babbage, equal: true, corresponding: true}]',
    '    venue: Scientific Memoirs',
    '    date: 1843',
    '    code: https://example.org/engine',
    '    slides: https://example.org/slides',
    '',
  ].join('\n'),
);

const render = (...args: string[]) => {
  const result = runCli(['render', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
};

describe('publist’s own words in the output’s language', () => {
  it('gives the headings by type in Spanish, the links labelled in Spanish', () => {
    const markdown = render(
      DEFAULT_DB,
      '-f',
      'markdown',
      '--locale',
      'es-ES',
      '--group-by',
      'type',
    );
    expect(markdown.match(/^## .*$/gm)).toEqual([
      '## Artículos de congreso',
      '## Artículos de tareas compartidas',
      '## Preprints',
      '## Otros',
    ]);
    expect(markdown).toContain('[\\[Código\\]](https://github.com/');
    expect(markdown).not.toMatch(/\bCode\b|Conference Papers|Other/);
  });

  it('titles the HTML page and the LaTeX CV in German and Italian', () => {
    const html = render(DEFAULT_DB, '-f', 'html', '--standalone', '--locale', 'de-DE');
    expect(html).toContain('<title>Publikationen — Baohao Liao</title>');
    const latex = render(DEFAULT_DB, '-f', 'latex', '--standalone', '--locale', 'it-IT');
    const printed = latex.split('\n').filter((line) => !line.startsWith('%'));
    expect(printed).toContain('\\section*{Pubblicazioni}');
    expect(latex).toContain('pdftitle={Baohao Liao: Pubblicazioni}');
    expect(printed.join('\n')).not.toContain('Publications');
  });

  it('writes the legend of the marks and the link labels in French', () => {
    const text = render(marked, '-f', 'text', '--locale', 'fr-FR');
    expect(text).toContain('Diapositives: https://example.org/slides');
    expect(text.trim().split('\n').at(-1)).toBe('* contribution égale; † auteur correspondant');
  });

  it('falls back to English for a language it has no words for', () => {
    const markdown = render(
      DEFAULT_DB,
      '-f',
      'markdown',
      '--locale',
      'ja-JP',
      '--group-by',
      'type',
    );
    expect(markdown.match(/^## .*$/gm)).toEqual([
      '## Conference Papers',
      '## Shared Task Papers',
      '## Preprints',
      '## Other',
    ]);
  });

  it.runIf(toolsAvailable(...PDF_TOOLS))('titles the PDF CV and its metadata in Dutch', () => {
    const pdf = join(folder, 'cv.pdf');
    render(DEFAULT_DB, '-f', 'pdf', '--locale', 'nl-NL', '-o', pdf);
    const text = pdfText(pdf);
    expect(text).toContain('Publicaties');
    expect(text).not.toContain('Publications');
    expect(pdfInfo(pdf).Title).toBe('Baohao Liao — Publicaties');
  });
});
