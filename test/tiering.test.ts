import { describe, expect, it } from 'vitest';
import { tieringFlags } from '../src/cli/tiering.js';
import { runCli } from './support/cli.js';

describe('the V8 flags the command sets', () => {
  it('include --interrupt-budget under Node 20 only: later V8s do not know it', () => {
    expect(tieringFlags('11.3.244.8-node.38')).toEqual(['--interrupt-budget=400000']);
    // Node 21, 22 and 24: each prints "Error: unrecognized flag --interrupt-budget=400000".
    for (const later of ['11.8.172.17-node.20', '12.4.254.21-node.57', '13.6.233.17-node.53']) {
      expect(tieringFlags(later)).toEqual([]);
    }
  });

  it('are known to the V8 running the command: it prints nothing on stderr', () => {
    const result = runCli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.stderr).toBe('');
  });
});
