/**
 * The PDF drawn in a worker thread: pdfkit loads and the fonts warm up here while the main
 * thread formats the citations; then the cited document arrives and the bytes go back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CitedDocument } from '../../cite/cited.js';
import { preparePdf, type PreparedPdf, type PdfSetup } from './render.js';
import { failure, type WorkerReply } from './thread.js';

let prepared: PreparedPdf | undefined;
let failed: WorkerReply | undefined;
try {
  prepared = preparePdf(workerData as PdfSetup);
} catch (error) {
  failed = failure(error);
}

parentPort?.once('message', (document: CitedDocument) => {
  const reply = (message: WorkerReply) => {
    parentPort?.postMessage(message);
    parentPort?.close();
  };
  if (!prepared) {
    reply(failed ?? failure(new Error('the PDF worker did not start')));
    return;
  }
  prepared.render(document).then(
    ({ bytes, warnings }) => reply({ ok: true, bytes, warnings }),
    (error: unknown) => reply(failure(error)),
  );
});
