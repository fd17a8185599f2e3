import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createFedexDouble, type FedexDouble, type FedexDoubleOptions } from './app';
import { systemClock, type Clock, type ManualClock } from './clock';
import { warmUpValidators } from './schemas';

export interface StartOptions<C extends Clock = ManualClock> extends FedexDoubleOptions<C> {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only. */
  hostname?: string;
}

export interface RunningFedexDouble<C extends Clock = ManualClock> {
  /** e.g. http://127.0.0.1:53817, with no trailing slash. */
  url: string;
  double: FedexDouble<C>;
  close(): Promise<void>;
}

/** Serves a new double over real HTTP (for dropped connections, label URLs, child-process tests). */
export async function startFedexDouble<C extends Clock = ManualClock>(options: StartOptions<C> = {}): Promise<RunningFedexDouble<C>> {
  const { port = 0, hostname = '127.0.0.1', ...doubleOptions } = options;
  const double = createFedexDouble<C>(doubleOptions);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: double.app.fetch, port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${hostname}:${address.port}`,
    double,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets would hold close() open; the double's clients are done by now.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function parseArgs(argv: string[]): StartOptions<Clock> {
  const options: StartOptions<Clock> = {};
  const accounts: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i += 1;
      return value;
    };
    switch (flag) {
      case '--port':
        options.port = Number(need());
        break;
      case '--client-id':
        options.clientId = need();
        break;
      case '--client-secret':
        options.clientSecret = need();
        break;
      case '--account':
        accounts.push(need());
        break;
      case '--webhook-token':
        options.webhookSecurityToken = need();
        break;
      case '--token-lifetime':
        options.tokenLifetimeSeconds = Number(need());
        break;
      case '--clock': {
        const kind = need();
        if (kind === 'real') options.clock = systemClock;
        else if (kind !== 'manual') throw new Error('--clock is manual or real');
        break;
      }
      default:
        throw new Error(
          `unknown argument ${flag}. Usage: tsx test/fedex-double/server.ts [--port N] [--clock manual|real] [--client-id ID] [--client-secret S] [--account N]... [--webhook-token T] [--token-lifetime SECONDS]`,
        );
    }
  }
  if (accounts.length > 0) options.accountNumbers = accounts;
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  warmUpValidators();
  const running = await startFedexDouble(options);
  process.stdout.write(`FEDEX_DOUBLE_URL=${running.url}\n`);
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`fedex-double: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
