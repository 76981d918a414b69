/**
 * The date a run stands at: SOURCE_DATE_EPOCH when it is set, so that a build made again
 * later gives the same bytes (reproducible-builds.org), else the clock.
 */
import { UsageError } from './model/problems.js';

/** SOURCE_DATE_EPOCH in seconds since 1970, or undefined when it is not set. */
export function sourceDateEpoch(): number | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "${epoch}"`,
    );
  }
  return Number(epoch);
}

/** This year in UTC: SOURCE_DATE_EPOCH's when it is set. */
export function currentYear(): number {
  const epoch = sourceDateEpoch();
  return new Date(epoch === undefined ? Date.now() : epoch * 1000).getUTCFullYear();
}

/** The first year of `recent: N`, the last N years: this year and the N - 1 before it. */
export function firstRecentYear(recent: number): number {
  return currentYear() - recent + 1;
}
