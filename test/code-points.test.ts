import { describe, expect, it } from 'vitest';
import { codePointHex, codePointName, codePointNames } from '../src/richtext/code-points.js';

describe('characters named by code point', () => {
  it('names one character with at least four upper-case hex digits', () => {
    expect(codePointName('\t')).toBe('U+0009');
    expect(codePointName('\u202e')).toBe('U+202E');
    expect(codePointHex('🪿')).toBe('1FABF');
  });

  it('names each code point of a cluster, not each UTF-16 unit', () => {
    expect(codePointNames('👍🏽')).toBe('U+1F44D U+1F3FD');
  });
});
