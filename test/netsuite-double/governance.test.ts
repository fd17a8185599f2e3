// Governance: each call charges the invocation that made it, per NetSuite's table; past the
// limit the script gets SSS_USAGE_LIMIT_EXCEEDED; tests read the units every invocation used.
import { describe, expect, it } from 'vitest';
import { coreDouble, probe, seedBasics } from './core-fixtures.js';

describe('governance', () => {
  it('charges per the table (transaction 10/20, custom record 2/4, other 5/10, searches)', () => {
    const ns = coreDouble();
    const { customer, salesOrder } = seedBasics(ns);
    const result = ns.runEntryPoint({ scriptId: 'customscript_core_rl', entryPoint: 'get', args: [{ action: 'units', customer, salesOrder }] });
    expect(result.outcome).toBe('returned');
    expect(result.invocation.charges.map((c) => c.units)).toEqual([5, 10, 2, 4, 1, 10, 5, 5, 10]);
    expect(result.invocation.unitsUsed).toBe(52);
    expect(result.invocation.usageLimit).toBe(5_000);
    expect(result.value).toBe(5_000 - 52);
  });

  it('record.save charges 20 for a transaction and 10 for another record', () => {
    const ns = coreDouble();
    const { customer, salesOrder } = seedBasics(ns);
    probe(ns, ({ record }) => {
      record.load({ type: 'salesorder', id: salesOrder }).save();
      record.load({ type: 'customer', id: customer }).save();
    });
    expect(ns.lastInvocation({ scriptId: 'customscript_core_rl' })!.charges.map((c) => [c.units, c.what])).toEqual([
      [10, 'record.load transaction (salesorder)'],
      [20, 'Record.save transaction (salesorder)'],
      [5, 'record.load other (customer)'],
      [10, 'Record.save other (customer)'],
    ]);
  });

  it('record.delete charges 20 for a transaction, 4 for a custom record, 10 for another record (Oracle: record.delete governance)', () => {
    const ns = coreDouble();
    const { customer, salesOrder } = seedBasics(ns);
    const log = ns.seed('customrecord_core_log', { fields: { name: 'to delete' } }, { ignoreMandatoryFields: true });
    probe(ns, ({ record }) => {
      record.delete({ type: 'salesorder', id: salesOrder });
      record.delete({ type: 'customrecord_core_log', id: log });
      record.delete({ type: 'customer', id: customer });
    });
    expect(ns.lastInvocation({ scriptId: 'customscript_core_rl' })!.charges.map((c) => [c.units, c.what])).toEqual([
      [20, 'record.delete transaction (salesorder)'],
      [4, 'record.delete custom (customrecord_core_log)'],
      [10, 'record.delete other (customer)'],
    ]);
  });

  it('past the limit the script gets SSS_USAGE_LIMIT_EXCEEDED, and the units used stay readable', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    // 10 units per sales order load: 500 loads use the RESTlet's 5,000; the 501st fails.
    const ok = ns.runEntryPoint({ scriptId: 'customscript_core_rl', entryPoint: 'get', args: [{ action: 'burn', n: 500, type: 'salesorder', id: salesOrder }] });
    expect(ok.value).toBe(0);
    const over = ns.runEntryPoint({ scriptId: 'customscript_core_rl', entryPoint: 'get', args: [{ action: 'burn', n: 501, type: 'salesorder', id: salesOrder }] });
    expect(over.outcome).toBe('threw');
    expect(over.error).toMatchObject({ name: 'SSS_USAGE_LIMIT_EXCEEDED' });
    expect(over.invocation.unitsUsed).toBe(5_010);
    expect(over.invocation.error?.name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
  });

  it('SSS_USAGE_LIMIT_EXCEEDED stops the script even when a catch-all swallows it (Oracle: "the script can\'t be resumed")', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const seen: string[] = [];
    const result = ns.runEntryPoint({
      scriptId: 'customscript_core_rl',
      entryPoint: 'post',
      usageLimit: 25,
      args: ({ module }) => [
        {
          action: 'probe',
          run: () => {
             
            const record = module('N/record') as any;
            for (let i = 0; i < 4; i++) {
              try {
                record.load({ type: 'salesorder', id: salesOrder });
                seen.push('loaded');
              } catch (e) {
                seen.push((e as { name: string }).name);
              }
            }
            return 'finished as if nothing happened';
          },
        },
      ],
    });
    // 10 + 10 fit in 25; the third load passes the limit and every later governed call fails again.
    expect(seen).toEqual(['loaded', 'loaded', 'SSS_USAGE_LIMIT_EXCEEDED', 'SSS_USAGE_LIMIT_EXCEEDED']);
    expect(result.outcome).toBe('threw');
    expect(result.error).toMatchObject({ name: 'SSS_USAGE_LIMIT_EXCEEDED' });
    expect(result.invocation.outcome).toBe('threw');
    expect(result.invocation.error?.name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
    expect(result.invocation.unitsUsed).toBe(30);
  });

  it('limits follow the script type and entry point', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    ns.ui.ship(fulfillment);
    const ue = ns.invocations({ scriptId: 'customscript_core_ue_if' });
    expect(new Set(ue.map((i) => i.usageLimit))).toEqual(new Set([1_000]));
    // The shipped afterSubmit created a log record (2 + 4) and submitted a field (10).
    expect(ns.lastInvocation({ scriptId: 'customscript_core_ue_if', entryPoint: 'afterSubmit' })!.unitsUsed).toBe(16);
  });

  it('an explicit usage limit applies (Map/Reduce stages pass theirs)', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const result = ns.runEntryPoint({ scriptId: 'customscript_core_rl', entryPoint: 'get', usageLimit: 15, args: [{ action: 'burn', n: 2, type: 'salesorder', id: salesOrder }] });
    expect(result.error).toMatchObject({ name: 'SSS_USAGE_LIMIT_EXCEEDED' });
  });
});
