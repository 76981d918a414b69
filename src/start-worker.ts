/**
 * Starting one of publist's worker threads with the Node options of the process, as far as a
 * worker takes them.
 *
 * Left to itself, Node gives a worker the process's options and passes over those only a
 * process can have (`--max-old-space-size`, `--stack-size`, V8 flags): they hold for the
 * worker already. It does not pass over `--input-type`, which a worker refuses, so a program
 * run as `node --input-type=module` (a script piped in, or `-e`) could not format a long list
 * or draw a PDF. Such a program's worker gets the options without it; and when one of the
 * rest is for a process only, it gets none, since Node refuses a list it is given that holds
 * one (ERR_WORKER_INVALID_EXEC_ARGV).
 */
import { Worker } from 'node:worker_threads';

export function startWorker(file: URL | string): Worker {
  const own = process.execArgv;
  const execArgv = withoutInputType(own);
  if (execArgv.length === own.length) return new Worker(file);
  try {
    return new Worker(file, { execArgv });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(file, { execArgv: [] });
  }
}

function withoutInputType(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--input-type') index++;
    else if (!arg.startsWith('--input-type=')) kept.push(arg);
  }
  return kept;
}
