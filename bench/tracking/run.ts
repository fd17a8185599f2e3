// The tracking simulation's figures, for the benchmark runner: the planned policy against the
// round-robin poll it replaced, on the same simulated days. `scale` shrinks the shipper (0.2 = 50,000
// labels a day, with the Track budget and the round-robin cap scaled alike); request counts are
// scaled back up to the full size, latencies are what they are.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bulkShipMinutes, DEFAULT_BULK_MODEL, queueConcurrency, type BulkFigures } from './bulk';
import { DEFAULT_SIMULATION, simulatePlanned, simulateRoundRobin, type PolicyFigures, type SimulationOptions } from './simulate';

export interface TrackingBenchFigures {
  scale: number;
  planned: PolicyFigures;
  round_robin: PolicyFigures;
  /** The bulk-save model (bench/tracking/bulk.ts), with the shipping queue deployment's concurrency. */
  bulk: BulkFigures;
  /** The keys, for the planned policy (the round-robin ones carry a `_round_robin` suffix). */
  keys: Record<string, number>;
}

function scaled(scale: number): SimulationOptions {
  return {
    ...DEFAULT_SIMULATION,
    shipmentsPerDay: Math.round(DEFAULT_SIMULATION.shipmentsPerDay * scale),
    dailyBudgetRequests: Math.round(DEFAULT_SIMULATION.dailyBudgetRequests * scale),
    maxPerRun: Math.round(DEFAULT_SIMULATION.maxPerRun * scale),
    roundRobinPerRun: Math.round(DEFAULT_SIMULATION.roundRobinPerRun * scale),
  };
}

function fullSize(f: PolicyFigures, scale: number): PolicyFigures {
  const up = (n: number) => Math.round(n / scale);
  return {
    ...f,
    track_requests_per_day: up(f.track_requests_per_day),
    in_transit_avg: up(f.in_transit_avg),
    record_writes_per_day: up(f.record_writes_per_day),
    deferred_checks_per_day: up(f.deferred_checks_per_day),
    unused_labels_flagged: up(f.unused_labels_flagged),
    labels_per_day: up(f.labels_per_day),
    exceptions_missed: up(f.exceptions_missed),
    ...(f.most_requests_in_a_day !== undefined ? { most_requests_in_a_day: up(f.most_requests_in_a_day) } : {}),
  };
}

export function runTrackingSimulation(scale = 0.2, unitsPerQueuedShipment = DEFAULT_BULK_MODEL.unitsPerShipment): TrackingBenchFigures {
  const options = scaled(scale);
  const planned = fullSize(simulatePlanned(options), scale);
  const roundRobin = fullSize(simulateRoundRobin(options), scale);
  const keysOf = (f: PolicyFigures, suffix: string) => ({
    [`track_requests_per_day_750k${suffix}`]: f.track_requests_per_day,
    [`delivery_latency_minutes_p50${suffix}`]: f.delivery_latency_minutes_p50,
    [`delivery_latency_minutes_p95${suffix}`]: f.delivery_latency_minutes_p95,
    [`exception_latency_minutes_p95${suffix}`]: f.exception_latency_minutes_p95,
  });
  const bulk = bulkShipMinutes({ ...DEFAULT_BULK_MODEL, concurrency: queueConcurrency(), unitsPerShipment: unitsPerQueuedShipment });
  return {
    scale,
    planned,
    round_robin: roundRobin,
    bulk,
    keys: { ...keysOf(planned, ''), ...keysOf(roundRobin, '_round_robin'), bulk_10000_minutes: bulk.bulk_10000_minutes },
  };
}

// Run directly (not imported by bench/run.ts, whose file has the same name): the whole path must match.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const scale = Number(process.argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? 0.2);
  const figures = runTrackingSimulation(scale);
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else {
    console.log(`Tracking simulation (${DEFAULT_SIMULATION.warmupDays} days ramp-up, ${DEFAULT_SIMULATION.measuredDays} days measured, run at scale ${scale}, counts shown at full size)`);
    console.table({ planned: figures.planned, 'round-robin': figures.round_robin });
    console.table({ 'bulk save (model)': figures.bulk });
  }
}
