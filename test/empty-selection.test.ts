import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';

const render = (...args: string[]) => runCli(['render', DEFAULT_DB, ...args]);

describe('a selection that matches no paper', () => {
  it('prints nothing as a text or Markdown fragment, not a lone newline, title or not, exit 0', () => {
    for (const format of ['text', 'markdown']) {
      for (const title of [[], ['--title', 'Selected']]) {
        const result = render('-f', format, '--since', '2090', ...title);
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe('warning: no papers match the selection (since 2090)\n');
      }
    }
    const topics = render('-f', 'markdown', '--topics', 'FLU-DYN', '--types', 'patent');
    expect(topics.stdout).toBe('');
    expect(topics.stderr).toBe(
      'warning: no papers match the selection (topics FLU-DYN; types patent)\n',
    );
  });

  it('is an HTML fragment without its title, and a whole page that says so in its language', () => {
    const fragment = render('-f', 'html', '--since', '2090', '--title', 'Selected');
    expect(fragment.stdout).toBe('<section class="publications">\n</section>\n');
    const page = render('-f', 'html', '--standalone', '--since', '2090', '--locale', 'de-DE');
    expect(page.status).toBe(0);
    expect(page.stdout).toContain(
      '<h1>Publikationen — Baohao Liao</h1>\n<p class="no-match">Keine Publikation entspricht der Auswahl.</p>\n',
    );
    expect(page.stdout).toMatch(/<\/html>\n$/);
    const markdown = render('-f', 'markdown', '--standalone', '--since', '2090');
    expect(markdown.stdout).toBe(
      '# Publications — Baohao Liao\n\nNo publications match the selection.\n',
    );
  });

  it('is a LaTeX document that says so under its heading, and a fragment without the title', () => {
    const whole = render('-f', 'latex', '--standalone', '--since', '2090', '--locale', 'fr-FR');
    expect(whole.status).toBe(0);
    expect(whole.stdout).toContain(
      '\\section*{Publications}\nAucune publication ne correspond à la sélection.\\par\n',
    );
    const fragment = render('-f', 'latex', '--since', '2090', '--title', 'Selected');
    expect(fragment.stdout).not.toContain('Selected');
    expect(fragment.stdout).not.toContain('\\begin{list}');
  });

  it('is written by build with a warning naming each output', () => {
    const out = mkdtempSync(join(tmpdir(), 'publist-empty-'));
    const result = runCli(['build', DEFAULT_DB, '--out-dir', out, '--since', '2090', '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'warning: publications.md: no papers match the selection (since 2090)\n',
    );
    expect(result.stderr).toContain(
      'warning: cv.pdf: no papers match the selection (since 2090)\n',
    );
    expect(statSync(join(out, 'publications.md')).size).toBe(0);
    expect(readFileSync(join(out, 'publications.html'), 'utf8')).toContain(
      '<p class="no-match">No publications match the selection.</p>',
    );
  });
});
