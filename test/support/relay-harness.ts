// An in-process relay wired to an in-process FedEx double: the relay's real app, client, limiter,
// token cache and idempotency store, talking to the double through its fetch (no port). Time for
// the relay is a VirtualClock (backoff and limiter waits cost nothing); FedEx's time is the double's.
import { createFedexDouble, type FedexDouble, type FedexDoubleOptions } from '../fedex-double';
import type { CreateShipmentRequest } from '../../shared/src/contract';
import { FedexClient } from '../../relay/src/fedex/client';
import { createFedexLimiters, FEDEX_LIMITS } from '../../relay/src/fedex/limiter';
import { MemoryIdempotencyStore } from '../../relay/src/idempotency/store';
import { createApp } from '../../relay/src/lib/create-app';
import { silentLogger } from '../../relay/src/lib/logger';
import type { NetSuiteClient } from '../../relay/src/netsuite/client';
import { MemoryNonceStore } from '../../relay/src/security/nonce-store';
import { signedHeaders } from './relay-signing';
import { VirtualClock } from './virtual-clock';

export const RELAY_TEST_SECRET = 'relay-test-shared-secret-0123456789abcdef';
/** 2026-11-24 15:00 UTC, the day the sample requests ship. */
export const TEST_START_MS = Date.UTC(2026, 10, 24, 15, 0, 0);

export interface RelayHarnessOptions {
  double?: Omit<FedexDoubleOptions<VirtualClock>, 'clock'>;
  /** Use this double instead of a new one: a second relay (a restart) in front of the same FedEx. */
  existingDouble?: FedexDouble<VirtualClock>;
  /** Transactions per 10 s the relay allows itself (FedEx: 1,400). */
  transactionsPerWindow?: number;
  webhooks?: { securityToken: string; netsuite: NetSuiteClient };
  /**
   * When the relay's idempotency store began remembering (default: now, a relay just started, which
   * must reconcile every key it cannot account for). An earlier time models a relay that has run for
   * a while, for which `firstAttemptAt` can prove a key new.
   */
  storeEpochMs?: number;
  /** What the relay's FedEx client fetches with (default the double's): to alter FedEx's answers in flight. */
  fetch?: (double: FedexDouble<VirtualClock>) => (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

export function relayHarness(options: RelayHarnessOptions = {}) {
  // One clock for both sides, so the double's 10-second window moves as the relay waits.
  const clock = new VirtualClock(TEST_START_MS);
  const double: FedexDouble<VirtualClock> = (options.existingDouble as FedexDouble<VirtualClock> | undefined) ?? createFedexDouble({ clock, ...options.double });
  const store = new MemoryIdempotencyStore({ now: () => clock.now(), ...(options.storeEpochMs !== undefined ? { epochMs: options.storeEpochMs } : {}) });
  const fedex = new FedexClient({
    baseUrl: double.baseUrl,
    clientId: double.config.clientId,
    clientSecret: double.config.clientSecret,
    clock,
    limiters: createFedexLimiters(clock, { ...FEDEX_LIMITS, transactionsPerWindow: options.transactionsPerWindow ?? FEDEX_LIMITS.transactionsPerWindow }),
    fetch: (options.fetch ? options.fetch(double) : double.fetch) as typeof fetch,
  });
  const app = createApp({
    fedex,
    store,
    nonces: new MemoryNonceStore(() => clock.now()),
    clock,
    log: silentLogger,
    sharedSecret: RELAY_TEST_SECRET,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  const post = async (path: string, body: unknown) => {
    const text = JSON.stringify(body);
    const res = await app.request(path, { method: 'POST', body: text, headers: signedHeaders(RELAY_TEST_SECRET, 'POST', path, text, { nowMs: clock.now() }) });
    return { status: res.status, body: (await res.json()) as any };
  };
  return {
    double,
    clock,
    store,
    fedex,
    app,
    post,
    createShipment: (req: CreateShipmentRequest) => post('/v1/shipments', req),
    /** Shipments FedEx holds for this reference that are not cancelled: what the merchant pays for. */
    liveShipments: (reference: string) => double.shipmentsByCustomerReference(reference).filter((s) => s.kind === 'created' && s.cancelledAt === undefined),
  };
}
