import { describe, expect, it } from 'vitest';
import { createFedexDouble } from './app';
import { ManualClock } from './clock';
import { validateResponseBody } from './schemas';
import { isValidTrackingNumber, ShipmentStore, trackingCheckDigit } from './shipments';
import { buildShipRequest } from './request-builders';
import { apiClient, errorsOf, json, type ShipResponseBody } from './test-support';

describe('the FedEx surface', () => {
  it('answers unknown routes and wrong methods with FedEx’s 404 NOT.FOUND.ERROR envelope', async () => {
    const double = createFedexDouble();
    for (const response of [await double.fetch('/ship/v2/shipments', { method: 'POST' }), await double.fetch('/ship/v1/shipments')]) {
      expect(response.status).toBe(404);
      const body = await errorsOf(response);
      expect(body.errors[0]?.code).toBe('NOT.FOUND.ERROR');
      expect(validateResponseBody('ship.create', 404, body)).toEqual([]);
    }
  });

  it('echoes x-customer-transaction-id on errors too, and rejects non-JSON bodies with 400', async () => {
    const double = createFedexDouble();
    const token = double.issueToken();
    const notJson = await double.fetch('/ship/v1/shipments', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-customer-transaction-id': 'ct-x' },
      body: '{"accountNumber":',
    });
    expect(notJson.status).toBe(400);
    expect(await errorsOf(notJson)).toMatchObject({ customerTransactionId: 'ct-x', errors: [{ code: 'INVALID.INPUT.EXCEPTION' }] });
    const noContentType = await double.fetch('/ship/v1/shipments', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(buildShipRequest()) });
    expect(noContentType.status).toBe(400);
    expect((await errorsOf(noContentType)).errors[0]?.parameterList?.[0]?.value).toBe('content-type');
  });

  it('takes absolute URLs and Request objects through double.fetch, and plain Requests through app.fetch', async () => {
    const double = createFedexDouble();
    const init = { method: 'POST', headers: { authorization: `Bearer ${double.issueToken()}`, 'content-type': 'application/json' }, body: JSON.stringify(buildShipRequest()) };
    expect((await double.fetch(`${double.baseUrl}/ship/v1/shipments`, init)).status).toBe(200);
    expect((await double.fetch(new Request('http://anything.test/ship/v1/shipments', init))).status).toBe(200);
    expect((await double.app.fetch(new Request('http://anything.test/ship/v1/shipments', init))).status).toBe(200);
  });

  it('forgets everything on reset, and the clock goes back to its start', async () => {
    const double = createFedexDouble();
    const created = await json<ShipResponseBody>(await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-R' })));
    double.clock.advance(5_000);
    double.faults.failNext(3);
    double.reset();
    expect(double.shipments.all()).toEqual([]);
    expect(double.stats.shipmentsCreated).toBe(0);
    expect(double.faults.state().failNext).toEqual([]);
    expect(double.clock.now()).toBe(double.clock.startMs);
    expect(double.label(created.output.transactionShipments[0]!.masterTrackingNumber)).toBeUndefined();
  });
});

describe('ManualClock', () => {
  it('moves only when told to', () => {
    const clock = new ManualClock(1_000);
    expect(clock.advance(500)).toBe(1_500);
    expect(clock.set(10)).toBe(10);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.reset();
    expect(clock.now()).toBe(1_000);
  });
});

describe('tracking numbers', () => {
  it('are 12 digits with FedEx’s mod-11 check digit, as in FedEx’s samples', () => {
    for (const real of ['776094337676', '738488882438', '794953555571', '128667043726']) expect(isValidTrackingNumber(real)).toBe(true);
    expect(isValidTrackingNumber('776094337677')).toBe(false);
    const store = new ShipmentStore();
    const generated = Array.from({ length: 50 }, () => store.nextTrackingNumber());
    expect(new Set(generated).size).toBe(50);
    expect(generated.every(isValidTrackingNumber)).toBe(true);
    expect(trackingCheckDigit('79460000001')).toBe(0);
  });
});
