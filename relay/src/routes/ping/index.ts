// POST /v1/ping: a signed call that does nothing else, so NetSuite's admin console can prove the
// shared HMAC secret (and the clocks) match without buying a label or spending FedEx quota. The
// signature middleware in front of /v1/* has already accepted the call when this runs.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { PingResponse } from '../../../../shared/src/contract';
import { pingRoute } from '../../api/routes';
import { refuseInvalid } from '../../api/validation';
import type { Clock } from '../../lib/clock';

export function pingRoutes(clock: Clock): OpenAPIHono {
  return new OpenAPIHono().openapi(pingRoute, (c) => c.json({ ok: true, relayTime: new Date(clock.now()).toISOString() } satisfies PingResponse, 200), refuseInvalid({ what: 'ping' }));
}
