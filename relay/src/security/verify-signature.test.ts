import { describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../test/support/relay-signing';
import { VirtualClock } from '../../../test/support/virtual-clock';
import { FedexClient } from '../fedex/client';
import { createFedexLimiters } from '../fedex/limiter';
import { MemoryIdempotencyStore } from '../idempotency/store';
import { createApp } from '../lib/create-app';
import { silentLogger } from '../lib/logger';
import { MemoryNonceStore } from './nonce-store';

const SECRET = 's'.repeat(40);

function app() {
  const clock = new VirtualClock(Date.UTC(2026, 10, 24, 12));
  let fedexCalls = 0;
  const fedex = new FedexClient({
    baseUrl: 'http://fedex.invalid',
    clientId: 'id',
    clientSecret: 'secret',
    clock,
    limiters: createFedexLimiters(clock),
    fetch: async () => {
      fedexCalls++;
      throw new Error('no FedEx in this test');
    },
  });
  const relay = createApp({ fedex, store: new MemoryIdempotencyStore(), nonces: new MemoryNonceStore(() => clock.now()), clock, log: silentLogger, sharedSecret: SECRET });
  return { relay, clock, fedexCalls: () => fedexCalls };
}

// A body the validator refuses: once authenticated, the relay answers 400 without calling FedEx.
const BODY = JSON.stringify({ idempotencyKey: 'k1' });

describe('relay authentication', () => {
  it('lets a correctly signed call through to validation', async () => {
    const { relay, clock } = app();
    const res = await relay.request('/v1/shipments', { method: 'POST', body: BODY, headers: signedHeaders(SECRET, 'POST', '/v1/shipments', BODY, { nowMs: clock.now() }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(body.error.code).toBe('INVALID_REQUEST');
    expect(body.error.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['source', 'serviceType', 'recipient', 'packages']));
  });

  it('refuses a bad signature, a wrong secret, an old timestamp, a changed body and a replay, all alike', async () => {
    const { relay, clock, fedexCalls } = app();
    const now = clock.now();
    const good = signedHeaders(SECRET, 'POST', '/v1/shipments', BODY, { nowMs: now });
    const cases: Record<string, RequestInit> = {
      'no signature': { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' } },
      'wrong secret': { method: 'POST', body: BODY, headers: signedHeaders('x'.repeat(40), 'POST', '/v1/shipments', BODY, { nowMs: now }) },
      'old timestamp': { method: 'POST', body: BODY, headers: signedHeaders(SECRET, 'POST', '/v1/shipments', BODY, { nowMs: now - 301_000 }) },
      'future timestamp': { method: 'POST', body: BODY, headers: signedHeaders(SECRET, 'POST', '/v1/shipments', BODY, { nowMs: now + 301_000 }) },
      'changed body': { method: 'POST', body: BODY.replace('k1', 'k2'), headers: good },
      'other path': { method: 'POST', body: BODY, headers: signedHeaders(SECRET, 'POST', '/v1/other', BODY, { nowMs: now }) },
    };
    const first = await relay.request('/v1/shipments', { method: 'POST', body: BODY, headers: good });
    expect(first.status).toBe(400);
    cases.replay = { method: 'POST', body: BODY, headers: good };
    const answers = new Set<string>();
    for (const [name, init] of Object.entries(cases)) {
      const res = await relay.request('/v1/shipments', init);
      expect(res.status, name).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string; requestId?: string } };
      answers.add(JSON.stringify({ code: body.error.code, message: body.error.message }));
    }
    expect([...answers]).toEqual([JSON.stringify({ code: 'BAD_SIGNATURE', message: 'Unauthorized' })]);
    expect(fedexCalls()).toBe(0);
  });

  it('serves /health without a signature', async () => {
    const { relay } = app();
    expect((await relay.request('/health')).status).toBe(200);
  });

  it('accepts the previous secret while it is rotated, and only then', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 24, 12));
    const fedex = new FedexClient({ baseUrl: 'http://fedex.invalid', clientId: 'id', clientSecret: 'secret', clock, limiters: createFedexLimiters(clock) });
    const old = 'o'.repeat(40);
    const make = (previousSharedSecret?: string) =>
      createApp({ fedex, store: new MemoryIdempotencyStore(), nonces: new MemoryNonceStore(() => clock.now()), clock, log: silentLogger, sharedSecret: SECRET, ...(previousSharedSecret ? { previousSharedSecret } : {}) });
    const signedWith = (secret: string) => ({ method: 'POST', body: BODY, headers: signedHeaders(secret, 'POST', '/v1/shipments', BODY, { nowMs: clock.now() }) });
    expect((await make(old).request('/v1/shipments', signedWith(old))).status).toBe(400); // through to validation
    expect((await make(old).request('/v1/shipments', signedWith(SECRET))).status).toBe(400);
    expect((await make().request('/v1/shipments', signedWith(old))).status).toBe(401);
  });
});
