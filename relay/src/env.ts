// The relay's configuration: read from the environment once, at start, and nowhere else.
// A missing or bad value stops the relay with a message naming it (never its value).
import { z } from 'zod';

const schema = z.object({
  FEDEX_BASE_URL: z.url({ protocol: /^https?$/ }).describe('https://apis-sandbox.fedex.com, https://apis.fedex.com, or a local FedEx double'),
  FEDEX_CLIENT_ID: z.string().min(1),
  FEDEX_CLIENT_SECRET: z.string().min(1),
  FEDEX_ACCOUNT_NUMBER: z.string().regex(/^[0-9]{9}$/, 'must be a 9-digit FedEx account number').optional(),
  RELAY_SHARED_SECRET: z.string().min(32, 'must be at least 32 characters (the value of the NetSuite API secret custsecret_mlfx_relay_hmac)'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  FEDEX_TRANSACTIONS_PER_10S: z.coerce.number().int().min(1).max(1400).default(1400),
  // Without Redis: how much of the answers (with their labels) the relay keeps for repeats, in MiB.
  RELAY_IDEMPOTENCY_MAX_MB: z.coerce.number().int().min(1).max(65536).default(32),
  // Added to FedEx's 10 s window when spacing calls: covers jitter between the relay and FedEx counting a call.
  FEDEX_PACING_GUARD_MS: z.coerce.number().int().min(0).max(5000).default(200),
  // Several instances share idempotency results, nonces and FedEx rate limits through Redis; unset: in memory.
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional(),
  // FedEx tracking webhooks (optional): the security token FedEx signs pushes with, and NetSuite access.
  FEDEX_WEBHOOK_SECURITY_TOKEN: z.string().min(16).optional(),
  NETSUITE_ACCOUNT_ID: z.string().regex(/^[0-9A-Za-z_-]+$/, 'must be a NetSuite account id such as 123456 or 123456_SB1').optional(),
  NETSUITE_RESTLET_URL: z.url({ protocol: /^https?$/ }).optional(),
  NETSUITE_AUTH: z.enum(['m2m', 'tba']).default('m2m'),
  NETSUITE_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
  NETSUITE_CLIENT_ID: z.string().min(1).optional(),
  NETSUITE_CERTIFICATE_ID: z.string().min(1).optional(),
  NETSUITE_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PKCS#8 PEM private key' }).optional(),
  NETSUITE_JWT_ALG: z.enum(['PS256', 'ES256']).default('PS256'),
  NETSUITE_CONSUMER_KEY: z.string().min(1).optional(),
  NETSUITE_CONSUMER_SECRET: z.string().min(1).optional(),
  NETSUITE_TOKEN_ID: z.string().min(1).optional(),
  NETSUITE_TOKEN_SECRET: z.string().min(1).optional(),
}).superRefine((env, ctx) => {
  if (!env.FEDEX_WEBHOOK_SECURITY_TOKEN) return;
  const need = (names: (keyof typeof env)[], why: string) => {
    for (const name of names) if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
  };
  need(['NETSUITE_ACCOUNT_ID', 'NETSUITE_RESTLET_URL'], 'to receive FedEx webhooks');
  if (env.NETSUITE_AUTH === 'm2m') need(['NETSUITE_CLIENT_ID', 'NETSUITE_CERTIFICATE_ID', 'NETSUITE_PRIVATE_KEY'], 'for NETSUITE_AUTH=m2m');
  else need(['NETSUITE_CONSUMER_KEY', 'NETSUITE_CONSUMER_SECRET', 'NETSUITE_TOKEN_ID', 'NETSUITE_TOKEN_SECRET'], 'for NETSUITE_AUTH=tba');
});

export type RelayEnv = Readonly<z.infer<typeof schema>>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): RelayEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${/received undefined/.test(i.message) ? 'is required but not set' : i.message}`);
    throw new EnvError(`Relay configuration is invalid:\n${lines.join('\n')}\nSee README.md, "Running the relay".`);
  }
  return Object.freeze(result.data);
}

/** NetSuite's token endpoint for an account id (123456_SB1 → https://123456-sb1.suitetalk.api.netsuite.com/...). */
export function netsuiteTokenUrl(env: RelayEnv): string {
  if (env.NETSUITE_TOKEN_URL) return env.NETSUITE_TOKEN_URL;
  const host = String(env.NETSUITE_ACCOUNT_ID).toLowerCase().replace(/_/g, '-');
  return `https://${host}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`;
}
