/** Counters tests assert on. `createStats()` gives zeroes; the double mutates one live object. */

export type TransactionEndpoint = 'ship.create' | 'ship.cancel' | 'track.trackingnumbers' | 'track.referencenumbers' | 'address.resolve';

export interface DoubleStats {
  tokenRequests: {
    total: number;
    ok: number;
    /** Every refused token request: refusedByThreshold + invalidCredentials + invalidRequest + injected faults. */
    refused: number;
    refusedByThreshold: number;
    invalidCredentials: number;
    invalidRequest: number;
  };
  /** API calls admitted past authentication and the rate limiter (token requests are not transactions). */
  transactions: { total: number; byEndpoint: Record<TransactionEndpoint, number> };
  /** Every response the FedEx surface gave, by HTTP status (control routes excluded). */
  responsesByStatus: Record<string, number>;
  /** Every 429: rate limit and injected bursts. */
  status429: number;
  status401: number;
  status400: number;
  status403: number;
  unauthorizedByReason: { missing: number; unknown: number; expired: number };
  injectedFailures: number;
  droppedResponses: number;
  shipmentsCreated: number;
  /** Shipments created through the API per customer reference value: "exactly one label per fulfillment". */
  shipmentsCreatedByCustomerReference: Record<string, number>;
  cancellations: number;
  trackRequests: number;
  numbersTracked: number;
  referenceTrackRequests: number;
  addressRequests: number;
  addressesResolved: number;
  labelDownloads: number;
  webhookPushes: { attempted: number; delivered: number; failed: number };
  /** Business-rule findings (refusals and alerts) per rule id of rules/catalog.ts. */
  ruleFindings: Record<string, number>;
  /** Track requests per project and UTC day, against FedEx's daily Track quota. */
  trackQuotaRefusals: number;
}

export function createStats(): DoubleStats {
  return {
    tokenRequests: { total: 0, ok: 0, refused: 0, refusedByThreshold: 0, invalidCredentials: 0, invalidRequest: 0 },
    transactions: {
      total: 0,
      byEndpoint: { 'ship.create': 0, 'ship.cancel': 0, 'track.trackingnumbers': 0, 'track.referencenumbers': 0, 'address.resolve': 0 },
    },
    responsesByStatus: {},
    status429: 0,
    status401: 0,
    status400: 0,
    status403: 0,
    unauthorizedByReason: { missing: 0, unknown: 0, expired: 0 },
    injectedFailures: 0,
    droppedResponses: 0,
    shipmentsCreated: 0,
    shipmentsCreatedByCustomerReference: {},
    cancellations: 0,
    trackRequests: 0,
    numbersTracked: 0,
    referenceTrackRequests: 0,
    addressRequests: 0,
    addressesResolved: 0,
    labelDownloads: 0,
    webhookPushes: { attempted: 0, delivered: 0, failed: 0 },
    ruleFindings: {},
    trackQuotaRefusals: 0,
  };
}

/** Zeroes `stats` in place, so references held by tests stay valid. */
export function resetStats(stats: DoubleStats): void {
  Object.assign(stats, createStats());
}

export function recordStatus(stats: DoubleStats, status: number): void {
  stats.responsesByStatus[String(status)] = (stats.responsesByStatus[String(status)] ?? 0) + 1;
  if (status === 429) stats.status429 += 1;
  else if (status === 401) stats.status401 += 1;
  else if (status === 400) stats.status400 += 1;
  else if (status === 403) stats.status403 += 1;
}
