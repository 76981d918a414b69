// The character tables of @citation-js/plugin-bibtex 0.8 (it ships no type declarations).
declare module '@citation-js/plugin-bibtex/lib/input/constants.js' {
  const constants: {
    /** `"` -> U+0308 COMBINING DIAERESIS, `c` -> U+0327 COMBINING CEDILLA, ... */
    diacritics: Record<string, string>;
    /** Text-mode symbol commands: `o` -> ø, `L` -> Ł, `textendash` -> –, ... (null: none). */
    commands: Record<string, string | null>;
    /** Greek letters and a few symbols, by command name. */
    mathCommands: Record<string, string>;
    /** The macros the standard styles predefine: `jan`, `cacm`, ... */
    defaultStrings: Record<string, string>;
    /** Each field's kind: `['field', 'verbatim']`, `['list', 'name']`, ... */
    fieldTypes: Record<string, [string, string]>;
  };
  export default constants;
}
