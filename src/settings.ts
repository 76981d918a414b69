/** Render settings: built-in defaults, then the database's `render:`, then an output's own, then flags. */
import type { RenderOptions } from './model/schema.js';
import type { SelectOptions } from './select/select.js';

export interface Settings extends SelectOptions {
  style: string;
  locale: string;
  /** Mark the owner's name (writers print it bold). */
  highlight_owner: boolean;
  /** When the style's "et al." would hide the owner, cut the list so that they stay visible. */
  keep_owner_visible: boolean;
  /** Printed after equal-contribution and corresponding authors; empty prints none. */
  equal_mark: string;
  corresponding_mark: string;
}

export const DEFAULT_SETTINGS: Settings = {
  style: 'apa',
  locale: 'en-US',
  sort: 'date',
  group_by: 'year',
  numbering: 'none',
  numbering_scope: 'continuous',
  highlight_owner: true,
  keep_owner_visible: true,
  equal_mark: '*',
  corresponding_mark: '†',
};

/** Later layers win; a key that a layer leaves undefined keeps the earlier value. */
export function resolveSettings(...layers: readonly Partial<RenderOptions>[]): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined && key in RENDER_KEYS) {
        (settings as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }
  return settings;
}

/** The keys that are settings (an output spec also has format, file, ...). */
const RENDER_KEYS: Record<keyof RenderOptions, true> = {
  style: true,
  locale: true,
  group_by: true,
  sort: true,
  order: true,
  numbering: true,
  numbering_scope: true,
  since: true,
  until: true,
  topics: true,
  types: true,
  selected: true,
  limit: true,
  highlight_owner: true,
  keep_owner_visible: true,
  equal_mark: true,
  corresponding_mark: true,
};
