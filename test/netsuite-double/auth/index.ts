// Inbound authentication of the NetSuite account double: `ns.auth`.
//
//   ns.auth.registerIntegration({ clientId, certificateId, publicKey, algorithms: ['PS256'], scopes: ['restlets'] });
//   ns.auth.registerTbaToken({ consumerKey, consumerSecret, tokenId, tokenSecret });
//   const server = await ns.listen({ authenticate: ns.auth.authenticator() });
//   ns.auth.tokenUrl();            // http://127.0.0.1:<port>/services/rest/auth/oauth2/v1/token
//   ns.auth.stats.tokenRequests.ok; ns.auth.stats.restlet.bearer; ns.auth.loginAudit
//
// ns.listen() always serves the token endpoint (it answers invalid_grant while nothing is
// registered). RESTlets keep the authenticator the test passes: ns.listen() alone still takes only
// server.testAuthorization, so tests that are not about authentication stay as they are, and a
// test about it says so with `authenticate: ns.auth.authenticator()` (the choice is explicit
// rather than switched on by registering credentials, which would change behaviour at a distance).
//
// Modules: credentials.ts (what is registered), token-endpoint.ts (OAuth 2.0 client credentials),
// access-tokens.ts (issued tokens, 60 minutes on the account clock), tba.ts (OAuth 1.0a),
// authenticator.ts (the RESTlet gate), audit.ts (counters and the login audit trail).
import type { Authenticator, Endpoint } from '../http-server.js';
import { AccessTokens } from './access-tokens.js';
import { AuthLog, type AuthStats, type LoginAuditEntry } from './audit.js';
import { createRestletAuthenticator } from './authenticator.js';
import { Credentials, type IntegrationRegistration, type TbaTokenRegistration } from './credentials.js';
import { createTokenEndpoint, TOKEN_PATH } from './token-endpoint.js';
import { realmOf, TbaVerifier } from './tba.js';

export type { AuthStats, LoginAuditEntry } from './audit.js';
export type { AssertionAlgorithm, IntegrationRegistration, OAuthScope, PublicKeyInput, TbaTokenRegistration } from './credentials.js';
export { TOKEN_PATH } from './token-endpoint.js';

export interface AccountAuth {
  /** Maps a certificate (public key) to an integration record for the client credentials flow. */
  registerIntegration(registration: IntegrationRegistration): void;
  /** Registers a TBA integration (consumer key/secret) and one of its access tokens (token id/secret). */
  registerTbaToken(registration: TbaTokenRegistration): void;
  /** The token endpoint URL, also the `aud` an assertion must carry. Default origin: the listening server's. */
  tokenUrl(origin?: string): string;
  /** TBA's realm for this account (123456_SB1). */
  readonly realm: string;
  /** The RESTlet authenticator to pass as ns.listen({ authenticate }). */
  authenticator(): Authenticator;
  /** Live counters (read them before and after). */
  readonly stats: AuthStats;
  /** Every login attempt from outside, with the reason of each refusal, oldest first. */
  readonly loginAudit: readonly LoginAuditEntry[];
  /** The endpoints ns.listen adds to the server (path → handler). */
  readonly endpoints: Record<string, Endpoint>;
}

export interface AccountAuthOptions {
  accountId: () => string;
  now: () => number;
  /** http://127.0.0.1:<port> while the account listens. */
  serverOrigin: () => string | undefined;
}

export function createAccountAuth(options: AccountAuthOptions): AccountAuth {
  const credentials = new Credentials();
  const log = new AuthLog(options.now);
  const tokens = new AccessTokens(options.now);
  const tba = new TbaVerifier(credentials, options.accountId, options.now);
  const tokenUrl = (origin = options.serverOrigin()) => {
    if (!origin) throw new Error('NetSuite double: the account does not listen yet (await ns.listen() first, or pass the origin)');
    return `${origin}${TOKEN_PATH}`;
  };
  const endpoint = createTokenEndpoint({
    credentials,
    tokens,
    log,
    now: options.now,
    // The account's own URL, as a client configured with tokenUrl() addresses it.
    audience: () => {
      const origin = options.serverOrigin();
      return origin ? `${origin}${TOKEN_PATH}` : undefined;
    },
  });
  const authenticator = createRestletAuthenticator({ tokens, tba, log, accountId: options.accountId });
  return {
    registerIntegration: (registration) => credentials.registerIntegration(registration),
    registerTbaToken: (registration) => credentials.registerTbaToken(registration),
    tokenUrl,
    get realm() {
      return realmOf(options.accountId());
    },
    authenticator: () => authenticator,
    stats: log.stats,
    loginAudit: log.trail,
    endpoints: { [TOKEN_PATH]: endpoint },
  };
}
