/**
 * User templates checked before anything is written: syntax mistakes explained at the tag at
 * fault, unknown variables, helpers and partials located in the user's file, by `validate`
 * as by `render` and `build`; a --templates path that is no folder, or a folder with nothing
 * for the format.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Database } from '../src/model/paper.js';
import { renderDatabase } from '../src/pipeline.js';
import { parseSource } from '../src/read/source.js';
import { validateDatabase } from '../src/validate/validate.js';
import { ANY_FIELD, type ShapeOf } from '../src/write/template-check.js';
import type { Shape } from '../src/write/templates.js';
import { DEFAULT_DB, runCli } from './support/cli.js';

/** The context each template was given and the shape it was checked against, by format. */
const rendered = vi.hoisted(() => new Map<string, { context: object; shape: unknown }>());

vi.mock('../src/write/templates.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/write/templates.js')>();
  return {
    ...original,
    loadTemplate: async (format: string, name: string, dir: string | undefined, shape: Shape) => {
      const render = await original.loadTemplate(format, name, dir, shape);
      return (context: object) => {
        rendered.set(`${format}/${name}`, { context, shape });
        return render(context);
      };
    },
  };
});

const scratch = () => mkdtempSync(join(tmpdir(), 'publist-templates-'));

/** A templates folder holding `files` ("html/fragment.hbs" -> its text). */
function templatesFolder(files: Record<string, string>): string {
  const folder = scratch();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/** The default database with one more output, of its own templates folder. */
function databaseWithOutput(lines: string[]): string {
  const database = join(scratch(), 'papers.yaml');
  const text = readFileSync(DEFAULT_DB, 'utf8').replace(
    /^ {2}outputs:\n/m,
    `  outputs:\n${lines.join('\n')}\n`,
  );
  writeFileSync(database, text);
  return database;
}

const render = (format: string, folder: string, ...more: string[]) =>
  runCli(['render', DEFAULT_DB, '-f', format, '--templates', folder, ...more]);

describe('a template naming what its context does not have', () => {
  it('is found by validate, render and build alike, in the user file, and nothing is written', () => {
    const folder = templatesFolder({
      'html/fragment.hbs':
        '<div>{{#each groups}}<h3>{{heading}}</h3>{{/each}}\n  {{> nosuch}}</div>\n',
    });
    const database = databaseWithOutput([
      '    - format: html',
      '      file: frag.html',
      `      templates: ${folder}`,
    ]);
    const expected = `${join(folder, 'html', 'fragment.hbs')}:2:7: no partial "nosuch" (partials: standalone)`;
    const validated = runCli(['validate', database]);
    expect(validated.status).toBe(1);
    expect(validated.stderr).toContain(expected);
    const outDir = join(folder, 'out');
    const built = runCli(['build', database, '--out-dir', outDir]);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain(expected);
    expect(existsSync(outDir)).toBe(false);
    const out = join(folder, 'frag.html');
    const one = render('html', folder, '-o', out);
    expect(one.status).toBe(1);
    expect(one.stderr.trim()).toBe(`${expected}\n1 problem`);
    expect(existsSync(out)).toBe(false);
  });

  it('is found inside any {{#each}}: the items of every list and record are known, by validate as by build', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': [
        '{{#each owner}}{{@key}}: {{this}}{{this.nmae}}{{/each}}',
        '{{#each style}}{{titel}}{{/each}}',
        '{{#each groups}}{{#each entries}}{{#each links}}{{lable}}{{/each}}{{#each paper.topics}}{{lable}}{{/each}}{{/each}}{{/each}}',
      ].join('\n'),
      'latex/fragment.hbs': [
        '{{#each owner.contacts}}{{lable}}{{/each}}',
        '{{#each owner}}{{#each this}}{{lable}}{{/each}}{{kind}}{{knd}}{{/each}}',
        '{{#each fonts}}{{this}}{{cjk}}{{/each}}',
      ].join('\n'),
    });
    const database = databaseWithOutput([
      '    - format: markdown',
      '      file: list.md',
      `      templates: ${folder}`,
      '    - format: latex',
      '      file: list.tex',
      `      templates: ${folder}`,
    ]);
    const markdown = join(folder, 'markdown', 'default.hbs');
    const latex = join(folder, 'latex', 'fragment.hbs');
    const expected = [
      `${markdown}:1:36: an item of owner is a single value: it has no "nmae"`,
      `${markdown}:2:18: an item of style is a single value: it has no "titel"`,
      `${markdown}:3:51: unknown variable "lable" (here: kind, label, url; did you mean label?)`,
      `${markdown}:3:91: unknown variable "lable" (here: key, label; did you mean label?)`,
      `${latex}:1:27: unknown variable "lable" (here: kind, label, text, href; did you mean label?)`,
      `${latex}:2:32: unknown variable "lable" (an item of this is a single value or a record (of kind, label, text, href); did you mean label?)`,
      `${latex}:2:58: unknown variable "knd" (an item of owner is a single value, a record (of kind, label, text, href) or a list; did you mean kind?)`,
      `${latex}:3:26: an item of fonts is a single value: it has no "cjk"`,
    ];
    const validated = runCli(['validate', database]);
    expect(validated.status).toBe(1);
    expect(validated.stderr.trim().split('\n')).toEqual([...expected, '8 problems']);
    const built = runCli(['build', database, '--out-dir', join(folder, 'out')]);
    expect(built.status).toBe(1);
    expect(built.stderr.trim().split('\n')).toEqual([...expected, '8 problems']);
  });

  it("takes a list's length as a number, wherever the list is read", () => {
    const folder = templatesFolder({
      'markdown/default.hbs':
        '{{#each groups}}{{#each entries}}{{#each paper}}{{@key}}={{this.length}};{{/each}}\n{{/each}}{{/each}}{{groups.length}}\n',
    });
    const result = render('markdown', folder, '--limit', '1');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(';authors=8;');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1');
  });

  it('does not take a name like an Object method for a field ({{constructor}})', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': '{{#each groups}}{{constructor}}{{/each}}\n',
    });
    const result = render('markdown', folder);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      ':1:19: unknown variable "constructor" (here: key, heading, listTag, entries)',
    );
  });

  it('is found in the user file that a built-in template includes', () => {
    const folder = templatesFolder({
      'html/fragment.hbs': '<ul>\n{{#each groups}}{{> row}}{{/each}}</ul>\n',
    });
    const result = render('html', folder, '--standalone');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${join(folder, 'html', 'fragment.hbs')}:2:21: no partial "row" (partials: fragment)`,
    );
  });

  it('names the unknown variable, what there is where it stands, and the close one', () => {
    const folder = templatesFolder({
      'html/fragment.hbs': [
        '<p>{{titel}}</p>',
        '{{#each groups}}{{#each entries}}<li>{{txt}} {{title}} {{../heading}} {{@index}}</li>{{/each}}{{/each}}',
        '{{owner.nmae}} {{@index}} {{#with owner}}{{name}}{{/with}} {{formatDate count}}',
        '{{#each groups as |group|}}{{group.heading}}{{group.entries.length}}{{group.nope}}{{/each}}',
        '{{#if legend}}{{#each legend}}{{this}}{{/each}}{{/if}}',
      ].join('\n'),
    });
    const file = join(folder, 'html', 'fragment.hbs');
    const result = render('html', folder);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const top =
      'title, titled, noMatch, titleLevel, headingLevel, owner, style, locale, lang, standalone, numbered, count, groups, legend';
    const entry = 'id, anchor, number, label, text, links, paper';
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:1:6: unknown variable "titel" (here: ${top}; did you mean title?)`,
      `${file}:2:40: unknown variable "txt" (here: ${entry}; did you mean text?)`,
      `${file}:2:48: unknown variable "title" ("title" is in paper: write paper.title; "title" is at the top level: write ../../title; here: ${entry})`,
      `${file}:3:3: unknown variable "owner.nmae" (owner has: name, position, affiliation, email, website, orcid, github; did you mean owner.name?)`,
      `${file}:3:18: unknown variable "@index" (@index is only set inside {{#each}})`,
      `${file}:3:62: unknown helper "formatDate" (the helpers are each, if, unless, with, lookup, log)`,
      `${file}:4:71: unknown variable "group.nope" (group has: key, heading, listTag, entries)`,
      '7 problems',
    ]);
  });

  it('accepts an inline partial defined below the place it is used, as Handlebars does', () => {
    const folder = templatesFolder({
      'markdown/default.hbs':
        '{{#each groups}}{{> heading}}{{/each}}\n{{#*inline "heading"}}[{{heading}}]{{/inline}}',
    });
    const result = render('markdown', folder);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('[2026][2025][2024][2023][2022][2021]\n');
  });

  it('names the value that has no field, and the helper that is no block, in words', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': [
        '{{#each legend}}{{foo}}{{/each}}',
        '{{#with title}}{{foo}}{{/with}}',
        '{{#with groups}}{{foo}}{{/with}}',
        '{{#each groups}}{{../../x}}{{/each}} {{../x}}',
        '{{#each groups}}{{#each entries}}{{../../../x}}{{/each}}{{/each}}',
        '{{#log}}{{/log}}{{#lookup . "title"}}{{/lookup}}',
      ].join('\n'),
    });
    const file = join(folder, 'markdown', 'default.hbs');
    const result = render('markdown', folder);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:1:19: an item of legend is a single value: it has no "foo"`,
      `${file}:2:18: title is a single value: it has no "foo"`,
      `${file}:3:19: groups is a list: it has no "foo" (go through it with {{#each this}}…{{/each}})`,
      `${file}:4:19: "../../x" goes out past the template's top level (there is 1 level above here: drop a ../)`,
      `${file}:4:40: "../x" goes out past the template's top level (nothing is above the top level: drop the ../)`,
      `${file}:5:36: "../../../x" goes out past the template's top level (there are 2 levels above here: drop a ../)`,
      `${file}:6:4: log is not a block helper (write {{log …}}: the content of {{#log}}…{{/log}} is never rendered)`,
      `${file}:6:20: lookup is not a block helper (write {{lookup …}}: the content of {{#lookup}}…{{/lookup}} is never rendered)`,
      '8 problems',
    ]);
  });

  it('refuses to print a record or a list, which would show as [object Object]', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': [
        '{{owner}} {{{owner}}}',
        '{{groups}}',
        '{{#each groups}}{{this}}{{/each}}',
        '{{#each groups as |group|}}{{group.entries}}{{/each}} {{legend}}',
      ].join('\n'),
    });
    const file = join(folder, 'markdown', 'default.hbs');
    const owner = 'owner has: name, position, affiliation, email, website, orcid, github';
    const result = render('markdown', folder);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:1:3: owner is a record: print owner.name (${owner})`,
      `${file}:1:14: owner is a record: print owner.name (${owner})`,
      `${file}:2:3: groups is a list: use {{#each groups}}…{{/each}} (inside, print the fields of each item: key, heading, listTag, entries)`,
      `${file}:3:19: an item of groups is a record: print key (here: key, heading, listTag, entries)`,
      `${file}:4:30: group.entries is a list: use {{#each group.entries}}…{{/each}} (inside, print the fields of each item: id, anchor, number, label, text, links, paper)`,
      `${file}:4:57: legend is a list: use {{#each legend}}…{{/each}} (inside, print each item with {{this}})`,
      '6 problems',
    ]);
  });

  it('checks the links of the text format with their separator, and LaTeX with its own context', () => {
    const text = templatesFolder({
      'text/default.hbs':
        '{{#each groups}}{{#each entries}}{{#each links}}{{separator}}{{url}}{{anchor}}{{/each}}{{/each}}{{/each}}\n',
    });
    const result = render('text', text);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${join(text, 'text', 'default.hbs')}:1:71: unknown variable "anchor" ("anchor" is in an item of entries: write ../anchor; here: kind, label, url, separator)`,
    );
    const latex = templatesFolder({ 'latex/fragment.hbs': '{{headingCommand}}{{listTag}}\n' });
    const tex = render('latex', latex);
    expect(tex.status).toBe(1);
    expect(tex.stderr).toContain(
      `${join(latex, 'latex', 'fragment.hbs')}:1:21: unknown variable "listTag"`,
    );
  });
});

describe('the path of a template in a problem', () => {
  it('is shown as given, relative to where publist runs or to a relative database', () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'rel', 'markdown'), { recursive: true });
    writeFileSync(join(cwd, 'rel', 'markdown', 'default.hbs'), '{{titel}}\n');
    mkdirSync(join(cwd, 'cv', 'tpl', 'markdown'), { recursive: true });
    writeFileSync(join(cwd, 'cv', 'tpl', 'markdown', 'default.hbs'), '{{titel}}\n');
    writeFileSync(
      join(cwd, 'cv', 'papers.yaml'),
      readFileSync(DEFAULT_DB, 'utf8').replace(
        /^ {2}outputs:\n/m,
        '  outputs:\n    - { format: markdown, file: x.md, templates: tpl }\n',
      ),
    );
    const problem = ':1:3: unknown variable "titel"';
    const rendered = runCli(['render', DEFAULT_DB, '-f', 'markdown', '--templates', 'rel'], {
      cwd,
    });
    expect(rendered.status).toBe(1);
    expect(rendered.stderr).toMatch(new RegExp(`^rel/markdown/default\\.hbs${problem}`));
    const validated = runCli(['validate', 'cv/papers.yaml'], { cwd });
    expect(validated.status).toBe(1);
    expect(validated.stderr).toMatch(new RegExp(`^cv/tpl/markdown/default\\.hbs${problem}`));
    const built = runCli(['build', 'papers.yaml', '--out-dir', 'out'], { cwd: join(cwd, 'cv') });
    expect(built.status).toBe(1);
    expect(built.stderr).toMatch(new RegExp(`^tpl/markdown/default\\.hbs${problem}`));
  });
});

describe('a template failing while rendering', () => {
  it('is located at the {{> (…)}} tag that named a partial there is not', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': '{{title}}\n{{#each groups}}{{> (lookup . "key")}}{{/each}}\n',
      'markdown/2026.hbs': '{{heading}}\n',
    });
    const result = render('markdown', folder);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${join(folder, 'markdown', 'default.hbs')}:2:21: template error: this tag names the partial "2025" while rendering, and there is none (partials: 2026)\n1 problem\n`,
    );
  });

  it('claims no line where the failure has none', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': '{{#*inline "again"}}x{{> again}}{{/inline}}\n{{> again}}\n',
    });
    const result = render('markdown', folder);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${join(folder, 'markdown', 'default.hbs')}: template error: Maximum call stack size exceeded (does a partial include itself forever?)\n1 problem\n`,
    );
  });

  it('is found before rendering when lookup is not given its two values', () => {
    const folder = templatesFolder({
      'markdown/default.hbs': '{{lookup}} {{#each (lookup groups)}}{{/each}} {{lookup groups 0}}\n',
    });
    const file = join(folder, 'markdown', 'default.hbs');
    const result = render('markdown', folder);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:1:3: lookup takes two values, here 0 (write {{lookup list @index}} or {{lookup record "field"}})`,
      `${file}:1:21: lookup takes two values, here 1 (write {{lookup list @index}} or {{lookup record "field"}})`,
      '2 problems',
    ]);
  });
});

describe('template syntax', () => {
  const cases: [string, string, string][] = [
    [
      'Hello\n{{#each groups}}\n{{heading}}\n',
      '2:1: template syntax: {{#each}} is never closed (add {{/each}} where its content ends)',
      '2 | {{#each groups}}\n    ^',
    ],
    [
      'Hello\n{{#each groups}\n{{heading}}\n{{/each}}\n',
      '2:1: template syntax: the tag {{#each groups} has one closing brace (write {{#each groups}})',
      '2 | {{#each groups}\n    ^',
    ],
    [
      '{{#each groups}}\n{{#if heading}}{{heading}}{{/each}}\n{{/if}}\n',
      '2:27: template syntax: {{/each}} closes {{#each}} (opened at 1:1) while {{#if}} opened at 2:1 is still open (add {{/if}} before it)',
      '2 | {{#if heading}}{{heading}}{{/each}}\n                              ^',
    ],
    [
      'text\n{{/if}}\n',
      '2:1: template syntax: {{/if}} closes a block that was never opened (no {{#if …}} comes before it: remove it, or open the block)',
      '2 | {{/if}}\n    ^',
    ],
    [
      '{{#each groups}}{{heading}}{{/with}}',
      '1:28: template syntax: {{/with}} does not match {{#each}} opened at 1:1 (close it with {{/each}})',
      '1 | {{#each groups}}{{heading}}{{/with}}\n                               ^',
    ],
    [
      'a {{else}} b',
      '1:3: template syntax: {{else}} is outside any block ({{else}} goes between {{#if …}} (or {{#each …}}, {{#unless …}}) and its {{/if}})',
      '1 | a {{else}} b\n      ^',
    ],
    [
      'a {{title\n{{count}}\n',
      '1:3: template syntax: the tag {{title is not closed (end it with }})',
      '1 | a {{title\n      ^',
    ],
    [
      'a\n{{title',
      '2:1: template syntax: the tag {{title is not closed (end it with }})',
      '2 | {{title\n    ^',
    ],
    [
      '{{#each groups}}{{heading x',
      '1:17: template syntax: the tag {{heading x is not closed (end it with }})',
      '1 | {{#each groups}}{{heading x\n                    ^',
    ],
    [
      '{{title}} {{lookup groups =}}\n{{/if}}',
      '1:28: template syntax: unexpected "}}" where a value (a name, "text", a number or a (helper call)) should be',
      '1 | {{title}} {{lookup groups =}}\n                               ^',
    ],
  ];
  it.each(cases)('%j', (source, message, excerpt) => {
    const folder = templatesFolder({ 'text/default.hbs': source });
    const result = render('text', folder);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${join(folder, 'text', 'default.hbs')}:${message}\n${excerpt}\n1 problem\n`,
    );
  });

  it('locates a mistake in a whole document that includes the fragment, with --standalone', () => {
    const folder = templatesFolder({
      'latex/standalone.hbs':
        '\\documentclass{article}\n\\begin{document}\n{{> fragmnet}}\n\\end{document}\n',
    });
    const result = render('latex', folder, '--standalone');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${join(folder, 'latex', 'standalone.hbs')}:3:5: no partial "fragmnet" (did you mean \`fragment\`?; partials: _publist-fonts, _publist-macros, fragment, moderncv, moderncv-fragment)`,
    );
  });
});

describe('the templates folder', () => {
  it('must be a folder: a usage error on the command line, a located problem in the database', () => {
    const result = render('html', DEFAULT_DB);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `--templates: "${DEFAULT_DB}" is a file, not a folder: give the folder that holds a subfolder per format`,
    );
    const database = databaseWithOutput([
      '    - { format: html, file: x.html, templates: papers.yaml }',
    ]);
    const validated = runCli(['validate', database]);
    expect(validated.status).toBe(1);
    expect(validated.stderr).toContain(
      `${database}:22:48: render.outputs[0].templates: "papers.yaml" is a file, not a folder`,
    );
  });

  it('warns when it has nothing for the format, naming what was looked for', () => {
    const folder = templatesFolder({ 'htm/fragment.hbs': '<p>{{count}}</p>\n' });
    const result = render('html', folder);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('<section class="publications">');
    expect(result.stderr).toContain(
      `warning: the templates folder "${folder}" has no html/ folder, so the built-in html templates are used (looked for html/fragment.hbs, html/standalone.hbs); rename its folder htm/ to html/`,
    );
    const loose = templatesFolder({ 'default.hbs': '{{count}}\n' });
    const database = databaseWithOutput([
      `    - { format: markdown, file: x.md, templates: ${loose} }`,
    ]);
    const validated = runCli(['validate', database]);
    expect(validated.status).toBe(0);
    expect(validated.stderr).toContain(
      `${database}:22:50: warning: render.outputs[0].templates: the templates folder "${loose}" has no markdown/ folder, so the built-in markdown templates are used (looked for markdown/default.hbs); default.hbs must move into ${loose}/markdown/`,
    );
  });
});

describe('a format folder none of whose templates is used', () => {
  it('is warned about, with the name a misspelt template meant', () => {
    const folder = templatesFolder({ 'markdown/defualt.hbs': '{{count}}\n' });
    const result = render('markdown', folder);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('## 2026');
    expect(result.stderr).toBe(
      `warning: the templates folder "${folder}" replaces no markdown template, so markdown/defualt.hbs is never used (the markdown templates are default.hbs); rename defualt.hbs to default.hbs\n`,
    );
    const database = databaseWithOutput([
      `    - { format: html, file: x.html, templates: ${templatesFolder({ 'html/fragmnt.hbs': '', 'html/page.hbs': '' })} }`,
    ]);
    const validated = runCli(['validate', database]);
    expect(validated.status).toBe(0);
    expect(validated.stderr).toMatch(
      /papers\.yaml:22:48: warning: render\.outputs\[0\]\.templates: the templates folder "[^"]+" replaces no html template, so html\/fragmnt\.hbs, html\/page\.hbs are never used \(the html templates are fragment\.hbs, standalone\.hbs\); rename fragmnt\.hbs to fragment\.hbs\n/,
    );
  });

  it('is warned about when it holds no template at all', () => {
    const folder = templatesFolder({ 'markdown/readme.txt': 'my templates\n' });
    const result = render('markdown', folder);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `warning: the templates folder "${folder}" has no .hbs file in markdown/, so the built-in markdown templates are used (looked for markdown/default.hbs)\n`,
    );
  });

  it('is not warned about when it holds the template asked for by name', () => {
    const folder = templatesFolder({ 'markdown/mine.hbs': '{{count}} papers\n' });
    const result = render('markdown', folder, '--template', 'mine');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+ papers\n$/);
  });
});

/** The paths of `value` that `shape` does not declare. */
function undeclared(value: unknown, shape: Shape | undefined, path = ''): string[] {
  if (shape === undefined) return [path];
  if (shape === 'any' || shape === 'value') return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      undeclared(item, Array.isArray(shape) ? shape[0] : undefined, `${path}[${index}]`),
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(shape)) return [path];
  const fields = shape as { [field: string]: Shape; [ANY_FIELD]?: Shape };
  return Object.entries(value).flatMap(([key, field]) =>
    undeclared(
      field,
      Object.hasOwn(fields, key) ? fields[key] : fields[ANY_FIELD],
      path ? `${path}.${key}` : key,
    ),
  );
}

describe('the shape templates are checked against', () => {
  it('is, by type, the shape of its context’s type: every field, optional ones too (checked by tsc)', () => {
    interface Context {
      title: string;
      number?: number;
      owner: boolean;
      links: { url: string; label?: string }[];
      extra: { [field: string]: string };
    }
    expectTypeOf<ShapeOf<Context>>().toEqualTypeOf<{
      readonly title: 'value';
      readonly number: 'value';
      readonly owner: 'value';
      readonly links: readonly [{ readonly url: 'value'; readonly label: 'value' }];
      readonly extra: { readonly [ANY_FIELD]: 'value' };
    }>();
  });

  it('declares every field each writer gives its templates, so that no template is refused wrongly', async () => {
    const seed: Database = await validateDatabase(
      parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')),
    );
    // One paper with every optional field the seed papers leave out, extra fields included.
    const database: Database = {
      ...seed,
      papers: seed.papers.map((paper, index) =>
        index === 0
          ? {
              ...paper,
              editors: [{ given: 'Ada', family: 'Lovelace' }],
              language: 'en',
              extra: { abbr: 'ICML', slides_page: 'https://example.org/slides' },
            }
          : paper,
      ),
    };
    for (const [format, output] of [
      ['html', { standalone: true }],
      ['markdown', {}],
      ['text', {}],
      ['latex', { standalone: true }],
      ['latex', { standalone: true, template: 'moderncv' }],
    ] as const) {
      await renderDatabase(database, { format, output: { flags: {}, ...output } });
    }
    expect([...rendered.keys()].sort()).toEqual([
      'html/standalone',
      'latex/moderncv',
      'latex/standalone',
      'markdown/default',
      'text/default',
    ]);
    for (const [name, { context, shape }] of rendered) {
      expect(undeclared(context, shape as Shape), name).toEqual([]);
    }
  });
});
