/**
 * `npm run schema`: regenerates, from src/model/schema.ts,
 * - schema/papers.schema.json, the JSON Schema editors use;
 * - src/model/database-check.ts, TypeBox's checker compiled ahead of time, so that a valid
 *   database is checked without loading TypeBox at all.
 * test/schema.test.ts fails when either is out of date.
 */
import { writeFileSync } from 'node:fs';
import { checkerSource, databaseJsonSchema } from '../src/model/schema-artifacts.js';

writeFileSync(new URL('../../schema/papers.schema.json', import.meta.url), databaseJsonSchema());
writeFileSync(new URL('../../src/model/database-check.ts', import.meta.url), checkerSource());
