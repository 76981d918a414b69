/** Which capitalised words of a title the BibTeX export braces as names. */
import { describe, expect, it } from 'vitest';
import { NameWords } from '../src/write/bibtex-names.js';

describe('names in a title-case title', () => {
  const words = new NameWords();
  const names = (list: string[]) => list.filter((word) => words.isName(word));

  it('are the proper nouns, and the possessives and foreign-lettered words no list knows', () => {
    expect(
      names(['Markov', 'Bayesian', 'Gaussian', 'Dedekind', 'Hodgkin', 'Brownian', 'Achilles']),
    ).toEqual(['Markov', 'Bayesian', 'Gaussian', 'Dedekind', 'Hodgkin', 'Brownian', 'Achilles']);
    expect(names(["Hedberg's", 'Lawvere’s', 'Löf', 'Göbbert', 'Søgaard', 'Erdős'])).toEqual([
      "Hedberg's",
      'Lawvere’s',
      'Löf',
      'Göbbert',
      'Søgaard',
      'Erdős',
    ]);
  });

  it('are not the terms no list knows: braced, a term would keep its capital', () => {
    expect(
      names([
        'Automata',
        'Unary',
        'Homotopy',
        'Graphene',
        'Qubits',
        'Softmax',
        'Chatbot',
        'Tokenizer',
        'Eigenvector',
        'Topos',
        // Names too, but nothing tells them from a term when they stand alone.
        'Takeuti',
        'Coq',
      ]),
    ).toEqual([]);
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
        "World's",
        "Electricity's",
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
  });

  it('make a compound a name when every part is a name or unknown, not all everyday', () => {
    const compounds = [
      ['Takeuti', 'Gandy'],
      ['Martin', 'Löf'],
      ['Kullback', 'Leibler'],
      ['Navier', 'Stokes'],
      ['Markov', 'Chain'],
      ['Gaussian', 'Process'],
      ['Graphene', 'Based'],
      ['Self', 'Supervised'],
      ['Long', 'Short'],
      ['Martin', 'Stone'],
    ];
    expect(
      compounds.filter((parts) => words.isCompoundName(parts)).map((parts) => parts.join('-')),
    ).toEqual(['Takeuti-Gandy', 'Martin-Löf', 'Kullback-Leibler', 'Navier-Stokes']);
  });
});
