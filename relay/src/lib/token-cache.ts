// An OAuth access token (FedEx's, NetSuite's), cached for its whole life. One refresh in flight at a time (single flight):
// 500 requests arriving at a cold start share one token request, which matters because FedEx
// penalises an IP that asks for tokens too often.
import type { Clock } from './clock';

export interface IssuedToken {
  accessToken: string;
  /** Seconds, as FedEx's `expires_in`. */
  expiresIn: number;
}

export interface TokenCacheOptions {
  fetchToken: () => Promise<IssuedToken>;
  clock: Clock;
  /** Renew this long before expiry so no call goes out with a token about to lapse. */
  refreshMarginMs?: number;
}

export class TokenCache {
  private current: { token: string; expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly refreshMarginMs: number;

  constructor(private readonly options: TokenCacheOptions) {
    this.refreshMarginMs = options.refreshMarginMs ?? 120_000;
  }

  async get(): Promise<string> {
    const now = this.options.clock.now();
    if (this.current && now < this.current.expiresAt - this.refreshMarginMs) return this.current.token;
    return this.refresh();
  }

  /** Drops `token` after FedEx refused it (401); a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private refresh(): Promise<string> {
    if (!this.inFlight) {
      this.inFlight = this.options
        .fetchToken()
        .then((issued) => {
          this.current = { token: issued.accessToken, expiresAt: this.options.clock.now() + issued.expiresIn * 1000 };
          return issued.accessToken;
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }
}
