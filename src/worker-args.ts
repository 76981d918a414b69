/**
 * The Node options a worker thread of publist's starts with: the process's own, as Node
 * would pass them, less `--input-type`, which a worker refuses. A program run as
 * `node --input-type=module` (a script piped in, or `-e`) could not format a long list or
 * draw a PDF otherwise: every worker failed with ERR_INPUT_TYPE_NOT_ALLOWED.
 */
export function workerExecArgv(): string[] {
  const args: string[] = [];
  const own = process.execArgv;
  for (let index = 0; index < own.length; index++) {
    const arg = own[index] ?? '';
    if (arg === '--input-type') index++;
    else if (!arg.startsWith('--input-type=')) args.push(arg);
  }
  return args;
}
