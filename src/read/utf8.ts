/**
 * Text files publist keeps (the database) must be UTF-8: a file saved as Latin-1 would
 * otherwise turn every "ü" into "�" in every output, with no word said.
 */
import { InputError, positionAt } from '../model/problems.js';

/** `bytes` as text, or an InputError at the first byte that is not UTF-8. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const { index, offset } = firstReplacement(text, bytes);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new InputError([
      {
        file,
        ...positionAt(text, index),
        message: `the file is not UTF-8: the byte 0x${byte} is not part of a UTF-8 character`,
        hint: 'save the file as UTF-8; `iconv -f latin1 -t utf-8` converts a Latin-1 file',
      },
    ]);
  }
}

/**
 * The first � the decoder put in for bytes it could not read (not one the file holds as
 * UTF-8), as an index into `text` and an offset into `bytes`.
 */
function firstReplacement(text: string, bytes: Uint8Array): { index: number; offset: number } {
  let index = text.indexOf('\uFFFD');
  while (index !== -1) {
    const offset = Buffer.byteLength(text.slice(0, index));
    const written =
      bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
    if (!written) return { index, offset };
    index = text.indexOf('\uFFFD', index + 1);
  }
  return { index: text.length, offset: bytes.length };
}
