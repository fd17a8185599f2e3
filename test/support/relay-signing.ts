// Signs requests to the relay as the SuiteApp does (with node:crypto instead of N/crypto).
import { createHmac, randomBytes } from 'node:crypto';
import { canonicalString, formatSignature, SIGNATURE_HEADERS } from '../../shared/src/signing';

export function signedHeaders(secret: string, method: string, path: string, body: string, opts: { nowMs?: number; nonce?: string } = {}): Record<string, string> {
  const timestamp = String(Math.floor((opts.nowMs ?? Date.now()) / 1000));
  const nonce = opts.nonce ?? randomBytes(12).toString('hex');
  const digest = createHmac('sha256', secret).update(canonicalString({ method, path, timestamp, nonce, body }), 'utf8').digest('hex');
  return {
    'content-type': 'application/json',
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: formatSignature(digest),
  };
}
