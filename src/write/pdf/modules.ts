/**
 * pdfkit, fontkit and linebreak, loaded through `require`: in Node 20 their CommonJS builds
 * load about a third faster than their ES modules, and this is the PDF's start-up cost.
 * All three come from here, so that each is loaded once.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const PDFDocument = require('pdfkit') as typeof import('pdfkit');
export const fontkit = require('fontkit') as typeof import('fontkit');
export const LineBreaker = require('linebreak') as typeof import('linebreak').default;
