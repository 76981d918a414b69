/**
 * The language of a title that names none: import sets it, and `validate` warns about it,
 * only when the title is clearly not English, so that title-casing styles print it as
 * written and every English title is still title-cased.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titleLanguages } from '../src/model/title-language.js';
import { runCli } from './support/cli.js';
import { CORPUS } from './support/corpus.js';
import { importedDatabase } from './support/database.js';

const guessLanguage = async (title: string) => (await titleLanguages([title]))[0];

describe('titleLanguages', () => {
  it('names the language of a title with its function words', async () => {
    for (const [title, tag] of [
      ['Die Grundlage der allgemeinen Relativitätstheorie', 'de'],
      ['Sur la théorie des quanta', 'fr'],
      ['Un modelo de lenguaje para el español', 'es'],
      ['Un modello linguistico per la lingua italiana e il dialetto', 'it'],
      ['Een nieuwe methode voor de analyse van eiwitten', 'nl'],
      ['Um modelo de linguagem para o português do Brasil', 'pt'],
    ] as const) {
      expect((await guessLanguage(title))?.tag, title).toBe(tag);
    }
  });

  it('says nothing when the title may be English', async () => {
    for (const title of [
      'Attention is all you need',
      'Homotopy type theory: univalent foundations of mathematics',
      // Words other languages share with English titles.
      'La Jolla Covariance Study',
      'Die Hard: resilient systems',
      'De Bruijn indices and the lambda calculus',
      'A la carte: compositional data types',
      'Van der Waals forces in la nanoscale',
      'Longest Paths in Planar DAGs in Unambiguous Log-Space',
      'Variable displacement piston pumps',
      // Title case: a name's particles read as function words there.
      'Van de Graaff Generators: Design Principles',
      'Der Spiegel versus Die Zeit: Framing Migration',
      'Van der Waals Heterostructures in Die Attach',
      'La Liga en Crisis: Football Economics',
      // German, but in title case, or with one of its function words only: too little to be sure.
      'Über das Unendliche',
      'Zur Elektrodynamik bewegter Körper',
      // Too short to tell.
      'Der Spiegel',
      '中文标题的论文',
    ]) {
      expect(await guessLanguage(title), title).toBeUndefined();
    }
  });

  it('gives the words it went by', async () => {
    expect(await guessLanguage('Über die von der Theorie der Wärme geforderte Bewegung')).toEqual({
      tag: 'de',
      name: 'German',
      words: ['über', 'die', 'von', 'der'],
    });
  });
});

const BIB = `@article{einstein1905,
  title = {{\\"U}ber die von der molekularkinetischen Theorie der W{\\"a}rme geforderte Bewegung},
  author = {Einstein, Albert},
  journal = {Annalen der Physik},
  year = 1905
}

@article{relativity,
  title = {The meaning of relativity},
  author = {Einstein, Albert},
  journal = {American Journal of Physics},
  year = 1950
}

@article{named,
  title = {Über die Wahrheit der Dinge},
  author = {Einstein, Albert},
  journal = {Annalen der Physik},
  langid = {english},
  year = 1906
}
`;

describe('publist import', () => {
  it('sets the language of a German title, says so where the entry is, and styles print it as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publist-language-'));
    const bib = join(dir, 'refs.bib');
    const into = join(dir, 'papers.yaml');
    writeFileSync(bib, BIB);
    const result = runCli(['import', bib, '--into', into, '--owner', 'Albert Einstein']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      `${bib}:1:1: einstein1905: language: de (German), from "über", "die", "von" and "der" in the title, so that styles do not title-case it; write \`language: en\` if it is English\n`,
    );
    // The English title, and the title whose language the file names, get no note.
    expect(result.stderr.match(/from ".*" in the title/g)).toHaveLength(1);
    const database = readFileSync(into, 'utf8');
    expect(database).toMatch(/id: einstein1905\n(?: {4}.*\n)* {4}language: de\n/);
    expect(database).toMatch(/id: named\n(?: {4}.*\n)* {4}language: en\n/);

    const mla = runCli(['render', into, '-f', 'text', '--style', 'modern-language-association']);
    expect(mla.status).toBe(0);
    expect(mla.stdout).toContain(
      '“Über die von der molekularkinetischen Theorie der Wärme geforderte Bewegung.” Annalen der Physik',
    );
    expect(mla.stdout).toContain('“The Meaning of Relativity.”');
  });
});

describe('the real bibliographies', () => {
  it('get a language only for their German and French titles (Gentzen’s from the file)', async () => {
    const files = readdirSync(CORPUS)
      .filter((name) => /\.(bib|json|ris)$/.test(name))
      .map((name) => join(CORPUS, name));
    const { database } = await importedDatabase(files, 'owner:\n  name: Ada Lovelace\n\n');
    const guessed = database.papers
      .filter((paper) => paper.language === 'de' || paper.language === 'fr')
      .map((paper) => `${paper.language} ${paper.title}`)
      .sort();
    expect(guessed).toEqual([
      'de Die Widerspruchsfreiheit der reinen Zahlentheorie',
      'de Zur Deutung der intuitionistischen Logik',
      'de Über die von der molekularkinetischen Theorie der Wärme geforderte Bewegung von in ruhenden Flüssigkeiten suspendierten Teilchen',
      'de Über eine bisher noch nicht benützte Erweiterung des finiten Standpunktes',
      'fr Équivalence naturelle et formules logiques en théorie des catégories',
    ]);
    const others = database.papers.filter(
      (paper) => paper.language !== undefined && !/^(?:de|fr|zh|en)\b/.test(paper.language),
    );
    expect(others.map((paper) => `${paper.language} ${paper.title}`)).toEqual([]);
  });
});

describe('publist validate', () => {
  /** A database whose one paper's title is German, with no `language`. */
  const GERMAN_PAPER = `owner:
  name: Albert Einstein
papers:
  - id: einstein1905
    title: Über die von der molekularkinetischen Theorie der Wärme geforderte Bewegung
    type: journal
    authors: [Albert Einstein]
    date: 1905
`;
  /** The warning about its title, at line 5. */
  const warningIn = (database: string) =>
    `${database}:5:12: warning: papers[0] (einstein1905).title: reads as German ("über", "die", "von" and "der"), but the paper has no \`language\`: styles that title-case English titles would change its case (add \`language: de\` to the paper, or \`language: en\` if the title is English)\n`;

  it('warns, at the title, about a title clearly in another language on a paper without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publist-language-'));
    const database = join(dir, 'papers.yaml');
    writeFileSync(
      database,
      `${GERMAN_PAPER}  - id: einstein1906
    title: Über die Wahrheit der Dinge
    type: journal
    authors: [Albert Einstein]
    date: 1906
    language: en
  - id: taub1950
    title: The meaning of relativity
    type: journal
    authors: [Albert Einstein]
    date: 1950
`,
    );
    const result = runCli(['validate', database]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(warningIn(database));
    expect(result.stderr.match(/warning:/g)).toHaveLength(1);
  });

  it('does not warn when no output is in an English locale, where no style title-cases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publist-language-'));
    const database = join(dir, 'papers.yaml');
    const warning = warningIn(database);
    const german = `render:\n  style: modern-language-association\n  locale: de-DE\n`;
    writeFileSync(
      database,
      `${GERMAN_PAPER}${german}  outputs:\n    - format: markdown\n    - format: bibtex\n`,
    );
    const result = runCli(['validate', database]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`${database}: 1 paper, no problems\n`);
    // One output in English is enough, as is `render` with an English `render:`.
    writeFileSync(
      database,
      `${GERMAN_PAPER}${german}  outputs:\n    - format: html\n      locale: en-GB\n`,
    );
    expect(runCli(['validate', database]).stderr).toBe(
      `${warning}${database}: 1 paper, no problems, 1 warning\n`,
    );
    writeFileSync(
      database,
      `${GERMAN_PAPER}render:\n  style: modern-language-association\n  outputs:\n    - format: html\n      locale: de-DE\n`,
    );
    expect(runCli(['validate', database]).stderr).toBe(
      `${warning}${database}: 1 paper, no problems, 1 warning\n`,
    );
  });
});
