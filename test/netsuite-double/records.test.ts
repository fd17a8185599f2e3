// Records: real field ids, strict values, unknown ids refused, standard and dynamic mode,
// subrecords, transform, and what saving a fulfillment does to its sales order.
import { describe, expect, it } from 'vitest';
import { coreDouble, probe, seedBasics } from './core-fixtures.js';

describe('records', () => {
  it('an unknown field id is an error naming the field and the record type (NetSuite would drop it)', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    const result = ns.runEntryPoint({ scriptId: 'customscript_core_rl', entryPoint: 'post', args: [{ action: 'typo', id: fulfillment }] });
    expect(result.error).toMatchObject({ name: 'DOUBLE_UNKNOWN_FIELD' });
    expect((result.error as Error).message).toMatch(/Unknown field id "custbody_core_trackin" on record type itemfulfillment \(did you mean custbody_core_tracking\?\)/);
    expect(() => ns.seed('customer', { fields: { companyName: 'x' } })).toThrow(/Unknown field id "companyName" on record type customer/);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorder', id: salesOrder }).getSublistValue({ sublistId: 'item', fieldId: 'qty', line: 0 }))).toThrow(/Unknown field id "qty" on sublist item of salesorder/);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorder', id: salesOrder }).getLineCount({ sublistId: 'items' }))).toThrow(/Unknown sublist id "items"/);
  });

  it('values are strict: a Date for a date, a boolean for a checkbox, an id for a select', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const set = (fieldId: string, value: unknown) => () =>
      probe(ns, ({ record }) => record.create({ type: 'customrecord_core_log' }).setValue({ fieldId, value }));
    expect(set('custrecord_core_log_when', '2026-03-01')).toThrow(/INVALID_FLD_VALUE|Invalid Field Value/);
    expect(set('custrecord_core_log_flag', 'T')).toThrow(/Invalid Field Value T for the following field: custrecord_core_log_flag/);
    expect(set('custrecord_core_log_count', 1.5)).toThrow(/whole number/);
    expect(set('custrecord_core_log_ref', 'SO-1')).toThrow(/internal id/);
    expect(set('custrecord_core_log_status', 7)).not.toThrow(); // checked against the list on save
    expect(() => probe(ns, ({ record }) => {
      const r = record.create({ type: 'customrecord_core_log' });
      r.setValue({ fieldId: 'custrecord_core_log_ref', value: salesOrder });
      r.setValue({ fieldId: 'custrecord_core_log_status', value: 7 });
      return r.save();
    })).toThrow(/Invalid custrecord_core_log_status reference key 7/);
    expect(() => probe(ns, ({ record }) => record.create({ type: 'customrecord_core_log' }).save())).toThrow(/Please enter value\(s\) for: Transaction/);
  });

  it('select fields store internal ids; getText gives the referenced name', () => {
    const ns = coreDouble();
    const { salesOrder, customer, shipItem } = seedBasics(ns);
    const read = probe(ns, ({ record }) => {
      const so = record.load({ type: record.Type.SALES_ORDER, id: salesOrder });
      return {
        entity: so.getValue({ fieldId: 'entity' }),
        entityText: so.getText({ fieldId: 'entity' }),
        shipmethod: so.getText({ fieldId: 'shipmethod' }),
        item: so.getSublistText({ sublistId: 'item', fieldId: 'item', line: 0 }),
        amount: so.getSublistValue({ sublistId: 'item', fieldId: 'amount', line: 0 }),
        trandate: Object.prototype.toString.call(so.getValue({ fieldId: 'trandate' })),
        total: so.getValue('total'),
      };
    });
    expect(read).toEqual({ entity: String(customer), entityText: 'Acme Corp', shipmethod: 'FedEx Ground', item: 'WIDGET-1', amount: 30, trandate: '[object Date]', total: 30 });
    expect(shipItem).toBeGreaterThan(0);
    const log = ns.seed('customrecord_core_log', { fields: { custrecord_core_log_ref: salesOrder } });
    expect(ns.get('customrecord_core_log', log)!.fields.custrecord_core_log_status).toBe(ns.listValueId('customlist_core_status', 'val_core_pending'));
    expect(ns.get('customrecord_core_log', log)!.text('custrecord_core_log_status')).toBe('Pending');
  });

  it('shipping address is a subrecord, read with getSubrecord; submitFields cannot write it', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const fulfillment = ns.ui.fulfill(salesOrder);
    const address = probe(ns, ({ record }) => {
      const f = record.load({ type: 'itemfulfillment', id: fulfillment });
      const a = f.getSubrecord({ fieldId: 'shippingaddress' });
      return { city: a.getValue({ fieldId: 'city' }), country: a.getText({ fieldId: 'country' }), phone: a.getValue({ fieldId: 'addrphone' }), attention: a.getValue({ fieldId: 'attention' }) };
    });
    expect(address).toEqual({ city: 'Austin', country: 'United States', phone: '512-555-0199', attention: 'Receiving' });
    expect(() => probe(ns, ({ record }) => record.submitFields({ type: 'itemfulfillment', id: fulfillment, values: { shippingaddress: 'x' } }))).toThrow(/cannot set subrecord fields/);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'itemfulfillment', id: fulfillment }).setValue({ fieldId: 'shippingaddress', value: 'x' }))).toThrow(/subrecord/);
  });

  it('an item fulfillment comes only from its sales order, with the unfulfilled quantities', () => {
    const ns = coreDouble();
    const { salesOrder, item } = seedBasics(ns);
    expect(() => probe(ns, ({ record }) => record.create({ type: 'itemfulfillment' }))).toThrow(/use record.transform/);
    const id = probe(ns, ({ record }) => {
      const f = record.transform({ fromType: 'salesorder', fromId: salesOrder, toType: 'itemfulfillment' });
      f.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 2 });
      f.setSublistValue({ sublistId: 'package', fieldId: 'packagetrackingnumber', line: 0, value: '794600000001' });
      f.setSublistValue({ sublistId: 'package', fieldId: 'packageweight', line: 0, value: 5 });
      return f.save();
    });
    const fulfillment = ns.get('itemfulfillment', id)!;
    expect(fulfillment.fields).toMatchObject({ createdfrom: String(salesOrder), shipstatus: 'A' });
    expect(fulfillment.sublists.item).toEqual([expect.objectContaining({ item: String(item), quantity: 2, itemreceive: true, orderline: 1, itemname: 'WIDGET-1' })]);
    const so = ns.get('salesorder', salesOrder)!;
    expect(so.sublists.item![0]).toMatchObject({ quantityfulfilled: 2 });
    expect(so.fields).toMatchObject({ status: 'D', linkedtrackingnumbers: '794600000001' });
    // The rest can still be fulfilled; then nothing is left.
    const second = ns.ui.fulfill(salesOrder);
    expect(ns.get('itemfulfillment', second)!.sublists.item![0]).toMatchObject({ quantity: 1 });
    expect(() => ns.ui.fulfill(salesOrder)).toThrow(/INVALID_INITIALIZE_REF|can not initialize/);
    expect(ns.get('salesorder', salesOrder)!.fields.status).toBe('F');
  });

  it('fulfillment lines cannot be added; dynamic mode uses the current line', () => {
    const ns = coreDouble();
    const { salesOrder, item } = seedBasics(ns);
    expect(() => probe(ns, ({ record }) => record.transform({ fromType: 'salesorder', fromId: salesOrder, toType: 'itemfulfillment' }).insertLine({ sublistId: 'item', line: 0 }))).toThrow(/itemreceive false/);
    const id = probe(ns, ({ record }) => {
      const so = record.load({ type: 'salesorder', id: salesOrder, isDynamic: true });
      so.selectNewLine({ sublistId: 'item' });
      so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'item', value: item });
      so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'quantity', value: 4 });
      so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'rate', value: 2.5 });
      so.commitLine({ sublistId: 'item' });
      return so.save();
    });
    expect(ns.get('salesorder', id)!.sublists.item!.map((l) => [l.quantity, l.amount, l.line])).toEqual([
      [3, 30, 1],
      [4, 10, 2],
    ]);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorder', id, isDynamic: true }).setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 1 }))).toThrow(/standard mode only/);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorder', id }).selectNewLine({ sublistId: 'item' }))).toThrow(/dynamic mode only/);
  });

  it('a record changed since it was loaded cannot be saved (RCRD_HAS_BEEN_CHANGED)', () => {
    const ns = coreDouble();
    const { customer } = seedBasics(ns);
    expect(() =>
      probe(ns, ({ record }) => {
        const a = record.load({ type: 'customer', id: customer });
        const b = record.load({ type: 'customer', id: customer });
        b.setValue({ fieldId: 'phone', value: '555-999-0000' });
        b.save();
        a.setValue({ fieldId: 'comments', value: 'late' });
        a.save();
      }),
    ).toThrow(/Record has been changed/);
  });

  it('afterSubmit records are read-only; fields NetSuite sets cannot be set', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorder', id: salesOrder }).setValue({ fieldId: 'linkedtrackingnumbers', value: '1' }))).toThrow(/set by NetSuite/);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorder', id: 999_999 }))).toThrow(/That record does not exist/);
    expect(() => probe(ns, ({ record }) => record.load({ type: 'salesorders', id: salesOrder }))).toThrow(/Invalid record type: salesorders \(did you mean salesorder\?\)/);
  });

  it('submitFields, copy, delete and the record ids', () => {
    const ns = coreDouble();
    const { salesOrder, customer } = seedBasics(ns);
    const copyId = probe(ns, ({ record }) => {
      record.submitFields({ type: record.Type.CUSTOMER, id: customer, values: { phone: '555-222-3333', custentity_core_acct: '' } });
      return record.copy({ type: 'salesorder', id: salesOrder }).save();
    });
    expect(ns.get('customer', customer)!.fields).toMatchObject({ phone: '555-222-3333' });
    expect(ns.get('customer', customer)!.fields.custentity_core_acct).toBeUndefined();
    expect(ns.get('salesorder', copyId)!.fields.tranid).toBe(`SO${copyId}`);
    probe(ns, ({ record }) => record.delete({ type: 'salesorder', id: copyId }));
    expect(ns.get('salesorder', copyId)).toBeUndefined();
  });
});

describe('submitFields dates', () => {
  it('take a Date or the user-format text (M/D/YYYY), nothing else', () => {
    const ns = coreDouble();
    const { salesOrder } = seedBasics(ns);
    const log = ns.seed('customrecord_core_log', { fields: { custrecord_core_log_ref: salesOrder } });
    probe(ns, ({ record }) => record.submitFields({ type: 'customrecord_core_log', id: log, values: { custrecord_core_log_when: '3/31/2026' } }));
    expect(ns.get('customrecord_core_log', log)!.text('custrecord_core_log_when')).toBe('3/31/2026');
    expect(() => probe(ns, ({ record }) => record.submitFields({ type: 'customrecord_core_log', id: log, values: { custrecord_core_log_when: '2026-03-31' } }))).toThrow(/M\/D\/YYYY/);
  });
});
