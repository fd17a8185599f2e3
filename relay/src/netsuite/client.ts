// Calls the SuiteApp's RESTlet from the relay, authenticated with OAuth 2.0 M2M (preferred) or TBA.
// NetSuite's concurrency limit (RESTlet 400 SSS_REQUEST_LIMIT_EXCEEDED, REST 429) and outages come
// back as `retryable`, so the webhook route can answer FedEx with a non-2xx and FedEx retries.
// Every call has a timeout: no answer in time is a retryable failure like an outage.
import type { Clock } from '../lib/clock';
import { TokenCache } from '../lib/token-cache';
import type { M2MConfig } from './m2m';
import { requestM2MToken } from './m2m';
import type { TbaCredentials } from './tba';
import { tbaAuthorization } from './tba';

export type NetSuiteAuth = { kind: 'm2m'; config: M2MConfig } | { kind: 'tba'; credentials: TbaCredentials };

export interface NetSuiteClientOptions {
  restletUrl: string;
  auth: NetSuiteAuth;
  clock: Clock;
  fetch?: typeof fetch;
  /** Longest wait for NetSuite (token or RESTlet), default 20 s: a RESTlet that never answers must not hold a webhook. */
  timeoutMs?: number;
}

export type RestletResult = { ok: true; status: number; body: unknown } | { ok: false; status: number; retryable: boolean; code: string; message: string };

export class NetSuiteClient {
  private readonly fetchImpl: typeof fetch;
  private readonly tokens: TokenCache | undefined;
  /** Token requests made, for tests and metrics. */
  tokenRequests = 0;

  constructor(private readonly options: NetSuiteClientOptions) {
    const base = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? 20_000;
    this.fetchImpl = ((url: string | URL | Request, init?: RequestInit) => base(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as typeof fetch;
    const { auth } = options;
    if (auth.kind === 'm2m') {
      this.tokens = new TokenCache({
        clock: options.clock,
        // NetSuite tokens live 60 minutes; renew 5 minutes ahead.
        refreshMarginMs: 300_000,
        fetchToken: () => {
          this.tokenRequests++;
          return requestM2MToken(auth.config, this.fetchImpl, Math.floor(options.clock.now() / 1000));
        },
      });
    }
  }

  async postRestlet(payload: unknown): Promise<RestletResult> {
    const { auth, restletUrl, clock } = this.options;
    let authorization: string;
    let token: string | undefined;
    try {
      if (auth.kind === 'm2m') {
        token = await (this.tokens as TokenCache).get();
        authorization = `Bearer ${token}`;
      } else {
        authorization = tbaAuthorization(auth.credentials, 'POST', restletUrl, Math.floor(clock.now() / 1000));
      }
    } catch (e) {
      return { ok: false, status: 0, retryable: true, code: 'NETSUITE_AUTH', message: (e as Error).message };
    }
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(restletUrl, { method: 'POST', headers: { authorization, 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(payload) });
      text = await res.text();
    } catch (e) {
      return { ok: false, status: 0, retryable: true, code: 'NETSUITE_UNREACHABLE', message: (e as Error).message };
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if (res.ok) return { ok: true, status: res.status, body };
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`;
    if (res.status === 401 && token) this.tokens?.invalidate(token);
    const retryable = res.status === 429 || res.status >= 500 || res.status === 401 || code === 'SSS_REQUEST_LIMIT_EXCEEDED';
    return { ok: false, status: res.status, retryable, code, message: typeof error?.message === 'string' ? error.message : text.slice(0, 300) };
  }
}
