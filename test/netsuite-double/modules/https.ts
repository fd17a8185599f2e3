// N/https: REAL, BLOCKING HTTP (SuiteScript's https.request returns only when the answer is in).
// The request itself runs in a worker thread (sync-http/) while the script's thread waits; see
// sync-request.ts for why any server a script calls must run in another thread or process.
//
// As in NetSuite: 10 units per call; SSS_REQUEST_TIME_EXCEEDED past the connect limit (5 s) or
// the total limit (45 s), both configurable in the account's HttpsPolicy; blocked headers
// (Connection, Content-Length, Host, ...) are dropped; an object body is form-encoded; headers,
// URL and body may be SecureStrings, resolved only as they are sent. A refused connection throws
// SSS_CONNECTION_CLOSED, the code NetSuite documents for a server that does not answer.
// http:// URLs are refused (SSS_INVALID_URL) unless a test turns on HttpsPolicy.allowHttpLoopback;
// https trusts only HttpsPolicy.trustedCertificates when given (else SSS_INVALID_HOST_CERT).
// Response headers (d:section_4314733103, server SuiteScript): one string per name, the FIRST of
// repeated headers, read by the lower-case name ("it is best to retrieve specific headers in
// lower-case"); the double offers only lower-case names, so code that relies on the server's
// spelling fails here rather than on an account whose server spells them differently.
// Beyond NetSuite: only loopback hosts by default (HttpsPolicy.allowedHosts).
import type { ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';
import { ioStateOf, type HttpsPolicy, type IoState } from '../io/io-state.js';
import { requestSync, type SyncHttpOutcome } from '../sync-http/sync-request.js';
import { HashAlg, makeSecretKey, type CreateSecretKeyOptions } from './crypto.js';
import { Encoding } from './encode.js';
import { isSecureString, makeSecureString, revealSecureString } from './secure-string.js';

export const Method = Object.freeze({
  DELETE: 'DELETE',
  GET: 'GET',
  HEAD: 'HEAD',
  PUT: 'PUT',
  POST: 'POST',
  PATCH: 'PATCH',
} as const);

/** Headers NetSuite discards when a script sets them. */
const BLOCKED_HEADERS = new Set(['connection', 'content-length', 'host', 'jsessionid', 'trailer', 'transfer-encoding', 'upgrade', 'via']);

/** Methods whose body NetSuite does not send. */
const BODILESS = new Set(['GET', 'HEAD', 'DELETE']);

export const GOVERNANCE_UNITS = 10;

export interface RequestOptions {
  method: string;
  url: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface ClientResponse {
  readonly code: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Reads a script-given value that may be a SecureString, resolving it for sending. */
function sendable(value: unknown): string {
  return isSecureString(value) ? revealSecureString(value) : String(value);
}

function parseUrl(raw: string, policy: HttpsPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw ioError('SSS_INVALID_URL', 'The URL must be a fully qualified HTTP/HTTPS URL.');
  }
  if (!policy.allowedHosts.includes(url.hostname)) {
    throw ioError(
      'SSS_INVALID_URL',
      `The NetSuite double only calls hosts in its https.allowedHosts (${policy.allowedHosts.join(', ')}): ${url.hostname}`,
    );
  }
  const plainHttpAllowed = url.protocol === 'http:' && policy.allowHttpLoopback && isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !plainHttpAllowed) {
    throw ioError('SSS_INVALID_URL', `The URL must be a fully qualified HTTPS URL (N/https does not call ${url.protocol}// URLs): ${url.origin}`);
  }
  return url;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function formEncode(body: object): string {
  return Object.entries(body)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(sendable(v))}`)
    .join('&');
}

/** The headers as they leave NetSuite: blocked ones dropped, SecureStrings resolved. */
function outgoingHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (BLOCKED_HEADERS.has(name.toLowerCase()) || value === undefined || value === null) continue;
    out[name] = sendable(value);
  }
  return out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

/** NetSuite's default Content-Type by body kind, when the script sets none. */
function outgoingBody(body: unknown, headers: Record<string, string>): Buffer {
  let text: string;
  let contentType: string;
  if (isSecureString(body) || typeof body !== 'object' || body === null) {
    text = sendable(body);
    contentType = 'text/xml; charset=UTF-8';
  } else {
    text = formEncode(body);
    contentType = 'application/x-www-form-urlencoded; charset=UTF-8';
  }
  if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = contentType;
  return Buffer.from(text, 'utf8');
}

/** Response headers as server SuiteScript reads them: lower-case names, the first value of a repeated header. */
function responseHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!(name in headers)) headers[name] = raw[i + 1]!;
  }
  return Object.freeze(headers);
}

function failure(outcome: Exclude<SyncHttpOutcome, { kind: 'response' }>): Error {
  switch (outcome.kind) {
    case 'connect-timeout':
    case 'timeout':
      return ioError('SSS_REQUEST_TIME_EXCEEDED', 'The request could not be completed in the time allowed.');
    case 'refused':
    case 'closed':
      return ioError('SSS_CONNECTION_CLOSED', 'Connection Closed');
    case 'unknown-host':
      return ioError('SSS_UNKNOWN_HOST', 'The host you requested is unknown or cannot be found.');
    case 'bad-certificate':
      return ioError('SSS_INVALID_HOST_CERT', `An untrusted, unsupported, or invalid certificate was found for this host (${outcome.message}).`);
  }
}

/** Sends one request for a script and returns NetSuite's ClientResponse. */
export function sendRequest(ctx: ScriptRunContext, io: IoState, options: RequestOptions): ClientResponse {
  if (options == null || typeof options !== 'object') {
    throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: options');
  }
  const method = String(options.method ?? '').toUpperCase();
  if (!Object.prototype.hasOwnProperty.call(Method, method)) {
    throw ioError('SSS_INVALID_HTTP_METHOD', `Invalid https.Method: ${String(options.method)}`);
  }
  if (options.url === undefined || options.url === null || options.url === '') {
    throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: url');
  }
  ctx.governance.charge(GOVERNANCE_UNITS, `https.${method.toLowerCase()}`);
  const url = parseUrl(sendable(options.url), io.https);
  const headers = outgoingHeaders(options.headers);
  const body = BODILESS.has(method) || options.body === undefined ? undefined : outgoingBody(options.body, headers);
  const outcome = requestSync({
    method,
    url: url.href,
    headers,
    ...(body ? { body } : {}),
    connectTimeoutMs: io.https.connectTimeoutMs,
    totalTimeoutMs: io.https.totalTimeoutMs,
    ...(io.https.trustedCertificates.length ? { ca: io.https.trustedCertificates } : {}),
  });
  const logged = { scriptId: ctx.scriptId, method, url: url.href, headers, body: body?.toString('utf8') ?? '' };
  if (outcome.kind !== 'response') {
    const error = failure(outcome);
    io.outbound.push({ ...logged, result: error.name });
    throw error;
  }
  io.outbound.push({ ...logged, result: outcome.status });
  const response = Object.freeze({
    code: outcome.status,
    headers: responseHeaders(outcome.rawHeaders),
    body: Buffer.from(outcome.body).toString('utf8'),
  });
  return scriptFacing(ctx, response, 'https.ClientResponse');
}

/** Adds NetSuite's `.promise` variant to a blocking function. */
function withPromise<A, R>(fn: (options: A) => R) {
  return Object.assign(fn, {
    promise: (options: A) => new Promise<R>((resolve) => resolve(fn(options))),
  });
}

/** N/https for one script invocation. */
export function createHttpsModule(ctx: ScriptRunContext) {
  const io = ioStateOf(ctx.account);
  const request = (options: RequestOptions) => sendRequest(ctx, io, options);
  const withBody = (method: string) => (options: Omit<RequestOptions, 'method'>) => {
    if (options != null && options.body === undefined) {
      throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: body');
    }
    return request({ ...options, method });
  };
  const module = Object.freeze({
    Method,
    Encoding,
    HashAlg,
    request: withPromise(request),
    get: withPromise((options: Omit<RequestOptions, 'method'>) => request({ ...options, method: 'GET' })),
    delete: withPromise((options: Omit<RequestOptions, 'method'>) => request({ ...options, method: 'DELETE' })),
    post: withPromise(withBody('POST')),
    put: withPromise(withBody('PUT')),
    createSecureString: withPromise((options: { input: string; inputEncoding?: string }) =>
      makeSecureString(io.secrets, options, (value) => scriptFacing(ctx, value, 'https.SecureString')),
    ),
    createSecretKey: withPromise((options: CreateSecretKeyOptions) =>
      makeSecretKey(io.secrets, options, (key) => scriptFacing(ctx, key, 'crypto.SecretKey')),
    ),
  });
  return scriptFacing(ctx, module, 'N/https', false);
}
