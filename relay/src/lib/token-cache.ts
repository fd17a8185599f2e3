// An OAuth access token (FedEx's, NetSuite's), cached for its whole life. Guarantees: one refresh in
// flight at a time (single flight: 500 requests arriving at a cold start share one token request,
// which matters because FedEx penalises an IP that asks for tokens too often); once started, the
// token is fetched ahead of need and renewed before it lapses, so callers do not wait on it.
// Where the token comes from is a TokenSource: FedEx directly, or a store several instances share.
import type { Clock } from './clock';

export interface IssuedToken {
  accessToken: string;
  /** Seconds, as FedEx's `expires_in`. */
  expiresIn: number;
}

export interface HeldToken {
  token: string;
  /** Expiry on the local clock (ms). */
  expiresAt: number;
}

export interface TokenWanted {
  /** The token being renewed: a shared store holding only this one must get a new one. */
  replacing?: string;
  validAt: number;
}

export interface TokenSource {
  /**
   * A token other than `want.replacing` that is still valid at `want.validAt` (local clock, ms): from
   * the shared store when it holds one (another instance renewed it), else newly issued.
   */
  obtain(want: TokenWanted): Promise<HeldToken>;
  /** Forgets `token` after the issuer refused it (401), wherever it is shared. */
  invalidate?(token: string): Promise<void>;
}

/** The issuer itself, with nothing shared: each instance holds its own token. */
export function directTokenSource(fetchToken: () => Promise<IssuedToken>, clock: Clock): TokenSource {
  return {
    async obtain(_want: TokenWanted) {
      const issued = await fetchToken();
      return { token: issued.accessToken, expiresAt: clock.now() + issued.expiresIn * 1000 };
    },
  };
}

export interface TokenCacheOptions {
  /** Where tokens come from: `source`, or `fetchToken` for the issuer directly. */
  fetchToken?: () => Promise<IssuedToken>;
  source?: TokenSource;
  clock: Clock;
  /** Renew this long before expiry so no call goes out with a token about to lapse. Default 2 min. */
  refreshMarginMs?: number;
  /** A token closer than this to its expiry is not handed out at all (a call could arrive with it expired). Default 10 s. */
  minValidityMs?: number;
  /** While running (start), how long to wait after a failed fetch before trying again (doubles up to 60 s). */
  retryDelayMs?: number;
  /** Called when a background fetch fails (for logs; carries no secrets). */
  onError?: (error: unknown) => void;
}

export class TokenCache {
  private current: (HeldToken & { renewAt: number }) | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly refreshMarginMs: number;
  private readonly minValidityMs: number;
  private readonly source: TokenSource;
  private running = false;

  constructor(private readonly options: TokenCacheOptions) {
    this.refreshMarginMs = options.refreshMarginMs ?? 120_000;
    this.minValidityMs = options.minValidityMs ?? 10_000;
    const source = options.source ?? (options.fetchToken ? directTokenSource(options.fetchToken, options.clock) : undefined);
    if (!source) throw new Error('TokenCache needs a source or fetchToken');
    this.source = source;
  }

  async get(): Promise<string> {
    const now = this.options.clock.now();
    const held = this.current;
    if (held && now < held.renewAt) return held.token;
    if (held && now < held.expiresAt - this.minValidityMs) {
      // Inside the renewal margin but still good: renew in the background, answer now.
      this.refresh().catch((error: unknown) => this.options.onError?.(error));
      return held.token;
    }
    return this.refresh();
  }

  /** True while a token good for a call is held (the relay's readiness). */
  ready(): boolean {
    return this.current !== undefined && this.options.clock.now() < this.current.expiresAt - this.minValidityMs;
  }

  /** Whole seconds until the held token expires (rounded down); 0 when none is held or it has lapsed. */
  expiresInSeconds(): number {
    if (!this.current) return 0;
    return Math.max(0, Math.floor((this.current.expiresAt - this.options.clock.now()) / 1000));
  }

  /** Drops `token` after FedEx refused it (401); a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
    this.source.invalidate?.(token).catch((error: unknown) => this.options.onError?.(error));
  }

  /**
   * Fetches the token now and keeps it renewed `refreshMarginMs` before each expiry until stop().
   * Resolves once the first token is held; failures are retried with growing delays (the token
   * limiter still spaces the requests themselves).
   */
  start(): Promise<void> {
    if (this.running) return this.firstToken();
    this.running = true;
    const first = this.firstToken();
    void this.renewLoop(first);
    return first;
  }

  stop(): void {
    this.running = false;
  }

  private async firstToken(): Promise<void> {
    let delay = this.options.retryDelayMs ?? 1_000;
    while (this.running && !this.ready()) {
      try {
        await this.refresh();
      } catch (error) {
        this.options.onError?.(error);
        await this.options.clock.sleep(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  private async renewLoop(first: Promise<void>): Promise<void> {
    await first;
    let delay = this.options.retryDelayMs ?? 1_000;
    while (this.running) {
      const due = this.current ? this.current.renewAt - this.options.clock.now() : 0;
      if (due > 0) {
        await this.options.clock.sleep(due);
        continue;
      }
      try {
        await this.refresh();
        delay = this.options.retryDelayMs ?? 1_000;
      } catch (error) {
        this.options.onError?.(error);
        await this.options.clock.sleep(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  private refresh(): Promise<string> {
    if (!this.inFlight) {
      // A renewal wants another token than the one held (a shared source may already hold it).
      const want = { validAt: this.options.clock.now() + this.minValidityMs, ...(this.current ? { replacing: this.current.token } : {}) };
      this.inFlight = this.source
        .obtain(want)
        .then((held) => {
          // Renew refreshMarginMs ahead, or halfway through a token issued for less than twice that.
          const now = this.options.clock.now();
          const margin = Math.min(this.refreshMarginMs, Math.max(0, held.expiresAt - now) / 2);
          this.current = { ...held, renewAt: held.expiresAt - margin };
          return held.token;
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }
}
