import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configureIo } from '../io/io-state.js';
import { testContext } from '../io/test-context.js';
import { createCryptoModule } from './crypto.js';

const SECRET = 'sup3r-s3cret-value';

function setup(options: { declared?: string[]; secrets?: Record<string, string> } = {}) {
  const account = {};
  configureIo(account, {
    apiSecrets: options.secrets ?? { custsecret_io_hmac: SECRET },
    declaredSecrets: options.declared ?? ['custsecret_io_hmac'],
  });
  return createCryptoModule(testContext(account));
}

describe('N/crypto', () => {
  it('HMAC with an API secret equals node:crypto HMAC of the secret value', () => {
    const crypto = setup();
    const key = crypto.createSecretKey({ secret: 'custsecret_io_hmac', encoding: 'UTF_8' });
    const hmac = crypto.createHmac({ algorithm: crypto.HashAlg.SHA256, key });
    hmac.update({ input: 'part one|' });
    hmac.update({ input: 'cGFydCB0d28=', inputEncoding: 'BASE_64' });
    const expected = createHmac('sha256', SECRET).update('part one|part two');
    expect(hmac.digest({ outputEncoding: 'BASE_64' })).toBe(expected.digest('base64'));
    hmac.update({ input: 'x' });
    expect(hmac.digest()).toBe(createHmac('sha256', SECRET).update('x').digest('hex').toUpperCase());
  });

  it('the SecretKey handle never carries the value', () => {
    const crypto = setup();
    const key = crypto.createSecretKey({ secret: 'custsecret_io_hmac', encoding: 'UTF_8' });
    expect(JSON.stringify(key)).not.toContain(SECRET);
    expect(Object.values(key)).not.toContain(SECRET);
    expect(key).toEqual({ guid: 'custsecret_io_hmac', encoding: 'UTF_8' });
  });

  it('reads the secret in the key encoding (HEX secret → raw key bytes)', () => {
    const crypto = setup({ secrets: { custsecret_io_hmac: '00ff10' } });
    const key = crypto.createSecretKey({ secret: 'custsecret_io_hmac', encoding: 'HEX' });
    const hmac = crypto.createHmac({ algorithm: 'SHA512', key });
    hmac.update({ input: 'm' });
    expect(hmac.digest({ outputEncoding: 'HEX' })).toBe(
      createHmac('sha512', Buffer.from([0, 255, 16])).update('m').digest('hex').toUpperCase(),
    );
  });

  it('refuses secrets the account lacks or the SDF project does not declare', () => {
    expect(() => setup({ declared: [] }).createSecretKey({ secret: 'custsecret_io_hmac', encoding: 'UTF_8' })).toThrow(
      expect.objectContaining({ name: 'INVALID_SECRET_KEY', message: expect.stringContaining('not declared') }),
    );
    expect(() =>
      setup({ declared: ['custsecret_io_other'] }).createSecretKey({ secret: 'custsecret_io_other', encoding: 'UTF_8' }),
    ).toThrow(expect.objectContaining({ name: 'INVALID_SECRET_KEY', message: expect.stringContaining('holds no') }));
  });

  it('requires an explicit key encoding, since NetSuite leaves the default undocumented', () => {
    expect(() => setup().createSecretKey({ secret: 'custsecret_io_hmac' })).toThrow(
      expect.objectContaining({ name: 'SSS_MISSING_REQD_ARGUMENT' }),
    );
  });

  it('hashes with createHash and rejects unknown algorithms and fake keys', () => {
    const crypto = setup();
    const hash = crypto.createHash({ algorithm: 'SHA1' });
    hash.update({ input: 'abc' });
    expect(hash.digest({ outputEncoding: 'HEX' })).toBe(createHash('sha1').update('abc').digest('hex').toUpperCase());
    expect(() => crypto.createHash({ algorithm: 'sha256' })).toThrow(expect.objectContaining({ name: 'INVALID_ALGORITHM' }));
    expect(() => crypto.createHmac({ algorithm: 'SHA256', key: { guid: 'custsecret_io_hmac', encoding: 'UTF_8' } })).toThrow(
      expect.objectContaining({ name: 'SSS_INVALID_TYPE_ARG' }),
    );
  });
});
