/** Characters named by code point, where the character itself may not show. */

/** "202E": at least four upper-case hex digits. */
export function codePointHex(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** "U+202E" */
export function codePointName(character: string): string {
  return `U+${codePointHex(character)}`;
}

/** "U+1F44D U+1F3FD": each code point of a text (a cluster, a thumbs-up and its skin tone). */
export function codePointNames(text: string): string {
  return Array.from(text, codePointName).join(' ');
}
