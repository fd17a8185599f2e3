import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunk, connectorStatus, isFinalStatus, readTrackResponse } from './tracking';

const sample = (name: string): unknown => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/fedex/samples', name), 'utf8'));

describe('tracking', () => {
  it('maps FedEx codes, falling back to the derived code, and knows the final states', () => {
    expect(connectorStatus('OD')).toBe('OUT_FOR_DELIVERY');
    expect(connectorStatus('ZZ', 'IT')).toBe('IN_TRANSIT');
    expect(connectorStatus('ZZ')).toBe('UNKNOWN');
    expect(isFinalStatus('DELIVERED')).toBe(true);
    expect(isFinalStatus('EXCEPTION')).toBe(false);
  });

  it('reads the real Ground answer: delivered, with time and signer', () => {
    const [status] = readTrackResponse(sample('track-200-real-ground-delivered-738488882438.json'), ['738488882438']);
    expect(status).toMatchObject({ trackingNumber: '738488882438', found: true, status: 'DELIVERED', fedexCode: 'DL' });
    expect(status?.deliveredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('picks, for a reused number, the result matching the ship date, else the newest', () => {
    const body = sample('track-200-real-express-776094337676.json');
    expect(readTrackResponse(body, ['776094337676'], { '776094337676': '2024-04-24' })[0]).toMatchObject({ fedexCode: 'FD', status: 'IN_TRANSIT' });
    const delivered = readTrackResponse(body, ['776094337676'], { '776094337676': '2024-04-25' })[0];
    expect(delivered).toMatchObject({ status: 'DELIVERED', receivedBy: 'D.HERRERA', deliveredAt: '2024-04-26T09:26:00-07:00' });
    expect(readTrackResponse(body, ['776094337676'])[0]?.status).toBe('DELIVERED');
  });

  it('turns a number FedEx cannot find into a per-number result', () => {
    const body = { output: { completeTrackResults: [{ trackingNumber: '1', trackResults: [{ trackingNumberInfo: { trackingNumber: '1' }, error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' } }] }] } };
    expect(readTrackResponse(body, ['1', '2'])).toEqual([
      { trackingNumber: '1', found: false, status: 'NOT_FOUND', error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' } },
      expect.objectContaining({ trackingNumber: '2', found: false, status: 'NOT_FOUND' }),
    ]);
  });

  it('chunks 95 numbers into 4 FedEx-sized batches', () => {
    expect(chunk(Array.from({ length: 95 }, (_, i) => i), 30).map((c) => c.length)).toEqual([30, 30, 30, 5]);
  });
});

describe('a package returning to the shipper (real answers in fedex/real-responses.test.ts)', () => {
  it('RS alone is a return in progress, never a final state', () => {
    expect(connectorStatus('RS')).toBe('RETURNING');
    expect(isFinalStatus('RETURNING')).toBe(false);
  });
});
