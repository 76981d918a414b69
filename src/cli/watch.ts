/** `publist watch`: build, then build again on every change, reporting problems without stopping. */
import { watch } from 'chokidar';
import { InputError, OutputError, UsageError } from '../model/problems.js';
import { reportError, reportProblems, reportUsageError } from './report.js';

export async function watchBuild<Flags>(
  db: string,
  flags: Flags,
  build: (db: string, flags: Flags) => Promise<string[]>,
): Promise<void> {
  let paths: string[] = [];
  const rebuild = async (): Promise<void> => {
    try {
      paths = await build(db, flags);
    } catch (error) {
      if (error instanceof InputError) reportProblems(error);
      else if (error instanceof UsageError) reportUsageError(error);
      else if (error instanceof OutputError) reportError(error.message);
      else throw error;
    }
  };
  await rebuild();
  const watcher = watch([db, ...paths], {
    ignoreInitial: true,
    // Editors write in several steps; wait until the file has settled.
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
  });
  let queue = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      queue = queue.then(async () => {
        await rebuild();
        // The database too: once it is deleted or renamed away, chokidar stops watching it
        // when it also watches a folder (a templates folder), and would miss it coming back.
        watcher.add([db, ...paths]);
      });
    }, 50);
  });
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  process.stderr.write(`watching ${db} for changes (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      void queue.then(() => watcher.close()).then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
