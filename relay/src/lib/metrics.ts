// The relay's Prometheus metrics (prom-client), served at GET /metrics. Guarantee: every label takes
// its value from a small fixed set (route patterns, FedEx operations, outcomes, error codes), never
// from a request: no id, tracking number, account number or credential can reach /metrics, and the
// number of series stays bounded whatever callers send. What it does reveal is volume (how many
// shipments), which is why RELAY_METRICS_TOKEN can close it (docs/operating-the-relay.md, "Metrics").
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RELAY_METRICS } from '../../../shared/src/relay-status';
import type { FedexAttemptEvent } from '../fedex/client';
import type { FedexLimiters, Limiter } from '../fedex/limiter';

const SECONDS_TO_DEADLINE = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40];

export function createRelayMetrics(options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  const registers = [registry];
  let tokenExpiresIn: (() => number) | undefined;
  const metrics = {
    registry,
    httpRequests: new Counter({ name: 'mlfx_relay_http_requests_total', help: 'Requests answered, by method, route pattern and HTTP status', labelNames: ['method', 'route', 'status'] as const, registers }),
    httpDuration: new Histogram({ name: 'mlfx_relay_http_request_duration_seconds', help: 'Time to answer a request, by method and route pattern', labelNames: ['method', 'route'] as const, buckets: SECONDS_TO_DEADLINE, registers }),
    errors: new Counter({ name: 'mlfx_relay_errors_total', help: 'Error answers by route pattern and error code (the code the SuiteApp records)', labelNames: ['route', 'code'] as const, registers }),
    deadlineRefusals: new Counter({ name: 'mlfx_relay_deadline_refusals_total', help: "Requests refused with 503 RELAY_OVERLOADED because their turn at FedEx would come too late for their deadline (nothing was sent to FedEx)", labelNames: ['route'] as const, registers }),
    fedexCalls: new Counter({ name: 'mlfx_relay_fedex_calls_total', help: 'HTTP attempts to FedEx by operation and outcome (ok, rejected, unauthorized, rate_limited, server_error, timeout, network_error)', labelNames: ['operation', 'outcome'] as const, registers }),
    fedexCallDuration: new Histogram({ name: 'mlfx_relay_fedex_call_duration_seconds', help: 'Time FedEx took to answer one attempt, by operation', labelNames: ['operation'] as const, buckets: SECONDS_TO_DEADLINE, registers }),
    fedexRateLimited: new Counter({ name: 'mlfx_relay_fedex_429_total', help: 'FedEx answers 429 (too many requests, or the daily quota), by operation', labelNames: ['operation'] as const, registers }),
    fedexRetries: new Counter({ name: 'mlfx_relay_fedex_retries_total', help: 'FedEx attempts after the first of a call (retries after a 5xx, 429, timeout or network error), by operation', labelNames: ['operation'] as const, registers }),
    tokenFetches: new Counter({ name: 'mlfx_relay_fedex_token_fetches_total', help: 'FedEx OAuth token requests by outcome (ok, refused, unreachable)', labelNames: ['outcome'] as const, registers }),
    // Named as the admin console reads them (shared RELAY_METRICS): the console parses these two.
    tokenExpiresIn: new Gauge({
      name: RELAY_METRICS.fedexTokenExpiresInSeconds,
      help: "Seconds until this instance's cached FedEx OAuth token expires; 0 when none is held (the next call fetches one)",
      registers,
      collect() {
        this.set(tokenExpiresIn?.() ?? 0);
      },
    }),
    limiterQueueDepth: new Gauge({ name: RELAY_METRICS.limiterQueueDepth, help: "FedEx calls of this instance waiting now for their turn in the rate limiter's line, by limiter", labelNames: ['limiter'] as const, registers }),
    limiterWait: new Histogram({ name: 'mlfx_relay_limiter_wait_seconds', help: 'Time a call waited for its turn in the FedEx rate limiter', labelNames: ['limiter'] as const, buckets: [0.001, ...SECONDS_TO_DEADLINE, 60], registers }),
    replays: new Counter({ name: 'mlfx_relay_idempotent_replays_total', help: 'Creates answered with the stored result of an earlier identical request (no FedEx call)', registers }),
    reconciliations: new Counter({ name: 'mlfx_relay_reconciliations_total', help: 'Idempotency keys looked up at FedEx by reference before a create, by outcome (nothing_live, voided, lookup_failed, void_refused, void_failed)', labelNames: ['outcome'] as const, registers }),
    voids: new Counter({ name: 'mlfx_relay_voids_total', help: 'FedEx shipments the relay tried to void, by trigger (cancel, reconciliation, claim_lost) and outcome (voided, already_cancelled, refused, unknown)', labelNames: ['trigger', 'outcome'] as const, registers }),
    webhookPushes: new Counter({ name: 'mlfx_relay_webhook_pushes_total', help: 'FedEx webhook pushes with a valid signature, by outcome (applied, duplicate, in_progress, netsuite_failed, no_updates)', labelNames: ['outcome'] as const, registers }),
    /** The token gauge reads this: the FedEx client's token cache. */
    observeTokens(tokens: { expiresInSeconds(): number }): void {
      tokenExpiresIn = () => tokens.expiresInSeconds();
    },
  };
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  return metrics;
}

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;

/** An HTTP attempt to FedEx as the client reports it (FedexClientOptions.onAttempt), counted. */
export function recordFedexAttempt(metrics: RelayMetrics, event: FedexAttemptEvent): void {
  const outcome = attemptOutcome(event);
  metrics.fedexCalls.inc({ operation: event.operation, outcome });
  metrics.fedexCallDuration.observe({ operation: event.operation }, event.durationMs / 1000);
  if (event.attempt > 1) metrics.fedexRetries.inc({ operation: event.operation });
  if (event.status === 429) metrics.fedexRateLimited.inc({ operation: event.operation });
  if (event.operation === 'oauth.token') metrics.tokenFetches.inc({ outcome: outcome === 'ok' ? 'ok' : event.status === undefined ? 'unreachable' : 'refused' });
}

function attemptOutcome(event: FedexAttemptEvent): string {
  const status = event.status;
  if (status === undefined) return event.error === 'no answer within the timeout' ? 'timeout' : 'network_error';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'server_error' : 'rejected';
}

/** The FedEx limiters, with the calls waiting in their line and how long each waited. */
export function instrumentLimiters(limiters: FedexLimiters, metrics: RelayMetrics): FedexLimiters {
  const instrument = (name: string, limiter: Limiter): Limiter => {
    const labels = { limiter: name };
    // Present from the start at 0: "nothing waits" is a reading, not a missing series.
    metrics.limiterQueueDepth.set(labels, 0);
    return {
      async acquire(options) {
        const waited = metrics.limiterWait.startTimer(labels);
        metrics.limiterQueueDepth.inc(labels);
        try {
          await limiter.acquire(options);
          waited();
        } finally {
          metrics.limiterQueueDepth.dec(labels);
        }
      },
      // The 429 slowdown belongs to the limiter itself: the wrapper must not swallow it.
      ...(limiter.rateLimited ? { rateLimited: () => limiter.rateLimited?.() } : {}),
    };
  };
  return { oauth: instrument('fedex-oauth', limiters.oauth), api: instrument('fedex-api', limiters.api) };
}
