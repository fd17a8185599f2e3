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
