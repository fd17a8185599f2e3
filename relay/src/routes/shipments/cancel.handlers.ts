// POST /v1/shipments/cancel: validate, then void (confirmed by FedEx, or refused by name).
import type { Context } from 'hono';
import { z } from 'zod';
import type { CancelShipmentRequest } from '../../../../shared/src/contract';
import { IDEMPOTENCY_KEY_PATTERN } from '../../../../shared/src/validate';
import { RelayError } from '../../errors';
import { rawJson } from '../../lib/raw-json';
import type { CancelServiceDeps } from '../../services/cancel-shipment';
import { cancelShipment } from '../../services/cancel-shipment';

const cancelRequest = z.object({
  idempotencyKey: z.string().regex(IDEMPOTENCY_KEY_PATTERN, 'must be the idempotency key the shipment was created with'),
  trackingNumber: z.string().regex(/^[0-9A-Za-z]{6,40}$/, 'must be a FedEx tracking number'),
  accountNumber: z.string().regex(/^[0-9]{9}$/, 'must be a 9-digit FedEx account number').optional(),
}) satisfies z.ZodType<CancelShipmentRequest>;

export function cancelShipmentHandler(deps: CancelServiceDeps) {
  return async function handleCancelShipment(c: Context) {
    const parsed = cancelRequest.safeParse(rawJson(c));
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message === 'Invalid input: expected string, received undefined' ? 'is required' : i.message }));
      throw new RelayError(400, 'INVALID_REQUEST', `Invalid cancel request: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, { fields });
    }
    return c.json(await cancelShipment(deps, parsed.data, c.get('deadlineAt')));
  };
}
