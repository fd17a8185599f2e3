// The RESTlet authenticator: lets in a request that carries either
//   Authorization: Bearer <access token this account issued, unexpired, with the restlets scope>
//   Authorization: OAuth … (TBA, tba.ts)
// and refuses everything else with what NetSuite answers: HTTP 401, the RESTlet error body
// {"error":{"code":"INVALID_LOGIN_ATTEMPT","message":"Invalid login attempt."}} (the server
// writes it, http-server.ts) and, for bearer tokens, the header NetSuite documents in "RESTlets and
// REST Web Services Authentication Errors" (subsect_158521885412):
//   WWW-Authenticate: Bearer realm="<account>", error="invalid_token", error_description="Invalid login attempt."
// For TBA the same header with the OAuth scheme and error="token_rejected" (by analogy: the
// documentation found shows only the Bearer form). Never a hint of which check failed.
//
// Suitelets and File Cabinet media are refused: NetSuite takes neither tokens nor TBA there (a
// Suitelet called from outside uses its external URL, which needs no authentication at all).
import type { AuthDecision, Authenticator, InboundRequest } from '../http-server.js';
import type { AccessTokens } from './access-tokens.js';
import type { AuthLog } from './audit.js';
import { realmOf, type TbaVerifier } from './tba.js';

export interface AuthenticatorDeps {
  tokens: AccessTokens;
  tba: TbaVerifier;
  log: AuthLog;
  accountId: () => string;
}

export function createRestletAuthenticator(deps: AuthenticatorDeps): Authenticator {
  return (request) => {
    const decision = decide(deps, request);
    if (request.kind === 'restlet') {
      if (decision.ok) deps.log.stats.restlet[decision.kind]++;
      else deps.log.stats.restlet.refused++;
    }
    return decision.ok ? { ok: true, role: decision.role, ...(decision.entity !== undefined ? { entity: decision.entity } : {}) } : decision.refusal;
  };
}

type Decision = { ok: true; kind: 'bearer' | 'tba'; entity?: string; role: string } | { ok: false; refusal: AuthDecision };

function decide(deps: AuthenticatorDeps, request: InboundRequest): Decision {
  const header = String(request.headers.authorization ?? '');
  const scheme = /^(\S+)/.exec(header)?.[1]?.toLowerCase();
  const realm = realmOf(deps.accountId());
  const refuse = (challenge: string): Decision => ({
    ok: false,
    refusal: {
      ok: false,
      status: 401,
      code: 'INVALID_LOGIN_ATTEMPT',
      message: 'Invalid login attempt.',
      headers: { 'WWW-Authenticate': `${challenge} realm="${realm}", error="${challenge === 'OAuth' ? 'token_rejected' : 'invalid_token'}", error_description="Invalid login attempt."` },
    },
  });

  if (request.kind !== 'restlet') {
    deps.log.record({ method: scheme === 'oauth' ? 'tba' : 'oauth2-bearer', status: 'Failure', detail: `NotAccepted:${request.kind}` });
    return refuse(scheme === 'oauth' ? 'OAuth' : 'Bearer');
  }

  if (scheme === 'bearer') {
    const token = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header)?.[1];
    const check = token === undefined ? ({ ok: false, detail: 'MalformedToken' } as const) : deps.tokens.check(token);
    if (!check.ok) {
      deps.log.record({ method: 'oauth2-bearer', status: 'Failure', detail: check.detail });
      return refuse('Bearer');
    }
    const ids = { application: check.token.clientId, credential: check.token.certificateId };
    if (!check.token.scopes.has('restlets')) {
      deps.log.record({ method: 'oauth2-bearer', status: 'Failure', detail: 'InvalidScope', ...ids });
      return refuse('Bearer');
    }
    deps.log.record({ method: 'oauth2-bearer', status: 'Success', ...ids });
    return { ok: true, kind: 'bearer', role: check.token.role, ...(check.token.entity !== undefined ? { entity: check.token.entity } : {}) };
  }

  if (scheme === 'oauth') {
    const check = deps.tba.verify(request);
    if (!check.ok) {
      deps.log.record({ method: 'tba', status: 'Failure', detail: check.detail, ...tbaIds(check.consumerKey, check.tokenId) });
      return refuse('OAuth');
    }
    deps.log.record({ method: 'tba', status: 'Success', ...tbaIds(check.token.consumerKey, check.token.tokenId) });
    return { ok: true, kind: 'tba', role: check.token.role, ...(check.token.entity !== undefined ? { entity: check.token.entity } : {}) };
  }

  deps.log.record({ method: 'oauth2-bearer', status: 'Failure', detail: header ? 'UnsupportedScheme' : 'MissingCredentials' });
  return refuse('Bearer');
}

function tbaIds(consumerKey: string | undefined, tokenId: string | undefined) {
  return { ...(consumerKey !== undefined ? { application: consumerKey } : {}), ...(tokenId !== undefined ? { credential: tokenId } : {}) };
}
