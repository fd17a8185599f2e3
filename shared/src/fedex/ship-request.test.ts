// Every request the shared validation accepts must map to a body FedEx's own schema accepts: the
// relay never sends FedEx something its schema rejects.
import { describe, expect, it } from 'vitest';
import { validateRequestBody } from '../../../test/fedex-double';
import type { CreateShipmentRequest } from '../contract';
import { sampleRequest } from '../test-fixtures';
import { prepareCreateShipmentRequest } from '../validate';
import { toFedexShipRequest } from './ship-request';

const toGb = (etd: boolean): CreateShipmentRequest =>
  sampleRequest({
    serviceType: 'INTERNATIONAL_ECONOMY',
    recipient: { contact: { personName: 'Ann Lee', phoneNumber: '+44 20 7946 0958 x12' }, address: { streetLines: ['10 Downing St'], city: 'London', postalCode: 'SW1A 2AA', countryCode: 'GB', residential: true } },
    packages: [{ weight: { units: 'LB', value: 10 } }, { weight: { units: 'LB', value: 2.25 } }],
    customs: {
      currency: 'USD',
      dutiesPayment: etd ? 'RECIPIENT' : 'SENDER',
      ...(etd ? { dutiesAccountNumber: '123456789' } : {}),
      electronicTradeDocuments: etd,
      invoiceNumber: 'SO400',
      commodities: [
        { item: 'WIDGET-1', description: 'Blue widget', quantity: 3, quantityUnits: 'EA', unitPrice: 19.99, customsValue: 59.97, countryOfManufacture: 'US', harmonizedCode: '8471.30.01', weight: 6 },
        { item: 'GADGET-7', description: 'Red gadget', quantity: 1, quantityUnits: 'EA', unitPrice: 5, customsValue: 5, countryOfManufacture: 'CN' },
      ],
    },
  });

const variants: [string, CreateShipmentRequest][] = [
  ['single package', sampleRequest()],
  ['multi-piece with dimensions', sampleRequest({ packages: [{ weight: { units: 'LB', value: 1 }, dimensions: { length: 10, width: 8, height: 4, units: 'IN' } }, { weight: { units: 'LB', value: 30.25 } }] })],
  ['international, duties by the sender', toGb(false)],
  ['international, ETD, duties by the recipient', toGb(true)],
  ['no sales order references', sampleRequest({ source: { fulfillmentId: '9' } })],
];

describe('toFedexShipRequest', () => {
  it.each(variants)('%s: valid for us and for FedEx', (_name, raw) => {
    const prepared = prepareCreateShipmentRequest(raw);
    expect(prepared).toMatchObject({ ok: true });
    if (!prepared.ok) return;
    const req = prepared.value;
    const body = toFedexShipRequest(req, '740561073');
    expect(validateRequestBody('ship.create', body)).toEqual([]);
    expect(body.requestedShipment.requestedPackageLineItems[0]?.customerReferences?.[0]).toEqual({ customerReferenceType: 'CUSTOMER_REFERENCE', value: req.idempotencyKey });
    expect(body.requestedShipment.totalPackageCount).toBe(req.packages.length);
    expect(body.requestedShipment.requestedPackageLineItems[0]?.contentRecord).toEqual(req.items.map((i) => ({ itemNumber: i.item, receivedQuantity: i.quantity, description: i.description })));
  });

  it('totals the weight in pounds with one decimal, as FedEx wants', () => {
    const body = toFedexShipRequest(sampleRequest({ packages: [{ weight: { units: 'LB', value: 1.26 } }, { weight: { units: 'LB', value: 2.13 } }] }), '740561073');
    expect(body.requestedShipment.totalWeight).toBe(3.4);
    const prepared = prepareCreateShipmentRequest(toGb(false));
    const intl = prepared.ok ? toFedexShipRequest(prepared.value, '740561073') : undefined;
    expect(intl?.requestedShipment.requestedPackageLineItems.map((p) => p.weight)).toEqual([{ units: 'KG', value: 4.54 }, { units: 'KG', value: 1.02 }]);
    expect(intl?.requestedShipment.totalWeight).toBe(12.3);
  });

  it('sends customs with commodities, duties, the commercial invoice request and, when set, ETD', () => {
    const prepared = prepareCreateShipmentRequest(toGb(false));
    if (!prepared.ok) throw new Error('not ok');
    const shipment = toFedexShipRequest(prepared.value, '740561073').requestedShipment;
    expect(shipment.recipients[0]?.contact).toEqual({ personName: 'Ann Lee', phoneNumber: '442079460958', phoneExtension: '12' });
    expect(shipment.customsClearanceDetail).toEqual({
      dutiesPayment: { paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: { value: '740561073' } } } },
      isDocumentOnly: false,
      commercialInvoice: { shipmentPurpose: 'SOLD', termsOfSale: 'DDP', customerReferences: [{ customerReferenceType: 'INVOICE_NUMBER', value: 'SO400' }] },
      commodities: [
        { description: 'Blue widget', name: 'WIDGET-1', partNumber: 'WIDGET-1', quantity: 3, quantityUnits: 'EA', numberOfPieces: 1, unitPrice: { amount: 19.99, currency: 'USD' }, customsValue: { amount: 59.97, currency: 'USD' }, countryOfManufacture: 'US', harmonizedCode: '84713001', weight: { units: 'KG', value: 2.72 } },
        { description: 'Red gadget', name: 'GADGET-7', partNumber: 'GADGET-7', quantity: 1, quantityUnits: 'EA', numberOfPieces: 1, unitPrice: { amount: 5, currency: 'USD' }, customsValue: { amount: 5, currency: 'USD' }, countryOfManufacture: 'CN' },
      ],
      totalCustomsValue: { amount: 64.97, currency: 'USD' },
    });
    expect(shipment.shippingDocumentSpecification).toEqual({ shippingDocumentTypes: ['COMMERCIAL_INVOICE'], commercialInvoiceDetail: { documentFormat: { docType: 'PDF', stockType: 'PAPER_LETTER' } } });
    expect(shipment.shipmentSpecialServices).toBeUndefined();

    const etd = prepareCreateShipmentRequest(toGb(true));
    if (!etd.ok) throw new Error('not ok');
    const withEtd = toFedexShipRequest(etd.value, '740561073').requestedShipment;
    expect(withEtd.shipmentSpecialServices).toEqual({ specialServiceTypes: ['ELECTRONIC_TRADE_DOCUMENTS'], etdDetail: { requestedDocumentTypes: ['COMMERCIAL_INVOICE'] } });
    expect(withEtd.customsClearanceDetail?.dutiesPayment).toEqual({ paymentType: 'RECIPIENT', payor: { responsibleParty: { accountNumber: { value: '123456789' } } } });
    expect(withEtd.customsClearanceDetail?.commercialInvoice.termsOfSale).toBe('DAP');
  });
});
