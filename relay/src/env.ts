// The relay's configuration: read from the environment once, at start, and nowhere else.
// A missing or bad value stops the relay with a message naming it (never its value).
//
// Credentials need not sit in plain text on disk: besides plain variables, the relay reads
//   - NAME_FILE: the value of NAME from a file (container secret mounts, e.g. /run/secrets/...), for the
//     relay's own variables (RELAY_VARIABLES; another program's SSL_CERT_FILE is left alone);
//   - RELAY_ENV_FILE: an env file (KEY=value lines), plain or encrypted with dotenvx (each value `encrypted:...`, ECIES with the
//     file's public key), decrypted in memory with DOTENV_PRIVATE_KEY (or DOTENV_PRIVATE_KEY_FILE),
//     which lives only in the service's environment or secret store, never beside the file.
// A variable set directly wins over the encrypted file; a variable set both directly and as _FILE is an error.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

/** Each setting's own message, whatever is wrong with it: a number says its range, a URL its form. */
const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const httpUrl = (example: string) => z.url({ protocol: /^https?$/, error: `must be an http:// or https:// URL, e.g. ${example}` });

const fields = z.object({
  FEDEX_BASE_URL: httpUrl('https://apis-sandbox.fedex.com or https://apis.fedex.com').describe('https://apis-sandbox.fedex.com, https://apis.fedex.com, or a local FedEx double'),
  FEDEX_CLIENT_ID: z.string().min(1),
  FEDEX_CLIENT_SECRET: z.string().min(1),
  FEDEX_ACCOUNT_NUMBER: z.string().regex(/^[0-9]{9}$/, 'must be a 9-digit FedEx account number').optional(),
  RELAY_SHARED_SECRET: z.string().min(32, 'must be at least 32 characters (the value of the NetSuite API secret custsecret_mlfx_relay_hmac)'),
  // While rotating the HMAC secret: the old value, still accepted until NetSuite holds the new one.
  RELAY_SHARED_SECRET_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
  PORT: wholeNumber(1, 65535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  FEDEX_TRANSACTIONS_PER_10S: wholeNumber(1, 1400).default(1400),
  // Without Redis: how much of the answers (with their labels) the relay keeps for repeats, in MiB.
  RELAY_IDEMPOTENCY_MAX_MB: wholeNumber(1, 65536).default(32),
  // Added to FedEx's 10 s window when spacing calls: covers jitter between the relay and FedEx counting a call.
  FEDEX_PACING_GUARD_MS: wholeNumber(0, 5000).default(200),
  // Each request's deadline after arrival: under NetSuite's 45 s, leaving it time to read the answer.
  RELAY_DEADLINE_MS: wholeNumber(5_000, 44_000).default(40_000),
  // On SIGTERM: how long in-flight requests may finish before the relay exits anyway.
  RELAY_SHUTDOWN_GRACE_MS: wholeNumber(0, 120_000).default(45_000),
  // A request (headers and body) must have arrived within this; a trickling client is cut off.
  RELAY_REQUEST_TIMEOUT_MS: wholeNumber(1_000, 300_000).default(20_000),
  // Open connections at most (each costs a file descriptor); beyond it new ones are refused. Above
  // the longest line the FedEx limiter admits (a 40 s deadline at 137 calls/s: about 5,500 callers
  // waiting), so overload is answered with 503 RELAY_OVERLOADED + Retry-After, not a reset socket.
  RELAY_MAX_CONNECTIONS: wholeNumber(16, 100_000).default(8_192),
  // Several instances share idempotency results, nonces and FedEx rate limits through Redis; unset: in memory.
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://redis:6379' }).optional(),
  // Least severe log level written (pino's levels).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  // When set, GET /metrics needs `Authorization: Bearer <this>` (the relay usually faces the internet).
  RELAY_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // FedEx tracking webhooks (optional): the security token FedEx signs pushes with, and NetSuite access.
  FEDEX_WEBHOOK_SECURITY_TOKEN: z.string().min(16, 'must be at least 16 characters (the security token of your FedEx webhook project)').optional(),
  NETSUITE_ACCOUNT_ID: z.string().regex(/^[0-9A-Za-z_-]+$/, 'must be a NetSuite account id such as 123456 or 123456_SB1').optional(),
  NETSUITE_RESTLET_URL: httpUrl('https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=…&deploy=1').optional(),
  NETSUITE_AUTH: z.enum(['m2m', 'tba'], { error: 'must be m2m or tba' }).default('m2m'),
  NETSUITE_TOKEN_URL: httpUrl('https://123456.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token').optional(),
  NETSUITE_CLIENT_ID: z.string().min(1).optional(),
  NETSUITE_CERTIFICATE_ID: z.string().min(1).optional(),
  NETSUITE_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PKCS#8 PEM private key' }).optional(),
  NETSUITE_JWT_ALG: z.enum(['PS256', 'ES256'], { error: 'must be PS256 or ES256' }).default('PS256'),
  NETSUITE_CONSUMER_KEY: z.string().min(1).optional(),
  NETSUITE_CONSUMER_SECRET: z.string().min(1).optional(),
  NETSUITE_TOKEN_ID: z.string().min(1).optional(),
  NETSUITE_TOKEN_SECRET: z.string().min(1).optional(),
});

const schema = fields.superRefine((env, ctx) => {
  if (!env.FEDEX_WEBHOOK_SECURITY_TOKEN) return;
  const need = (names: (keyof typeof env)[], why: string) => {
    for (const name of names) if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
  };
  need(['NETSUITE_ACCOUNT_ID', 'NETSUITE_RESTLET_URL'], 'to receive FedEx webhooks');
  if (env.NETSUITE_AUTH === 'm2m') need(['NETSUITE_CLIENT_ID', 'NETSUITE_CERTIFICATE_ID', 'NETSUITE_PRIVATE_KEY'], 'for NETSUITE_AUTH=m2m');
  else need(['NETSUITE_CONSUMER_KEY', 'NETSUITE_CONSUMER_SECRET', 'NETSUITE_TOKEN_ID', 'NETSUITE_TOKEN_SECRET'], 'for NETSUITE_AUTH=tba');
});

/** Every variable the relay reads; only these may also come as NAME_FILE. */
export const RELAY_VARIABLES: readonly string[] = [...Object.keys(fields.shape), 'DOTENV_PRIVATE_KEY'];

/** What each setting is when unset (undefined: no default), as docs/operating-the-relay.md must say. */
export function settingDefaults(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields.shape).map(([name, field]) => {
    const unset = (field as z.ZodType).safeParse(undefined);
    return [name, unset.success ? unset.data : undefined];
  }));
}

export type RelayEnv = Readonly<z.infer<typeof schema>>;

export class EnvError extends Error {}

/** One line per bad setting (its first problem), naming the variable and what it must be; never its value. */
export function parseEnv(source: Record<string, string | undefined>): RelayEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const bySetting = new Map<string, string>();
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      const missing = issue.code !== 'custom' && cleaned[name] === undefined;
      if (!bySetting.has(name)) bySetting.set(name, missing ? 'is required but not set' : issue.message);
    }
    const lines = [...bySetting].map(([name, message]) => `  ${name}: ${message}`);
    throw new EnvError(`Relay configuration is invalid:\n${lines.join('\n')}\nSee docs/operating-the-relay.md, "Configuration reference".`);
  }
  return Object.freeze(result.data);
}

export type ReadFile = (path: string) => string;

/**
 * The variables the relay runs with: the environment, plus NAME_FILE files and the encrypted
 * RELAY_ENV_FILE (see the top of this file). Throws EnvError naming what failed, never a value.
 */
export function resolveEnv(env: Record<string, string | undefined>, readFile: ReadFile = (path) => readFileSync(path, 'utf8')): Record<string, string | undefined> {
  const problems: string[] = [];
  const read = (variable: string, path: string): string | undefined => {
    try {
      // One trailing newline is how files end, not part of the secret.
      return readFile(path).replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`  ${variable}: cannot read the file it names (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };
  const direct: Record<string, string | undefined> = { ...env };
  // NAME_FILE → NAME, for every variable (DOTENV_PRIVATE_KEY included).
  for (const [name, path] of Object.entries(env)) {
    if (!name.endsWith('_FILE') || name === 'RELAY_ENV_FILE' || !path) continue;
    const target = name.slice(0, -'_FILE'.length);
    // Only the relay's own variables: SSL_CERT_FILE and the like belong to other programs.
    if (!RELAY_VARIABLES.includes(target)) continue;
    if (env[target]) {
      problems.push(`  ${name}: ${target} is set too; set only one of them`);
      continue;
    }
    const value = read(name, path);
    if (value !== undefined) direct[target] = value;
    delete direct[name];
  }
  let fromFile: Record<string, string> = {};
  if (env.RELAY_ENV_FILE) {
    const text = read('RELAY_ENV_FILE', env.RELAY_ENV_FILE);
    if (text !== undefined) fromFile = decryptEnvFile(text, direct.DOTENV_PRIVATE_KEY, problems);
  }
  if (problems.length) throw new EnvError(`Relay configuration is invalid:\n${problems.join('\n')}\nSee docs/operating-the-relay.md, "Configuration reference".`);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(direct)) if (value !== undefined && value !== '') merged[name] = value;
  // The decryption key has done its job: it goes no further than this function.
  delete merged.DOTENV_PRIVATE_KEY;
  return merged;
}

/** dotenvx's parser with the private key; any value left encrypted is an error naming the variable. */
function decryptEnvFile(text: string, privateKey: string | undefined, problems: string[]): Record<string, string> {
  // Loaded only when used: dotenvx and its dependencies are not needed otherwise.
  const dotenvx = createRequire(import.meta.url)('@dotenvx/dotenvx') as typeof import('@dotenvx/dotenvx');
  // `ignore` keeps dotenvx from printing its own errors (which quote the start of the key); ours follow.
  const ignore = ['MISSING_PRIVATE_KEY', 'INVALID_PRIVATE_KEY', 'DECRYPTION_FAILED', 'WRONG_PRIVATE_KEY', 'MALFORMED_ENCRYPTED_DATA', 'MISPAIRED_PRIVATE_KEY'];
  // (`ignore` is honoured by parse() though its type declaration leaves it out.)
  const options = { processEnv: {}, ignore, ...(privateKey ? { privateKey } : {}) } as import('@dotenvx/dotenvx').DotenvParseOptions;
  const parsed = dotenvx.parse(text, options);
  const undecrypted = Object.entries(parsed).filter(([, value]) => value.startsWith('encrypted:')).map(([name]) => name);
  if (undecrypted.length) {
    problems.push(
      `  RELAY_ENV_FILE: ${undecrypted.join(', ')} could not be decrypted: ${privateKey ? 'DOTENV_PRIVATE_KEY is not the key this file was encrypted for' : 'DOTENV_PRIVATE_KEY (or DOTENV_PRIVATE_KEY_FILE) is not set'}`,
    );
  }
  return Object.fromEntries(Object.entries(parsed).filter(([name]) => !name.startsWith('DOTENV_PUBLIC_KEY')));
}

/** NetSuite's token endpoint for an account id (123456_SB1 → https://123456-sb1.suitetalk.api.netsuite.com/...). */
export function netsuiteTokenUrl(env: RelayEnv): string {
  if (env.NETSUITE_TOKEN_URL) return env.NETSUITE_TOKEN_URL;
  const host = String(env.NETSUITE_ACCOUNT_ID).toLowerCase().replace(/_/g, '-');
  return `https://${host}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`;
}
