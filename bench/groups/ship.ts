// 3,000 distinct creates from 200 callers through one built relay, against the FedEx double with
// FedEx's limits and a real delay per create: how much of FedEx's 140 creates/s the connector uses,
// what callers wait, what the relay's memory peaks at, and whether FedEx ever counted more than
// 1,400 calls in a 10-second window (its own 429s, and the arrival times it recorded).
import { FEDEX_LIMITS, pacingIntervalMs } from '../../relay/src/fedex/limiter';
import { closedLoop, postSigned, shipmentRequest, waitUntilProvenNew, type CallResult } from '../lib/driver';
import type { BenchGroup, Metric } from '../lib/group';
import { cpuMsOf, startDouble, startRelay, type DoubleArrival, type RelayFedexCall } from '../lib/processes';
import { maxInWindow, percentile, round } from '../lib/stats';

export const FEDEX_CREATES_PER_SECOND = FEDEX_LIMITS.transactionsPerWindow / (FEDEX_LIMITS.windowMs / 1000);

/** Completed creates per second between the first and the last answer, ÷ 140. */
export function throughputRatio(results: CallResult[]): number {
  const done = results.filter((r) => r.status === 201).map((r) => r.answeredAt).sort((a, b) => a - b);
  if (done.length < 2) return 0;
  const perSecond = ((done.length - 1) * 1000) / ((done.at(-1) as number) - (done[0] as number));
  return perSecond / FEDEX_CREATES_PER_SECOND;
}

/** Shipments beyond the first that FedEx created for one idempotency key (the relay sends it as a customer reference). */
export function duplicatesOf(byReference: Record<string, number>, keys: string[]): number {
  return keys.reduce((sum, key) => sum + Math.max(0, (byReference[key] ?? 0) - 1), 0);
}

/**
 * How close FedEx came to counting a 1,401st call in 10 s: the shortest span of 1,401 consecutive
 * arrivals minus 10 s (negative: a window over the cap). With perfect pacing it is the guard band
 * plus one interval; what is missing from that is the jitter between the relay and FedEx.
 */
export function windowSlackMs(arrivalTimes: number[]): number {
  const sorted = [...arrivalTimes].sort((a, b) => a - b);
  const n = FEDEX_LIMITS.transactionsPerWindow;
  let shortest = Infinity;
  for (let i = 0; i + n < sorted.length; i++) shortest = Math.min(shortest, (sorted[i + n] as number) - (sorted[i] as number));
  return Number.isFinite(shortest) ? shortest - FEDEX_LIMITS.windowMs : Number.NaN;
}

/**
 * For each create that reached FedEx once: FedEx's arrival time minus the time the relay sent it
 * (both on this machine's clock, so no skew). Their spread is how much calls can bunch up between
 * the limiter and FedEx's counter: what the guard band must cover.
 */
export function callDelays(calls: RelayFedexCall[], arrivals: DoubleArrival[]): number[] {
  const arrivedAt = new Map<string, number[]>();
  for (const a of arrivals) if (a.customerTransactionId) arrivedAt.set(a.customerTransactionId, [...(arrivedAt.get(a.customerTransactionId) ?? []), a.at]);
  const delays: number[] = [];
  for (const c of calls) {
    const at = c.operation === 'ship.create' && c.customerTransactionId ? arrivedAt.get(c.customerTransactionId) : undefined;
    if (at?.length === 1) delays.push((at[0] as number) - c.startedAt);
  }
  return delays;
}

export const ship: BenchGroup = {
  id: 'ship',
  title: 'Creates through one relay (200 callers)',
  async run({ settings, log }) {
    const total = settings.quick ? 600 : 3_000;
    const callers = 200;
    const double = await startDouble({ latencyMs: settings.latencyMs, labelBytes: settings.labelBytes });
    const relay = await startRelay(double.url, {}, settings.relayNodeOptions);
    try {
      await relay.tokenReady;
      log(`ship: waiting until the relay's memory can prove new keys new (30 s clock-skew margin after it started)`);
      await waitUntilProvenNew(relay.listenedAt);
      log(`ship: ${total} creates from ${callers} callers`);
      const cpu0 = { relay: cpuMsOf(relay.pid), double: cpuMsOf(double.pid), driver: process.cpuUsage() };
      const started = performance.now();
      const keys = Array.from({ length: total }, (_, i) => `BENCH-SHIP-${i}`);
      const results = await closedLoop(callers, total, (i) => postSigned(relay.url, '/v1/shipments', shipmentRequest(keys[i] as string)));
      const seconds = (performance.now() - started) / 1000;
      const driverCpu = process.cpuUsage(cpu0.driver);
      const cpuPerCreate = {
        relay: (cpuMsOf(relay.pid) - cpu0.relay) / total,
        double: (cpuMsOf(double.pid) - cpu0.double) / total,
        driver: (driverCpu.user + driverCpu.system) / 1000 / total,
      };
      const memory = relay.memory();
      const stats = await double.control('GET', '/__double/stats');
      const arrived = await double.arrivals();
      const arrivals = arrived.map((a) => a.at);
      const delays = callDelays(relay.fedexCalls, arrived);
      const failed = results.filter((r) => r.status !== 201);
      const waits = results.map((r) => r.ms);
      const slack = windowSlackMs(arrivals);
      const metrics: Metric[] = [
        { key: 'ship_throughput_ratio', value: round(throughputRatio(results), 3), label: `creates/s ÷ 140 (${total} creates, ${callers} callers)`, target: { op: '>=', value: 0.97 } },
        { key: 'ship_429s', value: stats.status429, label: '429s from FedEx', target: { op: '==', value: 0 } },
        { key: 'duplicate_shipments', value: duplicatesOf(stats.shipmentsCreatedByCustomerReference, keys), label: 'second shipments for one key', target: { op: '==', value: 0 } },
        { key: 'token_requests', value: stats.tokenRequests.total, label: 'FedEx token requests in the run', target: { op: '==', value: 1 } },
        { key: 'ship_reference_lookups', value: stats.referenceTrackRequests, label: 'lookups by reference (0: each key proven new; more only after a lost FedEx answer)', target: { op: '==', value: 0 } },
        { key: 'ship_wait_p50_ms', value: round(percentile(waits, 50)), label: 'caller wait p50 (incl. FedEx latency)', unit: 'ms' },
        { key: 'ship_wait_p99_ms', value: round(percentile(waits, 99)), label: 'caller wait p99 (incl. FedEx latency)', unit: 'ms', target: { op: '<=', value: 3_000 } },
        { key: 'relay_rss_mb', value: round(memory.peakMb, 1), label: 'relay peak RSS', unit: 'MB', target: { op: '<=', value: 150 } },
        { key: 'ship_failed', value: failed.length, label: 'creates not answered 201', target: { op: '==', value: 0 } },
        { key: 'ship_run_s', value: round(seconds, 1), label: 'first request to last answer', unit: 's' },
        { key: 'fedex_peak_calls_10s', value: maxInWindow(arrivals, FEDEX_LIMITS.windowMs), label: 'most calls FedEx saw in any 10 s', target: { op: '<=', value: FEDEX_LIMITS.transactionsPerWindow } },
        { key: 'fedex_window_slack_ms', value: Number.isNaN(slack) ? null : round(slack, 1), label: '1,401st call’s distance from the cap', unit: 'ms', target: { op: '>', value: 0 } },
        {
          key: 'pacing_jitter_ms',
          value: Number.isNaN(slack) ? null : round(FEDEX_LIMITS.guardMs + pacingIntervalMs(FEDEX_LIMITS) - slack, 1),
          label: `guard band used by jitter (of ${FEDEX_LIMITS.guardMs} ms)`,
          unit: 'ms',
        },
      ];
      metrics.push(
        { key: 'fedex_call_delay_p50_ms', value: round(percentile(delays, 50), 1), label: 'request leaving the relay → FedEx counting it, p50', unit: 'ms' },
        { key: 'fedex_call_delay_p99_ms', value: round(percentile(delays, 99), 1), label: 'request leaving the relay → FedEx counting it, p99', unit: 'ms' },
        { key: 'fedex_call_delay_spread_ms', value: round(Math.max(...delays) - Math.min(...delays), 1), label: `longest − shortest of those delays (bunching; guard band ${FEDEX_LIMITS.guardMs} ms)`, unit: 'ms' },
        { key: 'relay_cpu_ms_per_create', value: round(cpuPerCreate.relay, 2), label: 'relay CPU per create (× 140/s = share of a core)', unit: 'ms' },
        { key: 'double_cpu_ms_per_create', value: round(cpuPerCreate.double, 2), label: 'FedEx double CPU per create', unit: 'ms' },
        { key: 'driver_cpu_ms_per_create', value: round(cpuPerCreate.driver, 2), label: 'load driver CPU per create', unit: 'ms' },
      );
      const notes = [
        'Throughput: completed creates per second between the first and the last answer (FedEx’s fixed delay per create counts once, not as lost capacity); ship_run_s is the whole run.',
        'Wait: from sending the request to the relay to its answer, FedEx’s own delay included.',
      ];
      if (failed.length > 0) notes.push(`Failures: ${JSON.stringify(failed.slice(0, 3).map((r) => ({ status: r.status, code: r.code })))}`);
      return { metrics, notes };
    } finally {
      await relay.stop();
      await double.stop();
    }
  },
};
