/**
 * Long work reported as it goes, so that a command can show how far it is: `done` of `total`
 * units of a task. The library never prints; the command decides what to show.
 */
export type ProgressTask = 'citations' | 'pdf';

export type ProgressListener = (task: ProgressTask, done: number, total: number) => void;
