// Calls the relay from NetSuite: JSON over N/https, signed with HMAC-SHA256 keyed by the API secret
// (the key never enters script memory as plain text: N/crypto resolves it).
import * as crypto from 'N/crypto';
import * as encode from 'N/encode';
import * as https from 'N/https';
import type { RelayErrorBody } from '../../../shared/src/errors';
import { isErrorCode } from '../../../shared/src/errors';
import { RELAY_SECRET_ID } from '../../../shared/src/ids';
import { canonicalString, formatSignature, SIGNATURE_HEADERS } from '../../../shared/src/signing';

export type RelayAnswer<T> =
  | { ok: true; status: number; body: T; durationMs: number }
  | {
      ok: false;
      status: number;
      error: RelayErrorBody['error'];
      durationMs: number;
      /** The SuiteScript error N/https threw when no answer came (status 0): SSS_REQUEST_TIME_EXCEEDED, SSS_CONNECTION_CLOSED... */
      transportError?: string;
      /** True when the answer was the relay's own error body, so its code can be trusted. */
      fromRelay: boolean;
      /** The answer's Retry-After, in seconds (RELAY_OVERLOADED, rate limits). */
      retryAfterSeconds?: number;
      /** False when the request never left NetSuite (refused before sending). */
      sent?: false;
    };

/** A header's value whatever the case of its name (N/https keeps the server's spelling). */
function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((h) => h.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}

/** Retry-After as seconds (delta-seconds form only; an HTTP date is ignored). */
function retryAfterOf(response: https.ClientResponse): number | undefined {
  const value = Number(header(response.headers as Record<string, string>, 'retry-after'));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function nonce(): string {
  let out = '';
  while (out.length < 24) out += Math.random().toString(36).slice(2);
  return out.slice(0, 24);
}

function sign(method: string, path: string, timestamp: string, n: string, body: string): string {
  const key = crypto.createSecretKey({ secret: RELAY_SECRET_ID, encoding: encode.Encoding.UTF_8 });
  const hmac = crypto.createHmac({ algorithm: crypto.HashAlg.SHA256, key });
  hmac.update({ input: canonicalString({ method, path, timestamp, nonce: n, body }), inputEncoding: encode.Encoding.UTF_8 });
  return formatSignature(hmac.digest({ outputEncoding: encode.Encoding.HEX }));
}

/** POSTs `payload` to the relay; never throws for HTTP or network failures, which come back as errors. */
export function postToRelay<T>(relayUrl: string, path: string, payload: unknown): RelayAnswer<T> {
  const body = JSON.stringify(payload);
  const base = relayUrl.replace(/\/+$/, '');
  const basePath = base.replace(/^https?:\/\/[^/]+/, '');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const n = nonce();
  const started = Date.now();
  if (!/^https:\/\//i.test(base)) {
    // NetSuite's N/https calls only https URLs (SSS_INVALID_URL otherwise): a setting to fix, not a retry.
    return { ok: false, status: 0, durationMs: 0, fromRelay: false, sent: false, error: { code: 'CONFIGURATION', retryable: false, message: `The relay URL must start with https:// (NetSuite calls only https): ${base || '(empty)'}` } };
  }
  let response: https.ClientResponse;
  try {
    response = https.post({
      url: base + path,
      body,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        [SIGNATURE_HEADERS.timestamp]: timestamp,
        [SIGNATURE_HEADERS.nonce]: n,
        [SIGNATURE_HEADERS.signature]: sign('POST', basePath + path, timestamp, n, body),
      },
    });
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return {
      ok: false,
      status: 0,
      durationMs: Date.now() - started,
      fromRelay: false,
      ...(err.name ? { transportError: err.name } : {}),
      error: { code: 'RELAY_UNAVAILABLE', retryable: true, message: `No answer from the relay at ${base}: ${err.name ?? 'error'} ${err.message ?? ''}`.trim() },
    };
  }
  const durationMs = Date.now() - started;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    parsed = undefined;
  }
  if (response.code >= 200 && response.code < 300 && parsed !== undefined) return { ok: true, status: response.code, body: parsed as T, durationMs };
  const error = (parsed as Partial<RelayErrorBody> | undefined)?.error;
  const retryAfterSeconds = retryAfterOf(response);
  const retry = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  if (error && isErrorCode(error.code)) return { ok: false, status: response.code, error, durationMs, fromRelay: true, ...retry };
  return {
    ok: false,
    status: response.code,
    durationMs,
    fromRelay: false,
    ...retry,
    error: { code: 'RELAY_UNAVAILABLE', retryable: true, message: `The relay answered HTTP ${response.code} without a relay error body` },
  };
}
