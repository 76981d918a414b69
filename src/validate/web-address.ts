/**
 * What is wrong with a link that is not a web address (src/model/formats.ts says which are),
 * and how to write it: a space in it, no https:// in front, another kind of link.
 */

export interface WebAddressProblem {
  /** What is wrong: "it has a space in it". */
  reason: string;
  /** How to fix it, with the address rewritten where that can be done. */
  fix: string;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function webAddressProblem(value: string): WebAddressProblem {
  const space = /\s/.exec(value);
  if (space) {
    const what = space[0] === ' ' ? 'a space' : space[0] === '\t' ? 'a tab' : 'a line break';
    if (value.trim() !== value && !/\s/.test(value.trim()))
      return { reason: `it has ${what} around it`, fix: `delete it: ${value.trim()}` };
    const encoded = value.trim().replace(/\s/g, (char) => encodeURIComponent(char));
    const plural = { 'a space': 'spaces', 'a tab': 'tabs', 'a line break': 'line breaks' }[what];
    return {
      reason: `it has ${what} in it, after "${value.slice(0, space.index).trim()}"`,
      fix: `a web address cannot hold ${plural}: write ${encoded}, or delete ${what === 'a space' ? 'the space' : 'it'}`,
    };
  }
  const slashes = /^(https?)(:?\/*)/i.exec(value);
  if (slashes?.[1] && slashes[2] !== '://' && slashes[2] !== '') {
    return {
      reason: `it starts with "${slashes[0]}"`,
      fix: `write ${slashes[1]}:// (a colon and two slashes): ${slashes[1]}://${value.slice(slashes[0].length)}`,
    };
  }
  const written = SCHEME.exec(value)?.[1];
  // A host and port (`example.org:8080/x`) is not a scheme.
  const scheme =
    written !== undefined && !(written.includes('.') && /^\d/.test(value.slice(written.length + 1)))
      ? written
      : undefined;
  if (scheme === undefined) {
    if (value.startsWith('//'))
      return { reason: 'it has no https: in front', fix: `write https:${value}` };
    return /^[\w-]+(\.[\w-]+)+([/:?#]|$)/.test(value)
      ? { reason: 'it has no https:// in front', fix: `write https://${value}` }
      : { reason: 'it is not a full address', fix: 'write a full address starting with https://' };
  }
  if (!/^https?$/i.test(scheme)) {
    const doi = scheme.toLowerCase() === 'doi' ? value.slice(4).trim() : undefined;
    return {
      reason: `it starts with ${scheme}:, not https:// or http://`,
      fix: doi
        ? `write the DOI as a web address: https://doi.org/${doi}`
        : 'a link here must be a web address',
    };
  }
  const unsafe = [...new Set(value.match(/["<>]/g))];
  if (unsafe.length) {
    return {
      reason: `it has ${unsafe.length > 1 ? `${unsafe.slice(0, -1).join(', ')} and ${unsafe.at(-1)}` : unsafe.join('')} in it`,
      fix: `write ${unsafe.map((char) => `${char} as ${encodeURI(char)}`).join(', ')}: a web address cannot hold them`,
    };
  }
  return {
    reason: `it has no host name after ${scheme}://`,
    fix: `write the address with its host: ${scheme}://example.org/...`,
  };
}
