/**
 * Real external tools (TeX, poppler, pandoc). On a developer machine a test whose tool is
 * missing is skipped; in CI (`CI` set) it fails, so that a green CI means the tools ran.
 */
import { execFileSync } from 'node:child_process';

const cache = new Map<string, boolean>();

export function hasTool(name: string): boolean {
  let found = cache.get(name);
  if (found === undefined) {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      found = true;
    } catch {
      found = false;
    }
    cache.set(name, found);
  }
  return found;
}

/** True when every tool is present; throws in CI when one is missing. Use with `it.runIf`/`describe.runIf`. */
export function toolsAvailable(...names: string[]): boolean {
  const missing = names.filter((name) => !hasTool(name));
  if (missing.length && process.env.CI) {
    throw new Error(`CI needs ${missing.join(', ')}: .ci/run installs them with apt-get`);
  }
  return missing.length === 0;
}
