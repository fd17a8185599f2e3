import { describe, expect, it } from 'vitest';
import type { CreateShipmentResponse } from '../../../shared/src/contract';
import { MemoryIdempotencyStore } from './store';

const response = (key: string, size = 10): CreateShipmentResponse => ({
  idempotencyKey: key,
  masterTrackingNumber: '1',
  trackingNumbers: ['1'],
  serviceType: 'FEDEX_GROUND',
  shipDate: '2026-11-24',
  accountNumber: '740561073',
  labels: [{ trackingNumber: '1', contentType: 'application/pdf', content: 'x'.repeat(size) }],
  fedexTransactionId: 't',
  replayed: false,
  notes: [],
});

describe('MemoryIdempotencyStore', () => {
  it('gives a key to one claimant; others see the in-flight entry until it completes', async () => {
    const store = new MemoryIdempotencyStore();
    expect(await store.claim('k', 'f')).toBeUndefined();
    const held = await store.claim('k', 'f');
    expect(held?.state).toBe('in-flight');
    let released = false;
    void (held as { done: Promise<void> }).done.then(() => (released = true));
    await store.complete('k', response('k'));
    await Promise.resolve();
    expect(released).toBe(true);
    expect((await store.claim('k', 'f'))?.state).toBe('completed');
  });

  it('forgets released keys, expires old entries and evicts the oldest beyond its byte budget', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ ttlMs: 1000, maxBytes: 2_000, now: () => now });
    await store.claim('a', 'f');
    await store.release('a');
    expect(await store.get('a')).toBeUndefined();
    await store.claim('b', 'f');
    await store.complete('b', response('b', 900));
    await store.claim('c', 'f');
    await store.complete('c', response('c', 900));
    await store.claim('d', 'f');
    await store.complete('d', response('d', 900));
    expect(await store.get('b')).toBeUndefined();
    expect((await store.get('d'))?.state).toBe('completed');
    now = 5_000;
    expect(await store.get('d')).toBeUndefined();
  });
});

describe('MemoryIdempotencyStore sent-markers', () => {
  it('knows its epoch, keeps markers past the result they belong to, and drops them after their TTL', async () => {
    let now = 1_000;
    const store = new MemoryIdempotencyStore({ now: () => now, maxBytes: 100, sentTtlMs: 10_000 });
    expect(await store.sentState('k')).toEqual({ epoch: 1_000, sent: false });
    await store.claim('k', 'f');
    await store.markSent('k');
    await store.complete('k', response('k', 500)); // beyond maxBytes: the result is evicted at once
    expect(await store.get('k')).toBeUndefined();
    expect(await store.sentState('k')).toEqual({ epoch: 1_000, sent: true });
    now = 12_000;
    expect((await store.sentState('k')).sent).toBe(false);
    await store.markSent('k');
    await store.clearSent('k');
    expect((await store.sentState('k')).sent).toBe(false);
  });

  it('forgets a completed result but never an in-flight claim', async () => {
    const store = new MemoryIdempotencyStore();
    await store.claim('a', 'f');
    await store.forget('a');
    expect((await store.get('a'))?.state).toBe('in-flight');
    expect(await store.complete('a', response('a'))).toBe(true);
    await store.forget('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.complete('a', response('a'))).toBe(false);
  });
});
