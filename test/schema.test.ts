import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { databaseJsonSchema } from '../src/model/schema.js';

describe('the published JSON Schema', () => {
  it('is what src/model/schema.ts generates (run `npm run schema` after changing the model)', () => {
    const committed = readFileSync(
      new URL('../schema/papers.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(`${JSON.stringify(databaseJsonSchema(), null, 2)}\n`);
  });

  it('is referenced by the default database for editors', () => {
    const firstLine = readFileSync(new URL('../data/papers.yaml', import.meta.url), 'utf8').split(
      '\n',
    )[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../schema/papers.schema.json');
  });
});
