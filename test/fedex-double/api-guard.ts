import type { MiddlewareHandler } from 'hono';
import type { DoubleContext, DoubleEnv } from './context';
import { FEDEX_ERRORS, FedexHttpError, invalidField } from './errors';
import type { FaultScope } from './faults';
import { validateRequestBody, type OperationId } from './schemas';
import type { TransactionEndpoint } from './stats';
import type { Capability } from './tokens';
import { fixturePath } from './fixtures';
import { readFileSync } from 'node:fs';

/**
 * FedEx's sandbox answers a bearer token it did not issue with this body, byte for byte (CRLF inside, no
 * `errors` list): test/fixtures/fedex/real/hometech-error-1.json. An expired token gets FedEx's documented
 * NOT.AUTHORIZED.ERROR body ("Access token expired").
 */
const INVALID_JWT_BODY = readFileSync(fixturePath('real/hometech-error-1.json'));

interface GuardOptions {
  endpoint: TransactionEndpoint & OperationId;
  capability: Capability;
  faultScope: Exclude<FaultScope, 'any'>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Throws the answer an armed 429/500/503 fault asks for, after any injected latency. */
export async function applyInjectedFaults(ctx: DoubleContext, scope: Exclude<FaultScope, 'any'>): Promise<void> {
  const latency = ctx.faults.latencyFor(scope);
  if (latency > 0) await sleep(latency);
  const fault = ctx.faults.take(scope);
  if (!fault) return;
  ctx.stats.injectedFailures += 1;
  if (fault.kind === 'rate-limit') throw new FedexHttpError(429, FEDEX_ERRORS.tooManyRequests());
  throw new FedexHttpError(fault.status, fault.status === 500 ? FEDEX_ERRORS.internal() : FEDEX_ERRORS.unavailable());
}

/**
 * What every FedEx API call goes through, in order: bearer token (401), project capability (403),
 * the project's 1,400 / 10 s sliding window (429; admitted calls are transactions), injected faults,
 * JSON body and FedEx's request schema (400 naming every failing field). Handlers get a valid body.
 */
export function apiGuard(ctx: DoubleContext, options: GuardOptions): MiddlewareHandler<DoubleEnv> {
  return async function fedexApiGuard(c, next) {
    const now = ctx.clock.now();
    const token = ctx.tokens.check(c.req.header('authorization'), now);
    if (!token.ok) {
      ctx.stats.unauthorizedByReason[token.reason] += 1;
      if (token.reason === 'unknown') return c.body(new Uint8Array(INVALID_JWT_BODY), 401, { 'content-type': 'application/json' });
      throw new FedexHttpError(401, FEDEX_ERRORS.tokenNotAuthorized());
    }
    const project = ctx.tokens.project(token.clientId);
    if (project?.capabilities && !project.capabilities.includes(options.capability)) {
      throw new FedexHttpError(403, FEDEX_ERRORS.forbidden());
    }
    if (!ctx.limiter.tryAcquire(token.clientId, now)) throw new FedexHttpError(429, FEDEX_ERRORS.tooManyRequests());
    ctx.stats.transactions.total += 1;
    ctx.stats.transactions.byEndpoint[options.endpoint] += 1;
    c.set('clientId', token.clientId);

    await applyInjectedFaults(ctx, options.faultScope);

    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(contentType)) {
      throw new FedexHttpError(400, invalidField('content-type', `header must be application/json, got "${contentType}"`));
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new FedexHttpError(400, invalidField('(request body)', 'is not valid JSON'));
    }
    const errors = validateRequestBody(options.endpoint, body);
    if (errors.length > 0) throw new FedexHttpError(400, errors.map((error) => invalidField(error.path, error.message)));
    c.set('body', body);
    await next();
  };
}
