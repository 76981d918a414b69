// @citation-js 0.8 ships no type declarations; these cover what publist uses.
declare module '@citation-js/name' {
  export interface ParsedName {
    given?: string;
    family?: string;
    suffix?: string;
    'non-dropping-particle'?: string;
    'dropping-particle'?: string;
    literal?: string;
  }
  export function parse(name: string): ParsedName;
}
