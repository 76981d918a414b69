/** Render settings: built-in defaults, then the database's `render:`, then an output's own, then flags. */
import { listNumbering } from './cite/styles.js';
import { DEFAULT_LOCALE } from './cite/style-names.js';
import { InputError, UsageError } from './model/problems.js';
import type { RenderOptions } from './model/schema.js';
import {
  OUTPUT_SPEC_KEYS,
  RENDER_SECTION_KEYS,
  type Highlight,
  type Numbering,
} from './model/vocabulary.js';
import type { SelectOptions } from './select/select.js';
import { firstRecentYear } from './source-date.js';
import { checkSettings, OptionError, SETTING_KEYS, type OptionProblem } from './options.js';

export interface Settings extends SelectOptions {
  /** The heading of the list; absent for the default ("Publications" in the output's language). */
  title?: string;
  /** The last N years; `since` is then this year minus N - 1. */
  recent?: number;
  style: string;
  locale: string;
  /** Mark the owner's name, as `highlight` says. */
  highlight_owner: boolean;
  /** How writers mark the owner's name: bold, or underlined. */
  highlight: Highlight;
  /** When the style's "et al." would hide the owner, cut the list so that they stay visible. */
  keep_owner_visible: boolean;
  /** Printed after equal-contribution and corresponding authors; empty prints none. */
  equal_mark: string;
  corresponding_mark: string;
}

/** Settings as their layers give them: `numbering` may still be `auto`, which the style decides. */
export interface GivenSettings extends Omit<Settings, 'numbering'> {
  numbering: Numbering;
}

export const DEFAULT_SETTINGS: GivenSettings = {
  style: 'apa',
  locale: DEFAULT_LOCALE,
  sort: 'date',
  group_by: 'year',
  numbering: 'auto',
  numbering_scope: 'continuous',
  highlight_owner: true,
  highlight: 'bold',
  keep_owner_visible: true,
  equal_mark: '*',
  corresponding_mark: '†',
};

/**
 * The keys a `render:` section or an output spec has besides settings: a layer may be either
 * (`resolveSettings(database.render, spec, overrides)`), and they are not settings.
 */
const NOT_SETTINGS = [...RENDER_SECTION_KEYS, ...OUTPUT_SPEC_KEYS];

/**
 * Later layers win; a key that a layer leaves undefined keeps the earlier value. Every layer
 * is checked as `overrides` are: a wrong setting is an OptionError naming it `layers[i].key`.
 * `auto` numbering is decided from the style, as for an output (a style file's path is
 * taken from the working folder).
 */
export function resolveSettings(...layers: readonly Partial<RenderOptions>[]): Settings {
  const problems: OptionProblem[] = [];
  const checked = layers.map((layer, index) =>
    checkSettings(layer, `layers[${index}]`, problems, NOT_SETTINGS),
  );
  if (problems.length) throw new OptionError(problems);
  const given = mergeSettings(checked);
  try {
    return { ...given, numbering: listNumbering(given.numbering, given.style) };
  } catch (error) {
    // A style that cannot be read is a wrong setting like any other, named as its layer's.
    if (!(error instanceof UsageError || error instanceof InputError)) throw error;
    const layer = layers.findLastIndex((candidate) => candidate.style !== undefined);
    throw new OptionError([{ option: `layers[${layer}].style`, message: error.message }]);
  }
}

/**
 * `resolveSettings` for layers checked already (by the schema, or as overrides). `recent`
 * becomes `since` here, from this year (SOURCE_DATE_EPOCH's when it is set).
 */
export function mergeSettings(layers: readonly Partial<RenderOptions>[]): GivenSettings {
  const settings: GivenSettings = { ...DEFAULT_SETTINGS };
  for (const layer of layers) {
    for (const key of SETTING_KEYS) {
      const value = layer[key];
      if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = value;
    }
    // `recent` and `since` both say the first year: the later layer's is the one (a layer
    // with both is refused by the checks).
    if (layer.recent !== undefined) settings.since = firstRecentYear(layer.recent);
    else if (layer.since !== undefined) delete settings.recent;
  }
  return settings;
}
