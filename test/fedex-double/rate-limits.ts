/**
 * FedEx's throttles, on the double's clock (developer.fedex.com "Quotas & rate limits" guide, as summarised
 * in the project's FedEx notes).
 */

/** Timestamps in one key's window, oldest first; `head` skips expired entries without shifting the array. */
class TimestampLog {
  #times: number[] = [];
  #head = 0;

  /** Drops entries at or before `cutoff`, then returns how many remain. */
  countAfter(cutoff: number): number {
    while (this.#head < this.#times.length && (this.#times[this.#head] ?? Infinity) <= cutoff) this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
    return this.#times.length - this.#head;
  }

  /** How many entries fall in (cutoff, ∞) without dropping anything. */
  countSince(cutoff: number): number {
    let n = 0;
    for (let i = this.#times.length - 1; i >= this.#head; i -= 1) {
      if ((this.#times[i] ?? -Infinity) > cutoff) n += 1;
      else break;
    }
    return n;
  }

  push(time: number): void {
    this.#times.push(time);
  }
}

export interface TransactionLimit {
  max: number;
  windowMs: number;
}

/** FedEx: "Each project has a transaction rate limit of 1400 transactions in the span of 10 seconds." */
export const FEDEX_TRANSACTION_LIMIT: TransactionLimit = { max: 1400, windowMs: 10_000 };

/**
 * Transactions per project (client id) in a SLIDING window: a request at time t is admitted when fewer
 * than `max` admitted requests fall in (t - windowMs, t]. FedEx does not say whether its window is fixed
 * or sliding; sliding is the stricter reading (a fixed window lets up to 2 × max through around a window
 * edge), and a double must not accept what FedEx may reject. Refused (429) requests are not recorded, so
 * the throttle lifts once the window has moved past the admitted ones, as FedEx's guide describes.
 */
export class SlidingWindowLimiter {
  readonly limit: TransactionLimit;
  #logs = new Map<string, TimestampLog>();

  constructor(limit: TransactionLimit = FEDEX_TRANSACTION_LIMIT) {
    // A misspelt option (e.g. { limit: 20 }) would otherwise disable the limit silently.
    if (!Number.isInteger(limit.max) || limit.max < 1) throw new RangeError(`transactionLimit.max must be an integer >= 1, got ${String(limit.max)}`);
    if (!(limit.windowMs > 0)) throw new RangeError(`transactionLimit.windowMs must be > 0, got ${String(limit.windowMs)}`);
    this.limit = limit;
  }

  tryAcquire(key: string, now: number): boolean {
    let log = this.#logs.get(key);
    if (!log) {
      log = new TimestampLog();
      this.#logs.set(key, log);
    }
    if (log.countAfter(now - this.limit.windowMs) >= this.limit.max) return false;
    log.push(now);
    return true;
  }

  /** Admitted transactions of `key` in the window ending at `now`. */
  inWindow(key: string, now: number): number {
    return this.#logs.get(key)?.countAfter(now - this.limit.windowMs) ?? 0;
  }

  reset(): void {
    this.#logs.clear();
  }
}

export interface TokenThresholdRule {
  /** Requests from one IP within `windowMs` that count as a violation. */
  count: number;
  windowMs: number;
}

export interface TokenThresholdConfig {
  rules: TokenThresholdRule[];
  penaltyMs: number;
}

/**
 * FedEx, per IP on POST /oauth/token only: "3 requests/s sustained for 5 s, or 1/s average over 2 min,
 * triggers a 10-minute penalty of 403 on token requests, extended while violations continue."
 * Read as counts over a trailing window, with the threshold itself counting as reached (the stricter
 * reading): 15 requests within 5 s, or 120 within 120 s.
 */
export const FEDEX_TOKEN_THRESHOLDS: TokenThresholdConfig = {
  rules: [
    { count: 15, windowMs: 5_000 },
    { count: 120, windowMs: 120_000 },
  ],
  penaltyMs: 10 * 60_000,
};

export interface ThresholdDecision {
  allowed: boolean;
  /** Set while the IP is penalised: the time its 403s end unless violations continue. */
  penaltyUntil?: number;
}

interface IpState {
  log: TimestampLog;
  penaltyUntil: number;
}

/**
 * Every token request is recorded, refused ones included: a client that keeps hammering during its
 * penalty keeps violating, and each violation pushes the end of the penalty to now + penaltyMs.
 */
export class TokenThresholds {
  readonly config: TokenThresholdConfig;
  #ips = new Map<string, IpState>();
  readonly #longestWindowMs: number;

  constructor(config: TokenThresholdConfig = FEDEX_TOKEN_THRESHOLDS) {
    for (const rule of config.rules) {
      if (!Number.isInteger(rule.count) || rule.count < 1 || !(rule.windowMs > 0)) throw new RangeError(`token threshold rules need count >= 1 and windowMs > 0`);
    }
    if (!(config.penaltyMs >= 0)) throw new RangeError('tokenThresholds.penaltyMs must be >= 0');
    this.config = config;
    this.#longestWindowMs = Math.max(...config.rules.map((rule) => rule.windowMs));
  }

  check(ip: string, now: number): ThresholdDecision {
    let state = this.#ips.get(ip);
    if (!state) {
      state = { log: new TimestampLog(), penaltyUntil: -Infinity };
      this.#ips.set(ip, state);
    }
    state.log.countAfter(now - this.#longestWindowMs);
    state.log.push(now);
    const violating = this.config.rules.some((rule) => state.log.countSince(now - rule.windowMs) >= rule.count);
    if (violating) state.penaltyUntil = Math.max(state.penaltyUntil, now + this.config.penaltyMs);
    if (now < state.penaltyUntil) return { allowed: false, penaltyUntil: state.penaltyUntil };
    return { allowed: true };
  }

  /** End of the IP's current penalty, if it has one at `now`. */
  penaltyUntil(ip: string, now: number): number | undefined {
    const until = this.#ips.get(ip)?.penaltyUntil;
    return until !== undefined && now < until ? until : undefined;
  }

  reset(): void {
    this.#ips.clear();
  }
}
