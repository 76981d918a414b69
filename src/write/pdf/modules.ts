/**
 * pdfkit, fontkit and linebreak, loaded through `require`: in Node 20 their CommonJS builds
 * load about a third faster than their ES modules, and this is the PDF's start-up cost.
 * All of them come from here, so that each is loaded once.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Two modules they load and publist never calls: brotli, which fontkit needs only to read
 * WOFF2 fonts (refused before any is read, see fonts.ts), and AES, which pdfkit needs only to
 * encrypt. Loading them builds their tables, about 35 ms of the PDF's start; a stand-in in
 * require's cache takes their place and throws if it is ever called.
 */
export function standIn(importer: string, request: string, what: string): void {
  let path: string;
  try {
    path = createRequire(require.resolve(importer)).resolve(request);
  } catch {
    // A release within the version range that no longer has it leaves nothing to stand in for.
    return;
  }
  const refuse = () => {
    throw new Error(`publist does not load ${what} (${request})`);
  };
  const exports: unknown = new Proxy(refuse, { get: () => refuse });
  require.cache[path] = { id: path, filename: path, loaded: true, exports } as NodeJS.Module;
}
standIn('fontkit', 'brotli/decompress.js', 'WOFF2 decoding');
standIn('pdfkit', '@noble/ciphers/aes', 'PDF encryption');

export const PDFDocument = require('pdfkit') as typeof import('pdfkit');
export const fontkit = require('fontkit') as typeof import('fontkit');
export const LineBreaker = require('linebreak') as typeof import('linebreak').default;
