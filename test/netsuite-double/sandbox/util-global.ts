// The global `util` object SuiteScript 2.x gives every script (a subset of N/util).
import type { Realm } from './realm.js';

export function createUtilGlobal(realm: Realm): object {
  const is = (tag: string) => (value: unknown) => Object.prototype.toString.call(value) === `[object ${tag}]`;
  return {
    isArray: (value: unknown) => Array.isArray(value),
    isBoolean: is('Boolean'),
    isDate: is('Date'),
    isFunction: (value: unknown) => typeof value === 'function',
    isNumber: is('Number'),
    isObject: (value: unknown) => value !== null && typeof value === 'object',
    isRegExp: is('RegExp'),
    isString: is('String'),
    isError: is('Error'),
    each(iterable: unknown, callback: (value: unknown, key: unknown) => unknown) {
      if (Array.isArray(iterable)) iterable.forEach((v, i) => callback(v, i));
      else if (iterable && typeof iterable === 'object') for (const [k, v] of Object.entries(iterable)) callback(v, k);
      return iterable;
    },
    extend(target: Record<string, unknown>, source: Record<string, unknown>) {
      return Object.assign(target, source);
    },
    deepExtend(target: Record<string, unknown>, source: Record<string, unknown>) {
      return Object.assign(target, realm.adopt(structuredClone(source)));
    },
    nanoTime: () => Number(process.hrtime.bigint()),
  };
}
