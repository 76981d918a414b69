/**
 * Runs the PDF renderer in a worker thread when the compiled worker is there (the CLI), so
 * that loading pdfkit and warming its fonts overlaps formatting the citations on the main
 * thread; in the same thread otherwise (tests on the TypeScript sources). Both give the
 * same bytes: the worker runs the same preparation and rendering.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { CitedDocument } from '../../cite/cited.js';
import { InputError, type Problem } from '../../model/problems.js';
import { startWorker } from '../../start-worker.js';
import type { PdfResult, PdfSetup } from './render.js';

export type WorkerReply =
  | { ok: true; bytes: Uint8Array; warnings: string[] }
  | { ok: false; problems?: Problem[]; message: string; stack?: string };

/** Sent while the document is drawn, before the reply. */
export interface WorkerProgress {
  progress: { done: number; total: number };
}

/** How much of the drawing is done. */
export type PdfProgress = (done: number, total: number) => void;

export interface PdfRenderer {
  render(document: CitedDocument, progress?: PdfProgress): Promise<PdfResult>;
  /** Stops a renderer whose document never comes (the citations failed). */
  cancel(): void;
}

/** Messages to the worker: the setup first, then the cited document. */
export type WorkerRequest =
  { kind: 'setup'; setup: PdfSetup } | { kind: 'render'; document: CitedDocument };

const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

/** A worker started early, loading pdfkit while the database is read; taken by startRenderer. */
let preloaded: Worker | undefined;

export function preloadRenderer(): void {
  if (preloaded || !existsSync(WORKER_FILE)) return;
  preloaded = startWorker(WORKER_FILE);
  // Not a reason to keep the process alive if the PDF is never drawn (a wrong database).
  preloaded.unref();
}

export function startRenderer(setup: PdfSetup): PdfRenderer {
  if (preloaded) {
    const worker = preloaded;
    preloaded = undefined;
    worker.ref();
    return inWorker(worker, setup);
  }
  return existsSync(WORKER_FILE) ? inWorker(startWorker(WORKER_FILE), setup) : inThisThread(setup);
}

function inThisThread(setup: PdfSetup): PdfRenderer {
  const prepared = import('./render.js').then(({ preparePdf }) => preparePdf(setup));
  // A failure surfaces in render(); keep it from being reported as unhandled before then.
  prepared.catch(() => undefined);
  return {
    render: async (document, progress) => (await prepared).render(document, progress),
    cancel: () => undefined,
  };
}

function inWorker(worker: Worker, setup: PdfSetup): PdfRenderer {
  worker.postMessage({ kind: 'setup', setup } satisfies WorkerRequest);
  let progress: PdfProgress | undefined;
  const reply = new Promise<WorkerReply>((resolve, reject) => {
    worker.on('message', (message: WorkerReply | WorkerProgress) => {
      if ('progress' in message) progress?.(message.progress.done, message.progress.total);
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the PDF worker stopped (exit code ${code})`)));
  });
  reply.catch(() => undefined);
  return {
    async render(document, listener) {
      progress = listener;
      worker.postMessage({ kind: 'render', document } satisfies WorkerRequest);
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
