// Builds the relay app from injected dependencies. Never listens: only src/index.ts calls serve.
import type { MiddlewareHandler } from 'hono';
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { contextStorage } from 'hono/context-storage';
import { requestId } from 'hono/request-id';
import { RELAY_PATHS } from '../../../shared/src/contract';
import { OPENAPI_PATH, serveOpenApi } from '../api/openapi';
import { RelayError } from '../errors';
import type { FedexClient } from '../fedex/client';
import { limitBodyByRoute } from '../http/body-limits';
import { deadline, DEFAULT_DEADLINE_MS } from '../http/deadline';
import { healthRoutes, type ReadinessCheck } from '../http/health';
import { countRequests, METRICS_PATH, metricsRoutes, routeOf } from '../http/metrics';
import type { IdempotencyStore } from '../idempotency/store';
import { pingRoutes } from '../routes/ping';
import { shipmentsRoutes } from '../routes/shipments';
import { trackingRoutes } from '../routes/tracking';
import { webhookRoutes } from '../routes/webhooks';
import type { NetSuiteClient } from '../netsuite/client';
import type { NonceStore } from '../security/nonce-store';
import { verifySignature } from '../security/verify-signature';
import type { WebhookDedupe } from '../webhooks/dedupe';
import type { Clock } from './clock';
import type { Logger } from './logger';
import { createRelayMetrics, type RelayMetrics } from './metrics';

export interface RelayDeps {
  fedex: FedexClient;
  store: IdempotencyStore;
  nonces: NonceStore;
  clock: Clock;
  log: Logger;
  sharedSecret: string;
  /** The old shared secret, accepted while it is rotated (RELAY_SHARED_SECRET_PREVIOUS). */
  previousSharedSecret?: string;
  defaultAccountNumber?: string;
  /** FedEx webhooks are optional (a paid FedEx service): both are needed to receive them. */
  webhooks?: { securityToken: string; netsuite: NetSuiteClient; dedupe?: WebhookDedupe };
  /** Each request's deadline after arrival (default 40 s, under NetSuite's 45 s). */
  deadlineMs?: number;
  /** What /readyz checks (Redis, shutdown). */
  readiness?: readonly ReadinessCheck[];
  /** Where counts go (GET /metrics); default a registry of this app's own. */
  metrics?: RelayMetrics;
  /** When set, GET /metrics needs `Authorization: Bearer <metricsToken>` (RELAY_METRICS_TOKEN). */
  metricsToken?: string;
}

/** ioredis's errors when Redis cannot be reached (no offline queue, closed connection, timeout). */
function isRedisUnavailable(err: Error): boolean {
  return err.name === 'MaxRetriesPerRequestError' || /Stream isn't writeable|Connection is closed|Command timed out|ECONNREFUSED/.test(err.message);
}

export function createApp(deps: RelayDeps): OpenAPIHono {
  const metrics = deps.metrics ?? createRelayMetrics();
  metrics.observeTokens(deps.fedex.tokens);
  // Routes declared with zod schemas (relay/src/api/routes.ts): validated, and listed in /openapi.json.
  const app = new OpenAPIHono();
  app.use('*', requestId());
  // The request's context is reachable from anywhere it is served: the logger stamps its id on every line.
  app.use('*', contextStorage());
  app.use('*', accessLog(deps.log));
  app.use('*', countRequests(metrics));
  app.route('/', healthRoutes(deps.readiness ?? []));
  app.route('/', metricsRoutes(metrics, deps.metricsToken));
  app.use('*', limitBodyByRoute());
  app.use('*', deadline(deps.clock, deps.deadlineMs ?? DEFAULT_DEADLINE_MS));
  app.use('/v1/*', verifySignature({ secret: deps.sharedSecret, ...(deps.previousSharedSecret ? { previousSecret: deps.previousSharedSecret } : {}), nonces: deps.nonces, now: () => deps.clock.now(), log: deps.log }));
  const serviceDeps = { fedex: deps.fedex, store: deps.store, clock: deps.clock, log: deps.log, metrics, ...(deps.defaultAccountNumber ? { defaultAccountNumber: deps.defaultAccountNumber } : {}) };
  app.route('/', shipmentsRoutes(serviceDeps));
  app.route('/', trackingRoutes(deps.fedex));
  app.route('/', pingRoutes(deps.clock));
  if (deps.webhooks) app.route('/', webhookRoutes({ ...deps.webhooks, log: deps.log, metrics }));
  serveOpenApi(app);
  app.notFound((c) => c.json(new RelayError(404, 'INVALID_REQUEST', `No route ${c.req.method} ${c.req.path}`).toBody(c.get('requestId')), 404));
  app.onError((err, c) => {
    if (err instanceof RelayError) {
      const route = routeOf(c);
      metrics.errors.inc({ route, code: err.code });
      if (err.code === 'RELAY_OVERLOADED') metrics.deadlineRefusals.inc({ route });
      if (err.status >= 500) deps.log.warn('request.failed', { code: err.code, message: err.message, path: c.req.path });
      if (err.details.retryAfterSeconds !== undefined) c.header('retry-after', String(err.details.retryAfterSeconds));
      return c.json(err.toBody(c.get('requestId')), err.status);
    }
    if (err instanceof HTTPException) return err.getResponse();
    if (isRedisUnavailable(err)) {
      // A safety net: every path that needs Redis says so itself; one that did not still answers 503, not a crash.
      deps.log.warn('request.failed', { code: 'RELAY_UNAVAILABLE', message: err.message, path: c.req.path });
      metrics.errors.inc({ route: routeOf(c), code: 'RELAY_UNAVAILABLE' });
      c.header('retry-after', '5');
      return c.json(new RelayError(503, 'RELAY_UNAVAILABLE', `The relay's shared state (Redis) is unavailable: ${err.message}. Retry later.`).toBody(c.get('requestId')), 503);
    }
    if (c.req.raw.signal.aborted) {
      // The caller went away (NetSuite timed out, a client hung up): not a crash, and no one reads the answer.
      deps.log.info('request.aborted', { path: c.req.path, message: err.message });
      return c.body(null, 499 as never);
    }
    deps.log.error('request.crashed', { message: err.message, stack: err.stack, path: c.req.path });
    metrics.errors.inc({ route: routeOf(c), code: 'INTERNAL' });
    return c.json(new RelayError(500, 'INTERNAL', 'Internal relay error').toBody(c.get('requestId')), 500);
  });
  return app;
}

/** Probes run every few seconds: logged only at debug level, unless they fail. */
const PROBES: ReadonlySet<string> = new Set([RELAY_PATHS.health, RELAY_PATHS.healthz, RELAY_PATHS.readyz, METRICS_PATH, OPENAPI_PATH]);

/** One `request.done` line per request: method, route (the pattern, not the path), status, duration. */
function accessLog(log: Logger): MiddlewareHandler {
  return async function accessLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const fields = { method: c.req.method, route: routeOf(c), status: c.res.status, ms: Math.round(performance.now() - started) };
    if (PROBES.has(c.req.path) && c.res.status < 400) log.debug('request.done', fields);
    else log.info('request.done', fields);
  };
}
