// Every route the relay serves, declared once: path, method, the zod schema that validates its
// request, its answers. The route modules (relay/src/routes/*, relay/src/http/*) attach handlers to
// these declarations, and GET /openapi.json is generated from them, so the document cannot list a
// route the relay does not serve or miss one it does (relay/src/api/openapi.test.ts compares them).
import { createRoute, z } from '@hono/zod-openapi';
import { RELAY_PATHS } from '../../../shared/src/contract';
import { SIGNATURE_HEADERS, SIGNATURE_WINDOW_SECONDS } from '../../../shared/src/signing';
import { RELAY_STATUS_PATHS } from '../../../shared/src/relay-status';
import { signedJsonBody } from './validation';
import {
  AliveSchema,
  CancelShipmentRequestSchema,
  CancelShipmentResponseSchema,
  CreateShipmentRequestSchema,
  CreateShipmentResponseSchema,
  ErrorBodySchema,
  FedexTrackingPushSchema,
  PingRequestSchema,
  PingResponseSchema,
  ReadinessSchema,
  TrackRequestSchema,
  TrackResponseSchema,
  WebhookAnswerSchema,
} from './schemas';

/** The security scheme names /openapi.json declares (components.securitySchemes). */
export const SECURITY = { signature: 'mlfxSignature', fdxSignature: 'fdxSignature', metricsToken: 'metricsToken' } as const;

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const error = (description: string) => json(ErrorBodySchema, description);

/** The HMAC headers every /v1/ call carries (shared/src/signing.ts); checked before the route runs. */
const SignedHeaders = z.object({
  [SIGNATURE_HEADERS.timestamp]: z.string().regex(/^[0-9]{1,12}$/).openapi({ description: `Unix seconds when the call was signed; accepted within ${SIGNATURE_WINDOW_SECONDS} s of the relay's clock`, example: '1764640800' }),
  [SIGNATURE_HEADERS.nonce]: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).openapi({ description: 'A value never used before (16 to 64 of A-Z a-z 0-9 _ -): a replayed call is refused', example: 'q3H1x0cV9mE2Lk7PzR4tYw' }),
  [SIGNATURE_HEADERS.signature]: z.string().regex(/^v1=[0-9a-f]{64}$/).openapi({
    description: 'v1=<hex HMAC-SHA256 with the shared API secret over "v1\\n<timestamp>\\n<nonce>\\n<METHOD>\\n<path>\\n<body>">',
    example: `v1=${'0'.repeat(64)}`,
  }),
});

/** Refusals every signed route can give, whatever it does. */
const signedRefusals = {
  400: error('INVALID_REQUEST: the body is not JSON, or every bad field named (fields)'),
  401: error('The signature is missing, wrong, outside the time window, or its nonce was used (every refusal is the same; the relay log says which)'),
  413: error('The body is larger than this route accepts'),
  500: error('Internal relay error'),
  503: error('RELAY_OVERLOADED (its turn at FedEx would come past the deadline; Retry-After) or RELAY_UNAVAILABLE (Redis unavailable): nothing was sent to FedEx'),
} as const;

const signed = { security: [{ [SECURITY.signature]: [] }], middleware: [signedJsonBody] };

export const createShipmentRoute = createRoute({
  method: 'post',
  path: RELAY_PATHS.createShipment,
  tags: ['shipments'],
  summary: 'Create one FedEx shipment for one NetSuite item fulfillment (at most once per idempotency key)',
  ...signed,
  request: { headers: SignedHeaders, body: { ...json(CreateShipmentRequestSchema, 'The shipment, as the SuiteApp builds it from the fulfillment'), required: true } },
  responses: {
    ...signedRefusals,
    201: json(CreateShipmentResponseSchema, 'Created at FedEx: labels, tracking numbers'),
    200: json(CreateShipmentResponseSchema, 'The stored answer to an earlier identical request (replayed: true); no FedEx call'),
    400: error('INVALID_REQUEST: every bad field named (fields)'),
    409: error('The idempotency key is being created by another request, or was used for a different shipment'),
    422: error('FedEx refused the shipment (fedexErrors name why)'),
    502: error('FedEx answered unusably, or the outcome is unknown (FEDEX_OUTCOME_UNKNOWN: retried with reconciliation)'),
  },
});

export const cancelShipmentRoute = createRoute({
  method: 'post',
  path: RELAY_PATHS.cancelShipment,
  tags: ['shipments'],
  summary: 'Void a FedEx shipment (all its packages)',
  ...signed,
  request: { headers: SignedHeaders, body: { ...json(CancelShipmentRequestSchema, 'The shipment to void'), required: true } },
  responses: {
    ...signedRefusals,
    200: json(CancelShipmentResponseSchema, 'FedEx confirmed the void, or the shipment was already cancelled'),
    400: error('INVALID_REQUEST: every bad field named'),
    422: error('FEDEX_VOID_REFUSED: FedEx will not void it (picked up, delivered), its status named'),
    502: error('FedEx answered unusably'),
  },
});

export const trackRoute = createRoute({
  method: 'post',
  path: RELAY_PATHS.track,
  tags: ['tracking'],
  summary: 'Current status of up to 600 shipments (sent to FedEx in batches of 30)',
  ...signed,
  request: { headers: SignedHeaders, body: { ...json(TrackRequestSchema, 'The tracking numbers, each with its ship date when known'), required: true } },
  responses: {
    ...signedRefusals,
    200: json(TrackResponseSchema, 'One result per tracking number, in order (a number FedEx does not know: found false)'),
    400: error('INVALID_REQUEST: every bad field named'),
    429: error('FEDEX_RATE_LIMITED: FedEx refused (its daily Track quota or rate); Retry-After'),
    502: error('FedEx answered unusably'),
  },
});

export const pingRoute = createRoute({
  method: 'post',
  path: RELAY_PATHS.ping,
  tags: ['operations'],
  summary: 'Signed no-op: proves the SuiteApp and the relay share the HMAC secret (the console’s Test Connection); never calls FedEx',
  ...signed,
  request: { headers: SignedHeaders, body: { ...json(PingRequestSchema, 'Sign `{}`'), required: true } },
  responses: { ...signedRefusals, 200: json(PingResponseSchema, 'The signature was accepted') },
});

export const fedexWebhookRoute = createRoute({
  method: 'post',
  path: RELAY_PATHS.fedexWebhook,
  tags: ['webhooks'],
  summary: 'FedEx tracking push: passed to NetSuite, which applies it as the poll would',
  security: [{ [SECURITY.fdxSignature]: [] }],
  middleware: [signedJsonBody],
  request: { body: { ...json(FedexTrackingPushSchema, 'As FedEx sends it'), required: true } },
  responses: {
    200: json(WebhookAnswerSchema, 'Applied in NetSuite, already applied (duplicate), or nothing to apply'),
    400: error('The body is not JSON'),
    401: error('The fdx-signature header is missing or wrong'),
    413: error('The body is larger than this route accepts'),
    503: { description: 'NetSuite did not take it, or the same push is being applied: FedEx retries later' },
  },
});

const probe = { tags: ['operations'], method: 'get' as const };

export const healthRoute = createRoute({ ...probe, path: RELAY_PATHS.health, summary: 'Liveness (kept for existing monitors)', responses: { 200: json(AliveSchema, 'The process answers') } });
export const healthzRoute = createRoute({ ...probe, path: RELAY_PATHS.healthz, summary: 'Liveness: restart the relay when this fails', responses: { 200: json(AliveSchema, 'The process answers') } });
export const readyzRoute = createRoute({
  ...probe,
  path: RELAY_PATHS.readyz,
  summary: 'Readiness: the relay can serve now (a FedEx token held or obtainable, Redis answers when configured, not shutting down)',
  responses: { 200: json(ReadinessSchema, 'Ready: every check "ok"'), 503: json(ReadinessSchema, 'Not ready: each failed check says why') },
});
export const metricsRoute = createRoute({
  ...probe,
  path: RELAY_STATUS_PATHS.metrics,
  summary: 'Prometheus metrics (text exposition format 0.0.4)',
  security: [{}, { [SECURITY.metricsToken]: [] }],
  responses: {
    200: { content: { 'text/plain': { schema: z.string() } }, description: 'Counters, gauges and histograms (see docs/operating-the-relay.md)' },
    401: { description: 'RELAY_METRICS_TOKEN is set and the bearer token is missing or wrong' },
  },
});
