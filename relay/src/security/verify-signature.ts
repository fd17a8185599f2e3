// Middleware: only calls signed by the SuiteApp (HMAC-SHA256 with the shared API secret) get through.
// Every refusal is the same bare 401, so a caller learns nothing about which check failed; the
// reason goes to the relay's own log.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import {
  canonicalString,
  NONCE_PATTERN,
  parseSignature,
  SIGNATURE_HEADERS,
  SIGNATURE_WINDOW_SECONDS,
  timestampWithinWindow,
} from '../../../shared/src/signing';
import { RelayError } from '../errors';
import type { Logger } from '../lib/logger';
import type { NonceStore } from './nonce-store';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request body exactly as signed. */
    rawBody: string;
  }
}

export interface VerifySignatureOptions {
  secret: string;
  /** While the secret is being rotated: the old one, still accepted. */
  previousSecret?: string;
  nonces: NonceStore;
  now: () => number;
  log: Logger;
  windowSeconds?: number;
}

export function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data, 'utf8').digest('hex');
}

export function verifySignature({ secret, previousSecret, nonces, now, log, windowSeconds = SIGNATURE_WINDOW_SECONDS }: VerifySignatureOptions): MiddlewareHandler {
  const secrets = previousSecret ? [secret, previousSecret] : [secret];
  return async function verifySignatureMiddleware(c, next) {
    const refuse = (reason: string): never => {
      log.warn('auth.refused', { reason, path: c.req.path });
      throw new RelayError(401, 'BAD_SIGNATURE', 'Unauthorized');
    };
    const timestamp = c.req.header(SIGNATURE_HEADERS.timestamp) ?? '';
    const nonce = c.req.header(SIGNATURE_HEADERS.nonce) ?? '';
    const given = parseSignature(c.req.header(SIGNATURE_HEADERS.signature));
    if (!given) return refuse('missing or malformed signature header');
    if (!NONCE_PATTERN.test(nonce)) return refuse('missing or malformed nonce');
    const nowSeconds = Math.floor(now() / 1000);
    if (!timestampWithinWindow(timestamp, nowSeconds, windowSeconds)) return refuse('timestamp outside the window');
    const body = await c.req.text();
    const url = new URL(c.req.url);
    const signed = canonicalString({ method: c.req.method, path: url.pathname + url.search, timestamp, nonce, body });
    const b = Buffer.from(given, 'hex');
    // Every secret is compared (no early exit), each in constant time.
    const matches = secrets.map((key) => {
      const a = Buffer.from(hmacHex(key, signed), 'hex');
      return a.length === b.length && timingSafeEqual(a, b);
    });
    if (!matches.includes(true)) return refuse('signature mismatch');
    if (!matches[0]) log.info('auth.previous_secret', { path: c.req.path });
    // Only a correctly signed request may use up a nonce, so forged traffic cannot block real calls.
    let verdict;
    try {
      verdict = await nonces.accept(nonce, Number(timestamp), now() + 2 * windowSeconds * 1000);
    } catch (error) {
      // Without its nonce store the relay cannot tell a replay: it refuses, retryably, and says why.
      throw new RelayError(503, 'RELAY_UNAVAILABLE', `The relay cannot check this request for replay: its shared state (Redis) is unavailable (${(error as Error).message}). Nothing was done; retry later.`, { cause: error, retryAfterSeconds: 5 });
    }
    if (verdict === 'replayed') return refuse('nonce replayed');
    if (verdict === 'before-epoch') return refuse("signed before the nonce store's current life (a restart or a Redis wipe): may be a replay");
    c.set('rawBody', body);
    await next();
  };
}
