// GET /metrics (Prometheus text format) and the middleware that counts every request by route
// pattern and status. The route label is the pattern the request matched (`/v1/shipments`), or the
// catch-all for paths that match nothing, so a scanner trying random paths adds no series.
import { Hono, type MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { type Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { RelayMetrics } from '../lib/metrics';

export const METRICS_PATH = '/metrics';

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
export function metricsRoutes(metrics: RelayMetrics, token?: string): Hono {
  const app = new Hono();
  if (token) app.use(METRICS_PATH, bearerAuth({ token }));
  app.get(METRICS_PATH, async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
  return app;
}
