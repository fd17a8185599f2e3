import { describe, expect, it } from 'vitest';
import { base64ToBinaryString, labelStorageFor } from './labels';

describe('base64ToBinaryString', () => {
  it('gives one character per byte, bytes over 0x7F included, for every padding length', () => {
    const bytes = Buffer.from([0x00, 0x7f, 0x80, 0xff, 0x5e, 0x58, 0x41, 0x0d, 0x0a, 0xe9]);
    for (let n = 0; n <= bytes.length; n++) {
      const part = bytes.subarray(0, n);
      expect(Buffer.from(base64ToBinaryString(part.toString('base64')), 'latin1')).toEqual(part);
    }
    expect(base64ToBinaryString('Xlhh\nXlha')).toBe('^Xa^XZ');
  });

  it('refuses what is not base64', () => {
    expect(() => base64ToBinaryString('^XA^XZ')).toThrow(/not base64/);
    expect(() => base64ToBinaryString('abcde')).toThrow(/bad length/);
  });
});

describe('labelStorageFor', () => {
  it('keeps PDF and PNG as binary files and ZPL II / EPL2 as printer scripts', () => {
    expect(labelStorageFor('application/pdf')).toMatchObject({ kind: 'binary', fileType: 'PDF', extension: 'pdf' });
    expect(labelStorageFor('image/png')).toMatchObject({ kind: 'binary', fileType: 'PNGIMAGE' });
    expect(labelStorageFor('application/x-zpl')).toEqual({ kind: 'printer', fileType: 'PLAINTEXT', extension: 'zpl', encoding: 'ISO-8859-1' });
    expect(labelStorageFor('application/x-epl2')).toMatchObject({ kind: 'printer', extension: 'epl' });
    expect(labelStorageFor('application/octet-stream')).toBeUndefined();
  });
});
