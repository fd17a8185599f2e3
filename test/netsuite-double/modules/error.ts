// N/error, and the one error shape the whole double throws: NetSuite's error.SuiteScriptError
// (error.UserEventError inside a user event, error.SuiteScriptModuleLoaderError for a module that
// cannot load). Scripts branch on `name`, so every error the double raises carries a NetSuite
// name (SSS_USAGE_LIMIT_EXCEEDED, RCRD_DSNT_EXIST, INVALID_FLD_VALUE, …) or, where NetSuite
// would silently accept something the double refuses on purpose, a DOUBLE_* name saying so.
import { randomBytes } from 'node:crypto';
import type { ScriptRunContext } from '../types.js';
import { realmErrorOf } from '../invocation.js';

export type SuiteScriptErrorType = 'error.SuiteScriptError' | 'error.UserEventError' | 'error.SuiteScriptModuleLoaderError';

export interface SuiteScriptErrorFields {
  name: string;
  message: string;
  notifyOff?: boolean;
  cause?: unknown;
  type?: SuiteScriptErrorType;
  /** UserEventError only. */
  recordId?: string;
  eventType?: string;
}

export interface SuiteScriptErrorLike extends Error {
  readonly type: SuiteScriptErrorType;
  readonly id: string;
  readonly cause: unknown;
  readonly notifyOff: boolean;
  readonly userFacing: boolean;
}

/**
 * Builds the error. `RealmError` is the sandbox's Error constructor when the error is meant for
 * a script, so `e instanceof Error` holds inside the script as it would for its own errors.
 */
export function createSuiteScriptError(fields: SuiteScriptErrorFields, RealmError: ErrorConstructor = Error): SuiteScriptErrorLike {
  const error = new RealmError(fields.message) as Error & Record<string, unknown>;
  const type = fields.type ?? 'error.SuiteScriptError';
  const props: Record<string, unknown> = {
    name: fields.name,
    type,
    id: randomBytes(10).toString('hex'),
    cause: fields.cause,
    notifyOff: fields.notifyOff ?? false,
    userFacing: true,
  };
  if (type === 'error.UserEventError') {
    props.recordId = fields.recordId ?? '';
    props.eventType = fields.eventType ?? '';
  }
  for (const [key, value] of Object.entries(props)) {
    Object.defineProperty(error, key, { value, enumerable: key !== 'cause', writable: false, configurable: true });
  }
  // JSON.stringify(e) in NetSuite gives the error's fields, which scripts log; a plain Error gives {}.
  Object.defineProperty(error, 'toJSON', {
    value: () => ({ type, name: fields.name, message: fields.message, id: props.id, cause: fields.cause, notifyOff: props.notifyOff, userFacing: true }),
    enumerable: false,
  });
  return error as unknown as SuiteScriptErrorLike;
}

/** True for anything shaped like a SuiteScriptError (ours, or one a script built with error.create). */
export function isSuiteScriptError(value: unknown): value is SuiteScriptErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && String((value as { type: string }).type).startsWith('error.');
}

/** name + message of anything thrown, for logs and invocation records. */
export function describeThrown(value: unknown): { name: string; message: string } {
  if (typeof value === 'object' && value !== null) {
    const v = value as { name?: unknown; message?: unknown };
    return { name: typeof v.name === 'string' ? v.name : 'Error', message: typeof v.message === 'string' ? v.message : safeString(value) };
  }
  return { name: typeof value, message: safeString(value) };
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Error for a SuiteScript API the double does not implement: never a silent success. */
export function notImplemented(api: string, RealmError: ErrorConstructor = Error): SuiteScriptErrorLike {
  return createSuiteScriptError({ name: 'DOUBLE_NOT_IMPLEMENTED', message: `not implemented in the test double: ${api}` }, RealmError);
}

/** The script-facing N/error module. */
export function createErrorModule(ctx: ScriptRunContext) {
  const RealmError = realmErrorOf(ctx);
  const inUserEvent = ctx.scriptType === 'UserEventScript';
  return {
    create(options: { name?: unknown; message?: unknown; notifyOff?: unknown }) {
      if (!options || typeof options !== 'object' || typeof options.name !== 'string' || options.name === '') {
        throw createSuiteScriptError({ name: 'SSS_MISSING_REQD_ARGUMENT', message: 'Missing a required argument: name' }, RealmError);
      }
      const message = typeof options.message === 'string' ? options.message : describeThrown(options.message).message;
      return createSuiteScriptError(
        {
          name: options.name,
          message,
          notifyOff: options.notifyOff === true,
          type: inUserEvent ? 'error.UserEventError' : 'error.SuiteScriptError',
        },
        RealmError,
      );
    },
  };
}
