/** Databases for tests, written as a user would write them and read through the real loader. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, type ImportResult } from '../../src/import/import.js';
import type { Database } from '../../src/model/paper.js';
import { loadDatabase, renderDatabase, type RenderRequest } from '../../src/pipeline.js';

/** A database of one paper that ends in its `render:` section, for a test to add keys to. */
export const ONE_PAPER = [
  'owner:',
  '  name: Ada Lovelace',
  'papers:',
  '  - id: notes',
  '    type: journal',
  '    title: Notes on the Analytical Engine',
  '    authors: [Ada Lovelace]',
  '    venue: Scientific Memoirs',
  '    date: 1843',
  'render:',
  '  style: ieee',
].join('\n');

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

export interface Imported {
  /** What the import reported. */
  result: ImportResult;
  /** The database file as the import wrote it. */
  text: string;
  /** And as the loader reads it. */
  database: Database;
}

/**
 * `files` imported into a new database whose text so far is `head` (its owner, its topics),
 * as `publist import --into` does, then loaded as a build loads it.
 */
export async function importedDatabase(files: readonly string[], head: string): Promise<Imported> {
  const into = join(mkdtempSync(join(tmpdir(), 'publist-import-')), 'papers.yaml');
  writeFileSync(into, `${head}papers: []\n`);
  const result = await importFiles({ files, into });
  const text = readFileSync(into, 'utf8');
  return { result, text, database: (await loadDatabase(into)).database };
}
