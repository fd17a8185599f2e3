import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalString, formatSignature, parseSignature, timestampWithinWindow } from './signing';

describe('signing scheme', () => {
  it('binds method, path, time, nonce and body', () => {
    const parts = { method: 'post', path: '/v1/shipments', timestamp: '1764000000', nonce: 'abcdefghijklmnop', body: '{"a":1}' };
    expect(canonicalString(parts)).toBe('v1\n1764000000\nabcdefghijklmnop\nPOST\n/v1/shipments\n{"a":1}');
    expect(canonicalString({ ...parts, body: '{"a":2}' })).not.toBe(canonicalString(parts));
  });

  it('round-trips a signature header and refuses anything else', () => {
    const hex = createHmac('sha256', 'k').update('x').digest('hex');
    expect(parseSignature(formatSignature(hex))).toBe(hex);
    expect(parseSignature('v2=' + hex)).toBeUndefined();
    expect(parseSignature('v1=xyz')).toBeUndefined();
    expect(parseSignature(undefined)).toBeUndefined();
  });

  it('accepts timestamps within five minutes only', () => {
    expect(timestampWithinWindow('1000', 1300)).toBe(true);
    expect(timestampWithinWindow('1000', 1301)).toBe(false);
    expect(timestampWithinWindow('1301', 1000)).toBe(false);
    expect(timestampWithinWindow('1e3', 1000)).toBe(false);
  });
});
