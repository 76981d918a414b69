/**
 * Which addresses become links, and to what: the one rule of every writer (and of the cite
 * stage, which keeps a link from citeproc only when it is one).
 */

export function doiUrl(doi: string): string {
  return `https://doi.org/${doi}`;
}

/** `doi:` and a DOI (a space after the colon allowed): the DOI. */
const DOI_ADDRESS = /^doi:\s*(10\.\S+)$/i;

/** http(s), a host with a letter or digit in it, no space anywhere. */
const WEB_ADDRESS = /^https?:\/\/[^\s/?#]*[\p{L}\p{N}][^\s/?#]*(?:[/?#]\S*)?$/iu;

/**
 * The web address a link goes to: an http(s) address as written (spaces around it trimmed),
 * or `doi:10.…` through doi.org. Anything else is no link: `javascript:`, `mailto:`, a
 * `doi:` with no DOI after it, `https://` with no host.
 */
export function webLink(address: string): string | undefined {
  const trimmed = address.trim();
  const doi = DOI_ADDRESS.exec(trimmed)?.[1];
  if (doi !== undefined) return doiUrl(doi);
  return WEB_ADDRESS.test(trimmed) ? trimmed : undefined;
}
