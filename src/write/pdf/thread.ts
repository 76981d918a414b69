/**
 * Runs the PDF renderer in a worker thread when the compiled worker is there (the CLI), so
 * that loading pdfkit and warming its fonts overlaps formatting the citations on the main
 * thread; in the same thread otherwise (tests on the TypeScript sources). Both give the
 * same bytes: the worker runs the same preparation and rendering.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CitedDocument } from '../../cite/cited.js';
import { InputError, type Problem } from '../../model/problems.js';
import type { PdfResult, PdfSetup } from './render.js';

export type WorkerReply =
  | { ok: true; bytes: Uint8Array; warnings: string[] }
  | { ok: false; problems?: Problem[]; message: string; stack?: string };

export interface PdfRenderer {
  render(document: CitedDocument): Promise<PdfResult>;
  /** Stops a renderer whose document never comes (the citations failed). */
  cancel(): void;
}

export function startRenderer(setup: PdfSetup): PdfRenderer {
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(workerFile) ? inWorker(workerFile, setup) : inThisThread(setup);
}

function inThisThread(setup: PdfSetup): PdfRenderer {
  const prepared = import('./render.js').then(({ preparePdf }) => preparePdf(setup));
  // A failure surfaces in render(); keep it from being reported as unhandled before then.
  prepared.catch(() => undefined);
  return {
    render: async (document) => (await prepared).render(document),
    cancel: () => undefined,
  };
}

function inWorker(file: string, setup: PdfSetup): PdfRenderer {
  const worker = new Worker(file, { workerData: setup });
  const reply = new Promise<WorkerReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the PDF worker stopped (exit code ${code})`)));
  });
  reply.catch(() => undefined);
  return {
    async render(document) {
      worker.postMessage(document);
      const message = await reply;
      void worker.terminate();
      if (message.ok) return { bytes: message.bytes, warnings: message.warnings };
      if (message.problems) throw new InputError(message.problems);
      const error = new Error(message.message);
      if (message.stack) error.stack = message.stack;
      throw error;
    },
    cancel: () => void worker.terminate(),
  };
}

/** An error as a message that survives the trip between threads. */
export function failure(error: unknown): WorkerReply {
  if (error instanceof InputError) {
    return { ok: false, problems: [...error.problems], message: error.message };
  }
  const { message, stack } = error instanceof Error ? error : new Error(String(error));
  return { ok: false, message, ...(stack ? { stack } : {}) };
}
