/**
 * Control characters and bidirectional overrides are invisible in an editor, yet they
 * reorder or hide text in every output (U+202E turns "fdp.exe" into "exe.pdf"), and in a
 * terminal that prints a message naming them.
 */
import { codePointName } from '../richtext/code-points.js';

// C1 controls too (U+009B starts a terminal escape), but NEL (U+0085), a line break.
export const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\u202A-\u202E\u2066-\u2069]/;
const EVERY_INVISIBLE = new RegExp(INVISIBLE.source, 'g');

/** The text with each invisible character written as <U+202E>, to be printed in a message. */
export function visibly(text: string): string {
  return text.replace(EVERY_INVISIBLE, (character) => `<${codePointName(character)}>`);
}
