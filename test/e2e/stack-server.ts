// Child process of the end-to-end tests: the FedEx double and the real relay, each on its own
// loopback port. They must live outside the test process, because a SuiteScript's N/https call
// blocks the test process's thread until the relay answers.
// Prints one JSON line {fedexUrl, relayUrl} when both listen; control the double via /__double/.
// The relay listens on https (a throwaway test certificate), because NetSuite's N/https refuses http.
import { createServer } from 'node:https';
import { serve } from '@hono/node-server';
import { ManualClock, startFedexDouble } from '../fedex-double';
import { FedexClient } from '../../relay/src/fedex/client';
import { createFedexLimiters, FEDEX_LIMITS } from '../../relay/src/fedex/limiter';
import { MemoryIdempotencyStore } from '../../relay/src/idempotency/store';
import { systemClock, type Clock } from '../../relay/src/lib/clock';
import { createApp } from '../../relay/src/lib/create-app';
import { createRelayMetrics, instrumentLimiters } from '../../relay/src/lib/metrics';
import { createJsonLogger } from '../../relay/src/lib/logger';
import { NetSuiteClient } from '../../relay/src/netsuite/client';
import { MemoryNonceStore } from '../../relay/src/security/nonce-store';

const options = JSON.parse(process.env.STACK_OPTIONS ?? '{}') as {
  sharedSecret: string;
  /** The relay's TLS key and certificate (test/support/test-tls.ts): NetSuite calls only https. */
  tls: { key: string; cert: string };
  fedexStartMs?: number;
  /** FedEx's daily Track quota in the double (default: FedEx's 100,000). */
  fedexTrackDailyQuota?: number;
  webhookSecurityToken?: string;
  /** FedEx's local time zone (default the double's, -05:00). */
  fedexUtcOffset?: string;
  /** FedEx transaction budget of the relay's limiter (e.g. a tiny one, to see RELAY_OVERLOADED). */
  fedexLimits?: { transactionsPerWindow: number; windowMs: number };
};

async function main(): Promise<void> {
  const fedex = await startFedexDouble({
    clock: new ManualClock(options.fedexStartMs ?? Date.now()),
    ...(options.fedexTrackDailyQuota ? { trackDailyQuota: options.fedexTrackDailyQuota } : {}),
    ...(options.webhookSecurityToken ? { webhookSecurityToken: options.webhookSecurityToken } : {}),
    ...(options.fedexUtcOffset ? { utcOffset: options.fedexUtcOffset } : {}),
  });
  // The relay's clock is real time, moved by tests that move FedEx's and NetSuite's clocks with it
  // (tracking scenarios over days): NetSuite's signatures are checked against it.
  let clockOffsetMs = 0;
  const clock: Clock = { now: () => Date.now() + clockOffsetMs, sleep: systemClock.sleep };
  const logs: string[] = [];
  // Metrics wired as relay/src/index.ts does: the console reads the limiter's line and the token from them.
  const metrics = createRelayMetrics();
  const client = new FedexClient({
    baseUrl: fedex.url,
    clientId: fedex.double.config.clientId,
    clientSecret: fedex.double.config.clientSecret,
    clock,
    // Token requests 100 ms apart instead of 2 s: scenarios jump the FedEx clock by hours, which
    // expires tokens, and the spacing itself is proven in relay/src (on a virtual clock).
    limiters: instrumentLimiters(createFedexLimiters(clock, { ...FEDEX_LIMITS, tokenIntervalMs: 100, ...options.fedexLimits }), metrics),
    // Real waits, kept to milliseconds so the scenarios stay fast.
    retry: { maxAttempts: 5, baseMs: 5, capMs: 40, budgetMs: 10_000 },
  });
  // Each test has its own NetSuite account (and RESTlet URL and credentials): the relay's NetSuite
  // client is configured per test through /__test/netsuite, as an operator would set its env.
  let netsuite: NetSuiteClient | undefined;
  const netsuiteProxy = {
    postRestlet: (payload: unknown) =>
      netsuite ? netsuite.postRestlet(payload) : Promise.resolve({ ok: false as const, status: 0, retryable: true, code: 'NOT_CONFIGURED', message: 'no NetSuite account configured' }),
  } as unknown as NetSuiteClient;
  const app = createApp({
    fedex: client,
    store: new MemoryIdempotencyStore(),
    nonces: new MemoryNonceStore(),
    clock,
    log: createJsonLogger((line) => logs.push(line)),
    metrics,
    sharedSecret: options.sharedSecret,
    ...(options.webhookSecurityToken ? { webhooks: { securityToken: options.webhookSecurityToken, netsuite: netsuiteProxy } } : {}),
  });
  // Test-only routes: the relay's own log lines (to prove secrets never reach them), and NetSuite access.
  app.get('/__test/logs', (c) => c.json({ logs }));
  app.post('/__test/netsuite', async (c) => {
    const body = (await c.req.json()) as { restletUrl: string; auth: ConstructorParameters<typeof NetSuiteClient>[0]['auth'] };
    netsuite = new NetSuiteClient({ restletUrl: body.restletUrl, auth: body.auth, clock });
    return c.json({ ok: true });
  });
  app.get('/__test/netsuite', (c) => c.json({ tokenRequests: netsuite?.tokenRequests ?? 0 }));
  app.post('/__test/clock', async (c) => {
    const body = (await c.req.json()) as { setMs?: number; advanceMs?: number; offsetMs?: number };
    // Forward only with setMs/advanceMs: the relay's limiters remember when they last let a call out.
    if (body.offsetMs !== undefined) clockOffsetMs = Number(body.offsetMs) || 0;
    if (body.setMs !== undefined && body.setMs < clock.now()) return c.json({ error: 'the relay clock only moves forward' }, 409);
    if (body.setMs !== undefined) clockOffsetMs = body.setMs - Date.now();
    if (body.advanceMs !== undefined) clockOffsetMs += Math.max(0, body.advanceMs);
    return c.json({ now: clock.now(), offsetMs: clockOffsetMs });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', createServer, serverOptions: { key: options.tls.key, cert: options.tls.cert } }, (info) => {
    process.stdout.write(`${JSON.stringify({ fedexUrl: fedex.url, relayUrl: `https://127.0.0.1:${info.port}` })}\n`);
  });
  const stop = () => {
    server.close();
    void fedex.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

void main();
