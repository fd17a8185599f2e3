// The processes the demo runs beside its NetSuite account: FedEx (the project's FedEx double, or
// FedEx's sandbox when FEDEX_* variables say so), the REAL relay as built (relay/dist/index.js,
// configured only by environment variables, as an operator runs it) and the https front a
// production relay has (a TLS-terminating proxy: NetSuite's N/https calls only https).
// They run in child processes because a SuiteScript's N/https call blocks this thread until the
// answer comes (test/netsuite-double/sync-http/sync-request.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
const STARTUP_MS = 60_000;

/** Where the relay's FedEx calls go. */
export type FedexTarget =
  | { kind: 'double'; url: string; clientId: string; clientSecret: string; accountNumber: string; webhookToken: string }
  | { kind: 'sandbox'; url: string; clientId: string; clientSecret: string; accountNumber: string };

/** FedEx's sandbox when the operator's FEDEX_* variables are all set; else undefined (the double). */
export function sandboxFromEnv(env: NodeJS.ProcessEnv): FedexTarget | undefined {
  const { FEDEX_BASE_URL, FEDEX_CLIENT_ID, FEDEX_CLIENT_SECRET, FEDEX_ACCOUNT_NUMBER } = env;
  if (!FEDEX_BASE_URL) return undefined;
  const missing = Object.entries({ FEDEX_CLIENT_ID, FEDEX_CLIENT_SECRET, FEDEX_ACCOUNT_NUMBER }).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new Error(`FEDEX_BASE_URL is set, so the demo talks to FedEx itself, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`);
  return { kind: 'sandbox', url: FEDEX_BASE_URL.replace(/\/$/, ''), clientId: FEDEX_CLIENT_ID!, clientSecret: FEDEX_CLIENT_SECRET!, accountNumber: FEDEX_ACCOUNT_NUMBER! };
}

/** The children started so far, stopped together (also when the demo fails or is interrupted). */
const children = new Set<ChildProcess>();
export function stopChildren(): Promise<void> {
  const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = running.map((child) => new Promise<void>((ok) => child.once('exit', () => ok())));
  for (const child of running) child.kill('SIGTERM');
  return Promise.race([Promise.all(exited).then(() => undefined), new Promise<void>((ok) => setTimeout(ok, 5_000).unref())]);
}

function track(child: ChildProcess, name: string, stderr: string[]): ChildProcess {
  children.add(child);
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  child.once('exit', () => children.delete(child));
  child.once('error', (error) => stderr.push(`${name}: ${error.message}`));
  return child;
}

/** Resolves with the first stdout line `match` accepts; rejects if the child exits first. */
function firstLine<T>(child: ChildProcess, name: string, stderr: string[], match: (line: string) => T | undefined): Promise<T> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${STARTUP_MS / 1000} s:\n${stderr.join('')}`)), STARTUP_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${code}) before it was ready:\n${stderr.join('')}`));
    };
    child.once('exit', onExit);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const value = match(line);
      if (value === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      ok(value);
    });
  });
}

export interface FedexDoubleProcess {
  target: Extract<FedexTarget, { kind: 'double' }>;
  /** The double's control surface (/__double/…): clock, faults, webhooks, stats, shipments. */
  control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/**
 * The project's FedEx double (test/fedex-double/server.ts) on a manual clock: FedEx's schemas,
 * business rules and limits, tracking timelines that move with the demo's clock, fault injection
 * and signed webhook pushes. It trusts the relay's https front (its webhook pushes go there).
 */
export async function startFedexDouble(options: { caFile: string; accountNumber: string }): Promise<FedexDoubleProcess> {
  const stderr: string[] = [];
  const webhookToken = `demo-webhook-token-${randomBytes(8).toString('hex')}`;
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', 'test/fedex-double/server.ts', '--port', '0', '--clock', 'manual', '--account', options.accountNumber, '--webhook-token', webhookToken], {
      cwd: ROOT,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: options.caFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'the FedEx double',
    stderr,
  );
  const url = await firstLine(child, 'the FedEx double', stderr, (line) => /^FEDEX_DOUBLE_URL=(\S+)/.exec(line)?.[1]);
  const control = async <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const init = { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) };
    // A long synchronous SuiteScript run can outlast a pooled keep-alive socket: one retry on a fresh one.
    const res = await fetch(`${url}/__double/${path}`, init).catch(() => fetch(`${url}/__double/${path}`, init));
    if (!res.ok) throw new Error(`FedEx double ${method} /__double/${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    target: { kind: 'double', url, clientId: 'fedex-double-client-id', clientSecret: 'fedex-double-client-secret', accountNumber: options.accountNumber, webhookToken },
    control,
  };
}

/** A free loopback port (the relay takes PORT from its environment, as in production). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** The relay's https front (scripts/demo/tls-terminator.mjs) with the demo's throwaway certificate. */
export async function startTlsTerminator(options: { key: string; cert: string; relayPort: number }): Promise<string> {
  const stderr: string[] = [];
  const child = track(
    spawn(process.execPath, [resolve(import.meta.dirname, 'tls-terminator.mjs')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, MLFX_TLS_KEY: options.key, MLFX_TLS_CERT: options.cert, MLFX_TLS_TARGET: `http://127.0.0.1:${options.relayPort}` },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
    'the TLS proxy',
    stderr,
  );
  return firstLine(child, 'the TLS proxy', stderr, (line) => /^TLS_URL=(\S+)/.exec(line)?.[1]);
}

/** Waits for the relay's `relay.listening` log line; rejects if it exits first or takes too long. */
async function listening(child: ChildProcess, logs: () => Record<string, unknown>[], stderr: string[]): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (logs().some((l) => (l.event ?? l.msg) === 'relay.listening')) return;
    if (child.exitCode !== null) throw new Error(`the relay exited (${child.exitCode}) before it was ready:\n${stderr.join('')}`);
    if (Date.now() - started > STARTUP_MS) throw new Error(`the relay did not start within ${STARTUP_MS / 1000} s:\n${stderr.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RelayProcess {
  /** http://127.0.0.1:<PORT> (the https front is what NetSuite calls). */
  directUrl: string;
  /** The log lines of one event (e.g. fedex.call): `event`, or `msg` as pino writes it. */
  events(name: string): Record<string, unknown>[];
  /** Moves the relay's clock (demo-only preload) to real time + offsetMs; answers the relay's time. */
  setClockOffset(offsetMs: number): Promise<number>;
  stderr(): string;
}

/**
 * The relay exactly as built and as an operator configures it: `node relay/dist/index.js` with
 * environment variables only (`env`). The one addition is the demo-only clock preload
 * (relay-clock.mjs), so its clock follows the demo's accelerated one.
 */
export async function startRelay(env: Record<string, string>, clockOffsetMs: number): Promise<RelayProcess> {
  const stderr: string[] = [];
  const preload = pathToFileURL(resolve(import.meta.dirname, 'relay-clock.mjs')).href;
  // The relay's log goes to a file, not a pipe: while a SuiteScript waits on a synchronous
  // N/https call, this process's main thread reads no pipe, and a relay whose stdout pipe is full
  // stops in its next (synchronous) log write: neither side would move again.
  const logDir = mkdtempSync(join(tmpdir(), 'mlfx-demo-relay-'));
  const logFile = join(logDir, 'relay.log');
  const logFd = openSync(logFile, 'w');
  const child = track(
    spawn(process.execPath, ['--import', preload, 'relay/dist/index.js'], {
      cwd: ROOT,
      // Only what an operator would set (no inherited REDIS_URL or FEDEX_* of this shell), plus PATH.
      env: { PATH: process.env.PATH ?? '', ...env, MLFX_DEMO_CLOCK_OFFSET_MS: String(clockOffsetMs) },
      stdio: ['ignore', logFd, 'pipe', 'ipc'],
    }),
    'the relay',
    stderr,
  );
  closeSync(logFd);
  child.once('exit', () => rmSync(logDir, { recursive: true, force: true }));
  const logs = (): Record<string, unknown>[] => {
    const parsed: Record<string, unknown>[] = [];
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        parsed.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // the last line may still be half written
      }
    }
    return parsed;
  };
  await listening(child, logs, stderr);
  let waiting: ((now: number) => void) | undefined;
  child.on('message', (message: { type?: string; now?: number }) => {
    if (message?.type === 'mlfx-demo-clock-ack') waiting?.(Number(message.now));
  });
  return {
    directUrl: `http://127.0.0.1:${env.PORT}`,
    events: (name) => logs().filter((l) => (l.event ?? l.msg) === name),
    stderr: () => stderr.join(''),
    setClockOffset: (offsetMs) =>
      new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error('the relay did not acknowledge its clock change within 10 s')), 10_000);
        waiting = (now) => {
          clearTimeout(timer);
          waiting = undefined;
          ok(now);
        };
        child.send({ type: 'mlfx-demo-clock', offsetMs });
      }),
  };
}
