// POST /v1/tracking: batch status for the SuiteApp's poll.
import { Hono } from 'hono';
import { RELAY_PATHS, TRACK_REQUEST_MAX } from '../../../../shared/src/contract';
import { describeProblems, validateTrackRequest } from '../../../../shared/src/validate';
import { RelayError } from '../../errors';
import type { FedexClient } from '../../fedex/client';
import { trackShipments } from '../../services/track-shipments';
import { rawJson } from '../../lib/raw-json';

export function trackingRoutes(fedex: FedexClient): Hono {
  return new Hono().post(RELAY_PATHS.track, async (c) => {
    const body = rawJson(c);
    const checked = validateTrackRequest(body, TRACK_REQUEST_MAX);
    if (!checked.ok) throw new RelayError(400, 'INVALID_REQUEST', `Invalid tracking request: ${describeProblems(checked.problems)}`, { fields: checked.problems });
    return c.json(await trackShipments(fedex, checked.value, { deadlineAt: c.get('deadlineAt') }));
  });
}
