// User events run as NetSuite runs them: only deployed scripts of the record type, with the
// deployment's event and context filters; beforeSubmit can change or stop the save, afterSubmit
// cannot undo it; XEDIT gives only the changed fields; user event saves do not chain.
import { describe, expect, it } from 'vitest';
import { coreDouble, probe, seedBasics } from './core-fixtures.js';

const UE = 'customscript_core_ue_if';
const OTHER = 'customscript_core_ue_other';

function afterSubmitLog(ns: ReturnType<typeof coreDouble>) {
  const entry = ns.logs({ scriptId: UE }).filter((l) => l.title === 'afterSubmit').at(-1);
  return entry && JSON.parse(entry.details);
}

describe('user events', () => {
  it('fire on their deployed record type with the event type of the action', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    ns.ui.ship(fulfillment);
    expect(ns.invocations({ scriptId: UE }).map((i) => [i.entryPoint, i.label, i.executionContext])).toEqual([
      ['beforeSubmit', 'create', 'USERINTERFACE'],
      ['afterSubmit', 'create', 'USERINTERFACE'],
      ['beforeSubmit', 'ship', 'USERINTERFACE'],
      ['afterSubmit', 'ship', 'USERINTERFACE'],
    ]);
    // beforeSubmit changed newRecord before the save; afterSubmit acted on the shipped status.
    expect(ns.get('itemfulfillment', fulfillment)!.fields.memo).toBe('UE:create');
    expect(ns.find('customrecord_core_log').map((r) => [r.fields.custrecord_core_log_ref, r.fields.custrecord_core_log_event])).toEqual([[String(fulfillment), 'ship']]);
    expect(afterSubmitLog(ns)).toMatchObject({ type: 'ship', shipstatus: 'C', oldShipstatus: 'A' });
  });

  it('do not fire on other record types, nor on deployments that are not deployed or released', () => {
    const ns = coreDouble();
    const { salesOrder, customer } = seedBasics(ns);
    ns.ui.bill(salesOrder); // invoice deployment: isdeployed F
    ns.ui.edit('customer', customer, { fields: { phone: '555-000-1111' } }); // customer deployment: NOTSCHEDULED
    ns.ui.inlineEdit('salesorder', salesOrder, { memo: 'x' }); // sales order deployment: EDIT only
    expect(ns.invocations({ scriptId: OTHER })).toEqual([]);
    expect(ns.invocations({ scriptId: UE })).toEqual([]);
    ns.ui.edit('salesorder', salesOrder, { fields: { memo: 'y' } });
    expect(ns.invocations({ scriptId: OTHER }).map((i) => [i.deploymentId, i.entryPoint, i.label])).toEqual([['customdeploy_core_ue_other_so', 'afterSubmit', 'edit']]);
    // The deployment logs at AUDIT: its debug line was dropped, as NetSuite drops it.
    expect(ns.logs({ scriptId: OTHER }).map((l) => [l.level, l.title])).toEqual([['AUDIT', 'other salesorder']]);
  });

  it('a beforeSubmit error aborts the save', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    const before = ns.get('itemfulfillment', fulfillment)!;
    expect(() => ns.ui.edit('itemfulfillment', fulfillment, { fields: { custbody_core_tracking: 'reject', memo: 'changed' } })).toThrow('beforeSubmit refused the record');
    expect(ns.get('itemfulfillment', fulfillment)!.version).toBe(before.version);
    expect(ns.get('itemfulfillment', fulfillment)!.fields.custbody_core_tracking).toBeUndefined();
  });

  it('an afterSubmit error is recorded and logged but the save stands', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    ns.ui.edit('itemfulfillment', fulfillment, { fields: { custbody_core_tracking: 'fail-after' } });
    expect(ns.get('itemfulfillment', fulfillment)!.fields.custbody_core_tracking).toBe('fail-after');
    const failed = ns.lastInvocation({ scriptId: UE, entryPoint: 'afterSubmit' })!;
    expect(failed.outcome).toBe('threw');
    expect(failed.error).toEqual({ name: 'CORE_AFTER_FAILED', message: 'afterSubmit failed on purpose' });
    expect(ns.logs({ scriptId: UE, level: 'ERROR' }).map((l) => l.title)).toEqual(['CORE_AFTER_FAILED']);
  });

  it('XEDIT: newRecord carries only the changed fields, oldRecord the whole record', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    ns.ui.inlineEdit('itemfulfillment', fulfillment, { memo: 'inline' });
    expect(afterSubmitLog(ns)).toEqual({ type: 'xedit', shipstatus: '', memo: 'inline', oldShipstatus: 'A', oldMemo: 'UE:create', executionContext: 'USERINTERFACE' });
    expect(ns.get('itemfulfillment', fulfillment)!.fields).toMatchObject({ memo: 'inline', shipstatus: 'A' });
  });

  it('records saved by a user event trigger no user events; records saved by a RESTlet do, in its context', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    const result = ns.runEntryPoint({ scriptId: 'customscript_core_rl', entryPoint: 'post', args: [{ action: 'ship', id: fulfillment }] });
    expect(result.outcome).toBe('returned');
    const restlet = result.invocation;
    const triggered = ns.invocations({ scriptId: UE }).filter((i) => i.parentSeq === restlet.seq);
    expect(triggered.map((i) => [i.entryPoint, i.label, i.executionContext])).toEqual([
      ['beforeSubmit', 'edit', 'RESTLET'],
      ['afterSubmit', 'edit', 'RESTLET'],
    ]);
    // afterSubmit submitted a field on the same fulfillment: no further user event ran.
    expect(ns.get('itemfulfillment', fulfillment)!.fields.custbody_core_tracking).toBe(`TRK${fulfillment}`);
    expect(ns.invocations({ scriptId: UE })).toHaveLength(4);
    // Each invocation has its own governance: the RESTlet paid 10 + 20, the user event 16.
    expect(restlet.unitsUsed).toBe(30);
  });

  it('CSV import runs user events in the CSVIMPORT context, unless the import turns scripts off', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    ns.csvImport('itemfulfillment', [{ id: fulfillment, fields: { memo: 'csv' } }]);
    expect(ns.lastInvocation({ scriptId: UE })!.executionContext).toBe('CSVIMPORT');
    const count = ns.invocations().length;
    ns.csvImport('itemfulfillment', [{ id: fulfillment, fields: { memo: 'quiet' } }], { runServerSuiteScript: false });
    expect(ns.invocations()).toHaveLength(count);
    expect(ns.get('itemfulfillment', fulfillment)!.fields.memo).toBe('quiet');
  });

  it('seeding runs no scripts', () => {
    const ns = coreDouble();
    seedBasics(ns);
    expect(ns.invocations()).toEqual([]);
  });

  it('delete runs the delete event', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    ns.ui.delete('itemfulfillment', fulfillment);
    expect(ns.get('itemfulfillment', fulfillment)).toBeUndefined();
    expect(ns.invocations({ scriptId: UE, label: 'delete' }).map((i) => i.entryPoint)).toEqual(['beforeSubmit', 'afterSubmit']);
  });

  it("record.delete of a shipped fulfillment from a script runs beforeSubmit and afterSubmit with type 'delete' and the old record", () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    ns.ui.ship(fulfillment);
    probe(ns, ({ record }) => record.delete({ type: 'itemfulfillment', id: fulfillment }));
    expect(ns.get('itemfulfillment', fulfillment)).toBeUndefined();
    const deletes = ns.invocations({ scriptId: UE, label: 'delete' });
    expect(deletes.map((i) => [i.entryPoint, i.executionContext, i.outcome])).toEqual([
      ['beforeSubmit', 'RESTLET', 'returned'],
      ['afterSubmit', 'RESTLET', 'returned'],
    ]);
    expect(afterSubmitLog(ns)).toMatchObject({ type: 'delete', oldShipstatus: 'C' });
  });

  it('beforeLoad runs on record.load from scripts (type view, no form) and on UI page loads (with a form), not on loads by user events', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const LOAD = 'customscript_core_ue_load';
    const loads = () => ns.logs({ scriptId: LOAD }).map((l) => JSON.parse(l.details));
    probe(ns, ({ record }) => record.load({ type: 'salesorder', id: salesOrder }));
    expect(loads()).toEqual([{ type: 'view', form: false, request: false, executionContext: 'RESTLET', id: salesOrder }]);
    const form = ns.ui.view('salesorder', salesOrder);
    expect(form.buttons).toEqual([{ id: 'custpage_core_replay', label: 'Replay', functionName: 'replay' }]);
    ns.ui.edit('salesorder', salesOrder, { fields: { memo: 'edited' } });
    expect(loads().slice(1).map((l) => [l.type, l.form, l.executionContext])).toEqual([
      ['view', true, 'USERINTERFACE'],
      ['edit', true, 'USERINTERFACE'],
    ]);
    // A user event's own record.load runs no beforeLoad (NetSuite does not chain user events):
    // the args of this user event call are built inside its invocation, so the load is its own.
    const byUserEvent = ns.runEntryPoint({
      scriptId: 'customscript_core_ue_other',
      deploymentId: 'customdeploy_core_ue_other_so',
      entryPoint: 'afterSubmit',
      args: ({ module }) => {
        (module('N/record') as { load(o: object): unknown }).load({ type: 'salesorder', id: salesOrder });
        return [{ type: 'edit', newRecord: { type: 'salesorder' } }];
      },
    });
    expect(byUserEvent.outcome).toBe('returned');
    expect(ns.invocations({ scriptId: LOAD }).length).toBe(3);
    // An error in beforeLoad fails the load.
    ns.ui.edit('salesorder', salesOrder, { fields: { memo: 'fail-load' } });
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorder', id: salesOrder }))).toThrow(/beforeLoad refused the load/);
  });

  it('a record other transactions depend on cannot be deleted (THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS)', () => {
    const ns = coreDouble();
    const { salesOrder, customer, item } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    const refused = /THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS|dependent records: itemfulfillment/;
    expect(() => ns.ui.delete('salesorder', salesOrder)).toThrow(refused);
    expect(() => probe(ns, ({ record }) => record.delete({ type: 'salesorder', id: salesOrder }))).toThrow(/dependent records/);
    expect(() => probe(ns, ({ record }) => record.delete({ type: 'customer', id: customer }))).toThrow(/dependent records/);
    expect(() => probe(ns, ({ record }) => record.delete({ type: 'inventoryitem', id: item }))).toThrow(/dependent records/);
    expect(ns.get('salesorder', salesOrder)).toBeDefined();
    // Once its fulfillment is gone, the order can go.
    ns.ui.delete('itemfulfillment', fulfillment);
    ns.ui.delete('salesorder', salesOrder);
    expect(ns.get('salesorder', salesOrder)).toBeUndefined();
  });
});
