// Load drivers: NetSuite's side of the wire (signed requests to the relay, as the SuiteApp sends
// them), either as N callers that each send their next request when the last one is answered
// (closed loop: a CSV import's parallel queue) or as arrivals at a fixed rate whatever the answers
// (open loop: what overload looks like).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { CreateShipmentRequest } from '../../shared/src/contract';
import { CLOCK_SKEW_MS } from '../../relay/src/services/create-shipment';
import { DEFAULT_UTC_OFFSET, localDate } from '../../test/fedex-double/time-format';
import { sampleRequest } from '../../shared/src/test-fixtures';
import { signedHeaders } from '../../test/support/relay-signing';
import { RELAY_SECRET } from './processes';

export interface CallResult {
  status: number;
  /** The relay's error code, when it answered one. */
  code?: string;
  retryAfter?: string;
  /** performance.now() when sent and when answered. */
  sentAt: number;
  answeredAt: number;
  ms: number;
  body?: unknown;
}

/**
 * A shipment request nobody sent before (`key` is its idempotency key), shipping today, as the
 * SuiteApp sends it: `firstAttemptAt` is its Shipment record's creation time, here just now. A
 * relay whose memory began (its idempotency store's epoch) more than the clock-skew margin before
 * that sends it to FedEx without a lookup first (see `waitUntilProvenNew`).
 */
export function shipmentRequest(key: string): CreateShipmentRequest {
  return { ...sampleRequest({ idempotencyKey: key, shipDate: today() }), firstAttemptAt: Date.now() };
}

/**
 * Waits until a relay whose idempotency store began at `epochAt` (ms, at the latest) can prove a
 * request first attempted from now on new: after the epoch plus the clock-skew margin (30 s), as
 * for any relay that has been running a while. Before that, every create is looked up at FedEx
 * by reference first (relay/src/services/create-shipment.ts, rule 2), which is a restart's cost,
 * not the production path a benchmark measures.
 */
export async function waitUntilProvenNew(epochAt: number): Promise<void> {
  const wait = epochAt + CLOCK_SKEW_MS + 1_000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/**
 * Today in the NetSuite account's time zone, which the SuiteApp ships on: the FedEx double's
 * (US Eastern), not this machine's, whose date runs a day ahead in a US evening.
 */
export function today(): string {
  return localDate(Date.now(), DEFAULT_UTC_OFFSET);
}

/**
 * One HTTP request on a new connection, as NetSuite's N/https makes each call (no keep-alive: no
 * reused socket the server may be closing). Never throws: a network failure is status 0.
 */
export function request(url: string, method: string, headers: Record<string, string>, body: string): Promise<{ status: number; headers: IncomingHttpHeaders; text: string; sentAt: number; answeredAt: number; error?: string }> {
  const sentAt = performance.now();
  return new Promise((done) => {
    const req = httpRequest(url, { method, agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), sentAt, answeredAt: performance.now() }));
      res.on('error', (e) => done({ status: 0, headers: {}, text: '', sentAt, answeredAt: performance.now(), error: e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => done({ status: 0, headers: {}, text: '', sentAt, answeredAt: performance.now(), error: `${e.code ?? ''} ${e.message}` }));
    req.end(body);
  });
}

/** POST a signed JSON body to the relay; never throws (a network failure is status 0). */
export async function postSigned(baseUrl: string, path: string, body: unknown, keepBody = false): Promise<CallResult> {
  const text = JSON.stringify(body);
  const res = await request(`${baseUrl}${path}`, 'POST', signedHeaders(RELAY_SECRET, 'POST', path, text), text);
  const timing = { sentAt: res.sentAt, answeredAt: res.answeredAt, ms: res.answeredAt - res.sentAt };
  if (res.error !== undefined) return { status: 0, code: `NETWORK: ${res.error}`, ...timing };
  let parsed: any;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    parsed = undefined;
  }
  const code = parsed?.error?.code as string | undefined;
  const retryAfter = res.headers['retry-after'];
  return { status: res.status, ...timing, ...(code ? { code } : {}), ...(typeof retryAfter === 'string' ? { retryAfter } : {}), ...(keepBody ? { body: parsed } : {}) };
}

/** `callers` concurrent callers send `total` requests in all, each waiting for its answer before the next. */
export async function closedLoop(callers: number, total: number, send: (i: number) => Promise<CallResult>): Promise<CallResult[]> {
  const results: CallResult[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < total) {
        const i = next++;
        results[i] = await send(i);
      }
    }),
  );
  return results;
}

/** Requests arriving at `perSecond`, evenly, for `durationMs`, whether or not earlier ones were answered. */
export async function openLoop(perSecond: number, durationMs: number, send: (i: number) => Promise<CallResult>): Promise<CallResult[]> {
  const total = Math.round((perSecond * durationMs) / 1000);
  const pending: Promise<void>[] = [];
  const results: CallResult[] = [];
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((done) => {
    // A tick every 5 ms sends what is due by now: late timers catch up instead of lowering the rate.
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * perSecond) / 1000) + 1);
      while (sent < due) {
        const i = sent++;
        pending.push(send(i).then((r) => void (results[i] = r)));
      }
      if (sent >= total) {
        clearInterval(timer);
        done();
      }
    }, 5);
  });
  await Promise.all(pending);
  return results;
}
