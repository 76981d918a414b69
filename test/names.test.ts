import { describe, expect, it } from 'vitest';
import { parseName } from '../src/model/names.js';

describe('names written as one string', () => {
  it.each([
    ['Baohao Liao', { given: 'Baohao', family: 'Liao' }],
    ['Jens Henrik Göbbert', { given: 'Jens Henrik', family: 'Göbbert' }],
    ['Ioana O. Bercea', { given: 'Ioana O.', family: 'Bercea' }],
    ['J. R. R. Tolkien', { given: 'J. R. R.', family: 'Tolkien' }],
    ['Jean-Pierre Serre', { given: 'Jean-Pierre', family: 'Serre' }],
    ['Maarten de Rijke', { given: 'Maarten', particle: 'de', family: 'Rijke' }],
    ['Jan van der Berg', { given: 'Jan', particle: 'van der', family: 'Berg' }],
    ['Plato', { family: 'Plato' }],
    // The particle runs from the first lower-case word to the last, as BibTeX reads it.
    ['Jean de La Fontaine', { given: 'Jean', particle: 'de', family: 'La Fontaine' }],
    [
      'Charles de la Vallée Poussin',
      { given: 'Charles', particle: 'de la', family: 'Vallée Poussin' },
    ],
  ])('reads "%s" as given names then family', (name, parts) => {
    expect(parseName(name)).toEqual(parts);
  });

  it.each([
    ['Liao, Baohao', { given: 'Baohao', family: 'Liao' }],
    ['van der Berg, Jan', { given: 'Jan', particle: 'van der', family: 'Berg' }],
    ['King, Jr., Martin Luther', { given: 'Martin Luther', family: 'King', suffix: 'Jr.' }],
    ['Martin Luther King, Jr.', { given: 'Martin Luther', family: 'King', suffix: 'Jr.' }],
    ['Henry Ford, III', { given: 'Henry', family: 'Ford', suffix: 'III' }],
    ['Martin Luther King Jr.', { given: 'Martin Luther', family: 'King', suffix: 'Jr.' }],
    // The order people write: the suffix last, where BibTeX would take "Jr." for the given name.
    ['King, Martin Luther, Jr.', { given: 'Martin Luther', family: 'King', suffix: 'Jr.' }],
    ['Ford, Henry, III', { given: 'Henry', family: 'Ford', suffix: 'III' }],
    ['Smith, Jr., Sr.', { given: 'Sr.', family: 'Smith', suffix: 'Jr.' }],
    // A short given name is not a Roman numeral.
    ['Chen, Xi', { given: 'Xi', family: 'Chen' }],
    ['Nguyen, Vi', { given: 'Vi', family: 'Nguyen' }],
  ])('reads "%s" with commas as BibTeX does', (name, parts) => {
    expect(parseName(name)).toEqual(parts);
  });
});
