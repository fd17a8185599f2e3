// For tests only (never imported by the relay): a throwaway redis-server on a unix socket in a
// temp dir (`--port 0` turns TCP off, so no port can clash), without persistence.
// Tests install nothing: without redis-server they are skipped locally; CI (.ci/run) installs it,
// and under CI a missing redis-server fails instead of skipping.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer && process.env.CI) throw new Error('redis-server is not installed (CI installs it in .ci/run: apt-get install redis-server)');
if (!hasRedisServer) {
  // Said once per test file that needs it, so a "skipped" in the summary is never a mystery.
  console.warn('Redis tests skipped: redis-server is not installed (apt-get install redis-server; .ci/run installs it, and under CI a missing redis-server fails instead).');
}

export interface TestRedis {
  /** A new connection: one per simulated relay instance. */
  connect(): Redis;
  /** With `port`: the redis:// URL a relay child process is configured with. */
  url?: string;
  stop(): Promise<void>;
}

/** `port`: listen on 127.0.0.1:port too (for a relay in a child process, whose REDIS_URL must be redis://). */
export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'mlfx-redis-'));
  const socket = join(dir, 'redis.sock');
  const tcp = options.port ? ['--port', String(options.port), '--bind', '127.0.0.1'] : ['--port', '0'];
  const child: ChildProcess = spawn('redis-server', [...tcp, '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  try {
    await started;
  } catch (error) {
    child.kill('SIGKILL'); // never leave a half-started server behind
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const clients: Redis[] = [];
  return {
    ...(options.port ? { url: `redis://127.0.0.1:${options.port}` } : {}),
    connect() {
      const client = new Redis({ path: socket, maxRetriesPerRequest: 1 });
      clients.push(client);
      return client;
    },
    async stop() {
      clients.forEach((c) => c.disconnect());
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
