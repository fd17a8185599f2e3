// Liveness and readiness. /health and /healthz: the process answers (a load balancer's liveness
// probe; restart when it fails). /readyz: the relay can serve now: every dependency it cannot work
// without answers (Redis, when configured) and it is not shutting down; 503 otherwise, so a load
// balancer sends traffic elsewhere until it recovers, without a restart.
import { OpenAPIHono } from '@hono/zod-openapi';
import { healthRoute, healthzRoute, readyzRoute } from '../api/routes';

export interface ReadinessCheck {
  name: string;
  /** Resolves with a problem description, or undefined when fine. Must answer within seconds. */
  problem(): Promise<string | undefined>;
}

export function healthRoutes(checks: readonly ReadinessCheck[]): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));
  app.openapi(healthzRoute, (c) => c.json({ ok: true as const }, 200));
  app.openapi(readyzRoute, async (c) => {
    const results = await Promise.all(checks.map(async (check) => [check.name, await check.problem().catch((e: Error) => e.message)] as const));
    const problems = Object.fromEntries(results.filter(([, problem]) => problem !== undefined));
    const ready = Object.keys(problems).length === 0;
    return c.json({ ready, checks: Object.fromEntries(results.map(([name, problem]) => [name, problem ?? 'ok'])) }, ready ? 200 : 503);
  });
  return app;
}
