// The only code that talks to FedEx. Every call goes through the token cache and the rate limiter,
// and is retried only when that cannot buy a second label (see retry.ts). Every call has one
// deadline (the request's `deadlineAt`): the limiter refuses up front a turn that would come too
// late for it, and it cuts every HTTP attempt's timeout and every retry. A call throws only when
// nothing was sent to FedEx (RELAY_OVERLOADED: the deadline; RELAY_UNAVAILABLE: the shared limiter
// or token store); whatever happened to a sent request comes back as a FedexResult.
import type { components as TrackComponents } from '../../../shared/src/fedex/track.generated';
import type { FedexShipRequest } from '../../../shared/src/fedex/ship-request';
import { parseFedexErrors } from '../../../shared/src/fedex/ship-response';
import { RelayError } from '../errors';
import type { Clock } from '../lib/clock';
import type { FedexLimiters } from './limiter';
import { CallReserve } from './limiter-reserve';
import type { AttemptOutcome, RetryPolicy } from './retry';
import { backoffMs, DEFAULT_RETRY_POLICY, isAmbiguous, isRetryable } from './retry';
import type { IssuedToken, TokenSource } from '../lib/token-cache';
import { TokenCache } from '../lib/token-cache';

export type FedexReferenceRequest = TrackComponents['schemas']['Full_Schema_Tracking_References'];
export type FedexTrackRequest = TrackComponents['schemas']['Full_Schema_Tracking_Numbers'];

export interface FedexClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  limiters: FedexLimiters;
  fetch?: typeof fetch;
  /**
   * Where the FedEx token is kept: by default in this process; with several instances, a shared
   * store (redis-token-source.ts) given the function that asks FedEx for a new one.
   */
  tokenSource?: (requestToken: () => Promise<IssuedToken>) => TokenSource;
  /** A token fetch or renewal in the background failed (it is retried): for logs. */
  onTokenError?: (error: unknown) => void;
  retry?: RetryPolicy;
  random?: () => number;
  /**
   * A call's deadline when its caller gives none (tests, the bench): this long after the call
   * begins. Default 40 s. The relay's routes always pass the request's own `deadlineAt`.
   */
  defaultDeadlineMs?: number;
  /** Longest wait for one FedEx answer (default 25 s); the call's deadline may cut it shorter. */
  attemptTimeoutMs?: number;
  /** Longest wait for a token (default 10 s). */
  tokenTimeoutMs?: number;
  /** Called for each HTTP attempt: for metrics and logs (never carries credentials). */
  onAttempt?: (event: FedexAttemptEvent) => void;
}

export interface FedexAttemptEvent {
  operation: string;
  attempt: number;
  status?: number;
  error?: string;
  /** When the request left (ms since the epoch): how long calls take to reach FedEx after the limiter lets them go. */
  startedAt: number;
  durationMs: number;
  /** The x-customer-transaction-id sent (the idempotency key of a create). */
  customerTransactionId?: string;
}

export type FedexResult =
  | { ok: true; status: number; body: unknown; transactionId?: string; attempts: number }
  | {
      ok: false;
      /** rejected: FedEx said no (4xx); rate-limited / unavailable: retries exhausted; ambiguous: a create may have happened. */
      kind: 'rejected' | 'unauthorized' | 'rate-limited' | 'unavailable' | 'ambiguous';
      status?: number;
      errors: { code: string; message: string }[];
      transactionId?: string;
      attempts: number;
    };

/** Per call: the absolute time (ms, the relay's clock) by which the caller must have its answer. */
export interface CallOptions {
  deadlineAt?: number;
}

interface CallSpec {
  operation: string;
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  /** True for calls that buy or change something at FedEx. */
  mutating: boolean;
  customerTransactionId?: string;
  deadlineAt?: number;
}

/** No attempt is started with less time than this left before the deadline: its answer would come too late. */
export const MIN_ATTEMPT_MS = 1_000;
const DEFAULT_ATTEMPT_TIMEOUT_MS = 25_000;
const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;
/** NetSuite abandons an outbound call at 45 s; the relay answers by 40 s (RELAY_DEADLINE_MS). */
const DEFAULT_DEADLINE_MS = 40_000;

export class FedexClient {
  private readonly fetchImpl: typeof fetch;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  readonly tokens: TokenCache;
  /** Recent FedEx answer times: how much of a deadline a call needs after it leaves the limiter. */
  private readonly reserve: CallReserve;

  constructor(private readonly options: FedexClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.random = options.random ?? Math.random;
    // Before FedEx has answered enough calls to measure, keep a quarter of the deadline for the
    // answer (5 s of the default 40 s), so a short configured deadline still leaves room for a line.
    this.reserve = new CallReserve({ initialMs: Math.min(5_000, (options.defaultDeadlineMs ?? DEFAULT_DEADLINE_MS) / 4) });
    const requestToken = () => this.requestToken();
    this.tokens = new TokenCache({
      clock: options.clock,
      ...(options.tokenSource ? { source: options.tokenSource(requestToken) } : { fetchToken: requestToken }),
      ...(options.onTokenError ? { onError: options.onTokenError } : {}),
    });
  }

  createShipment(body: FedexShipRequest, customerTransactionId: string, options: CallOptions = {}): Promise<FedexResult> {
    return this.call({ operation: 'ship.create', method: 'POST', path: '/ship/v1/shipments', body, mutating: true, customerTransactionId, ...options });
  }

  cancelShipment(accountNumber: string, trackingNumber: string, options: CallOptions = {}): Promise<FedexResult> {
    const body = { accountNumber: { value: accountNumber }, trackingNumber, deletionControl: 'DELETE_ALL_PACKAGES' };
    // Cancelling twice is harmless, so it may be retried like a read.
    return this.call({ operation: 'ship.cancel', method: 'PUT', path: '/ship/v1/shipments/cancel', body, mutating: false, ...options });
  }

  trackByReference(body: FedexReferenceRequest, options: CallOptions = {}): Promise<FedexResult> {
    return this.call({ operation: 'track.reference', method: 'POST', path: '/track/v1/referencenumbers', body, mutating: false, ...options });
  }

  trackNumbers(body: FedexTrackRequest, options: CallOptions = {}): Promise<FedexResult> {
    return this.call({ operation: 'track.numbers', method: 'POST', path: '/track/v1/trackingnumbers', body, mutating: false, ...options });
  }

  private async requestToken(): Promise<{ accessToken: string; expiresIn: number }> {
    try {
      await this.options.limiters.oauth.acquire();
    } catch (error) {
      if (error instanceof RelayError) throw error;
      throw new RelayError(503, 'RELAY_UNAVAILABLE', `The relay's shared token limiter is unavailable (${(error as Error).message}); nothing was sent to FedEx. Retry later.`, { cause: error, retryAfterSeconds: 5 });
    }
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret });
    const started = this.options.clock.now();
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.tokenTimeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      this.report('oauth.token', 1, started, undefined, error);
      throw new FedexTokenError(`FedEx token endpoint unreachable (${describeNetworkError(error)})`, undefined, []);
    }
    this.report('oauth.token', 1, started, response.status);
    const body: unknown = parseJson(text);
    const record = (body ?? {}) as Record<string, unknown>;
    if (!response.ok || typeof record.access_token !== 'string') {
      throw new FedexTokenError(`FedEx refused the token request (HTTP ${response.status})`, response.status, parseFedexErrors(body).errors);
    }
    const expiresIn = Number(record.expires_in);
    return { accessToken: record.access_token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600 };
  }

  private async call(request: CallSpec): Promise<FedexResult> {
    const firstStart = this.options.clock.now();
    // One deadline for the whole call: the limiter's turn, every attempt's timeout, every retry.
    const spec: CallSpec & { deadlineAt: number } = { ...request, deadlineAt: request.deadlineAt ?? firstStart + (this.options.defaultDeadlineMs ?? DEFAULT_DEADLINE_MS) };
    let refreshedAfter401 = false;
    let last: FedexResult | undefined;
    for (let attempt = 1; ; attempt++) {
      let token: string;
      try {
        token = await this.tokens.get();
      } catch (error) {
        if (error instanceof RelayError) throw error;
        if (!(error instanceof FedexTokenError)) {
          // Not FedEx's answer: the shared token store (Redis) failed. Nothing was sent to FedEx.
          throw new RelayError(503, 'RELAY_UNAVAILABLE', `The relay's shared FedEx token store is unavailable (${(error as Error).message}); nothing was sent to FedEx. Retry later.`, { cause: error, retryAfterSeconds: 5 });
        }
        if (error.status === 401) return { ok: false, kind: 'unauthorized', status: 401, errors: error.errors, attempts: attempt };
        last = { ok: false, kind: 'unavailable', ...(error.status ? { status: error.status } : {}), errors: error.errors.length ? error.errors : [{ code: 'TOKEN', message: error.message }], attempts: attempt };
        if (!(await this.waitBeforeRetry(attempt, firstStart, spec.deadlineAt))) return last;
        continue;
      }
      await this.acquireSlot(spec);
      const { outcome, result } = await this.attempt(spec, token, attempt);
      if (result.ok) return result;
      // Paced, yet refused: FedEx counted the calls bunched (or another application shares the project).
      if (outcome.kind === 'response' && outcome.status === 429) this.options.limiters.api.rateLimited?.();
      if (outcome.kind === 'response' && outcome.status === 401 && !refreshedAfter401) {
        // Expired or revoked token: renew once and repeat; FedEx did not process the request.
        refreshedAfter401 = true;
        this.tokens.invalidate(token);
        attempt--;
        continue;
      }
      last = result;
      if (spec.mutating && isAmbiguous(outcome)) return { ...result, kind: 'ambiguous' };
      if (isDailyQuotaRefusal(result)) return result; // retrying cannot help before 00:00 GMT
      if (!isRetryable(outcome, spec.mutating)) return result;
      if (!(await this.waitBeforeRetry(attempt, firstStart, spec.deadlineAt))) return result;
    }
  }

  /** Sleeps before the next attempt; false when attempts, the time budget or the caller's deadline are used up. */
  private async waitBeforeRetry(attempt: number, firstStart: number, deadlineAt: number): Promise<boolean> {
    if (attempt >= this.retry.maxAttempts) return false;
    const wait = backoffMs(attempt, this.retry, this.random);
    const resumeAt = this.options.clock.now() + wait;
    if (resumeAt - firstStart > this.retry.budgetMs) return false;
    if (resumeAt + MIN_ATTEMPT_MS > deadlineAt) return false;
    await this.options.clock.sleep(wait);
    return true;
  }

  /**
   * The call's turn at FedEx. The limiter refuses (RELAY_OVERLOADED, nothing sent) a turn that would
   * leave less than FedEx's recent answer time before the deadline: at once when asked, or when a
   * stall made the turn come late; a limiter that cannot answer (Redis down) sends nothing either.
   */
  private async acquireSlot(spec: CallSpec & { deadlineAt: number }): Promise<void> {
    const reserveMs = Math.max(MIN_ATTEMPT_MS, this.reserve.reserveMs(spec.operation));
    try {
      await this.options.limiters.api.acquire({ deadlineAt: spec.deadlineAt, reserveMs });
    } catch (error) {
      if (error instanceof RelayError) throw error;
      throw new RelayError(503, 'RELAY_UNAVAILABLE', `The relay's shared rate limiter is unavailable (${(error as Error).message}); nothing was sent to FedEx. Retry later.`, { cause: error, retryAfterSeconds: 5 });
    }
  }

  /** How long one attempt may wait for FedEx: the attempt timeout, cut to the call's deadline. */
  private attemptTimeout(spec: CallSpec & { deadlineAt: number }): number {
    const limit = this.options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    // Whole milliseconds: AbortSignal.timeout throws on a fraction, and paced turns are fractional.
    return Math.max(1, Math.floor(Math.min(limit, spec.deadlineAt - this.options.clock.now())));
  }

  private async attempt(spec: CallSpec & { deadlineAt: number }, token: string, attempt: number): Promise<{ outcome: AttemptOutcome; result: FedexResult }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'x-locale': 'en_US',
    };
    if (spec.customerTransactionId) headers['x-customer-transaction-id'] = spec.customerTransactionId;
    const started = this.options.clock.now();
    let response: Response;
    let text: string;
    // Built before the try: a failure here is a bug that sent nothing, never a lost answer.
    const payload = JSON.stringify(spec.body);
    // A timeout after sending is a lost answer: for a create, reconciliation's business.
    const signal = AbortSignal.timeout(this.attemptTimeout(spec));
    try {
      response = await this.fetchImpl(`${this.options.baseUrl}${spec.path}`, { method: spec.method, headers, body: payload, signal });
      text = await response.text();
    } catch (error) {
      this.report(spec.operation, attempt, started, undefined, error, spec.customerTransactionId);
      const notSent = connectionNeverMade(error);
      return {
        outcome: notSent ? { kind: 'not-sent' } : { kind: 'network' },
        result: { ok: false, kind: 'unavailable', errors: [{ code: notSent ? 'CONNECTION.REFUSED' : 'NETWORK.ERROR', message: describeNetworkError(error) }], attempts: attempt },
      };
    }
    this.report(spec.operation, attempt, started, response.status, undefined, spec.customerTransactionId);
    this.reserve.record(spec.operation, this.options.clock.now() - started);
    const body = parseJson(text);
    const status = response.status;
    const transactionId = (body as { transactionId?: unknown } | undefined)?.transactionId;
    const txn = typeof transactionId === 'string' ? { transactionId } : {};
    if (status >= 200 && status < 300) return { outcome: { kind: 'response', status }, result: { ok: true, status, body, attempts: attempt, ...txn } };
    const errors = parseFedexErrors(body).errors;
    const kind = status === 401 ? 'unauthorized' : status === 429 ? 'rate-limited' : status >= 500 ? 'unavailable' : 'rejected';
    return {
      outcome: { kind: 'response', status },
      result: { ok: false, kind, status, errors: errors.length ? errors : [{ code: `HTTP.${status}`, message: text.slice(0, 300) }], attempts: attempt, ...txn },
    };
  }

  private report(operation: string, attempt: number, started: number, status?: number, error?: unknown, customerTransactionId?: string): void {
    this.options.onAttempt?.({
      operation,
      attempt,
      startedAt: started,
      durationMs: this.options.clock.now() - started,
      ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(error !== undefined ? { error: describeNetworkError(error) } : {}),
    });
  }
}

export class FedexTokenError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly errors: { code: string; message: string }[],
  ) {
    super(message);
    this.name = 'FedexTokenError';
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Node's fetch wraps the socket error in `cause`; a refused or unresolvable connection never sent a byte. */
function connectionNeverMade(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer within the timeout';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const base = error instanceof Error ? error.message : String(error);
  return cause && typeof cause.code === 'string' ? `${base} (${cause.code})` : base;
}

/** FedEx's 429 for a used-up daily quota ("Daily transaction quota exceeded"), as opposed to a burst 429. */
export function isDailyQuotaRefusal(result: FedexResult): boolean {
  return !result.ok && result.status === 429 && result.errors.some((e) => /daily transaction quota/i.test(e.message));
}
