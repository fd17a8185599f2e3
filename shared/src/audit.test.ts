import { describe, expect, it } from 'vitest';
import { auditPayload } from './audit';
import { invoiceTrackingFields, splitTrackingNumbers } from './invoice-fields';
import { stableStringify } from './stable-json';

describe('auditPayload', () => {
  it('removes label bytes and secret-looking values but keeps the rest', () => {
    const text = auditPayload({ trackingNumbers: ['1'], labels: [{ trackingNumber: '1', content: 'JVBERi0xLjQK' }], authorization: 'Bearer abc' });
    expect(text).toContain('"trackingNumbers":["1"]');
    expect(text).not.toContain('JVBERi0xLjQK');
    expect(text).not.toContain('Bearer abc');
    expect(text).toContain('[removed: 12 chars]');
  });

  it('cuts long payloads and says so', () => {
    expect(auditPayload('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}… [cut: 40 more characters]`);
  });
});

describe('invoice fields', () => {
  it('lists every tracking number of the order once and every label link', () => {
    const fields = invoiceTrackingFields([
      { trackingNumbers: ['111', '112'], labelUrl: '/core/media/media.nl?id=1' },
      { trackingNumbers: ['222', '111'], labelUrl: '/core/media/media.nl?id=2' },
    ]);
    expect(fields).toEqual({ trackingNumbers: '111, 112, 222', labelLinks: '/core/media/media.nl?id=1\n/core/media/media.nl?id=2' });
    expect(splitTrackingNumbers('111, 112,222')).toEqual(['111', '112', '222']);
  });
});

describe('stableStringify', () => {
  it('is independent of key order', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stableStringify({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});
