// What the relay adds to a create: the same creates at 100/s, once through the relay and once
// straight to the FedEx double (with a token fetched directly), in alternating phases so both see
// the same machine load. The relay's share is the difference of the two latency distributions.
import { toFedexShipRequest } from '../../shared/src/fedex/ship-request';
import { openLoop, postSigned, request, shipmentRequest, waitUntilProvenNew, type CallResult } from '../lib/driver';
import type { BenchGroup } from '../lib/group';
import { FEDEX_ACCOUNT, FEDEX_CLIENT_ID, FEDEX_CLIENT_SECRET, startDouble, startRelay } from '../lib/processes';
import { percentile, round } from '../lib/stats';

async function directCreate(fedexUrl: string, token: string, key: string): Promise<CallResult> {
  const text = JSON.stringify(toFedexShipRequest(shipmentRequest(key), FEDEX_ACCOUNT));
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-locale': 'en_US', 'x-customer-transaction-id': key };
  const res = await request(`${fedexUrl}/ship/v1/shipments`, 'POST', headers, text);
  return { status: res.status, sentAt: res.sentAt, answeredAt: res.answeredAt, ms: res.answeredAt - res.sentAt, ...(res.error ? { code: res.error } : {}) };
}

export const overhead: BenchGroup = {
  id: 'overhead',
  title: 'Latency the relay adds (100 creates/s)',
  async run({ settings, log }) {
    const phaseMs = settings.quick ? 2_000 : 5_000;
    const phases = 2;
    const double = await startDouble({ latencyMs: settings.latencyMs, labelBytes: settings.labelBytes });
    const relay = await startRelay(double.url, {}, settings.relayNodeOptions);
    try {
      await relay.tokenReady;
      log(`overhead: waiting until the relay's memory can prove new keys new (30 s clock-skew margin after it started)`);
      await waitUntilProvenNew(relay.listenedAt);
      const tokenRes = await fetch(`${double.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: FEDEX_CLIENT_ID, client_secret: FEDEX_CLIENT_SECRET }).toString(),
      });
      const token = ((await tokenRes.json()) as { access_token: string }).access_token;
      const viaRelay: CallResult[] = [];
      const direct: CallResult[] = [];
      let n = 0;
      for (let phase = 0; phase < phases; phase++) {
        log(`overhead: phase ${phase + 1}/${phases}, ${phaseMs / 1000} s through the relay, then ${phaseMs / 1000} s direct`);
        viaRelay.push(...(await openLoop(100, phaseMs, () => postSigned(relay.url, '/v1/shipments', shipmentRequest(`BENCH-OVERHEAD-R-${n++}`)))));
        direct.push(...(await openLoop(100, phaseMs, () => directCreate(double.url, token, `BENCH-OVERHEAD-D-${n++}`))));
      }
      const bad = [...viaRelay.filter((r) => r.status !== 201), ...direct.filter((r) => r.status !== 200)];
      if (bad.length > 0) throw new Error(`overhead: ${bad.length} creates failed, e.g. ${JSON.stringify(bad.slice(0, 2))}`);
      const p = (rs: CallResult[], q: number) => percentile(rs.map((r) => r.ms), q);
      return {
        metrics: [
          { key: 'relay_overhead_p50_ms', value: round(p(viaRelay, 50) - p(direct, 50), 2), label: 'relay p50 − direct p50', unit: 'ms' },
          { key: 'relay_overhead_p99_ms', value: round(p(viaRelay, 99) - p(direct, 99), 2), label: 'relay p99 − direct p99', unit: 'ms', target: { op: '<=', value: 2 } },
          { key: 'relay_path_p50_ms', value: round(p(viaRelay, 50), 1), label: 'through the relay, p50', unit: 'ms' },
          { key: 'relay_path_p99_ms', value: round(p(viaRelay, 99), 1), label: 'through the relay, p99', unit: 'ms' },
          { key: 'direct_path_p50_ms', value: round(p(direct, 50), 1), label: 'straight to the double, p50', unit: 'ms' },
          { key: 'direct_path_p99_ms', value: round(p(direct, 99), 1), label: 'straight to the double, p99', unit: 'ms' },
        ],
        notes: [`${viaRelay.length} creates each way, in ${phases} alternating phases of ${phaseMs / 1000} s; both include the double’s ${settings.latencyMs} ms per create.`],
      };
    } finally {
      await relay.stop();
      await double.stop();
    }
  },
};
