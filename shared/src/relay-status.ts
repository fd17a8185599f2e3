// What the admin console says about the relay, worked out from what the relay answered (pure: the
// SuiteApp makes the calls). Readiness comes from GET /readyz (older relays: only /health), the
// FedEx token and the limiter queue from GET /metrics (Prometheus text), the signature check from a
// signed POST /v1/ping. Anything a relay does not report reads "unknown" with the reason, never a
// guess: a relay without /readyz or /metrics is still a working relay.
import type { PingResponse } from './contract';
import type { RelayErrorBody } from './errors';
import { SIGNATURE_WINDOW_SECONDS } from './signing';

/** Unsigned GETs the console makes (a load balancer's probes; they carry no business data). */
export const RELAY_STATUS_PATHS = {
  readiness: '/readyz',
  /** Liveness, answered by every relay version. */
  liveness: '/health',
  metrics: '/metrics',
} as const;

/** The Prometheus series the console reads from /metrics (the relay's exporter must use these names). */
export const RELAY_METRICS = {
  /** Gauge: FedEx calls waiting for a turn in the relay's rate limiter now. */
  limiterQueueDepth: 'mlfx_relay_limiter_queue_depth',
  /** Gauge: seconds until the relay's cached FedEx OAuth token expires; 0 or absent: none cached. */
  fedexTokenExpiresInSeconds: 'mlfx_relay_fedex_token_expires_in_seconds',
} as const;

/** One HTTP call's outcome: an answer, or why none came. */
export type Probe = { status: number; body: string } | { error: string };

export interface RelayStatusView {
  /** "Yes (HTTP 200, 35 ms)", "No: …", "Not configured". */
  reachable: string;
  reachableOk: boolean;
  /** "Ready" / "Not ready: redis: …" / "unknown: …". */
  readiness: string;
  fedexToken: string;
  limiterQueue: string;
}

const UNKNOWN_METRICS = 'unknown (this relay has no /metrics yet)';

/** Sum of every sample of each metric name (labels ignored), from Prometheus text exposition. */
export function parsePrometheus(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[3]);
    if (!Number.isFinite(value)) continue;
    const name = match[1] as string;
    out[name] = (out[name] ?? 0) + value;
  }
  return out;
}

function isAnswer(p: Probe | undefined): p is { status: number; body: string } {
  return p !== undefined && 'status' in p;
}

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Readiness from /readyz's `{ ready, checks: { name: 'ok' | problem } }`. */
function readiness(readyz: Probe | undefined): { text: string; checks: Record<string, string> } {
  if (!isAnswer(readyz)) return { text: 'unknown (no answer)', checks: {} };
  if (readyz.status === 404) return { text: 'unknown (this relay has no /readyz yet; /health answers)', checks: {} };
  const body = json(readyz.body) as { ready?: unknown; checks?: Record<string, unknown> } | undefined;
  const checks: Record<string, string> = {};
  for (const [name, state] of Object.entries(body?.checks ?? {})) checks[name] = String(state);
  const list = Object.entries(checks).map(([name, state]) => `${name}: ${state}`).join('; ');
  if (readyz.status === 200 && body?.ready === true) return { text: list ? `Ready (${list})` : 'Ready', checks };
  if (readyz.status === 503 || body?.ready === false) {
    const problems = Object.entries(checks).filter(([, state]) => state !== 'ok').map(([name, state]) => `${name}: ${state}`).join('; ');
    return { text: `Not ready: ${problems || `HTTP ${readyz.status}`}`, checks };
  }
  return { text: `unknown (HTTP ${readyz.status} from /readyz)`, checks };
}

function minutes(seconds: number): string {
  return seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`;
}

export function describeRelayStatus(probes: { relayUrl?: string; readyz?: Probe; health?: Probe; metrics?: Probe; durationMs?: number }): RelayStatusView {
  if (!probes.relayUrl) {
    const none = 'unknown (no relay URL)';
    return { reachable: 'Not configured: set the Relay URL on the FedEx Connector Settings record', reachableOk: false, readiness: none, fedexToken: none, limiterQueue: none };
  }
  // A relay without /readyz answers it 404: its /health says whether it is up.
  const answered = [isAnswer(probes.readyz) && probes.readyz.status === 404 ? undefined : probes.readyz, probes.health].find(isAnswer) ?? [probes.readyz].find(isAnswer);
  if (!answered) {
    const why = [probes.readyz, probes.health].map((p) => (p && 'error' in p ? p.error : undefined)).find(Boolean) ?? 'no answer';
    const none = 'unknown (relay unreachable)';
    return { reachable: `No: ${why}`, reachableOk: false, readiness: none, fedexToken: none, limiterQueue: none };
  }
  const alive = answered.status >= 200 && answered.status < 500;
  const reachable = `${alive ? 'Yes' : 'Answers, with errors'} (HTTP ${answered.status}${probes.durationMs !== undefined ? `, ${probes.durationMs} ms` : ''})`;
  const ready = readiness(probes.readyz);
  const metrics = isAnswer(probes.metrics) && probes.metrics.status === 200 ? parsePrometheus(probes.metrics.body) : undefined;
  // A relay with RELAY_METRICS_TOKEN closes /metrics to unauthenticated readers such as this one.
  const unknownMetrics = isAnswer(probes.metrics) && (probes.metrics.status === 401 || probes.metrics.status === 403) ? "unknown (the relay's /metrics needs its RELAY_METRICS_TOKEN)" : UNKNOWN_METRICS;

  let fedexToken = unknownMetrics;
  const expiresIn = metrics?.[RELAY_METRICS.fedexTokenExpiresInSeconds];
  const tokenCheck = Object.entries(ready.checks).find(([name]) => /token|fedex/i.test(name));
  if (expiresIn !== undefined) fedexToken = expiresIn > 0 ? `Cached, expires in ${minutes(expiresIn)}` : 'None cached (the next FedEx call fetches one)';
  else if (tokenCheck) fedexToken = tokenCheck[1] === 'ok' ? 'Obtainable (readiness check ok)' : `Problem: ${tokenCheck[1]}`;
  else if (metrics) fedexToken = `unknown (/metrics has no ${RELAY_METRICS.fedexTokenExpiresInSeconds})`;

  const depth = metrics?.[RELAY_METRICS.limiterQueueDepth];
  const limiterQueue = depth !== undefined ? `${depth} call(s) waiting for a FedEx turn` : metrics ? `unknown (/metrics has no ${RELAY_METRICS.limiterQueueDepth})` : unknownMetrics;
  return { reachable, reachableOk: alive, readiness: ready.text, fedexToken, limiterQueue };
}

/** A signed call's outcome, as the SuiteApp's relay client gives it. */
export type SignedAnswer = { ok: true; status: number; body: PingResponse; durationMs: number } | { ok: false; status: number; error: RelayErrorBody['error']; durationMs: number };

export interface SignatureCheck {
  ok: boolean;
  title: string;
  message: string;
}

/** What the console's Test Connection found. `nowMs`: NetSuite's clock when the answer came. */
export function describeSignatureCheck(answer: SignedAnswer, nowMs: number): SignatureCheck {
  if (answer.ok) {
    const relayMs = Date.parse(answer.body.relayTime);
    const skew = Number.isFinite(relayMs) ? Math.round((relayMs - nowMs) / 1000) : undefined;
    const clock = skew === undefined ? '' : Math.abs(skew) <= 2 ? ' Clocks agree.' : ` The relay's clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} NetSuite's (signatures allow ${SIGNATURE_WINDOW_SECONDS} s).`;
    return { ok: true, title: 'Connection works', message: `The relay accepted a signed call: NetSuite's API secret matches the relay's RELAY_SHARED_SECRET (round trip ${answer.durationMs} ms).${clock}` };
  }
  const err = answer.error;
  if (err.code === 'BAD_SIGNATURE') {
    return {
      ok: false,
      title: 'Signature refused',
      message: `The relay refused the signed call (HTTP ${answer.status}): the API secret custsecret_mlfx_relay_hmac differs from the relay's RELAY_SHARED_SECRET, or NetSuite's and the relay's clocks differ by more than ${SIGNATURE_WINDOW_SECONDS} s. The relay's log says which.`,
    };
  }
  if (answer.status === 404 && err.code === 'INVALID_REQUEST') {
    // The signature check guards every /v1/ route before routing: a 404 from it means it passed.
    return { ok: true, title: 'Connection works', message: `The relay accepted the signature (this relay version has no /v1/ping, so it answered 404 after checking it; round trip ${answer.durationMs} ms).` };
  }
  return { ok: false, title: 'Relay not reached', message: `${err.message} (${err.code}${answer.status ? `, HTTP ${answer.status}` : ''})` };
}
