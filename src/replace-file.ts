/**
 * Replacing a file whole: written to a temporary file in the same folder, then renamed into
 * place, so that nobody (a reader, the next run) ever sees it half-written. Outputs and the
 * citation cache are written this way.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Makes the missing folders on the way; throws the file system's error as it is. */
export async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  try {
    await makeFolder(folder);
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * The folder and the missing ones above it, one at a time: Node 20's recursive mkdir never
 * returns for some paths (`/proc/x` spins forever).
 */
async function makeFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(folder)).isDirectory()) return;
      throw error;
    }
    if (code !== 'ENOENT' || dirname(folder) === folder) throw error;
    await makeFolder(dirname(folder));
    await mkdir(folder);
  }
}
