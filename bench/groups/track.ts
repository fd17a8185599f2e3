// Tracking at scale: 10,000 shipments in transit checked once, sent to the relay as the tracking
// poll sends them (one relay call per batch of 30, five at a time), against the FedEx double holding
// all 10,000. FedEx's Track quota is counted in requests, so the figure is requests per 30 numbers.
import { chunk, TRACK_BATCH_MAX } from '../../shared/src/tracking';
import { closedLoop, postSigned } from '../lib/driver';
import type { BenchGroup } from '../lib/group';
import { startDouble, startRelay } from '../lib/processes';
import { percentile, round } from '../lib/stats';

export const track: BenchGroup = {
  id: 'track',
  title: 'Tracking 10,000 shipments',
  async run({ settings, log }) {
    const n = settings.quick ? 2_000 : 10_000;
    const double = await startDouble({ latencyMs: settings.latencyMs, labelBytes: settings.labelBytes, seedTracking: n });
    const relay = await startRelay(double.url, {}, settings.relayNodeOptions);
    try {
      await relay.tokenReady;
      const batches = chunk(await double.trackingNumbers(), TRACK_BATCH_MAX);
      log(`track: ${n} numbers in ${batches.length} relay calls`);
      const results = await closedLoop(5, batches.length, (i) => postSigned(relay.url, '/v1/tracking', { shipments: (batches[i] as string[]).map((trackingNumber) => ({ trackingNumber })) }, true));
      const stats = await double.control('GET', '/__double/stats');
      const found = results.reduce((sum, r) => sum + (((r.body as { results?: { found: boolean }[] } | undefined)?.results ?? []).filter((s) => s.found).length), 0);
      return {
        metrics: [
          { key: 'track_calls_ratio', value: round(stats.trackRequests / Math.ceil(n / TRACK_BATCH_MAX), 3), label: `FedEx Track requests ÷ ceil(${n.toLocaleString('en-US')} / 30)`, target: { op: '<=', value: 1 } },
          { key: 'track_found', value: found, label: `statuses returned of ${n.toLocaleString('en-US')}`, target: { op: '==', value: n } },
          { key: 'track_call_p99_ms', value: round(percentile(results.map((r) => r.ms), 99)), label: 'relay call of 30 numbers, p99', unit: 'ms' },
        ],
      };
    } finally {
      await relay.stop();
      await double.stop();
    }
  },
};
