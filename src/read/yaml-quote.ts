/** A value as a YAML string that keeps it as it is: in single quotes unless it holds one. */
export function quotedScalar(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!/["\\]/.test(value)) return `"${value}"`;
  return `'${value.replaceAll("'", "''")}'`;
}
