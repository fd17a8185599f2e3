// POST /webhooks/fedex/tracking: FedEx pushes a status; the relay passes it to NetSuite's RESTlet,
// which applies it exactly as the poll would. When NetSuite cannot take it (outage, concurrency
// limit, no answer in time), the relay answers non-2xx so FedEx retries; the next poll repairs
// anything still missed. A push already applied is acknowledged without calling NetSuite again.
import { createHash } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { RELAY_PATHS } from '../../../../shared/src/contract';
import { fedexWebhookRoute } from '../../api/routes';
import { refuseInvalid } from '../../api/validation';
import { readTrackingWebhook } from '../../../../shared/src/tracking';
import type { Logger } from '../../lib/logger';
import type { RelayMetrics } from '../../lib/metrics';
import type { NetSuiteClient } from '../../netsuite/client';
import { verifyFdxSignature } from '../../security/verify-fdx-signature';
import { rawJson } from '../../lib/raw-json';
import type { WebhookDedupe } from '../../webhooks/dedupe';
import { MemoryWebhookDedupe } from '../../webhooks/dedupe';

export interface WebhookDeps {
  netsuite: NetSuiteClient;
  securityToken: string;
  log: Logger;
  dedupe?: WebhookDedupe;
  metrics?: RelayMetrics;
}

/** FedEx's event id when the push has a usable one; else the hash of the exact bytes FedEx signed. */
export function pushId(body: unknown, rawBody: string): string {
  const eventId = (body as { eventId?: unknown } | undefined)?.eventId;
  if (typeof eventId === 'string' && /^[A-Za-z0-9_.:-]{8,100}$/.test(eventId)) return `event:${eventId}`;
  return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

export function webhookRoutes(deps: WebhookDeps): OpenAPIHono {
  const dedupe = deps.dedupe ?? new MemoryWebhookDedupe();
  const app = new OpenAPIHono();
  app.use(RELAY_PATHS.fedexWebhook, verifyFdxSignature({ securityToken: deps.securityToken, log: deps.log }));
  app.openapi(fedexWebhookRoute, async (c) => {
    const body = rawJson(c);
    const updates = readTrackingWebhook(body).filter((u) => u.found);
    const pushed = (outcome: string) => deps.metrics?.webhookPushes.inc({ outcome });
    if (updates.length === 0) {
      pushed('no_updates');
      return c.json({ accepted: 0 });
    }
    const id = pushId(body, c.get('rawBody'));
    // Without its dedupe store (Redis down) the push is still applied: a repeat changes nothing in NetSuite.
    const seen = await dedupe.begin(id).catch((e: Error) => (deps.log.warn('webhook.dedupe_unavailable', { message: e.message }), 'new' as const));
    if (seen === 'applied') {
      pushed('duplicate');
      deps.log.info('webhook.duplicate', { id, numbers: updates.map((u) => u.trackingNumber) });
      return c.json({ accepted: 0, duplicate: true });
    }
    if (seen === 'in-progress') {
      pushed('in_progress');
      c.header('retry-after', '30');
      return c.json({ error: { code: 'IN_PROGRESS', message: 'This push is being applied; retry later' } }, 503);
    }
    const result = await deps.netsuite.postRestlet({ source: 'webhook', updates });
    if (!result.ok) {
      pushed('netsuite_failed');
      await dedupe.failed(id).catch(() => undefined);
      deps.log.warn('webhook.netsuite_failed', { status: result.status, code: result.code, numbers: updates.map((u) => u.trackingNumber) });
      // 503 asks FedEx to retry later; nothing is acknowledged that NetSuite did not take.
      return c.json({ error: { code: 'NETSUITE_UNAVAILABLE', message: `NetSuite did not accept the update (${result.code})` } }, 503);
    }
    await dedupe.applied(id).catch(() => undefined);
    pushed('applied');
    deps.log.info('webhook.applied', { numbers: updates.map((u) => u.trackingNumber), result: result.body });
    return c.json({ accepted: updates.length, netsuite: result.body }, 200);
  }, refuseInvalid({ what: 'FedEx push' }));
  return app;
}
