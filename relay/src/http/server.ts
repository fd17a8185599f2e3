// The relay's HTTP server: bounded in what a caller can make it hold, and shut down gracefully.
// Bounds: headers must arrive within 10 s and the whole request within 20 s (configurable; a trickling client is
// cut off), an idle keep-alive socket closes after 5 s, and at most `maxConnections` sockets are open
// (each costs a file descriptor). Shutdown: stop accepting, close idle sockets, let in-flight
// requests (and their FedEx calls) finish up to the grace period, then close whatever is left.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono, Env } from 'hono';

export const SERVER_TIMEOUTS = {
  headersMs: 10_000,
  requestMs: 20_000,
  keepAliveMs: 5_000,
  /** How often Node checks the two timeouts above (its default, 30 s, would let a trickle live 50 s). */
  checkIntervalMs: 1_000,
} as const;

export interface RelayServer {
  server: Server;
  port: number;
  /** True from the moment shutdown starts: /readyz turns 503 so load balancers stop sending. */
  shuttingDown(): boolean;
  /** Resolves when every connection is closed; in-flight requests get up to `graceMs`. */
  shutdown(graceMs: number): Promise<{ forced: boolean }>;
}

export function startServer(app: Hono<Env>, options: { port: number; hostname: string; maxConnections: number; requestTimeoutMs?: number }): Promise<RelayServer> {
  const requestTimeout = options.requestTimeoutMs ?? SERVER_TIMEOUTS.requestMs;
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: app.fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: {
        headersTimeout: Math.min(SERVER_TIMEOUTS.headersMs, requestTimeout),
        requestTimeout,
        keepAliveTimeout: SERVER_TIMEOUTS.keepAliveMs,
        connectionsCheckingInterval: SERVER_TIMEOUTS.checkIntervalMs,
      },
    }) as Server;
    server.maxConnections = options.maxConnections;
    server.once('error', reject);
    server.once('listening', () => {
      let stopping = false;
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        shuttingDown: () => stopping,
        shutdown: (graceMs) => {
          stopping = true;
          return new Promise((done) => {
            let forced = false;
            // A keep-alive socket becomes idle once its request is answered: close those as they appear.
            const sweep = setInterval(() => server.closeIdleConnections(), 200);
            const force = setTimeout(() => {
              forced = true;
              server.closeAllConnections();
            }, graceMs);
            server.close(() => {
              clearInterval(sweep);
              clearTimeout(force);
              done({ forced });
            });
            server.closeIdleConnections();
          });
        },
      });
    });
  });
}

/**
 * The one line an operator needs when the relay cannot listen (instead of Node's stack trace), or
 * undefined for an error that is not about the address.
 */
export function listenProblem(error: unknown, hostname: string, port: number): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${hostname}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `The relay cannot listen on ${where}: the port is already in use (another relay or program listens there). Stop it, or set PORT to a free port.`;
    case 'EACCES':
      return `The relay cannot listen on ${where}: permission denied (ports below 1024 need privileges). Set PORT to 1024 or above.`;
    case 'EADDRNOTAVAIL':
      return `The relay cannot listen on ${where}: HOST is not an address of this machine. Set HOST to one of its addresses, or 0.0.0.0 for all.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The relay cannot listen on ${where}: HOST does not resolve to an address. Set HOST to an IP address, or 0.0.0.0 for all.`;
    default:
      return undefined;
  }
}

