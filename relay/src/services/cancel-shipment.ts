// Voiding one FedEx shipment for the SuiteApp (fulfillment deleted or taken back from Shipped, the
// Cancel action on a Shipment). A void counts only when FedEx confirms it (see void-shipment.ts); a
// refusal is a definite FEDEX_VOID_REFUSED naming FedEx's status, which the SuiteApp records and shows.
import type { CancelShipmentRequest, CancelShipmentResponse } from '../../../shared/src/contract';
import { RelayError } from '../errors';
import type { FedexClient } from '../fedex/client';
import type { IdempotencyStore } from '../idempotency/store';
import type { Logger } from '../lib/logger';
import type { RelayMetrics } from '../lib/metrics';
import { countVoid, voidShipment } from './void-shipment';

export interface CancelServiceDeps {
  fedex: FedexClient;
  store: IdempotencyStore;
  log: Logger;
  defaultAccountNumber?: string;
  metrics?: RelayMetrics;
}

export async function cancelShipment(deps: CancelServiceDeps, req: CancelShipmentRequest, deadlineAt: number): Promise<CancelShipmentResponse> {
  const accountNumber = req.accountNumber ?? deps.defaultAccountNumber;
  if (!accountNumber) throw new RelayError(422, 'CONFIGURATION', 'No FedEx account number: the request has none and the relay has no FEDEX_ACCOUNT_NUMBER');
  const { idempotencyKey, trackingNumber } = req;
  // First drop the stored create result: once the shipment is void, a create for the same key (the
  // fulfillment shipped again) must not be answered with the dead label. Without the store, nothing is voided.
  try {
    await deps.store.forget(idempotencyKey);
  } catch (error) {
    throw new RelayError(503, 'RELAY_UNAVAILABLE', `The relay's shared state (Redis) is unavailable (${(error as Error).message}); nothing was voided. Retry later.`, { cause: error, retryAfterSeconds: 5 });
  }
  const outcome = await voidShipment(deps.fedex, accountNumber, trackingNumber, { deadlineAt });
  countVoid(deps.metrics, 'cancel', outcome);
  switch (outcome.kind) {
    case 'voided':
    case 'already-cancelled': {
      const alreadyCancelled = outcome.kind === 'already-cancelled';
      deps.log.info('shipment.voided', { idempotencyKey, trackingNumber, alreadyCancelled });
      return {
        idempotencyKey,
        trackingNumber,
        cancelled: true,
        alreadyCancelled,
        ...(outcome.kind === 'voided' && outcome.transactionId ? { fedexTransactionId: outcome.transactionId } : {}),
        notes: alreadyCancelled ? ['FedEx already held this shipment as cancelled'] : [],
      };
    }
    case 'refused': {
      deps.log.warn('shipment.void_refused', { idempotencyKey, trackingNumber, status: outcome.status });
      const status = outcome.status ? ` (FedEx status ${outcome.status}${outcome.description ? `: ${outcome.description}` : ''})` : '';
      throw new RelayError(422, 'FEDEX_VOID_REFUSED', `FedEx refused to void shipment ${trackingNumber}${status}: ${outcome.reason}. The label stays live and billable.`);
    }
    default:
      throw new RelayError(503, 'FEDEX_UNAVAILABLE', `Could not void shipment ${trackingNumber}: ${outcome.reason}. Voiding again is safe; retry later.`, { retryAfterSeconds: 30 });
  }
}
