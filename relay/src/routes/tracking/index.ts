// POST /v1/tracking: batch status for the SuiteApp's poll.
// The schema (relay/src/api/routes.ts) checks the shape; the shared validator has the last word and
// words every refusal, as the SuiteApp's own check would.
import { OpenAPIHono } from '@hono/zod-openapi';
import { TRACK_REQUEST_MAX } from '../../../../shared/src/contract';
import { validateTrackRequest } from '../../../../shared/src/validate';
import { trackRoute } from '../../api/routes';
import { invalidRequest, refuseInvalid } from '../../api/validation';
import type { FedexClient } from '../../fedex/client';
import { trackShipments } from '../../services/track-shipments';
import { rawJson } from '../../lib/raw-json';

const WHAT = 'tracking request';
const sharedProblems = (body: unknown) => {
  const checked = validateTrackRequest(body, TRACK_REQUEST_MAX);
  return checked.ok ? undefined : checked.problems;
};

export function trackingRoutes(fedex: FedexClient): OpenAPIHono {
  return new OpenAPIHono().openapi(
    trackRoute,
    async (c) => {
      const checked = validateTrackRequest(rawJson(c), TRACK_REQUEST_MAX);
      if (!checked.ok) throw invalidRequest(WHAT, checked.problems);
      return c.json(await trackShipments(fedex, checked.value, { deadlineAt: c.get('deadlineAt') }), 200);
    },
    refuseInvalid({ what: WHAT, sharedProblems }),
  );
}
