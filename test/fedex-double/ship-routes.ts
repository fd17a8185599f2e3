import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { apiGuard } from './api-guard';
import { LABEL_URL_LIFETIME_MS, nodeIncoming, type DoubleContext, type DoubleEnv } from './context';
import { FEDEX_ERRORS, FedexHttpError, invalidField, type FedexError } from './errors';
import type { FedexParty, ShipCancelRequest, ShipCreateRequest } from './fedex-types';
import { renderLabel, type LabelImageType } from './labels';
import { PACKAGING_DESCRIPTIONS, PACKAGING_TYPES, SERVICE_TYPES, serviceInfo } from './reference-data';
import type { PartySummary, PieceRecord, ShipmentRecord } from './shipments';
import { localDate } from './time-format';
import { cancelledTimeline, defaultTimeline, plannedDeliveryAt } from './timeline';
import { currentStatusCode } from './tracking';

/** Thrown (not an Error, so Hono's onError lets it through) when a create response must be lost. */
export const RESPONSE_DROPPED: unique symbol = Symbol('fedex-double: response dropped');

interface PackageDocument {
  contentType: 'LABEL';
  copiesToPrint: number;
  docType: LabelImageType;
  trackingNumber: string;
  url?: string;
  encodedLabel?: string;
}

/** The parts of SHPCResponseVO_ShipShipment the double fills (validated against the schema in its tests). */
export interface ShipCreateResponse {
  transactionId: string;
  customerTransactionId?: string;
  output: {
    transactionShipments: Array<{
      serviceType: string;
      shipDatestamp: string;
      serviceCategory: string;
      serviceName: string;
      masterTrackingNumber: string;
      shipmentDocuments: never[];
      pieceResponses: Array<{
        masterTrackingNumber: string;
        trackingNumber: string;
        packageSequenceNumber: number;
        deliveryTimestamp?: string;
        netChargeAmount: number;
        baseRateAmount: number;
        customerReferences: Array<{ customerReferenceType: string; value: string }>;
        packageDocuments: PackageDocument[];
      }>;
      completedShipmentDetail: {
        usDomestic: boolean;
        carrierCode: string;
        packagingDescription: string;
        masterTrackingId: { trackingIdType: string; formId: string; trackingNumber: string };
        completedPackageDetails: Array<{
          sequenceNumber: number;
          trackingIds: Array<{ trackingIdType: string; formId: string; trackingNumber: string }>;
          groupNumber: number;
          signatureOption: string;
        }>;
      };
    }>;
  };
}

export interface ShipCancelResponse {
  transactionId: string;
  customerTransactionId?: string;
  output: { cancelledShipment: boolean; cancelledHistory: boolean; successMessage: string };
}

/** FedEx: more than 40 packages need processingOptionType ALLOW_ASYNCHRONOUS (answered with a job id). */
const MAX_SYNCHRONOUS_PIECES = 40;

function party(p: FedexParty | undefined): PartySummary {
  const address = p?.address ?? {};
  const contact = p?.contact ?? {};
  const out: PartySummary = { streetLines: address.streetLines ?? [] };
  if (contact.personName) out.personName = contact.personName;
  if (contact.companyName) out.companyName = contact.companyName;
  if (contact.phoneNumber) out.phoneNumber = contact.phoneNumber;
  if (address.city) out.city = address.city;
  if (address.stateOrProvinceCode) out.stateOrProvinceCode = address.stateOrProvinceCode;
  if (address.postalCode) out.postalCode = address.postalCode;
  if (address.countryCode) out.countryCode = address.countryCode;
  if (address.residential !== undefined) out.residential = address.residential;
  return out;
}

/** Rules FedEx enforces beyond its schema, each reported against the field it concerns. */
function businessRuleErrors(request: ShipCreateRequest): FedexError[] {
  const shipment = request.requestedShipment;
  const errors: FedexError[] = [];
  if (!SERVICE_TYPES.has(shipment.serviceType)) errors.push(invalidField('requestedShipment.serviceType', `"${shipment.serviceType}" is not a FedEx service type`));
  if (!PACKAGING_TYPES.has(shipment.packagingType)) {
    errors.push(invalidField('requestedShipment.packagingType', `"${shipment.packagingType}" is not a FedEx packaging type`));
  }
  if (shipment.shipDatestamp !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(shipment.shipDatestamp)) {
    errors.push(invalidField('requestedShipment.shipDatestamp', 'must be a date formatted YYYY-MM-DD'));
  }
  if (shipment.recipients.length === 0) errors.push(invalidField('requestedShipment.recipients', 'must contain at least one recipient'));
  const items = shipment.requestedPackageLineItems;
  if (items.length === 0) errors.push(invalidField('requestedShipment.requestedPackageLineItems', 'must contain at least one package'));
  items.forEach((item, i) => {
    if (!(item.weight.value > 0)) errors.push(invalidField(`requestedShipment.requestedPackageLineItems[${i}].weight.value`, 'must be greater than 0'));
  });
  const pieces = items.reduce((n, item) => n + Math.max(1, item.groupPackageCount ?? 1), 0);
  if (pieces > MAX_SYNCHRONOUS_PIECES) {
    errors.push(
      invalidField(
        'requestedShipment.requestedPackageLineItems',
        request.processingOptionType === 'ALLOW_ASYNCHRONOUS'
          ? `has ${pieces} packages: asynchronous processing (job id, POST /ship/v1/shipments/results) is not modelled by the FedEx double`
          : `has ${pieces} packages: more than ${MAX_SYNCHRONOUS_PIECES} need processingOptionType ALLOW_ASYNCHRONOUS`,
      ),
    );
  }
  const origin = shipment.shipper.address?.countryCode;
  const international = shipment.recipients.some((r) => r.address?.countryCode !== undefined && r.address.countryCode !== origin);
  if (international && shipment.customsClearanceDetail === undefined) {
    errors.push(invalidField('requestedShipment.customsClearanceDetail', 'Customs clearance detail cannot be null'));
  }
  return errors;
}

/** A plausible, deterministic charge so clients parsing amounts get numbers. */
function charge(weight: number, units: string): number {
  const pounds = units === 'KG' ? weight * 2.20462 : weight;
  return Math.round((9.5 + pounds * 1.35) * 100) / 100;
}

export function registerShipRoutes(app: Hono<DoubleEnv>, ctx: DoubleContext): void {
  app.post('/ship/v1/shipments', apiGuard(ctx, { endpoint: 'ship.create', capability: 'ship', faultScope: 'ship' }), async (c) => {
    const request = c.get('body') as ShipCreateRequest;
    const account = request.accountNumber.value;
    if (!ctx.config.accountNumbers.has(account)) throw new FedexHttpError(400, FEDEX_ERRORS.accountNumberUnknown());
    const errors = businessRuleErrors(request);
    if (errors.length > 0) throw new FedexHttpError(400, errors);
    const shipment = request.requestedShipment;
    const payment = shipment.shippingChargesPayment;
    const payorAccount = payment.payor?.responsibleParty?.accountNumber?.value;
    if (payment.paymentType === 'SENDER' && payorAccount !== undefined && payorAccount !== account) {
      throw new FedexHttpError(400, FEDEX_ERRORS.accountNumberMismatch());
    }

    const now = ctx.clock.now();
    const offset = ctx.config.utcOffset;
    const pieces: PieceRecord[] = [];
    for (const item of shipment.requestedPackageLineItems) {
      const customerReferences = (item.customerReferences ?? [])
        .filter((ref): ref is { customerReferenceType: string; value: string } => typeof ref.value === 'string' && ref.value !== '')
        .map((ref) => ({ customerReferenceType: ref.customerReferenceType ?? 'CUSTOMER_REFERENCE', value: ref.value }));
      for (let copy = 0; copy < Math.max(1, item.groupPackageCount ?? 1); copy += 1) {
        // One tracking number per piece; the generator never repeats itself or a stored number.
        pieces.push({ trackingNumber: ctx.store.nextTrackingNumber(), sequenceNumber: pieces.length + 1, customerReferences, weight: item.weight });
      }
    }
    const trackingNumbers = pieces.map((piece) => piece.trackingNumber);
    const master = trackingNumbers[0] ?? '';
    const imageType = shipment.labelSpecification.imageType;
    const record: ShipmentRecord = {
      id: randomUUID(),
      kind: 'created',
      clientId: c.get('clientId'),
      accountNumber: account,
      masterTrackingNumber: master,
      trackingNumbers,
      pieces,
      customerReferences: [...new Set(pieces.flatMap((piece) => piece.customerReferences.map((ref) => ref.value)))],
      shipDate: shipment.shipDatestamp ?? localDate(now, offset),
      serviceType: shipment.serviceType,
      packagingType: shipment.packagingType,
      labelResponseOptions: request.labelResponseOptions,
      imageType,
      createdAt: now,
      responseDropped: false,
      shipper: party(shipment.shipper),
      recipient: party(shipment.recipients[0]),
      timeline: defaultTimeline(ctx.config.statusSchedule),
      request,
      uniqueIdPrefix: `${localDate(now, offset).replace(/-/g, '').slice(2)}${String(ctx.store.all().length + 1).padStart(4, '0')}`,
    };
    ctx.store.add(record);
    ctx.stats.shipmentsCreated += 1;
    for (const reference of record.customerReferences) {
      ctx.stats.shipmentsCreatedByCustomerReference[reference] = (ctx.stats.shipmentsCreatedByCustomerReference[reference] ?? 0) + 1;
    }

    const service = serviceInfo(record.serviceType);
    const recipient = record.recipient;
    const recipientLines = [
      recipient.personName ?? recipient.companyName ?? '',
      ...recipient.streetLines,
      [recipient.city, recipient.stateOrProvinceCode, recipient.postalCode].filter(Boolean).join(' '),
      recipient.countryCode ?? '',
    ].filter((line) => line !== '');
    const origin = new URL(c.req.url).origin;
    const plannedDelivery = plannedDeliveryAt(record.timeline, now);
    const pieceResponses = pieces.map((piece) => {
      const label = renderLabel(imageType, {
        trackingNumber: piece.trackingNumber,
        serviceName: service.name,
        shipDate: record.shipDate,
        pieceLabel: `${piece.sequenceNumber} of ${pieces.length}`,
        recipientLines,
      }, { ...(ctx.config.pdfLabelBytes !== undefined ? { pdfBytes: ctx.config.pdfLabelBytes } : {}) });
      ctx.labels.set(piece.trackingNumber, { label, createdAt: now });
      const document: PackageDocument = { contentType: 'LABEL', copiesToPrint: 1, docType: label.docType, trackingNumber: piece.trackingNumber };
      if (request.labelResponseOptions === 'LABEL') document.encodedLabel = Buffer.from(label.bytes).toString('base64');
      else document.url = `${origin}/labels/${piece.trackingNumber}.${label.extension}`;
      const amount = charge(piece.weight?.value ?? 1, piece.weight?.units ?? 'LB');
      return {
        masterTrackingNumber: master,
        trackingNumber: piece.trackingNumber,
        packageSequenceNumber: piece.sequenceNumber,
        ...(plannedDelivery !== undefined ? { deliveryTimestamp: localDate(plannedDelivery, offset) } : {}),
        netChargeAmount: amount,
        baseRateAmount: amount,
        customerReferences: piece.customerReferences,
        packageDocuments: [document],
      };
    });

    const customerTransactionId = c.get('customerTransactionId');
    const body: ShipCreateResponse = {
      transactionId: randomUUID(),
      ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
      output: {
        transactionShipments: [
          {
            serviceType: record.serviceType,
            shipDatestamp: record.shipDate,
            serviceCategory: service.category,
            serviceName: service.name,
            masterTrackingNumber: master,
            shipmentDocuments: [],
            pieceResponses,
            completedShipmentDetail: {
              usDomestic: record.shipper.countryCode === 'US' && record.recipient.countryCode === 'US',
              carrierCode: service.carrierCode,
              packagingDescription: PACKAGING_DESCRIPTIONS[record.packagingType] ?? record.packagingType,
              masterTrackingId: { trackingIdType: 'FEDEX', formId: '0201', trackingNumber: master },
              completedPackageDetails: pieces.map((piece) => ({
                sequenceNumber: piece.sequenceNumber,
                trackingIds: [{ trackingIdType: 'FEDEX', formId: '0201', trackingNumber: piece.trackingNumber }],
                groupNumber: 0,
                signatureOption: 'SERVICE_DEFAULT',
              })),
            },
          },
        ],
      },
    };

    if (ctx.faults.takeDrop()) {
      record.responseDropped = true;
      ctx.stats.droppedResponses += 1;
      // Served over HTTP: cut the connection, so the client sees a socket error and never a status.
      // Through app.fetch: the double's fetch turns this into TypeError('fetch failed'), as fetch does.
      nodeIncoming(c)?.socket.destroy();
      throw RESPONSE_DROPPED;
    }
    return c.json(body, 200);
  });

  app.put('/ship/v1/shipments/cancel', apiGuard(ctx, { endpoint: 'ship.cancel', capability: 'ship', faultScope: 'ship' }), (c) => {
    const request = c.get('body') as ShipCancelRequest;
    const account = request.accountNumber.value;
    if (!ctx.config.accountNumbers.has(account)) throw new FedexHttpError(400, FEDEX_ERRORS.accountNumberUnknown());
    const now = ctx.clock.now();
    const record = ctx.store
      .byTrackingNumber(request.trackingNumber)
      .filter((candidate) => candidate.kind === 'created' && candidate.accountNumber === account)
      .pop();
    if (!record) throw new FedexHttpError(400, FEDEX_ERRORS.trackingNumberInvalid());
    if (record.cancelledAt !== undefined) throw new FedexHttpError(400, FEDEX_ERRORS.trackingNumberInvalid('The shipment has already been cancelled.'));
    if (currentStatusCode(record, now) !== 'OC') {
      throw new FedexHttpError(400, FEDEX_ERRORS.trackingNumberInvalid('The shipment has been tendered to FedEx and can no longer be cancelled.'));
    }
    // The double always cancels the whole shipment (all packages), as deletionControl DELETE_ALL_PACKAGES does.
    record.cancelledAt = now;
    record.timeline = cancelledTimeline(record.timeline, now - record.createdAt);
    for (const trackingNumber of record.trackingNumbers) ctx.labels.delete(trackingNumber);
    ctx.stats.cancellations += 1;
    const customerTransactionId = c.get('customerTransactionId');
    const body: ShipCancelResponse = {
      transactionId: randomUUID(),
      ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
      output: { cancelledShipment: true, cancelledHistory: true, successMessage: 'Success' },
    };
    return c.json(body, 200);
  });

  // Label documents behind URL_ONLY links; like FedEx's, a link works for 24 hours.
  app.get('/labels/:file', (c) => {
    const match = /^(\d{12})\.(pdf|png|zpl|epl)$/.exec(c.req.param('file'));
    const stored = match?.[1] ? ctx.labels.get(match[1]) : undefined;
    if (!stored || stored.label.extension !== match?.[2] || ctx.clock.now() >= stored.createdAt + LABEL_URL_LIFETIME_MS) {
      throw new FedexHttpError(404, FEDEX_ERRORS.notFound());
    }
    ctx.stats.labelDownloads += 1;
    return c.body(new Uint8Array(stored.label.bytes), 200, { 'content-type': stored.label.contentType });
  });
}
