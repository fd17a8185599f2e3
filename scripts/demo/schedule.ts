// NetSuite's scheduler, for the demo's accelerated clock: runs every scheduled deployment of the
// SuiteApp at the times its SDF object says (<status>SCHEDULED</status> and a daily <recurrence>:
// the shipping queue and the tracking poll every 15 minutes, the invoice links and the audit purge
// once a day), moving every clock to each run's time first.
// One shortcut, which changes no shipment's outcome: a run that would find nothing to do (`hasWork`
// false: the records asked directly, by the rule the deployment's own search applies) is counted but
// not started. Each run of a Map/Reduce costs the NetSuite double a few hundredths of a second of
// CPU, and a day and a half holds ~250 idle runs of the queue and the poll (seconds of the demo).
// NetSuite would have run them, finding nothing; the poll would also have written its run's Audit.
import type { NetSuiteDouble } from '../../test/netsuite-double';
import { DAY, HOUR, MINUTE, type DemoClock } from './clock';

export interface ScheduledDeployment {
  /** The deployment's title. */
  name: string;
  scriptId: string;
  deploymentId: string;
  recurrence: Recurrence;
  /** Whether a run now would find work (undefined: always run it). */
  hasWork?: () => boolean;
  /** After each run that was started. */
  afterRun?: (run: ReturnType<NetSuiteDouble['runMapReduce']>) => void | Promise<void>;
}

export interface TimedEvent {
  at: number;
  run: () => Promise<void> | void;
}

export interface ScheduleStats {
  runs: Record<string, number>;
  idleRunsSkipped: Record<string, number>;
}

export interface Recurrence {
  everyMs: number;
  /** Offset of the first run in a day (UTC), e.g. 00:05 → 5 minutes. */
  offsetMs: number;
}

/**
 * The account's scheduled deployments as the double loaded them from the SDF objects: status
 * SCHEDULED, a daily recurrence every day, repeating every PTnHnM from its start time or once a day.
 */
export function scheduledDeploymentsOf(ns: NetSuiteDouble): Omit<ScheduledDeployment, 'hasWork' | 'afterRun'>[] {
  const out: Omit<ScheduledDeployment, 'hasWork' | 'afterRun'>[] = [];
  for (const script of ns.account.sdf.scripts.values()) {
    for (const d of script.deployments) {
      const daily = (d.raw as { recurrence?: { daily?: { everyxdays?: string; repeat?: string; starttime?: string } } }).recurrence?.daily;
      if (d.status !== 'SCHEDULED' || !d.isdeployed || !daily) continue;
      if ((daily.everyxdays ?? '1') !== '1') throw new Error(`${d.scriptid}: the demo's scheduler runs daily recurrences every day only`);
      const repeat = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(daily.repeat ?? '');
      if (daily.repeat && !repeat) throw new Error(`${d.scriptid}: repeat ${daily.repeat} is not PTnHnM`);
      const start = /^(\d\d):(\d\d)/.exec(daily.starttime ?? '00:00');
      const everyMs = repeat ? Number(repeat[1] ?? 0) * HOUR + Number(repeat[2] ?? 0) * MINUTE : DAY;
      out.push({ name: d.title, scriptId: script.scriptid, deploymentId: d.scriptid, recurrence: { everyMs, offsetMs: Number(start?.[1] ?? 0) * HOUR + Number(start?.[2] ?? 0) * MINUTE } });
    }
  }
  return out;
}

/** The first run time of `r` strictly after `t`. */
function nextRun(r: Recurrence, t: number): number {
  return Math.floor((t - r.offsetMs) / r.everyMs) * r.everyMs + r.everyMs + r.offsetMs;
}

/**
 * Lets time pass until `untilMs`, or until `done()` holds after a run: each deployment runs at its
 * scheduled times, each event at its time (events first when they fall on the same minute).
 */
export async function letTimePass(
  ns: NetSuiteDouble,
  clock: DemoClock,
  deployments: ScheduledDeployment[],
  options: { untilMs: number; events?: TimedEvent[]; done?: () => boolean; stats: ScheduleStats },
): Promise<void> {
  if (!clock.accelerated) {
    // Real time (FedEx's sandbox): no waiting for the schedule; each deployment runs once, now.
    for (const event of options.events ?? []) await event.run();
    for (const d of deployments) {
      if (d.hasWork && !d.hasWork()) continue;
      options.stats.runs[d.name] = (options.stats.runs[d.name] ?? 0) + 1;
      await d.afterRun?.(ns.runMapReduce({ scriptId: d.scriptId, deploymentId: d.deploymentId }));
    }
    return;
  }
  const plans = deployments.map((d) => ({ d, r: d.recurrence }));
  const events = [...(options.events ?? [])].sort((x, y) => x.at - y.at);
  for (;;) {
    const now = clock.now();
    const nextJob = Math.min(...plans.map((p) => nextRun(p.r, now)));
    const nextEvent = events[0]?.at ?? Infinity;
    const next = Math.min(nextJob, Math.max(nextEvent, now));
    if (next > options.untilMs) {
      await clock.advanceTo(options.untilMs);
      return;
    }
    await clock.advanceTo(next);
    while (events.length && events[0]!.at <= next) await events.shift()!.run();
    for (const { d, r } of plans) {
      if (nextRun(r, next - 1) !== next) continue;
      if (d.hasWork && !d.hasWork()) {
        options.stats.idleRunsSkipped[d.name] = (options.stats.idleRunsSkipped[d.name] ?? 0) + 1;
        continue;
      }
      options.stats.runs[d.name] = (options.stats.runs[d.name] ?? 0) + 1;
      const run = ns.runMapReduce({ scriptId: d.scriptId, deploymentId: d.deploymentId });
      await d.afterRun?.(run);
    }
    if (options.done?.()) return;
  }
}
