import { describe, expect, it } from 'vitest';
import { ownerMatcher, printedPartMatches } from '../src/cite/names.js';

describe('recognising the owner', () => {
  const isOwner = ownerMatcher({ name: 'Jens Henrik Göbbert', aliases: ['J. Goebbert'] });

  it('matches regardless of accents, case and initials', () => {
    expect(isOwner({ family: 'Göbbert', given: 'Jens Henrik' })).toBe(true);
    expect(isOwner({ family: 'GOBBERT', given: 'J. H.' })).toBe(true);
    expect(isOwner({ family: 'Gobbert', given: 'J.' })).toBe(true);
    expect(isOwner({ family: 'Goebbert', given: 'Jens' })).toBe(true);
    expect(isOwner({ literal: 'Jens Henrik Gobbert' })).toBe(true);
  });

  it('does not take a namesake with another full given name', () => {
    expect(isOwner({ family: 'Göbbert', given: 'Anna' })).toBe(false);
    expect(isOwner({ family: 'Göbbert', given: 'Karl Henrik' })).toBe(false);
    expect(isOwner({ family: 'Gabbert', given: 'Jens Henrik' })).toBe(false);
  });

  it('handles particles', () => {
    const vanDerBerg = ownerMatcher({ name: 'Jan van der Berg' });
    expect(vanDerBerg({ family: 'Berg', particle: 'van der', given: 'Jan' })).toBe(true);
    expect(vanDerBerg({ family: 'Berg', particle: 'van der', given: 'J.' })).toBe(true);
  });
});

describe('a printed name part', () => {
  const person = { family: 'Göbbert', given: 'Jens Henrik' };

  it('is recognised in the forms styles print', () => {
    for (const printed of ['Göbbert', 'GÖBBERT', 'Gobbert']) {
      expect(printedPartMatches(printed, person, 'family')).toBe(true);
    }
    for (const printed of ['J. H.', 'JH', 'J.-H.', 'J.', 'Jens Henrik', 'JENS HENRIK']) {
      expect(printedPartMatches(printed, person, 'given')).toBe(true);
    }
  });

  it('is not confused with other text', () => {
    expect(printedPartMatches('Towards prediction', person, 'family')).toBe(false);
    expect(printedPartMatches('K.', person, 'given')).toBe(false);
    expect(printedPartMatches('12', person, 'family')).toBe(false);
  });
});
