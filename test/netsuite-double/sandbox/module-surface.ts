// Completes a module implementation into what the script sees: the implementation's own
// properties, the real enums of the module (from @hitc/netsuite-types) where the implementation
// has none, a throwing stub for every SuiteScript API it lacks, and a guard that throws for any
// other property. "Not implemented" is always an error, never a silent undefined.
import { apiSurface } from './api-surface.js';
import { createSuiteScriptError, notImplemented } from '../modules/error.js';

/** Property reads that tooling and interop code make on any object: never an API call. */
const HARMLESS = new Set(['then', 'default', '__esModule', 'toJSON', 'constructor', 'valueOf', 'toString', 'inspect', 'asymmetricMatch', '$$typeof', 'nodeType', 'prototype']);

export function completeModule(moduleId: string, impl: object, RealmError: ErrorConstructor): object {
  const surface = apiSurface(moduleId);
  const target: Record<string, unknown> = {};
  for (const key of Object.keys(impl)) {
    Object.defineProperty(target, key, Object.getOwnPropertyDescriptor(impl, key)!);
  }
  if (surface) {
    for (const [name, values] of Object.entries(surface.enums)) {
      if (!(name in target)) target[name] = Object.freeze({ ...values });
    }
    for (const name of surface.functions) {
      if (!(name in target)) {
        target[name] = function notImplementedStub() {
          throw notImplemented(`${moduleId}.${name}`, RealmError);
        };
      }
    }
    for (const name of surface.constants) {
      if (!(name in target)) {
        Object.defineProperty(target, name, {
          enumerable: true,
          get() {
            throw notImplemented(`${moduleId}.${name}`, RealmError);
          },
        });
      }
    }
  }
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'symbol' || key in t || HARMLESS.has(key)) return Reflect.get(t, key, receiver);
      throw createSuiteScriptError(
        { name: 'DOUBLE_NOT_IMPLEMENTED', message: `${moduleId}.${key} is not a SuiteScript API the test double knows (not implemented in the test double: ${moduleId}.${key})` },
        RealmError,
      );
    },
    set() {
      return false;
    },
  });
}

/** Whether SuiteScript has a module of this id (it has type declarations). */
export function isSuiteScriptModule(moduleId: string): boolean {
  return apiSurface(moduleId) !== undefined;
}

/**
 * Guards a script-facing object that is not a module (a Search, a Result, a Column): reads of
 * members it does not have throw "not implemented" instead of giving undefined.
 */
export function guardObject<T extends object>(target: T, what: string, RealmError: ErrorConstructor): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'symbol' || key in t || HARMLESS.has(key)) return Reflect.get(t, key, receiver);
      throw notImplemented(`${what}.${key}`, RealmError);
    },
  });
}
