// POST /v1/ping: a signed call that does nothing else, so NetSuite's admin console can prove the
// shared HMAC secret (and the clocks) match without buying a label or spending FedEx quota. The
// signature middleware in front of /v1/* has already accepted the call when this runs.
import { Hono } from 'hono';
import type { PingResponse } from '../../../../shared/src/contract';
import { RELAY_PATHS } from '../../../../shared/src/contract';
import type { Clock } from '../../lib/clock';

export function pingRoutes(clock: Clock): Hono {
  return new Hono().post(RELAY_PATHS.ping, (c) => c.json({ ok: true, relayTime: new Date(clock.now()).toISOString() } satisfies PingResponse));
}
