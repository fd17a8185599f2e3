import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

const valid = {
  FEDEX_BASE_URL: 'https://apis-sandbox.fedex.com',
  FEDEX_CLIENT_ID: 'client',
  FEDEX_CLIENT_SECRET: 'do-not-print-me',
  RELAY_SHARED_SECRET: 'r'.repeat(32),
};

describe('parseEnv', () => {
  it('applies defaults to a valid environment', () => {
    expect(parseEnv(valid)).toMatchObject({ PORT: 8787, HOST: '0.0.0.0', FEDEX_TRANSACTIONS_PER_10S: 1400 });
  });

  it('names every missing or bad variable and never prints a value', () => {
    let message = '';
    try {
      parseEnv({ ...valid, FEDEX_BASE_URL: 'not a url', RELAY_SHARED_SECRET: 'short-secret-value', FEDEX_ACCOUNT_NUMBER: '12', FEDEX_CLIENT_ID: '' });
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      message = (e as Error).message;
    }
    expect(message).toContain('FEDEX_BASE_URL');
    expect(message).toContain('RELAY_SHARED_SECRET: must be at least 32 characters');
    expect(message).toContain('FEDEX_ACCOUNT_NUMBER: must be a 9-digit FedEx account number');
    expect(message).toContain('FEDEX_CLIENT_ID: is required but not set');
    expect(message).not.toContain('short-secret-value');
    expect(message).not.toContain('do-not-print-me');
  });

  it('accepts a redis:// or rediss:// REDIS_URL and refuses anything else without printing it', () => {
    expect(parseEnv({ ...valid, REDIS_URL: 'rediss://:pw@cache.internal:6380/0' }).REDIS_URL).toBe('rediss://:pw@cache.internal:6380/0');
    expect(() => parseEnv({ ...valid, REDIS_URL: 'http://user:hunter2@cache.internal' })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => parseEnv({ ...valid, REDIS_URL: 'http://user:hunter2@cache.internal' })).not.toThrow(/hunter2/);
  });
});
