/** The validated model that every stage after `validate` works with. */
import type { Owner, PaperInput, RenderSection } from './schema.js';

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

/** A name split into its parts (CSL's name model), plus the authorship marks. */
export interface Person {
  family?: string;
  given?: string;
  /** "van der" in "Jan van der Berg": kept with the family name when sorting. */
  particle?: string;
  suffix?: string;
  /** A name that is never split or abbreviated (an institution). */
  literal?: string;
  equal?: boolean;
  corresponding?: boolean;
  orcid?: string;
}

export interface Paper extends Omit<PaperInput, 'authors' | 'editors' | 'date'> {
  /** Empty for a work without an author. */
  authors: Person[];
  editors?: Person[];
  date: PartialDate;
}

export interface Topic {
  key: string;
  label: string;
}

export interface Database {
  /** The file it was read from, for messages and relative paths. */
  file: string;
  owner: Owner;
  /** In display order. */
  topics: Topic[];
  papers: Paper[];
  render: RenderSection;
}

export function personName(person: Person): string {
  if (person.literal) return person.literal;
  const family = [person.particle, person.family].filter(Boolean).join(' ');
  const main = [person.given, family].filter(Boolean).join(' ');
  return person.suffix ? `${main}, ${person.suffix}` : main;
}
