/** `publist render` in every named style, read back as a user sees it. */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli } from './support/cli.js';

const markdown = new MarkdownIt();

const NAMED_STYLES = [
  'apa',
  'ieee',
  'association-for-computing-machinery',
  'chicago-author-date',
  'modern-language-association',
  'harvard-cite-them-right',
  'vancouver',
  'nature',
  'springer-lecture-notes-in-computer-science',
  'association-for-computational-linguistics',
];

function strongRuns(source: string): string[] {
  const inline = markdown.parse(source, {}).flatMap((token) => token.children ?? []);
  return inline
    .map((token, index) => (token.type === 'strong_open' ? inline[index + 1]?.content : null))
    .filter((content): content is string => typeof content === 'string');
}

describe('publist render --format markdown --style S', () => {
  for (const style of NAMED_STYLES) {
    it(`${style}: the owner bold in the 19 papers that name them, nothing else bold`, () => {
      const result = runCli(['render', DEFAULT_DB, '--format', 'markdown', '--style', style]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const strong = strongRuns(result.stdout);
      expect(strong).toHaveLength(19);
      // Whatever form the style prints: "Liao, B.", "B. Liao", "Liao B", "Baohao Liao".
      for (const name of strong) expect(name).toMatch(/^(Liao,? B(aohao|\.)?|B(aohao|\.) Liao)$/);
      const bode = result.stdout.split('\n').find((line) => line.includes('Bode'));
      expect(bode).toMatch(/et al\./);
      expect(result.stdout).not.toContain('———');
    });
  }
});

describe('grouping by topic', () => {
  it('heads each topic with its label and lists its papers', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--group-by', 'topic']);
    const tokens = markdown.parse(result.stdout, {});
    const groups: [string, number][] = [];
    tokens.forEach((token, index) => {
      if (token.type === 'heading_open') groups.push([tokens[index + 1]?.content ?? '', 0]);
      if (token.type === 'list_item_open') {
        const current = groups[groups.length - 1];
        if (current) current[1]++;
      }
    });
    expect(groups).toEqual([
      ['Computation and Language', 13],
      ['Machine Learning', 5],
      ['Computer Vision', 1],
      ['Fluid Dynamics', 1],
    ]);
  });
});

describe('style errors', () => {
  it('exits 2 for an unknown style, naming close matches', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--style', 'ieee-transactionz']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown style "ieee-transactionz"');
    expect(result.stderr).toMatch(/did you mean .*ieee/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for an unknown locale', () => {
    const result = runCli(['render', DEFAULT_DB, '-f', 'text', '--locale', 'xx-XX']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown locale "xx-XX"');
  });
});
