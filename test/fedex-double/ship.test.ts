import { crc32, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFedexDouble } from './app';
import { readFixtureJson } from './fixtures';
import { buildCancelRequest, buildShipRequest, buildTrackRequest } from './request-builders';
import { validateResponseBody } from './schemas';
import { startFedexDouble, type RunningFedexDouble } from './server';
import { isValidTrackingNumber } from './shipments';
import { apiClient, errorsOf, json, type ShipResponseBody, type TrackResponseBody } from './test-support';

/** Tests that move the clock by days keep one token alive (token expiry has its own tests). */
const WEEK_SECONDS = 7 * 86_400;

/** Checks what a PDF reader relies on: header, EOF marker, startxref → xref, every xref offset → its object. */
function expectWellFormedPdf(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
  expect(first).toBe('0');
  const entriesAt = startxref + `xref\n0 ${count}\n`.length;
  for (let i = 1; i < Number(count); i += 1) {
    const entry = text.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20);
    expect(entry).toMatch(/^\d{10} 00000 n\r\n$/);
    expect(text.slice(Number(entry.slice(0, 10))).startsWith(`${i} 0 obj`)).toBe(true);
  }
  const length = Number(/<< \/Length (\d+) >>\nstream\n/.exec(text)?.[1]);
  const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
  expect(text.slice(streamStart + length, streamStart + length + 'endstream'.length)).toBe('endstream');
  return text;
}

function pngChunks(bytes: Buffer): Array<{ type: string; data: Buffer }> {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length)).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

describe('POST /ship/v1/shipments', () => {
  it('creates a single-piece shipment with a real base64 PDF label, valid against FedEx’s response schema', async () => {
    const double = createFedexDouble();
    const response = await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-100' }), {
      'x-customer-transaction-id': 'fulfillment-100',
    });
    expect(response.status).toBe(200);
    const body = await json<ShipResponseBody>(response);
    expect(validateResponseBody('ship.create', 200, body)).toEqual([]);
    expect(body.customerTransactionId).toBe('fulfillment-100');
    expect(body.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const shipment = body.output.transactionShipments[0]!;
    expect(shipment.serviceType).toBe('FEDEX_GROUND');
    expect(shipment.shipDatestamp).toBe('2025-01-06');
    const piece = shipment.pieceResponses[0]!;
    expect(piece.trackingNumber).toBe(shipment.masterTrackingNumber);
    expect(isValidTrackingNumber(piece.trackingNumber)).toBe(true);
    const document = piece.packageDocuments[0]!;
    expect(document).toMatchObject({ contentType: 'LABEL', docType: 'PDF' });
    expect(document.url).toBeUndefined();
    const pdf = expectWellFormedPdf(Buffer.from(document.encodedLabel ?? '', 'base64'));
    expect(pdf).toContain(`TRK# ${piece.trackingNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}`);

    const record = double.shipments.latest(piece.trackingNumber)!;
    expect(record).toMatchObject({
      kind: 'created',
      accountNumber: '740561073',
      customerReferences: ['IF-100'],
      shipDate: '2025-01-06',
      serviceType: 'FEDEX_GROUND',
      createdAt: double.clock.now(),
      responseDropped: false,
    });
    expect(record.request).toEqual(buildShipRequest({ customerReference: 'IF-100' }));
    expect(double.stats.shipmentsCreatedByCustomerReference).toEqual({ 'IF-100': 1 });
    expect(double.shipments.createdCountForReference('IF-100')).toBe(1);
  });

  it('gives one tracking number per piece of a multi-piece shipment, the first being the master', async () => {
    const double = createFedexDouble();
    const body = await json<ShipResponseBody>(await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ packages: 3, customerReference: 'IF-3' })));
    expect(validateResponseBody('ship.create', 200, body)).toEqual([]);
    const shipment = body.output.transactionShipments[0]!;
    const numbers = shipment.pieceResponses.map((piece) => piece.trackingNumber);
    expect(new Set(numbers).size).toBe(3);
    expect(shipment.masterTrackingNumber).toBe(numbers[0]);
    expect(shipment.pieceResponses.every((piece) => piece.masterTrackingNumber === numbers[0])).toBe(true);
    expect(double.shipments.latest(numbers[2]!)?.trackingNumbers).toEqual(numbers);
    // One shipment, so one count for its reference even with three labelled pieces.
    expect(double.stats.shipmentsCreatedByCustomerReference).toEqual({ 'IF-3': 1 });
  });

  it('counts every create per customer reference, which is how duplicate labels show', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-7' }));
    await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-7' }));
    await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-8' }));
    expect(double.stats.shipmentsCreatedByCustomerReference).toEqual({ 'IF-7': 2, 'IF-8': 1 });
    expect(double.shipmentsByCustomerReference('IF-7')).toHaveLength(2);
  });

  it('returns a real PNG for imageType PNG, and ZPL II text for ZPLII', async () => {
    const double = createFedexDouble();
    const png = await json<ShipResponseBody>(await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ imageType: 'PNG' })));
    const pngDocument = png.output.transactionShipments[0]!.pieceResponses[0]!.packageDocuments[0]!;
    expect(pngDocument.docType).toBe('PNG');
    const chunks = pngChunks(Buffer.from(pngDocument.encodedLabel ?? '', 'base64'));
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    const header = chunks[0]!.data;
    const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
    expect(inflateSync(chunks[2]!.data).length).toBe((width + 1) * height);

    const zpl = await json<ShipResponseBody>(await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ imageType: 'ZPLII' })));
    const zplPiece = zpl.output.transactionShipments[0]!.pieceResponses[0]!;
    const script = Buffer.from(zplPiece.packageDocuments[0]!.encodedLabel ?? '', 'base64').toString('latin1');
    expect(script.startsWith('^XA')).toBe(true);
    expect(script).toContain(`^FD${zplPiece.trackingNumber}^FS`);
  });

  it('rejects an account FedEx does not know with ACCOUNTNUMBER.REGISTRATION.REQUIRED, creating nothing', async () => {
    const double = createFedexDouble();
    const response = await apiClient(double).post('/ship/v1/shipments', buildShipRequest({ accountNumber: '123456789' }));
    expect(response.status).toBe(400);
    const body = await errorsOf(response);
    expect(body.errors[0]?.code).toBe('ACCOUNTNUMBER.REGISTRATION.REQUIRED');
    expect(validateResponseBody('ship.create', 400, body)).toEqual([]);
    expect(double.shipments.all()).toHaveLength(0);
  });

  it('rejects a schema-invalid body with 400 INVALID.INPUT.EXCEPTION naming each field', async () => {
    const double = createFedexDouble();
    const request = buildShipRequest();
    const { countryCode: _dropped, ...addressWithoutCountry } = request.requestedShipment.recipients[0]!.address;
    request.requestedShipment.recipients[0]!.address = addressWithoutCountry as typeof request.requestedShipment.recipients[0]['address'];
    (request.requestedShipment as Record<string, unknown>).pickupType = 'WHENEVER';
    const response = await apiClient(double).post('/ship/v1/shipments', request);
    expect(response.status).toBe(400);
    const body = await errorsOf(response);
    expect(body.errors.every((error) => error.code === 'INVALID.INPUT.EXCEPTION')).toBe(true);
    expect(body.errors.map((error) => error.parameterList?.[0]?.value).sort()).toEqual([
      'requestedShipment.pickupType',
      'requestedShipment.recipients[0].address.countryCode',
    ]);
    expect(body.errors.map((error) => error.message).join('\n')).toContain('requestedShipment.recipients[0].address.countryCode is required');
    expect(double.stats.status400).toBe(1);
  });

  it('rejects what FedEx rejects beyond the schema: unknown service type, international without customs, payor account mismatch', async () => {
    const double = createFedexDouble();
    const client = apiClient(double);
    const badService = await client.post('/ship/v1/shipments', buildShipRequest({ serviceType: 'FEDEX_TELEPORT' }));
    expect((await errorsOf(badService)).errors[0]?.parameterList?.[0]?.value).toBe('requestedShipment.serviceType');
    const international = await client.post('/ship/v1/shipments', buildShipRequest({ recipientCountryCode: 'CA' }));
    expect((await errorsOf(international)).errors.map((e) => e.message).join('\n')).toContain('Customs clearance detail cannot be null');
    const mismatch = buildShipRequest();
    mismatch.requestedShipment.shippingChargesPayment.payor.responsibleParty.accountNumber.value = '999999999';
    expect((await errorsOf(await client.post('/ship/v1/shipments', mismatch))).errors[0]?.code).toBe('ACCOUNT.NUMBER.MISMATCH');
    const tooMany = await client.post('/ship/v1/shipments', buildShipRequest({ packages: 41 }));
    expect((await errorsOf(tooMany)).errors.map((e) => e.message).join('\n')).toContain('ALLOW_ASYNCHRONOUS');
    expect(double.shipments.all()).toHaveLength(0);
  });

  it('accepts FedEx’s own example request once its schema errors are fixed and the account is known', async () => {
    const double = createFedexDouble();
    const example = readFixtureJson<Record<string, any>>('samples/ship-create-request-fedex-doc-example.json');
    const raw = await apiClient(double).post('/ship/v1/shipments', example);
    expect(raw.status).toBe(400);
    expect((await errorsOf(raw)).errors).toHaveLength(7);
    example.accountNumber.value = '740561073';
    example.requestedShipment.shippingChargesPayment.payor.responsibleParty.accountNumber.value = '740561073';
    const schemaFixedOnly = structuredClone(example);

    const shipment = example.requestedShipment;
    shipment.shipmentSpecialServices.etdDetail.requestedDocumentTypes = ['COMMERCIAL_INVOICE'];
    shipment.shipmentSpecialServices.pendingShipmentDetail.recommendedDocumentSpecification.types = ['ANTIQUE_STATEMENT_EUROPEAN_UNION'];
    shipment.expressFreightDetail.bookingConfirmationNumber = 123456789812;
    shipment.customsClearanceDetail.regulatoryControls = ['NOT_IN_FREE_CIRCULATION'];
    shipment.customsClearanceDetail.commodities[0].customsValue.amount = 1556.25;
    shipment.labelSpecification.returnedDispositionDetail = 'true';
    shipment.requestedPackageLineItems[0].sequenceNumber = 1;
    // Then FedEx's business rules: the example's masked phone numbers and its dry ice weighed in LB.
    Object.assign(schemaFixedOnly.requestedShipment, structuredClone(shipment));
    const ruleErrors = await errorsOf(await apiClient(double).post('/ship/v1/shipments', schemaFixedOnly));
    expect(ruleErrors.errors.map((e) => e.code)).toEqual(['SHIPPER.CONTACTPHONENUMBER.INVALID', 'RECIPIENT.CONTACTPHONENUMBER.INVALID', 'INVALID.INPUT.EXCEPTION']);
    shipment.shipper.contact.phoneNumber = '9015551234';
    shipment.recipients[0].contact.phoneNumber = '3105550100';
    shipment.shipmentSpecialServices.shipmentDryIceDetail.totalWeight.units = 'KG';
    const fixed = await apiClient(double).post('/ship/v1/shipments', example);
    expect(fixed.status).toBe(200);
    expect(validateResponseBody('ship.create', 200, await fixed.json())).toEqual([]);
  });
});

describe('PUT /ship/v1/shipments/cancel', () => {
  it('cancels by tracking number: response valid against FedEx’s schema, status CA on Track, second cancel refused', async () => {
    const double = createFedexDouble({ tokenLifetimeSeconds: WEEK_SECONDS });
    const client = apiClient(double);
    const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ customerReference: 'IF-9' })));
    const trackingNumber = created.output.transactionShipments[0]!.masterTrackingNumber;
    double.clock.advance(30 * 60_000);

    const response = await client.put('/ship/v1/shipments/cancel', buildCancelRequest(trackingNumber), { 'x-customer-transaction-id': 'cancel-9' });
    expect(response.status).toBe(200);
    const body = await json<Record<string, unknown>>(response);
    expect(validateResponseBody('ship.cancel', 200, body)).toEqual([]);
    const sample = readFixtureJson<{ output: Record<string, unknown> }>('samples/ship-cancel-200.json');
    expect(body).toMatchObject({ customerTransactionId: 'cancel-9', output: { cancelledShipment: true, cancelledHistory: true, successMessage: sample.output.successMessage } });

    double.clock.advance(48 * 3_600_000); // the default schedule would have delivered it by now
    const track = await json<TrackResponseBody>(await client.post('/track/v1/trackingnumbers', buildTrackRequest([trackingNumber])));
    const result = track.output.completeTrackResults[0]!.trackResults[0]!;
    expect(result.latestStatusDetail?.code).toBe('CA');
    expect(result.scanEvents?.map((event) => event.eventType)).toEqual(['CA', 'OC']);
    expect(result.dateAndTimes?.some((entry) => entry.type === 'ESTIMATED_DELIVERY')).toBe(false);

    const again = await client.put('/ship/v1/shipments/cancel', buildCancelRequest(trackingNumber));
    expect(again.status).toBe(400);
    expect((await errorsOf(again)).errors[0]?.code).toBe('TRACKINGNUMBER.ENTERED.INVALID');
    expect(double.stats.cancellations).toBe(1);
  });

  it('refuses unknown numbers, another account’s numbers, and shipments already picked up', async () => {
    const double = createFedexDouble({ accountNumbers: ['740561073', '510087020'], tokenLifetimeSeconds: WEEK_SECONDS });
    const client = apiClient(double);
    const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest()));
    const trackingNumber = created.output.transactionShipments[0]!.masterTrackingNumber;
    expect((await client.put('/ship/v1/shipments/cancel', buildCancelRequest('794699999999'))).status).toBe(400);
    expect((await client.put('/ship/v1/shipments/cancel', buildCancelRequest(trackingNumber, '510087020'))).status).toBe(400);
    double.clock.advance(2 * 3_600_000);
    const late = await client.put('/ship/v1/shipments/cancel', buildCancelRequest(trackingNumber));
    expect(late.status).toBe(400);
    expect((await errorsOf(late)).errors[0]?.message).toContain('can no longer be cancelled');
  });
});

describe('URL_ONLY labels over real HTTP', () => {
  let running: RunningFedexDouble;
  beforeAll(async () => {
    running = await startFedexDouble();
  });
  afterAll(async () => {
    await running.close();
  });

  it('links to a PDF the double serves from the request’s own origin, for 24 hours', async () => {
    const client = apiClient(running.double, running.double.issueToken(), fetch, running.url);
    const body = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest({ labelResponseOptions: 'URL_ONLY' })));
    expect(validateResponseBody('ship.create', 200, body)).toEqual([]);
    const piece = body.output.transactionShipments[0]!.pieceResponses[0]!;
    const document = piece.packageDocuments[0]!;
    expect(document.encodedLabel).toBeUndefined();
    expect(document.url).toBe(`${running.url}/labels/${piece.trackingNumber}.pdf`);

    const label = await fetch(document.url!);
    expect(label.status).toBe(200);
    expect(label.headers.get('content-type')).toBe('application/pdf');
    expectWellFormedPdf(Buffer.from(await label.arrayBuffer()));
    expect(running.double.stats.labelDownloads).toBe(1);

    running.double.clock.advance(24 * 3_600_000);
    expect((await fetch(document.url!)).status).toBe(404);
  });
});
