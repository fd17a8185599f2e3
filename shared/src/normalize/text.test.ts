import { describe, expect, it } from 'vitest';
import { cleanText, isCleanText, shorten } from './text';

describe('cleanText', () => {
  it.each([
    ['  Acme\tRetail \n', 'Acme Retail'],
    ['Acme\u0000Retail', 'Acme Retail'],
    ['Ac\u200Bme', 'Acme'],
    ['\u202EliateR emcA\u202C', 'liateR emcA'],
    ['\uFEFF1 Main St', '1 Main St'],
    ['Sui\u00ADte 200', 'Suite 200'],
    ['1\u00A0Main\u2028St', '1 Main St'],
    ['Zu\u0308rich', 'Zürich'],
    ['\uD800broken', 'broken'],
    ['日本橋 1-1', '日本橋 1-1'],
  ])('%j → %j', (raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
    expect(isCleanText(clean)).toBe(true);
  });

  it('gives undefined for nothing visible and for non-strings', () => {
    expect(cleanText(' \u200B\u0007 ')).toBeUndefined();
    expect(cleanText(undefined)).toBeUndefined();
    expect(cleanText({})).toBeUndefined();
    expect(cleanText(42)).toBe('42');
  });

  it('is idempotent', () => {
    for (const raw of ['a\u202Eb  c', ' x ', 'é\u0301']) expect(cleanText(cleanText(raw))).toBe(cleanText(raw));
  });
});

describe('shorten', () => {
  it('cuts at a word when that keeps at least half, else mid-word, never in a surrogate pair', () => {
    expect(shorten('Acme International Trading Company LLC', 35)).toBe('Acme International Trading Company');
    expect(shorten('Supercalifragilisticexpialidocious-and-more', 10)).toBe('Supercalif');
    expect(shorten('ab😀cd', 3)).toBe('ab');
    expect(shorten('short', 35)).toBe('short');
  });
});
