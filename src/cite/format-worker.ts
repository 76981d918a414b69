/** A worker thread's share of a long list: the same engine calls as the main thread makes. */
import { parentPort, workerData } from 'node:worker_threads';
import { formatCalls, registerLocale, registerStyle } from './engine.js';
import type { WorkerRequest, WorkerResponse } from './formatting.js';

const request = workerData as WorkerRequest;
let response: WorkerResponse;
try {
  for (const { tag, tree } of request.locales) registerLocale(tag, tree);
  for (const { key, tree } of request.styles) registerStyle(key, tree);
  response = { entries: formatCalls(request.calls, request.locale) };
} catch (error) {
  response = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(response);
