/** Which capitalised words of a title the BibTeX export braces as names. */
import { describe, expect, it } from 'vitest';
import { NameWords } from '../src/write/bibtex-names.js';

describe('names in a title-case title', () => {
  const words = new NameWords();
  const names = (list: string[]) => list.filter((word) => words.isName(word));

  it('are the proper nouns and the words English does not know', () => {
    expect(
      names(['Markov', 'Bayesian', 'Gaussian', 'Hedberg', 'Takeuti', 'Gandy', 'Löf', 'Coq']),
    ).toEqual(['Markov', 'Bayesian', 'Gaussian', 'Hedberg', 'Takeuti', 'Gandy', 'Löf', 'Coq']);
  });

  it('are not English words, nor words made of them', () => {
    expect(
      names([
        'Theorem',
        'Generalizations',
        'Interpretation',
        'Is',
        'Using',
        'Pretraining',
        'Tokenization',
        'Finetuning',
        'Multimodal',
        'Embeddings',
        'Pre',
      ]),
    ).toEqual([]);
  });

  it('are everyday words that are also proper nouns only in the possessive', () => {
    expect(names(['Green', "Green's", 'Church', 'Church’s', 'Newton', "Newton's"])).toEqual([
      "Green's",
      'Church’s',
      "Newton's",
    ]);
    // Rare as English words, these are names: a company, a matrix.
    expect(names(['Amazon', 'Hessian'])).toEqual(['Amazon', 'Hessian']);
    expect(names(["Electricity's", "World's"])).toEqual([]);
  });
});
