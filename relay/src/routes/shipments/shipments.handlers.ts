// POST /v1/shipments: normalize and validate (the same shared code the SuiteApp runs), then create
// (at most once per idempotency key).
import type { Context } from 'hono';
import { describeProblems, prepareCreateShipmentRequest } from '../../../../shared/src/validate';
import { RelayError } from '../../errors';
import type { ShipmentServiceDeps } from '../../services/create-shipment';
import { createShipment } from '../../services/create-shipment';
import { rawJson } from '../../lib/raw-json';

export function createShipmentHandler(deps: ShipmentServiceDeps) {
  return async function handleCreateShipment(c: Context) {
    const body = rawJson(c);
    const checked = prepareCreateShipmentRequest(body);
    if (!checked.ok) {
      throw new RelayError(400, 'INVALID_REQUEST', `Invalid shipment request: ${describeProblems(checked.problems)}`, { fields: checked.problems });
    }
    const firstAttemptAt = (body as { firstAttemptAt?: unknown }).firstAttemptAt;
    if (firstAttemptAt !== undefined && !(typeof firstAttemptAt === 'number' && Number.isSafeInteger(firstAttemptAt) && firstAttemptAt > 0)) {
      throw new RelayError(400, 'INVALID_REQUEST', 'Invalid shipment request: firstAttemptAt must be a time in milliseconds since the epoch', { fields: [{ path: 'firstAttemptAt', message: 'must be a time in milliseconds since the epoch' }] });
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
