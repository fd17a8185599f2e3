// Body size limits per route, enforced before the body is read: a declared Content-Length over the
// limit is refused at once (413) and the connection closed, so an unsigned 500 MB upload costs the
// relay nothing; a chunked body is cut off as soon as it passes the limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RELAY_PATHS } from '../../../shared/src/contract';
import { RelayError } from '../errors';

export const BODY_LIMITS = {
  /** A 40-package create with hundreds of item lines stays far below. */
  createShipment: 1024 * 1024,
  cancelShipment: 8 * 1024,
  /** 600 tracking numbers with ship dates: about 40 KB. */
  track: 128 * 1024,
  /** A FedEx tracking push with its scan history. */
  webhook: 1024 * 1024,
  /** Anything else (unknown routes, health checks) has no business sending a body. */
  other: 16 * 1024,
} as const;

export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      const error = new RelayError(413, 'INVALID_REQUEST', `The request body is larger than this route accepts (${maxSize} bytes)`);
      // Close the connection: the rest of an oversized body is never read.
      c.header('connection', 'close');
      return c.json(error.toBody(c.get('requestId')), 413);
    },
  });
}

const LIMIT_BY_PATH: Record<string, number> = {
  [RELAY_PATHS.createShipment]: BODY_LIMITS.createShipment,
  [RELAY_PATHS.cancelShipment]: BODY_LIMITS.cancelShipment,
  [RELAY_PATHS.track]: BODY_LIMITS.track,
  [RELAY_PATHS.fedexWebhook]: BODY_LIMITS.webhook,
};

/** One middleware for every route: each path's own limit, and a small one for anything else. */
export function limitBodyByRoute(): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (max: number) => limiters.get(max) ?? limiters.set(max, limitBody(max)).get(max)!;
  return (c, next) => limiterFor(LIMIT_BY_PATH[c.req.path] ?? BODY_LIMITS.other)(c, next);
}
