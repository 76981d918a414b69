#!/usr/bin/env node
/**
 * The `publist` command. When the arguments say a PDF will be drawn, the PDF's worker thread
 * starts before the rest of the command line loads (~60 ms of modules), so that pdfkit and
 * the fonts load meanwhile; `build` usually writes the CV, so it starts it too.
 */
import { setFlagsFromString } from 'node:v8';
import { preloadRenderer } from '../write/pdf/thread.js';
import { tieringFlags } from './tiering.js';

for (const flag of tieringFlags(process.versions.v8)) setFlagsFromString(flag);

const args = process.argv.slice(2);
if (drawsPdf(args)) preloadRenderer();
const { main } = await import('./program.js');
process.exitCode = await main(args);

function drawsPdf(args: readonly string[]): boolean {
  const command = args.find((arg) => !arg.startsWith('-'));
  if (command === 'build') return true;
  if (command !== 'render') return false;
  return args.some(
    (arg, index) =>
      arg === '--format=pdf' ||
      arg === '-fpdf' ||
      ((arg === '--format' || arg === '-f') && args[index + 1] === 'pdf'),
  );
}
