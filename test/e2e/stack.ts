// Starts the FedEx double and the relay in a child process and gives tests a typed handle on them.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { testTlsIdentity } from '../support/test-tls';
import { STACK_SECRET } from './stack-secret';

export { STACK_SECRET };

export interface Stack {
  fedexUrl: string;
  /** https://127.0.0.1:<port>: NetSuite's N/https calls only https, so the relay listens with the test certificate (test/support/test-tls.ts). */
  relayUrl: string;
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<any>;
  stats(): Promise<any>;
  shipmentsFor(reference: string): Promise<any[]>;
  relayLogs(): Promise<string[]>;
  /** Points the relay's NetSuite client at an account (RESTlet URL and M2M or TBA credentials). */
  configureNetSuite(config: { restletUrl: string; auth: unknown }): Promise<void>;
  relayNetSuiteStats(): Promise<{ tokenRequests: number }>;
  /**
   * Moves the relay's clock (real time plus an offset) with FedEx's and NetSuite's, for scenarios over
   * days; forward only (its limiters would wait out a step back). Answers the relay's time.
   */
  relayClock(change?: { setMs: number } | { advanceMs: number }): Promise<number>;
  /** Any call to the relay over https, trusting exactly the test certificate (`body` as sent, e.g. signed). */
  relayRequest(method: 'GET' | 'POST', path: string, body?: string, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  /** Runs the relay's clock `offsetMs` ahead of real time (to follow a NetSuite clock moved forward). */
  setRelayClockOffset(offsetMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(options: Record<string, unknown> = {}): Promise<Stack> {
  const root = resolve(import.meta.dirname, '../..');
  const tls = testTlsIdentity();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'stack-server.ts')], {
    cwd: root,
    // The FedEx double's webhook pushes go to the relay's https URL: the child trusts the test certificate.
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.certPath, STACK_OPTIONS: JSON.stringify({ sharedSecret: STACK_SECRET, tls: { key: tls.key, cert: tls.cert }, ...options }) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const urls = await new Promise<{ fedexUrl: string; relayUrl: string }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the e2e stack did not start within 30 s')), 30_000);
    child.once('exit', (code) => fail(new Error(`the e2e stack exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      ok(JSON.parse(line));
    });
  });
  const control = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> => {
    const init = { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) };
    // A test that blocked this thread for seconds (a long synchronous SuiteScript run) can find its
    // pooled keep-alive socket closed by the server: one retry on a fresh connection.
    const res = await fetch(`${urls.fedexUrl}/__double/${path}`, init).catch(() => fetch(`${urls.fedexUrl}/__double/${path}`, init));
    if (!res.ok) throw new Error(`FedEx double control ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  /** The relay's test-only routes, over https trusting exactly the test certificate. */
  const relayRequest = (method: 'GET' | 'POST', path: string, payload?: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; json: any }>((ok, fail) => {
      const req = httpsRequest(
        `${urls.relayUrl}${path}`,
        { method, ca: tls.cert, agent: false, headers: payload ? { 'content-type': 'application/json', ...headers } : headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            ok({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
          });
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  const relay = (method: 'GET' | 'POST', path: string, body?: unknown) => relayRequest(method, path, body === undefined ? undefined : JSON.stringify(body));
  return {
    relayRequest,
    ...urls,
    control,
    stats: () => control('GET', 'stats'),
    shipmentsFor: async (reference) => (await control('GET', `shipments?customerReference=${encodeURIComponent(reference)}`)).shipments,
    configureNetSuite: async (config) => {
      const res = await relay('POST', '/__test/netsuite', config);
      if (res.status !== 200) throw new Error(`configureNetSuite: HTTP ${res.status}`);
    },
    relayClock: async (change) => {
      const res = await relay('POST', '/__test/clock', change ?? {});
      if (res.status !== 200) throw new Error(`relayClock: HTTP ${res.status} ${JSON.stringify(res.json)}`);
      return (res.json as { now: number }).now;
    },
    relayNetSuiteStats: async () => (await relay('GET', '/__test/netsuite')).json as { tokenRequests: number },
    setRelayClockOffset: async (offsetMs) => {
      const res = await relay('POST', '/__test/clock', { offsetMs });
      if (res.status !== 200) throw new Error(`setRelayClockOffset: HTTP ${res.status}`);
    },
    relayLogs: async () => ((await relay('GET', '/__test/logs')).json as { logs: string[] }).logs,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * One stack per test file, reset (FedEx double emptied, faults cleared) before each test.
 * Returns a getter, since the stack exists only once beforeAll has run.
 */
export function useStack(options: Record<string, unknown> = {}): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(async () => {
    await stack?.control('POST', 'reset');
  });
  return () => {
    if (!stack) throw new Error('the e2e stack is not started (useStack must be called at the top of a test file)');
    return stack;
  };
}
