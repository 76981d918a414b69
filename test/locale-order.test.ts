/**
 * The same input gives the same output whatever the user's locale: lists and suggestions
 * are in one order under LC_ALL=da_DK.UTF-8 (where "aa" sorts after "z") and en_US.UTF-8.
 * Node's ICU follows LC_ALL without the system having the locale installed.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, runCli, type CliResult } from './support/cli.js';

const LOCALES = ['da_DK.UTF-8', 'en_US.UTF-8'] as const;

/** The command's output under each locale. */
function underEachLocale(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult[] {
  return LOCALES.map((locale) => runCli(args, { env: { ...env, LC_ALL: locale, LANG: locale } }));
}

/** A folder of system styles named aa-x, ab-x and zz-x, all titled "Loctest ...". */
function styleFolder(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'publist-locale-')), 'styles');
  mkdirSync(folder);
  const minimal = readFileSync(new URL('./fixtures/minimal.csl', import.meta.url), 'utf8');
  for (const name of ['zz-x', 'ab-x', 'aa-x']) {
    writeFileSync(
      join(folder, `${name}.csl`),
      minimal.replace(/<title>[^<]*<\/title>/, `<title>Loctest ${name}</title>`),
    );
  }
  return folder;
}

describe('output whatever the locale', () => {
  it('publist styles lists the styles in one order', () => {
    const env = { PUBLIST_CSL_STYLES: styleFolder() };
    const [danish, english] = underEachLocale(['styles', 'loctest'], env);
    expect(english?.status).toBe(0);
    expect(english?.stdout.split('\n').map((line) => line.split(' ')[0])).toEqual([
      'aa-x',
      'ab-x',
      'zz-x',
      '',
    ]);
    expect(danish).toEqual(english);
  });

  it('suggests the styles a wrong --style meant in one order', () => {
    const env = { PUBLIST_CSL_STYLES: styleFolder() };
    const [danish, english] = underEachLocale(
      ['render', DEFAULT_DB, '-f', 'text', '--style', 'ac-x'],
      env,
    );
    expect(english?.status).toBe(2);
    expect(english?.stderr).toContain('unknown style "ac-x" (did you mean aa-x, ab-x?');
    expect(danish).toEqual(english);
  });

  it('publist import sums up the fields kept under extra in one order', () => {
    const folder = mkdtempSync(join(tmpdir(), 'publist-locale-'));
    const bib = join(folder, 'refs.bib');
    writeFileSync(
      bib,
      '@article{a1,\n  author = {Ada Lovelace},\n  title = {One},\n  journal = {J},\n  year = {2020},\n' +
        '  zfield = {z},\n  abfield = {y},\n  aafield = {x}\n}\n',
    );
    const into = join(folder, 'papers.yaml');
    const [danish, english] = underEachLocale([
      'import',
      bib,
      '--into',
      into,
      '--owner',
      'Ada Lovelace',
      '--dry-run',
    ]);
    expect(english?.status).toBe(0);
    expect(english?.stderr).toContain('kept under extra: aafield 1, abfield 1, zfield 1\n');
    expect(danish).toEqual(english);
  });
});
