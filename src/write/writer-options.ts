/**
 * What a format takes besides the settings: `standalone`, a template, a folder of templates,
 * and its own flags. One rule per flag (its choices, or true or false) answers the database's
 * `render.outputs[].options`, the command's flags and the library's `output.flags`, in the
 * same words.
 */
import {
  checkChoice,
  checkFields,
  invalidValue,
  InvalidOption,
  oneLine,
  OptionError,
  switchValue,
  text,
  wholeNumber,
  type OptionProblem,
  type Rule,
} from '../options.js';
import { isRecord } from '../validate/problem-list.js';
import { didYouMean } from '../validate/suggest.js';
import { templatedFormats, writers } from './registry.js';
import type { FlagValue, OutputOptions, Writer, WriterFlag } from './writer.js';

/** What is wrong, and what was likely meant. */
export interface OptionFault {
  message: string;
  hint?: string;
}

/** The rule of a format's flag: one of its choices, a whole number in its range, or true or false. */
export function flagRule(flag: WriterFlag): Rule<FlagValue> {
  const { choices, range } = flag;
  if (choices) return (value) => checkChoice(value, choices);
  if (range) {
    const { minimum, maximum } = range;
    return wholeNumber(
      `a whole number, ${minimum} to ${maximum}`,
      (number) => number >= minimum && number <= maximum,
    );
  }
  return switchValue;
}

/** What is wrong with giving `writer` its flag `name` as `value`; undefined when nothing is. */
export function flagProblem(writer: Writer, name: string, value: unknown): OptionFault | undefined {
  const flag = writer.flags?.find((candidate) => candidate.name === name);
  if (!flag) {
    const owners = writers()
      .filter((other) => other.flags?.some((theirs) => theirs.name === name))
      .map((other) => other.format);
    if (owners.length) {
      const takes = owners.length === 1 ? 'takes' : 'take';
      // The format's own option for the same thing (heading-level: latex's latex-heading).
      const words = name.split('-');
      const own = (writer.flags ?? [])
        .map((candidate) => candidate.name)
        .filter((candidate) => candidate.split('-').some((word) => words.includes(word)));
      return {
        message: `only ${owners.join(' and ')} ${takes} it, not ${writer.format}`,
        ...(own.length ? { hint: `${writer.format}'s own: ${own.join(', ')}` } : {}),
      };
    }
    const names = (writer.flags ?? []).map((candidate) => candidate.name);
    return {
      message: `${writer.format} has no such option`,
      hint:
        didYouMean(name, names) ??
        (names.length ? `options: ${names.join(', ')}` : 'it takes none'),
    };
  }
  try {
    flagRule(flag)(value);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidOption)) throw error;
    return invalidValue(value, error);
  }
}

/** Why `writer` takes no `standalone`, `template` or folder of templates. */
export function untemplatedProblem(writer: Writer): OptionFault {
  return { message: `only ${templatedFormats()} take it; ${writer.format} has no templates` };
}

const OUTPUT_RULES: Readonly<Record<string, Rule<unknown> | null>> = {
  standalone: switchValue,
  template: text('a template name'),
  templatesDir: text('a folder of templates'),
  // Checked below, by the format's own rules.
  flags: null,
};

/**
 * How `writer` is to write, checked: its own flags only (the PDF's `pdf-theme` is no option of
 * Markdown), each with a value it takes, and templates only for a format drawn from them.
 */
export function checkOutputOptions(writer: Writer, output: unknown): OutputOptions {
  if (output === undefined) return { standalone: false, flags: {} };
  const problems: OptionProblem[] = [];
  const fields = checkFields(
    output,
    {
      at: 'output',
      expected: 'an object such as { standalone: true }',
      noun: 'option',
      rules: OUTPUT_RULES,
    },
    problems,
  ) as Partial<OutputOptions>;
  if (!isRecord(output)) throw new OptionError(problems);
  if (!writer.template) {
    for (const key of ['standalone', 'template', 'templatesDir'] as const) {
      if (key === 'standalone' ? fields.standalone !== true : fields[key] === undefined) continue;
      problems.push({ option: `output.${key}`, message: oneLine(untemplatedProblem(writer)) });
    }
  }
  const flags: Record<string, FlagValue> = {};
  const givenFlags = output.flags ?? {};
  if (!isRecord(givenFlags)) {
    problems.push({ option: 'output.flags', message: 'expected an object of format options' });
  } else {
    for (const [name, value] of Object.entries(givenFlags)) {
      if (value === undefined) continue;
      const problem = flagProblem(writer, name, value);
      if (problem) problems.push({ option: `output.flags.${name}`, message: oneLine(problem) });
      else flags[name] = value as FlagValue;
    }
  }
  if (problems.length) throw new OptionError(problems);
  return { standalone: false, ...fields, flags };
}
