/**
 * Handlebars templates for the text formats: `templates/<format>/<name>.hbs` in the package,
 * each replaceable by the same path under a user's `--templates DIR`. Every `.hbs` of the
 * format's folder is also a partial (`{{> fragment}}`), so a user can replace one piece; one
 * whose name starts with `_` (`_publist-macros`) is only a partial, never a template to render.
 *
 * Every template is parsed and checked against the shape of its writer's context before
 * anything renders (template-check.ts): a misspelt variable, a missing partial or helper is
 * the user's mistake, located in their file, and `validate` finds it as `build` would.
 *
 * Templates are compiled with `noEscape`: a writer escapes every value for its own format
 * before the template sees it, so a template can place values but never unescape them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { packageFile } from '../package-files.js';
import { InputError, UsageError, type Problem } from '../model/problems.js';
import { didYouMean } from '../validate/suggest.js';
import { checkTemplate, type ParsedTemplate, type Shape } from './template-check.js';
import { syntaxProblem } from './template-syntax.js';

export type { Shape };

/** The package's own templates/ folder. */
export function builtInTemplatesDir(): string {
  return packageFile('templates');
}

function templateFiles(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(folder)) return files;
  for (const file of readdirSync(folder).sort()) {
    if (file.endsWith('.hbs')) files.set(file.slice(0, -4), join(folder, file));
  }
  return files;
}

export type RenderTemplate = (context: object) => string;

/**
 * A template, or a folder of templates, that is not there; `option` is the output option
 * that named it, so that the command can name its flag (`--template`, `--templates`).
 */
export class MissingTemplate extends UsageError {
  constructor(
    readonly option: 'template' | 'templatesDir',
    message: string,
  ) {
    super(message);
    this.name = 'MissingTemplate';
  }
}

const isPartialOnly = (name: string) => name.startsWith('_');

/** Why `templatesDir` cannot be a folder of templates, or undefined when it can. */
export function templatesFolderProblem(
  templatesDir: string,
  shown = templatesDir,
): string | undefined {
  if (!existsSync(templatesDir)) {
    // A database's `templates: tpl` is its folder's tpl/, which is not the tpl/ beside you.
    const fromHere = relative(process.cwd(), templatesDir);
    const looked = fromHere.startsWith('..') ? templatesDir : fromHere || '.';
    if (isAbsolute(shown) || looked === normalize(shown)) {
      return `the templates folder "${shown}" does not exist`;
    }
    const suffix = `${sep}${normalize(shown)}`;
    const base = templatesDir.endsWith(suffix) ? templatesDir.slice(0, -suffix.length) : undefined;
    const here = base !== undefined && existsSync(shown) && statSync(shown).isDirectory();
    const fix = here
      ? `; for the ${shown} beside you, write ${relative(base, resolve(shown))}`
      : '';
    return `the templates folder "${shown}" does not exist: it is ${looked}, as a path in the database is relative to the database's folder${fix}`;
  }
  if (!statSync(templatesDir).isDirectory()) {
    return `"${shown}" is a file, not a folder: give the folder that holds a subfolder per format (html/fragment.hbs, latex/standalone.hbs, ...)`;
  }
  return undefined;
}

/**
 * A warning when a user's templates folder has nothing for `format`: its templates would be
 * silently unused (a folder named `htm`, the .hbs files one level too high, a misspelt
 * `defualt.hbs`). `template` is the template asked for by name, when one was.
 */
export function unusedFolderWarning(
  templatesDir: string,
  format: string,
  shown = templatesDir,
  template?: string,
): string | undefined {
  const folder = resolve(templatesDir);
  const builtIn = [...templateFiles(join(builtInTemplatesDir(), format)).keys()];
  const lookedFor = builtIn.map((name) => `${format}/${name}.hbs`).join(', ');
  if (existsSync(join(folder, format))) {
    return unusedTemplatesWarning(join(folder, format), format, builtIn, shown, template);
  }
  const entries = readdirSync(folder, { withFileTypes: true });
  const subfolders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const loose = entries.filter(
    (entry) =>
      entry.isFile() &&
      builtIn.includes(entry.name.replace(/\.hbs$/, '')) &&
      entry.name.endsWith('.hbs'),
  );
  const near = /`(.*)`/.exec(didYouMean(format, subfolders) ?? '')?.[1];
  const hint = near
    ? `; rename its folder ${near}/ to ${format}/`
    : loose.length
      ? `; ${loose.map((entry) => entry.name).join(', ')} must move into ${shown}/${format}/`
      : '';
  return `the templates folder "${shown}" has no ${format}/ folder, so the built-in ${format} templates are used (looked for ${lookedFor})${hint}`;
}

/**
 * The warning for a format folder none of whose templates is used: the built-in templates
 * only include each other, so a user's template is used when it replaces one of them, or is
 * the template asked for (which may include the others).
 */
function unusedTemplatesWarning(
  formatFolder: string,
  format: string,
  builtIn: readonly string[],
  shown: string,
  template: string | undefined,
): string | undefined {
  const own = [...templateFiles(formatFolder).keys()];
  if (own.some((name) => builtIn.includes(name) || name === template)) return undefined;
  const names = builtIn.map((name) => `${name}.hbs`);
  const there = `the templates folder "${shown}"`;
  if (!own.length) {
    return `${there} has no .hbs file in ${format}/, so the built-in ${format} templates are used (looked for ${names.map((name) => `${format}/${name}`).join(', ')})`;
  }
  const renames = own.flatMap((name) => {
    const near = /`(.*)`/.exec(didYouMean(name, builtIn) ?? '')?.[1];
    return near ? [`rename ${name}.hbs to ${near}.hbs`] : [];
  });
  const files = own.map((name) => `${format}/${name}.hbs`).join(', ');
  return `${there} replaces no ${format} template, so ${files} ${own.length === 1 ? 'is' : 'are'} never used (the ${format} templates are ${names.join(', ')})${renames.length ? `; ${renames.join(', ')}` : ''}`;
}

/**
 * The template `name` of `format`, from `templatesDir` when it has one, else built in,
 * checked against `shape`, the context the writer will give it. An unknown name is a usage
 * error listing the names there are; a template that does not parse or names what the
 * context does not have is an InputError in its file.
 */
export async function loadTemplate(
  format: string,
  name: string,
  templatesDir: string | undefined,
  shape: Shape,
): Promise<RenderTemplate> {
  const files = templateFiles(join(builtInTemplatesDir(), format));
  if (templatesDir) {
    const folderProblem = templatesFolderProblem(resolve(templatesDir), templatesDir);
    if (folderProblem) throw new MissingTemplate('templatesDir', folderProblem);
    // As given: a problem in a user's template shows its path as the user wrote it.
    for (const [partial, path] of templateFiles(join(templatesDir, format))) {
      files.set(partial, path);
    }
  }
  // A name that starts with _ is a partial only (_publist-macros), never a whole template.
  const main = isPartialOnly(name) ? undefined : files.get(name);
  if (!main) {
    const names = [...files.keys()].filter((template) => !isPartialOnly(template));
    throw new MissingTemplate(
      'template',
      `no template "${name}" for ${format}; templates: ${names.sort().join(', ')}`,
    );
  }
  // Loaded here, not at start-up: the formats without templates never pay for it.
  const { default: Handlebars } = await import('handlebars');
  const handlebars = Handlebars.create();
  const parsed = new Map<string, ParsedTemplate>();
  const problems: Problem[] = [];
  for (const [template, file] of files) {
    const source = readFileSync(file, 'utf8');
    try {
      parsed.set(template, { file, ast: handlebars.parse(source) });
    } catch (error) {
      problems.push(syntaxProblem(handlebars, file, source, error as Error));
    }
  }
  const mainTemplate = parsed.get(name);
  if (mainTemplate && !problems.length) {
    const partials = new Map([...parsed].filter(([template]) => template !== name));
    problems.push(...checkTemplate(mainTemplate, shape, partials));
  }
  if (problems.length || !mainTemplate) throw new InputError(problems);
  const dynamicPartials: Problem[] = [];
  // The {{> (…)}} tag that chose a partial last, while rendering.
  const last = new Map<'tag', Problem>();
  handlebars.registerHelper(DYNAMIC_PARTIAL, (index: number, partialName: unknown) => {
    const tag = dynamicPartials[index];
    if (tag) last.set('tag', tag);
    return partialName;
  });
  for (const [partial, { file, ast }] of parsed) {
    markDynamicPartials(ast, file, dynamicPartials);
    if (partial !== name)
      handlebars.registerPartial(partial, handlebars.compile(ast, { noEscape: true }));
  }
  const template = handlebars.compile(mainTemplate.ast, { noEscape: true });
  const partialNames = [...parsed.keys()].filter((partial) => partial !== name).sort();
  return (context) => {
    last.clear();
    try {
      return template(context);
    } catch (error) {
      const message = (error as Error).message;
      const missing = /^The partial (.*) could not be found$/.exec(message);
      const tag = last.get('tag');
      if (missing && tag) {
        throw new InputError([
          {
            ...tag,
            message: `template error: this tag names the partial "${missing[1]}" while rendering, and there is none`,
            hint: `partials: ${partialNames.join(', ') || 'none'}`,
          },
        ]);
      }
      // What the check cannot see happens at no place the template records.
      throw new InputError([
        {
          file: main,
          line: 0,
          col: 0,
          message: `template error: ${message}`,
          ...(error instanceof RangeError
            ? { hint: 'does a partial include itself forever?' }
            : {}),
        },
      ]);
    }
  };
}

/** The helper that records which {{> (…)}} tag is choosing its partial. */
const DYNAMIC_PARTIAL = 'publist-dynamic-partial';

/**
 * Wraps the name of every partial chosen while rendering, `{{> (lookup . "key")}}`, in the
 * DYNAMIC_PARTIAL helper, with the index of its place in `places`: Handlebars' "The partial
 * 2026 could not be found" says neither file nor line.
 */
function markDynamicPartials(node: unknown, file: string, places: Problem[]): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node as unknown[]) markDynamicPartials(item, file, places);
    return;
  }
  const statement = node as { type?: string; name?: hbs.AST.Expression };
  const target = statement.name;
  if (
    (statement.type === 'PartialStatement' || statement.type === 'PartialBlockStatement') &&
    target?.type === 'SubExpression'
  ) {
    const { loc } = target;
    places.push({ file, line: loc.start.line, col: loc.start.column + 1, message: '' });
    const wrapped: hbs.AST.SubExpression = {
      type: 'SubExpression',
      path: {
        type: 'PathExpression',
        data: false,
        depth: 0,
        parts: [DYNAMIC_PARTIAL],
        original: DYNAMIC_PARTIAL,
        loc,
      },
      params: [
        { type: 'NumberLiteral', value: places.length - 1, original: places.length - 1, loc },
        target,
      ] as hbs.AST.Expression[],
      hash: { type: 'Hash', pairs: [], loc },
      loc,
    };
    statement.name = wrapped;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc') markDynamicPartials(value, file, places);
  }
}
