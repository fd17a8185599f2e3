/**
 * Failures the relay must survive, injected on demand. Each armed fault fires on the next matching
 * requests and disarms itself after `count` uses.
 */

/** Which FedEx surface a fault applies to: `ship` covers create and cancel, `track` both track endpoints. */
export type FaultScope = 'ship' | 'track' | 'token' | 'address' | 'any';
export const FAULT_SCOPES: readonly FaultScope[] = ['ship', 'track', 'token', 'address', 'any'];

export type InjectedStatus = 500 | 503;

export interface FaultState {
  latencyMs: number;
  latencyScope: FaultScope;
  failNext: Array<{ remaining: number; status: InjectedStatus; scope: FaultScope }>;
  burst429: Array<{ remaining: number; scope: FaultScope }>;
  dropResponseAfterCreate: number;
}

export type InjectedFault = { kind: 'status'; status: InjectedStatus } | { kind: 'rate-limit' };

function matches(armed: FaultScope, actual: Exclude<FaultScope, 'any'>): boolean {
  return armed === 'any' || armed === actual;
}

function nonNegativeCount(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}: count must be an integer >= 0, got ${n}`);
  return n;
}

export class Faults {
  #latencyMs = 0;
  #latencyScope: FaultScope = 'any';
  #failNext: FaultState['failNext'] = [];
  #burst429: FaultState['burst429'] = [];
  #drop = 0;

  /**
   * Real delay (setTimeout, not the double's clock) before answering: for client timeouts. 0 turns it off.
   */
  setLatency(ms: number, scope: FaultScope = 'any'): this {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    this.#latencyMs = ms;
    this.#latencyScope = scope;
    return this;
  }

  /** The next `count` matching requests get FedEx's 500 or 503 body (samples/error-500/503). */
  failNext(count: number, status: InjectedStatus = 500, scope: FaultScope = 'any'): this {
    if (status !== 500 && status !== 503) throw new RangeError(`failNext status must be 500 or 503, got ${status}`);
    const remaining = nonNegativeCount(count, 'failNext');
    if (remaining > 0) this.#failNext.push({ remaining, status, scope });
    return this;
  }

  /** The next `count` matching requests get 429, whatever the real rate. */
  burst429(count: number, scope: FaultScope = 'any'): this {
    const remaining = nonNegativeCount(count, 'burst429');
    if (remaining > 0) this.#burst429.push({ remaining, scope });
    return this;
  }

  /**
   * The next `count` successful creates ARE made and recorded, but the response is lost: over HTTP the
   * socket is destroyed, through app.fetch the call rejects with TypeError('fetch failed').
   */
  dropResponseAfterCreate(count: number): this {
    this.#drop += nonNegativeCount(count, 'dropResponseAfterCreate');
    return this;
  }

  latencyFor(scope: Exclude<FaultScope, 'any'>): number {
    return this.#latencyMs > 0 && matches(this.#latencyScope, scope) ? this.#latencyMs : 0;
  }

  /** Consumes the first armed 429 or 5xx fault matching `scope`, if any. */
  take(scope: Exclude<FaultScope, 'any'>): InjectedFault | undefined {
    const burst = this.#burst429.find((fault) => matches(fault.scope, scope));
    if (burst) {
      burst.remaining -= 1;
      this.#burst429 = this.#burst429.filter((fault) => fault.remaining > 0);
      return { kind: 'rate-limit' };
    }
    const failure = this.#failNext.find((fault) => matches(fault.scope, scope));
    if (failure) {
      failure.remaining -= 1;
      this.#failNext = this.#failNext.filter((fault) => fault.remaining > 0);
      return { kind: 'status', status: failure.status };
    }
    return undefined;
  }

  /** Consumes one armed drop, if any. */
  takeDrop(): boolean {
    if (this.#drop === 0) return false;
    this.#drop -= 1;
    return true;
  }

  state(): FaultState {
    return {
      latencyMs: this.#latencyMs,
      latencyScope: this.#latencyScope,
      failNext: this.#failNext.map((fault) => ({ ...fault })),
      burst429: this.#burst429.map((fault) => ({ ...fault })),
      dropResponseAfterCreate: this.#drop,
    };
  }

  clear(): this {
    this.#latencyMs = 0;
    this.#latencyScope = 'any';
    this.#failNext = [];
    this.#burst429 = [];
    this.#drop = 0;
    return this;
  }
}
