/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
const enabled = process.stderr.isTTY === true && !process.env.NO_COLOR;

const paint =
  (code: number) =>
  (text: string): string =>
    enabled ? `\u001b[${code}m${text}\u001b[39m` : text;

export const terminal = {
  red: paint(31),
  yellow: paint(33),
  green: paint(32),
};
