// NetSuite's scheduler, for the demo's accelerated clock: runs the SuiteApp's scheduled Map/Reduce
// deployments at the times their SDF objects say (<recurrence>: the shipping queue every 15 minutes,
// the tracking poll hourly at :05), moving every clock to each run's time first.
// One shortcut, which changes no outcome: a run of a deployment that would find nothing to do
// (`hasWork` false, asked of the records directly) is counted but not started, because each run of a
// Map/Reduce in the NetSuite double costs a few hundredths of a second of CPU, and the ~130 idle runs
// of the shipping queue in a day and a half would add several seconds to the demo.
import type { NetSuiteDouble } from '../../test/netsuite-double';
import { HOUR, MINUTE, type DemoClock } from './clock';

export interface ScheduledDeployment {
  name: string;
  scriptId: string;
  deploymentId: string;
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

interface Recurrence {
  everyMs: number;
  /** Offset of the first run in a day (UTC), e.g. 00:05 → 5 minutes. */
  offsetMs: number;
}

/** The deployment's <recurrence> (daily, repeat PTnHnM, starttime) as the double loaded it from the SDF object. */
export function recurrenceOf(ns: NetSuiteDouble, scriptId: string, deploymentId: string): Recurrence {
  const script = ns.account.sdf.scripts.get(scriptId);
  const raw = script?.deployments.find((d) => d.scriptid === deploymentId)?.raw as { recurrence?: { daily?: { repeat?: string; starttime?: string } } } | undefined;
  const daily = raw?.recurrence?.daily;
  const repeat = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(daily?.repeat ?? '');
  if (!daily || !repeat) throw new Error(`${scriptId}/${deploymentId} has no daily recurrence with a repeat interval in its SDF object`);
  const start = /^(\d\d):(\d\d)/.exec(daily.starttime ?? '00:00');
  return { everyMs: Number(repeat[1] ?? 0) * HOUR + Number(repeat[2] ?? 0) * MINUTE, offsetMs: Number(start?.[1] ?? 0) * HOUR + Number(start?.[2] ?? 0) * MINUTE };
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
  const plans = deployments.map((d) => ({ d, r: recurrenceOf(ns, d.scriptId, d.deploymentId) }));
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
