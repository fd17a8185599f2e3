// The relay's entry point: configuration, dependencies, HTTP server.
import { Redis } from 'ioredis';
import type { RelayEnv } from './env';
import { EnvError, netsuiteTokenUrl, parseEnv, resolveEnv } from './env';
import { listenProblem, startServer } from './http/server';
import type { ReadinessCheck } from './http/health';
import { MemoryWebhookDedupe, RedisWebhookDedupe } from './webhooks/dedupe';
import type { Clock } from './lib/clock';
import { NetSuiteClient } from './netsuite/client';
import { FedexClient } from './fedex/client';
import { createFedexLimiters, FEDEX_LIMITS } from './fedex/limiter';
import { createRedisFedexLimiters } from './fedex/redis-limiter';
import { RedisIdempotencyStore } from './idempotency/redis-store';
import { MemoryIdempotencyStore } from './idempotency/store';
import { systemClock } from './lib/clock';
import { RedisTokenSource } from './lib/token-cache-redis';
import { createApp } from './lib/create-app';
import { createLogger, type Logger } from './lib/logger';
import { createRelayMetrics, instrumentLimiters, recordFedexAttempt } from './lib/metrics';
import { MemoryNonceStore } from './security/nonce-store';
import { RedisNonceStore } from './security/redis-nonce-store';

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv(resolveEnv(process.env));
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger({ level: env.LOG_LEVEL });
  const clock = systemClock;
  const limits = { ...FEDEX_LIMITS, transactionsPerWindow: env.FEDEX_TRANSACTIONS_PER_10S, guardMs: env.FEDEX_PACING_GUARD_MS };
  // With REDIS_URL, the shared state of several instances lives in Redis; without, in this process.
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL, log) : undefined;
  const metrics = createRelayMetrics({ processMetrics: true });
  const limiters = instrumentLimiters(redis ? createRedisFedexLimiters(redis, env.FEDEX_CLIENT_ID, clock, limits) : createFedexLimiters(clock, limits), metrics);
  const fedex = new FedexClient({
    baseUrl: env.FEDEX_BASE_URL.replace(/\/$/, ''),
    clientId: env.FEDEX_CLIENT_ID,
    clientSecret: env.FEDEX_CLIENT_SECRET,
    clock,
    limiters,
    // Several instances share one FedEx token (encrypted in Redis); one instance renews it under a lock.
    ...(redis ? { tokenSource: (fetchToken) => new RedisTokenSource({ redis, name: env.FEDEX_CLIENT_ID, secret: env.FEDEX_CLIENT_SECRET, fetchToken, clock }) } : {}),
    onAttempt: (e) => {
      log.info('fedex.call', { ...e });
      recordFedexAttempt(metrics, e);
    },
    onTokenError: (error) => log.warn('fedex.token.failed', { message: error instanceof Error ? error.message : String(error) }),
    defaultDeadlineMs: env.RELAY_DEADLINE_MS,
  });
  // In memory, this life's nonces begin at the next whole second, and the relay listens only from
  // then: no request signed in an earlier life (even the same second) can be replayed into it.
  const epochMs = Math.ceil((clock.now() + 1) / 1000) * 1000;
  let shuttingDown = () => false;
  const readiness: ReadinessCheck[] = [
    { name: 'shutdown', problem: async () => (shuttingDown() ? 'the relay is shutting down' : undefined) },
    { name: 'fedex-token', problem: () => tokenProblem(fedex) },
  ];
  if (redis) readiness.push({ name: 'redis', problem: () => redisProblem(redis) });
  const app = createApp({
    fedex,
    // A claim outlives its owner's deadline, so a stalled owner's create has ended before anyone else may take the key.
    store: redis
      ? new RedisIdempotencyStore(redis, { clock, inFlightTtlMs: env.RELAY_DEADLINE_MS + 20_000 })
      : new MemoryIdempotencyStore({ maxBytes: env.RELAY_IDEMPOTENCY_MAX_MB * 1024 * 1024 }),
    nonces: redis ? new RedisNonceStore(redis, () => clock.now()) : new MemoryNonceStore(() => clock.now(), epochMs),
    clock,
    log,
    metrics,
    ...(env.RELAY_METRICS_TOKEN ? { metricsToken: env.RELAY_METRICS_TOKEN } : {}),
    sharedSecret: env.RELAY_SHARED_SECRET,
    ...(env.RELAY_SHARED_SECRET_PREVIOUS ? { previousSharedSecret: env.RELAY_SHARED_SECRET_PREVIOUS } : {}),
    deadlineMs: env.RELAY_DEADLINE_MS,
    readiness,
    ...(env.FEDEX_ACCOUNT_NUMBER ? { defaultAccountNumber: env.FEDEX_ACCOUNT_NUMBER } : {}),
    ...(env.FEDEX_WEBHOOK_SECURITY_TOKEN
      ? { webhooks: { securityToken: env.FEDEX_WEBHOOK_SECURITY_TOKEN, netsuite: netsuiteClient(env, clock), dedupe: redis ? new RedisWebhookDedupe(redis) : new MemoryWebhookDedupe(() => clock.now()) } }
      : {}),
  });
  await clock.sleep(epochMs - clock.now());
  // Give Redis a moment to connect, so the first requests do not fail for a connection still opening;
  // if it does not come, listen anyway (/readyz says why) and recover when it does.
  if (redis && redis.status !== 'ready') await Promise.race([new Promise((ok) => redis.once('ready', ok)), clock.sleep(5_000)]);
  let relay;
  try {
    relay = await startServer(app, { port: env.PORT, hostname: env.HOST, maxConnections: env.RELAY_MAX_CONNECTIONS, requestTimeoutMs: env.RELAY_REQUEST_TIMEOUT_MS });
  } catch (error) {
    const problem = listenProblem(error, env.HOST, env.PORT);
    if (!problem) throw error;
    // One line for the operator, on stderr like a configuration error, then out.
    console.error(problem);
    process.exit(1);
  }
  // The token is fetched once the relay listens (a relay that cannot start never asks FedEx, whose
  // token endpoint penalises an IP that asks too often) and renewed before it lapses, so the first
  // burst does not wait on it; /readyz answers 503 until it is held.
  void fedex.tokens.start().then(() => fedex.tokens.ready() && log.info('fedex.token.ready', {}));
  shuttingDown = relay.shuttingDown;
  log.info('relay.listening', { port: relay.port, host: env.HOST, fedex: env.FEDEX_BASE_URL, sharedState: redis ? 'redis' : 'memory' });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('relay.stopping', { signal, graceMs: env.RELAY_SHUTDOWN_GRACE_MS });
    const { forced } = await relay.shutdown(env.RELAY_SHUTDOWN_GRACE_MS);
    fedex.tokens.stop();
    // Requests are done (or cut off): nothing left to wait for on Redis.
    await redis?.quit().catch(() => redis.disconnect());
    log.info('relay.stopped', { forced });
    // Exit once the last log line has left (stdout to a pipe is asynchronous).
    process.stdout.write('', () => process.exit(0));
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Redis fails closed, fast: no offline queue (a command while disconnected fails at once instead
 * of waiting for a reconnect), every command times out after 2 s, and reconnection never stops,
 * so the relay recovers by itself when Redis returns.
 */
function connectRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Without a listener ioredis would print each error as unhandled. Never log the URL (password).
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) log.warn('redis.error', { message: error.message });
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info('redis.recovered', {});
    down = false;
  });
  return redis;
}

async function redisProblem(redis: Redis): Promise<string | undefined> {
  if (redis.status !== 'ready') return `not connected (${redis.status})`;
  try {
    await redis.ping();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Ready once a FedEx token is held, or can be had now (another instance stored one, FedEx issues one). */
async function tokenProblem(fedex: FedexClient): Promise<string | undefined> {
  if (fedex.tokens.ready()) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('no FedEx token yet (still being fetched)'), 3_000)));
  try {
    return await Promise.race([fedex.tokens.get().then(() => undefined), late]);
  } catch (error) {
    return `no FedEx token: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

function netsuiteClient(env: RelayEnv, clock: Clock): NetSuiteClient {
  const restletUrl = String(env.NETSUITE_RESTLET_URL);
  if (env.NETSUITE_AUTH === 'tba') {
    return new NetSuiteClient({
      restletUrl,
      clock,
      auth: {
        kind: 'tba',
        credentials: {
          accountId: String(env.NETSUITE_ACCOUNT_ID),
          consumerKey: String(env.NETSUITE_CONSUMER_KEY),
          consumerSecret: String(env.NETSUITE_CONSUMER_SECRET),
          tokenId: String(env.NETSUITE_TOKEN_ID),
          tokenSecret: String(env.NETSUITE_TOKEN_SECRET),
        },
      },
    });
  }
  return new NetSuiteClient({
    restletUrl,
    clock,
    auth: {
      kind: 'm2m',
      config: {
        tokenUrl: netsuiteTokenUrl(env),
        clientId: String(env.NETSUITE_CLIENT_ID),
        certificateId: String(env.NETSUITE_CERTIFICATE_ID),
        // Environments often hold PEM keys on one line with literal \n.
        privateKeyPem: String(env.NETSUITE_PRIVATE_KEY).replace(/\\n/g, '\n'),
        algorithm: env.NETSUITE_JWT_ALG,
        scopes: ['restlets'],
      },
    },
  });
}

main().catch((error: unknown) => {
  // Not a configuration or address problem (those say so in one line above): a bug, with its stack.
  console.error('The relay failed to start:', error);
  process.exit(1);
});
