// The product's FedEx parsers against real FedEx answers recorded by other FedEx clients
// (test/fixtures/fedex/real/, provenance in its README.md): what each parser reads from each one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTrackResponse } from '../tracking';
import { parseFedexErrors, parseShipResponse } from './ship-response';

const real = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/fedex/real/${file}`, import.meta.url), 'utf8'));

function shipped(file: string) {
  const parsed = parseShipResponse(real(file));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
  return parsed.value;
}

function tracked(file: string) {
  const body = real(file) as { output: { completeTrackResults: Array<{ trackingNumber: string }> } };
  return readTrackResponse(body, body.output.completeTrackResults.map((c) => c.trackingNumber));
}

describe('parseShipResponse on real create answers', () => {
  it('reads the 21-piece international create: every piece, one PDF label each (documents carry no tracking number), the alerts', () => {
    const value = shipped('karrio-ship-1.json');
    expect(value.masterTrackingNumber).toBe('794791341818');
    expect(value.trackingNumbers).toHaveLength(21);
    expect(new Set(value.trackingNumbers).size).toBe(21);
    expect(value.labels.map((l) => l.trackingNumber)).toEqual(value.trackingNumbers);
    expect(value.labels.every((l) => l.docType === 'PDF' && Buffer.from(l.encodedLabel ?? '', 'base64').subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(value.serviceType).toBe('FEDEX_INTERNATIONAL_PRIORITY_EXPRESS');
    // The six WARNING alerts, the duplicate merged.
    expect(value.alerts.map((a) => a.split(':')[0])).toEqual([
      'EVENTNOTIFICATION.EMAILADDRESS.MISSING',
      'COMMODITIES.CUSTOMSVALUE.LESSTHANREQUIRED',
      'CUSTOMVALUE.GREATER.THAN.DECLAREDVALUE',
      'CUSTOMVALUE.GREATER.THAN.COMMODITYVALUE',
      'REQUESTEDSHIPMENT.TOTALDECLAREDVALUE.MISMATCH',
    ]);
  });

  it('leaves the commercial invoice in shipmentDocuments out of the labels (it is not a package label)', () => {
    const body = real('karrio-ship-1.json') as { output: { transactionShipments: Array<{ shipmentDocuments: Array<{ contentType: string }> }> } };
    expect(body.output.transactionShipments[0]?.shipmentDocuments.map((d) => d.contentType)).toEqual(['COMMERCIAL_INVOICE']);
    expect(shipped('karrio-ship-1.json').labels).toHaveLength(21);
  });

  it('reads a Home Delivery create with a ZPLII label and no packageSequenceNumber', () => {
    const value = shipped('hometech-ship-1.json');
    expect(value).toMatchObject({ masterTrackingNumber: '794995360538', trackingNumbers: ['794995360538'], serviceType: 'GROUND_HOME_DELIVERY', shipDate: '2026-03-11', alerts: [] });
    expect(value.labels).toHaveLength(1);
    expect(value.labels[0]?.docType).toBe('ZPLII');
    expect(Buffer.from(value.labels[0]?.encodedLabel ?? '', 'base64').toString('latin1')).toMatch(/^\^XA/);
  });

  it('reads the alert FedEx puts inside a package document (doc example) and on the shipment (return create)', () => {
    expect(shipped('karrio-ship-2.json').alerts).toEqual(['SHIP.RECIPIENT.POSTALCITY.MISMATCH: Recipient Postal-City Mismatch.']);
    expect(shipped('karrio-ship-3.json').alerts).toEqual(['SHIP.RECIPIENT.POSTALCITY.MISMATCH: Recipient Postal-City Mismatch.']);
    expect(shipped('karrio-ship-3.json').labels[0]?.url).toMatch(/^https:/);
  });
});

describe('readTrackResponse on real track answers', () => {
  it.each([
    ['heimsothe-track-1.json', { status: 'DELIVERED', fedexCode: 'DL', receivedBy: 'ROLLINS', deliveredAt: '2014-01-09T13:31:00-05:00' }],
    ['heimsothe-track-2.json', { trackingNumber: '61292701078443410536', status: 'IN_TRANSIT', fedexCode: 'IT' }],
    ['heimsothe-track-3.json', { status: 'LABEL_CREATED', fedexCode: 'OC', derivedCode: 'IN' }],
    ['heimsothe-track-4.json', { status: 'OUT_FOR_DELIVERY', fedexCode: 'OD', derivedCode: 'IT' }],
    ['heimsothe-track-5.json', { status: 'EXCEPTION', exceptionCode: '007', exceptionDescription: 'Customer not available or business closed' }],
    ['heimsothe-track-7.json', { status: 'HELD', fedexCode: 'HL', exceptionCode: '015A' }],
    ['heimsothe-track-8.json', { found: false, status: 'NOT_FOUND', error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: expect.stringMatching(/^Tracking number cannot be found/) } }],
    ['omniship-track-1.json', { found: false, status: 'NOT_FOUND', error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: expect.stringMatching(/can't be found right now/) } }],
  ])('%s', (file, expected) => {
    const [status, ...more] = tracked(file);
    expect(more).toEqual([]);
    expect(status).toMatchObject(expected);
  });

  it('reads two numbers in Spanish: one returning to the shipper, one delivered with who signed', () => {
    const [returning, delivered] = tracked('hometech-track-1.json');
    expect(returning).toMatchObject({ trackingNumber: '794843185271', fedexCode: 'DE', exceptionCode: '14' });
    expect(delivered).toMatchObject({ trackingNumber: '449044304137821', status: 'DELIVERED', receivedBy: 'H.HONORIO MENDOZA', description: 'Entregado' });
  });

  // Latest status DE while the newest scan is RS: returning to the shipper, not a plain exception.
  it('reads a package on its way back to the shipper (newest scan RS) as RETURNING', () => {
    expect(tracked('heimsothe-track-6.json')[0]?.status).toBe('RETURNING');
  });
  it("reads the return leg's tracking number from ancillaryDetails (its text is in the account's locale)", () => {
    expect(tracked('hometech-track-1.json')[0]).toMatchObject({ status: 'RETURNING', returnTrackingNumber: '780845752695' });
  });

  it('tolerates output.alerts as a plain string and a result that carries an error next to data (doc example)', () => {
    const [first, second] = tracked('karrio-track-1.json');
    expect(first).toMatchObject({ found: false, error: { code: 'TRACKING.TRACKINGNUMBER.EMPTY' } });
    expect(second).toMatchObject({ trackingNumber: '39936862321', found: false, status: 'NOT_FOUND' });
  });
});

describe('parseFedexErrors on real error bodies', () => {
  it('reads the OAuth 400 BAD.REQUEST.ERROR body', () => {
    expect(parseFedexErrors(real('hometech-error-2.json'))).toEqual({
      transactionId: '<TRANSACTION_ID>',
      errors: [{ code: 'BAD.REQUEST.ERROR', message: 'Missing or duplicate parameters. Please modify your request and try again.' }],
    });
  });

  // The sandbox's 401 for a bad token has no errors list, only an OAuth-style error_description.
  it('reads the real 401 body {"error_description":"Invalid CXS JWT"} as an authorization error', () => {
    expect(real('hometech-error-1.json')).toEqual({ error_description: 'Invalid CXS JWT' });
    expect(parseFedexErrors(real('hometech-error-1.json'))).toEqual({ errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'Invalid CXS JWT' }] });
  });
});
