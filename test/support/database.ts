/** Databases for tests, written as a user would write them and read through the real loader. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/model/paper.js';
import { loadDatabase, renderDatabase, type RenderRequest } from '../../src/pipeline.js';

/** Validates the YAML text as `papers.yaml` and returns the model. */
export async function databaseFrom(yaml: string): Promise<Database> {
  const folder = mkdtempSync(join(tmpdir(), 'publist-db-'));
  try {
    const file = join(folder, 'papers.yaml');
    writeFileSync(file, yaml);
    return (await loadDatabase(file)).database;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Renders one format as text, collecting warnings instead of printing them. */
export async function renderText(
  database: Database,
  request: Omit<RenderRequest, 'warn'>,
): Promise<{ text: string; warnings: string[] }> {
  const warnings: string[] = [];
  const result = await renderDatabase(database, {
    ...request,
    warn: (message) => warnings.push(message),
  });
  const { content } = result;
  return {
    text: typeof content === 'string' ? content : new TextDecoder().decode(content),
    warnings,
  };
}
