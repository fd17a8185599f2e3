// Map/Reduce limits and parallel jobs through the real account (fixture core_mr.js): values over
// 10 MB, a map call past its time limit, and two jobs of one round updating one record.
import { describe, expect, it } from 'vitest';
import { coreDouble, seedBasics } from './core-fixtures.js';
import type { NetSuiteDouble } from './index.js';
import type { RunMapReduceOptions } from './mapreduce.js';
import { createLogModule } from './modules/log.js';

const run = (ns: NetSuiteDouble, jobs: { action: string; id?: number }[], options: Partial<RunMapReduceOptions> = {}) =>
  ns.runMapReduce({ scriptId: 'customscript_core_mr', params: { custscript_core_mr_input: JSON.stringify(jobs) }, ...options });

describe('Map/Reduce limits', () => {
  it('a value over 10 MB is refused with VALUE_LENGTH_IS_OVER_10_MB', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const result = run(ns, [{ action: 'big', id: salesOrder }], { config: { retryCount: 0 } });
    expect(result.map!.errors.map((e) => [e.key, e.name])).toEqual([['0', 'VALUE_LENGTH_IS_OVER_10_MB']]);
    expect(result.output).toEqual([]);
  });

  it('a map call past 300 s fails with SSS_TIME_LIMIT_EXCEEDED, even when the script goes on', () => {
    const ns: NetSuiteDouble = coreDouble({
      // The fixture logs 'slow' before its next governed call: the account clock jumps 301 s there.
      modules: {
        'N/log': (ctx) => (ctx.scriptId === 'customscript_core_mr' ? { ...createLogModule(ctx), audit: () => ns.clock.advance(301_000) } : createLogModule(ctx)),
      },
    });
    const { salesOrder } = seedBasics(ns);
    const result = run(ns, [{ action: 'slow', id: salesOrder }, { action: 'save', id: salesOrder }], { config: { retryCount: 0 } });
    expect(result.map!.errors.map((e) => [e.key, e.name])).toEqual([['0', 'SSS_TIME_LIMIT_EXCEEDED']]);
    expect(result.output).toEqual([{ key: String(salesOrder), value: '1' }]);
  });
});

describe('parallel map jobs', () => {
  it('two jobs of one round that load and save one record collide with RCRD_HAS_BEEN_CHANGED; the retry succeeds', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const jobs = [{ action: 'save', id: salesOrder }, { action: 'save', id: salesOrder }];
    // The deployment's concurrencylimit is 2: both jobs run at once.
    const parallel = run(ns, jobs);
    expect(parallel.map!.errors.map((e) => [e.key, e.name, e.executionNo])).toEqual([['1', 'RCRD_HAS_BEEN_CHANGED', 1]]);
    expect([...parallel.map!.keys.entries()]).toEqual([
      ['0', { executionCount: 1, state: 'COMPLETE' }],
      ['1', { executionCount: 2, state: 'COMPLETE' }],
    ]);
    // One at a time, nothing collides.
    const serial = run(ns, jobs, { concurrency: 1 });
    expect(serial.map!.errors).toEqual([]);
  });

  it('submitFields of a record another job of the round changed collides too; with no retries the key fails', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const result = run(ns, [{ action: 'submit', id: salesOrder }, { action: 'submit', id: salesOrder }, { action: 'submit', id: salesOrder }], { config: { retryCount: 0 }, concurrency: 2 });
    // Jobs 0 and 1 overlap (1 collides); job 2 runs in the next round, alone.
    expect(result.map!.errors.map((e) => [e.key, e.name])).toEqual([['1', 'RCRD_HAS_BEEN_CHANGED']]);
    expect(result.map!.keys.get('2')!.state).toBe('COMPLETE');
  });
});
