/**
 * The command's line of progress on a terminal ("formatting citations: 3,000 of 10,000"),
 * redrawn in place on standard error. Never in CI, never in a pipe or a log, and never in the
 * first half second of a run (or of each build `watch` makes): short runs, most runs, print
 * nothing. Whatever else the command prints clears it first.
 */
import type { ProgressListener, ProgressTask } from '../progress.js';

const count = (value: number) => value.toLocaleString('en-US');

const DESCRIBE: Record<ProgressTask, (done: number, total: number) => string> = {
  citations: (done, total) => `formatting citations: ${count(done)} of ${count(total)}`,
  pdf: (done, total) => `drawing the PDF: ${Math.floor((100 * done) / total)}%`,
};

/** Milliseconds from the start of a run before progress shows, and between redraws. */
const QUIET_START = 500;
const REDRAW_EVERY = 100;

const CLEAR_LINE = '\r\u001b[K';

export interface StatusStream {
  write(text: string): unknown;
}

export class StatusLine {
  private shown = false;
  private drawnAt = -Infinity;
  private startedAt = 0;

  constructor(
    private readonly stream: StatusStream,
    private readonly enabled: boolean,
    /** Milliseconds since the process started. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  readonly progress: ProgressListener = (task, done, total) => {
    if (!this.enabled) return;
    if (done >= total) return this.clear();
    const now = this.now();
    if (now - this.startedAt < QUIET_START || now - this.drawnAt < REDRAW_EVERY) return;
    this.drawnAt = now;
    this.shown = true;
    this.stream.write(`${CLEAR_LINE}${DESCRIBE[task](done, total)}`);
  };

  /** A new run starts (a rebuild in `watch`): its first half second is quiet again. */
  restart(): void {
    this.startedAt = this.now();
  }

  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.stream.write(CLEAR_LINE);
  }
}

/** On standard error when it is a terminal, unless CI is set. */
export const status = new StatusLine(
  process.stderr,
  process.stderr.isTTY === true && !process.env.CI,
);
