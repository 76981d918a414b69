/** Regenerates schema/papers.schema.json from src/model/schema.ts (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { databaseJsonSchema } from '../src/model/schema.js';

export const SCHEMA_FILE = new URL('../../schema/papers.schema.json', import.meta.url);

writeFileSync(SCHEMA_FILE, `${JSON.stringify(databaseJsonSchema(), null, 2)}\n`);
