import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { apiGuard } from './api-guard';
import { LABEL_URL_LIFETIME_MS, nodeIncoming, type DoubleContext, type DoubleEnv } from './context';
import { commercialInvoicePdf } from './documents';
import { FEDEX_ERRORS, FedexHttpError } from './errors';
import type { FedexParty, ShipCancelRequest, ShipCreateRequest } from './fedex-types';
import { renderLabel, type LabelImageType } from './labels';
import { PACKAGING_DESCRIPTIONS, serviceInfo } from './reference-data';
import { checkShipRequest, effectiveShipDate, isRegisteredAccount, needsCustoms, type ShipAlert } from './rules';
import { EXPRESS_FREIGHT_SERVICES, type ShipRequest } from './rules/shipment';
import type { PartySummary, PieceRecord, ShipmentRecord } from './shipments';
import { localDate } from './time-format';
import { cancelledTimeline, defaultTimeline, plannedDeliveryAt } from './timeline';
import { currentStatusCode } from './tracking';

/** Thrown (not an Error, so Hono's onError lets it through) when a create response must be lost. */
export const RESPONSE_DROPPED: unique symbol = Symbol('fedex-double: response dropped');

interface PackageDocument {
  contentType: 'LABEL' | 'COMMERCIAL_INVOICE';
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
      /** FedEx's alerts on a shipment it created anyway (NOTE or WARNING), present only when there are some. */
      alerts?: ShipAlert[];
      /** The commercial invoice of an international shipment, when requested. */
      shipmentDocuments?: PackageDocument[];
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

function party(p: FedexParty | undefined): PartySummary {
  const address = p?.address ?? {};
  const contact = p?.contact ?? {};
  // FedEx ignores street lines after the third (PartyAddress.streetLines).
  const out: PartySummary = { streetLines: (address.streetLines ?? []).slice(0, 3) };
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

/** A plausible, deterministic charge so clients parsing amounts get numbers. */
function charge(weight: number, units: string): number {
  const pounds = units === 'KG' ? weight * 2.20462 : weight;
  return Math.round((9.5 + pounds * 1.35) * 100) / 100;
}

export function registerShipRoutes(app: Hono<DoubleEnv>, ctx: DoubleContext): void {
  app.post('/ship/v1/shipments', apiGuard(ctx, { endpoint: 'ship.create', capability: 'ship', faultScope: 'ship' }), async (c) => {
    const request = c.get('body') as ShipCreateRequest;
    const account = request.accountNumber.value;
    const now = ctx.clock.now();
    const offset = ctx.config.utcOffset;
    const today = localDate(now, offset);
    const rules = checkShipRequest(request as unknown as ShipRequest, { today, accountNumbers: ctx.config.accountNumbers, unauthorizedAccountNumbers: ctx.config.unauthorizedAccountNumbers });
    for (const rule of rules.rules()) ctx.stats.ruleFindings[rule] = (ctx.stats.ruleFindings[rule] ?? 0) + 1;
    if (rules.violations.length > 0) throw new FedexHttpError(400, rules.errors);
    const shipment = request.requestedShipment;

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
      shipDate: effectiveShipDate(shipment.shipDatestamp, today),
      serviceType: shipment.serviceType,
      // "For Express Freight shipments, the packaging will default to YOUR_PACKAGING" (RequestedShipment.packagingType).
      packagingType: EXPRESS_FREIGHT_SERVICES.has(shipment.serviceType) ? 'YOUR_PACKAGING' : shipment.packagingType,
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
    // Ground Economy labels print the first 30 characters of each street line (PartyAddress_1.streetLines).
    const printedStreet = record.serviceType === 'SMART_POST' ? recipient.streetLines.map((line) => line.slice(0, 30)) : recipient.streetLines;
    const recipientLines = [
      recipient.personName ?? recipient.companyName ?? '',
      ...printedStreet,
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

    const shipmentDocuments: PackageDocument[] = [];
    if (needsCustoms((request as unknown as ShipRequest).requestedShipment) && commercialInvoiceRequested(request)) {
      const bytes = commercialInvoicePdf(invoiceContent(request, master, record));
      ctx.documents.set(`${master}-invoice`, { bytes, createdAt: now });
      const document: PackageDocument = { contentType: 'COMMERCIAL_INVOICE', copiesToPrint: 3, docType: 'PDF', trackingNumber: master };
      if (request.labelResponseOptions === 'LABEL') document.encodedLabel = Buffer.from(bytes).toString('base64');
      else document.url = `${origin}/documents/${master}-invoice.pdf`;
      shipmentDocuments.push(document);
    }
    const alerts = rules.alerts.map((a) => a.alert);

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
            ...(alerts.length > 0 ? { alerts } : {}),
            // Real answers leave shipmentDocuments out when there is none (hometech-ship-1.json).
            ...(shipmentDocuments.length > 0 ? { shipmentDocuments } : {}),
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
    if (!isRegisteredAccount(account, ctx.config)) throw new FedexHttpError(400, FEDEX_ERRORS.accountNumberUnknown());
    const now = ctx.clock.now();
    const created = ctx.store.byTrackingNumber(request.trackingNumber).filter((candidate) => candidate.kind === 'created');
    const record = created.filter((candidate) => candidate.accountNumber === account).pop();
    // Rule 9.4: another account's shipment is not this user's to cancel.
    if (!record && created.length > 0) throw new FedexHttpError(400, FEDEX_ERRORS.userUnauthorized());
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

  // Shipping documents behind URL_ONLY links, 24 hours like labels.
  app.get('/documents/:file', (c) => {
    const match = /^(\d{12}-invoice)\.pdf$/.exec(c.req.param('file'));
    const stored = match?.[1] ? ctx.documents.get(match[1]) : undefined;
    if (!stored || ctx.clock.now() >= stored.createdAt + LABEL_URL_LIFETIME_MS) throw new FedexHttpError(404, FEDEX_ERRORS.notFound());
    return c.body(new Uint8Array(stored.bytes), 200, { 'content-type': 'application/pdf' });
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

/** A commercial invoice is produced when asked for, as a shipping document or through ETD. */
function commercialInvoiceRequested(request: ShipCreateRequest): boolean {
  const shipment = request.requestedShipment;
  return [...(shipment.shippingDocumentSpecification?.shippingDocumentTypes ?? []), ...(shipment.shipmentSpecialServices?.etdDetail?.requestedDocumentTypes ?? [])].includes('COMMERCIAL_INVOICE');
}

function invoiceContent(request: ShipCreateRequest, master: string, record: ShipmentRecord) {
  const customs = request.requestedShipment.customsClearanceDetail;
  const commodities = customs?.commodities ?? [];
  const money = (m: { amount?: number; currency?: string } | undefined) => (m?.amount !== undefined ? `${m.amount.toFixed(2)} ${m.currency ?? ''}`.trim() : '');
  const total = commodities.reduce((n, c) => n + (c.customsValue?.amount ?? 0), 0);
  const where = (p: PartySummary) => [p.companyName ?? p.personName ?? '', p.city ?? '', p.countryCode ?? ''].filter(Boolean);
  return {
    masterTrackingNumber: master,
    shipDate: record.shipDate,
    shipper: where(record.shipper),
    recipient: where(record.recipient),
    lines: commodities.map((c) => ({ description: c.description ?? '', quantity: c.quantity ?? 1, value: money(c.customsValue) })),
    total: `${total.toFixed(2)} ${commodities[0]?.customsValue?.currency ?? ''}`.trim(),
  };
}
