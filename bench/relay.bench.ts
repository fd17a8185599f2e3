// The relay in-process: its real Hono app (signature check, validation, idempotency store), real
// FedexClient (token cache, limiter, retry) and the in-process FedEx double (schema validation,
// label rendering), with no socket between them (test/support/relay-harness.ts).
//
// Time for the relay and the double is one VirtualClock: when the relay's limiter holds a call back
// (1,400 FedEx transactions per 10 s, reached after about 1,400 creates here), the clock jumps
// instead of waiting, so these figures are CPU cost per request, never FedEx's rate limit. The
// limiter's own cost is measured at the end with a clock that never lets it wait.
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { TRACK_REQUEST_MAX, type CreateShipmentRequest } from '../shared/src/contract';
import { toFedexShipRequest } from '../shared/src/fedex/ship-request';
import { sampleRequest } from '../shared/src/test-fixtures';
import { createFedexLimiters, FEDEX_LIMITS } from '../relay/src/fedex/limiter';
import type { Clock } from '../relay/src/lib/clock';
import { relayHarness, TEST_START_MS } from '../test/support/relay-harness';

const CONCURRENCY = 50;
const ACCOUNT = '740561073';

// A relay that has run for an hour (its idempotency store's epoch), as in production: a create
// whose Shipment record NetSuite made after that (`firstAttemptAt`) goes to FedEx without a lookup.
const h = relayHarness({ storeEpochMs: TEST_START_MS - 3_600_000 });
let next = 0;
/**
 * A request no one has sent yet: every create bench call must buy a new label, not hit a replay.
 * `firstAttemptAt` as the SuiteApp sends it: its Shipment record's creation time, just now.
 */
const freshRequest = (): CreateShipmentRequest => ({ ...sampleRequest({ idempotencyKey: `BENCH-${++next}` }), firstAttemptAt: h.clock.now() });

async function create(req: CreateShipmentRequest, expectedStatus = 201) {
  const res = await h.createShipment(req);
  // A bench that measured 400s or 503s would look fast and mean nothing.
  if (res.status !== expectedStatus) throw new Error(`POST /v1/shipments: HTTP ${res.status} (expected ${expectedStatus}): ${JSON.stringify(res.body)}`);
  return res.body;
}

const replayRequest: CreateShipmentRequest = { ...sampleRequest({ idempotencyKey: 'BENCH-REPLAY' }), firstAttemptAt: TEST_START_MS };
const tracked: { trackingNumber: string; shipDate: string }[] = [];

beforeAll(async () => {
  await create(replayRequest);
  // 600 live shipments for the tracking bench, created through the relay like any other.
  for (let i = 0; i < TRACK_REQUEST_MAX / CONCURRENCY; i++) {
    const bodies = await Promise.all(Array.from({ length: CONCURRENCY }, () => create(freshRequest())));
    tracked.push(...bodies.map((b) => ({ trackingNumber: b.masterTrackingNumber as string, shipDate: b.shipDate as string })));
  }
});

afterAll(() => {
  const stats = h.double.stats;
  // Only the limiter's waits move the virtual clock here: say how far it moved, since none of it
  // shows in the timings above.
  console.log(
    `relay harness: ${stats.transactions.total.toLocaleString('en-US')} FedEx transactions; the limiter's waits moved the virtual clock ` +
      `${((h.clock.now() - TEST_START_MS) / 1000).toFixed(1)} s (no real time); FedEx double 429s: ${stats.status429}`,
  );
  if (stats.status429 !== 0) throw new Error(`the FedEx double answered ${stats.status429} × 429: the limiter let too much through`);
});

describe('relay in-process: create shipment', () => {
  // Baseline: the FedEx client and the double without the relay's HTTP layer and store. The
  // difference to the next line is what the relay's app adds per request.
  bench('FedexClient.createShipment → FedEx double only (baseline)', async () => {
    const req = freshRequest();
    const result = await h.fedex.createShipment(toFedexShipRequest(req, ACCOUNT), req.idempotencyKey);
    if (!result.ok) throw new Error(`FedEx double refused: ${JSON.stringify(result.errors)}`);
  });

  bench('POST /v1/shipments, 1 at a time', async () => {
    await create(freshRequest());
  });

  // Tens of ms per iteration: a longer run than the default 500 ms, for more than 10 samples.
  bench(
    `POST /v1/shipments, ${CONCURRENCY} concurrent (1 iteration = ${CONCURRENCY} requests)`,
    async () => {
      await Promise.all(Array.from({ length: CONCURRENCY }, () => create(freshRequest())));
    },
    { time: 1_500 },
  );

  // NetSuite resending a fulfillment it already shipped: answered from the idempotency store, no FedEx call.
  bench('POST /v1/shipments, replay of a stored result (same key and body)', async () => {
    const body = await create(replayRequest, 200);
    if (body.replayed !== true) throw new Error('the repeat was not answered from the store');
  });
});

describe('relay in-process: tracking', () => {
  bench(`POST /v1/tracking, ${TRACK_REQUEST_MAX} numbers (${TRACK_REQUEST_MAX / 30} FedEx Track requests)`, async () => {
    const res = await h.post('/v1/tracking', { shipments: tracked });
    const results = res.body.results as { found: boolean }[] | undefined;
    if (res.status !== 200 || results?.length !== TRACK_REQUEST_MAX || !results.every((r) => r.found)) {
      throw new Error(`POST /v1/tracking: HTTP ${res.status}, ${results?.filter((r) => r.found).length ?? 0} of ${TRACK_REQUEST_MAX} found`);
    }
  }, { time: 1_500 });
});

/** Time moves only when the bench says so; a limiter that tries to wait fails the bench, unless `sleeps` allows it. */
class StepClock implements Clock {
  t = Date.UTC(2026, 10, 24, 15);
  constructor(private readonly sleeps = false) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    if (this.sleeps) return Promise.resolve();
    return Promise.reject(new Error(`the limiter waited ${ms} ms: this bench must measure acquire without waiting`));
  }
}

describe('relay: FedEx limiter overhead (no waiting)', () => {
  // The production limiter (GCRA pacing, a turn every 7.29 ms), called just under FedEx's rate:
  // one call per 8 ms of clock time never has to wait for its turn.
  const steady = new StepClock();
  const steadyLimiter = createFedexLimiters(steady).api;
  bench('PacedLimiter.acquire, one call every 8 ms of clock time', async () => {
    steady.t += 8;
    await steadyLimiter.acquire();
  });

  // A CSV import's burst: a whole window's worth of calls asking at the same instant, each reserving
  // its turn; the clock's sleep returns at once, so this is the bookkeeping without the waiting.
  const burst = new StepClock(true);
  const burstLimiter = createFedexLimiters(burst).api;
  const perWindow = FEDEX_LIMITS.transactionsPerWindow;
  bench(`PacedLimiter.acquire × ${perWindow.toLocaleString('en-US')} asking at once (1 iteration = ${perWindow.toLocaleString('en-US')} calls)`, async () => {
    burst.t += FEDEX_LIMITS.windowMs * 2;
    await Promise.all(Array.from({ length: perWindow }, () => burstLimiter.acquire({ deadlineAt: burst.t + 600_000 })));
  });
});
