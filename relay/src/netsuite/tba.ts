// NetSuite Token-Based Authentication: OAuth 1.0a with HMAC-SHA256, `realm` = account id in upper
// case with underscore (123456_SB1). The fallback for accounts that cannot use OAuth 2.0.
import { createHmac, randomBytes } from 'node:crypto';

export interface TbaCredentials {
  accountId: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** RFC 3986 percent-encoding, as OAuth 1.0a requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signature base string (RFC 5849 §3.4.1): method, base URL, and every parameter sorted. */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  const u = new URL(url);
  const all: [string, string][] = [...params];
  u.searchParams.forEach((v, k) => all.push([k, v]));
  const normalized = all
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = `${u.protocol}//${u.host.toLowerCase()}${u.pathname}`;
  return [method.toUpperCase(), percentEncode(base), percentEncode(normalized)].join('&');
}

export function realmOf(accountId: string): string {
  return accountId.toUpperCase().replace(/-/g, '_');
}

/** The Authorization header for one request. */
export function tbaAuthorization(creds: TbaCredentials, method: string, url: string, nowSeconds: number, nonce = randomBytes(16).toString('hex')): string {
  const oauth: [string, string][] = [
    ['oauth_consumer_key', creds.consumerKey],
    ['oauth_token', creds.tokenId],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(nowSeconds)],
    ['oauth_nonce', nonce],
    ['oauth_version', '1.0'],
  ];
  const key = `${percentEncode(creds.consumerSecret)}&${percentEncode(creds.tokenSecret)}`;
  const signature = createHmac('sha256', key).update(signatureBaseString(method, url, oauth)).digest('base64');
  const parts = [['realm', realmOf(creds.accountId)] as [string, string], ...oauth, ['oauth_signature', signature] as [string, string]];
  return `OAuth ${parts.map(([k, v]) => `${k}="${percentEncode(v)}"`).join(', ')}`;
}
