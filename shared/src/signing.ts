// The signing scheme for calls from NetSuite to the relay. NetSuite publishes no outbound IPs and
// signs nothing itself, so the SuiteApp signs each call with an HMAC-SHA256 keyed by an API secret
// (N/crypto) and the relay verifies it (node:crypto). This module only defines the bytes that are
// signed and the rules around them; each side computes the HMAC with its own crypto.

export const SIGNATURE_HEADERS = {
  timestamp: 'x-mlfx-timestamp',
  nonce: 'x-mlfx-nonce',
  signature: 'x-mlfx-signature',
} as const;

/** A request is accepted within this many seconds either side of the relay's clock. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export const SIGNATURE_VERSION = 'v1';

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface SignedParts {
  method: string;
  /** Path and query as sent, e.g. `/v1/shipments`. */
  path: string;
  /** Unix seconds, as a decimal string. */
  timestamp: string;
  nonce: string;
  /** The exact body bytes as a UTF-8 string ('' for none). */
  body: string;
}

/** The string both sides feed to HMAC-SHA256. Binds method, path, time, nonce and body. */
export function canonicalString(parts: SignedParts): string {
  return [SIGNATURE_VERSION, parts.timestamp, parts.nonce, parts.method.toUpperCase(), parts.path, parts.body].join('\n');
}

export function formatSignature(hexDigest: string): string {
  return `${SIGNATURE_VERSION}=${hexDigest.toLowerCase()}`;
}

/** The hex digest from a signature header, or undefined when the header is not ours. */
export function parseSignature(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const m = /^v1=([0-9a-f]{64})$/.exec(header.trim());
  return m ? m[1] : undefined;
}

export function timestampWithinWindow(timestamp: string, nowSeconds: number, windowSeconds = SIGNATURE_WINDOW_SECONDS): boolean {
  if (!/^[0-9]{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowSeconds - Number(timestamp)) <= windowSeconds;
}
