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
  it('uses the ship-to address and the fulfillment data, in the form FedEx takes', () => {
    const result = buildCreateShipmentRequest(sampleSnapshot(), fedex, sampleSettings);
    expect(result.kind).toBe('ready');
    if (result.kind !== 'ready') return;
    const r = result.request;
    expect(r.recipient.address).toEqual({ streetLines: ['1 Main St', 'Suite 200'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38116', countryCode: 'US', residential: false });
    expect(r.recipient.contact).toEqual({ personName: 'Dock 4', companyName: 'Acme Retail', phoneNumber: '9015550100', emailAddress: 'orders@acme.example' });
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
    expect(ok.kind === 'ready' && ok.request.recipient.contact.phoneNumber).toBe('5550102000');
    const none = sampleSnapshot({ shipTo: { ...sampleSnapshot().shipTo, addrphone: undefined }, customer: { isPerson: true, firstName: 'Ann', lastName: 'Lee' } });
    const failed = buildCreateShipmentRequest(none, fedex, sampleSettings);
    expect(failed).toMatchObject({ kind: 'failed', code: 'INVALID_SHIPMENT_DATA' });
    expect(failed.kind === 'failed' && failed.message).toMatch(/Recipient phone is required \(fix: the ship-to address phone, else the customer's phone\)/);
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
    expect(result.kind === 'failed' && result.message).toMatch(/custentity_mlfx_fedex_account.*custrecord_mlfx_set_fedex_account/);
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

describe('buildCreateShipmentRequest: FedEx rules before any FedEx call', () => {
  it("refuses data FedEx would refuse with a message a fulfillment clerk can act on", () => {
    const result = buildCreateShipmentRequest(sampleSnapshot({ shipTo: { ...sampleSnapshot().shipTo, addrphone: '555-01' } }), fedex, sampleSettings);
    expect(result).toMatchObject({ kind: 'failed', code: 'INVALID_SHIPMENT_DATA' });
    expect(result.kind === 'failed' && result.message).toBe(
      "The fulfillment cannot make a FedEx shipment: Recipient phone '555-01' has 5 digits; FedEx needs 10 for US addresses (fix: the ship-to address phone, else the customer's phone)",
    );
    expect(result.kind === 'failed' && result.problems).toEqual([{ path: 'recipient.contact.phoneNumber', message: "'555-01' has 5 digits; FedEx needs 10 for US addresses" }]);
  });

  it('ships a residential US address by Home Delivery when the ship method says FedEx Ground', () => {
    const home = sampleSnapshot({ shipTo: { ...sampleSnapshot().shipTo, isresidential: true } });
    expect(buildCreateShipmentRequest(home, fedex, sampleSettings)).toMatchObject({ kind: 'ready', request: { serviceType: 'GROUND_HOME_DELIVERY', recipient: { address: { residential: true } } } });
    // Over Home Delivery's 70 lb, FedEx carries a residential package by Ground (with a surcharge).
    const heavy = sampleSnapshot({ shipTo: home.shipTo, packages: [{ weight: 80 }] });
    expect(buildCreateShipmentRequest(heavy, fedex, sampleSettings)).toMatchObject({ kind: 'ready', request: { serviceType: 'FEDEX_GROUND' } });
    // The service map can name another residential service for the ship method.
    const express = buildCreateShipmentRequest(home, { ...fedex, residentialServiceType: 'FEDEX_EXPRESS_SAVER' }, sampleSettings);
    expect(express).toMatchObject({ kind: 'ready', request: { serviceType: 'FEDEX_EXPRESS_SAVER' } });
    // Home Delivery to a business goes Ground.
    expect(buildCreateShipmentRequest(sampleSnapshot(), { kind: 'fedex', serviceType: 'GROUND_HOME_DELIVERY' }, sampleSettings)).toMatchObject({ kind: 'ready', request: { serviceType: 'FEDEX_GROUND' } });
  });

  it('weighs the shipment from the items when NetSuite has no package weight', () => {
    const snap = sampleSnapshot({ packages: [], items: [{ item: 'WIDGET-1', quantity: 3, weight: 12, weightUnit: 'oz' }, { item: 'GADGET-7', quantity: 1, weight: 1, weightUnit: 'kg' }] });
    const result = buildCreateShipmentRequest(snap, fedex, sampleSettings);
    expect(result.kind === 'ready' && result.request.packages).toEqual([{ weight: { units: 'LB', value: 4.45 } }]);
    const unweighed = buildCreateShipmentRequest(sampleSnapshot({ packages: [{ weight: 0 }] }), fedex, sampleSettings);
    expect(unweighed.kind === 'failed' && unweighed.message).toMatch(/: Package 1 weight \(LB\) must be above 0 \(got 0\) \(fix: the fulfillment's package weights, or the items' weights\)/);
  });
});

describe('buildCreateShipmentRequest: international', () => {
  const toGb = (items = [
    { item: 'WIDGET-1', description: 'Blue widget', quantity: 3, unitPrice: 19.99, countryOfManufacture: 'US', harmonizedCode: '8471.30', weight: 1, weightUnit: 'lb' },
    { item: 'GADGET-7', quantity: 1, unitPrice: 5, countryOfManufacture: 'CN' },
  ]) =>
    sampleSnapshot({
      salesOrder: { id: '400', tranId: 'SO400', currency: 'USD' },
      shipTo: { addressee: 'Ann Lee', addr1: '10 Downing St', city: 'London', zip: 'sw1a 2aa', country: 'GB', addrphone: '020 7946 0958', isresidential: true },
      items,
    });
  const priority = { kind: 'fedex', serviceType: 'FEDEX_INTERNATIONAL_PRIORITY' } as const;

  it('declares each item line to customs, valued from the order, classified from the item record', () => {
    const result = buildCreateShipmentRequest(toGb(), priority, { ...sampleSettings, electronicTradeDocuments: true });
    expect(result.kind).toBe('ready');
    if (result.kind !== 'ready') return;
    expect(result.request.customs).toEqual({
      currency: 'USD',
      dutiesPayment: 'SENDER',
      electronicTradeDocuments: true,
      invoiceNumber: 'SO400',
      commodities: [
        { item: 'WIDGET-1', description: 'Blue widget', quantity: 3, quantityUnits: 'EA', unitPrice: 19.99, customsValue: 59.97, countryOfManufacture: 'US', harmonizedCode: '847130', weight: 1.36 },
        { item: 'GADGET-7', description: 'GADGET-7', quantity: 1, quantityUnits: 'EA', unitPrice: 5, customsValue: 5, countryOfManufacture: 'CN' },
      ],
    });
    expect(result.request.packages[0]?.weight).toEqual({ units: 'KG', value: 2.04 });
    expect(result.request.recipient.address.postalCode).toBe('SW1A 2AA');
    // Duties paid by the recipient are billed to the customer's FedEx account; without one, the fulfillment says so.
    const withAccount = { ...toGb(), customer: { ...sampleSnapshot().customer, fedexAccount: '740561073' } };
    expect(buildCreateShipmentRequest(withAccount, priority, { ...sampleSettings, dutiesPayment: 'RECIPIENT' })).toMatchObject({
      kind: 'ready',
      request: { customs: { dutiesPayment: 'RECIPIENT', dutiesAccountNumber: '740561073', electronicTradeDocuments: false } },
    });
    const noAccount = buildCreateShipmentRequest(toGb(), priority, { ...sampleSettings, dutiesPayment: 'RECIPIENT' });
    expect(noAccount.kind === 'failed' && noAccount.message).toMatch(/Recipient's FedEx account for duties is required when the recipient pays duties/);
  });

  it('fails naming each item that lacks what customs needs', () => {
    const result = buildCreateShipmentRequest(toGb([{ item: 'WIDGET-1', quantity: 3, unitPrice: 19.99 } as never, { item: 'GADGET-7', quantity: 1, countryOfManufacture: 'CN' } as never]), priority, sampleSettings);
    expect(result).toMatchObject({ kind: 'failed', code: 'INVALID_SHIPMENT_DATA' });
    if (result.kind !== 'failed') return;
    expect(result.message).toContain("Item 'WIDGET-1' has no Country of Manufacture: set it on the item record (FedEx needs it to clear customs into GB)");
    expect(result.message).toContain("Item 'GADGET-7' has no price on the sales order");
    expect(result.problems.map((p) => p.path)).toEqual(['customs.commodities[0].countryOfManufacture', 'customs.commodities[1].unitPrice']);
  });

  it('refuses a domestic-only service across a border, naming the ship method to fix', () => {
    const result = buildCreateShipmentRequest(toGb(), { kind: 'fedex', serviceType: 'FEDEX_2_DAY' }, sampleSettings);
    expect(result.kind === 'failed' && result.message).toMatch(
      /^The fulfillment cannot make a FedEx shipment: Ship method "FedEx Ground" \(FedEx Service Map: FEDEX_2_DAY\): FEDEX_2_DAY is a FedEx service for shipments within one country, and this one goes from US to GB: .*fix the ship method's row in the FedEx Service Map/,
    );
  });

  it('needs the order currency', () => {
    const snap = { ...toGb(), salesOrder: { id: '400' } };
    const result = buildCreateShipmentRequest(snap, priority, sampleSettings);
    expect(result.kind === 'failed' && result.problems.map((p) => p.path)).toEqual(['customs.currency']);
  });
});
