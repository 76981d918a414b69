// unicode-properties 1 ships no type declarations; this covers what the LaTeX writer uses.
declare module 'unicode-properties' {
  /** The Unicode Script property's long name: "Syriac", "Egyptian_Hieroglyphs", "Common". */
  export function getScript(codePoint: number): string;
  const properties: { getScript: typeof getScript };
  export default properties;
}
