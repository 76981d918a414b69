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
import { InputError, UsageError, type Problem } from '../model/problems.js';

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

type HandlebarsError = Error & { lineNumber?: number; column?: number };

/**
 * Handlebars says what it expected on the message's last line, after the text near the
 * mistake and a line with a caret under it ("Parse error on line 2:\n...{{#each groups}\n
 * ---^\nExpecting 'CLOSE', ..., got 'INVALID'"); a block closed by the wrong name has
 * one line and a position ("if doesn't match each - 1:3").
 */
function templateProblem(file: string, error: HandlebarsError): Problem {
  const lines = error.message.split('\n');
  const line = error.lineNumber ?? Number(/line (\d+)/.exec(lines[0] ?? '')?.[1] ?? 1);
  const col = error.column === undefined ? 1 : error.column + 1;
  if (lines.length < 4) return { file, line, col, message: `template error: ${error.message}` };
  return {
    file,
    line,
    col,
    message: `template error: ${lines[0]} ${lines.at(-1)}`,
    excerpt: `${lines[1]}\n${lines[2]}`,
  };
}

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
      throw new InputError([templateProblem(path, error as HandlebarsError)]);
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
