/** Time source of the double. Every expiry, window and status transition reads `now()`, never `Date.now()`. */
export interface Clock {
  now(): number;
}

/** Monday 2025-01-06 15:00:00 UTC (10:00 in the double's default US Eastern offset). */
export const DEFAULT_START_MS = Date.UTC(2025, 0, 6, 15, 0, 0);

/** A clock that moves only when told to, so tests cover hours of FedEx time without sleeping. */
export class ManualClock implements Clock {
  readonly startMs: number;
  #ms: number;

  constructor(startMs: number = DEFAULT_START_MS) {
    this.startMs = startMs;
    this.#ms = startMs;
  }

  now(): number {
    return this.#ms;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock.advance: ms must be a finite number >= 0, got ${ms}`);
    this.#ms += ms;
    return this.#ms;
  }

  set(ms: number): number {
    if (!Number.isFinite(ms)) throw new RangeError(`ManualClock.set: ms must be finite, got ${ms}`);
    this.#ms = ms;
    return this.#ms;
  }

  /** Back to the start time (used by the double's reset). */
  reset(): void {
    this.#ms = this.startMs;
  }
}

/** Wall-clock time, for running the double as a server in demos and benchmarks. */
export const systemClock: Clock = { now: () => Date.now() };

export function isManualClock(clock: Clock): clock is ManualClock {
  return clock instanceof ManualClock;
}
