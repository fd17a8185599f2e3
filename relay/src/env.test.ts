import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EnvError, parseEnv, resolveEnv } from './env';

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

  it('says once per bad setting what it must be: a URL its form, a number its range', () => {
    let message = '';
    try {
      parseEnv({ ...valid, FEDEX_BASE_URL: 'apis.fedex.com', PORT: 'eighty', FEDEX_TRANSACTIONS_PER_10S: '2000', RELAY_DEADLINE_MS: '1.5', NETSUITE_RESTLET_URL: 'ftp://x', NETSUITE_AUTH: 'oauth'});
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toEqual([
      '  FEDEX_BASE_URL: must be an http:// or https:// URL, e.g. https://apis-sandbox.fedex.com or https://apis.fedex.com',
      '  PORT: must be a whole number from 1 to 65535',
      '  FEDEX_TRANSACTIONS_PER_10S: must be a whole number from 1 to 1400',
      '  RELAY_DEADLINE_MS: must be a whole number from 5000 to 44000',
      expect.stringMatching(/^ {2}NETSUITE_RESTLET_URL: must be an http:\/\/ or https:\/\/ URL, e\.g\. https:\/\/123456\.restlets/),
      '  NETSUITE_AUTH: must be m2m or tba',
    ]);
    expect(message).toMatch(/See docs\/operating-the-relay\.md, "Configuration reference"/);
  });

  it('accepts a redis:// or rediss:// REDIS_URL and refuses anything else without printing it', () => {
    expect(parseEnv({ ...valid, REDIS_URL: 'rediss://:pw@cache.internal:6380/0' }).REDIS_URL).toBe('rediss://:pw@cache.internal:6380/0');
    expect(() => parseEnv({ ...valid, REDIS_URL: 'http://user:hunter2@cache.internal' })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => parseEnv({ ...valid, REDIS_URL: 'http://user:hunter2@cache.internal' })).not.toThrow(/hunter2/);
  });
});

describe('resolveEnv: credentials at rest', () => {
  let dir: string;
  let encryptedFile: string;
  let privateKey: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlfx-env-'));
    encryptedFile = join(dir, 'relay.env');
    const keys = join(dir, 'relay.keys');
    // Encrypted by dotenvx itself, as an operator would with `dotenvx set NAME value -f relay.env`.
    const dotenvx = await import('@dotenvx/dotenvx');
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await dotenvx.set('FEDEX_CLIENT_SECRET', 'secret-from-the-encrypted-file', { path: encryptedFile, envKeysFile: keys });
      await dotenvx.set('RELAY_SHARED_SECRET', 'h'.repeat(40), { path: encryptedFile, envKeysFile: keys });
    } finally {
      quiet.mockRestore();
    }
    privateKey = /DOTENV_PRIVATE_KEY[^=]*="?([0-9a-f]{64})/.exec(readFileSync(keys, 'utf8'))?.[1] as string;
    rmSync(keys); // the key lives in the service's environment, never beside the file
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decrypts RELAY_ENV_FILE in memory with DOTENV_PRIVATE_KEY; no plain secret was ever on disk', () => {
    expect(readFileSync(encryptedFile, 'utf8')).not.toContain('secret-from-the-encrypted-file');
    const env = resolveEnv({ FEDEX_BASE_URL: valid.FEDEX_BASE_URL, FEDEX_CLIENT_ID: 'client', RELAY_ENV_FILE: encryptedFile, DOTENV_PRIVATE_KEY: privateKey });
    expect(parseEnv(env)).toMatchObject({ FEDEX_CLIENT_SECRET: 'secret-from-the-encrypted-file', RELAY_SHARED_SECRET: 'h'.repeat(40) });
    expect(env.DOTENV_PRIVATE_KEY).toBeUndefined();
    // A variable set directly wins over the file.
    expect(resolveEnv({ RELAY_ENV_FILE: encryptedFile, DOTENV_PRIVATE_KEY: privateKey, FEDEX_CLIENT_SECRET: 'direct' }).FEDEX_CLIENT_SECRET).toBe('direct');
  });

  it('stops, naming the variables, when the key is missing or wrong, and never prints a key or value', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const missing = () => resolveEnv({ RELAY_ENV_FILE: encryptedFile });
      expect(missing).toThrow(EnvError);
      expect(missing).toThrow(/FEDEX_CLIENT_SECRET, RELAY_SHARED_SECRET could not be decrypted: DOTENV_PRIVATE_KEY .* is not set/);
      const wrongKey = 'ab'.repeat(32);
      let message = '';
      try {
        resolveEnv({ RELAY_ENV_FILE: encryptedFile, DOTENV_PRIVATE_KEY: wrongKey });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/is not the key this file was encrypted for/);
      expect(message).not.toContain(wrongKey.slice(0, 6));
      const printed = [...errors.mock.calls, ...logs.mock.calls].flat().join(' ');
      expect(printed).not.toContain(wrongKey.slice(0, 6));
    } finally {
      errors.mockRestore();
      logs.mockRestore();
    }
  });

  it('reads a plain env file (KEY=value lines, comments, quotes) as well as an encrypted one', () => {
    const plain = join(dir, 'plain.env');
    writeFileSync(plain, '# the relay\nFEDEX_BASE_URL=https://apis.fedex.com\nFEDEX_CLIENT_ID="client"\nFEDEX_CLIENT_SECRET=from-the-plain-file\nRELAY_SHARED_SECRET=' + 'p'.repeat(32) + '\nPORT=9000\n');
    expect(parseEnv(resolveEnv({ RELAY_ENV_FILE: plain, PORT: '9100' }))).toMatchObject({ FEDEX_CLIENT_ID: 'client', FEDEX_CLIENT_SECRET: 'from-the-plain-file', PORT: 9100 });
  });

  it("leaves another program's NAME_FILE alone (SSL_CERT_FILE, a missing TF_CLI_CONFIG_FILE)", () => {
    const env = resolveEnv({ ...valid, SSL_CERT_FILE: join(dir, 'absent-ca.pem'), TF_CLI_CONFIG_FILE: join(dir, 'absent') });
    expect(env.SSL_CERT).toBeUndefined();
    expect(env.SSL_CERT_FILE).toBe(join(dir, 'absent-ca.pem'));
    expect(parseEnv(env).FEDEX_CLIENT_ID).toBe('client');
  });

  it('reads NAME_FILE (a container secret mount) without its trailing newline, and refuses NAME and NAME_FILE together', () => {
    const secretFile = join(dir, 'fedex_client_secret');
    writeFileSync(secretFile, 'mounted-secret\n');
    expect(resolveEnv({ FEDEX_CLIENT_SECRET_FILE: secretFile }).FEDEX_CLIENT_SECRET).toBe('mounted-secret');
    expect(() => resolveEnv({ FEDEX_CLIENT_SECRET_FILE: secretFile, FEDEX_CLIENT_SECRET: 'x' })).toThrow(/FEDEX_CLIENT_SECRET_FILE: FEDEX_CLIENT_SECRET is set too/);
    expect(() => resolveEnv({ FEDEX_CLIENT_SECRET_FILE: join(dir, 'absent') })).toThrow(/FEDEX_CLIENT_SECRET_FILE: cannot read the file it names \(ENOENT\)/);
    // The decryption key itself may come from a mounted file.
    const keyFile = join(dir, 'dotenv_private_key');
    writeFileSync(keyFile, `${privateKey}\n`);
    expect(resolveEnv({ RELAY_ENV_FILE: encryptedFile, DOTENV_PRIVATE_KEY_FILE: keyFile }).FEDEX_CLIENT_SECRET).toBe('secret-from-the-encrypted-file');
  });
});
