import { describe, expect, it } from 'vitest';
import { testContext } from '../io/test-context.js';
import { createEncodeModule } from './encode.js';

const encode = createEncodeModule(testContext({}));
const convert = (string: string, inputEncoding: string, outputEncoding: string) =>
  encode.convert({ string, inputEncoding, outputEncoding });

describe('N/encode', () => {
  it('converts between UTF-8, base64, URL-safe base64 and hex like NetSuite (upper-case hex)', () => {
    expect(convert('héllo?>', 'UTF_8', 'BASE_64')).toBe(Buffer.from('héllo?>').toString('base64'));
    expect(convert('aMOpbGxvPz4=', 'BASE_64', 'UTF_8')).toBe('héllo?>');
    expect(convert('\u00ff\u00fe?>', 'UTF_8', 'BASE_64_URL_SAFE')).toBe('w7_Dvj8-');
    expect(convert('w7_Dvj8-', 'BASE_64_URL_SAFE', 'UTF_8')).toBe('\u00ff\u00fe?>');
    expect(convert('AZ', 'UTF_8', 'HEX')).toBe('415A');
    expect(convert('415a', 'HEX', 'UTF_8')).toBe('AZ');
    expect(convert('foobar', 'UTF_8', 'BASE_32')).toBe('MZXW6YTBOI======');
    expect(convert('MZXW6YTBOI======', 'BASE_32', 'UTF_8')).toBe('foobar');
  });

  it('rejects malformed input that Node would silently accept', () => {
    expect(() => convert('not base64!', 'BASE_64', 'UTF_8')).toThrow(
      expect.objectContaining({ name: 'FAILED_TO_DECODE_STRING_ENCODED_BINARY_DATA_USING_1_ENCODING' }),
    );
    expect(() => convert('abc', 'HEX', 'UTF_8')).toThrow(expect.objectContaining({ name: expect.stringMatching(/FAILED/) }));
    expect(() => convert('/w==', 'BASE_64', 'UTF_8')).toThrow(
      expect.objectContaining({ name: 'FAILED_TO_CONVERT_BINARY_DATA_TO_UTF_8' }),
    );
    expect(() => convert('x', 'UTF8', 'HEX')).toThrow(expect.objectContaining({ name: 'INVALID_ENCODING' }));
  });

  it('exposes Encoding with NetSuite string values', () => {
    expect(encode.Encoding.BASE_64).toBe('BASE_64');
    expect(Object.isFrozen(encode.Encoding)).toBe(true);
  });
});
