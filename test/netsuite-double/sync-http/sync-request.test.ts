import { createServer, connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from './child-server.js';
import { requestSync } from './sync-request.js';

const SERVER = new URL('./loopback-server.mjs', import.meta.url);
const limits = { connectTimeoutMs: 1_000, totalTimeoutMs: 2_000 };

describe('requestSync', () => {
  let server: ChildServer;
  beforeAll(async () => {
    server = await startChildServer(SERVER);
  });
  afterAll(() => server.stop());

  it('blocks until the answer arrives and returns status, raw headers and body bytes', () => {
    const outcome = requestSync({
      method: 'POST',
      url: `${server.origin}/echo?a=1`,
      headers: { 'Content-Type': 'text/plain', 'X-Custom': 'v' },
      body: Buffer.from('héllo'),
      ...limits,
    });
    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    expect(outcome.status).toBe(200);
    expect(outcome.rawHeaders).toContain('X-Echo');
    const echo = JSON.parse(Buffer.from(outcome.body).toString('utf8'));
    expect(echo).toMatchObject({ method: 'POST', url: '/echo?a=1', headers: { 'x-custom': 'v' } });
    expect(Buffer.from(echo.body, 'base64').toString('utf8')).toBe('héllo');
  });

  it('passes binary bodies through unchanged', () => {
    const outcome = requestSync({ method: 'GET', url: `${server.origin}/bytes`, headers: {}, ...limits });
    expect(outcome.kind === 'response' && Array.from(outcome.body)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it('reports a total timeout when the answer is slower than the limit', () => {
    const started = Date.now();
    const outcome = requestSync({
      method: 'GET',
      url: `${server.origin}/delay/1500`,
      headers: {},
      connectTimeoutMs: 1_000,
      totalTimeoutMs: 200,
    });
    expect(outcome.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('reports a refused connection', async () => {
    const port = await freePort();
    expect(requestSync({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, ...limits }).kind).toBe('refused');
  });

  it('reports a connect timeout when the TCP handshake never completes', async () => {
    const stalled = await startChildServer(SERVER, ['--stalled']);
    const fillers = await fillAcceptQueue(stalled.port);
    try {
      const outcome = requestSync({
        method: 'GET',
        url: `${stalled.origin}/echo`,
        headers: {},
        connectTimeoutMs: 150,
        totalTimeoutMs: 3_000,
      });
      expect(outcome.kind).toBe('connect-timeout');
    } finally {
      fillers.forEach((s) => s.destroy());
      await stalled.stop();
    }
  });
});

/** A port nobody listens on: bind, note the port, close. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Opens connections until one stops completing its handshake (the accept queue is full). */
async function fillAcceptQueue(port: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < 64; i++) {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 100);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!connected) return sockets;
  }
  throw new Error('the accept queue never filled');
}
