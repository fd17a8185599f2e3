// One accelerated clock for the whole demo: NetSuite's account clock (the double's, fixed between
// moves), FedEx's (the double's manual clock, which moves shipments along their timelines) and the
// relay's (real time plus an offset, through the demo-only preload relay-clock.mjs) start together
// and only move forward together. The relay checks NetSuite's HMAC timestamps against its own clock
// (5 minutes either way) and NetSuite checks the relay's M2M assertions against its own (60 s), so
// every move sets the relay to exactly NetSuite's time. Between moves the relay's clock runs on in
// real time while NetSuite's (the double's) stands still, also during a long Map/Reduce run: the
// demo catches NetSuite up between its steps (catchUp), and one run must stay under 5 minutes.
import type { NetSuiteDouble } from '../../test/netsuite-double';
import type { FedexDoubleProcess, RelayProcess } from './stand-ins';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** 08:00 in Memphis and Nashville in winter (UTC-6). */
const EIGHT_AM_CENTRAL_UTC = 14 * HOUR;

/** The next 08:00 Central after `nowMs`: a working morning, a deterministic time of day for the poll's plans. */
export function nextMorning(nowMs: number): number {
  return Math.floor((nowMs + HOUR - EIGHT_AM_CENTRAL_UTC) / DAY) * DAY + DAY + EIGHT_AM_CENTRAL_UTC;
}

export interface DemoClock {
  /** NetSuite's (and FedEx's) time now. */
  now(): number;
  /** Elapsed demo time since the start, e.g. "+1 d 06:15". */
  label(at?: number): string;
  /** Moves every clock forward by `ms`. */
  advance(ms: number): Promise<void>;
  /** Moves every clock forward to `ms` (no-op if already there). */
  advanceTo(ms: number): Promise<void>;
  /** Moves every clock forward by the real time since the last move (the relay's clock ran on meanwhile). */
  catchUp(): Promise<void>;
  readonly start: number;
  /** False against FedEx's sandbox: its clock is the real one, and so are NetSuite's and the relay's. */
  readonly accelerated: boolean;
}

/**
 * `start`: where the clocks begin (nextMorning(), chosen before the relay starts, since its clock
 * offset is part of its start); ignored against FedEx's sandbox, where every clock is the real one.
 */
export async function startDemoClock(ns: NetSuiteDouble, relay: RelayProcess, fedex: FedexDoubleProcess | undefined, startAt: number): Promise<DemoClock> {
  const start = fedex ? startAt : Date.now();
  let current = start;
  let syncedAt = Date.now();
  const sync = async () => {
    ns.clock.set(current);
    await fedex?.control('POST', 'clock', { setMs: current });
    await relay.setClockOffset(current - Date.now());
    syncedAt = Date.now();
  };
  if (fedex) await sync();
  const move = async (to: number) => {
    if (!fedex || to <= current) return;
    current = to;
    await sync();
  };
  return {
    start,
    accelerated: Boolean(fedex),
    now: () => (fedex ? current : Date.now()),
    label: (at = fedex ? current : Date.now()) => {
      const elapsed = Math.max(0, at - start);
      const days = Math.floor(elapsed / DAY);
      const hh = String(Math.floor((elapsed % DAY) / HOUR)).padStart(2, '0');
      const mm = String(Math.floor((elapsed % HOUR) / MINUTE)).padStart(2, '0');
      return `+${days ? `${days} d ` : ''}${hh}:${mm}`;
    },
    advance: (ms) => move(current + ms),
    advanceTo: move,
    catchUp: () => move(current + (Date.now() - syncedAt)),
  };
}
