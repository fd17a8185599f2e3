// N/cache as NetSuite documents it (Help Center: N/cache Module, Cache.get/put/remove): named
// caches per account, shared by scope (PRIVATE: this script; PROTECTED: scripts of the same
// SuiteApp, or all scripts outside any SuiteApp; PUBLIC: every script of the account), values
// always strings (a loader's or put's non-string value is JSON.stringify'd), keys up to 4 KB,
// values up to 500 KB, TTL at least 300 s and unlimited by default, on the account clock.
// Governance: getCache 0, get 1 on a hit and 2 on a miss (the loader's own calls are charged as
// they happen), put 1, remove 1.
//
// NetSuite may drop any entry at any time ("cached data is not persistent"): tests evict through
// cacheControl(account) to prove the code still works when the cache forgets.
import type { AccountServices, ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';
import { invocationOf } from '../invocation.js';

export const Scope = Object.freeze({ PRIVATE: 'PRIVATE', PROTECTED: 'PROTECTED', PUBLIC: 'PUBLIC' } as const);
type ScopeName = keyof typeof Scope;

export const UNITS = { hit: 1, miss: 2, put: 1, remove: 1 } as const;
export const LIMITS = { nameBytes: 1024, keyBytes: 4096, valueBytes: 500 * 1024, minTtlSeconds: 300 } as const;

interface Entry {
  value: string;
  /** ms on the account clock; undefined: no TTL. */
  expiresAt: number | undefined;
}

/** Every cache of the account: namespace (scope + owner) → cache name → key → entry. */
type CacheStore = Map<string, Map<string, Map<string, Entry>>>;

interface CacheAccount {
  now(): number;
  state<T>(key: string, init: () => T): T;
}

const storeOf = (account: CacheAccount): CacheStore => account.state('N/cache', () => new Map());

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The SuiteApp (publisher.project folder) a script file belongs to, or undefined outside any. */
function suiteAppOf(scriptFile: string): string | undefined {
  return /^\/SuiteApps\/([^/]+)\//.exec(scriptFile)?.[1];
}

function namespaceOf(ctx: ScriptRunContext, scope: ScopeName): string {
  if (scope === 'PUBLIC') return 'PUBLIC';
  if (scope === 'PRIVATE') return `PRIVATE:${ctx.scriptId}`;
  let file = '';
  try {
    file = invocationOf(ctx).script.scriptfile;
  } catch {
    file = ''; // a unit-test context without a deployed script: outside any SuiteApp
  }
  const app = suiteAppOf(file);
  return app ? `PROTECTED:${app}` : 'PROTECTED:(no SuiteApp)';
}

function requiredString(options: unknown, name: string): string {
  const value = options && typeof options === 'object' ? (options as Record<string, unknown>)[name] : undefined;
  if (value === undefined || value === null || value === '') throw ioError('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
  return String(value);
}

function checkKey(key: string): void {
  if (bytes(key) > LIMITS.keyBytes) throw ioError('SSS_INVALID_CACHE_KEY', `The cache key is ${bytes(key)} bytes; the maximum is ${LIMITS.keyBytes}.`);
}

function ttlMs(ttl: unknown): number | undefined {
  if (ttl === undefined || ttl === null) return undefined;
  // NetSuite documents 300 s as the minimum and no maximum; what it does with less is not
  // documented, so the double refuses it rather than guess.
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < LIMITS.minTtlSeconds) {
    throw ioError('SSS_INVALID_TYPE_ARG', `ttl must be a number of seconds, at least ${LIMITS.minTtlSeconds} (got ${String(ttl)}).`);
  }
  return ttl * 1000;
}

/** What NetSuite stores: the string itself, or JSON.stringify of anything else. */
function storedValue(value: unknown, what: string): string {
  if (value === undefined || value === null) {
    // Not documented: the double refuses, so code always hands the cache a real value.
    throw ioError('SSS_INVALID_CACHE_VALUE', `${what} gave ${String(value)}; a cache value must be a string (or a value JSON.stringify can write).`);
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof text !== 'string') throw ioError('SSS_INVALID_CACHE_VALUE', `${what} gave a value JSON.stringify cannot write.`);
  if (bytes(text) > LIMITS.valueBytes) throw ioError('SSS_CACHE_VALUE_TOO_LARGE', `The cache value is ${bytes(text)} bytes; the maximum is ${LIMITS.valueBytes}.`);
  return text;
}

/** N/cache for one script invocation. */
export function createCacheModule(ctx: ScriptRunContext) {
  const account = ctx.account as AccountServices & CacheAccount;
  const store = storeOf(account);

  const getCache = (options: unknown) => {
    const name = requiredString(options, 'name');
    if (bytes(name) > LIMITS.nameBytes) throw ioError('SSS_INVALID_TYPE_ARG', `The cache name is ${bytes(name)} bytes; the maximum is ${LIMITS.nameBytes}.`);
    const scopeArg = (options as { scope?: unknown }).scope ?? Scope.PRIVATE;
    if (typeof scopeArg !== 'string' || !(scopeArg in Scope)) throw ioError('SSS_INVALID_TYPE_ARG', `scope must be a cache.Scope value (got ${String(scopeArg)}).`);
    const scope = scopeArg as ScopeName;
    const namespace = namespaceOf(ctx, scope);

    const entries = (): Map<string, Entry> => {
      let caches = store.get(namespace);
      if (!caches) store.set(namespace, (caches = new Map()));
      let cache = caches.get(name);
      if (!cache) caches.set(name, (cache = new Map()));
      return cache;
    };
    const live = (key: string): Entry | undefined => {
      const entry = entries().get(key);
      if (entry && entry.expiresAt !== undefined && entry.expiresAt <= account.now()) {
        entries().delete(key);
        return undefined;
      }
      return entry;
    };

    const cache = {
      name,
      scope,
      get(getOptions: unknown): string | null {
        const key = requiredString(getOptions, 'key');
        checkKey(key);
        const { loader, ttl } = getOptions as { loader?: unknown; ttl?: unknown };
        const lifetime = ttlMs(ttl);
        if (loader !== undefined && typeof loader !== 'function') {
          throw ioError('SSS_INVALID_TYPE_ARG', 'loader must be a function (the double does not resolve loaders given by name).');
        }
        const hit = live(key);
        if (hit) {
          ctx.governance.charge(UNITS.hit, `Cache.get hit (${name})`);
          return hit.value;
        }
        ctx.governance.charge(UNITS.miss, `Cache.get miss (${name})`);
        if (!loader) return null;
        const value = storedValue((loader as (c: { key: string }) => unknown)({ key }), 'The loader');
        entries().set(key, { value, expiresAt: lifetime === undefined ? undefined : account.now() + lifetime });
        return value;
      },
      put(putOptions: unknown): void {
        const key = requiredString(putOptions, 'key');
        checkKey(key);
        const { value, ttl } = putOptions as { value?: unknown; ttl?: unknown };
        const lifetime = ttlMs(ttl);
        const text = storedValue(value, 'Cache.put');
        ctx.governance.charge(UNITS.put, `Cache.put (${name})`);
        entries().set(key, { value: text, expiresAt: lifetime === undefined ? undefined : account.now() + lifetime });
      },
      remove(removeOptions: unknown): void {
        const key = requiredString(removeOptions, 'key');
        checkKey(key);
        ctx.governance.charge(UNITS.remove, `Cache.remove (${name})`);
        entries().delete(key);
      },
      toJSON: () => ({ name, scope }),
      toString: () => `cache.Cache ${name} (${scope})`,
    };
    return scriptFacing(ctx, Object.freeze(cache), 'cache.Cache');
  };

  return scriptFacing(ctx, Object.freeze({ Scope, getCache }), 'N/cache', false);
}

/** What tests may do to an account's caches: NetSuite's own evictions, and a look inside. */
export interface CacheControl {
  /** Drops entries as NetSuite may at any time: all of them, one cache's (by name, any scope), or one key. */
  evict(filter?: { name?: string; key?: string }): number;
  /** The live entries (namespace = PRIVATE:<scriptid> | PROTECTED:<suiteapp> | PUBLIC). */
  entries(): { namespace: string; name: string; key: string; value: string; expiresAt: number | undefined }[];
}

export function cacheControl(account: CacheAccount): CacheControl {
  const store = storeOf(account);
  return {
    evict(filter = {}) {
      let dropped = 0;
      for (const caches of store.values()) {
        for (const [name, cache] of caches) {
          if (filter.name !== undefined && filter.name !== name) continue;
          for (const key of [...cache.keys()]) {
            if (filter.key !== undefined && filter.key !== key) continue;
            cache.delete(key);
            dropped++;
          }
        }
      }
      return dropped;
    },
    entries() {
      const now = account.now();
      const out: ReturnType<CacheControl['entries']> = [];
      for (const [namespace, caches] of store) {
        for (const [name, cache] of caches) {
          for (const [key, entry] of cache) {
            if (entry.expiresAt !== undefined && entry.expiresAt <= now) continue;
            out.push({ namespace, name, key, value: entry.value, expiresAt: entry.expiresAt });
          }
        }
      }
      return out;
    },
  };
}
