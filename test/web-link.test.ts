import { describe, expect, it } from 'vitest';
import { htmlInline } from '../src/write/html.js';
import { webLink } from '../src/richtext/web-link.js';

describe('webLink: which addresses every writer links, and to what', () => {
  it('takes http(s) with a host as written, and a doi: DOI through doi.org', () => {
    expect(webLink(' https://example.org/a?b#c ')).toBe('https://example.org/a?b#c');
    expect(webLink('HTTP://example.org')).toBe('HTTP://example.org');
    expect(webLink('DOI: 10.1000/(SICI)<1>')).toBe('https://doi.org/10.1000/(SICI)<1>');
  });

  it('refuses a doi: with no DOI, an https:// with no host, spaces and other schemes', () => {
    for (const address of [
      'doi:',
      'doi: ',
      'doi:abc',
      'https://',
      'https:///path',
      'https://./',
      'https://example.org/a b',
      'javascript:alert(1)',
      'mailto:ada@example.org',
      'ftp://example.org/',
    ]) {
      expect(webLink(address), address).toBeUndefined();
    }
  });

  it('a link in a reference to a doi: with no DOI is its text, not a link to doi.org', () => {
    const html = htmlInline([
      { kind: 'link', url: 'doi:', children: [{ kind: 'text', text: 'here' }] },
    ]);
    expect(html).toBe('here');
  });
});
