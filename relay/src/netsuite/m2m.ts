// NetSuite OAuth 2.0 client credentials (machine to machine): a JWT client assertion signed with
// the private key of the certificate uploaded to NetSuite (PS256 or ES256; NetSuite refuses RS256
// since 2025), exchanged for a 60-minute access token. No refresh token exists: a new assertion is
// made before the token lapses (TokenCache renews ahead of expiry, single flight).
import { importPKCS8, SignJWT } from 'jose';
import type { IssuedToken } from '../lib/token-cache';

export interface M2MConfig {
  tokenUrl: string;
  clientId: string;
  /** The certificate id NetSuite shows after upload: the JWT's `kid`. */
  certificateId: string;
  privateKeyPem: string;
  algorithm: 'PS256' | 'ES256';
  scopes: string[];
}

export async function clientAssertion(config: M2MConfig, nowSeconds: number): Promise<string> {
  const key = await importPKCS8(config.privateKeyPem, config.algorithm);
  return new SignJWT({ scope: config.scopes.join(',') })
    .setProtectedHeader({ alg: config.algorithm, typ: 'JWT', kid: config.certificateId })
    .setIssuer(config.clientId)
    .setAudience(config.tokenUrl)
    .setIssuedAt(nowSeconds)
    // NetSuite wants exp less than 60 minutes after iat; the assertion is used once, right away.
    .setExpirationTime(nowSeconds + 300)
    .sign(key);
}

export async function requestM2MToken(config: M2MConfig, fetchImpl: typeof fetch, nowSeconds: number): Promise<IssuedToken> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await clientAssertion(config, nowSeconds),
  });
  const res = await fetchImpl(config.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new Error(`NetSuite refused the token request (HTTP ${res.status}${typeof body.error === 'string' ? `: ${body.error}` : ''})`);
  }
  const expiresIn = Number(body.expires_in);
  return { accessToken: body.access_token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600 };
}
