import { describe, expect, it } from 'vitest';
import { sampleRequest } from './test-fixtures';
import { validateCreateShipmentRequest } from './validate';

describe('validateCreateShipmentRequest', () => {
  it('accepts a complete request', () => {
    expect(validateCreateShipmentRequest(sampleRequest())).toMatchObject({ ok: true });
  });

  it('names every bad field at once', () => {
    const bad = sampleRequest() as unknown as Record<string, any>;
    bad.idempotencyKey = 'has spaces';
    bad.shipDate = '2026-02-30';
    bad.recipient.address.countryCode = 'ZZ';
    bad.recipient.contact.phoneNumber = '12';
    bad.packages = [{ weight: { units: 'LBS', value: 0 } }];
    delete bad.shipper.address.city;
    const result = validateCreateShipmentRequest(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(
      ['idempotencyKey', 'packages[0].weight.units', 'packages[0].weight.value', 'recipient.address.countryCode', 'recipient.contact.phoneNumber', 'shipDate', 'shipper.address.city'].sort(),
    );
  });

  it('refuses more than 40 packages, street lines over 35 characters and non-objects', () => {
    const many = sampleRequest({ packages: Array.from({ length: 41 }, () => ({ weight: { units: 'LB' as const, value: 1 } })) });
    expect(validateCreateShipmentRequest(many)).toMatchObject({ ok: false, problems: [{ path: 'packages' }] });
    const long = sampleRequest();
    long.recipient.address.streetLines = ['x'.repeat(36)];
    expect(validateCreateShipmentRequest(long)).toMatchObject({ ok: false, problems: [{ path: 'recipient.address.streetLines[0]' }] });
    expect(validateCreateShipmentRequest([])).toMatchObject({ ok: false });
  });
});
