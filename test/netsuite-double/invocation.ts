// What the core's own modules know about the invocation they serve, beyond the public
// ScriptRunContext: the account object, the sandbox realm, the SDF script and deployment, and
// the invocation record. Looked up by context so ModuleFactory stays `(ctx) => module`.
import type { InvocationRecord, ScriptRunContext } from './types.js';
import type { Realm } from './sandbox/realm.js';
import type { SdfDeployment, SdfScript } from './sdf/types.js';
import type { Account } from './account.js';
import { createSuiteScriptError, type SuiteScriptErrorFields, type SuiteScriptErrorLike } from './modules/error.js';

export interface Invocation {
  readonly ctx: ScriptRunContext;
  readonly account: Account;
  readonly realm: Realm;
  readonly script: SdfScript;
  readonly deployment: SdfDeployment;
  readonly record: InvocationRecord;
  /** The user the script runs as (-4 "-System-" for background scripts). */
  readonly userId: number;
  /** The logged-in user when it is not the account's UI user (a Suitelet session); inherited by nested invocations. */
  readonly user?: import('./account.js').CurrentUser | undefined;
}

const invocations = new WeakMap<ScriptRunContext, Invocation>();

export function bindInvocation(invocation: Invocation): void {
  invocations.set(invocation.ctx, invocation);
}

export function invocationOf(ctx: ScriptRunContext): Invocation {
  const invocation = invocations.get(ctx);
  if (!invocation) throw new Error('NetSuite double: this ScriptRunContext was not created by the account (no invocation bound)');
  return invocation;
}

/** The sandbox Error of the invocation, or the host's when the context is not a live invocation. */
export function realmErrorOf(ctx: ScriptRunContext): ErrorConstructor {
  return invocations.get(ctx)?.realm.Error ?? Error;
}

/** A SuiteScriptError the script can catch as one of its own errors. */
export function scriptError(ctx: ScriptRunContext, name: string, message: string, extra: Partial<SuiteScriptErrorFields> = {}): SuiteScriptErrorLike {
  return createSuiteScriptError({ ...extra, name, message }, realmErrorOf(ctx));
}
