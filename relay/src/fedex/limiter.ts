// Spacing of calls to FedEx. Guarantees: calls to the API start at least `intervalMs` apart, so FedEx
// never counts more than its limit in any window (sliding or fixed), and a caller whose turn would
// come too late for its deadline is refused at once, before anything is sent (RELAY_OVERLOADED).
// Every limiter is declared in `createFedexLimiters`, named as octokit's throttling groups are, so
// the shared store (Redis, redis-limiter.ts) backs the same names.
import { RelayError } from '../errors';
import type { Clock } from '../lib/clock';

export interface AcquireOptions {
  /** The request's deadline (absolute ms): the call must start early enough to finish by then. */
  deadlineAt?: number;
  /** Time the call itself needs after it starts; default the limiter's `reserveMs`. */
  reserveMs?: number;
}

export interface Limiter {
  /**
   * Resolves when this call may start: callers start in the order they asked (their place in line).
   * Rejects at once with RelayError 503 RELAY_OVERLOADED when that start would come too late for
   * `deadlineAt`; the refused call takes no place in line.
   */
  acquire(options?: AcquireOptions): Promise<void>;
}

export interface PacingOptions {
  /** Time a call needs after it starts (FedEx's answer), kept free before the deadline. Default 5 s. */
  reserveMs?: number;
  /** Longest wait for a turn whatever the deadline: bounds the queue (and its memory). Default 60 s. */
  maxWaitMs?: number;
}

const DEFAULT_RESERVE_MS = 5_000;
const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * GCRA (the generic cell rate algorithm, a leaky bucket as a meter) without burst tolerance: each
 * call reserves the next free slot, `intervalMs` after the previous one, and sleeps until it. The
 * queue is the set of reserved slots; its length is bounded by `maxWaitMs / intervalMs`.
 */
export class PacedLimiter implements Limiter {
  /** Theoretical arrival time: the earliest start of the next call. */
  private tat = -Infinity;
  private readonly reserveMs: number;
  private readonly maxWaitMs: number;

  constructor(
    readonly intervalMs: number,
    private readonly clock: Clock,
    options: PacingOptions = {},
  ) {
    if (!(intervalMs > 0)) throw new Error('PacedLimiter: intervalMs must be above 0');
    this.reserveMs = options.reserveMs ?? DEFAULT_RESERVE_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.tat);
    const wait = slot - now;
    const allowed = allowedWaitMs(now, options, this.reserveMs, this.maxWaitMs);
    if (wait > allowed) return Promise.reject(overloaded(wait, allowed, this.intervalMs));
    this.tat = slot + this.intervalMs;
    return wait > 0 ? this.clock.sleep(wait) : Promise.resolve();
  }

  /** How long a call asking now would wait for its turn (for metrics and readiness). */
  expectedWaitMs(): number {
    return Math.max(0, this.tat - this.clock.now());
  }
}

/** The longest wait a caller can afford: its deadline minus the call's own time, capped by maxWaitMs. */
export function allowedWaitMs(now: number, options: AcquireOptions, defaultReserveMs: number, maxWaitMs: number): number {
  const byDeadline = options.deadlineAt === undefined ? Infinity : options.deadlineAt - (options.reserveMs ?? defaultReserveMs) - now;
  return Math.min(maxWaitMs, byDeadline);
}

/** The definite refusal: nothing was sent to FedEx; Retry-After is when the line should fit the budget again. */
export function overloaded(waitMs: number, allowedMs: number, intervalMs: number): RelayError {
  const perSecond = Math.round(1000 / intervalMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((waitMs - Math.max(0, allowedMs)) / 1000));
  return new RelayError(
    503,
    'RELAY_OVERLOADED',
    `The relay is at FedEx's rate limit (about ${perSecond} calls per second): this request would wait ${(waitMs / 1000).toFixed(1)} s ` +
      `for its turn but its deadline allows ${(Math.max(0, allowedMs) / 1000).toFixed(1)} s. Nothing was sent to FedEx; retry after ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
}

/** At least `intervalMs` between starts: for FedEx's per-IP token endpoint thresholds. */
export class MinIntervalLimiter implements Limiter {
  private last = -Infinity;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.last + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      this.last = this.clock.now();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

export interface FedexLimits {
  /** FedEx: 1,400 transactions per 10 seconds per project. */
  transactionsPerWindow: number;
  windowMs: number;
  /**
   * Added to the window when spacing calls: absorbs the spread of the delay between a call leaving
   * the limiter and FedEx counting it (timer lateness, event-loop stalls, network jitter), which can
   * bunch calls together at FedEx. Clock offsets do not matter: only durations are compared (the
   * window slides, and Redis's clock sets every instance's turns). Default 200 ms: over the internet
   * that spread is about a TLS handshake (a call on a new connection) plus round-trip jitter. A spread
   * beyond it costs a 429, which the client retries (FedEx did nothing), never a lost call. The
   * benchmark measures the spread on its machine (fedex_call_delay_spread_ms, burst_guard_used_ms).
   */
  guardMs: number;
  /**
   * FedEx penalises an IP for 10 minutes after 3 token requests/s for 5 s or 1/s over 2 min.
   * One request per 2 s can never reach either threshold.
   */
  tokenIntervalMs: number;
}

export const FEDEX_LIMITS: FedexLimits = { transactionsPerWindow: 1_400, windowMs: 10_000, guardMs: 200, tokenIntervalMs: 2_000 };

/**
 * Spacing that keeps any `windowMs + guardMs` span to `transactionsPerWindow` starts: n starts spaced
 * by T span (n - 1) T, so T = span / (limit - 1). At FedEx's 1,400 per 10 s and a 200 ms guard:
 * 7.29 ms, 137 calls/s (97.97 % of 140).
 */
export function pacingIntervalMs(limits: Pick<FedexLimits, 'transactionsPerWindow' | 'windowMs' | 'guardMs'>): number {
  const span = limits.windowMs + limits.guardMs;
  return limits.transactionsPerWindow > 1 ? span / (limits.transactionsPerWindow - 1) : span;
}

export interface FedexLimiters {
  /** `fedex-oauth`: POST /oauth/token. */
  oauth: Limiter;
  /** `fedex-api`: every other FedEx call (ship, track, address) shares the project's transaction budget. */
  api: Limiter;
}

export function createFedexLimiters(clock: Clock, limits: FedexLimits = FEDEX_LIMITS, pacing: PacingOptions = {}): FedexLimiters {
  return {
    oauth: new MinIntervalLimiter(limits.tokenIntervalMs, clock),
    api: new PacedLimiter(pacingIntervalMs(limits), clock, pacing),
  };
}
