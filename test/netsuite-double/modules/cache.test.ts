// N/cache through real scripts in the sandbox: scopes, string values, loaders, TTL on the account
// clock, evictions, limits and governance.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../core-fixtures.js';
import { cacheControl, createNetSuiteDouble, type NetSuiteDouble } from '../index.js';

const PROJECT = join(FIXTURES, 'cache_project');
type Script = 'cache_alpha_one' | 'cache_alpha_two' | 'cache_beta' | 'cache_loose';

function cacheDouble(): NetSuiteDouble {
  return createNetSuiteDouble({ project: false, objectsDirs: [join(PROJECT, 'Objects')], fileCabinetDirs: [join(PROJECT, 'FileCabinet')], time: new Date(2026, 2, 10, 9, 30) });
}

 
type Cache = any;

/** Runs fn in an invocation of `script` with its N/cache (and N/record), returning the result and the units used. */
function run<T>(ns: NetSuiteDouble, script: Script, fn: (m: { cache: Cache; record: Cache }) => T): { value: T; units: number; charges: string[] } {
  const result = ns.runEntryPoint({
    scriptId: `customscript_${script}`,
    entryPoint: 'post',
    args: ({ module }) => [{ run: () => fn({ cache: module('N/cache'), record: module('N/record') }) }],
  });
  if (result.outcome === 'threw') throw result.error;
  return { value: result.value as T, units: result.invocation.unitsUsed, charges: result.invocation.charges.map((c) => `${c.units} ${c.what}`) };
}

const put = (ns: NetSuiteDouble, script: Script, scope: string, value = 'v') =>
  run(ns, script, ({ cache }) => cache.getCache({ name: 'settings', scope: cache.Scope[scope] }).put({ key: 'k', value }));
const get = (ns: NetSuiteDouble, script: Script, scope: string) =>
  run(ns, script, ({ cache }) => cache.getCache({ name: 'settings', scope: cache.Scope[scope] }).get({ key: 'k' })).value;

describe('N/cache scopes', () => {
  it('PRIVATE is one script only; PROTECTED is the scripts of one SuiteApp (or all scripts outside any); PUBLIC is the account', () => {
    const ns = cacheDouble();
    put(ns, 'cache_alpha_one', 'PRIVATE', 'mine');
    expect(get(ns, 'cache_alpha_one', 'PRIVATE')).toBe('mine');
    expect(get(ns, 'cache_alpha_two', 'PRIVATE')).toBeNull();

    put(ns, 'cache_alpha_one', 'PROTECTED', 'alpha');
    expect(get(ns, 'cache_alpha_two', 'PROTECTED')).toBe('alpha');
    expect(get(ns, 'cache_beta', 'PROTECTED')).toBeNull();
    expect(get(ns, 'cache_loose', 'PROTECTED')).toBeNull();
    // The same name in another scope is another cache.
    expect(get(ns, 'cache_alpha_two', 'PUBLIC')).toBeNull();

    put(ns, 'cache_beta', 'PUBLIC', 'everyone');
    expect(get(ns, 'cache_loose', 'PUBLIC')).toBe('everyone');
    expect(get(ns, 'cache_alpha_one', 'PUBLIC')).toBe('everyone');
  });

  it('defaults to PRIVATE and is per account', () => {
    const a = cacheDouble();
    const b = cacheDouble();
    run(a, 'cache_alpha_one', ({ cache }) => {
      const c = cache.getCache({ name: 'n' });
      expect(c.scope).toBe('PRIVATE');
      c.put({ key: 'k', value: 'in a' });
    });
    expect(run(a, 'cache_alpha_one', ({ cache }) => cache.getCache({ name: 'n' }).get({ key: 'k' })).value).toBe('in a');
    expect(run(b, 'cache_alpha_one', ({ cache }) => cache.getCache({ name: 'n' }).get({ key: 'k' })).value).toBeNull();
  });
});

describe('N/cache values and loaders', () => {
  it('stores strings: objects are JSON.stringify-ed by put and by the loader', () => {
    const ns = cacheDouble();
    const out = run(ns, 'cache_alpha_one', ({ cache }) => {
      const c = cache.getCache({ name: 'n', scope: cache.Scope.PUBLIC });
      c.put({ key: 'obj', value: { a: 1, list: [1, 2] } });
      const loaded = c.get({ key: 'num', loader: () => 42 });
      return [c.get({ key: 'obj' }), typeof loaded, loaded];
    }).value;
    expect(out).toEqual(['{"a":1,"list":[1,2]}', 'string', '42']);
  });

  it('calls the loader only on a miss, with the key, and caches what it returns', () => {
    const ns = cacheDouble();
    const calls: string[] = [];
    const load = () =>
      run(ns, 'cache_alpha_one', ({ cache }) =>
        cache.getCache({ name: 'n', scope: cache.Scope.PROTECTED }).get({
          key: 'service-map',
          loader: (context: { key: string }) => {
            calls.push(context.key);
            return 'loaded';
          },
        }),
      );
    expect(load().value).toBe('loaded');
    expect(load().value).toBe('loaded');
    expect(calls).toEqual(['service-map']);
  });

  it('charges 1 unit for a hit, 2 for a miss plus what the loader spends, 1 for put and remove, 0 for getCache', () => {
    const ns = cacheDouble();
    const folder = ns.seed('customer', { fields: { companyname: 'Acme' } });
    const miss = run(ns, 'cache_alpha_one', ({ cache, record }) =>
      cache.getCache({ name: 'n', scope: cache.Scope.PUBLIC }).get({ key: 'k', loader: () => record.load({ type: 'customer', id: folder }).getValue({ fieldId: 'companyname' }) }),
    );
    expect(miss.value).toBe('Acme');
    expect(miss.units).toBe(2 + 5);
    const hit = run(ns, 'cache_alpha_one', ({ cache }) => cache.getCache({ name: 'n', scope: cache.Scope.PUBLIC }).get({ key: 'k', loader: () => 'never' }));
    expect(hit).toMatchObject({ value: 'Acme', units: 1 });
    expect(run(ns, 'cache_alpha_one', ({ cache }) => cache.getCache({ name: 'n', scope: cache.Scope.PUBLIC }).get({ key: 'absent' })).units).toBe(2);
    const writes = run(ns, 'cache_alpha_one', ({ cache }) => {
      const c = cache.getCache({ name: 'n', scope: cache.Scope.PUBLIC });
      c.put({ key: 'x', value: 'y' });
      c.remove({ key: 'x' });
      return c.get({ key: 'x' });
    });
    expect(writes).toMatchObject({ value: null, units: 1 + 1 + 2 });
  });

  it('a loader that throws fails the get and caches nothing', () => {
    const ns = cacheDouble();
    expect(() =>
      run(ns, 'cache_alpha_one', ({ cache }) =>
        cache.getCache({ name: 'n' }).get({
          key: 'k',
          loader: () => {
            throw new Error('search failed');
          },
        }),
      ),
    ).toThrow(/search failed/);
    expect(cacheControl(ns.account).entries()).toEqual([]);
  });
});

describe('N/cache forgets', () => {
  it('expires an entry after its TTL on the account clock; without a TTL it lives until evicted', () => {
    const ns = cacheDouble();
    run(ns, 'cache_alpha_one', ({ cache }) => {
      const c = cache.getCache({ name: 'n', scope: cache.Scope.PUBLIC });
      c.put({ key: 'short', value: 'a', ttl: 300 });
      c.get({ key: 'loaded', loader: () => 'b', ttl: 600 });
      c.put({ key: 'forever', value: 'c' });
    });
    const read = () => run(ns, 'cache_alpha_two', ({ cache }) => ['short', 'loaded', 'forever'].map((key) => cache.getCache({ name: 'n', scope: cache.Scope.PUBLIC }).get({ key }))).value;
    ns.clock.advance(299_000);
    expect(read()).toEqual(['a', 'b', 'c']);
    ns.clock.advance(1_000);
    expect(read()).toEqual([null, 'b', 'c']);
    ns.clock.advance(300_000);
    expect(read()).toEqual([null, null, 'c']);
    ns.clock.advance(365 * 86_400_000);
    expect(read()).toEqual([null, null, 'c']);
  });

  it('tests can evict everything, one cache or one key, as NetSuite may at any time', () => {
    const ns = cacheDouble();
    run(ns, 'cache_alpha_one', ({ cache }) => {
      for (const name of ['a', 'b']) for (const key of ['x', 'y']) cache.getCache({ name, scope: cache.Scope.PUBLIC }).put({ key, value: `${name}${key}` });
    });
    const control = cacheControl(ns.account);
    expect(control.evict({ name: 'a', key: 'x' })).toBe(1);
    expect(control.entries().map((e) => e.value)).toEqual(['ay', 'bx', 'by']);
    expect(control.evict({ name: 'b' })).toBe(2);
    expect(control.evict()).toBe(1);
    expect(control.entries()).toEqual([]);
  });
});

describe('N/cache refuses what NetSuite documents as invalid', () => {
  const attempt = (fn: (c: Cache, cache: Cache) => unknown) => {
    const ns = cacheDouble();
    return () => run(ns, 'cache_alpha_one', ({ cache }) => fn(cache.getCache({ name: 'n' }), cache));
  };
  it('a missing name or key, a TTL under 300 s, a key over 4 KB, a value over 500 KB', () => {
    expect(attempt((_c, cache) => cache.getCache({}))).toThrow(/SSS_MISSING_REQD_ARGUMENT|name/);
    expect(attempt((c) => c.get({}))).toThrow(/key/);
    expect(attempt((c) => c.put({ key: 'k', value: 'v', ttl: 60 }))).toThrow(/at least 300/);
    expect(attempt((c) => c.get({ key: 'k', loader: () => 'v', ttl: 299 }))).toThrow(/at least 300/);
    expect(attempt((c) => c.put({ key: 'k'.repeat(4097), value: 'v' }))).toThrow(/maximum is 4096/);
    expect(attempt((c) => c.put({ key: 'k', value: 'x'.repeat(500 * 1024 + 1) }))).toThrow(/maximum is 512000/);
    expect(attempt((c) => c.get({ key: 'k', loader: () => undefined }))).toThrow(/must be a string/);
    expect(attempt((_c, cache) => cache.getCache({ name: 'n', scope: 'SCRIPT' }))).toThrow(/cache.Scope/);
  });
});
