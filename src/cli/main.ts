#!/usr/bin/env node
/**
 * The `publist` command. When the arguments say a PDF will be drawn, the PDF's worker thread
 * starts before the rest of the command line loads (~60 ms of modules), so that pdfkit and
 * the fonts load meanwhile; `build` usually writes the CV, so it starts it too.
 */
import { setFlagsFromString } from 'node:v8';
import { preloadRenderer } from '../write/pdf/thread.js';

// V8 starts optimising a function after about 66 KB of its bytecode has run. A publist run is
// short: the optimising compiler's threads then cost more than its code saves (they compete
// with the PDF's thread for the cores), so the command waits six times longer. The seed CV is
// drawn ~0.1 s sooner; 10,000 papers take as long as before (measured in the README). The
// flag is process-wide: the command sets it, the library never does.
setFlagsFromString('--interrupt-budget=400000');

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
