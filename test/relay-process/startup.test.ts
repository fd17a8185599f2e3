// What an operator sees when the relay cannot start: one line per bad setting, naming it and what it
// must be (never its value), and one line when its port is taken; exit code 1, no stack trace.
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, PROCESS_SECRET, runRelayToExit } from '../support/relay-process';

const good = { FEDEX_BASE_URL: 'http://127.0.0.1:9', FEDEX_CLIENT_ID: 'client-id', FEDEX_CLIENT_SECRET: 'client-secret-never-printed', RELAY_SHARED_SECRET: PROCESS_SECRET };

describe('starting the relay', () => {
  it('names each bad setting once, with what it must be, and exits 1 without a stack trace', async () => {
    const { exitCode, stderr, stdout } = await runRelayToExit({
      ...good,
      FEDEX_BASE_URL: 'apis.fedex.com',
      FEDEX_CLIENT_SECRET: '',
      RELAY_SHARED_SECRET: 'too-short-and-never-printed',
      PORT: 'http',
      REDIS_URL: 'localhost:6379',
      NETSUITE_RESTLET_URL: 'restlet.nl',
    });
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'Relay configuration is invalid:',
      '  FEDEX_BASE_URL: must be an http:// or https:// URL, e.g. https://apis-sandbox.fedex.com or https://apis.fedex.com',
      '  FEDEX_CLIENT_SECRET: is required but not set',
      '  RELAY_SHARED_SECRET: must be at least 32 characters (the value of the NetSuite API secret custsecret_mlfx_relay_hmac)',
      '  PORT: must be a whole number from 1 to 65535',
      '  REDIS_URL: must be a redis:// or rediss:// URL, e.g. redis://redis:6379',
      expect.stringMatching(/^ {2}NETSUITE_RESTLET_URL: must be an http:\/\/ or https:\/\/ URL, e\.g\. /),
      'See docs/operating-the-relay.md, "Configuration reference".',
    ]);
    expect(stderr).not.toContain('too-short-and-never-printed');
  });

  it('says in one line that its port is taken, and exits 1', async () => {
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((ok) => taken.listen(port, '127.0.0.1', () => ok()));
    try {
      const { exitCode, stderr } = await runRelayToExit({ ...good, PORT: String(port) });
      expect(exitCode).toBe(1);
      expect(stderr.trim()).toBe(`The relay cannot listen on 127.0.0.1:${port}: the port is already in use (another relay or program listens there). Stop it, or set PORT to a free port.`);
    } finally {
      taken.close();
    }
  });

  it('says in one line that HOST is not an address of this machine', async () => {
    const { exitCode, stderr } = await runRelayToExit({ ...good, HOST: '192.0.2.1', PORT: String(await freePort()) });
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toMatch(/^The relay cannot listen on 192\.0\.2\.1:\d+: HOST is not an address of this machine\./);
  });
});
