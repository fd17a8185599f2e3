// The shipping queue's sweep for fulfillments no user event saw (NetSuite runs no user events for a
// record saved by another script's user event, nor for a CSV import without server scripts): which
// fulfillments it may look at, as pure rules. Guarantees kept here: nothing made before the
// connector was watching is ever swept (it may have shipped another way: a second label costs
// money), and only fulfillments shipped within the window the admin set.

export const DAY_MS = 24 * 60 * 60_000;

/** Days back the sweep looks when the settings name none. */
export const DEFAULT_SWEEP_DAYS = 3;

/**
 * Minutes a fulfillment must have been left alone before the sweep takes it: a user event still
 * working on it (its Shipment record not saved yet) is done long before.
 */
export const SWEEP_GRACE_MINUTES = 10;

export interface SweepWindow {
  /** `lastmodifieddate onorafter daysago{N}`: changed (marked Shipped is a change) within the window. */
  modifiedDaysAgo: number;
  /** `datecreated onorafter daysago{N}`: made on a day that began after the sweep started watching. */
  createdDaysAgo: number;
}

/**
 * The sweep's search window, or undefined when it must not run: switched off (0 days), or not
 * watching long enough yet. `sinceMs` is when the sweep started watching (the installation that
 * brought it). Relative day filters count whole days in the account's time zone, so the created
 * bound is the start of a day that began after `sinceMs`, whatever that time zone: `daysago{k}`
 * starts after `now - (k + 1) days`, which is after `sinceMs` when k + 1 ≤ the whole days since.
 */
export function sweepWindow(nowMs: number, sinceMs: number | undefined, sweepDays: number): SweepWindow | undefined {
  if (sinceMs === undefined || !(sweepDays > 0)) return undefined;
  const wholeDays = Math.floor((nowMs - sinceMs) / DAY_MS);
  if (wholeDays - 1 < 0) return undefined;
  return { modifiedDaysAgo: sweepDays, createdDaysAgo: wholeDays - 1 };
}

/** Why the sweep leaves a fulfillment its search found, or undefined when it ships it. */
export function sweepRefusal(f: { shipStatus: string; lastModifiedMs?: number; shippedOnMs?: number }, nowMs: number, sweepDays: number): string | undefined {
  if (f.shipStatus !== 'C') return 'no longer Shipped';
  if (f.lastModifiedMs !== undefined && nowMs - f.lastModifiedMs < SWEEP_GRACE_MINUTES * 60_000) return `changed less than ${SWEEP_GRACE_MINUTES} minutes ago (the next run looks again)`;
  // Shipped on a day before the window (the record's Date Shipped, when NetSuite keeps one).
  if (f.shippedOnMs !== undefined && f.shippedOnMs < nowMs - (sweepDays + 1) * DAY_MS) return `shipped on ${new Date(f.shippedOnMs).toISOString().slice(0, 10)}, before the sweep's ${sweepDays}-day window`;
  return undefined;
}
