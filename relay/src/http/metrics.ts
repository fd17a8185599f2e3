// GET /metrics (Prometheus text format) and the middleware that counts every request by route
// pattern and status. The route label is the pattern the request matched (`/v1/shipments`), or the
// catch-all for paths that match nothing, so a scanner trying random paths adds no series.
import type { Context, MiddlewareHandler } from 'hono';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bearerAuth } from 'hono/bearer-auth';
import { matchedRoutes } from 'hono/route';
import { RELAY_STATUS_PATHS } from '../../../shared/src/relay-status';
import { metricsRoute } from '../api/routes';
import type { RelayMetrics } from '../lib/metrics';

/** Where the admin console and Prometheus read the metrics. */
export const METRICS_PATH = RELAY_STATUS_PATHS.metrics;

/**
 * The route pattern a request matched (`/v1/shipments`): the last handler registered for its method
 * and path, whether or not a middleware answered first (a 401, a 413); `*` when none matched (404).
 */
export function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i]?.method !== 'ALL') return routes[i]?.path ?? '*';
  return '*';
}

export function countRequests(metrics: RelayMetrics): MiddlewareHandler {
  return async function countRequestsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const route = routeOf(c);
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  };
}

/** With a token, a scraper must send `Authorization: Bearer <token>` (constant-time compare). */
export function metricsRoutes(metrics: RelayMetrics, token?: string): OpenAPIHono {
  const app = new OpenAPIHono();
  if (token) app.use(METRICS_PATH, bearerAuth({ token }));
  app.openapi(metricsRoute, async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
  return app;
}
