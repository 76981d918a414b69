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

declare module '@citation-js/core' {
  export const plugins: {
    config: { get(plugin: string): unknown };
    output: { format(format: string, data: readonly object[], options?: object): unknown };
  };
}

declare module '@citation-js/plugin-csl';
