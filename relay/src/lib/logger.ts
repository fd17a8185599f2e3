// The relay's logs: JSON lines written by pino, one per event: {"level","time","pid","hostname",
// "requestId","event",...fields}. Guarantees: every line logged while serving a request carries that
// request's id (Hono's request-id, also sent back as X-Request-Id), read from Hono's context storage,
// so nothing has to pass it along; fields that hold secrets or label bytes are censored by path
// (`redact`) wherever a caller puts them, as a second line of defence: callers log ids and codes only.
import { tryGetContext } from 'hono/context-storage';
import pino, { type DestinationStream, type LevelWithSilent } from 'pino';
import { SIGNATURE_HEADERS } from '../../../shared/src/signing';

/** What the relay's code logs with: an event name (`fedex.call`, `shipment.created`) and its fields. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
}

/** Field names that hold credentials, signatures or label bytes, wherever they sit (top level or one down). */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'sharedSecret',
  'clientSecret',
  'client_secret',
  'consumerSecret',
  'tokenSecret',
  'securityToken',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'privateKey',
  'privateKeyPem',
  'signature',
  SIGNATURE_HEADERS.signature,
  'fdx-signature',
  'encodedLabel',
  'content',
] as const;

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((name) => [key(name).replace(/^\./, ''), `*${key(name)}`]),
  // Labels and documents travel in create answers: their bytes are large and are the customer's.
  ...['labels', 'documents', 'response.labels', 'response.documents'].map((list) => `${list}[*].content`),
];

export interface LoggerOptions {
  /** Least severe level written (LOG_LEVEL); default info. */
  level?: LevelWithSilent;
  /** Where lines go: one JSON line per call, without its newline. Default stdout. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination: DestinationStream | undefined = options.write ? { write: (line: string) => options.write?.(line.replace(/\n$/, '')) } : undefined;
  const base = pino(
    {
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Hono's request id, on every line logged while a request is served (createApp stores the context).
      mixin: () => {
        const requestId = tryGetContext()?.get('requestId');
        return requestId ? { requestId } : {};
      },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  const at = (level: 'info' | 'warn' | 'error' | 'debug') => (event: string, fields: Record<string, unknown> = {}) => base[level]({ event, ...fields });
  return { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

/** The relay's JSON logger; `write` receives each line (tests read them). */
export function createJsonLogger(write?: (line: string) => void, level?: LevelWithSilent): Logger {
  return createLogger({ ...(write ? { write } : {}), ...(level ? { level } : {}) });
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
