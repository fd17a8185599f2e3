// Sustained overload: creates arriving at 1.5 × FedEx's rate for 30 s, whatever the answers (open
// loop), at one relay. The relay must keep its line bounded: admit what can start before each
// request's deadline, refuse the rest at once (503 RELAY_OVERLOADED, Retry-After) without calling
// FedEx, and keep its memory bounded.
import { openLoop, postSigned, shipmentRequest, waitUntilProvenNew } from '../lib/driver';
import type { BenchGroup, Metric } from '../lib/group';
import { startDouble, startRelay } from '../lib/processes';
import { percentile, round } from '../lib/stats';
import { FEDEX_CREATES_PER_SECOND } from './ship';

export const overload: BenchGroup = {
  id: 'overload',
  title: 'Overload: 1.5 × the cap for 30 s (open loop)',
  async run({ settings, log }) {
    const perSecond = 1.5 * FEDEX_CREATES_PER_SECOND;
    const durationMs = settings.quick ? 10_000 : 30_000;
    const double = await startDouble({ latencyMs: settings.latencyMs, labelBytes: settings.labelBytes });
    const relay = await startRelay(double.url, {}, settings.relayNodeOptions);
    try {
      await relay.tokenReady;
      log(`overload: waiting until the relay's memory can prove new keys new (30 s clock-skew margin after it started)`);
      await waitUntilProvenNew(relay.listenedAt);
      log(`overload: ${perSecond}/s for ${durationMs / 1000} s`);
      const keys: string[] = [];
      const results = await openLoop(perSecond, durationMs, (i) => {
        keys[i] = `BENCH-OVERLOAD-${i}`;
        return postSigned(relay.url, '/v1/shipments', shipmentRequest(keys[i] as string));
      });
      const memory = relay.memory();
      const stats = await double.control('GET', '/__double/stats');
      const created = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status === 503 && r.code === 'RELAY_OVERLOADED');
      const other = results.filter((r) => r.status !== 201 && !(r.status === 503 && r.code === 'RELAY_OVERLOADED'));
      // Definite refusals: FedEx never saw their keys (the relay sends the key as customer reference).
      const refusedKeys = results.map((r, i) => (r.status === 503 && r.code === 'RELAY_OVERLOADED' ? keys[i] : undefined)).filter((k): k is string => k !== undefined);
      const refusedSeenByFedex = refusedKeys.filter((k) => (stats.shipmentsCreatedByCustomerReference[k] ?? 0) > 0).length;
      const metrics: Metric[] = [
        { key: 'overload_requests', value: results.length, label: `creates sent (${round(perSecond)}/s for ${durationMs / 1000} s)` },
        { key: 'overload_refused_ratio', value: round(refused.length / results.length, 3), label: 'refused at once with 503 RELAY_OVERLOADED' },
        { key: 'overload_refused_after_fedex_call', value: refusedSeenByFedex, label: 'refusals that had reached FedEx', target: { op: '==', value: 0 } },
        { key: 'overload_wait_p50_ms', value: round(percentile(created.map((r) => r.ms), 50)), label: 'wait p50 of admitted creates', unit: 'ms' },
        { key: 'overload_wait_p99_ms', value: round(percentile(created.map((r) => r.ms), 99)), label: 'wait p99 of admitted creates', unit: 'ms', target: { op: '<', value: 20_000 } },
        { key: 'overload_refusal_p99_ms', value: refused.length ? round(percentile(refused.map((r) => r.ms), 99)) : null, label: 'time to a refusal, p99', unit: 'ms' },
        { key: 'overload_rss_mb', value: round(memory.peakMb, 1), label: 'relay peak RSS', unit: 'MB', target: { op: '<=', value: 150 } },
        { key: 'overload_429s', value: stats.status429, label: '429s from FedEx', target: { op: '==', value: 0 } },
        { key: 'overload_other_failures', value: other.length, label: 'answers neither 201 nor RELAY_OVERLOADED', target: { op: '==', value: 0 } },
      ];
      const notes = [
        'Each request’s deadline is the relay’s default, 40 s after it arrives; a request is refused when its turn would leave less than FedEx’s recent answer time (1.25 × p99, 5 s before any answer) before it.',
      ];
      if (other.length > 0) notes.push(`Other answers: ${JSON.stringify(other.slice(0, 3).map((r) => ({ status: r.status, code: r.code })))}`);
      return { metrics, notes };
    } finally {
      await relay.stop();
      await double.stop();
    }
  },
};
