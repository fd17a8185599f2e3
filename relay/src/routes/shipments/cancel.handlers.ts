// POST /v1/shipments/cancel: the schema (relay/src/api/routes.ts) has checked the request; void it
// (confirmed by FedEx, or refused by name).
import type { Context } from 'hono';
import type { CancelShipmentRequest } from '../../../../shared/src/contract';
import type { CancelServiceDeps } from '../../services/cancel-shipment';
import { cancelShipment } from '../../services/cancel-shipment';
import { rawJson } from '../../lib/raw-json';

export const CANCEL_REQUEST = 'cancel request';

export function cancelShipmentHandler(deps: CancelServiceDeps) {
  return async function handleCancelShipment(c: Context) {
    const request = rawJson(c) as CancelShipmentRequest;
    const { idempotencyKey, trackingNumber, accountNumber } = request;
    return c.json(await cancelShipment(deps, { idempotencyKey, trackingNumber, ...(accountNumber !== undefined ? { accountNumber } : {}) }, c.get('deadlineAt')), 200);
  };
}
