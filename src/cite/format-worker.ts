/**
 * A worker thread's share of a long list: it claims engine calls as the main thread does.
 * It may start before the job is known, and loads citeproc while it waits for it.
 */
import { parentPort } from 'node:worker_threads';
import { formatClaimed, registerLocale, registerStyle } from './engine.js';
import type { WorkerRequest, WorkerResponse } from './formatting.js';

const request = await new Promise<WorkerRequest>((resolve) =>
  parentPort?.once('message', (message: WorkerRequest) => resolve(message)),
);
const send = (response: WorkerResponse) => parentPort?.postMessage(response);
try {
  for (const { tag, tree } of request.locales) registerLocale(tag, tree);
  for (const { key, tree } of request.styles) registerStyle(key, tree);
  await formatClaimed(request.calls, request.next, request.locale, (call, entries) =>
    send({ call, entries }),
  );
  send({ done: true });
} catch (error) {
  send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
