// The relay's entry point: configuration, dependencies, HTTP server.
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import type { RelayEnv } from './env';
import { EnvError, netsuiteTokenUrl, parseEnv } from './env';
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
import { createJsonLogger } from './lib/logger';
import { MemoryNonceStore } from './security/nonce-store';
import { RedisNonceStore } from './security/redis-nonce-store';

function main(): void {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createJsonLogger();
  const clock = systemClock;
  const limits = { ...FEDEX_LIMITS, transactionsPerWindow: env.FEDEX_TRANSACTIONS_PER_10S, guardMs: env.FEDEX_PACING_GUARD_MS };
  // With REDIS_URL, the shared state of several instances lives in Redis; without, in this process.
  const redis = env.REDIS_URL ? new Redis(env.REDIS_URL) : undefined;
  // ioredis reconnects by itself; without a listener it would print each error as unhandled. Never log the URL (password).
  redis?.on('error', (error: Error) => log.warn('redis.error', { message: error.message }));
  const limiters = redis ? createRedisFedexLimiters(redis, env.FEDEX_CLIENT_ID, clock, limits) : createFedexLimiters(clock, limits);
  const fedex = new FedexClient({
    baseUrl: env.FEDEX_BASE_URL.replace(/\/$/, ''),
    clientId: env.FEDEX_CLIENT_ID,
    clientSecret: env.FEDEX_CLIENT_SECRET,
    clock,
    limiters,
    // Several instances share one FedEx token (encrypted in Redis); one instance renews it under a lock.
    ...(redis ? { tokenSource: (fetchToken) => new RedisTokenSource({ redis, name: env.FEDEX_CLIENT_ID, secret: env.FEDEX_CLIENT_SECRET, fetchToken, clock }) } : {}),
    onAttempt: (e) => log.info('fedex.call', { ...e }),
    onTokenError: (error) => log.warn('fedex.token.failed', { message: error instanceof Error ? error.message : String(error) }),
  });
  // The token is fetched now and renewed before it lapses, so the first burst does not wait on it.
  void fedex.tokens.start().then(() => log.info('fedex.token.ready', {}));
  const app = createApp({
    fedex,
    store: redis ? new RedisIdempotencyStore(redis, { clock }) : new MemoryIdempotencyStore({ maxBytes: env.RELAY_IDEMPOTENCY_MAX_MB * 1024 * 1024 }),
    nonces: redis ? new RedisNonceStore(redis, () => clock.now()) : new MemoryNonceStore(),
    clock,
    log,
    sharedSecret: env.RELAY_SHARED_SECRET,
    ...(env.FEDEX_ACCOUNT_NUMBER ? { defaultAccountNumber: env.FEDEX_ACCOUNT_NUMBER } : {}),
    ...(env.FEDEX_WEBHOOK_SECURITY_TOKEN ? { webhooks: { securityToken: env.FEDEX_WEBHOOK_SECURITY_TOKEN, netsuite: netsuiteClient(env, clock) } } : {}),
  });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    log.info('relay.listening', { port: info.port, host: env.HOST, fedex: env.FEDEX_BASE_URL, sharedState: redis ? 'redis' : 'memory' });
  });
  const stop = () =>
    server.close(() => {
      fedex.tokens.stop();
      redis?.disconnect(); // requests are done: nothing left to wait for on Redis
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
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

main();
