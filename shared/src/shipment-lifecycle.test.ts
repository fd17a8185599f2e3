import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors';
import type { ShipmentState } from './shipment-lifecycle';
import { CLAIM_LEASE_MS, classifyFailure, generationOfKey, keyForGeneration, leftShipped, nextAttemptAt, queueWorkFor, statusAfterFailedCreate } from './shipment-lifecycle';

const MIN = 60_000;
const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

describe('classifyFailure', () => {
  it('calls every answer-less failure unknown, except the ones that prove nothing left NetSuite', () => {
    for (const transportError of ['SSS_REQUEST_TIME_EXCEEDED', 'SSS_CONNECTION_CLOSED', 'SSS_CONNECTION_TIME_OUT', undefined]) {
      expect(classifyFailure({ code: 'RELAY_UNAVAILABLE', status: 0, ...(transportError ? { transportError } : {}) })).toBe('unknown');
    }
    expect(classifyFailure({ code: 'RELAY_UNAVAILABLE', status: 0, transportError: 'SSS_UNKNOWN_HOST' })).toBe('passing');
    expect(classifyFailure({ code: 'RELAY_UNAVAILABLE', status: 0, transportError: 'SSS_INVALID_URL' })).toBe('passing');
  });

  it('trusts the relay’s own codes, and reads a foreign 5xx as unknown, a foreign 4xx as refused', () => {
    expect(classifyFailure({ code: 'FEDEX_OUTCOME_UNKNOWN', status: 502, fromRelay: true })).toBe('unknown');
    expect(classifyFailure({ code: 'INTERNAL', status: 500, fromRelay: true })).toBe('unknown');
    expect(classifyFailure({ code: 'IDEMPOTENCY_IN_PROGRESS', status: 409, fromRelay: true })).toBe('unknown');
    expect(classifyFailure({ code: 'RELAY_OVERLOADED', status: 503, fromRelay: true })).toBe('passing');
    expect(classifyFailure({ code: 'FEDEX_RATE_LIMITED', status: 503, fromRelay: true })).toBe('passing');
    expect(classifyFailure({ code: 'FEDEX_REJECTED', status: 422, fromRelay: true })).toBe('final');
    // A create refused because an earlier attempt's live label cannot be voided: a label exists.
    expect(classifyFailure({ code: 'FEDEX_VOID_REFUSED', status: 422, fromRelay: true })).toBe('unknown');
    expect(classifyFailure({ code: 'INVALID_SHIPMENT_DATA', status: 400, fromRelay: true })).toBe('final');
    expect(classifyFailure({ code: 'RELAY_UNAVAILABLE', status: 504, fromRelay: false })).toBe('unknown');
    expect(classifyFailure({ code: 'RELAY_UNAVAILABLE', status: 502, fromRelay: false })).toBe('unknown');
    expect(classifyFailure({ code: 'RELAY_UNAVAILABLE', status: 404, fromRelay: false })).toBe('passing');
  });

  it('takes a request that never left NetSuite at its word', () => {
    expect(classifyFailure({ code: 'CONFIGURATION', status: 0, sent: false })).toBe('final');
    expect(classifyFailure({ code: 'RELAY_UNAVAILABLE', status: 0, sent: false })).toBe('passing');
  });

  it('gives every error code a kind', () => {
    for (const code of ERROR_CODES) expect(['final', 'passing', 'unknown']).toContain(classifyFailure({ code, status: 500, fromRelay: true }));
  });
});

describe('statusAfterFailedCreate', () => {
  it('never ends FAILED while FedEx may hold a label, whatever the attempts', () => {
    expect(statusAfterFailedCreate('unknown', 1, 4)).toBe('UNKNOWN');
    expect(statusAfterFailedCreate('unknown', 99, 4)).toBe('UNKNOWN');
    expect(statusAfterFailedCreate('passing', 3, 4)).toBe('RETRYING');
    expect(statusAfterFailedCreate('passing', 4, 4)).toBe('FAILED');
    expect(statusAfterFailedCreate('final', 1, 4)).toBe('FAILED');
  });
});

describe('nextAttemptAt', () => {
  it('backs off exponentially from 5 minutes, capped at 6 hours, spread ±20 %', () => {
    expect(nextAttemptAt(NOW, 1, 0.5) - NOW).toBe(5 * MIN);
    expect(nextAttemptAt(NOW, 2, 0.5) - NOW).toBe(10 * MIN);
    expect(nextAttemptAt(NOW, 4, 0.5) - NOW).toBe(40 * MIN);
    expect(nextAttemptAt(NOW, 30, 0.5) - NOW).toBe(360 * MIN);
    expect(nextAttemptAt(NOW, 1, 0) - NOW).toBe(4 * MIN);
    expect(nextAttemptAt(NOW, 1, 0.999999) - NOW).toBeCloseTo(6 * MIN, -2);
  });

  it('never comes back before the relay’s Retry-After', () => {
    expect(nextAttemptAt(NOW, 1, 0.5, 900) - NOW).toBe(15 * MIN);
    expect(nextAttemptAt(NOW, 1, 0.5, 30) - NOW).toBe(5 * MIN);
  });
});

describe('queueWorkFor', () => {
  const state = (s: Partial<ShipmentState>): ShipmentState => ({ status: 'QUEUED', attempts: 0, hasSentRequest: false, ...s });

  it('ships queued Shipments, and due passing failures', () => {
    expect(queueWorkFor(state({}), NOW)).toBe('ship');
    expect(queueWorkFor(state({ status: 'RETRYING', attempts: 1, nextAttemptAt: NOW - 1 }), NOW)).toBe('ship');
    expect(queueWorkFor(state({ status: 'RETRYING', attempts: 1, nextAttemptAt: NOW + 1 }), NOW)).toBe('wait');
  });

  it('reconciles an unknown outcome when due, and a PENDING Shipment whose claim outlived its lease', () => {
    expect(queueWorkFor(state({ status: 'UNKNOWN', attempts: 1, hasSentRequest: true, nextAttemptAt: NOW }), NOW)).toBe('reconcile');
    const pending = state({ status: 'PENDING', attempts: 1, hasSentRequest: true, claim: 'UE:1:x' });
    expect(queueWorkFor({ ...pending, claimedAt: NOW - CLAIM_LEASE_MS + MIN }, NOW)).toBe('wait');
    expect(queueWorkFor({ ...pending, claimedAt: NOW - CLAIM_LEASE_MS - 1 }, NOW)).toBe('reconcile');
    // Died before anything was sent: ship it afresh.
    expect(queueWorkFor(state({ status: 'PENDING', claimedAt: NOW - 2 * CLAIM_LEASE_MS }), NOW)).toBe('ship');
  });

  it('leaves a Shipment another script holds, but not one its own run holds (a restarted map call)', () => {
    const held = state({ claim: 'MR:a', claimedAt: NOW - MIN });
    expect(queueWorkFor(held, NOW, 'MR:b')).toBe('wait');
    expect(queueWorkFor(held, NOW, 'MR:a')).toBe('ship');
    expect(queueWorkFor({ ...held, status: 'PENDING', hasSentRequest: true }, NOW, 'MR:a')).toBe('reconcile');
  });

  it('voids what a void was asked for, including a create that won the race against it', () => {
    expect(queueWorkFor(state({ status: 'VOIDING', nextAttemptAt: NOW }), NOW)).toBe('void');
    expect(queueWorkFor(state({ status: 'CREATED', voidReason: 'deleted' }), NOW)).toBe('void');
    expect(queueWorkFor(state({ status: 'QUEUED', voidReason: 'deleted' }), NOW)).toBe('void');
    expect(queueWorkFor(state({ status: 'CREATED' }), NOW)).toBe('none');
    expect(queueWorkFor(state({ status: 'CREATED', fulfillmentPending: true }), NOW)).toBe('finish');
    expect(queueWorkFor(state({ status: 'CREATED', invoicePending: true }), NOW)).toBe('finish');
    expect(queueWorkFor(state({ status: 'CREATED', fulfillmentPending: true, voidReason: 'deleted' }), NOW)).toBe('void');
    expect(queueWorkFor(state({ status: 'FAILED' }), NOW)).toBe('none');
    expect(queueWorkFor(state({ status: 'VOIDED' }), NOW)).toBe('none');
  });
});

describe('leftShipped', () => {
  it('is a move from Shipped back to Picked or Packed, by edit, inline edit or Mark Packed', () => {
    expect(leftShipped('edit', 'B', 'C')).toBe(true);
    expect(leftShipped('xedit', 'A', 'C')).toBe(true);
    expect(leftShipped('pack', 'B', 'C')).toBe(true);
    expect(leftShipped('edit', 'C', 'C')).toBe(false);
    expect(leftShipped('edit', 'B', 'A')).toBe(false);
    expect(leftShipped('xedit', undefined, 'C')).toBe(false); // shipstatus not part of the inline edit
    expect(leftShipped('delete', undefined, 'C')).toBe(false);
  });
});

describe('keyForGeneration', () => {
  it('keeps the first key, suffixes later ones, and stays within FedEx’s 40 characters', () => {
    const base = 'NS1234567SB1-IF9876';
    expect(keyForGeneration(base, 1)).toBe(base);
    expect(keyForGeneration(base, 2)).toBe(`${base}-R2`);
    expect(generationOfKey(base, `${base}-R2`)).toBe(2);
    expect(generationOfKey(base, base)).toBe(1);
    const long = 'N'.repeat(40);
    expect(keyForGeneration(long, 12)).toHaveLength(40);
    expect(keyForGeneration(long, 12).endsWith('-R12')).toBe(true);
  });
});
