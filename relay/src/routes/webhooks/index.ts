// POST /webhooks/fedex/tracking: FedEx pushes a status; the relay passes it to NetSuite's RESTlet,
// which applies it exactly as the poll would. When NetSuite cannot take it (outage, concurrency
// limit), the relay answers non-2xx so FedEx retries; the next poll repairs anything still missed.
import { Hono } from 'hono';
import { RELAY_PATHS } from '../../../../shared/src/contract';
import { readTrackingWebhook } from '../../../../shared/src/tracking';
import type { Logger } from '../../lib/logger';
import type { NetSuiteClient } from '../../netsuite/client';
import { verifyFdxSignature } from '../../security/verify-fdx-signature';
import { rawJson } from '../../lib/raw-json';

export function webhookRoutes(deps: { netsuite: NetSuiteClient; securityToken: string; log: Logger }): Hono {
  const app = new Hono();
  app.use(RELAY_PATHS.fedexWebhook, verifyFdxSignature({ securityToken: deps.securityToken, log: deps.log }));
  app.post(RELAY_PATHS.fedexWebhook, async (c) => {
    const body = rawJson(c);
    const updates = readTrackingWebhook(body).filter((u) => u.found);
    if (updates.length === 0) return c.json({ accepted: 0 });
    const result = await deps.netsuite.postRestlet({ source: 'webhook', updates });
    if (!result.ok) {
      deps.log.warn('webhook.netsuite_failed', { status: result.status, code: result.code, numbers: updates.map((u) => u.trackingNumber) });
      // 503 asks FedEx to retry later; nothing is acknowledged that NetSuite did not take.
      return c.json({ error: { code: 'NETSUITE_UNAVAILABLE', message: `NetSuite did not accept the update (${result.code})` } }, 503);
    }
    deps.log.info('webhook.applied', { numbers: updates.map((u) => u.trackingNumber), result: result.body });
    return c.json({ accepted: updates.length, netsuite: result.body });
  });
  return app;
}
