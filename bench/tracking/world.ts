// A simulated FedEx world for the tracking simulation: what FedEx would answer about a shipment at
// any minute. Each shipment's timeline is drawn once from a seeded random source, with the shapes
// and rates a large US retailer sees (stated here, so a reader can disagree with a number, not guess):
// - 250,000 labels a day, created 08:00–18:00 at a Memphis warehouse (UTC-6); picked up 18:00–20:00
//   the same day (labels after 17:00: the next day); 2 % of labels are never used.
// - Services: Ground 55 %, Home Delivery 25 % (1–5 transit days: 15/30/30/15/10 %), 2Day 10 %, Overnight
//   10 %; no deliveries on Sunday. Destinations in ET/CT/MT/PT (47/29/7/17 %).
// - Picked up → in transit 3 h later; out for delivery 07:00–08:30 on the delivery day; delivered
//   Overnight 08:30–10:30, 2Day 09:00–16:30, Ground 09:00–17:00, Home 09:00–20:00, local time.
// - FedEx gives the estimated delivery date from the pickup scan. 4 % run a day late (a delay scan at
//   06:00 on the estimated day moves it); 2.5 % get a delivery exception at the attempt, then 70 %
//   are delivered on the next delivery day and 30 % return to the shipper (RS the next morning, back
//   three days later); 0.3 % get a shipment exception in transit that clears 12–24 h later, a day late.
import type { ConnectorStatus } from '../../shared/src/tracking';

export const DAY = 1440;
const ORIGIN_OFFSET = -360;

export interface FedexView {
  status: ConnectorStatus;
  /** Estimated delivery date (YYYY-MM-DD, destination's local date), once FedEx gives one. */
  eta?: string;
}

/** One shipment's timeline, all times in epoch minutes; `undefined` means it never happens. */
export interface Timeline {
  labelAt: number;
  offset: number;
  pickupAt?: number;
  transitAt?: number;
  delayAt?: number;
  transitExceptionAt?: number;
  transitExceptionClearsAt?: number;
  etaDay?: number;
  finalEtaDay?: number;
  outForDeliveryAt?: number;
  exceptionAt?: number;
  secondOutForDeliveryAt?: number;
  deliveredAt?: number;
  returningAt?: number;
  returnedAt?: number;
}

/** mulberry32: a small, fast, seeded generator (same seed, same world). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: number, choices: [T, number][]): T {
  let acc = 0;
  for (const [value, weight] of choices) {
    acc += weight;
    if (r < acc) return value;
  }
  return choices[choices.length - 1]![0];
}

/** Local calendar day number (days since 1970-01-01 in that offset) of an epoch minute. */
const localDay = (t: number, offset: number) => Math.floor((t + offset) / DAY);
const atLocal = (day: number, offset: number, minuteOfDay: number) => day * DAY + minuteOfDay - offset;
/** 1970-01-01 was a Thursday: day 3 of the week counting Sunday as 0 would be wrong; Thursday = 4. */
const isSunday = (day: number) => (day + 4) % 7 === 0;

function addDeliveryDays(day: number, n: number): number {
  let d = day;
  for (let i = 0; i < n; i++) {
    d++;
    if (isSunday(d)) d++;
  }
  return d;
}

const between = (r: () => number, from: number, to: number) => from + Math.floor(r() * (to - from));

export function timelineOf(id: number, labelAt: number, seed: number): Timeline {
  const r = random(seed ^ Math.imul(id, 2654435761));
  const offset = pick(r(), [[-300, 0.47], [-360, 0.29], [-420, 0.07], [-480, 0.17]]);
  const t: Timeline = { labelAt, offset };
  if (r() < 0.02) return t; // never used
  const labelDay = localDay(labelAt, ORIGIN_OFFSET);
  const labelHour = (labelAt + ORIGIN_OFFSET - labelDay * DAY) / 60;
  const pickupDay = labelHour < 17 ? labelDay : labelDay + 1;
  t.pickupAt = atLocal(pickupDay, ORIGIN_OFFSET, between(r, 18 * 60, 20 * 60));
  t.transitAt = t.pickupAt + 180;
  const service = pick(r(), [['GROUND', 0.55], ['HOME', 0.25], ['2DAY', 0.1], ['OVERNIGHT', 0.1]] as [string, number][]);
  const transitDays = service === 'OVERNIGHT' ? 1 : service === '2DAY' ? 2 : pick(r(), [[1, 0.15], [2, 0.3], [3, 0.3], [4, 0.15], [5, 0.1]]);
  const window = service === 'OVERNIGHT' ? [8.5, 10.5] : service === '2DAY' ? [9, 16.5] : service === 'HOME' ? [9, 20] : [9, 17];
  // The delivery day in the destination's calendar (pickups happen in the evening, origin time).
  let day = addDeliveryDays(localDay(t.pickupAt, offset), transitDays);
  t.etaDay = day;
  const outcome = r();
  if (outcome < 0.04) {
    t.delayAt = atLocal(day, offset, 6 * 60);
    day = addDeliveryDays(day, 1);
  } else if (outcome < 0.043) {
    t.transitExceptionAt = between(r, t.transitAt, Math.max(t.transitAt + 60, atLocal(t.etaDay, offset, 0)));
    t.transitExceptionClearsAt = t.transitExceptionAt + between(r, 12 * 60, 24 * 60);
    day = addDeliveryDays(Math.max(day, localDay(t.transitExceptionClearsAt, offset)), 1);
  }
  t.finalEtaDay = day;
  t.outForDeliveryAt = atLocal(day, offset, between(r, 7 * 60, 8.5 * 60));
  const attemptAt = atLocal(day, offset, between(r, window[0]! * 60, window[1]! * 60));
  if (r() < 0.025) {
    t.exceptionAt = attemptAt;
    const next = addDeliveryDays(day, 1);
    if (r() < 0.7) {
      t.secondOutForDeliveryAt = atLocal(next, offset, between(r, 7 * 60, 8.5 * 60));
      t.deliveredAt = atLocal(next, offset, between(r, window[0]! * 60, window[1]! * 60));
    } else {
      t.returningAt = atLocal(next, offset, 8 * 60);
      t.returnedAt = t.returningAt + 3 * DAY;
    }
  } else {
    t.deliveredAt = attemptAt;
  }
  return t;
}

function isoDay(day: number): string {
  return new Date(day * DAY * 60_000).toISOString().slice(0, 10);
}

/** What FedEx's Track API says about the shipment at minute `now`. */
export function fedexViewAt(t: Timeline, now: number): FedexView {
  if (t.pickupAt === undefined || now < t.pickupAt) return { status: 'LABEL_CREATED' };
  const eta = (t.delayAt !== undefined && now >= t.delayAt) || (t.transitExceptionAt !== undefined && now >= t.transitExceptionAt) ? t.finalEtaDay : t.etaDay;
  const view = (status: ConnectorStatus): FedexView => ({ status, ...(eta !== undefined ? { eta: isoDay(eta) } : {}) });
  if (t.returnedAt !== undefined && now >= t.returnedAt) return { status: 'RETURNED' };
  if (t.returningAt !== undefined && now >= t.returningAt) return { status: 'RETURNING' };
  if (t.deliveredAt !== undefined && now >= t.deliveredAt) return { status: 'DELIVERED' };
  if (t.secondOutForDeliveryAt !== undefined && now >= t.secondOutForDeliveryAt) return view('OUT_FOR_DELIVERY');
  if (t.exceptionAt !== undefined && now >= t.exceptionAt) return view('EXCEPTION');
  if (t.outForDeliveryAt !== undefined && now >= t.outForDeliveryAt) return view('OUT_FOR_DELIVERY');
  if (t.delayAt !== undefined && now >= t.delayAt) return view('DELAYED');
  if (t.transitExceptionAt !== undefined && now >= t.transitExceptionAt && now < (t.transitExceptionClearsAt ?? Infinity)) return view('EXCEPTION');
  if (now >= (t.transitAt ?? Infinity)) return view('IN_TRANSIT');
  return view('PICKED_UP');
}

/** The moments a person would want to see quickly: exceptions (at the attempt, or in transit). */
export function exceptionEvents(t: Timeline): number[] {
  return [t.exceptionAt, t.transitExceptionAt].filter((x): x is number => x !== undefined);
}
