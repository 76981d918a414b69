/**
 * Handlebars templates for the text formats: `templates/<format>/<name>.hbs` in the package,
 * each replaceable by the same path under a user's `--templates DIR`. Every `.hbs` of the
 * format's folder is also a partial (`{{> fragment}}`), so a user can replace one piece.
 *
 * Templates are compiled with `noEscape`: a writer escapes every value for its own format
 * before the template sees it, so a template can place values but never unescape them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageFile } from '../package-files.js';
import { InputError, UsageError } from '../model/problems.js';

/** The package's own templates/ folder. */
export function builtInTemplatesDir(): string {
  return packageFile('templates');
}

function templateFiles(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(folder)) return files;
  for (const file of readdirSync(folder)) {
    if (file.endsWith('.hbs')) files.set(file.slice(0, -4), join(folder, file));
  }
  return files;
}

export type RenderTemplate = (context: object) => string;

/**
 * The template `name` of `format`, from `templatesDir` when it has one, else built in.
 * An unknown name is a usage error listing the names there are.
 */
export async function loadTemplate(
  format: string,
  name: string,
  templatesDir?: string,
): Promise<RenderTemplate> {
  const files = templateFiles(join(builtInTemplatesDir(), format));
  if (templatesDir) {
    const folder = resolve(templatesDir);
    if (!existsSync(folder)) {
      throw new UsageError(`the templates folder "${templatesDir}" does not exist`);
    }
    for (const [partial, path] of templateFiles(join(folder, format))) files.set(partial, path);
  }
  const main = files.get(name);
  if (!main) {
    throw new UsageError(
      `no template "${name}" for ${format}; templates: ${[...files.keys()].sort().join(', ')}`,
    );
  }
  // Loaded here, not at start-up: the formats without templates never pay for it.
  const { default: Handlebars } = await import('handlebars');
  const handlebars = Handlebars.create();
  const compile = (path: string) => {
    const source = readFileSync(path, 'utf8');
    try {
      // compile() is lazy: parse first so that a syntax error is reported with its file.
      handlebars.parse(source);
      return handlebars.compile(source, { noEscape: true });
    } catch (error) {
      const message = (error as Error).message;
      const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
      throw new InputError([
        {
          file: path,
          line,
          col: 1,
          message: `template error: ${message.split('\n')[0] ?? message}`,
        },
      ]);
    }
  };
  for (const [partial, path] of files) {
    if (partial !== name) handlebars.registerPartial(partial, compile(path));
  }
  const template = compile(main);
  return (context) => {
    try {
      return template(context);
    } catch (error) {
      // A missing partial or helper only shows when the template runs.
      throw new InputError([
        { file: main, line: 1, col: 1, message: `template error: ${(error as Error).message}` },
      ]);
    }
  };
}
