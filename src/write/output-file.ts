import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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
};

/**
 * Writes through a temporary file in the same folder and renames it into place, so that a
 * failed or interrupted build never leaves a half-written output.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const reason = REASONS[(error as NodeJS.ErrnoException).code ?? ''];
    throw reason ? new OutputError(path, reason) : error;
  }
}
