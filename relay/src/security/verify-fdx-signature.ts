// Middleware: FedEx webhook pushes carry `fdx-signature` = base64(HMAC-SHA256(raw body, security
// token)). Checked over the raw bytes with a constant-time compare; anything else is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { RelayError } from '../errors';
import type { Logger } from '../lib/logger';

export function fdxSignature(securityToken: string, rawBody: Uint8Array | string): string {
  return createHmac('sha256', securityToken).update(rawBody).digest('base64');
}

export function verifyFdxSignature({ securityToken, log }: { securityToken: string; log: Logger }): MiddlewareHandler {
  return async function verifyFdxSignatureMiddleware(c, next) {
    const given = c.req.header('fdx-signature') ?? '';
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const expected = Buffer.from(fdxSignature(securityToken, raw), 'base64');
    const actual = Buffer.from(given, 'base64');
    if (!given || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      log.warn('webhook.refused', { reason: given ? 'signature mismatch' : 'unsigned' });
      throw new RelayError(401, 'BAD_SIGNATURE', 'Unauthorized');
    }
    c.set('rawBody', new TextDecoder().decode(raw));
    await next();
  };
}
