// Access tokens the account's token endpoint issued. NetSuite's are JWTs it signs itself; callers
// must treat them as opaque, so the double issues random strings and remembers what each grants.
// Lifetime: 60 minutes on the ACCOUNT's clock (ns.clock), so a test advances the clock instead of
// sleeping, and the token lapses exactly when NetSuite's would.
import { randomBytes } from 'node:crypto';

/** NetSuite: "The access token is valid for 60 minutes"; expires_in is always 3600. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export interface IssuedToken {
  clientId: string;
  certificateId: string;
  scopes: ReadonlySet<string>;
  entity?: string;
  role: string;
  /** Account clock, ms. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; token: IssuedToken } | { ok: false; detail: 'InvalidSignature' | 'AccessTokenExpired' };

export class AccessTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly now: () => number) {}

  issue(grant: Omit<IssuedToken, 'expiresAt'>): { accessToken: string; expiresIn: number } {
    this.forgetExpired();
    const accessToken = `nsdouble-at.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(accessToken, { ...grant, expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000 });
    return { accessToken, expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
  }

  /**
   * A token this account never issued fails as NetSuite's fails a JWT it did not sign
   * (InvalidSignature in the Login Audit Trail); a lapsed one as AccessTokenExpired.
   */
  check(accessToken: string): TokenCheck {
    const token = this.tokens.get(accessToken);
    if (!token) return { ok: false, detail: 'InvalidSignature' };
    if (this.now() >= token.expiresAt) return { ok: false, detail: 'AccessTokenExpired' };
    return { ok: true, token };
  }

  /** Keeps the map small in long e2e runs; only tokens already an hour past expiry go (a test may still probe a lapsed one). */
  private forgetExpired(): void {
    const horizon = this.now() - ACCESS_TOKEN_LIFETIME_SECONDS * 1000;
    for (const [key, token] of this.tokens) if (token.expiresAt < horizon) this.tokens.delete(key);
  }
}
