// Builds the relay app from injected dependencies. Never listens: only src/index.ts calls serve.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { RELAY_PATHS } from '../../../shared/src/contract';
import { RelayError } from '../errors';
import type { FedexClient } from '../fedex/client';
import type { IdempotencyStore } from '../idempotency/store';
import { pingRoutes } from '../routes/ping';
import { shipmentsRoutes } from '../routes/shipments';
import { trackingRoutes } from '../routes/tracking';
import { webhookRoutes } from '../routes/webhooks';
import type { NetSuiteClient } from '../netsuite/client';
import type { NonceStore } from '../security/nonce-store';
import { verifySignature } from '../security/verify-signature';
import type { Clock } from './clock';
import type { Logger } from './logger';

export interface RelayDeps {
  fedex: FedexClient;
  store: IdempotencyStore;
  nonces: NonceStore;
  clock: Clock;
  log: Logger;
  sharedSecret: string;
  defaultAccountNumber?: string;
  /** FedEx webhooks are optional (a paid FedEx service): both are needed to receive them. */
  webhooks?: { securityToken: string; netsuite: NetSuiteClient };
}

export function createApp(deps: RelayDeps): Hono {
  const app = new Hono();
  app.use('*', requestId());
  app.get(RELAY_PATHS.health, (c) => c.json({ ok: true }));
  app.use('/v1/*', verifySignature({ secret: deps.sharedSecret, nonces: deps.nonces, now: () => deps.clock.now(), log: deps.log }));
  const serviceDeps = { fedex: deps.fedex, store: deps.store, log: deps.log, ...(deps.defaultAccountNumber ? { defaultAccountNumber: deps.defaultAccountNumber } : {}) };
  app.route('/', shipmentsRoutes(serviceDeps));
  app.route('/', trackingRoutes(deps.fedex));
  app.route('/', pingRoutes(deps.clock));
  if (deps.webhooks) app.route('/', webhookRoutes({ ...deps.webhooks, log: deps.log }));
  app.notFound((c) => c.json(new RelayError(404, 'INVALID_REQUEST', `No route ${c.req.method} ${c.req.path}`).toBody(c.get('requestId')), 404));
  app.onError((err, c) => {
    if (err instanceof RelayError) {
      if (err.status >= 500) deps.log.warn('request.failed', { code: err.code, message: err.message, path: c.req.path });
      if (err.details.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.details.retryAfterSeconds));
      return c.json(err.toBody(c.get('requestId')), err.status);
    }
    deps.log.error('request.crashed', { message: err.message, stack: err.stack, path: c.req.path });
    return c.json(new RelayError(500, 'INTERNAL', 'Internal relay error').toBody(c.get('requestId')), 500);
  });
  return app;
}
