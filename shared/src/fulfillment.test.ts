import { describe, expect, it } from 'vitest';
import { becameShipped, buildCreateShipmentRequest, idempotencyKeyFor } from './fulfillment';
import { sampleSettings, sampleSnapshot } from './test-fixtures';

const fedex = { kind: 'fedex', serviceType: 'FEDEX_GROUND' } as const;

describe('becameShipped', () => {
  it.each([
    ['create', 'C', undefined, true],
    ['create', 'B', undefined, false],
    ['edit', 'C', 'B', true],
    ['edit', 'C', 'C', false],
    ['ship', 'C', 'A', true],
    ['xedit', 'C', 'B', true],
    ['xedit', undefined, 'C', false],
    ['xedit', '', 'B', false],
    ['delete', 'C', 'B', false],
    ['pack', 'B', 'A', false],
  ])('%s from %s (old %s) → %s', (type, next, old, expected) => {
    expect(becameShipped(type, next || undefined, old)).toBe(expected);
  });
});

describe('buildCreateShipmentRequest', () => {
  it('uses the ship-to address as NetSuite holds it and the fulfillment data', () => {
    const result = buildCreateShipmentRequest(sampleSnapshot(), fedex, sampleSettings);
    expect(result.kind).toBe('ready');
    if (result.kind !== 'ready') return;
    const r = result.request;
    expect(r.recipient.address).toEqual({ streetLines: ['1 Main St', 'Suite 200'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38116', countryCode: 'US', residential: false });
    expect(r.recipient.contact).toEqual({ personName: 'Dock 4', companyName: 'Acme Retail', phoneNumber: '901-555-0100', emailAddress: 'orders@acme.example' });
    expect(r.shipper.address.city).toBe('Nashville');
    expect(r.packages).toEqual([{ weight: { units: 'LB', value: 4.5 }, description: 'Box 1' }]);
    expect(r.items).toEqual([{ item: 'WIDGET-1', description: 'Blue widget', quantity: 3 }]);
    expect(r.serviceType).toBe('FEDEX_GROUND');
    expect(r.accountNumber).toBe('740561073');
    expect(r.idempotencyKey).toBe(idempotencyKeyFor('1234567_SB1', '501'));
  });

  it("prefers the customer's FedEx account over the global one", () => {
    const snap = sampleSnapshot({ customer: { ...sampleSnapshot().customer, fedexAccount: '111222333' } });
    const result = buildCreateShipmentRequest(snap, fedex, sampleSettings);
    expect(result.kind === 'ready' && result.request.accountNumber).toBe('111222333');
  });

  it('falls back to the customer phone when the address has none, and fails naming the phone when neither has one', () => {
    const noAddrPhone = sampleSnapshot({ shipTo: { ...sampleSnapshot().shipTo, addrphone: undefined } });
    const ok = buildCreateShipmentRequest(noAddrPhone, fedex, sampleSettings);
    expect(ok.kind === 'ready' && ok.request.recipient.contact.phoneNumber).toBe('(555) 010-2000');
    const none = sampleSnapshot({ shipTo: { ...sampleSnapshot().shipTo, addrphone: undefined }, customer: { isPerson: true, firstName: 'Ann', lastName: 'Lee' } });
    const failed = buildCreateShipmentRequest(none, fedex, sampleSettings);
    expect(failed).toMatchObject({ kind: 'failed', code: 'INVALID_SHIPMENT_DATA' });
    expect(failed.kind === 'failed' && failed.message).toMatch(/ship-to phone .*is required/);
  });

  it('skips ship methods that are not FedEx, and names an unmapped FedEx method', () => {
    expect(buildCreateShipmentRequest(sampleSnapshot(), { kind: 'not-fedex' }, sampleSettings).kind).toBe('skip');
    const unmapped = buildCreateShipmentRequest(sampleSnapshot(), { kind: 'fedex-unmapped' }, sampleSettings);
    expect(unmapped).toMatchObject({ kind: 'failed', code: 'CONFIGURATION' });
    expect(unmapped.kind === 'failed' && unmapped.message).toContain('"FedEx Ground" (internal id 77)');
  });

  it('fails without any FedEx account number, saying where to set one', () => {
    const { globalFedexAccount: _, ...noGlobal } = sampleSettings;
    const result = buildCreateShipmentRequest(sampleSnapshot(), fedex, noGlobal);
    expect(result).toMatchObject({ kind: 'failed', code: 'CONFIGURATION' });
    expect(result.kind === 'failed' && result.message).toMatch(/custentity_mlfx_fedex_account.*custscript_mlfx_fedex_account/);
  });

  it('rejects a country that is not an ISO code and a US address without state', () => {
    const bad = sampleSnapshot({ shipTo: { ...sampleSnapshot().shipTo, country: 'USA', state: undefined } });
    const result = buildCreateShipmentRequest(bad, fedex, sampleSettings);
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.problems.map((p) => p.path)).toContain('recipient.address.countryCode');
    const noState = buildCreateShipmentRequest(sampleSnapshot({ shipTo: { ...sampleSnapshot().shipTo, state: undefined } }), fedex, sampleSettings);
    expect(noState.kind === 'failed' && noState.problems.map((p) => p.path)).toEqual(['recipient.address.stateOrProvinceCode']);
  });

  it('never ships in the past: an old fulfillment date becomes today', () => {
    const old = sampleSnapshot({ fulfillment: { ...sampleSnapshot().fulfillment, tranDate: '2026-11-01' } });
    const result = buildCreateShipmentRequest(old, fedex, sampleSettings);
    expect(result.kind === 'ready' && result.request.shipDate).toBe('2026-11-24');
  });

  it('fails without packages or ship-from address', () => {
    expect(buildCreateShipmentRequest(sampleSnapshot({ packages: [] }), fedex, sampleSettings)).toMatchObject({ kind: 'failed', code: 'INVALID_SHIPMENT_DATA' });
    const noFrom = sampleSnapshot();
    delete noFrom.shipFrom;
    expect(buildCreateShipmentRequest(noFrom, fedex, sampleSettings)).toMatchObject({ kind: 'failed', message: expect.stringContaining('ship-from') });
  });
});
