// A fresh JavaScript realm per invocation (node:vm context) with ONLY ECMAScript built-ins: no
// require, process, Buffer, fetch, timers, queueMicrotask, TextEncoder, console, WebAssembly.
// A script that reaches for one gets the ReferenceError it would get in NetSuite. The globals
// SuiteScript itself provides (define, require, log, util) are installed by the caller.
import vm from 'node:vm';

/** Node adds these to every new context although SuiteScript has none of them. */
const NOT_SUITESCRIPT = ['console', 'WebAssembly', 'SharedArrayBuffer', 'Atomics'];

export interface Realm {
  readonly context: vm.Context;
  readonly global: Record<string, unknown>;
  /** The realm's own constructors, so values the double creates look native to the script. */
  readonly Error: ErrorConstructor;
  readonly Array: ArrayConstructor;
  readonly Object: ObjectConstructor;
  readonly JSON: JSON;
  readonly Date: DateConstructor;
  /** Deep copy of JSON-like data (and Dates) into the realm. */
  adopt<T>(value: T): T;
  install(name: string, value: unknown): void;
}

export interface RealmOptions {
  /** The account clock: `new Date()` and `Date.now()` in the script read it. */
  now?: () => number;
}

export function createRealm({ now }: RealmOptions = {}): Realm {
  const context = vm.createContext({}, { name: 'SuiteScript 2.1', codeGeneration: { strings: true, wasm: false } });
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  for (const name of NOT_SUITESCRIPT) delete global[name];
  if (now) pinClock(context, now);
  const RealmError = global.Error as ErrorConstructor;
  const RealmArray = global.Array as ArrayConstructor;
  const RealmObject = global.Object as ObjectConstructor;
  const RealmJSON = global.JSON as JSON;
  const RealmDate = global.Date as DateConstructor;

  function adopt<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    if (value instanceof Date) return new RealmDate(value.getTime()) as T;
    if (Array.isArray(value)) {
      const out = new RealmArray();
      for (const item of value) out.push(adopt(item));
      return out as T;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
    const out = new RealmObject() as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = adopt(v);
    return out as T;
  }

  return {
    context,
    global,
    Error: RealmError,
    Array: RealmArray,
    Object: RealmObject,
    JSON: RealmJSON,
    Date: RealmDate,
    adopt,
    install(name, value) {
      Object.defineProperty(global, name, { value, writable: false, enumerable: false, configurable: true });
    },
  };
}

/** Replaces the realm's Date so the no-argument forms read the account clock. */
function pinClock(context: vm.Context, now: () => number): void {
  const install = vm.runInContext(
    `(function (now) {
      const RealDate = Date;
      function D(...args) {
        if (!new.target) return new RealDate(now()).toString();
        return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
      }
      D.prototype = RealDate.prototype;
      Object.defineProperty(D.prototype, 'constructor', { value: D, writable: true, configurable: true });
      D.now = () => now();
      D.parse = RealDate.parse;
      D.UTC = RealDate.UTC;
      globalThis.Date = D;
    })`,
    context,
  ) as (now: () => number) => void;
  install(now);
}
