// Exactly one live FedEx shipment per fulfillment, with the relay as a real process that is killed,
// restarted, replayed at and whose Redis is wiped, counted where the merchant pays: at FedEx (the double).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis-server';
import type { RunningFedexDouble } from '../fedex-double';
import { createFor, freePort, liveFor, postSigned, relayEnv, send, startDoubleServer, startRelayProcess, endTest, waitFor, type Answer, type RelayProcess } from '../support/relay-process';

const CREATE = '/v1/shipments';

/** Runs `tasks` with at most `width` at a time, like the shipping queue's parallel map stage. */
async function pool<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

/** Resends until the relay gives a definite answer, as NetSuite's queue retries retryable failures. */
async function resendUntilDefinite(relay: RelayProcess, payload: unknown, maxMs = 120_000): Promise<Answer> {
  const until = Date.now() + maxMs;
  for (;;) {
    const answer = await postSigned(relay.url, CREATE, payload);
    const retryable = answer.status === 0 || answer.body?.error?.retryable === true;
    if (!retryable || Date.now() > until) return answer;
    await new Promise((r) => setTimeout(r, 250));
  }
}

let fedex: RunningFedexDouble;
let relay: RelayProcess | undefined;
beforeAll(async () => {
  fedex = await startDoubleServer();
});
afterEach(async (ctx) => {
  await endTest(ctx.task.result?.state === 'fail', relay, fedex);
  relay = undefined;
});
afterAll(() => fedex?.close());

/**
 * kill -9 while creates are in flight, then restart and resend every create that got no answer, as
 * the SuiteApp does; `attempt` as given. Returns what the fault table needs.
 */
async function killMidBurst(env: Record<string, string>, requests: ReturnType<typeof createFor>[], resendAttempt: (n: number) => number) {
  relay = await startRelayProcess(env);
  fedex.double.faults.setLatency(150, 'ship');
  const started = fedex.double.stats.shipmentsCreated;
  let answered = 0;
  const burst = pool(
    4,
    requests.map((req) => async () => {
      const answer = await postSigned((relay as RelayProcess).url, CREATE, req);
      if (answer.status === 201) answered++;
      return answer;
    }),
  );
  await waitFor('some answers, and a third of the burst at FedEx', () => answered >= 2 && fedex.double.stats.shipmentsCreated - started >= requests.length / 3);
  await relay.kill('SIGKILL');
  const lookupsBeforeCrash = fedex.double.stats.referenceTrackRequests;
  const first = await burst;
  fedex.double.faults.setLatency(0);
  const lost = requests.filter((_, i) => first[i]?.status !== 201);
  const restartedAt = Date.now();
  await relay.restart();
  const retried = await Promise.all(lost.map((req, i) => resendUntilDefinite(relay as RelayProcess, { ...req, attempt: resendAttempt(i) })));
  const recoveredMs = Date.now() - restartedAt;
  return { first, lost, retried, recoveredMs, lookupsBeforeCrash };
}

describe('kill -9 mid-burst, then restart and resend (relay state in memory)', () => {
  for (const [name, attempt] of [
    ['the same attempt', () => 1],
    ['a raised attempt', () => 2],
  ] as const) {
    it(`resending the lost creates with ${name} leaves exactly one live shipment per fulfillment`, async () => {
      const requests = Array.from({ length: 24 }, (_, i) => createFor(1000 + i, Date.now() - 60_000));
      const { first, lost, retried, recoveredMs } = await killMidBurst(relayEnv(fedex), requests, attempt);
      expect(lost.length).toBeGreaterThan(0); // the kill did cut creates off
      expect(first.filter((a) => a.status === 201).length).toBeGreaterThan(0);
      expect(retried.every((a) => a.status === 201)).toBe(true);
      for (const [i, req] of requests.entries()) {
        const live = liveFor(fedex, req.idempotencyKey);
        expect(live, req.idempotencyKey).toHaveLength(1);
        // The label NetSuite holds (received before the crash, or on the resend) is the one live.
        const answered = first[i]?.status === 201 ? first[i] : retried[lost.indexOf(req)];
        expect(live[0], req.idempotencyKey).toBe(answered?.body.masterTrackingNumber);
      }
      console.info(`[fault] kill -9 mid-burst, memory, resend with ${name}: ${lost.length}/${requests.length} lost, ${fedex.double.stats.cancellations} orphans voided, recovered in ${recoveredMs} ms`);
    });
  }
});

describe.skipIf(!hasRedisServer)('with Redis (shared state)', () => {
  let redis: TestRedis;
  let admin: Redis;
  beforeAll(async () => {
    redis = await startRedis({ port: await freePort() });
    admin = redis.connect();
  });
  afterAll(() => redis?.stop());
  /** A relay deployment whose Redis has been up for an hour: new keys go to FedEx without a lookup. */
  const redisUpForAnHour = () => admin.zadd('mlfx:sent', '+inf', `#epoch#${Date.now() - 3600_000}`);
  const env = () => relayEnv(fedex, { REDIS_URL: redis.url as string, RELAY_DEADLINE_MS: '5000' });

  for (const [name, attempt] of [
    ['the same attempt', () => 1],
    ['a raised attempt', () => 2],
  ] as const) {
    it(`kill -9 mid-burst, resend with ${name}: the markers in Redis make every lost create reconcile`, async () => {
      await admin.flushall();
      await redisUpForAnHour();
      const requests = Array.from({ length: 24 }, (_, i) => createFor(2000 + i, Date.now() - 60_000));
      const { first, lost, retried, recoveredMs, lookupsBeforeCrash } = await killMidBurst(env(), requests, attempt);
      // Before the crash the relay trusted its store: no lookups (the risky path the markers cover).
      expect(lookupsBeforeCrash).toBe(0);
      expect(first.filter((a) => a.status === 201).length).toBeGreaterThan(0);
      expect(lost.length).toBeGreaterThan(0);
      // 201, or 200 with the stored result of a create whose answer died with the process.
      expect(retried.filter((a) => a.status !== 201 && a.status !== 200).map((a) => a.body)).toEqual([]);
      for (const [i, req] of requests.entries()) {
        const live = liveFor(fedex, req.idempotencyKey);
        expect(live, req.idempotencyKey).toHaveLength(1);
        const answered = first[i]?.status === 201 ? first[i] : retried[lost.indexOf(req)];
        expect(live[0], req.idempotencyKey).toBe(answered?.body.masterTrackingNumber);
      }
      console.info(`[fault] kill -9 mid-burst, redis, resend with ${name}: ${lost.length}/${requests.length} lost, ${fedex.double.stats.cancellations} orphans voided, recovered in ${recoveredMs} ms (claims of the dead process expire after deadline + 20 s)`);
    }, 180_000);
  }

  it('Redis wiped between two attempts: the next one reconciles, whatever its attempt says', async () => {
    await admin.flushall();
    await redisUpForAnHour();
    relay = await startRelayProcess(env());
    const req = createFor(3001, Date.now() - 60_000);
    fedex.double.faults.dropResponseAfterCreate(1); // with a 5 s deadline there is no time for a second round
    const unclear = await postSigned(relay.url, CREATE, req);
    expect(unclear.body.error).toMatchObject({ code: 'FEDEX_OUTCOME_UNKNOWN', retryable: true });
    expect(liveFor(fedex, req.idempotencyKey)).toHaveLength(1); // a label nobody knows of
    await admin.flushall();
    const wipedAt = Date.now();
    const retry = await postSigned(relay.url, CREATE, req); // same attempt, same firstAttemptAt
    expect(retry.status).toBe(201);
    expect(liveFor(fedex, req.idempotencyKey)).toEqual([retry.body.masterTrackingNumber]);
    console.info(`[fault] Redis wiped between attempts: recovered in ${Date.now() - wipedAt} ms`);
  });

  it('a signed request captured before a Redis wipe is refused after it, on a relay that never restarted', async () => {
    await admin.flushall();
    relay = await startRelayProcess(env());
    const req = createFor(3002, Date.now() - 60_000);
    const original = await postSigned(relay.url, CREATE, req);
    expect(original.status).toBe(201);
    await admin.flushall();
    await new Promise((r) => setTimeout(r, 1100)); // the wipe is noticed in a later second than the signature's
    const replay = await send(relay.url, CREATE, original.sent.body, original.sent.headers);
    expect(replay.status).toBe(401);
    expect(liveFor(fedex, req.idempotencyKey)).toEqual([original.body.masterTrackingNumber]);
  });
});

describe('replays and unclear answers (relay state in memory)', () => {
  it('a captured signed create replayed after a restart is refused, and the original label stays the only one', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    const req = createFor(4001, Date.now() - 60_000);
    const original = await postSigned(relay.url, CREATE, req);
    expect(original.status).toBe(201);
    await relay.kill('SIGKILL');
    await relay.restart();
    const replay = await send(relay.url, CREATE, original.sent.body, original.sent.headers);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('BAD_SIGNATURE');
    expect(liveFor(fedex, req.idempotencyKey)).toEqual([original.body.masterTrackingNumber]);
    expect(relay.lines.some((l) => l.includes('signed before the nonce store'))).toBe(true);
  });

  it('two unclear answers in a row: OUTCOME_UNKNOWN (retryable), and a resend with the same attempt still ends with one', async () => {
    relay = await startRelayProcess(relayEnv(fedex));
    const req = createFor(4002, Date.now() - 60_000);
    fedex.double.faults.dropResponseAfterCreate(2);
    const unclear = await postSigned(relay.url, CREATE, req);
    expect(unclear.status).toBe(502);
    expect(unclear.body.error).toMatchObject({ code: 'FEDEX_OUTCOME_UNKNOWN', retryable: true });
    const again = await postSigned(relay.url, CREATE, req);
    expect(again.status).toBe(201);
    expect(liveFor(fedex, req.idempotencyKey)).toEqual([again.body.masterTrackingNumber]);
    // And once more after a restart: the stored answer is gone, the one label stays.
    await relay.kill('SIGKILL');
    await relay.restart();
    const afterRestart = await postSigned(relay.url, CREATE, req);
    expect(afterRestart.status).toBe(201);
    expect(liveFor(fedex, req.idempotencyKey)).toEqual([afterRestart.body.masterTrackingNumber]);
  });

  it('a FedEx answer slower than the deadline is not a late 201: the relay answers in time, and the retry reconciles', async () => {
    relay = await startRelayProcess(relayEnv(fedex, { RELAY_DEADLINE_MS: '5000' }));
    const req = createFor(4003, Date.now() - 60_000);
    fedex.double.faults.setLatency(8_000, 'ship');
    const started = Date.now();
    const slow = await postSigned(relay.url, CREATE, req);
    const answeredMs = Date.now() - started;
    expect(slow.body.error).toMatchObject({ code: 'FEDEX_OUTCOME_UNKNOWN', retryable: true });
    expect(answeredMs).toBeLessThan(8_000); // before FedEx even answered
    fedex.double.faults.setLatency(0);
    await waitFor('FedEx to finish the slow create', () => fedex.double.stats.shipmentsCreated >= 1, 20_000);
    const retry = await postSigned(relay.url, CREATE, req);
    expect(retry.status).toBe(201);
    expect(liveFor(fedex, req.idempotencyKey)).toEqual([retry.body.masterTrackingNumber]);
    console.info(`[fault] FedEx answering after 8 s, deadline 5 s: answered in ${answeredMs} ms`);
  });
});
