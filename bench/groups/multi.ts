// Four built relays behind round-robin, sharing one Redis (idempotency, nonces, pacing, the FedEx
// token), 3,000 creates from 200 callers: the instances together must use FedEx's rate as one
// relay does, without a 429, and fetch one FedEx token between them.
import { startRedis } from '../../test/support/redis-server';
import { closedLoop, postSigned, shipmentRequest, waitUntilProvenNew } from '../lib/driver';
import type { BenchGroup } from '../lib/group';
import { freePort, startDouble, startRelay, type BenchRelay } from '../lib/processes';
import { percentile, round } from '../lib/stats';
import { duplicatesOf, throughputRatio } from './ship';

export const multi: BenchGroup = {
  id: 'multi',
  title: '4 relay instances, one Redis (200 callers, round-robin)',
  async run({ settings, log }) {
    const total = settings.quick ? 600 : 3_000;
    const redis = await startRedis({ port: await freePort() });
    const double = await startDouble({ latencyMs: settings.latencyMs, labelBytes: settings.labelBytes });
    const relays: BenchRelay[] = [];
    try {
      // Started together, as an orchestrator starts replicas: they race for the one token.
      relays.push(...(await Promise.all(Array.from({ length: 4 }, () => startRelay(double.url, { REDIS_URL: redis.url as string }, settings.relayNodeOptions)))));
      await Promise.all(relays.map((r) => r.tokenReady));
      // The shared store's memory begins with the first create it sees (its epoch, in Redis): one
      // warm-up create, then the same clock-skew wait as a single relay.
      const warmup = await postSigned((relays[0] as BenchRelay).url, '/v1/shipments', shipmentRequest('BENCH-MULTI-WARMUP'));
      if (warmup.status !== 201) throw new Error(`multi: the warm-up create answered ${warmup.status} ${warmup.code ?? ''}`);
      log(`multi: waiting until the shared store can prove new keys new (30 s clock-skew margin after its first create)`);
      await waitUntilProvenNew(Date.now());
      const lookupsBefore = (await double.control('GET', '/__double/stats')).referenceTrackRequests as number;
      log(`multi: ${total} creates from 200 callers over ${relays.length} relays`);
      const keys = Array.from({ length: total }, (_, i) => `BENCH-MULTI-${i}`);
      const results = await closedLoop(200, total, (i) => postSigned((relays[i % relays.length] as BenchRelay).url, '/v1/shipments', shipmentRequest(keys[i] as string)));
      const stats = await double.control('GET', '/__double/stats');
      const failed = results.filter((r) => r.status !== 201);
      return {
        metrics: [
          { key: 'multi_instance_throughput_ratio', value: round(throughputRatio(results), 3), label: 'creates/s ÷ 140, 4 instances', target: { op: '>=', value: 0.95 } },
          { key: 'multi_instance_429s', value: stats.status429, label: '429s from FedEx', target: { op: '==', value: 0 } },
          { key: 'multi_instance_token_requests', value: stats.tokenRequests.total, label: 'FedEx token requests, all instances', target: { op: '==', value: 1 } },
          { key: 'multi_instance_reference_lookups', value: stats.referenceTrackRequests - lookupsBefore, label: 'lookups by reference (0: each key proven new; more only after a lost FedEx answer)', target: { op: '==', value: 0 } },
          { key: 'multi_instance_duplicates', value: duplicatesOf(stats.shipmentsCreatedByCustomerReference, keys), label: 'second shipments for one key', target: { op: '==', value: 0 } },
          { key: 'multi_instance_wait_p99_ms', value: round(percentile(results.map((r) => r.ms), 99)), label: 'caller wait p99', unit: 'ms' },
          { key: 'multi_instance_rss_mb', value: round(Math.max(...relays.map((r) => r.memory().peakMb)), 1), label: 'largest instance peak RSS', unit: 'MB' },
          { key: 'multi_instance_failed', value: failed.length, label: 'creates not answered 201', target: { op: '==', value: 0 } },
        ],
        ...(failed.length ? { notes: [`Failures: ${JSON.stringify(failed.slice(0, 3).map((r) => ({ status: r.status, code: r.code })))}`] } : {}),
      };
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
      await double.stop();
      await redis.stop();
    }
  },
};
