// Every request gets one absolute deadline (`deadlineAt`, ms on the relay's clock), computed once on
// arrival and passed down to the limiter and to every FedEx call, so no work outlives the caller:
// NetSuite's N/https gives up at 45 s, and an answer after that is a lost answer.
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../lib/clock';

declare module 'hono' {
  interface ContextVariableMap {
    deadlineAt: number;
  }
}

/** Default: 40 s after arrival, leaving NetSuite 5 s of its 45 s to read the answer. */
export const DEFAULT_DEADLINE_MS = 40_000;

export function deadline(clock: Clock, ms: number = DEFAULT_DEADLINE_MS): MiddlewareHandler {
  return async function deadlineMiddleware(c, next) {
    c.set('deadlineAt', clock.now() + ms);
    await next();
  };
}
