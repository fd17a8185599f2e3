// Quota-aware tracking: when to ask FedEx about a shipment next, decided from what FedEx last said.
//
// A plan is a run of check "slots" (first, first + every, … before `end`, and one last slot at
// `end` where the shipment is planned afresh). It is stored on the Shipment only when FedEx's news
// changes it; the poll finds due shipments with a search formula counting the slots that fell
// between its last run and now (`dueFormula`), so a shipment whose status did not change costs no
// write at all. The poll, the webhook RESTlet and the simulator in bench/ all use this one module.
import type { ConnectorStatus } from './tracking';
import { isFinalStatus } from './tracking';

/** Lower runs first when the day's Track budget cannot cover every due check. */
export const TRACK_PRIORITY = {
  /** On the truck, or it is the estimated delivery day: finance waits for these. */
  DELIVERY_DAY: 1,
  /** An exception, hold, delay or return in progress. */
  EXCEPTION: 2,
  /** No scan yet: catch the pickup, or find a label that was never used. */
  FIRST_SCAN: 3,
  /** Moving, far from its delivery date. */
  IN_TRANSIT: 4,
  /** Updates arrive by webhook, or the shipment is flagged: a check now and then, in case one was missed. */
  SAFETY_NET: 5,
} as const;
export type TrackPriority = (typeof TRACK_PRIORITY)[keyof typeof TRACK_PRIORITY];

export type TrackFlag = 'LABEL_UNUSED' | 'NOT_FOUND';

/** Times are minutes since 1970-01-01T00:00Z ("epoch minutes"): whole numbers NetSuite can store and compare. */
export interface TrackPlan {
  first: number;
  every: number;
  /** The last slot: the shipment is planned afresh at this check. */
  end: number;
  priority: TrackPriority;
  flag?: TrackFlag;
  /** Why, in words for the Shipment record. */
  reason: string;
}

export interface TrackPlanSettings {
  /** First check after the label is created (the pickup scan usually comes at the end of the day). */
  labelFirstCheckMinutes: number;
  labelEveryMinutes: number;
  /** A label with no scan after this many days is flagged LABEL_UNUSED. */
  unusedLabelDays: number;
  /** A number FedEx still does not know after this many hours is flagged NOT_FOUND. */
  notFoundGraceHours: number;
  /** Flagged shipments (a label never used, a number FedEx does not know) are checked this rarely… */
  flaggedEveryHours: number;
  /** …and given up this many days after the label. */
  giveUpDays: number;
  /** Between scans far from the estimated delivery day. */
  transitEveryMinutes: number;
  /** On the estimated delivery day, once out for delivery, and after an exception: the delivery latency bound. */
  deliveryDayEveryMinutes: number;
  exceptionEveryMinutes: number;
  /** The part of the destination's day when FedEx delivers (local hours). */
  deliveryDayStartHour: number;
  deliveryDayEndHour: number;
  /** When FedEx pushes updates by webhook, the poll only checks this often. */
  webhookSafetyNetHours: number;
}

export const DEFAULT_TRACK_PLAN_SETTINGS: Readonly<TrackPlanSettings> = Object.freeze({
  labelFirstCheckMinutes: 12 * 60,
  labelEveryMinutes: 12 * 60,
  unusedLabelDays: 5,
  notFoundGraceHours: 24,
  flaggedEveryHours: 72,
  giveUpDays: 14,
  transitEveryMinutes: 16 * 60,
  deliveryDayEveryMinutes: 100,
  exceptionEveryMinutes: 120,
  deliveryDayStartHour: 8,
  deliveryDayEndHour: 21,
  webhookSafetyNetHours: 24,
});

/** What the planner knows about a shipment: what FedEx last said, and when. */
export interface TrackFacts {
  /** Undefined until FedEx has been asked once. */
  status?: ConnectorStatus;
  /** When the label was created (epoch minutes). */
  labelAt: number;
  /** FedEx's estimated delivery (ISO date or date-time, as FedEx gives it). */
  estimatedDelivery?: string;
  /** The destination's offset from UTC in minutes (from FedEx's dates); US Central when unknown. */
  utcOffsetMinutes?: number;
  /** When FedEx first answered NOT_FOUND for this number (epoch minutes). */
  notFoundSince?: number;
  /** Updates for this shipment arrive by FedEx webhook. */
  webhook?: boolean;
}

const MINUTES_PER_DAY = 24 * 60;
const US_CENTRAL = -6 * 60;

export function epochMinutes(ms: number): number {
  return Math.floor(ms / 60_000);
}

/** The offset in an ISO date-time such as 2026-12-03T10:30:00-06:00, in minutes; undefined without one. */
export function utcOffsetOf(iso: string | undefined): number | undefined {
  const m = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/.exec(iso ?? '');
  if (!m) return undefined;
  if (m[1] === 'Z') return 0;
  const minutes = Number(m[3]) * 60 + Number(m[4]);
  return m[2] === '-' ? -minutes : minutes;
}

/** Epoch minutes of `hour` o'clock local time on the local calendar day that contains `at`. */
function localHour(at: number, offset: number, hour: number, dayShift = 0): number {
  const localDay = Math.floor((at + offset) / MINUTES_PER_DAY) + dayShift;
  return localDay * MINUTES_PER_DAY + hour * 60 - offset;
}

/** Epoch minutes of `hour` local time on the estimated delivery date, or undefined when FedEx gave none. */
function etaDayAt(facts: TrackFacts, offset: number, hour: number): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(facts.estimatedDelivery ?? '');
  if (!m) return undefined;
  const localDay = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 60_000;
  return localDay + hour * 60 - offset;
}

/**
 * Checks every `every` minutes within the destination's delivery hours, from `from` on; the plan ends
 * at the close of that day's delivery hours (a check, then a fresh plan for the next day).
 */
function withinDeliveryHours(from: number, every: number, offset: number, s: TrackPlanSettings, priority: TrackPriority, reason: string): TrackPlan {
  let dayStart = localHour(from, offset, s.deliveryDayStartHour);
  let dayEnd = localHour(from, offset, s.deliveryDayEndHour);
  if (from >= dayEnd) {
    dayStart = localHour(from, offset, s.deliveryDayStartHour, 1);
    dayEnd = localHour(from, offset, s.deliveryDayEndHour, 1);
  }
  return { first: Math.max(from, dayStart), every, end: dayEnd, priority, reason };
}

/**
 * The next plan for a shipment, or null when FedEx has nothing more to say (a final status) or the
 * connector gives up on it (flagged for too long). `now` is in epoch minutes.
 */
export function planTracking(facts: TrackFacts, now: number, s: TrackPlanSettings = DEFAULT_TRACK_PLAN_SETTINGS): TrackPlan | null {
  const status = facts.status;
  if (status && isFinalStatus(status)) return null;
  const offset = facts.utcOffsetMinutes ?? utcOffsetOf(facts.estimatedDelivery) ?? US_CENTRAL;
  const giveUpAt = facts.labelAt + s.giveUpDays * MINUTES_PER_DAY;
  const flagged = (reason: string, flag: TrackFlag): TrackPlan | null =>
    now >= giveUpAt ? null : { first: now + s.flaggedEveryHours * 60, every: s.flaggedEveryHours * 60, end: giveUpAt, priority: TRACK_PRIORITY.SAFETY_NET, reason, flag };

  if (status === 'NOT_FOUND' || status === 'UNKNOWN') {
    const since = facts.notFoundSince ?? now;
    const flagAt = since + s.notFoundGraceHours * 60;
    if (now >= flagAt) return flagged(`FedEx has not known this number for ${s.notFoundGraceHours} h`, 'NOT_FOUND');
    // Backing off: 1 h, 2 h, 4 h… after FedEx first said it does not know it (each check plans the next).
    const next = Math.min(now + Math.max(60, now - since), flagAt);
    return { first: next, every: Math.max(60, next - now), end: next, priority: TRACK_PRIORITY.FIRST_SCAN, reason: 'FedEx does not know this number yet' };
  }

  if (!status || status === 'LABEL_CREATED') {
    const flagAt = facts.labelAt + s.unusedLabelDays * MINUTES_PER_DAY;
    if (now >= flagAt) return flagged(`No FedEx scan ${s.unusedLabelDays} days after the label: it may never have been used`, 'LABEL_UNUSED');
    const first = status ? now + s.labelEveryMinutes : Math.max(now, facts.labelAt + s.labelFirstCheckMinutes);
    return { first, every: s.labelEveryMinutes, end: flagAt, priority: TRACK_PRIORITY.FIRST_SCAN, reason: 'waiting for the pickup scan' };
  }

  if (facts.webhook) {
    const every = s.webhookSafetyNetHours * 60;
    return { first: now + every, every, end: now + 2 * every, priority: TRACK_PRIORITY.SAFETY_NET, reason: 'updates arrive by webhook: polled as a safety net' };
  }

  switch (status) {
    case 'OUT_FOR_DELIVERY':
      return withinDeliveryHours(now + s.deliveryDayEveryMinutes, s.deliveryDayEveryMinutes, offset, s, TRACK_PRIORITY.DELIVERY_DAY, 'out for delivery');
    case 'EXCEPTION':
    case 'HELD':
    case 'DELAYED':
    case 'RETURNING':
      return withinDeliveryHours(now + s.exceptionEveryMinutes, s.exceptionEveryMinutes, offset, s, TRACK_PRIORITY.EXCEPTION, status === 'RETURNING' ? 'returning to the shipper' : 'exception: watching for the next attempt or the return');
    default: {
      // Picked up or moving: rarely until the morning of the estimated delivery day, then often.
      const dayStart = etaDayAt(facts, offset, s.deliveryDayStartHour);
      if (dayStart !== undefined && now >= dayStart) {
        return withinDeliveryHours(now + s.deliveryDayEveryMinutes, s.deliveryDayEveryMinutes, offset, s, TRACK_PRIORITY.DELIVERY_DAY, 'estimated delivery day');
      }
      const next = now + s.transitEveryMinutes;
      if (dayStart !== undefined && dayStart <= next) {
        return { first: dayStart, every: s.transitEveryMinutes, end: dayStart, priority: TRACK_PRIORITY.DELIVERY_DAY, reason: 'in transit: next check on the morning of the estimated delivery day' };
      }
      return { first: next, every: s.transitEveryMinutes, end: dayStart ?? next + 2 * s.transitEveryMinutes, priority: TRACK_PRIORITY.IN_TRANSIT, reason: 'in transit' };
    }
  }
}

/** How many of the plan's checks fall at or before `t`. Mirrors `dueFormula` exactly. */
export function checksUpTo(plan: Pick<TrackPlan, 'first' | 'every' | 'end'>, t: number): number {
  const regular = Math.max(0, Math.floor((Math.min(t, plan.end - 1) - plan.first) / plan.every) + 1);
  return regular + (plan.end <= t ? 1 : 0);
}

/**
 * The poll asks FedEx about the shipment in this run: a check fell in (lastRun, now], or the plan has
 * ended. An ended plan stays due until the poll plans afresh, so a check the day's budget deferred
 * is never lost; a regular check it deferred waits for the plan's next one.
 */
export function isDue(plan: Pick<TrackPlan, 'first' | 'every' | 'end'>, lastRun: number, now: number): boolean {
  return plan.end <= now || checksUpTo(plan, now) > checksUpTo(plan, lastRun);
}

/** The first check after `t`, for a simulator's event queue. */
export function nextCheckAfter(plan: Pick<TrackPlan, 'first' | 'every' | 'end'>, t: number): number | undefined {
  if (t >= plan.end) return undefined;
  if (t < plan.first) return Math.min(plan.first, plan.end);
  const next = plan.first + (Math.floor((t - plan.first) / plan.every) + 1) * plan.every;
  return Math.min(next, plan.end);
}

/** Field ids of a stored plan (record fields holding epoch minutes). */
export interface PlanFieldIds {
  first: string;
  every: string;
  end: string;
}

/**
 * A NetSuite search formula (formulanumeric, compared `greaterthan 0`) that is positive exactly when
 * `isDue(plan, lastRun, now)`: the same arithmetic over the stored fields, in Oracle SQL. Plans are
 * written whole: a shipment has all three fields or none (then it is due).
 */
export function dueFormula(f: PlanFieldIds, lastRun: number, now: number): string {
  const upTo = (t: number) =>
    `(GREATEST(0, FLOOR((LEAST(${t}, {${f.end}} - 1) - {${f.first}}) / {${f.every}}) + 1) + CASE WHEN {${f.end}} <= ${t} THEN 1 ELSE 0 END)`;
  // A shipment with no plan yet (created before plans existed) is due at once.
  return `CASE WHEN {${f.end}} IS NULL THEN 1 WHEN {${f.end}} <= ${Math.floor(now)} THEN 1 ELSE ${upTo(Math.floor(now))} - ${upTo(Math.floor(lastRun))} END`;
}

/** FedEx's daily Track quota resets at midnight GMT ("Retry after 12:00AM GMT"). */
export function quotaDayOf(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

export function quotaResetAfter(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/**
 * How many shipments this run may check: the run's own cap, and what is left of the day's Track
 * budget (requests of up to `batchSize` numbers each). Never more than the budget allows.
 */
export function shipmentsAllowed(dailyBudgetRequests: number, usedToday: number, runMax: number, batchSize: number): number {
  const requestsLeft = Math.max(0, dailyBudgetRequests - usedToday);
  return Math.max(0, Math.min(runMax, requestsLeft * batchSize));
}

/** Priorities a person is waiting on: they may use whatever is left of the day's budget. */
export function isUrgent(priority: number): boolean {
  return priority <= TRACK_PRIORITY.EXCEPTION;
}

export interface RunAllowance {
  /** Checks this run may make in all. */
  total: number;
  /** Of which routine (not urgent) checks: paced over what is left of the quota day, so that a budget
   *  spent on routine checks in the evening does not leave the next afternoon's deliveries unpolled. */
  routine: number;
}

export function runAllowance(o: { dailyBudgetRequests: number; usedToday: number; runMax: number; batchSize: number; nowMs: number; runEveryMinutes: number }): RunAllowance {
  const total = shipmentsAllowed(o.dailyBudgetRequests, o.usedToday, o.runMax, o.batchSize);
  const minutesLeft = Math.max(o.runEveryMinutes, (quotaResetAfter(o.nowMs) - o.nowMs) / 60_000);
  // An even share of what is left: routine checks can never eat the budget the rest of the day needs.
  const share = Math.min(1, o.runEveryMinutes / minutesLeft);
  const left = Math.max(0, o.dailyBudgetRequests - o.usedToday) * o.batchSize;
  return { total, routine: Math.min(total, Math.floor(left * share)) };
}

/**
 * Picks this run's checks from the due shipments, most urgent first (the order of `due`): urgent ones
 * while the budget lasts, routine ones within their paced share. The rest wait for their next check.
 */
export function takeWithinAllowance<T extends { priority: number }>(due: readonly T[], allowance: RunAllowance): { taken: T[]; deferred: T[] } {
  const taken: T[] = [];
  const deferred: T[] = [];
  let routine = 0;
  for (const d of due) {
    const urgent = isUrgent(d.priority);
    if (taken.length < allowance.total && (urgent || routine < allowance.routine)) {
      taken.push(d);
      if (!urgent) routine++;
    } else deferred.push(d);
  }
  return { taken, deferred };
}
