import { describe, expect, it } from 'vitest';
import { parsePrometheus, RELAY_METRICS } from '../../../shared/src/relay-status';
import type { FedexLimiters, Limiter } from '../fedex/limiter';
import { createRelayMetrics, instrumentLimiters } from './metrics';

/** A limiter that lets a call go only when the test says so, and counts the 429s it was told of. */
function gate(): Limiter & { open(): void; slowdowns: number } {
  const waiting: Array<() => void> = [];
  return {
    slowdowns: 0,
    acquire: () => new Promise<void>((resolve) => waiting.push(resolve)),
    open() {
      waiting.shift()?.();
    },
    rateLimited() {
      this.slowdowns++;
    },
  };
}

describe('instrumentLimiters', () => {
  it('counts the calls waiting for a turn under the name the admin console reads, 0 before any', async () => {
    const metrics = createRelayMetrics();
    const api = gate();
    const limiters = instrumentLimiters({ api, oauth: gate() } as FedexLimiters, metrics);
    const depth = async () => parsePrometheus(await metrics.registry.metrics())[RELAY_METRICS.limiterQueueDepth];
    expect(await depth()).toBe(0);
    const calls = [limiters.api.acquire(), limiters.api.acquire()];
    expect(await depth()).toBe(2);
    api.open();
    await calls[0];
    expect(await depth()).toBe(1);
    api.open();
    await calls[1];
    expect(await depth()).toBe(0);
  });

  it("passes FedEx's 429 on to the limiter it wraps (its slowdown)", () => {
    const api = gate();
    const limiters = instrumentLimiters({ api, oauth: gate() } as FedexLimiters, createRelayMetrics());
    limiters.api.rateLimited?.();
    expect(api.slowdowns).toBe(1);
  });

  it('reports the seconds left on the FedEx token, 0 when none is held', async () => {
    const metrics = createRelayMetrics();
    let left = 0;
    metrics.observeTokens({ expiresInSeconds: () => left });
    const read = async () => parsePrometheus(await metrics.registry.metrics())[RELAY_METRICS.fedexTokenExpiresInSeconds];
    expect(await read()).toBe(0);
    left = 3541;
    expect(await read()).toBe(3541);
  });
});
