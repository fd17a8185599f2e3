// The processes a benchmark group runs: the FedEx double (bench/fedex-double-server.ts), the BUILT
// relay (relay/dist/index.js, as users run it) and redis-server. Each is a child process on this
// machine; every group starts its own and stops them before the next group.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RELAY_SECRET = 'bench-shared-secret-between-netsuite-and-relay-0123';
export const FEDEX_CLIENT_ID = 'fedex-double-client-id';
export const FEDEX_CLIENT_SECRET = 'fedex-double-client-secret';
export const FEDEX_ACCOUNT = '740561073';

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

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill(signal);
  });
}

/** Peak and current resident memory of a process (Linux /proc), in MB. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; 100 ticks a second). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface DoubleOptions {
  /** Real delay of each create (and cancel) before FedEx answers. */
  latencyMs: number;
  /** Size of each PDF label. */
  labelBytes: number;
  /** Historic shipments to seed, for tracking (their numbers are printed back). */
  seedTracking?: number;
}

export interface DoubleArrival {
  path: string;
  at: number;
  status: number;
  customerTransactionId?: string;
}

export interface BenchDouble {
  url: string;
  pid: number;
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<any>;
  /** Arrival times (ms, sub-ms precision) of every FedEx API call, in arrival order. */
  arrivals(): Promise<DoubleArrival[]>;
  trackingNumbers(): Promise<string[]>;
  stop(): Promise<void>;
}

/** The FedEx double on the real clock, with FedEx's limits, in its own process. */
export async function startDouble(options: DoubleOptions): Promise<BenchDouble> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'bench/fedex-double-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DOUBLE: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the FedEx double did not start within 60 s')), 60_000);
    child.once('exit', (code) => fail(new Error(`the FedEx double exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      ok((JSON.parse(line) as { url: string }).url);
    });
  });
  const control = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
    if (!res.ok) throw new Error(`FedEx double ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    pid: child.pid as number,
    control,
    arrivals: async () => ((await control('GET', '/__bench/arrivals')) as { arrivals: DoubleArrival[] }).arrivals,
    trackingNumbers: async () => ((await control('GET', '/__bench/tracking-numbers')) as { trackingNumbers: string[] }).trackingNumbers,
    stop: () => stopChild(child),
  };
}

/** A `fedex.call` log line of the relay: when a FedEx request left, for which key. */
export interface RelayFedexCall {
  operation: string;
  attempt: number;
  status?: number;
  startedAt: number;
  customerTransactionId?: string;
}

export interface BenchRelay {
  url: string;
  pid: number;
  /** Every FedEx call the relay logged so far. */
  fedexCalls: RelayFedexCall[];
  /** Resolves when the relay holds its FedEx token (it fetches it at start). */
  tokenReady: Promise<void>;
  /** When it logged that it listens (ms since the epoch): its in-memory store began before. */
  listenedAt: number;
  memory(): { peakMb: number; rssMb: number };
  stop(): Promise<void>;
}

/** relay/dist/index.js in a child process, configured by environment variables as in production. */
export async function startRelay(fedexUrl: string, env: Record<string, string> = {}, nodeOptions = ''): Promise<BenchRelay> {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve(ROOT, 'relay/dist/index.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      FEDEX_BASE_URL: fedexUrl,
      FEDEX_CLIENT_ID,
      FEDEX_CLIENT_SECRET,
      FEDEX_ACCOUNT_NUMBER: FEDEX_ACCOUNT,
      RELAY_SHARED_SECRET: RELAY_SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let listening!: () => void;
  let tokenReady!: () => void;
  const listened = new Promise<void>((ok) => (listening = ok));
  const ready = new Promise<void>((ok) => (tokenReady = ok));
  // The relay logs JSON lines: readiness, and one line per FedEx call.
  const fedexCalls: RelayFedexCall[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.includes('"fedex.call"')) fedexCalls.push(JSON.parse(line) as RelayFedexCall);
    else if (line.includes('"relay.listening"')) listening();
    else if (line.includes('"fedex.token.ready"')) tokenReady();
  });
  const exited = new Promise<never>((_, fail) => child.once('exit', (code) => fail(new Error(`the relay exited with ${code}`))));
  exited.catch(() => undefined);
  await Promise.race([listened, exited]);
  const listenedAt = Date.now();
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    listenedAt,
    fedexCalls,
    tokenReady: Promise.race([ready, exited]),
    memory: () => memoryOf(child.pid as number),
    stop: () => stopChild(child),
  };
}
