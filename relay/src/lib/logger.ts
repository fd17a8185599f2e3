// Structured logs as JSON lines. Callers pass ids and codes, never credentials or signatures;
// `redact` removes any field whose name looks secret as a second line of defence.
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const SECRET_NAME = /secret|password|token|authorization|signature|label|content/i;

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_NAME.test(k) ? '[redacted]' : v;
  return out;
}

export function createJsonLogger(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`), now: () => number = Date.now): Logger {
  const emit = (level: string) => (event: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...redact(fields) }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
