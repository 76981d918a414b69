import { describe, expect, it } from 'vitest';
import { parseBibtexNames } from '../src/import/bibtex-names.js';
import { readRis } from '../src/import/ris.js';

const names = (value: string) => parseBibtexNames(value).names;

describe('BibTeX name lists', () => {
  it.each([
    ['Einstein, Albert', { family: 'Einstein', given: 'Albert' }],
    // Google Scholar's run-together initials.
    ['Taub, AH', { family: 'Taub', given: 'A. H.' }],
    ['AH Taub', { given: 'A. H.', family: 'Taub' }],
    ['Zaloudek, FRW', { family: 'Zaloudek', given: 'F. R. W.' }],
    ['LI, WEI', { family: 'LI', given: 'WEI' }],
    ['Taub, ABCD', { family: 'Taub', given: 'ABCD' }],
    ['Jan van der Berg', { given: 'Jan', particle: 'van der', family: 'Berg' }],
    ['van der Berg, Jan', { particle: 'van der', family: 'Berg', given: 'Jan' }],
    ['Pierre de la Fontaine', { given: 'Pierre', particle: 'de la', family: 'Fontaine' }],
    ['Smith, Jr., John', { family: 'Smith', suffix: 'Jr.', given: 'John' }],
    ['Martin-L{\\"{o}}f, Per', { family: 'Martin-Löf', given: 'Per' }],
    ['{\\L}ukasz Kaiser', { given: 'Łukasz', family: 'Kaiser' }],
    ['{\\"O}zg{\\"u}r {\\"O}zel', { given: 'Özgür', family: 'Özel' }],
    [
      "Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
      {
        given: 'Charles Louis Xavier Joseph',
        particle: 'de la',
        family: 'Vallée Poussin',
      },
    ],
    ['D.~E. Knuth', { given: 'D. E.', family: 'Knuth' }],
    ['Ludwig {van Beethoven}', { given: 'Ludwig', family: 'van Beethoven' }],
    [
      '{National Institute of Standards and Technology}',
      {
        literal: 'National Institute of Standards and Technology',
      },
    ],
    ['{Barnes and Noble, Inc.}', { literal: 'Barnes and Noble, Inc.' }],
    ['{mekanizmalar.com}', { family: 'mekanizmalar.com' }],
    ['M. Moeini-Aghtaie,', { given: 'M.', family: 'Moeini-Aghtaie' }],
    ['Smith, Jr., ', { family: 'Smith', suffix: 'Jr.' }],
    ['猪八戒', { family: '猪八戒' }],
    ['Euclid', { family: 'Euclid' }],
  ])('%s', (input, expected) => {
    expect(names(input)).toEqual([expected]);
  });

  it('says so when it reads a given name as run-together initials', () => {
    expect(parseBibtexNames('Einstein, Albert and Taub, AH').notes).toEqual([
      '"Taub, AH": read AH as the initials A. H.',
    ]);
  });

  it('splits at top-level and, in any case', () => {
    expect(names('A. One and B. Two AND {C and D}')).toEqual([
      { given: 'A.', family: 'One' },
      { given: 'B.', family: 'Two' },
      { literal: 'C and D' },
    ]);
  });

  it('reads names that ";" separates as several, and says so', () => {
    const list = parseBibtexNames(
      'Seldin, Jonathan P.; Hindley, J. Roger and {Barnes; Noble} and Smith, John;',
    );
    expect(list.names).toEqual([
      { family: 'Seldin', given: 'Jonathan P.' },
      { family: 'Hindley', given: 'J. Roger' },
      { literal: 'Barnes; Noble' },
      { family: 'Smith', given: 'John' },
    ]);
    expect(list.notes).toEqual([
      '"Seldin, Jonathan P.; Hindley, J. Roger": read as 2 names, which ";" separates (BibTeX separates names with "and")',
    ]);
  });

  it('keeps an HTML entity whole: its ";" separates no names', () => {
    const list = parseBibtexNames('M&#252;ller, Hans and Garc&iacute;a, Jos&eacute;');
    expect(list.names).toEqual([
      { family: 'M&#252;ller', given: 'Hans' },
      { family: 'Garc&iacute;a', given: 'Jos&eacute;' },
    ]);
    expect(list.notes).toEqual([]);
  });

  it('reads and others as a truncated list', () => {
    const list = parseBibtexNames('Bode, Mathis and Gauding, Michael and others');
    expect(list.others).toBe(true);
    expect(list.names).toHaveLength(2);
  });

  it('reads a generational suffix written last as the suffix, and says so', () => {
    const list = parseBibtexNames(
      'Smith, John, Jr. and van Dyke, Ann, III and King, Jr., Martin Luther and Smith, Jr., Sr.',
    );
    expect(list.names).toEqual([
      { family: 'Smith', given: 'John', suffix: 'Jr.' },
      { particle: 'van', family: 'Dyke', given: 'Ann', suffix: 'III' },
      // BibTeX's own order, and a middle part that is a suffix itself, are read BibTeX's way.
      { family: 'King', suffix: 'Jr.', given: 'Martin Luther' },
      { family: 'Smith', suffix: 'Jr.', given: 'Sr.' },
    ]);
    expect(list.notes).toEqual([
      '"Smith, John, Jr.": read as family Smith, given John, suffix Jr. (BibTeX would read Jr. as the given name)',
      '"van Dyke, Ann, III": read as family van Dyke, given Ann, suffix III (BibTeX would read III as the given name)',
    ]);
  });

  it('takes names across lines', () => {
    expect(names('Prasad Chaugule and\n                  Nutan Limaye')).toEqual([
      { given: 'Prasad', family: 'Chaugule' },
      { given: 'Nutan', family: 'Limaye' },
    ]);
  });
});

describe('RIS names', () => {
  const authors = (...names: string[]) =>
    readRis(
      `TY  - JOUR\nTI  - A title\nPY  - 2021\n${names.map((name) => `AU  - ${name}\n`).join('')}ER  - \n`,
    ).papers[0]?.paper.authors;

  it('put a particle, or the first half of a Dutch double family name, written after the given names before the family name', () => {
    expect(
      authors(
        'Dieren, Judith J Kroese-van',
        'Dieren, J. Kroese-van der',
        'van Dieren, Judith Kroese',
        'Chen, Ming-de',
        'Ho, Hsi-en',
        'Hoven, Andor F. van den',
        "Hooft, Gerard 't",
      ),
    ).toEqual([
      { family: 'Kroese-van Dieren', given: 'Judith J' },
      { family: 'Kroese-van der Dieren', given: 'J.' },
      'Judith Kroese van Dieren',
      // A hyphenated given name alone is a given name: Chinese names are written so.
      'Ming-de Chen',
      'Hsi-en Ho',
      'Andor F. van den Hoven',
      "Gerard 't Hooft",
    ]);
  });
});
