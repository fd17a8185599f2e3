// The relay's log lines: JSON, the request id on every line logged while a request is served, secrets
// and label bytes censored by path wherever a caller puts them.
import { Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { requestId } from 'hono/request-id';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './logger';

function capture(level?: 'debug' | 'info') {
  const lines: string[] = [];
  const log = createJsonLogger((line) => lines.push(line), level);
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createJsonLogger', () => {
  it('writes one JSON line per event with level, ISO time and event name', () => {
    const { log, parsed } = capture();
    log.warn('fedex.token.failed', { message: 'FedEx token endpoint unreachable' });
    expect(parsed()).toEqual([expect.objectContaining({ level: 'warn', event: 'fedex.token.failed', message: 'FedEx token endpoint unreachable', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
    expect(parsed()[0]).not.toHaveProperty('requestId');
  });

  it('stamps the request id on every line logged while a request is served, however deep the caller', async () => {
    const { log, parsed } = capture();
    const deepInAService = async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.info('fedex.call', { operation: 'ship.create' });
    };
    const app = new Hono().use(requestId()).use(contextStorage());
    app.get('/x', async (c) => {
      log.info('first');
      await deepInAService();
      return c.text('ok');
    });
    const [a, b] = await Promise.all([app.request('/x', { headers: { 'x-request-id': 'req-a' } }), app.request('/x', { headers: { 'x-request-id': 'req-b' } })]);
    expect([a.headers.get('x-request-id'), b.headers.get('x-request-id')]).toEqual(['req-a', 'req-b']);
    const lines = parsed();
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.requestId === 'req-a').map((l) => l.event)).toEqual(['first', 'fedex.call']);
    expect(lines.filter((l) => l.requestId === 'req-b').map((l) => l.event)).toEqual(['first', 'fedex.call']);
  });

  it('censors secrets and label bytes by path, at the top level and one level down', () => {
    const { log, lines } = capture();
    const secrets = ['sk-client-secret', 'Bearer eyJhbGciOi.abc.def', 'v1=' + 'a'.repeat(64), 'fdx-sig-base64==', 'JVBERi0xLjQK-label-bytes', 'tba-token-secret', '-----BEGIN PRIVATE KEY-----'];
    log.info('everything', {
      clientSecret: secrets[0],
      headers: { authorization: secrets[1], 'x-mlfx-signature': secrets[2], 'fdx-signature': secrets[3] },
      labels: [{ trackingNumber: '794600000001', content: secrets[4] }],
      credentials: { tokenSecret: secrets[5], privateKeyPem: secrets[6] },
      token: secrets[1],
    });
    const line = lines.join('\n');
    for (const secret of secrets) expect(line).not.toContain(secret);
    expect(line).toContain('794600000001'); // what is not secret stays
    expect(JSON.parse(line)).toMatchObject({ clientSecret: '[redacted]', headers: { authorization: '[redacted]' }, labels: [{ content: '[redacted]' }] });
  });

  it('writes debug lines only at LOG_LEVEL=debug', () => {
    const quiet = capture();
    quiet.log.debug('request.done', { route: '/healthz' });
    expect(quiet.lines).toEqual([]);
    const verbose = capture('debug');
    verbose.log.debug('request.done', { route: '/healthz' });
    expect(verbose.parsed()).toEqual([expect.objectContaining({ level: 'debug', event: 'request.done' })]);
  });
});
