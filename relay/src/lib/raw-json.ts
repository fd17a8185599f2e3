// The body the signature middleware kept (exactly the bytes that were signed), parsed as JSON.
// Nesting is bounded: the wire contract is a few levels deep, and deeper input (a 10,000-level
// "extra field") would overflow the stack of any recursive code after it. Refused with 400.
import type { Context } from 'hono';
import { RelayError } from '../errors';

/** The contract's deepest path is about 5 levels; FedEx webhook pushes about 10. */
export const MAX_JSON_DEPTH = 32;

export function rawJson(c: Context, maxDepth = MAX_JSON_DEPTH): unknown {
  let value: unknown;
  try {
    value = JSON.parse(c.get('rawBody'));
  } catch {
    throw new RelayError(400, 'INVALID_REQUEST', 'The body is not valid JSON', { fields: [{ path: '', message: 'must be a JSON object' }] });
  }
  if (depthExceeds(value, maxDepth)) {
    throw new RelayError(400, 'INVALID_REQUEST', `The body is nested deeper than ${maxDepth} levels`, { fields: [{ path: '', message: `must not nest deeper than ${maxDepth} levels` }] });
  }
  return value;
}

/** Iterative (a recursive check would itself overflow on the input it guards against). */
export function depthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
