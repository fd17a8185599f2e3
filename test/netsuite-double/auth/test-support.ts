// What the auth tests share: a double with the echo RESTlet fixture, a client assertion signer,
// and a TBA header builder. The builder is written here from RFC 5849 on purpose, apart from the
// double's tba.ts (and from the relay's): if both read the RFC the same way, requests pass.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT, type CryptoKey } from 'jose';
import { FIXTURES } from '../core-fixtures.js';
import { createNetSuiteDouble, type NetSuiteDouble } from '../index.js';

export const ACCOUNT_ID = '1234567_SB1';
export const REALM = '1234567_SB1';
const AUTH_PROJECT = join(FIXTURES, 'auth_project');

export function authDouble(): NetSuiteDouble {
  return createNetSuiteDouble({
    project: false,
    objectsDirs: [join(AUTH_PROJECT, 'Objects')],
    fileCabinetDirs: [join(AUTH_PROJECT, 'FileCabinet')],
    accountId: ACCOUNT_ID,
    time: Date.UTC(2026, 2, 10, 9, 30),
  });
}

export function restletUrl(origin: string, query = ''): string {
  return `${origin}/app/site/hosting/restlet.nl?script=customscript_auth_rl&deploy=customdeploy_auth_rl${query}`;
}

// ---------------------------------------------------------------- OAuth 2.0 client credentials

export interface AssertionInput {
  privateKey: CryptoKey;
  alg: string;
  kid?: string;
  iss?: string;
  aud?: string | string[];
  scope?: unknown;
  /** Seconds. */
  iat?: number;
  exp?: number;
  typ?: string;
}

/** A client assertion as NetSuite documents it (The Request Token Structure); every part overridable. */
export async function signAssertion(input: AssertionInput): Promise<string> {
  const claims: Record<string, unknown> = {};
  if (input.scope !== undefined) claims.scope = input.scope;
  if (input.iss !== undefined) claims.iss = input.iss;
  if (input.aud !== undefined) claims.aud = input.aud;
  if (input.iat !== undefined) claims.iat = input.iat;
  if (input.exp !== undefined) claims.exp = input.exp;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: input.alg, typ: input.typ ?? 'JWT', ...(input.kid !== undefined ? { kid: input.kid } : {}) })
    .sign(input.privateKey);
}

export async function postToken(tokenUrl: string, form: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(tokenUrl, { method: 'POST', headers: { 'Content-Type': contentType }, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

export function clientCredentialsForm(assertion: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  };
}

// ---------------------------------------------------------------- TBA (RFC 5849)

/** RFC 5849 §3.6 (encodeURIComponent leaves !'()* unencoded; the RFC does not). */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export interface TbaInput {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  /** Seconds. */
  timestamp: number;
  nonce: string;
  realm?: string;
  signatureMethod?: 'HMAC-SHA256' | 'HMAC-SHA1';
  /** A form body, signed with the rest (RFC 5849 §3.4.1.3.1). */
  form?: Record<string, string>;
}

export function tbaHeader(input: TbaInput): string {
  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA256';
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce,
    oauth_signature_method: signatureMethod,
    oauth_timestamp: String(input.timestamp),
    oauth_token: input.tokenId,
    oauth_version: '1.0',
  };
  const url = new URL(input.url);
  const params: string[][] = Object.entries(oauth);
  for (const [k, v] of url.searchParams) params.push([k, v]);
  for (const [k, v] of Object.entries(input.form ?? {})) params.push([k, v]);
  // §3.4.1.3.2: sort by encoded name, then by encoded value (not the joined "name=value": "a" sorts before "a2").
  const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const encoded = params
    .map(([k, v]) => [rfc3986(k!), rfc3986(v!)] as const)
    .sort(([ak, av], [bk, bv]) => byte(ak, bk) || byte(av, bv))
    .map(([k, v]) => `${k}=${v}`);
  const base = `${input.method}&${rfc3986(`${url.origin}${url.pathname}`)}&${rfc3986(encoded.join('&'))}`;
  const key = `${rfc3986(input.consumerSecret)}&${rfc3986(input.tokenSecret)}`;
  const signature = createHmac(signatureMethod === 'HMAC-SHA256' ? 'sha256' : 'sha1', key).update(base).digest('base64');
  const fields = { realm: input.realm ?? REALM, ...oauth, oauth_signature: signature };
  return 'OAuth ' + Object.entries(fields).map(([k, v]) => `${k}="${rfc3986(v)}"`).join(', ');
}
