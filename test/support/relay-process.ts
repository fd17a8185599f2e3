// The relay as production runs it: `node relay/dist/index.js` in a child process, configured only
// by its environment, in front of a FedEx double served over real HTTP. For fault tests that kill,
// restart and starve it. Needs `npm run build:relay` (npm test builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CreateShipmentRequest } from '../../shared/src/contract';
import { sampleRequest } from '../../shared/src/test-fixtures';
import { ManualClock, startFedexDouble, type RunningFedexDouble, type StartOptions } from '../fedex-double';
import { signedHeaders } from './relay-signing';

export const PROCESS_SECRET = 'relay-process-shared-secret-0123456789abcdef';
const ENTRY = resolve(import.meta.dirname, '../../relay/dist/index.js');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface RelayProcess {
  url: string;
  port: number;
  /** Every line the process wrote (stdout and stderr), across restarts. */
  lines: string[];
  /** Sends a signal; resolves when the process has exited, with how long that took (ms). */
  kill(signal: NodeJS.Signals): Promise<{ exitCode: number | null; ms: number }>;
  /** Starts it again on the same port with the same environment; resolves when it listens. */
  restart(): Promise<void>;
  exited(): boolean;
}

export async function startRelayProcess(env: Record<string, string>): Promise<RelayProcess> {
  if (!existsSync(ENTRY)) throw new Error('relay/dist/index.js is missing: run `npm run build:relay` first');
  const port = Number(env.PORT ?? (await freePort()));
  const lines: string[] = [];
  let child: ChildProcess;
  const launch = () =>
    new Promise<void>((ok, fail) => {
      child = spawn(process.execPath, [ENTRY], {
        // Only what the test gives: no stray variable from the test runner configures the relay.
        env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => fail(new Error(`the relay did not start within 30 s:\n${lines.slice(-20).join('\n')}`)), 30_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the relay exited with ${code} before listening:\n${lines.slice(-20).join('\n')}`));
      });
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          lines.push(line);
          if (line.includes('"relay.listening"')) {
            clearTimeout(timer);
            ok();
          }
        });
      }
    });
  await launch();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lines,
    kill: (signal) =>
      new Promise((ok) => {
        const started = Date.now();
        if (child.exitCode !== null || child.signalCode !== null) return ok({ exitCode: child.exitCode, ms: 0 });
        child.removeAllListeners('exit');
        child.once('exit', (code) => ok({ exitCode: code, ms: Date.now() - started }));
        child.kill(signal);
      }),
    restart: launch,
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
}

/** Runs the relay expecting it to stop on its own (a bad setting, a port in use): its exit code and output. */
export function runRelayToExit(env: Record<string, string>, timeoutMs = 30_000): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  if (!existsSync(ENTRY)) throw new Error('relay/dist/index.js is missing: run `npm run build:relay` first');
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the relay was still running after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      ok({ exitCode, stdout, stderr });
    });
  });
}

/** The FedEx double over loopback HTTP, its manual clock on the sample requests' ship day (shipments stay at OC until scripted). */
export async function startDoubleServer(options: Omit<StartOptions<ManualClock>, 'clock'> = {}): Promise<RunningFedexDouble> {
  return startFedexDouble<ManualClock>({ ...options, clock: new ManualClock(Date.UTC(2026, 10, 24, 15)) });
}

/** The environment a relay needs in front of `fedex`. */
export function relayEnv(fedex: RunningFedexDouble, extra: Record<string, string> = {}): Record<string, string> {
  return {
    FEDEX_BASE_URL: fedex.url,
    FEDEX_CLIENT_ID: fedex.double.config.clientId,
    FEDEX_CLIENT_SECRET: fedex.double.config.clientSecret,
    RELAY_SHARED_SECRET: PROCESS_SECRET,
    ...extra,
  };
}

export interface Answer {
  status: number;
  body: any;
  /** The exact bytes and headers sent, for replaying them. */
  sent: { body: string; headers: Record<string, string> };
}

/** POSTs like the SuiteApp: signed, JSON. A network failure is status 0. */
export async function postSigned(relayUrl: string, path: string, payload: unknown, secret = PROCESS_SECRET): Promise<Answer> {
  const body = JSON.stringify(payload);
  const headers = signedHeaders(secret, 'POST', path, body);
  return send(relayUrl, path, body, headers);
}

export async function send(relayUrl: string, path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  try {
    const res = await fetch(`${relayUrl}${path}`, { method: 'POST', body, headers });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, sent: { body, headers } };
  } catch (error) {
    return { status: 0, body: { error: String((error as Error).cause ?? error) }, sent: { body, headers } };
  }
}

/** A create for fulfillment `n`, first attempted `firstAttemptAt` (ms) by NetSuite. */
export function createFor(n: number, firstAttemptAt?: number, attempt = 1): CreateShipmentRequest {
  return {
    ...sampleRequest({ idempotencyKey: `NS1234567-IF${n}`, source: { fulfillmentId: String(n), fulfillmentTranId: `IF${n}` } }),
    attempt,
    ...(firstAttemptAt !== undefined ? { firstAttemptAt } : {}),
  };
}

/** Shipments FedEx holds for this reference that are not cancelled: what the merchant pays for. */
export function liveFor(fedex: RunningFedexDouble, reference: string): string[] {
  return fedex.double
    .shipmentsByCustomerReference(reference)
    .filter((s) => s.kind === 'created' && s.cancelledAt === undefined)
    .map((s) => s.masterTrackingNumber);
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 20): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** After each test: the relay's last lines when it failed, the relay killed, the double emptied. */
export async function endTest(failed: boolean, relay: RelayProcess | undefined, fedex: RunningFedexDouble): Promise<void> {
  if (failed && relay) console.error(relay.lines.slice(-30).join('\n'));
  await relay?.kill('SIGKILL');
  fedex.double.reset();
}
