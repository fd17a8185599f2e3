import type { Hono } from 'hono';
import { applyInjectedFaults } from './api-guard';
import { clientIp, type DoubleContext, type DoubleEnv } from './context';
import { FEDEX_ERRORS, FedexHttpError, invalidField, type FedexError } from './errors';
import { validateRequestBody } from './schemas';

/** samples/oauth-token-200.json */
export interface OauthTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
}

const GRANT_TYPES = new Set(['client_credentials', 'csp_credentials', 'client_pc_credentials']);

function formFields(body: Record<string, string | File | (string | File)[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

/**
 * POST /oauth/token. Token requests are not transactions: they pass only the per-IP thresholds.
 * Refusal order: threshold penalty (403), injected faults, malformed request (400), credentials (401).
 */
export function registerOauthRoute(app: Hono<DoubleEnv>, ctx: DoubleContext): void {
  app.post('/oauth/token', async (c) => {
    const { stats } = ctx;
    stats.tokenRequests.total += 1;
    const refuse = (status: 400 | 401 | 403, errors: FedexError | FedexError[], counter: 'refusedByThreshold' | 'invalidCredentials' | 'invalidRequest') => {
      stats.tokenRequests.refused += 1;
      stats.tokenRequests[counter] += 1;
      return new FedexHttpError(status, errors);
    };

    const now = ctx.clock.now();
    if (!ctx.thresholds.check(clientIp(c, ctx.config.defaultIp), now).allowed) {
      throw refuse(403, FEDEX_ERRORS.forbidden(), 'refusedByThreshold');
    }
    try {
      await applyInjectedFaults(ctx, 'token');
    } catch (error) {
      stats.tokenRequests.refused += 1;
      throw error;
    }

    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
      throw refuse(400, invalidField('content-type', `header must be application/x-www-form-urlencoded, got "${contentType}"`), 'invalidRequest');
    }
    const fields = formFields(await c.req.parseBody());
    const errors = validateRequestBody('oauth.token', fields).map((error) => invalidField(error.path, error.message));
    // FedEx's schema has no `scope`; users report that sending one (e.g. CXS) gets a 400.
    if ('scope' in fields) errors.push(invalidField('scope', 'is not a field of the token request'));
    if (fields.grant_type !== undefined && !GRANT_TYPES.has(fields.grant_type)) {
      errors.push(invalidField('grant_type', 'must be one of client_credentials, csp_credentials, client_pc_credentials'));
    }
    if (errors.length > 0) throw refuse(400, errors, 'invalidRequest');

    const { client_id: clientId = '', client_secret: clientSecret = '', grant_type: grantType } = fields;
    // The double has no child (customer) credentials, so only client_credentials can succeed.
    if (grantType !== 'client_credentials' || !ctx.tokens.credentialsValid(clientId, clientSecret)) {
      throw refuse(401, FEDEX_ERRORS.invalidClientCredentials(), 'invalidCredentials');
    }
    const { token } = ctx.tokens.issue(clientId, now);
    stats.tokenRequests.ok += 1;
    const body: OauthTokenResponse = { access_token: token, token_type: 'bearer', expires_in: ctx.config.tokenLifetimeSeconds, scope: 'CXS' };
    return c.json(body, 200);
  });
}
