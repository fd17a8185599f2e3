// The relay's HTTP API as zod schemas: they validate requests and produce GET /openapi.json.
//
// ONE DEFINITION. The wire contract is shared/src/contract.ts (TypeScript types), because the
// SuiteApp compiles shared/ to SuiteScript AMD modules, which cannot carry zod. These schemas are the
// relay's runtime form of the same types, each checked against its contract type both ways at
// `npm run typecheck` (schemas.test.ts): a field added, removed, renamed, made optional or retyped on
// either side fails it, so the two cannot drift. FedEx's business rules (lengths, phone formats,
// service/route rules, customs) stay in shared/src/validate.ts, which the SuiteApp runs before it
// sends and the relay runs after these schemas. The schemas check shapes, types, closed lists and
// formats normalization never changes, nothing the shared validator would accept; when they refuse,
// the shared validator words the error (relay/src/api/validation.ts), so a rule has one home and a
// refusal reads the same from the relay as from the SuiteApp.
import { z } from '@hono/zod-openapi';
import { LABEL_IMAGE_TYPES, LABEL_STOCK_TYPES, TRACK_REQUEST_MAX } from '../../../shared/src/contract';
import { ERROR_CODES } from '../../../shared/src/errors';
import { CONNECTOR_STATUSES } from '../../../shared/src/tracking';
import { IDEMPOTENCY_KEY_PATTERN, MAX_COMMODITIES, MAX_PACKAGES, PICKUP_TYPES } from '../../../shared/src/validate';

const ACCOUNT = /^[0-9]{9}$/;
const TRACKING_NUMBER = /^[0-9A-Za-z]{6,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const accountNumber = z.string().regex(ACCOUNT, 'must be a 9-digit FedEx account number');
const calendarDate = z
  .string()
  .regex(DATE, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'must be a date as YYYY-MM-DD')
  .openapi({ format: 'date', example: '2026-11-24' });

// ---- POST /v1/shipments ---------------------------------------------------------------------------

const Address = z
  .object({
    streetLines: z.array(z.string()).min(1, 'at least one street line is required').openapi({ description: 'Up to 3 lines of at most 35 characters (longer lines are re-flowed by the relay when they fit)' }),
    city: z.string().openapi({ description: 'At most 35 characters' }),
    stateOrProvinceCode: z.string().optional().openapi({ description: '2-letter code; required for US, CA and PR' }),
    postalCode: z.string().optional().openapi({ description: 'As FedEx wants it: US 5 digits, Canada "A1A 1A1"; normalized by the relay' }),
    countryCode: z.string().openapi({ description: 'ISO 3166-1 alpha-2', example: 'US' }),
    residential: z.boolean().optional(),
  })
  .openapi('Address');

const Contact = z
  .object({
    personName: z.string().optional(),
    companyName: z.string().optional(),
    phoneNumber: z.string().openapi({ description: 'Digits only after normalization: 10 for US/CA/PR, 10 to 15 elsewhere', example: '9015550100' }),
    phoneExtension: z.string().optional(),
    emailAddress: z.string().optional(),
  })
  .openapi('Contact', { description: 'A person name or a company name is required' });

const Party = z.object({ contact: Contact, address: Address }).openapi('Party');

const Package = z
  .object({
    weight: z.object({ units: z.enum(['LB', 'KG']), value: z.number().positive('must be above 0') }),
    dimensions: z
      .object({ length: z.number(), width: z.number(), height: z.number(), units: z.enum(['IN', 'CM']) })
      .optional()
      .openapi({ description: 'Whole units (rounded up by the relay), 1 to 999' }),
    description: z.string().optional(),
  })
  .openapi('Package');

const Item = z.object({ item: z.string(), description: z.string().optional(), quantity: z.number().positive('must be above 0') }).openapi('Item');

const Commodity = z
  .object({
    item: z.string(),
    description: z.string().openapi({ description: 'What the goods are, for customs (at most 450 characters)' }),
    quantity: z.number(),
    quantityUnits: z.string().openapi({ example: 'EA' }),
    unitPrice: z.number(),
    customsValue: z.number(),
    countryOfManufacture: z.string().openapi({ description: 'ISO 3166-1 alpha-2' }),
    harmonizedCode: z.string().optional(),
    weight: z.number().optional(),
  })
  .openapi('Commodity');

const Customs = z
  .object({
    currency: z.string().openapi({ description: 'ISO 4217', example: 'USD' }),
    dutiesPayment: z.enum(['SENDER', 'RECIPIENT']),
    dutiesAccountNumber: z.string().optional(),
    electronicTradeDocuments: z.boolean(),
    invoiceNumber: z.string().optional(),
    commodities: z.array(Commodity).min(1, 'at least one commodity is required').max(MAX_COMMODITIES, `at most ${MAX_COMMODITIES} commodities`),
  })
  .openapi('Customs', { description: 'Required when shipper and recipient countries differ' });

export const CreateShipmentRequestSchema = z
  .object({
    idempotencyKey: z.string().regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1 to 40 letters, digits or . _ : -').openapi({ description: "Derived from the NetSuite account and the fulfillment's internal id: the same fulfillment always sends the same key", example: 'NS1234567SB1-IF501' }),
    source: z.object({ fulfillmentId: z.string(), fulfillmentTranId: z.string().optional(), salesOrderId: z.string().optional(), salesOrderTranId: z.string().optional() }),
    attempt: z.number().int('must be a whole number from 1').min(1, 'must be a whole number from 1').optional(),
    firstAttemptAt: z.number({ error: 'must be a time in milliseconds since the epoch' }).int('must be a time in milliseconds since the epoch').positive('must be a time in milliseconds since the epoch').max(Number.MAX_SAFE_INTEGER, 'must be a time in milliseconds since the epoch').optional(),
    accountNumber: accountNumber.optional(),
    serviceType: z.string().openapi({ example: 'FEDEX_GROUND' }),
    packagingType: z.string().openapi({ example: 'YOUR_PACKAGING' }),
    // A string in the contract; the shared validator refuses any other value (in its own words).
    pickupType: z.string().openapi({ enum: [...PICKUP_TYPES] }),
    shipDate: z.string().openapi({ format: 'date', example: '2026-11-24' }),
    label: z.object({ imageType: z.enum(LABEL_IMAGE_TYPES as readonly ['PDF', 'PNG', 'ZPLII', 'EPL2']), stockType: z.enum(LABEL_STOCK_TYPES) }),
    shipper: Party,
    recipient: Party,
    packages: z.array(Package).min(1, 'at least one package is required').max(MAX_PACKAGES, `at most ${MAX_PACKAGES} packages`),
    items: z.array(Item),
    customs: Customs.optional(),
  })
  .openapi('CreateShipmentRequest', { description: 'One FedEx shipment for one NetSuite item fulfillment. The relay normalizes it and checks FedEx rules (shared/src/validate.ts) after this shape.' });

const Label = z.object({ trackingNumber: z.string(), contentType: z.string().openapi({ example: 'application/pdf' }), content: z.string().openapi({ format: 'byte' }) }).openapi('ShipmentLabel');
const Document = z.object({ type: z.string().openapi({ example: 'COMMERCIAL_INVOICE' }), contentType: z.string(), content: z.string().openapi({ format: 'byte' }) }).openapi('ShipmentDocument');

export const CreateShipmentResponseSchema = z
  .object({
    idempotencyKey: z.string(),
    masterTrackingNumber: z.string(),
    trackingNumbers: z.array(z.string()),
    serviceType: z.string(),
    shipDate: z.string(),
    accountNumber: z.string(),
    labels: z.array(Label),
    documents: z.array(Document).optional(),
    fedexTransactionId: z.string(),
    replayed: z.boolean().openapi({ description: 'True when this is the stored answer to an earlier identical request (HTTP 200 instead of 201)' }),
    notes: z.array(z.string()),
  })
  .openapi('CreateShipmentResponse');

// ---- POST /v1/shipments/cancel ----------------------------------------------------------------------

export const CancelShipmentRequestSchema = z
  .object({
    idempotencyKey: z.string().regex(IDEMPOTENCY_KEY_PATTERN, 'must be the idempotency key the shipment was created with'),
    trackingNumber: z.string().regex(TRACKING_NUMBER, 'must be a FedEx tracking number'),
    accountNumber: accountNumber.optional(),
  })
  .openapi('CancelShipmentRequest');

export const CancelShipmentResponseSchema = z
  .object({
    idempotencyKey: z.string(),
    trackingNumber: z.string(),
    cancelled: z.literal(true),
    alreadyCancelled: z.boolean(),
    fedexTransactionId: z.string().optional(),
    notes: z.array(z.string()),
  })
  .openapi('CancelShipmentResponse');

// ---- POST /v1/tracking ------------------------------------------------------------------------------

export const TrackRequestSchema = z
  .object({
    shipments: z
      .array(z.object({ trackingNumber: z.string().regex(TRACKING_NUMBER, 'must be 6 to 40 letters or digits (a FedEx tracking number)'), shipDate: calendarDate.optional() }))
      .min(1, 'at least one shipment is required')
      .max(TRACK_REQUEST_MAX, `at most ${TRACK_REQUEST_MAX} shipments in one call`),
  })
  .openapi('TrackRequest');

const TrackStatus = z
  .object({
    trackingNumber: z.string(),
    found: z.boolean(),
    status: z.enum(CONNECTOR_STATUSES),
    fedexCode: z.string().optional(),
    derivedCode: z.string().optional(),
    description: z.string().optional(),
    lastScanTime: z.string().optional(),
    lastScanLocation: z.string().optional(),
    estimatedDelivery: z.string().optional(),
    deliveredAt: z.string().optional(),
    receivedBy: z.string().optional(),
    exceptionCode: z.string().optional(),
    exceptionDescription: z.string().optional(),
    returnTrackingNumber: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .openapi('TrackStatus');

export const TrackResponseSchema = z.object({ results: z.array(TrackStatus) }).openapi('TrackResponse');

// ---- POST /webhooks/fedex/tracking --------------------------------------------------------------------

/**
 * FedEx publishes no schema for tracking pushes (they resemble Track answers): any JSON, read
 * leniently. Refusing a shape here would only make FedEx retry a push the relay cannot use anyway.
 */
export const FedexTrackingPushSchema = z.unknown().openapi('FedexTrackingPush', { description: 'A FedEx tracking webhook push, read leniently (a Track answer, a trackResults list, or one track result)' });

export const WebhookAnswerSchema = z
  .object({ accepted: z.number().int(), duplicate: z.boolean().optional(), netsuite: z.unknown().optional() })
  .openapi('WebhookAnswer');

// ---- Errors and probes ----------------------------------------------------------------------------

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      retryable: z.boolean().openapi({ description: 'The same request may succeed later without anyone changing data (Retry-After says when)' }),
      requestId: z.string().optional(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      fedexErrors: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
      fedexTransactionId: z.string().optional(),
    }),
  })
  .openapi('Error');

// ---- POST /v1/ping -----------------------------------------------------------------------------------

/** The console signs `{}`; anything else in the body is ignored. */
export const PingRequestSchema = z.looseObject({}).openapi('PingRequest');
export const PingResponseSchema = z.object({ ok: z.literal(true), relayTime: z.string().openapi({ format: 'date-time', description: "The relay's clock" }) }).openapi('PingResponse');

export const AliveSchema = z.object({ ok: z.literal(true) }).openapi('Alive');
export const ReadinessSchema = z
  .object({ ready: z.boolean(), checks: z.record(z.string(), z.string()).openapi({ description: 'Each check: "ok", or why it fails', example: { shutdown: 'ok', 'fedex-token': 'ok', redis: 'ok' } }) })
  .openapi('Readiness');
