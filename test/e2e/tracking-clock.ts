// One clock for a tracking scenario: FedEx's (the double's manual clock, which moves shipments along
// their timelines), the relay's (it checks NetSuite's signature times) and NetSuite's (the account
// clock the poll plans with) start together and move together. Tests run the poll as NetSuite's scheduler would, every 15 minutes of that clock.
import { SCRIPTS } from '../../shared/src/ids';
import type { ConnectorAccount } from './connector-account';
import type { Stack } from './stack';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 08:00 in Memphis in winter (UTC-6). */
const EIGHT_AM_CT_UTC = 14 * HOUR;

export interface ScenarioClock {
  /** When the scenario started: 08:00 Central on a day after every clock's present. */
  start: number;
  now(): number;
  advance(ms: number): Promise<void>;
  /** Runs the tracking poll every 15 minutes for `ms`, calling `afterRun` after each run. */
  pollFor(ms: number, afterRun?: (run: ReturnType<ConnectorAccount['ns']['runMapReduce']>) => void | Promise<void>): Promise<void>;
}

/** Moves FedEx's, the relay's and NetSuite's clocks forward together from wherever they are. */
export async function advanceClocks(stack: Stack, a: ConnectorAccount, ms: number): Promise<void> {
  await stack.control('POST', 'clock', { advanceMs: ms });
  await stack.relayClock({ advanceMs: ms });
  a.ns.clock.set(a.ns.clock.now() + ms);
}

export async function scenarioClock(stack: Stack, a: ConnectorAccount): Promise<ScenarioClock> {
  // The next 08:00 Central after now on every clock (the relay's only moves forward): a deterministic
  // time of day, since the poll plans around the destination's delivery hours.
  const latest = Math.max(Date.now(), await stack.relayClock()) + HOUR;
  const start = Math.floor((latest - EIGHT_AM_CT_UTC) / DAY) * DAY + DAY + EIGHT_AM_CT_UTC;
  await stack.control('POST', 'clock', { setMs: start });
  await stack.relayClock({ setMs: start });
  a.ns.clock.set(start);
  const advance = async (ms: number) => {
    await stack.control('POST', 'clock', { advanceMs: ms });
    await stack.relayClock({ advanceMs: ms });
    a.ns.clock.advance(ms);
  };
  return {
    start,
    now: () => a.ns.clock.now(),
    advance,
    pollFor: async (ms, afterRun) => {
      for (let elapsed = 0; elapsed < ms; elapsed += 15 * MINUTE) {
        await advance(15 * MINUTE);
        const run = a.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });
        await afterRun?.(run);
      }
    },
  };
}
