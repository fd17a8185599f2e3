// Spacing of calls to FedEx. Every limiter is declared in `createFedexLimiters`, named as
// octokit's throttling groups are, so a shared store (Redis) can back the same names later.
import type { Clock } from '../lib/clock';

export interface Limiter {
  /** Resolves when one more call may start now; queues (FIFO) rather than failing when busy. */
  acquire(): Promise<void>;
}

/**
 * At most `limit` calls in ANY `windowMs` span (FedEx does not say whether its 10-second window is
 * fixed or sliding; a sliding log is safe under both readings). Keeps the start time of each call.
 */
export class SlidingWindowLimiter implements Limiter {
  private readonly starts: number[] = [];
  private head = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {
    if (!(limit > 0) || !(windowMs > 0)) throw new Error('SlidingWindowLimiter: limit and windowMs must be above 0');
  }

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Calls started within the current window (for metrics and tests). */
  inWindow(): number {
    this.prune(this.clock.now());
    return this.starts.length - this.head;
  }

  private prune(now: number): void {
    while (this.head < this.starts.length && (this.starts[this.head] as number) <= now - this.windowMs) this.head++;
    if (this.head > 4096 && this.head * 2 > this.starts.length) {
      this.starts.splice(0, this.head);
      this.head = 0;
    }
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.prune(now);
      if (this.starts.length - this.head < this.limit) {
        this.starts.push(now);
        return;
      }
      const oldest = this.starts[this.head] as number;
      await this.clock.sleep(oldest + this.windowMs - now + 1);
    }
  }
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
   * FedEx penalises an IP for 10 minutes after 3 token requests/s for 5 s or 1/s over 2 min.
   * One request per 2 s can never reach either threshold.
   */
  tokenIntervalMs: number;
}

export const FEDEX_LIMITS: FedexLimits = { transactionsPerWindow: 1_400, windowMs: 10_000, tokenIntervalMs: 2_000 };

export interface FedexLimiters {
  /** `fedex-oauth`: POST /oauth/token. */
  oauth: Limiter;
  /** `fedex-api`: every other FedEx call (ship, track, address) shares the project's transaction budget. */
  api: Limiter;
}

export function createFedexLimiters(clock: Clock, limits: FedexLimits = FEDEX_LIMITS): FedexLimiters {
  return {
    oauth: new MinIntervalLimiter(limits.tokenIntervalMs, clock),
    // A small guard band on the window absorbs clock skew between the relay and FedEx.
    api: new SlidingWindowLimiter(limits.transactionsPerWindow, limits.windowMs + 250, clock),
  };
}
