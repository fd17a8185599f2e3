// The account's OAuth 2.0 token endpoint for the client credentials (M2M) flow:
//   POST /services/rest/auth/oauth2/v1/token   (application/x-www-form-urlencoded)
//   grant_type=client_credentials
//   client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer
//   client_assertion=<JWT signed with the private key of the mapped certificate>
// Sources: NetSuite help "POST Request to the Token Endpoint and the Access Token Response"
// (section_162755359851), "The Request Token Structure" (section_162790605110); RFC 7523 §3
// (what a client assertion must satisfy) and RFC 6749 §5 (token and error responses).
//
// Written from those texts, not from the relay's m2m.ts: the two implementations check each other.
//
// Refusals are HTTP 400 with only `{"error":"<code>"}`, the shape NetSuite documents for its token
// endpoint errors; everything wrong with the assertion itself is invalid_grant, the code NetSuite
// answers for it (RFC 7523 would allow invalid_client), so a caller learns nothing about which
// check failed. The reason goes to the login audit trail (audit.ts).
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { EndpointRequest, EndpointResponse } from '../http-server.js';
import type { AccessTokens } from './access-tokens.js';
import type { AuthLog } from './audit.js';
import { ASSERTION_ALGORITHMS, OAUTH_SCOPES, type AssertionAlgorithm, type Certificate, type Credentials } from './credentials.js';

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/**
 * NetSuite: exp "must be less than 60 minutes greater than" iat. The double allows exactly 60
 * minutes, as the project's notes and the relay (exp = iat + 3600) read it; should NetSuite take
 * "less than" literally, the relay's assertions would need a shorter life.
 */
export const MAX_ASSERTION_LIFETIME_SECONDS = 3600;
/** Clock skew tolerated on exp and iat: the double's choice, NetSuite documents none. */
export const ASSERTION_LEEWAY_SECONDS = 60;

type OAuthError = 'invalid_request' | 'unsupported_grant_type' | 'invalid_grant';

export interface TokenEndpointDeps {
  credentials: Credentials;
  tokens: AccessTokens;
  log: AuthLog;
  now: () => number;
  /** The token URL an assertion's `aud` must name: the account's, as tokenUrl() gives it. */
  audience: () => string | undefined;
}

interface Refusal {
  error: OAuthError;
  detail: string;
  application?: string;
  credential?: string;
}

export function createTokenEndpoint(deps: TokenEndpointDeps): (request: EndpointRequest) => Promise<EndpointResponse> {
  return async (request) => {
    const outcome = await grant(deps, request);
    if ('error' in outcome) {
      deps.log.stats.tokenRequests.refused++;
      deps.log.record({ method: 'oauth2-token', status: 'Failure', detail: outcome.detail, ...ids(outcome) });
      return json(400, { error: outcome.error });
    }
    deps.log.stats.tokenRequests.ok++;
    deps.log.record({ method: 'oauth2-token', status: 'Success', application: outcome.clientId, credential: outcome.certificateId });
    const issued = deps.tokens.issue(outcome);
    return json(200, { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn });
  };
}

function json(status: number, body: unknown): EndpointResponse {
  // RFC 6749 §5.1: token responses must not be cached.
  return { status, headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store', Pragma: 'no-cache' }, body: JSON.stringify(body) };
}

function ids(r: { application?: string; credential?: string }) {
  return { ...(r.application !== undefined ? { application: r.application } : {}), ...(r.credential !== undefined ? { credential: r.credential } : {}) };
}

type Grant = { clientId: string; certificateId: string; scopes: ReadonlySet<string>; entity?: string; role: string };

async function grant(deps: TokenEndpointDeps, request: EndpointRequest): Promise<Grant | Refusal> {
  const refuse = (error: OAuthError, detail: string, extra: Partial<Refusal> = {}): Refusal => ({ error, detail, ...extra });

  // --- the form (RFC 6749 §3.2, §4.4.2; RFC 7521 §4.2) ---
  if (request.method !== 'POST') return refuse('invalid_request', 'MethodNotPost');
  const contentType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') return refuse('invalid_request', 'NotFormEncoded');
  const form = new URLSearchParams(request.body.toString('utf8'));
  const names = [...form.keys()];
  if (new Set(names).size !== names.length) return refuse('invalid_request', 'RepeatedParameter');
  const grantType = form.get('grant_type');
  const assertionType = form.get('client_assertion_type');
  const assertion = form.get('client_assertion');
  if (!grantType || !assertionType || !assertion) return refuse('invalid_request', 'MissingParameter');
  if (grantType !== 'client_credentials') return refuse('unsupported_grant_type', 'UnsupportedGrantType');
  if (assertionType !== JWT_BEARER_ASSERTION_TYPE) return refuse('invalid_request', 'UnsupportedAssertionType');

  // --- the JWT header: which certificate, which algorithm ---
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return refuse('invalid_grant', 'MalformedAssertion');
  }
  const alg = String(header.alg ?? '');
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  if (!(ASSERTION_ALGORITHMS as readonly string[]).includes(alg)) return refuse('invalid_grant', 'AlgorithmRejected', ids({ credential: kid }));
  if (header.typ !== undefined && header.typ !== 'JWT') return refuse('invalid_grant', 'MalformedAssertion', ids({ credential: kid }));
  const certificate = kid === undefined ? undefined : deps.credentials.certificate(kid);
  if (!certificate) return refuse('invalid_grant', 'UnknownCertificate', ids({ credential: kid }));
  const known = { application: certificate.clientId, credential: certificate.certificateId };
  if (!certificate.algorithms.has(alg)) return refuse('invalid_grant', 'AlgorithmRejected', known);

  // --- signature and claims (RFC 7523 §3) ---
  const audience = deps.audience();
  if (!audience) return refuse('invalid_grant', 'AudienceMismatch', known);
  let payload: JWTPayload;
  try {
    const key = await certificate.keyFor(alg as AssertionAlgorithm);
    ({ payload } = await jwtVerify(assertion, key, {
      algorithms: [alg],
      issuer: certificate.clientId,
      audience,
      currentDate: new Date(deps.now()),
      clockTolerance: ASSERTION_LEEWAY_SECONDS,
      requiredClaims: ['iss', 'aud', 'iat', 'exp', 'scope'],
    }));
  } catch (error) {
    return refuse('invalid_grant', verifyFailure(error), known);
  }
  const nowSeconds = Math.floor(deps.now() / 1000);
  const iat = payload.iat!;
  const exp = payload.exp!;
  if (iat > nowSeconds + ASSERTION_LEEWAY_SECONDS) return refuse('invalid_grant', 'IssuedInTheFuture', known);
  if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) return refuse('invalid_grant', 'AssertionLifetimeTooLong', known);

  // --- scope: "restlets, rest_webservices, suite_analytics, or all of them, separated by a comma" (NetSuite shows arrays too) ---
  const scopes = parseScope(payload.scope);
  if (!scopes) return refuse('invalid_grant', 'InvalidScope', known);
  for (const scope of scopes) if (!certificate.scopes.has(scope)) return refuse('invalid_grant', 'ScopeMismatched', known);
  return grantOf(certificate, scopes);
}

function grantOf(certificate: Certificate, scopes: Set<string>): Grant {
  return { clientId: certificate.clientId, certificateId: certificate.certificateId, scopes, role: certificate.role, ...(certificate.entity !== undefined ? { entity: certificate.entity } : {}) };
}

/** A comma- (or space-) separated string, or an array of strings; every value a known scope; not empty. */
function parseScope(claim: unknown): Set<string> | undefined {
  const values = typeof claim === 'string' ? claim.split(/[\s,]+/) : Array.isArray(claim) ? claim : undefined;
  if (!values) return undefined;
  const scopes = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') return undefined;
    const scope = value.trim();
    if (scope === '') continue;
    if (!(OAUTH_SCOPES as readonly string[]).includes(scope)) return undefined;
    scopes.add(scope);
  }
  return scopes.size > 0 ? scopes : undefined;
}

/** Names jose's refusal for the audit trail. */
function verifyFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'AssertionExpired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'IssuerMismatch';
    if (error.claim === 'aud') return 'AudienceMismatch';
    if (error.claim === 'nbf') return 'AssertionNotYetValid';
    if (error.claim === 'scope') return 'InvalidScope';
    return `InvalidClaim:${error.claim}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'InvalidSignature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'AlgorithmRejected';
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'MalformedAssertion';
  // A key that cannot verify this algorithm (an EC key for PS256…) is a wrong certificate too.
  return 'InvalidSignature';
}
