import { describe, expect, it } from 'vitest';
import { createFedexDouble, type FedexDouble } from './app';
import { FEDEX_ERRORS } from './errors';
import { SlidingWindowLimiter } from './rate-limits';
import { buildTrackRequest } from './request-builders';
import { apiClient, errorsOf, type ApiClient } from './test-support';

const TRACK = buildTrackRequest(['123456789012']);

async function burst(client: ApiClient, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i += 1) statuses.push((await client.post('/track/v1/trackingnumbers', TRACK)).status);
  return statuses;
}

describe('1,400 transactions per 10 s per project, sliding window', () => {
  it('refuses the 1,401st transaction within 10 s with 429 and FedEx’s message', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    const statuses = await burst(client, 1400);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await client.post('/track/v1/trackingnumbers', TRACK, { 'x-customer-transaction-id': 'ct-429' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    const body = await errorsOf(refused);
    expect(body.customerTransactionId).toBe('ct-429');
    expect(body.errors).toEqual([FEDEX_ERRORS.tooManyRequests()]);
    expect(body.errors[0]?.message).toBe('We have received too many requests in a short duration. Please wait a while to try again.');
    expect(double.stats.status429).toBe(1);
    expect(double.stats.transactions.total).toBe(1400);
  });

  it('is sliding: 1,400 at t=9.9 s leave no room at t=10.0 s, where a fixed window would reset', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    double.clock.advance(9_900);
    expect((await burst(client, 1400)).every((status) => status === 200)).toBe(true);
    double.clock.advance(100); // t = 10.0 s: a new fixed window would start here
    expect(await burst(client, 3)).toEqual([429, 429, 429]);
    double.clock.advance(9_899); // t = 19.899 s: the 1,400 from 9.9 s are still inside the last 10 s
    expect(await burst(client, 1)).toEqual([429]);
    double.clock.advance(1); // t = 19.9 s: they have left the window
    expect((await burst(client, 1400)).every((status) => status === 200)).toBe(true);
    expect(await burst(client, 1)).toEqual([429]);
    expect(double.stats.status429).toBe(5);
  });

  it('counts any 10-second span: 700 at t=0 and 700 at t=5 s leave no room at t=9.999 s, 700 free at t=10 s', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    await burst(client, 700);
    double.clock.advance(5_000);
    await burst(client, 700);
    double.clock.advance(4_999);
    expect(await burst(client, 1)).toEqual([429]);
    double.clock.advance(1);
    const statuses = await burst(client, 701);
    expect(statuses.filter((status) => status === 200)).toHaveLength(700);
    expect(statuses[700]).toBe(429);
  });

  it('keys the window by project (client id of the token)', async () => {
    const double: FedexDouble = createFedexDouble({
      transactionLimit: { max: 3, windowMs: 10_000 },
      projects: [{ clientId: 'other', clientSecret: 'x' }],
    });
    expect(await burst(apiClient(double), 4)).toEqual([200, 200, 200, 429]);
    expect(await burst(apiClient(double, double.issueToken('other')), 4)).toEqual([200, 200, 200, 429]);
    // Two tokens of the same project share its window.
    expect(await burst(apiClient(double), 1)).toEqual([429]);
  });

  it('does not count token requests as transactions', async () => {
    const double = createFedexDouble({ transactionLimit: { max: 2, windowMs: 10_000 } });
    for (let i = 0; i < 5; i += 1) {
      await double.fetch('/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: double.config.clientId, client_secret: double.config.clientSecret }),
      });
    }
    expect(await burst(apiClient(double), 3)).toEqual([200, 200, 429]);
  });
});

describe('SlidingWindowLimiter', () => {
  it('refuses a limit without a valid max, so a misspelt option cannot switch the limit off', () => {
    expect(() => new SlidingWindowLimiter({ limit: 20, windowMs: 10_000 } as unknown as { max: number; windowMs: number })).toThrow('transactionLimit.max');
  });

  it('admits at most max in any window of windowMs, and forgets refused attempts', () => {
    const limiter = new SlidingWindowLimiter({ max: 2, windowMs: 1_000 });
    expect([limiter.tryAcquire('p', 0), limiter.tryAcquire('p', 500), limiter.tryAcquire('p', 999)]).toEqual([true, true, false]);
    expect(limiter.tryAcquire('p', 1_000)).toBe(true); // the one at 0 left (t - 1000, t]
    expect(limiter.tryAcquire('p', 1_499)).toBe(false);
    expect(limiter.inWindow('p', 1_499)).toBe(2);
    expect(limiter.tryAcquire('q', 1_499)).toBe(true);
  });
});
