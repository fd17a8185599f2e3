// Token-based authentication on RESTlets: OAuth 1.0a (RFC 5849) as NetSuite restricts it.
//   Authorization: OAuth realm="123456_SB1", oauth_consumer_key="…", oauth_token="…",
//     oauth_signature_method="HMAC-SHA256", oauth_timestamp="…", oauth_nonce="…",
//     oauth_version="1.0", oauth_signature="…"
// NetSuite's rules (help: "The Signature for Web Services and RESTlets", section_1534941088; "Error
// Messages for RESTlets…", subsect_156935170194; "Error Messages for the TBA Authorization Flow",
// subsect_156934879823):
//  - HMAC-SHA256 only (HMAC-SHA1 support ended with 2023.1);
//  - realm = the account id in upper case with underscore (123456_SB1), while hosts use 123456-sb1;
//  - nonce at least 6 characters; a nonce and timestamp pair is usable once per user;
//  - timestamp within ±5 minutes of the server's time (here: the account clock).
// The signature base string is RFC 5849 §3.4.1, written here from the RFC (not from the relay's
// tba.ts): method, base URL (scheme and host lower case, default port dropped, no query), and every
// query, oauth_* (bar realm and oauth_signature) and form-body parameter, encoded and sorted.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundRequest } from '../http-server.js';
import type { Credentials, TbaToken } from './credentials.js';

export const TBA_TIMESTAMP_WINDOW_SECONDS = 5 * 60;
export const TBA_MIN_NONCE_LENGTH = 6;

const REQUIRED = ['realm', 'oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature'] as const;

export type TbaCheck =
  | { ok: true; token: TbaToken }
  | { ok: false; detail: string; consumerKey?: string; tokenId?: string };

/** RFC 5849 §3.6: unreserved characters stay, everything else is %XX of its UTF-8 bytes, upper-case hex. */
export function oauthPercentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The parameters of an `OAuth` Authorization header (RFC 5849 §3.5.1), decoded; undefined when
 * the header is no OAuth header or not well formed. A parameter sent twice is malformed too.
 */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | undefined {
  const match = /^OAuth\s+(.*)$/is.exec(header ?? '');
  if (!match) return undefined;
  const params = new Map<string, string>();
  const pattern = /\s*([^\s=,]+)\s*=\s*"([^"]*)"\s*(,|$)/y;
  const text = match[1]!;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) return undefined;
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(m[1]!);
      value = decodeURIComponent(m[2]!);
    } catch {
      return undefined;
    }
    if (params.has(name)) return undefined;
    params.set(name, value);
    at = pattern.lastIndex;
    if (m[3] === '') break;
  }
  return params.size > 0 ? params : undefined;
}

/** RFC 5849 §3.4.1: the signature base string of a request. */
export function signatureBaseString(method: string, url: URL, oauthParams: Iterable<[string, string]>, formBody?: string): string {
  const pairs: [string, string][] = [];
  url.searchParams.forEach((value, name) => pairs.push([name, value]));
  for (const [name, value] of oauthParams) if (name !== 'realm' && name !== 'oauth_signature') pairs.push([name, value]);
  if (formBody !== undefined) new URLSearchParams(formBody).forEach((value, name) => pairs.push([name, value]));
  const normalized = pairs
    .map(([name, value]) => [oauthPercentEncode(name), oauthPercentEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an === bn ? compare(av, bv) : compare(an, bn)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  // URL already lower-cases scheme and host and drops the scheme's default port.
  const baseUri = `${url.protocol}//${url.host}${url.pathname}`;
  return [method.toUpperCase(), oauthPercentEncode(baseUri), oauthPercentEncode(normalized)].join('&');
}

/** Byte order, as §3.4.1.3.2 sorts (the encoded strings are ASCII). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Account id as TBA's realm writes it: 123456-sb1 → 123456_SB1. */
export function realmOf(accountId: string): string {
  return accountId.toUpperCase().replace(/-/g, '_');
}

export class TbaVerifier {
  /** nonce key → the request's timestamp (s), kept while that timestamp is inside the window. */
  private readonly usedNonces = new Map<string, number>();

  constructor(
    private readonly credentials: Credentials,
    private readonly accountId: () => string,
    private readonly now: () => number,
  ) {}

  verify(request: InboundRequest): TbaCheck {
    const params = parseOAuthHeader(headerOf(request));
    if (!params) return { ok: false, detail: 'MissingTokenPassportRequiredFields' };
    const consumerKey = params.get('oauth_consumer_key');
    const tokenId = params.get('oauth_token');
    const ids = { ...(consumerKey !== undefined ? { consumerKey } : {}), ...(tokenId !== undefined ? { tokenId } : {}) };
    const fail = (detail: string): TbaCheck => ({ ok: false, detail, ...ids });

    if (REQUIRED.some((name) => !params.get(name))) return fail('MissingTokenPassportRequiredFields');
    const method = params.get('oauth_signature_method')!;
    if (method !== 'HMAC-SHA256') return fail('signature_method_rejected');
    const version = params.get('oauth_version');
    if (version !== undefined && version !== '1.0') return fail('version_rejected');
    if (params.get('realm') !== realmOf(this.accountId())) return fail('realm_rejected');
    if (!this.credentials.hasConsumer(consumerKey!)) return fail('consumer_key_unknown');
    const token = this.credentials.tbaToken(tokenId!);
    if (!token || token.consumerKey !== consumerKey) return fail('token_rejected');
    const nonce = params.get('oauth_nonce')!;
    if (nonce.length < TBA_MIN_NONCE_LENGTH) return fail('nonce_rejected');
    const timestampText = params.get('oauth_timestamp')!;
    const timestamp = /^\d{1,12}$/.test(timestampText) ? Number(timestampText) : NaN;
    const nowSeconds = Math.floor(this.now() / 1000);
    if (!(Math.abs(timestamp - nowSeconds) <= TBA_TIMESTAMP_WINDOW_SECONDS)) return fail('timestamp_refused');

    const formBody = isForm(request) ? request.body.toString('utf8') : undefined;
    const base = signatureBaseString(request.method, request.url, params, formBody);
    const key = `${oauthPercentEncode(token.consumerSecret)}&${oauthPercentEncode(token.tokenSecret)}`;
    const expected = createHmac('sha256', key).update(base).digest();
    const given = Buffer.from(params.get('oauth_signature')!, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('signature_invalid');

    // Only a correctly signed request spends its nonce: a forger cannot burn the client's nonces.
    this.forgetOldNonces(nowSeconds);
    const nonceKey = `${token.tokenId}\n${timestamp}\n${nonce}`;
    if (this.usedNonces.has(nonceKey)) return fail('nonce_used');
    this.usedNonces.set(nonceKey, timestamp);
    return { ok: true, token };
  }

  /** A nonce older than the window can never come back: its timestamp would be refused first. */
  private forgetOldNonces(nowSeconds: number): void {
    for (const [key, timestamp] of this.usedNonces) if (timestamp < nowSeconds - TBA_TIMESTAMP_WINDOW_SECONDS) this.usedNonces.delete(key);
  }
}

function headerOf(request: InboundRequest): string | undefined {
  const value = request.headers.authorization;
  return Array.isArray(value) ? value[0] : value;
}

/** RFC 5849 §3.4.1.3.1: a single-part form body's parameters are signed too. */
function isForm(request: InboundRequest): boolean {
  return String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}
