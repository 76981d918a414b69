import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/model/paper.js';
import { parseSource } from '../src/read/source.js';
import { selectPapers, type Selection } from '../src/select/select.js';
import { resolveSettings } from '../src/settings.js';
import { validateDatabase } from '../src/validate/validate.js';
import type { RenderOptions } from '../src/model/schema.js';
import { DEFAULT_DB } from './support/cli.js';

const database: Database = await validateDatabase(
  parseSource(DEFAULT_DB, readFileSync(DEFAULT_DB, 'utf8')),
);
const select = (options: Partial<RenderOptions>): Selection =>
  selectPapers(database, resolveSettings(options));
const ids = (selection: Selection) => selection.papers.map((paper) => paper.id);
const headings = (selection: Selection) =>
  selection.groups.map((group) => `${group.heading} (${group.entries.length})`);

describe('filters', () => {
  it('keeps papers from a year on, up to a year, or both', () => {
    expect(select({ since: 2025 }).papers).toHaveLength(8);
    expect(select({ until: 2022 }).papers.map((p) => p.date.year)).toEqual([2022, 2022, 2021]);
    expect(select({ since: 2023, until: 2023 }).papers).toHaveLength(4);
  });

  it('keeps papers of the given topics and types', () => {
    expect(select({ topics: ['CV', 'FLU-DYN'] }).papers.map((p) => p.id)).toEqual([
      'liao2023item',
      'bode2022turbulent',
    ]);
    expect(select({ types: ['shared-task'] }).papers.map((p) => p.id)).toEqual([
      'liao2024ikun',
      'liao2021backtranslation',
    ]);
  });

  it('keeps only selected papers, and none when none is selected', () => {
    expect(select({ selected: true }).papers).toEqual([]);
    const marked: Database = {
      ...database,
      papers: database.papers.map((p) => (p.id === 'liao2023peft' ? { ...p, selected: true } : p)),
    };
    expect(
      selectPapers(marked, resolveSettings({ selected: true })).papers.map((p) => p.id),
    ).toEqual(['liao2023peft']);
  });

  it('limits to the first N after sorting', () => {
    expect(ids(select({ limit: 3 }))).toEqual([
      'he2026livemathematicianbench',
      'liao2026selfhinting',
      'xiong2025reinforceada',
    ]);
  });
});

describe('sorting', () => {
  it('puts the newest first by default and the oldest first with order asc', () => {
    const newest = ids(select({ group_by: 'none' }));
    expect(newest[0]).toBe('he2026livemathematicianbench');
    expect(newest.at(-1)).toBe('liao2021backtranslation');
    expect(ids(select({ group_by: 'none', order: 'asc' }))).toEqual([...newest].reverse());
  });

  it('sorts by title A-Z, ignoring case', () => {
    const titles = select({ group_by: 'none', sort: 'title' }).papers.map((p) => p.title);
    expect(titles[0]).toMatch(/^3-in-1/);
    expect(titles[1]).toMatch(/^ApiQ/);
    expect(titles.at(-1)).toMatch(/^Unilogit/);
  });

  it('sorts by venue with papers without one last', () => {
    const venues = select({ group_by: 'none', sort: 'venue' }).papers.map((p) => p.venue);
    expect(venues[0]).toBe('ACL 2025');
    expect(venues.slice(-8).every((venue) => venue === undefined)).toBe(true);
  });
});

describe('grouping', () => {
  it('groups by year, newest year first', () => {
    expect(headings(select({ group_by: 'year' }))).toEqual([
      '2026 (2)',
      '2025 (6)',
      '2024 (5)',
      '2023 (4)',
      '2022 (2)',
      '2021 (1)',
    ]);
    expect(headings(select({ group_by: 'year', order: 'asc' }))[0]).toBe('2021 (1)');
  });

  it('groups by topic in the order of `topics:`, with labels', () => {
    expect(headings(select({ group_by: 'topic' }))).toEqual([
      'Computation and Language (13)',
      'Machine Learning (5)',
      'Computer Vision (1)',
      'Fluid Dynamics (1)',
    ]);
  });

  it('lists a paper with several topics under each of them', () => {
    const twoTopics: Database = {
      ...database,
      papers: database.papers.map((p) =>
        p.id === 'liao2023item' ? { ...p, topics: ['CV', 'CL'] } : p,
      ),
    };
    const selection = selectPapers(twoTopics, resolveSettings({ group_by: 'topic' }));
    expect(headings(selection)).toEqual([
      'Computation and Language (14)',
      'Machine Learning (5)',
      'Computer Vision (1)',
      'Fluid Dynamics (1)',
    ]);
    expect(selection.papers).toHaveLength(20);
  });

  it('numbers papers, not lines: a paper under two topics keeps one number', () => {
    const twoTopics: Database = {
      ...database,
      papers: database.papers.map((p) =>
        p.id === 'liao2023item' ? { ...p, topics: ['CV', 'CL'] } : p,
      ),
    };
    const selection = selectPapers(
      twoTopics,
      resolveSettings({ group_by: 'topic', numbering: 'descending' }),
    );
    const numbers = selection.groups.flatMap((group) =>
      group.entries.map((entry) => entry.number ?? 0),
    );
    expect(Math.max(...numbers)).toBe(20);
    expect(new Set(numbers).size).toBe(20);
    const item = selection.groups
      .flatMap((group) => group.entries)
      .filter((entry) => entry.paper.id === 'liao2023item');
    expect(item.map((entry) => entry.number)).toEqual([item[0]?.number, item[0]?.number]);
  });

  it('shows years before the common era as BC', () => {
    const ancient: Database = {
      ...database,
      papers: [{ ...(database.papers[0] as Database['papers'][number]), date: { year: -300 } }],
    };
    expect(headings(selectPapers(ancient, resolveSettings({ group_by: 'year' })))).toEqual([
      '300 BC (1)',
    ]);
    const german = resolveSettings({ group_by: 'year', locale: 'de-DE' });
    expect(headings(selectPapers(ancient, german))).toEqual(['300 v. Chr. (1)']);
  });

  it('groups by type and by venue', () => {
    expect(headings(select({ group_by: 'type' }))).toEqual([
      'Conference Papers (10)',
      'Shared Task Papers (2)',
      'Preprints (7)',
      'Other (1)',
    ]);
    const venue = headings(select({ group_by: 'venue' }));
    expect(venue[0]).toBe('ACL 2025 (1)');
    expect(venue.at(-1)).toBe('Other (8)');
  });

  it('makes one untitled group with none', () => {
    expect(headings(select({ group_by: 'none' }))).toEqual([' (20)']);
  });
});

describe('numbering', () => {
  const numbers = (selection: Selection) =>
    selection.groups.map((g) => g.entries.map((e) => e.number));

  it('numbers nothing by default', () => {
    expect(
      numbers(select({}))
        .flat()
        .every((n) => n === undefined),
    ).toBe(true);
  });

  it('counts down across groups with descending: the newest paper has the highest number', () => {
    const groups = numbers(select({ numbering: 'descending' }));
    expect(groups[0]).toEqual([20, 19]);
    expect(groups.at(-1)).toEqual([1]);
  });

  it('counts up across groups with ascending', () => {
    const groups = numbers(select({ numbering: 'ascending' }));
    expect(groups[0]).toEqual([1, 2]);
    expect(groups.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('restarts in each group with numbering_scope: group', () => {
    const down = numbers(select({ numbering: 'descending', numbering_scope: 'group' }));
    expect(down[1]).toEqual([6, 5, 4, 3, 2, 1]);
    const up = numbers(
      select({ numbering: 'ascending', numbering_scope: 'group', group_by: 'topic' }),
    );
    expect(up[1]).toEqual([1, 2, 3, 4, 5]);
  });
});
