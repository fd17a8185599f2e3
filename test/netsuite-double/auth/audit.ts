// What the account saw of logins from outside: counters for tests that prove behaviour by numbers
// (the relay reuses one token until shortly before it lapses: tokenRequests.ok stays 1), and a
// login audit trail with the reason of every refusal. A caller never sees the reason (NetSuite
// answers only an OAuth error code or INVALID_LOGIN_ATTEMPT); an administrator reads it in the
// Login Audit Trail's Detail column, and so does a test here, to be sure a request was refused
// for the reason it meant to provoke.
//
// Detail values: NetSuite's where its documentation names them (AccessTokenExpired,
// InvalidSignature, InvalidScope, consumer_key_unknown, nonce_rejected, nonce_used,
// MissingTokenPassportRequiredFields), otherwise the double's own names in the same spirit (the
// token endpoint's are not documented for the client credentials flow).

export interface AuthStats {
  /** POSTs to the OAuth 2.0 token endpoint that got a token, and those refused. */
  tokenRequests: { ok: number; refused: number };
  /** RESTlet requests the authenticator let in, by credential kind, and those it refused. */
  restlet: { bearer: number; tba: number; refused: number };
}

export type LoginMethod = 'oauth2-token' | 'oauth2-bearer' | 'tba';

export interface LoginAuditEntry {
  /** Account clock, ms. */
  at: number;
  method: LoginMethod;
  status: 'Success' | 'Failure';
  detail?: string;
  /** Client id (OAuth 2.0) or consumer key (TBA), when the request named one. */
  application?: string;
  /** Certificate id (OAuth 2.0) or token id (TBA), when the request named one. */
  credential?: string;
}

export class AuthLog {
  readonly stats: AuthStats = { tokenRequests: { ok: 0, refused: 0 }, restlet: { bearer: 0, tba: 0, refused: 0 } };
  readonly trail: LoginAuditEntry[] = [];

  constructor(private readonly now: () => number) {}

  record(entry: Omit<LoginAuditEntry, 'at'>): void {
    this.trail.push({ at: this.now(), ...entry });
  }
}
