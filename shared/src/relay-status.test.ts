import { describe, expect, it } from 'vitest';
import { describeRelayStatus, describeSignatureCheck, parsePrometheus, RELAY_METRICS } from './relay-status';

const RELAY = 'https://relay.example.com';
const READY = { status: 200, body: JSON.stringify({ ready: true, checks: { redis: 'ok', shutdown: 'ok' } }) };
const METRICS = {
  status: 200,
  body: [
    '# HELP mlfx_relay_limiter_queue_depth FedEx calls waiting for a turn',
    '# TYPE mlfx_relay_limiter_queue_depth gauge',
    `${RELAY_METRICS.limiterQueueDepth}{operation="ship"} 3`,
    `${RELAY_METRICS.limiterQueueDepth}{operation="track"} 4`,
    `${RELAY_METRICS.fedexTokenExpiresInSeconds} 2712.4`,
    'http_requests_total{route="/v1/shipments",status="201"} 1e3',
  ].join('\n'),
};

describe('relay status for the console', () => {
  it('reads readiness, the token and the limiter queue when the relay reports them', () => {
    expect(describeRelayStatus({ relayUrl: RELAY, readyz: READY, metrics: METRICS, durationMs: 12 })).toEqual({
      reachable: 'Yes (HTTP 200, 12 ms)',
      reachableOk: true,
      readiness: 'Ready (redis: ok; shutdown: ok)',
      fedexToken: 'Cached, expires in 45 min',
      limiterQueue: '7 call(s) waiting for a FedEx turn',
    });
  });

  it('says unknown, and why, for what an older relay does not report', () => {
    const view = describeRelayStatus({ relayUrl: RELAY, readyz: { status: 404, body: '{}' }, health: { status: 200, body: '{"ok":true}' }, metrics: { status: 404, body: '' } });
    expect(view).toMatchObject({ reachable: 'Yes (HTTP 200)', reachableOk: true, readiness: 'unknown (this relay has no /readyz yet; /health answers)', fedexToken: 'unknown (this relay has no /metrics yet)', limiterQueue: 'unknown (this relay has no /metrics yet)' });
  });

  it('says so when the relay closes /metrics with its token, and reads the token from readiness', () => {
    const readyz = { status: 200, body: JSON.stringify({ ready: true, checks: { shutdown: 'ok', 'fedex-token': 'ok' } }) };
    const view = describeRelayStatus({ relayUrl: RELAY, readyz, metrics: { status: 401, body: 'Unauthorized' } });
    expect(view.fedexToken).toBe('Obtainable (readiness check ok)');
    expect(view.limiterQueue).toBe("unknown (the relay's /metrics needs its RELAY_METRICS_TOKEN)");
  });

  it('names the failing readiness check, and a token problem reported by readiness', () => {
    const readyz = { status: 503, body: JSON.stringify({ ready: false, checks: { redis: 'connect ECONNREFUSED', fedexToken: 'FedEx answered 401 to the token request' } }) };
    const view = describeRelayStatus({ relayUrl: RELAY, readyz });
    expect(view.readiness).toBe('Not ready: redis: connect ECONNREFUSED; fedexToken: FedEx answered 401 to the token request');
    expect(view.fedexToken).toBe('Problem: FedEx answered 401 to the token request');
  });

  it('a relay that does not answer, and no relay URL at all', () => {
    expect(describeRelayStatus({ relayUrl: RELAY, readyz: { error: 'SSS_CONNECTION_CLOSED: connection refused' }, health: { error: 'SSS_CONNECTION_CLOSED: connection refused' } })).toMatchObject({
      reachable: 'No: SSS_CONNECTION_CLOSED: connection refused',
      reachableOk: false,
      fedexToken: 'unknown (relay unreachable)',
    });
    expect(describeRelayStatus({}).reachable).toMatch(/^Not configured: set the Relay URL/);
  });

  it('parses Prometheus text: sums labelled samples, skips comments and non-numbers', () => {
    expect(parsePrometheus('# c\na 1\na{x="1"} 2\nb NaN\nc +Inf\nd 4.5\n')).toEqual({ a: 3, d: 4.5 });
  });
});

describe('Test Connection', () => {
  const now = Date.UTC(2026, 11, 1, 9, 30);
  it('a signed round trip the relay accepted, with the clock difference', () => {
    expect(describeSignatureCheck({ ok: true, status: 200, durationMs: 40, body: { ok: true, relayTime: new Date(now + 1000).toISOString() } }, now)).toEqual({
      ok: true,
      title: 'Connection works',
      message: "The relay accepted a signed call: NetSuite's API secret matches the relay's RELAY_SHARED_SECRET (round trip 40 ms). Clocks agree.",
    });
    expect(describeSignatureCheck({ ok: true, status: 200, durationMs: 40, body: { ok: true, relayTime: new Date(now - 90_000).toISOString() } }, now).message).toContain("The relay's clock is 90 s behind NetSuite's");
  });

  it('a refused signature names the secret and the clocks, never a value', () => {
    const check = describeSignatureCheck({ ok: false, status: 401, durationMs: 5, error: { code: 'BAD_SIGNATURE', message: 'Unauthorized', retryable: false } }, now);
    expect(check).toMatchObject({ ok: false, title: 'Signature refused' });
    expect(check.message).toContain('custsecret_mlfx_relay_hmac differs from the relay');
  });

  it('a relay without /v1/ping that checked the signature, and a relay not reached', () => {
    expect(describeSignatureCheck({ ok: false, status: 404, durationMs: 5, error: { code: 'INVALID_REQUEST', message: 'No route POST /v1/ping', retryable: false } }, now).ok).toBe(true);
    expect(describeSignatureCheck({ ok: false, status: 0, durationMs: 0, error: { code: 'RELAY_UNAVAILABLE', message: 'The relay at https://x could not be reached', retryable: true } }, now)).toMatchObject({ ok: false, title: 'Relay not reached' });
  });
});
