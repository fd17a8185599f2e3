// How long FedEx takes to answer, per operation, from the recent calls: the time a call must still
// have before its deadline when it leaves the limiter. A fixed guess would admit calls that cannot
// finish in time when FedEx slows down (they would end as timeouts, which for a create means an
// unknown outcome), or refuse calls that would have finished.

const WINDOW = 200;
const MIN_SAMPLES = 20;

export interface ReserveOptions {
  /** Before enough calls were seen, and the least ever kept. Default 5 s and 1 s. */
  initialMs?: number;
  floorMs?: number;
  /** Margin over the recent 99th percentile. Default 1.25. */
  factor?: number;
}

export class CallReserve {
  private readonly samples = new Map<string, { values: number[]; next: number; p99?: number }>();

  constructor(private readonly options: ReserveOptions = {}) {}

  record(operation: string, durationMs: number): void {
    let s = this.samples.get(operation);
    if (!s) this.samples.set(operation, (s = { values: [], next: 0 }));
    if (s.values.length < WINDOW) s.values.push(durationMs);
    else s.values[s.next] = durationMs;
    s.next = (s.next + 1) % WINDOW;
    // Recomputed every 20 calls: sorting 200 numbers per call would be waste at 140 calls/s.
    if (s.values.length >= MIN_SAMPLES && s.next % MIN_SAMPLES === 0) {
      const sorted = [...s.values].sort((a, b) => a - b);
      s.p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
    }
  }

  /** Milliseconds to keep before the deadline for one call of `operation`. */
  reserveMs(operation: string): number {
    const p99 = this.samples.get(operation)?.p99;
    if (p99 === undefined) return this.options.initialMs ?? 5_000;
    return Math.max(this.options.floorMs ?? 1_000, p99 * (this.options.factor ?? 1.25));
  }
}
