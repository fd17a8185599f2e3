// Spacing of calls to FedEx. Guarantees: calls to the API start at least `intervalMs` apart, so FedEx
// never counts more than its limit in any window (sliding or fixed), and a caller whose turn would
// come too late for its deadline is refused, before anything is sent (RELAY_OVERLOADED).
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
   * Rejects with RelayError 503 RELAY_OVERLOADED, and nothing is sent, when that start would come too
   * late for `deadlineAt`: at once when asked, or when its turn comes (after a stall); a refused call
   * takes no turn.
   */
  acquire(options?: AcquireOptions): Promise<void>;
  /** FedEx answered 429 although the calls were paced: space them further for a while. */
  rateLimited?(): void;
}

export interface PacingOptions {
  /** Time a call needs after it starts (FedEx's answer), kept free before the deadline. Default 5 s. */
  reserveMs?: number;
  /** Longest wait for a turn whatever the deadline: bounds the line (and its memory). Default 60 s. */
  maxWaitMs?: number;
}

const DEFAULT_RESERVE_MS = 5_000;
const DEFAULT_MAX_WAIT_MS = 60_000;
/** A turn taken up to this late still counts as on time: timers fire a millisecond or two late. */
const LATE_TOLERANCE_MS = 2;

/** After a 429: each step spaces calls 2 % further (about 200 ms more guard at FedEx's limits), up to 20 %. */
const SLOWDOWN_STEP = 0.02;
const SLOWDOWN_MAX = 0.2;
/** At most one step a second (one bunch of calls brings several 429s at once), a step back every 30 s without one. */
const SLOWDOWN_EVERY_MS = 1_000;
const SLOWDOWN_DECAY_MS = 30_000;
/** After a 429 FedEx's window is full right now: the next turn waits this long. */
export const PAUSE_AFTER_429_MS = 250;

/**
 * How much further apart calls go after FedEx answered 429 although they were paced (its count saw
 * them bunched, or another application uses the same project): up a step per 429, down a step per
 * quiet spell.
 */
export class Slowdown {
  private extra = 0;
  private changedAt = -Infinity;

  /** Records a 429; true when it took a step (false within a second of the last one). */
  hit(now: number): boolean {
    if (now - this.changedAt < SLOWDOWN_EVERY_MS) return false;
    this.extra = Math.min(SLOWDOWN_MAX, this.extra + SLOWDOWN_STEP);
    this.changedAt = now;
    return true;
  }

  /** The factor to multiply the interval by now (1 at full speed). */
  factor(now: number): number {
    if (this.extra > 0 && now - this.changedAt >= SLOWDOWN_DECAY_MS) {
      this.extra = Math.max(0, this.extra - SLOWDOWN_STEP);
      this.changedAt = now;
    }
    return 1 + this.extra;
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: RelayError) => void;
  askedAt: number;
  /** The latest start its deadline allows. */
  latestStart: number;
}

/**
 * A leaky bucket as a queue: callers wait in line and one dispatcher lets the head go every
 * `intervalMs`. Turns stay on a fixed grid (no drift from late timers), but a turn that comes
 * later than a couple of milliseconds (an event-loop stall) moves the grid instead of being made up
 * with a burst: what piles up during a stall leaves at the normal spacing afterwards, so calls never
 * bunch at FedEx beyond the guard band. A caller whose turn comes too late for its deadline (after a
 * stall) is refused then, still before anything is sent. The line is bounded by `maxWaitMs`.
 */
export class PacedLimiter implements Limiter {
  private line: Waiter[] = [];
  private head = 0;
  /** The grid time of the last turn given. */
  private lastTurn = -Infinity;
  private dispatching = false;
  private readonly slowdown = new Slowdown();
  private readonly reserveMs: number;
  private readonly maxWaitMs: number;

  constructor(
    /** Spacing at full speed. */
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
    const wait = this.waitFor(now);
    const allowed = allowedWaitMs(now, options, this.reserveMs, this.maxWaitMs);
    if (wait > allowed) return Promise.reject(overloaded(wait, allowed, this.interval(now)));
    if (this.queued() === 0 && wait <= 0) {
      this.takeTurn(now);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.line.push({ resolve, reject, askedAt: now, latestStart: now + allowed });
      this.dispatch();
    });
  }

  rateLimited(): void {
    const now = this.clock.now();
    if (this.slowdown.hit(now)) this.lastTurn = Math.max(this.lastTurn, now) + PAUSE_AFTER_429_MS;
  }

  /** How long a call asking now would wait for its turn (for metrics and readiness). */
  expectedWaitMs(): number {
    return this.waitFor(this.clock.now());
  }

  /** Current spacing: the full-speed interval, widened for a while after FedEx answered 429. */
  interval(now: number): number {
    return this.intervalMs * this.slowdown.factor(now);
  }

  private queued(): number {
    return this.line.length - this.head;
  }

  private waitFor(now: number): number {
    const interval = this.interval(now);
    return Math.max(0, this.lastTurn + interval - now) + this.queued() * interval;
  }

  /** On the grid when (nearly) on time; from now when late or idle, so nothing is made up in a burst. */
  private takeTurn(now: number): void {
    const due = this.lastTurn + this.interval(now);
    this.lastTurn = now - due <= LATE_TOLERANCE_MS ? due : now;
  }

  private dispatch(): void {
    if (this.dispatching || this.queued() === 0) return;
    this.dispatching = true;
    const now = this.clock.now();
    void this.clock.sleep(Math.max(0, this.lastTurn + this.interval(now) - now)).then(() => {
      this.dispatching = false;
      this.release();
    });
  }

  private release(): void {
    const now = this.clock.now();
    while (this.queued() > 0) {
      const waiter = this.line[this.head] as Waiter;
      if (now > waiter.latestStart) {
        // A stall made its turn come too late: refused now, still before anything was sent.
        this.head++;
        waiter.reject(overloaded(now - waiter.askedAt, waiter.latestStart - waiter.askedAt, this.interval(now)));
        continue;
      }
      if (now < this.lastTurn + this.interval(now)) break;
      this.head++;
      this.takeTurn(now);
      waiter.resolve();
    }
    if (this.head > 1024 && this.head * 2 > this.line.length) {
      this.line = this.line.slice(this.head);
      this.head = 0;
    }
    this.dispatch();
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
