// Every request the shared validation accepts must map to a body FedEx's own schema accepts: the
// relay never sends FedEx something its schema rejects.
import { describe, expect, it } from 'vitest';
import { validateRequestBody } from '../../../test/fedex-double';
import type { CreateShipmentRequest } from '../contract';
import { sampleRequest } from '../test-fixtures';
import { validateCreateShipmentRequest } from '../validate';
import { toFedexShipRequest } from './ship-request';

const variants: [string, CreateShipmentRequest][] = [
  ['single package', sampleRequest()],
  ['multi-piece with dimensions', sampleRequest({ packages: [{ weight: { units: 'LB', value: 1 }, dimensions: { length: 10, width: 8, height: 4, units: 'IN' } }, { weight: { units: 'LB', value: 30.25 } }] })],
  ['residential, person only, KG', (() => {
    const r = sampleRequest({ packages: [{ weight: { units: 'KG', value: 2 } }] });
    r.recipient = { contact: { personName: 'Ann Lee', phoneNumber: '+44 20 7946 0958' }, address: { streetLines: ['10 Downing St'], city: 'London', postalCode: 'SW1A 2AA', countryCode: 'GB', residential: true } };
    return r;
  })()],
  ['no sales order references', sampleRequest({ source: { fulfillmentId: '9' } })],
];

describe('toFedexShipRequest', () => {
  it.each(variants)('%s: valid for us and for FedEx', (_name, req) => {
    expect(validateCreateShipmentRequest(req).ok).toBe(true);
    const body = toFedexShipRequest(req, '740561073');
    expect(validateRequestBody('ship.create', body)).toEqual([]);
    expect(body.requestedShipment.requestedPackageLineItems[0]?.customerReferences?.[0]).toEqual({ customerReferenceType: 'CUSTOMER_REFERENCE', value: req.idempotencyKey });
    expect(body.requestedShipment.totalPackageCount).toBe(req.packages.length);
    expect(body.requestedShipment.requestedPackageLineItems[0]?.contentRecord).toEqual(req.items.map((i) => ({ itemNumber: i.item, receivedQuantity: i.quantity, description: i.description })));
  });
});
