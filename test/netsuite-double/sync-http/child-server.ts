// Starts a server script in a child process and waits for it to report its port, for tests whose
// scripts call that server through the blocking N/https (see sync-request.ts: the server cannot
// share the test's thread).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer {
  readonly port: number;
  /** http://127.0.0.1:<port> (https:// when started with `tls`) */
  readonly origin: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `node <script> ...args`; the script must print `{"port": n}` as its first stdout line.
 * `nodeArgs` go before the script (e.g. ['--import', 'tsx'] for a TypeScript server).
 */
export async function startChildServer(
  script: string | URL,
  args: string[] = [],
  nodeArgs: string[] = [],
  /** Serve https with this key and certificate (the script reads TLS_KEY / TLS_CERT). */
  tls?: { key: string; cert: string },
): Promise<ChildServer> {
  const path = script instanceof URL ? script.pathname : script;
  const env = tls ? { ...process.env, TLS_KEY: tls.key, TLS_CERT: tls.cert } : process.env;
  const child = spawn(process.execPath, [...nodeArgs, path, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${path} exited with ${code} before reporting its port`)));
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch (error) {
        reject(error);
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    port,
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
