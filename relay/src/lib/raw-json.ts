// The body the signature middleware kept (exactly the bytes that were signed), parsed as JSON.
import type { Context } from 'hono';
import { RelayError } from '../errors';

export function rawJson(c: Context): unknown {
  try {
    return JSON.parse(c.get('rawBody'));
  } catch {
    throw new RelayError(400, 'INVALID_REQUEST', 'The body is not valid JSON', { fields: [{ path: '', message: 'must be a JSON object' }] });
  }
}
