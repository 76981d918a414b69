/** Files that ship with publist (templates, the JSON Schema), found from this module in src/ or dist/src/. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageFile(...parts: string[]): string {
  if (!root) {
    let folder = dirname(fileURLToPath(import.meta.url));
    while (!(existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'templates')))) {
      const parent = dirname(folder);
      if (parent === folder) throw new Error('publist: cannot find its own package folder');
      folder = parent;
    }
    root = folder;
  }
  return join(root, ...parts);
}
