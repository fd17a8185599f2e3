import { describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../../test/support/relay-signing';
import { VirtualClock } from '../../../../test/support/virtual-clock';
import { RELAY_PATHS } from '../../../../shared/src/contract';
import { FedexClient } from '../../fedex/client';
import { createFedexLimiters } from '../../fedex/limiter';
import { MemoryIdempotencyStore } from '../../idempotency/store';
import { createApp } from '../../lib/create-app';
import { silentLogger } from '../../lib/logger';
import { MemoryNonceStore } from '../../security/nonce-store';

const SECRET = 'p'.repeat(40);

function relay() {
  const clock = new VirtualClock(Date.UTC(2026, 11, 1, 9, 30));
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
  const app = createApp({ fedex, store: new MemoryIdempotencyStore(), nonces: new MemoryNonceStore(() => clock.now()), clock, log: silentLogger, sharedSecret: SECRET });
  return { app, clock, fedexCalls: () => fedexCalls };
}

describe('POST /v1/ping', () => {
  it('answers a correctly signed call with the relay clock, and never calls FedEx', async () => {
    const { app, clock, fedexCalls } = relay();
    const res = await app.request(RELAY_PATHS.ping, { method: 'POST', body: '{}', headers: signedHeaders(SECRET, 'POST', RELAY_PATHS.ping, '{}', { nowMs: clock.now() }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, relayTime: '2026-12-01T09:30:00.000Z' });
    expect(fedexCalls()).toBe(0);
  });

  it('refuses a call signed with another secret like every signed route (401 BAD_SIGNATURE)', async () => {
    const { app, clock } = relay();
    const res = await app.request(RELAY_PATHS.ping, { method: 'POST', body: '{}', headers: signedHeaders('q'.repeat(40), 'POST', RELAY_PATHS.ping, '{}', { nowMs: clock.now() }) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_SIGNATURE');
  });
});
