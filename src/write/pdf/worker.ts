/**
 * The PDF drawn in a worker thread: pdfkit loads here while the main thread reads the
 * database, the fonts warm up once the setup arrives, while the main thread formats the
 * citations; then the cited document arrives and the bytes go back.
 */
import { parentPort } from 'node:worker_threads';
import { preparePdf, type PreparedPdf } from './render.js';
import { failure, type WorkerProgress, type WorkerReply, type WorkerRequest } from './thread.js';

let prepared: PreparedPdf | undefined;
let failed: WorkerReply | undefined;
/** Fonts warm up until the cited document comes. */
let warming: Promise<void> = Promise.resolve();
let documentCame = false;

const reply = (message: WorkerReply) => {
  parentPort?.postMessage(message);
  parentPort?.close();
};

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'setup') {
    try {
      const ready = preparePdf(request.setup);
      prepared = ready;
      warming = ready.warmUp(() => documentCame);
    } catch (error) {
      failed = failure(error);
    }
    return;
  }
  documentCame = true;
  if (!prepared) {
    reply(failed ?? failure(new Error('the PDF worker got no setup')));
    return;
  }
  const ready = prepared;
  // A message per whole percent, not per entry.
  let percent = -1;
  const progress = (done: number, total: number) => {
    const now = Math.floor((100 * done) / total);
    if (now === percent) return;
    percent = now;
    parentPort?.postMessage({ progress: { done, total } } satisfies WorkerProgress);
  };
  warming
    .then(() => ready.render(request.document, progress))
    .then(
      ({ bytes, warnings }) => reply({ ok: true, bytes, warnings }),
      (error: unknown) => reply(failure(error)),
    );
});
