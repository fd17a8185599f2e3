// Every request the shared validation accepts must map to a body FedEx's own schema accepts: the
// relay never sends FedEx something its schema rejects.
import { describe, expect, it } from 'vitest';
import { validateRequestBody } from '../../../test/fedex-double';
import type { CreateShipmentRequest } from '../contract';
import { sampleRequest } from '../test-fixtures';
import { validateCreateShipmentRequest } from '../validate';
import { fedexPhone, toFedexShipRequest } from './ship-request';

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

describe('what FedEx\'s business rules need from the mapping', () => {
  it.each([
    ['+1 (415) 555-0100', 'US', { phoneNumber: '4155550100' }],
    ['415.555.0100 x123', 'US', { phoneNumber: '4155550100', phoneExtension: '123' }],
    ['1-617-555-0150', 'US', { phoneNumber: '6175550150' }],
    ['(613) 555-0100 ext. 42', 'CA', { phoneNumber: '6135550100', phoneExtension: '42' }],
    ['+44 20 7946 0958', 'GB', { phoneNumber: '+442079460958' }],
    ['901-555-0100', 'US', { phoneNumber: '9015550100' }],
  ])('phone %s (%s) goes to FedEx as digits, the extension apart', (typed, country, expected) => {
    expect(fedexPhone(typed, country)).toEqual(expected);
  });

  it('sends the total weight with one decimal place', () => {
    const body = toFedexShipRequest(sampleRequest({ packages: [{ weight: { units: 'LB', value: 1.26 } }, { weight: { units: 'LB', value: 2.33 } }] }), '740561073');
    expect(body.requestedShipment.totalWeight).toBe(3.6);
  });

  it('sends the total weight in pounds, as FedEx asks, when the packages weigh in KG', () => {
    const body = toFedexShipRequest(sampleRequest({ packages: [{ weight: { units: 'KG', value: 2 } }, { weight: { units: 'KG', value: 3 } }] }), '740561073');
    expect(body.requestedShipment.totalWeight).toBe(11);
    expect(body.requestedShipment.requestedPackageLineItems.map((p) => p.weight)).toEqual([{ units: 'KG', value: 2 }, { units: 'KG', value: 3 }]);
  });

  it('ships FEDEX_GROUND to a US home as GROUND_HOME_DELIVERY, unless a package is over Home Delivery\'s 70 lb', () => {
    const home = sampleRequest();
    home.recipient.address.residential = true;
    expect(toFedexShipRequest(home, '740561073').requestedShipment.serviceType).toBe('GROUND_HOME_DELIVERY');
    home.packages = [{ weight: { units: 'LB', value: 71 } }];
    expect(toFedexShipRequest(home, '740561073').requestedShipment.serviceType).toBe('FEDEX_GROUND');
    expect(toFedexShipRequest(sampleRequest(), '740561073').requestedShipment.serviceType).toBe('FEDEX_GROUND');
  });
});
