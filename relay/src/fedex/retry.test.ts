import { describe, expect, it } from 'vitest';
import { backoffMs, isAmbiguous, isRetryable } from './retry';

describe('isRetryable', () => {
  it('retries reads on 429, 5xx and network errors, not on other 4xx', () => {
    for (const status of [429, 500, 502, 503, 504]) expect(isRetryable({ kind: 'response', status }, false)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(isRetryable({ kind: 'response', status }, false)).toBe(false);
    expect(isRetryable({ kind: 'network' }, false)).toBe(true);
  });

  it('retries a create only when FedEx cannot have acted on it', () => {
    expect(isRetryable({ kind: 'response', status: 429 }, true)).toBe(true);
    expect(isRetryable({ kind: 'response', status: 503 }, true)).toBe(true);
    expect(isRetryable({ kind: 'not-sent' }, true)).toBe(true);
    expect(isRetryable({ kind: 'response', status: 500 }, true)).toBe(false);
    expect(isRetryable({ kind: 'network' }, true)).toBe(false);
    expect(isAmbiguous({ kind: 'network' })).toBe(true);
    expect(isAmbiguous({ kind: 'response', status: 500 })).toBe(true);
    expect(isAmbiguous({ kind: 'response', status: 503 })).toBe(false);
  });
});

describe('backoffMs', () => {
  const policy = { baseMs: 100, capMs: 1000 };
  it('grows exponentially up to the cap, with full jitter', () => {
    expect(backoffMs(1, policy, () => 0.999999)).toBe(99);
    expect(backoffMs(3, policy, () => 0.999999)).toBe(399);
    expect(backoffMs(10, policy, () => 0.999999)).toBe(999);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
    expect(backoffMs(3, policy, () => 0.5)).toBe(200);
  });
});
