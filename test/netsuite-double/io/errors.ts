// Errors thrown by the I/O parts (N/https, N/crypto, N/encode, N/file, N/url, N/task, the Map/Reduce
// driver, the HTTP server), shaped as NetSuite's error.SuiteScriptError: scripts branch on `name`.
//
// Account-level code (File Cabinet, secret vault, codecs) has no invocation at hand, so it throws
// host errors made by ioError(). Everything a script touches is passed through scriptFacing(),
// which turns those into errors of the script's own realm (so `e instanceof Error` holds in the
// script, as for NetSuite's errors) and makes reads of members the double lacks throw "not
// implemented" instead of giving undefined (a misspelt `response.status` fails loudly).
import type { ScriptRunContext } from '../types.js';
import { invocationOf, realmErrorOf } from '../invocation.js';
import { createSuiteScriptError } from '../modules/error.js';
import { guardObject } from '../sandbox/module-surface.js';

export interface IoSuiteScriptError extends Error {
  readonly type: 'error.SuiteScriptError';
  readonly id: string;
  readonly cause: unknown;
  readonly notifyOff: boolean;
  readonly userFacing: boolean;
}

const hostMade = new WeakSet<object>();

export function ioError(name: string, message: string): IoSuiteScriptError {
  const error = createSuiteScriptError({ name, message });
  hostMade.add(error);
  return error as unknown as IoSuiteScriptError;
}

/** The same error, created in the script's realm when it was made on the host side. */
export function toScriptError(ctx: ScriptRunContext, error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !hostMade.has(error)) return error;
  const e = error as IoSuiteScriptError;
  return createSuiteScriptError({ name: e.name, message: e.message }, realmErrorOf(ctx));
}

function guardFunction<F extends (...args: never[]) => unknown>(ctx: ScriptRunContext, fn: F): F {
  const guarded = function (this: unknown, ...args: never[]) {
    try {
      return fn.apply(this, args);
    } catch (error) {
      throw toScriptError(ctx, error);
    }
  } as unknown as F;
  for (const key of Object.keys(fn)) {
    const value = (fn as unknown as Record<string, unknown>)[key];
    (guarded as unknown as Record<string, unknown>)[key] = typeof value === 'function' ? guardFunction(ctx, value as F) : value;
  }
  return guarded;
}

/**
 * The script's view of a host object: same own properties, functions and accessors converting
 * host errors, unknown members throwing DOUBLE_NOT_IMPLEMENTED. `what` names it in that message
 * ('https.ClientResponse'). Frozen or sealed objects stay so. Pass `guardReads: false` for plain
 * data whose missing keys are legitimately undefined (a headers map).
 */
export function scriptFacing<T extends object>(ctx: ScriptRunContext, target: T, what: string, guardReads = true): T {
  const view: Record<PropertyKey, unknown> = {};
  for (const key of Reflect.ownKeys(target)) {
    const d = Object.getOwnPropertyDescriptor(target, key)!;
    if (typeof d.value === 'function') d.value = guardFunction(ctx, d.value as (...a: never[]) => unknown);
    if (d.get) d.get = guardFunction(ctx, d.get);
    if (d.set) d.set = guardFunction(ctx, d.set);
    Object.defineProperty(view, key, d);
  }
  if (Object.isFrozen(target)) Object.freeze(view);
  else if (Object.isSealed(target)) Object.seal(view);
  return (guardReads ? guardObject(view, what, realmErrorOf(ctx)) : view) as T;
}

/** JSON-like data (arrays, plain objects, Dates) copied into the script's realm, when it has one. */
export function inScriptRealm<T>(ctx: ScriptRunContext, value: T): T {
  let realm;
  try {
    realm = invocationOf(ctx).realm;
  } catch {
    return value; // not a live invocation (unit tests with a fake account)
  }
  return realm.adopt(value);
}
