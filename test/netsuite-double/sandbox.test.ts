// The sandbox runs compiled SuiteScripts as NetSuite does: AMD modules, SuiteScript globals only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_BROKEN, coreDouble, probe, seedBasics } from './core-fixtures.js';
import { createNetSuiteDouble } from './index.js';

const get = (action: string) => ({ scriptId: 'customscript_core_rl', entryPoint: 'get', args: [{ action }] });

describe('sandbox', () => {
  it('a script that calls setTimeout fails with a ReferenceError, as in NetSuite', () => {
    const ns = coreDouble();
    const result = ns.runEntryPoint(get('timer'));
    expect(result.outcome).toBe('threw');
    expect(result.error).toMatchObject({ name: 'ReferenceError', message: 'setTimeout is not defined' });
    expect(result.invocation.error).toEqual({ name: 'ReferenceError', message: 'setTimeout is not defined' });
  });

  it("require('fs') is SuiteScript's AMD require: the module does not exist", () => {
    const ns = coreDouble();
    const result = ns.runEntryPoint(get('fs'));
    expect(result.error).toMatchObject({ name: 'MODULE_DOES_NOT_EXIST', type: 'error.SuiteScriptModuleLoaderError' });
  });

  it.each(['process', 'buffer'])('Node global %s is not there', (action) => {
    const result = coreDouble().runEntryPoint(get(action));
    expect(result.error).toMatchObject({ name: 'ReferenceError' });
  });

  it('only ECMAScript built-ins and SuiteScript globals exist', () => {
    const globals = coreDouble().runEntryPoint(get('globals')).value as string[];
    for (const node of ['process', 'Buffer', 'global', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'fetch', 'TextEncoder', 'TextDecoder', 'URL', 'console', 'WebAssembly', 'structuredClone']) {
      expect(globals, node).not.toContain(node);
    }
    for (const suitescript of ['define', 'require', 'log', 'util', 'JSON', 'Promise', 'Date', 'Intl']) expect(globals).toContain(suitescript);
  });

  it('an N/ module the double does not implement throws "not implemented", never succeeds silently', () => {
    const result = coreDouble().runEntryPoint(get('email'));
    expect(result.error).toMatchObject({ name: 'DOUBLE_NOT_IMPLEMENTED', message: 'not implemented in the test double: N/email.send' });
  });

  it('modules carry NetSuite enums and refuse unknown members', () => {
    const ns = coreDouble();
    const types = probe(ns, ({ record, search, runtime }) => [record.Type.ITEM_FULFILLMENT, search.Type.SALES_ORDER, search.Operator.ANYOF, runtime.ContextType.RESTLET]);
    expect(types).toEqual(['itemfulfillment', 'salesorder', 'anyof', 'RESTLET']);
    expect(() => probe(ns, ({ record }) => record.attach({}))).toThrow('not implemented in the test double: N/record.attach');
    expect(() => probe(ns, ({ search }) => search.nonsense)).toThrow(/N\/search\.nonsense/);
  });

  it('checks the @NScriptType header against the SDF object', () => {
    const ns = createNetSuiteDouble({ project: false, objectsDirs: [join(CORE_BROKEN, 'Objects')], fileCabinetDirs: [join(CORE_BROKEN, 'FileCabinet')] });
    expect(() => ns.runEntryPoint({ scriptId: 'customscript_core_bad_header', entryPoint: 'get' })).toThrow(/@NScriptType ScheduledScript does not match its SDF object, which deploys it as Restlet/);
    expect(() => ns.runEntryPoint({ scriptId: 'customscript_core_old_api', entryPoint: 'get' })).toThrow(/@NApiVersion is 2\.0/);
    expect(() => ns.checkScripts()).toThrow();
  });

  it('a missing entry point is reported as such', () => {
    const ns = coreDouble();
    const result = ns.runEntryPoint({ scriptId: 'customscript_core_rl', entryPoint: 'put' });
    expect(result.outcome).toBe('missing-entry-point');
  });

  it('every invocation gets fresh module instances and a fresh realm', () => {
    const ns = coreDouble();
    seedBasics(ns);
    const a = ns.runEntryPoint(get('units'));
    const b = ns.runEntryPoint(get('units'));
    expect(a.invocation.seq).not.toBe(b.invocation.seq);
    expect(a.invocation.charges).not.toBe(b.invocation.charges);
  });

  it('the fixture project passes checkScripts', () => {
    expect(() => coreDouble().checkScripts()).not.toThrow();
  });
});
