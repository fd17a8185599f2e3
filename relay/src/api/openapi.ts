// GET /openapi.json: the OpenAPI 3 document of every route the relay serves, generated from the route
// declarations (relay/src/api/routes.ts) registered on the app. Computed once, on first request.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { SIGNATURE_HEADERS } from '../../../shared/src/signing';
import { SECURITY } from './routes';

export const OPENAPI_PATH = '/openapi.json';

const INFO = {
  title: 'NetSuite–FedEx connector relay',
  version: '1',
  description:
    'Between the NetSuite SuiteApp and FedEx: credentials, token cache, rate limiter, deduplication, retries, webhooks. ' +
    'Every /v1/ call is signed by the SuiteApp (HMAC-SHA256 with the shared API secret, headers ' +
    `${SIGNATURE_HEADERS.timestamp}, ${SIGNATURE_HEADERS.nonce}, ${SIGNATURE_HEADERS.signature}). ` +
    'The wire contract is shared/src/contract.ts; errors are { error: { code, message, retryable, … } } (shared/src/errors.ts).',
};

/** Registers the security schemes and serves the document. Call after every route is mounted. */
export function serveOpenApi(app: OpenAPIHono): void {
  app.openAPIRegistry.registerComponent('securitySchemes', SECURITY.signature, {
    type: 'apiKey',
    in: 'header',
    name: SIGNATURE_HEADERS.signature,
    description: `HMAC-SHA256 of "v1\\n<${SIGNATURE_HEADERS.timestamp}>\\n<${SIGNATURE_HEADERS.nonce}>\\n<METHOD>\\n<path>\\n<body>" with the shared API secret (RELAY_SHARED_SECRET), sent as v1=<hex> with the timestamp and nonce headers`,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', SECURITY.fdxSignature, {
    type: 'apiKey',
    in: 'header',
    name: 'fdx-signature',
    description: 'FedEx webhook signature: base64 HMAC-SHA256 of the raw body with the webhook security token (FEDEX_WEBHOOK_SECURITY_TOKEN)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', SECURITY.metricsToken, { type: 'http', scheme: 'bearer', description: 'Only when RELAY_METRICS_TOKEN is set' });
  let document: unknown;
  app.get(OPENAPI_PATH, (c) => c.json((document ??= app.getOpenAPIDocument({ openapi: '3.0.3', info: INFO }))));
}
