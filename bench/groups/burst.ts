// 2,000 creates at the same instant on a relay that has just started (the "fresh relay"
// case): FedEx's own counter must never see more than 1,400 in any 10 s, so not one 429. A relay
// that has just started cannot prove any key new (its memory began less than the clock-skew margin
// before the Shipments were made), so each create is looked up by reference first: 4,000 calls.
import { FEDEX_LIMITS, pacingIntervalMs } from '../../relay/src/fedex/limiter';
import { closedLoop, postSigned, shipmentRequest } from '../lib/driver';
import type { BenchGroup } from '../lib/group';
import { startDouble, startRelay } from '../lib/processes';
import { percentile, round, maxInWindow } from '../lib/stats';
import { callDelays, duplicatesOf, windowSlackMs } from './ship';

export const burst: BenchGroup = {
  id: 'burst',
  title: '2,000 concurrent creates on a fresh relay',
  async run({ settings, log }) {
    const total = settings.quick ? 500 : 2_000;
    const double = await startDouble({ latencyMs: settings.latencyMs, labelBytes: settings.labelBytes });
    const relay = await startRelay(double.url, {}, settings.relayNodeOptions);
    try {
      await relay.tokenReady;
      log(`burst: ${total} creates at once`);
      const keys = Array.from({ length: total }, (_, i) => `BENCH-BURST-${i}`);
      const results = await closedLoop(total, total, (i) => postSigned(relay.url, '/v1/shipments', shipmentRequest(keys[i] as string)));
      const stats = await double.control('GET', '/__double/stats');
      const arrived = await double.arrivals();
      const arrivals = arrived.map((a) => a.at);
      const slack = windowSlackMs(arrivals);
      const delays = callDelays(relay.fedexCalls, arrived);
      const failed = results.filter((r) => r.status !== 201);
      return {
        metrics: [
          { key: 'burst_429s', value: stats.status429, label: '429s from FedEx', target: { op: '==', value: 0 } },
          { key: 'burst_peak_calls_10s', value: maxInWindow(arrivals, FEDEX_LIMITS.windowMs), label: 'most calls FedEx saw in any 10 s', target: { op: '<=', value: FEDEX_LIMITS.transactionsPerWindow } },
          { key: 'burst_duplicates', value: duplicatesOf(stats.shipmentsCreatedByCustomerReference, keys), label: 'second shipments for one key', target: { op: '==', value: 0 } },
          { key: 'burst_reference_lookups', value: stats.referenceTrackRequests, label: 'lookups by reference before a create (a just-started relay looks up every key)' },
          { key: 'burst_failed', value: failed.length, label: 'creates not answered 201', target: { op: '==', value: 0 } },
          { key: 'burst_window_slack_ms', value: Number.isNaN(slack) ? null : round(slack, 1), label: '1,401st call’s distance from the cap (perfect pacing: guard + 1 turn)', unit: 'ms', target: { op: '>', value: 0 } },
          {
            key: 'burst_guard_used_ms',
            value: Number.isNaN(slack) ? null : round(FEDEX_LIMITS.guardMs + pacingIntervalMs(FEDEX_LIMITS) - slack, 1),
            label: `guard band used by bunching (of ${FEDEX_LIMITS.guardMs} ms)`,
            unit: 'ms',
          },
          { key: 'burst_call_delay_spread_ms', value: delays.length ? round(Math.max(...delays) - Math.min(...delays), 1) : null, label: 'leaving the relay → FedEx counting it: longest − shortest', unit: 'ms' },
          { key: 'burst_wait_p99_ms', value: round(percentile(results.map((r) => r.ms), 99)), label: 'wait p99 (the last in line waits for 2,000 turns)', unit: 'ms' },
        ],
        ...(failed.length ? { notes: [`Failures: ${JSON.stringify(failed.slice(0, 3).map((r) => ({ status: r.status, code: r.code })))}`] } : {}),
      };
    } finally {
      await relay.stop();
      await double.stop();
    }
  },
};
