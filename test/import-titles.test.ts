/** An imported title's final full stop goes (styles add their own punctuation), its abbreviations' stays. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutFinalFullStop } from '../src/import/record.js';
import { runCli } from './support/cli.js';

describe('a title that ends in a full stop', () => {
  it.each([
    ['A study of things.', 'A study of things'],
    ['Lupus erythematosus. A systematic review.', 'Lupus erythematosus. A systematic review'],
    ['Vitamin C.', undefined],
    ['Essays for John F.', undefined],
    ['Smith Bros.', undefined],
    ['Is it $x$?', undefined],
    ['A study of things', undefined],
    ['And so on...', undefined],
    ['And so on..', undefined],
    ['Work by Smith et al.', undefined],
    ['Acme Inc.', undefined],
    ['Collected papers, Vol.', undefined],
    ['Policy in the U.S.', undefined],
    ['A review (Ph.D.)', undefined],
  ])('%s', (title, expected) => {
    expect(withoutFinalFullStop(title)).toBe(expected);
  });

  it('loses it in RIS and BibTeX, and the summary counts them once per file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publist-titles-'));
    const ris = join(dir, 'stops.ris');
    writeFileSync(
      ris,
      [
        'TY  - JOUR\nTI  - A study of things.\nAU  - Doe, Jane\nPY  - 2020\nER  - ',
        'TY  - JOUR\nTI  - Another study of things.\nAU  - Doe, Jane\nPY  - 2021\nER  - ',
        'TY  - JOUR\nTI  - Things at Acme Inc.\nAU  - Doe, Jane\nPY  - 2022\nER  - ',
        'TY  - JOUR\nTI  - Vitamin C.\nAU  - Doe, Jane\nPY  - 2023\nER  - ',
      ].join('\n') + '\n',
    );
    const bib = join(dir, 'stops.bib');
    writeFileSync(
      bib,
      '@article{later,\n  title = {{A Later Study of Things.}},\n  author = {Doe, Jane},\n  journal = {J},\n  year = {2023}\n}\n',
    );
    const into = join(dir, 'papers.yaml');
    writeFileSync(into, 'owner:\n  name: Jane Doe\n\npapers: []\n');
    const result = runCli(['import', ris, bib, '--into', into]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${ris}: RIS, 4 entries: 4 added\n  mapped: AU 4, PY 4, TI 4, TY 4\n  2 titles ended in a full stop, removed: styles put their own punctuation after a title\n`,
    );
    expect(result.stderr).toContain(
      '\n  1 title ended in a full stop, removed: styles put their own punctuation after a title\n',
    );
    const titles = readFileSync(into, 'utf8').match(/^ {4}title: .*$/gm);
    expect(titles).toEqual([
      '    title: A study of things',
      '    title: Another study of things',
      '    title: Things at Acme Inc.',
      '    title: Vitamin C.',
      '    title: A Later Study of Things',
    ]);
  });
});
