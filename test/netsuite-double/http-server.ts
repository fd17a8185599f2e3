// The account's own HTTP endpoints on 127.0.0.1: RESTlets (restlet.nl), Suitelets (scriptlet.nl)
// and File Cabinet media (media.nl), so tests and other processes (the relay) can call the account
// over real HTTP. While it listens, N/url resolves every domain to it.
//
// THREADING: the server runs on the thread that called listen(), and it runs scripts on that
// thread's event loop, synchronously, one request at a time. A script served here must therefore
// not call back into this same server through N/https: the call blocks the thread the server
// needs to answer, and ends in SSS_REQUEST_TIME_EXCEEDED. (Calls to servers in other processes
// or threads, such as the relay or the FedEx double, are fine.)
//
// AUTHENTICATION is a hook (`authenticate`). The default accepts exactly one header value,
// `Authorization: <server.testAuthorization>` (a random bearer token made at listen time), so a
// test must show it means to be authenticated; pass `authenticate: allowAll` to open everything,
// or a hook of its own, such as ns.auth.authenticator() (OAuth 2.0 M2M bearer tokens and TBA, see
// auth/index.ts; the facade also serves the OAuth 2.0 token endpoint through `endpoints`). Media of files marked isOnline ("Available Without
// Login") and Suitelet deployments marked isonline, called with their external URL, need none.
// A browser logs in instead: server.login({ entity, role }) makes a JSESSIONID session
// (ui/sessions.ts); a Suitelet or media request carrying its cookie is that employee with that
// role, and the Suitelet runs as them (runtime.getCurrentUser() gives their role).
// After authentication, the deployment's status and audience decide whether the caller (the entity
// and role the authenticator reports) may run it: script-access.ts.
//
// LIMITS: RESTlet requests in flight per account are capped (`concurrencyLimit`); over it the
// answer is HTTP 400 with SSS_REQUEST_LIMIT_EXCEEDED, as NetSuite answers RESTlets. Because scripts
// run one at a time here, tests fill the other slots with occupySlots(n), as other integrations
// would. setUnavailable(true) answers 503 to everything, for outage tests.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AccountServices, InvocationResult } from './types.js';
import { inScriptRealm, ioError, scriptFacing } from './io/errors.js';
import { FILE_TYPES, isFileType } from './io/file-cabinet.js';
import { ioStateOf, type IoState } from './io/io-state.js';
import { findDeployment, findScript, type DeploymentView, type ScriptView } from './io/scripts.js';
import { resolveScriptUrl } from './modules/url.js';
import { Account } from './account.js';
import { checkScriptAccess } from './script-access.js';
import { renderForm } from './ui/render-page.js';
import { formModelOf } from './ui/server-widget.js';
import { roleInfo, SESSION_COOKIE, SessionStore, sessionUser, type Session, type SessionLogin } from './ui/sessions.js';

/** What an authenticator sees of a request (enough to verify OAuth 2.0 bearer tokens or TBA signatures). */
export interface InboundRequest {
  kind: 'restlet' | 'suitelet' | 'media';
  method: string;
  /** Full URL as the client addressed it (http://127.0.0.1:<port>/app/site/hosting/…?…). */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type AuthDecision =
  /** `entity` and `role`: who logged in (undefined: the test's administrator session). */
  | { ok: true; entity?: string; role?: string }
  /** `headers`: extra response headers, e.g. NetSuite's WWW-Authenticate on a refused token. */
  | { ok: false; status?: 401 | 403; code?: string; message?: string; headers?: Record<string, string> };
export type Authenticator = (request: InboundRequest) => AuthDecision;

/** Accepts every request: for tests about something other than authentication. */
export const allowAll: Authenticator = () => ({ ok: true });

/** Accepts only `Authorization: <value>`. */
export function requireAuthorization(value: string): Authenticator {
  return (request) =>
    request.headers.authorization === value ? { ok: true } : { ok: false, status: 401, code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' };
}

/** What an endpoint of `ListenOptions.endpoints` sees (its path is fixed, so no kind). */
export type EndpointRequest = Omit<InboundRequest, 'kind'>;
export interface EndpointResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}
/** Serves one exact path (e.g. the OAuth 2.0 token endpoint, auth/token-endpoint.ts); may be async. */
export type Endpoint = (request: EndpointRequest) => EndpointResponse | Promise<EndpointResponse>;

export interface ListenOptions {
  /** Default 0: any free port. */
  port?: number;
  /**
   * Further endpoints by exact path, served before RESTlets, Suitelets and media, without
   * `authenticate` and outside the RESTlet concurrency limit: they authenticate on their own
   * (the facade adds the OAuth 2.0 token endpoint here).
   */
  endpoints?: Record<string, Endpoint>;
  /** Default: requireAuthorization(server.testAuthorization). */
  authenticate?: Authenticator;
  /** Simultaneous RESTlet requests the account accepts (NetSuite: e.g. 15 with one SuiteCloud Plus licence). Default 15. */
  concurrencyLimit?: number;
}

export interface AccountServer {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** The Authorization header value the default authenticator accepts. */
  readonly testAuthorization: string;
  /** Makes the account answer 503 to everything (an outage), or normal again. */
  setUnavailable(unavailable: boolean): void;
  /** Counts `n` RESTlet requests as in flight elsewhere; returns the function that frees them. */
  occupySlots(n: number): () => void;
  /** Absolute URL of a RESTlet or Suitelet deployment. */
  scriptUrl(scriptId: string, deploymentId: string, params?: Record<string, unknown>): string;
  /** RESTlet requests being received or served now (occupied slots not included). */
  readonly inFlight: number;
  /** Requests served, by kind, and RESTlet requests refused for the concurrency limit. */
  readonly stats: { restlet: number; suitelet: number; media: number; refusedForLimit: number };
  /**
   * Logs a person in, as NetSuite's login page would: a session for one employee and role. Send
   * `cookie` as the Cookie header (or give name/value to a browser) on Suitelet and media requests.
   */
  login(login?: SessionLogin): { name: string; value: string; cookie: string };
  /** Ends a session (its cookie no longer logs anyone in). */
  logout(sessionId: string): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Starts the account's HTTP server on 127.0.0.1. */
export async function listen(account: AccountServices, options: ListenOptions = {}): Promise<AccountServer> {
  const io = ioStateOf(account);
  if (io.serverOrigin) throw new Error(`NetSuite double: the account already listens on ${io.serverOrigin}`);
  const testAuthorization = `Bearer nsdouble-${randomBytes(16).toString('hex')}`;
  const authenticate = options.authenticate ?? requireAuthorization(testAuthorization);
  const limit = options.concurrencyLimit ?? 15;
  const stats = { restlet: 0, suitelet: 0, media: 0, refusedForLimit: 0 };
  const sessions = new SessionStore();
  let unavailable = false;
  let occupied = 0;
  let inFlight = 0;

  const server = createServer((req, res) => {
    // The URL as the client addressed it (host and port included), as a TBA signature covers it.
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (unavailable) return send(res, 503, 'text/html; charset=UTF-8', '<html><body>NetSuite is temporarily unavailable.</body></html>');
    const endpoint = Object.hasOwn(options.endpoints ?? {}, url.pathname) ? options.endpoints?.[url.pathname] : undefined;
    if (endpoint) return serveEndpoint(endpoint, req, url, res);
    const kind = routeOf(url.pathname);
    if (!kind) return send(res, 404, 'text/plain', 'Not Found');
    if (kind === 'restlet') {
      if (inFlight + occupied >= limit) {
        stats.refusedForLimit++;
        return sendRestletError(res, 400, 'application/json', 'SSS_REQUEST_LIMIT_EXCEEDED', 'Request limit exceeded. Please try again later.');
      }
      inFlight++;
      res.once('close', () => inFlight--);
    }
    readBody(req)
      .then((body) => {
        const inbound: InboundRequest = { kind, method: (req.method ?? 'GET').toUpperCase(), url, headers: req.headers, body };
        stats[kind]++;
        const session = kind === 'restlet' ? undefined : sessions.fromCookieHeader(req.headers.cookie);
        if (kind === 'restlet') serveRestlet(account, inbound, authenticate, res);
        else if (kind === 'suitelet') serveSuitelet(account, io, inbound, authenticate, res, session);
        else serveMedia(io, inbound, authenticate, res, session);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 400, 'text/plain', String((error as Error)?.message ?? error));
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  io.serverOrigin = origin;

  return {
    port,
    origin,
    testAuthorization,
    stats,
    get inFlight() {
      return inFlight;
    },
    setUnavailable: (value) => {
      unavailable = value;
    },
    occupySlots(n) {
      occupied += n;
      let released = false;
      return () => {
        if (!released) occupied -= n;
        released = true;
      };
    },
    login(login) {
      if (!(account instanceof Account)) throw new Error('NetSuite double: login needs a full account (createNetSuiteDouble)');
      const session = sessions.login(account, login);
      return { name: SESSION_COOKIE, value: session.id, cookie: `${SESSION_COOKIE}=${session.id}` };
    },
    logout: (sessionId) => sessions.logout(sessionId),
    scriptUrl: (scriptId, deploymentId, params) =>
      resolveScriptUrl(account, io, { scriptId, deploymentId, ...(params ? { params } : {}), returnExternalUrl: true }),
    close: () =>
      new Promise<void>((resolve) => {
        if (io.serverOrigin === origin) io.serverOrigin = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function routeOf(pathname: string): InboundRequest['kind'] | undefined {
  if (pathname === '/app/site/hosting/restlet.nl') return 'restlet';
  if (pathname === '/app/site/hosting/scriptlet.nl') return 'suitelet';
  if (pathname === '/core/media/media.nl') return 'media';
  return undefined;
}

function serveEndpoint(endpoint: Endpoint, req: IncomingMessage, url: URL, res: ServerResponse): void {
  readBody(req)
    .then((body) => endpoint({ method: (req.method ?? 'GET').toUpperCase(), url, headers: req.headers, body }))
    .then((answer) => send(res, answer.status, answer.headers?.['Content-Type'] ?? 'application/json; charset=UTF-8', answer.body, answer.headers))
    .catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String((error as Error)?.message ?? error));
    });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('Request body exceeds 10 MB'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, ...headers });
  res.end(body);
}

/** NetSuite's RESTlet error body: JSON {"error": {code, message}}, or two text lines for text/plain. */
function sendRestletError(res: ServerResponse, status: number, contentType: string, code: string, message: string, headers: Record<string, string> = {}): void {
  if (contentType.startsWith('text/plain')) {
    return send(res, status, 'text/plain; charset=UTF-8', `error code: ${code}\nerror message: ${message}`, headers);
  }
  send(res, status, 'application/json; charset=UTF-8', JSON.stringify({ error: { code, message } }), headers);
}

/** The script and deployment a URL's script= / deploy= name (internal id, number or script id). */
function lookupDeployment(account: AccountServices, url: URL, scriptType: ScriptView['scriptType']): { script: ScriptView; deployment: DeploymentView } | undefined {
  const script = findScript(account, url.searchParams.get('script') ?? '');
  const deployment = script && findDeployment(script, url.searchParams.get('deploy') ?? '');
  if (!script || !deployment || script.scriptType !== scriptType || !deployment.isdeployed || script.isinactive) return undefined;
  return { script, deployment };
}

/** Status and audience of the deployment against the caller (script-access.ts), when the account models them. */
function accessRefusal(account: AccountServices, target: { script: ScriptView; deployment: DeploymentView }, auth: AuthDecision & { ok: true }, restlet: boolean) {
  if (!(account instanceof Account)) return undefined;
  const script = account.sdf.scripts.get(target.script.scriptid);
  const deployment = script?.deployments.find((d) => d.scriptid === target.deployment.scriptid);
  if (!script || !deployment) return undefined;
  return checkScriptAccess(account, script, deployment, { entity: auth.entity, role: auth.role }, { restlet });
}

/** name/message of what a script threw; plain JS errors become JS_EXCEPTION, as NetSuite reports them. */
function thrownCode(error: unknown): { code: string; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; type?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const name = typeof e.name === 'string' ? e.name : 'Error';
  if (typeof e.type === 'string' && e.type.startsWith('error.')) return { code: name, message };
  return { code: 'JS_EXCEPTION', message: `${name} ${message}` };
}

const RESTLET_ENTRY_POINTS: Record<string, string> = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' };

function serveRestlet(account: AccountServices, request: InboundRequest, authenticate: Authenticator, res: ServerResponse): void {
  const requestType = String(request.headers['content-type'] ?? 'application/json').toLowerCase();
  const json = requestType.startsWith('application/json');
  const responseType = json ? 'application/json; charset=UTF-8' : 'text/plain; charset=UTF-8';
  const auth = authenticate(request);
  if (!auth.ok) return sendRestletError(res, auth.status ?? 401, responseType, auth.code ?? 'INVALID_LOGIN_ATTEMPT', auth.message ?? 'Invalid login attempt.', auth.headers);
  const target = lookupDeployment(account, request.url, 'Restlet');
  if (!target) return sendRestletError(res, 400, responseType, 'SSS_INVALID_SCRIPTLET_ID', 'That Suitelet is invalid, disabled, or no longer exists.');
  const refusal = accessRefusal(account, target, auth, true);
  if (refusal) return sendRestletError(res, refusal.status, responseType, refusal.code, refusal.message);
  const entryPoint = RESTLET_ENTRY_POINTS[request.method];
  if (!entryPoint) return sendRestletError(res, 405, responseType, 'METHOD_NOT_ALLOWED', `${request.method} is not supported by RESTlets.`);

  let arg: unknown;
  if (entryPoint === 'get' || entryPoint === 'delete') {
    if (request.body.length > 0) return sendRestletError(res, 400, responseType, 'INVALID_REQUEST', `A ${request.method} request cannot have a body.`);
    arg = Object.fromEntries(request.url.searchParams);
  } else if (json) {
    try {
      arg = request.body.length === 0 ? {} : JSON.parse(request.body.toString('utf8'));
    } catch (error) {
      return sendRestletError(res, 400, responseType, 'SYNTAX_ERROR', `SyntaxError: ${(error as Error).message}`);
    }
  } else if (requestType.startsWith('text/plain')) {
    arg = request.body.toString('utf8');
  } else {
    return sendRestletError(res, 415, 'application/json; charset=UTF-8', 'INVALID_CONTENT_TYPE', `Unsupported Content-Type: ${requestType}`);
  }

  const result: InvocationResult = account.runEntryPoint({
    scriptId: target.script.scriptid,
    deploymentId: target.deployment.scriptid,
    entryPoint,
    args: (scope) => [inScriptRealm(scope.ctx, arg)],
    executionContext: 'RESTLET',
    label: request.method,
  });
  if (result.outcome === 'missing-entry-point') {
    return sendRestletError(res, 405, responseType, 'METHOD_NOT_ALLOWED', `The RESTlet has no ${entryPoint} function.`);
  }
  if (result.outcome === 'threw') {
    const { code, message } = thrownCode(result.error);
    return sendRestletError(res, 400, responseType, code, message);
  }
  const value = result.value;
  const body = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  send(res, 200, responseType, body);
}

/** Suitelet response headers a script may not set (NetSuite throws SSS_INVALID_HEADER). */
const BLOCKED_SUITELET_HEADERS = new Set(
  ['allow', 'content-location', 'content-md5', 'content-range', 'date', 'location', 'proxy-authenticate', 'public-key-pins', 'public-key-pins-report-only', 'retry-after', 'server', 'strict-transport-security', 'upgrade-insecure-requests', 'warning', 'www-authenticate', 'connection', 'content-length', 'host', 'jsessionid', 'trailer', 'transfer-encoding', 'upgrade', 'via'],
);

function titleCase(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function serveSuitelet(account: AccountServices, io: IoState, request: InboundRequest, authenticate: Authenticator, res: ServerResponse, session: Session | undefined): void {
  const target = lookupDeployment(account, request.url, 'Suitelet');
  if (!target) return send(res, 400, 'text/html; charset=UTF-8', '<html><body>SSS_INVALID_SCRIPTLET_ID: That Suitelet is invalid, disabled, or no longer exists.</body></html>');
  const raw = target.deployment.raw ?? {};
  const withoutLogin = (raw.isonline === true || raw.isonline === 'T') && request.url.searchParams.get('compid')?.toLowerCase() === io.accountId.toLowerCase();
  const refusalPage = (r: { status: number; code: string; message: string }) => send(res, r.status, 'text/html; charset=UTF-8', `<html><body>${escapeHtml(r.code)}: ${escapeHtml(r.message)}</body></html>`);
  if (withoutLogin) {
    // Available Without Login: no user, so no audience; the deployment must be Released.
    if (String(target.deployment.status).toUpperCase() !== 'RELEASED') return refusalPage({ status: 400, code: 'SSS_INVALID_SCRIPTLET_ID', message: 'That Suitelet is invalid, disabled, or no longer exists.' });
  } else {
    const auth: AuthDecision = session ? { ok: true, entity: session.entity, role: session.role } : authenticate(request);
    if (!auth.ok) return send(res, auth.status ?? 401, 'text/html; charset=UTF-8', `<html><body>${auth.code ?? 'INVALID_LOGIN_ATTEMPT'}</body></html>`);
    const refusal = accessRefusal(account, target, auth, false);
    if (refusal) return refusalPage(refusal);
  }
  // Who the page is for: the session's employee and role, else the test's UI user.
  const user = session && account instanceof Account ? sessionUser(account, session) : undefined;

  const contentType = String(request.headers['content-type'] ?? '');
  const parameters: Record<string, string> = Object.fromEntries(request.url.searchParams);
  const bodyText = request.body.toString('utf8');
  if (contentType.startsWith('application/x-www-form-urlencoded')) Object.assign(parameters, Object.fromEntries(new URLSearchParams(bodyText)));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    headers[name] = text;
    headers[titleCase(name)] = text;
  }

  const out = { status: 200, headers: new Map<string, { name: string; values: string[] }>(), chunks: [] as Buffer[] };
  const setHeader = (name: string, value: string, append: boolean) => {
    if (BLOCKED_SUITELET_HEADERS.has(String(name).toLowerCase())) throw ioError('SSS_INVALID_HEADER', `The header ${name} cannot be set.`);
    const key = String(name).toLowerCase();
    const existing = out.headers.get(key);
    out.headers.set(key, { name: String(name), values: append && existing ? [...existing.values, String(value)] : [String(value)] });
  };
  const serverRequest = Object.freeze({
    method: request.method,
    url: request.url.href,
    parameters: Object.freeze(parameters), // plain data: a missing parameter reads undefined
    body: bodyText,
    headers: Object.freeze(headers),
    clientIpAddress: '127.0.0.1',
    files: Object.freeze({}),
    getLineCount: () => -1,
    getSublistValue: () => null,
  });
  const serverResponse = Object.freeze({
    get headers() {
      return Object.fromEntries([...out.headers.values()].map((h) => [h.name, h.values.join(', ')]));
    },
    write(options: string | { output: string }) {
      out.chunks.push(Buffer.from(String(typeof options === 'object' && options !== null ? options.output : options), 'utf8'));
    },
    writeLine(options: { output: string }) {
      out.chunks.push(Buffer.from(`${String(options?.output ?? '')}\n`, 'utf8'));
    },
    writeFile(options: { file: { fileType: string; name: string; getContents(): string }; isInline?: boolean }) {
      const file = options?.file;
      if (!file || typeof file.getContents !== 'function' || !isFileType(file.fileType)) throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: file');
      const type = FILE_TYPES[file.fileType];
      const contents = file.getContents();
      out.chunks.push(type.binary ? Buffer.from(contents, 'base64') : Buffer.from(contents, 'utf8'));
      if (!out.headers.has('content-type')) out.headers.set('content-type', { name: 'Content-Type', values: [type.binary ? type.mime : `${type.mime}; charset=UTF-8`] });
      out.headers.set('content-disposition', { name: 'Content-Disposition', values: [`${options.isInline ? 'inline' : 'attachment'}; filename="${file.name}"`] });
    },
    writePage(options: unknown) {
      // Help: ServerResponse.writePage(options): options.pageObject, a serverWidget Form (the form itself is accepted too).
      const given = typeof options === 'object' && options !== null && 'pageObject' in options ? (options as { pageObject: unknown }).pageObject : options;
      const form = formModelOf(given);
      if (!form) throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: pageObject (a serverWidget.Form)');
      const current = user ?? (account instanceof Account ? { ...account.currentUser, roleName: roleInfo(account, account.currentUser.roleId).name } : undefined);
      const page = renderForm(form, {
        action: request.url.pathname + request.url.search,
        accountId: io.accountId,
        userName: current?.name ?? '',
        roleName: current?.roleName ?? '',
        ...(account instanceof Account ? { recordText: (source: string, id: string) => recordText(account, source, id) } : {}),
      });
      out.chunks.push(Buffer.from(page, 'utf8'));
    },
    setHeader: (options: { name: string; value: string }) => setHeader(options?.name, options?.value, false),
    addHeader: (options: { name: string; value: string }) => setHeader(options?.name, options?.value, true),
    getHeader: (options: { name: string }) => out.headers.get(String(options?.name).toLowerCase())?.values.join(', '),
    setCdnCacheable: () => undefined,
  });

  const run = (req: Parameters<AccountServices['runEntryPoint']>[0]) => (user && account instanceof Account ? account.runEntryPoint(req, { user }) : account.runEntryPoint(req));
  const result = run({
    scriptId: target.script.scriptid,
    deploymentId: target.deployment.scriptid,
    entryPoint: 'onRequest',
    args: (scope) => [
      Object.freeze({
        request: scriptFacing(scope.ctx, serverRequest, 'http.ServerRequest'),
        response: scriptFacing(scope.ctx, serverResponse, 'http.ServerResponse'),
      }),
    ],
    executionContext: 'SUITELET',
    label: request.method,
  });
  if (result.outcome !== 'returned') {
    const { code, message } = result.outcome === 'threw' ? thrownCode(result.error) : { code: 'SSS_MISSING_ENTRY_POINT', message: 'The Suitelet has no onRequest function.' };
    return send(res, 500, 'text/html; charset=UTF-8', `<html><body><h1>An unexpected SuiteScript error has occurred</h1><p>${escapeHtml(code)}: ${escapeHtml(message)}</p></body></html>`);
  }
  const responseHeaders: Record<string, string> = { 'Content-Type': 'text/html; charset=UTF-8' };
  for (const { name, values } of out.headers.values()) {
    if (name.toLowerCase() === 'content-type') delete responseHeaders['Content-Type'];
    responseHeaders[name] = values.join(', ');
  }
  res.writeHead(out.status, responseHeaders);
  res.end(Buffer.concat(out.chunks));
}

/** Display text of a record a SELECT field points at (its name, tranid, entityid). */
function recordText(account: Account, source: string, id: string): string | undefined {
  const record = account.repo.findReferenced(source, id) ?? account.repo.get(source, id);
  if (!record) return undefined;
  return account.repo.typeDef(record.type, (n, m) => new Error(`${n}: ${m}`)).displayName(record);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function serveMedia(io: IoState, request: InboundRequest, authenticate: Authenticator, res: ServerResponse, session: Session | undefined): void {
  const id = Number(request.url.searchParams.get('id'));
  const file = Number.isInteger(id) ? io.files.find(id) : undefined;
  const accountOk = (request.url.searchParams.get('c') ?? '').toLowerCase() === io.accountId.toLowerCase();
  if (!file || !accountOk || request.url.searchParams.get('h') !== file.hash) return send(res, 404, 'text/plain', 'Not Found');
  if (!file.isOnline && !session) {
    const auth = authenticate(request);
    if (!auth.ok) return send(res, auth.status ?? 401, 'text/plain', 'Login required: the file is not available without login.');
  }
  const type = FILE_TYPES[file.fileType];
  send(res, 200, type.binary ? type.mime : `${type.mime}; charset=UTF-8`, Buffer.from(file.bytes), {
    'Content-Disposition': `inline; filename="${file.name}"`,
  });
}
