// How the relay refuses a request its route's zod schema rejects: with the connector's own error
// (400 INVALID_REQUEST naming every bad field, the shape of shared/src/errors.ts), never zod's. Where
// the shared validator (shared/src/validate.ts, which the SuiteApp runs too) has something to say
// about the body, its words are the answer, so the relay refuses a request exactly as before and as
// the SuiteApp would; the schema's own issues answer only what the shared validator has no rule for.
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { FieldProblem } from '../../../shared/src/errors';
import { RelayError } from '../errors';
import { rawJson } from '../lib/raw-json';

/** A zod issue's path as the shared validator writes paths: `packages[0].weight.value`. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** zod's issues as the connector's field problems ("is required" for a missing field). */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    return { path: pathOf(issue.path), message: missing ? 'is required' : issue.message };
  });
}

/** The connector's refusal: `Invalid <what>: <path> <message>; …` with every field problem. */
export function invalidRequest(what: string, fields: readonly FieldProblem[]): RelayError {
  return new RelayError(400, 'INVALID_REQUEST', `Invalid ${what}: ${fields.map((f) => (f.path ? `${f.path} ${f.message}` : f.message)).join('; ')}`, { fields: [...fields] });
}

export interface RefusalRule {
  /** Names the request in the message: "shipment request" → "Invalid shipment request: …". */
  what: string;
  /** The shared validator's problems with the body (the SuiteApp's own rules), or none. */
  sharedProblems?: (body: unknown) => readonly FieldProblem[] | undefined;
}

/**
 * The validation hook of a route (zod-openapi calls it after the schema ran): passes a valid request
 * on, and throws the connector's error for an invalid one (the app's onError renders it).
 */
export function refuseInvalid(rule: RefusalRule) {
  return (result: { success: boolean; error?: z.ZodError<unknown>; target: string }, c: Context): undefined => {
    if (result.success || !result.error) return undefined;
    // The body's problems in the shared validator's words when it has any (the signed body, as parsed).
    const shared = result.target === 'json' ? rule.sharedProblems?.(rawJson(c)) : undefined;
    throw invalidRequest(rule.what, shared && shared.length > 0 ? shared : zodProblems(result.error));
  };
}

/**
 * Route middleware before the schema: the body must be the JSON that was signed, within the nesting
 * bound (rawJson's errors), before zod looks at it.
 */
export const signedJsonBody: MiddlewareHandler = async (c, next) => {
  rawJson(c);
  await next();
};
