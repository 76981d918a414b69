import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { OutputError } from '../model/problems.js';

const REASONS: Record<string, string> = {
  EISDIR: 'it is a folder',
  EEXIST: 'a file is in the way of a folder on its path',
  ENOTDIR: 'a file is in the way of a folder on its path',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOENT: 'a folder on its path cannot be made there (a broken link, or a system folder)',
};

/**
 * Writes through a temporary file in the same folder and renames it into place, so that a
 * failed or interrupted build never leaves a half-written output.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  try {
    await makeFolder(folder);
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const { code, message } = error as NodeJS.ErrnoException;
    // Any error of the file system is about the place asked for, not a bug to trace.
    if (code === undefined) throw error;
    throw new OutputError(path, REASONS[code] ?? message);
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
