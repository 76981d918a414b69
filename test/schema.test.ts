import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkerSource, databaseJsonSchema } from '../src/model/schema-artifacts.js';
import { OutputSchema, RenderOptionsSchema, RenderSchema } from '../src/model/schema.js';
import { OUTPUT_SPEC_KEYS, RENDER_SECTION_KEYS } from '../src/model/vocabulary.js';
import { SETTING_KEYS } from '../src/options.js';

describe('the published JSON Schema', () => {
  it('is what src/model/schema.ts generates (run `npm run schema` after changing the model)', () => {
    const committed = readFileSync(
      new URL('../schema/papers.schema.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(databaseJsonSchema());
  });

  it('is checked by the ahead-of-time checker generated from the same schema', () => {
    const committed = readFileSync(
      new URL('../src/model/database-check.ts', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(checkerSource());
  });

  it('is referenced by the default database for editors', () => {
    const firstLine = readFileSync(new URL('../data/papers.yaml', import.meta.url), 'utf8').split(
      '\n',
    )[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../schema/papers.schema.json');
  });
});

describe('the keys that are no settings', () => {
  const settings: string[] = Object.keys(RenderOptionsSchema.properties);
  const besidesSettings = (properties: object) =>
    Object.keys(properties).filter((key) => !settings.includes(key));

  it('are, in one list each, those the schema gives an output spec and `render:` besides the settings', () => {
    expect(besidesSettings(OutputSchema.properties)).toEqual([...OUTPUT_SPEC_KEYS]);
    expect(besidesSettings(RenderSchema.properties)).toEqual([...RENDER_SECTION_KEYS]);
    expect(SETTING_KEYS).toEqual(settings);
  });
});
