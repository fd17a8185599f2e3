// The tracking simulation: a large shipper's days, polled by two policies on the same simulated
// FedEx world (bench/tracking/world.ts):
// - "planned": the connector's policy, driven by the real planning code the Map/Reduce uses
//   (shared/src/track-plan.ts): each check is due when the shipment's stored plan says so, a run
//   takes due checks in priority order within the day's Track budget, and a plan is rewritten only
//   when FedEx's news changes it or it ends.
// - "round-robin": the poll before issue 12: every hourly run checks the next `roundRobinPerRun`
//   open shipments after a cursor, whatever their state.
// Both runs start empty and ramp up for `warmupDays`; figures are taken over the following days.
// The Map/Reduce's own time is modelled: a run's checks reach NetSuite spread over
// ceil(checks / 30) × `trackRequestSeconds` / `mapConcurrency` after the run starts.
import { DEFAULT_TRACK_PLAN_SETTINGS, nextCheckAfter, planTracking, runAllowance, takeWithinAllowance, type TrackPlan, type TrackPlanSettings } from '../../shared/src/track-plan';
import { isFinalStatus, type ConnectorStatus } from '../../shared/src/tracking';
import { DAY, exceptionEvents, fedexViewAt, timelineOf, type Timeline } from './world';

export interface SimulationOptions {
  shipmentsPerDay: number;
  warmupDays: number;
  measuredDays: number;
  /** The tracking Map/Reduce's schedule. */
  runEveryMinutes: number;
  dailyBudgetRequests: number;
  /** The planned policy's per-run cap (a setting): high enough never to bind at this size. */
  maxPerRun: number;
  roundRobinEveryMinutes: number;
  roundRobinPerRun: number;
  trackRequestSeconds: number;
  mapConcurrency: number;
  seed: number;
  plan: TrackPlanSettings;
}

export const DEFAULT_SIMULATION: SimulationOptions = {
  shipmentsPerDay: 250_000,
  warmupDays: 7,
  measuredDays: 7,
  runEveryMinutes: 15,
  dailyBudgetRequests: 90_000,
  maxPerRun: 200_000,
  roundRobinEveryMinutes: 60,
  roundRobinPerRun: 112_500,
  trackRequestSeconds: 0.6,
  mapConcurrency: 2,
  seed: 20261201,
  plan: DEFAULT_TRACK_PLAN_SETTINGS,
};

export interface PolicyFigures {
  track_requests_per_day: number;
  in_transit_avg: number;
  delivery_latency_minutes_p50: number;
  delivery_latency_minutes_p95: number;
  exception_latency_minutes_p95: number;
  exceptions_missed: number;
  checks_per_shipment: number;
  record_writes_per_day: number;
  deferred_checks_per_day: number;
  unused_labels_flagged: number;
  labels_per_day: number;
  /** Scheduled runs that found the previous run still busy (their checks moved to the next run). */
  runs_skipped_busy?: number;
  /** The busiest quota day (midnight to midnight GMT), in Track requests. */
  most_requests_in_a_day?: number;
}

const BATCH = 30;
// Sim time starts on a Monday at 00:00 UTC.
const START = Date.UTC(2026, 10, 30) / 60_000;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const v = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  return Number.isFinite(v) ? Math.round(v) : -1;
}

/** Everything the world and the bookkeeping need, shared by both policies. */
class Shipments {
  readonly timelines: Timeline[] = [];
  readonly known: (ConnectorStatus | undefined)[] = [];
  readonly knownEta: (string | undefined)[] = [];
  /** When NetSuite first showed DELIVERED / an exception, for the latencies. */
  readonly deliveredSeen: number[] = [];
  readonly exceptionSeen: number[][] = [];
  checks = 0;
  /** Status writes within the measured days. */
  writes = 0;

  constructor(
    private readonly o: SimulationOptions,
    private readonly measuredFrom: number,
  ) {}

  create(now: number): number {
    const id = this.timelines.length;
    this.timelines.push(timelineOf(id, now, this.o.seed));
    this.known.push(undefined);
    this.knownEta.push(undefined);
    this.exceptionSeen.push([]);
    return id;
  }

  /** Asks FedEx (the world) about one shipment; true when NetSuite's view changed. */
  check(id: number, at: number, appliedAt: number): boolean {
    this.checks++;
    const view = fedexViewAt(this.timelines[id]!, at);
    if (view.status === this.known[id] && view.eta === this.knownEta[id]) return false;
    if (view.status === 'DELIVERED') this.deliveredSeen[id] = appliedAt;
    if (view.status === 'EXCEPTION' && this.known[id] !== 'EXCEPTION') {
      const event = exceptionEvents(this.timelines[id]!).filter((e) => e <= at).pop();
      if (event !== undefined) this.exceptionSeen[id]!.push(event, appliedAt);
    }
    this.known[id] = view.status;
    this.knownEta[id] = view.eta;
    if (at >= this.measuredFrom) this.writes++;
    return true;
  }

  isOpen(id: number): boolean {
    const k = this.known[id];
    return !(k && isFinalStatus(k));
  }

  figures(from: number, to: number, requests: number, deferred: number, inTransitSamples: number[]): PolicyFigures {
    const days = (to - from) / DAY;
    const delivery: number[] = [];
    const exception: number[] = [];
    let missed = 0;
    let labels = 0;
    for (let id = 0; id < this.timelines.length; id++) {
      const t = this.timelines[id]!;
      if (t.labelAt >= from && t.labelAt < to) labels++;
      if (t.deliveredAt !== undefined && t.deliveredAt >= from && t.deliveredAt < to - DAY) {
        const seen = this.deliveredSeen[id];
        delivery.push(seen === undefined ? Infinity : seen - t.deliveredAt);
      }
      for (const event of exceptionEvents(t)) {
        if (event < from || event >= to - DAY) continue;
        const seen = this.exceptionSeen[id]!;
        let latency = Infinity;
        for (let i = 0; i < seen.length; i += 2) if (seen[i] === event) latency = seen[i + 1]! - event;
        if (latency === Infinity) missed++;
        exception.push(latency);
      }
    }
    return {
      track_requests_per_day: Math.round(requests / days),
      in_transit_avg: Math.round(inTransitSamples.reduce((a, b) => a + b, 0) / Math.max(1, inTransitSamples.length)),
      delivery_latency_minutes_p50: percentile(delivery, 50),
      delivery_latency_minutes_p95: percentile(delivery, 95),
      exception_latency_minutes_p95: percentile(exception, 95),
      exceptions_missed: missed,
      checks_per_shipment: Math.round((this.checks / Math.max(1, this.timelines.length)) * 10) / 10,
      record_writes_per_day: Math.round(this.writes / days),
      deferred_checks_per_day: Math.round(deferred / days),
      unused_labels_flagged: 0,
      labels_per_day: Math.round(labels / days),
    };
  }
}

/** Label times for one simulated day: 08:00–18:00 at the warehouse (UTC-6), evenly spread. */
function* labelsOfDay(day: number, count: number): Generator<number> {
  const open = START + day * DAY + 8 * 60 + 360;
  for (let i = 0; i < count; i++) yield open + Math.floor((i * 600) / count);
}

function openCount(s: Shipments): number {
  let n = 0;
  for (let id = 0; id < s.timelines.length; id++) if (s.isOpen(id)) n++;
  return n;
}

export function simulatePlanned(o: SimulationOptions = DEFAULT_SIMULATION): PolicyFigures {
  const totalDays = o.warmupDays + o.measuredDays;
  const from = START + o.warmupDays * DAY;
  const to = START + totalDays * DAY;
  const s = new Shipments(o, from);
  const plans: (TrackPlan | null)[] = [];
  const wheel = new Map<number, number[]>();
  const schedule = (id: number, after: number) => {
    const plan = plans[id];
    const next = plan ? nextCheckAfter(plan, after) : undefined;
    if (next === undefined) return;
    const run = Math.ceil(next / o.runEveryMinutes);
    let bucket = wheel.get(run);
    if (!bucket) wheel.set(run, (bucket = []));
    bucket.push(id);
  };
  let requests = 0;
  let deferred = 0;
  let flagged = 0;
  let planWrites = 0;
  let busyUntil = 0;
  let skippedRuns = 0;
  const usedByDay = new Map<number, number>();
  const inTransit: number[] = [];
  let nextLabel = labelsOfDay(0, o.shipmentsPerDay);
  let labelDay = 0;
  let pendingLabel = nextLabel.next();

  for (let run = Math.ceil(START / o.runEveryMinutes); run * o.runEveryMinutes < to; run++) {
    const now = run * o.runEveryMinutes;
    // New labels since the last run: the connector stores their first plan as it creates the Shipment.
    while (!pendingLabel.done || labelDay + 1 < totalDays) {
      if (pendingLabel.done) {
        nextLabel = labelsOfDay(++labelDay, o.shipmentsPerDay);
        pendingLabel = nextLabel.next();
        continue;
      }
      if (pendingLabel.value > now) break;
      const id = s.create(pendingLabel.value);
      plans[id] = planTracking({ labelAt: pendingLabel.value }, pendingLabel.value, o.plan);
      schedule(id, pendingLabel.value - 1);
      pendingLabel = nextLabel.next();
    }
    const due = wheel.get(run) ?? [];
    wheel.delete(run);
    if (due.length === 0) continue;
    if (now < busyUntil) {
      // NetSuite does not start a scheduled deployment that is still running: its due checks wait for the next run.
      const next = wheel.get(run + 1);
      if (next) next.push(...due);
      else wheel.set(run + 1, due);
      if (now >= from) skippedRuns++;
      continue;
    }
    const quotaDay = Math.floor(now / DAY);
    const used = usedByDay.get(quotaDay) ?? 0;
    const allowance = runAllowance({ dailyBudgetRequests: o.dailyBudgetRequests, usedToday: used, runMax: o.maxPerRun, batchSize: BATCH, nowMs: now * 60_000, runEveryMinutes: o.runEveryMinutes });
    // The search sorts due shipments by priority: what the budget cannot cover waits for its next check.
    due.sort((a, b) => plans[a]!.priority - plans[b]!.priority || plans[a]!.end - plans[b]!.end);
    const picked = takeWithinAllowance(due.map((id) => ({ id, priority: plans[id]!.priority })), allowance);
    const taken = picked.taken.map((d) => d.id);
    for (const d of picked.deferred) {
      // An ended plan stays due (see isDue): it comes back in the next run.
      if (plans[d.id]!.end > now) schedule(d.id, now);
      else {
        const next = wheel.get(run + 1);
        if (next) next.push(d.id);
        else wheel.set(run + 1, [d.id]);
      }
    }
    const batches = Math.ceil(taken.length / BATCH);
    usedByDay.set(quotaDay, used + batches);
    if (now >= from) {
      requests += batches;
      deferred += picked.deferred.length;
    }
    const runMinutes = (batches * o.trackRequestSeconds) / o.mapConcurrency / 60;
    busyUntil = now + runMinutes;
    taken.forEach((id, i) => {
      const appliedAt = now + (runMinutes * i) / taken.length;
      const changed = s.check(id, now, appliedAt);
      const plan = plans[id]!;
      if (changed || now >= plan.end) {
        const t = s.timelines[id]!;
        const status = s.known[id];
        const eta = s.knownEta[id];
        const next = planTracking({ labelAt: t.labelAt, utcOffsetMinutes: t.offset, ...(status ? { status } : {}), ...(eta ? { estimatedDelivery: eta } : {}) }, now, o.plan);
        if (next?.flag === 'LABEL_UNUSED' && !plan.flag && now >= from) flagged++;
        if (!changed && now >= from) planWrites++;
        plans[id] = next;
      }
      schedule(id, now);
    });
    if (now >= from && now % (6 * 60) === 0) inTransit.push(openCount(s));
  }
  const figures = s.figures(from, to, requests, deferred, inTransit);
  return {
    ...figures,
    record_writes_per_day: Math.round((s.writes + planWrites) / o.measuredDays),
    unused_labels_flagged: flagged,
    runs_skipped_busy: skippedRuns,
    most_requests_in_a_day: Math.max(...usedByDay.values()),
  };
}

export function simulateRoundRobin(o: SimulationOptions = DEFAULT_SIMULATION): PolicyFigures {
  const totalDays = o.warmupDays + o.measuredDays;
  const from = START + o.warmupDays * DAY;
  const to = START + totalDays * DAY;
  const s = new Shipments(o, from);
  let open: number[] = [];
  let cursor = 0;
  let requests = 0;
  const inTransit: number[] = [];
  let labelDay = 0;
  let labels = labelsOfDay(0, o.shipmentsPerDay);
  let pending = labels.next();
  for (let now = START; now < to; now += o.roundRobinEveryMinutes) {
    while (!pending.done || labelDay + 1 < totalDays) {
      if (pending.done) {
        labels = labelsOfDay(++labelDay, o.shipmentsPerDay);
        pending = labels.next();
        continue;
      }
      if (pending.value > now) break;
      open.push(s.create(pending.value));
      pending = labels.next();
    }
    // The next `roundRobinPerRun` open shipments after the cursor, wrapping around once.
    const count = Math.min(o.roundRobinPerRun, open.length);
    const batches = Math.ceil(count / BATCH);
    const runMinutes = (batches * o.trackRequestSeconds) / o.mapConcurrency / 60;
    for (let i = 0; i < count; i++) {
      const id = open[(cursor + i) % open.length]!;
      s.check(id, now, now + (runMinutes * i) / Math.max(1, count));
    }
    cursor = open.length ? (cursor + count) % open.length : 0;
    if (now >= from) requests += batches;
    // Final shipments leave the search; the cursor keeps its place among those that remain.
    const before = open.slice(0, cursor).filter((id) => s.isOpen(id)).length;
    open = open.filter((id) => s.isOpen(id));
    cursor = open.length ? before % open.length : 0;
    if (now >= from && now % (6 * 60) === 0) inTransit.push(open.length);
  }
  return s.figures(from, to, requests, 0, inTransit);
}
