/** Who is the owner: every spelling of the owner's name, and never a co-author who shares it. */
import { describe, expect, it } from 'vitest';
import { citeSelection } from '../src/cite/cite.js';
import { ownerMatcher } from '../src/cite/names.js';
import type { Person } from '../src/model/paper.js';
import { plainText, type RichText } from '../src/richtext/richtext.js';
import { selectPapers } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { databaseFrom } from './support/database.js';

describe('ownerMatcher', () => {
  const isOwner = ownerMatcher({ name: 'Baohao Liao', aliases: ['B. Liao'] });
  const person = (given: string, family = 'Liao'): Person => ({ given, family });

  it.each([
    ['Baohao', true],
    ['B.', true],
    ['B', true],
    ['BAOHAO', true],
    ['Bin', false],
    ['Bo', false],
    ['Baohai', false],
    ['C.', false],
  ])('given name "%s" Liao: %s', (given, expected) => {
    expect(isOwner(person(given))).toBe(expected);
  });

  it('knows the full given name only from the owner’s spellings', () => {
    const initialsOnly = ownerMatcher({ name: 'B. Liao' });
    expect(initialsOnly(person('B.'))).toBe(true);
    expect(initialsOnly(person('Baohao'))).toBe(false);
    expect(initialsOnly(person('Bin'))).toBe(false);
  });

  it('matches a second given name by its initial or its full form', () => {
    const owner = ownerMatcher({ name: 'Jens Henrik Göbbert', aliases: ['J. H. Gobbert'] });
    expect(owner(person('Jens Henrik', 'Göbbert'))).toBe(true);
    expect(owner(person('J. H.', 'GÖBBERT'))).toBe(true);
    expect(owner(person('Jens H.', 'Gobbert'))).toBe(true);
    expect(owner(person('Jens Hans', 'Göbbert'))).toBe(false);
    expect(owner(person('Jan', 'Göbbert'))).toBe(false);
  });
});

const SAME_SURNAME = `
owner: { name: Baohao Liao, aliases: ['B. Liao'] }
papers:
  - id: both
    type: conference
    title: Two Liaos
    authors: [Bin Liao, Baohao Liao, Ada Lovelace]
    venue: Proceedings of Things
    date: 2024
  - id: initials
    type: conference
    title: The Owner in Initials
    authors: [Ada Lovelace, B. Liao]
    venue: Proceedings of Things
    date: 2023
`;

/** The plain text of the entry with the owner's runs in [brackets]. */
function marked(nodes: RichText): string {
  return nodes
    .map((node) => {
      if (node.kind === 'owner') return `[${plainText(node.children)}]`;
      if ('children' in node) return marked(node.children);
      return plainText([node]);
    })
    .join('');
}

describe('a co-author with the owner’s family name', () => {
  it.each([
    ['ieee', '[B. Liao]', /^B\. Liao, \[B\. Liao\], and A\. Lovelace/],
    ['apa', '[Liao, B.]', /^Liao, B\., \[Liao, B\.\], & Lovelace, A\./],
    ['vancouver', '[Liao B]', /^Liao B, \[Liao B\], Lovelace A\./],
    [
      'association-for-computing-machinery',
      '[Baohao Liao]',
      /^Bin Liao, \[Baohao Liao\], and Ada Lovelace\./,
    ],
    ['chicago-author-date', '[Baohao Liao]', /^Liao, Bin, \[Baohao Liao\], and Ada Lovelace\./],
  ])('%s: only the owner is marked', async (style, owner, pattern) => {
    const database = await databaseFrom(SAME_SURNAME);
    const settings = resolveSettings(database.render, { style });
    const document = await citeSelection(database, selectPapers(database, settings), settings);
    const [both, initials] = document.groups.flatMap((group) => group.entries);
    expect(marked(both?.text ?? [])).toMatch(pattern);
    expect(marked(both?.text ?? []).match(/\[[^\]]*\]/g)).toEqual([owner]);
    // The owner written in initials in the data is still the owner.
    expect(marked(initials?.text ?? []).match(/\[[^\]]*\]/g)).toHaveLength(1);
  });
});
