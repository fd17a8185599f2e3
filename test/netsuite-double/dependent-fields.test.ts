// Deleting a transaction that a custom record's List/Record field points at: NetSuite's default
// for transaction, entity and item references is to allow the delete and empty the field
// (records/dependent-fields.ts), so the custom record stays loadable and savable.
import { describe, expect, it } from 'vitest';
import { coreDouble, probe, seedBasics } from './core-fixtures.js';

describe('deleting a record custom fields point at', () => {
  it('empties the custom field on the records that held it, and they save again', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    const log = ns.seed('customrecord_core_log', { fields: { name: 'log', custrecord_core_log_ref: fulfillment } });
    const other = ns.seed('customrecord_core_log', { fields: { name: 'other', custrecord_core_log_ref: salesOrder } });
    ns.ui.delete('itemfulfillment', fulfillment);
    expect(ns.get('customrecord_core_log', log)?.fields.custrecord_core_log_ref).toBeUndefined();
    expect(ns.get('customrecord_core_log', other)?.fields.custrecord_core_log_ref).toBe(String(salesOrder));
    // Without the emptying, this save would fail with INVALID_KEY_OR_REF (a reference to a deleted record).
    probe(ns, ({ record }) => {
      const rec = record.load({ type: 'customrecord_core_log', id: log });
      rec.setValue({ fieldId: 'name', value: 'saved after the delete' });
      return rec.save({ ignoreMandatoryFields: true }); // the emptied field is mandatory on this record type
    });
    expect(ns.get('customrecord_core_log', log)?.fields.name).toBe('saved after the delete');
  });
});
