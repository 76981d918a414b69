/**
 * The one check of a topic key against those the database declares: for a paper's topics,
 * `render.topics` (and an output's) and the `--topics` flag alike.
 */
import { didYouMean } from './suggest.js';

export interface UnknownTopic {
  message: string;
  /** A close declared topic, else the declared ones, else how to declare one. */
  hint: string;
}

export function unknownTopic(topic: string, declared: readonly string[]): UnknownTopic | undefined {
  if (declared.includes(topic)) return undefined;
  return {
    message: `unknown topic \`${topic}\``,
    hint:
      didYouMean(topic, declared) ??
      (declared.length
        ? `declared topics: ${declared.join(', ')}`
        : 'declare it under the top-level `topics:`'),
  };
}
