// POST /v1/shipments: normalize and validate (the same shared code the SuiteApp runs), then create
// (at most once per idempotency key).
import type { Context } from 'hono';
import { prepareCreateShipmentRequest } from '../../../../shared/src/validate';
import { invalidRequest } from '../../api/validation';
import type { ShipmentServiceDeps } from '../../services/create-shipment';
import { createShipment } from '../../services/create-shipment';
import { rawJson } from '../../lib/raw-json';

export const CREATE_REQUEST = 'shipment request';

/** The shared validator's problems with a create (normalized first, as the SuiteApp does). */
export function sharedCreateProblems(body: unknown) {
  const checked = prepareCreateShipmentRequest(body);
  return checked.ok ? undefined : checked.problems;
}

export function createShipmentHandler(deps: ShipmentServiceDeps) {
  return async function handleCreateShipment(c: Context) {
    const body = rawJson(c);
    const checked = prepareCreateShipmentRequest(body);
    if (!checked.ok) {
      throw invalidRequest(CREATE_REQUEST, checked.problems);
    }
    const firstAttemptAt = (body as { firstAttemptAt?: unknown }).firstAttemptAt;
    if (firstAttemptAt !== undefined && !(typeof firstAttemptAt === 'number' && Number.isSafeInteger(firstAttemptAt) && firstAttemptAt > 0)) {
      throw invalidRequest(CREATE_REQUEST, [{ path: 'firstAttemptAt', message: 'must be a time in milliseconds since the epoch' }]);
    }
    const started = Date.now();
    const response = await createShipment(deps, checked.value, c.get('deadlineAt'));
    if (response.replayed) deps.metrics?.replays.inc();
    deps.log.info('shipment.created', {
      idempotencyKey: response.idempotencyKey,
      masterTrackingNumber: response.masterTrackingNumber,
      packages: response.trackingNumbers.length,
      replayed: response.replayed,
      fedexTransactionId: response.fedexTransactionId,
      ms: Date.now() - started,
    });
    return c.json(response, response.replayed ? 200 : 201);
  };
}
