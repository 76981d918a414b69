// @citation-js 0.8 ships no type declarations; these cover what publist uses.
declare module '@citation-js/core' {
  export const plugins: {
    config: { get(plugin: string): unknown };
    output: { format(format: string, data: readonly object[], options?: object): unknown };
  };
}

declare module '@citation-js/plugin-csl';
