/**
 * V8 flags the command sets for its own, short runs (never the library: they are process-wide).
 *
 * V8 starts optimising a function after about 66 KB of its bytecode has run. A publist run is
 * short: the optimising compiler's threads then cost more than its code saves (they compete
 * with the PDF's thread for the cores), so the command waits six times longer. The seed CV is
 * drawn ~0.1 s sooner; 10,000 papers take as long as before (measured in the README, Node 20).
 * Only V8 11.3 (Node 20) has `--interrupt-budget`: from V8 11.8 (Node 21) on, V8 tiers up by
 * invocation counts, and an unknown flag prints "Error: unrecognized flag" on every run.
 */
export function tieringFlags(v8Version: string): string[] {
  const [major = 0, minor = 0] = v8Version.split('.').map(Number);
  return major < 11 || (major === 11 && minor <= 3) ? ['--interrupt-budget=400000'] : [];
}
