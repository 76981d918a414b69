import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { OutputError } from '../model/problems.js';
import { replaceFile } from '../replace-file.js';

const REASONS: Record<string, string> = {
  EISDIR: 'it is a folder (name the file to write in it)',
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
 * failed or interrupted build never leaves a half-written output; a file system's refusal is
 * the user's to fix (an OutputError naming the file and why).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await replaceFile(path, data);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    // Any error of the file system is about the place asked for, not a bug to trace.
    if (code === undefined) throw error;
    // `-o out/`: the rename fails with ENOTDIR, which otherwise reads as a file in the way;
    // a path that ends with a slash names a folder, there or not.
    const folder = code === 'ENOTDIR' && (await isFolder(path));
    if (code === 'ENOTDIR' && !folder && /[\\/]$/.test(path)) {
      throw new OutputError(path, 'it names a folder (name the file to write)');
    }
    throw new OutputError(path, REASONS[folder ? 'EISDIR' : code] ?? message);
  }
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * Refuses an output that is the database itself (`-o papers.yaml`, or an output's `file:`
 * in the database's folder): writing it would replace the papers with the output. The same
 * file under another name (a link) counts too.
 */
export function refuseDatabase(
  path: string,
  databaseFile: string,
  by: string,
  instead: string,
): void {
  // A path that cannot be there (a file in the way of a folder) is the write's to report.
  const identity = (file: string) => {
    try {
      return statSync(file, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  const output = identity(path);
  const database = identity(databaseFile);
  if (output && database && output.ino === database.ino && output.dev === database.dev) {
    throw new OutputError(
      path,
      `it is the database itself; ${by} would replace your papers with the output (${instead})`,
    );
  }
}
