// N/search over the account's records: filter expressions and Filter objects, mainline, joins,
// sorting, each/getRange/runPaged limits and costs, lookupFields, saved searches, and the input
// NetSuite hands Map/Reduce when getInputData returns a search.
import { describe, expect, it } from 'vitest';
import { coreDouble, probe, seedBasics, type BasicData } from './core-fixtures.js';
import type { NetSuiteDouble } from './index.js';
import { mapReduceInputFromSearch } from './modules/search.js';

function world(): { ns: NetSuiteDouble; b: BasicData; invoice: number; fulfillments: number[] } {
  const ns = coreDouble();
  const b = seedBasics(ns);
  const first = ns.ui.fulfill(b.salesOrder, { lines: { item: { 0: { quantity: 1 } } }, sublists: { package: [{ packagetrackingnumber: '111', packageweight: 1 }] } });
  ns.ui.ship(first);
  const second = ns.ui.fulfill(b.salesOrder);
  const invoice = ns.ui.bill(b.salesOrder);
  return { ns, b, invoice, fulfillments: [first, second] };
}

describe('search', () => {
  it('finds the invoice of a sales order: createdfrom anyof + mainline is T', () => {
    const { ns, b, invoice } = world();
    const rows = probe(ns, ({ search }) => {
      const out: unknown[] = [];
      search
        .create({ type: search.Type.INVOICE, filters: [['createdfrom', 'anyof', b.salesOrder], 'and', ['mainline', 'is', 'T']], columns: ['tranid', 'entity', 'mainline'] })
        .run()
        .each((r: { id: string; recordType: string; getValue(c: string): unknown; getText(c: string): unknown }) => {
          out.push([r.id, r.recordType, r.getValue('tranid'), r.getValue('entity'), r.getText('entity'), r.getValue('mainline')]);
          return true;
        });
      return out;
    });
    expect(rows).toEqual([[String(invoice), 'invoice', `INV${invoice}`, String(b.customer), 'Acme Corp', '*']]);
  });

  it('run().each past 4,000 results throws SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED; stopping at 4,000 or fewer is fine', () => {
    const ns = coreDouble();
    for (let i = 0; i < 4_001; i++) ns.seed('customrecord_core_log', { fields: { name: `log ${i}` } }, { ignoreMandatoryFields: true });
    const each = (stopAfter: number) =>
      probe(ns, ({ search }) => {
        let seen = 0;
        try {
          search.create({ type: 'customrecord_core_log', columns: ['name'] }).run().each(() => ++seen < stopAfter);
          return { seen };
        } catch (e) {
          return { seen, error: (e as { name: string }).name };
        }
      });
    expect(each(Infinity)).toEqual({ seen: 4_000, error: 'SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED' });
    expect(each(4_000)).toEqual({ seen: 4_000 });
    expect(each(10)).toEqual({ seen: 10 });
  });

  it('without mainline a transaction search returns the header and each item line', () => {
    const { ns, b } = world();
    const count = probe(ns, ({ search }) => search.create({ type: 'salesorder', filters: [['internalid', 'anyof', b.salesOrder]] }).runPaged().count);
    expect(count).toBe(2);
  });

  it('text, number, checkbox, date operators, NOT / OR, joins and sorting', () => {
    const { ns, fulfillments } = world();
    const ids = (filters: unknown, type = 'itemfulfillment', columns: unknown[] = []) =>
      probe(ns, ({ search }) => {
        const out: string[] = [];
        search.create({ type, filters, columns }).run().each((r: { id: string }) => {
          out.push(r.id);
          return true;
        });
        return out;
      });
    const [shipped, open] = fulfillments.map(String);
    expect(ids([['status', 'anyof', 'ItemShip:C'], 'and', ['mainline', 'is', 'T']])).toEqual([shipped]);
    expect(ids([['mainline', 'is', 'T'], 'and', ['NOT', ['status', 'anyof', 'ItemShip:C']]])).toEqual([open]);
    expect(ids([['mainline', 'is', 'T'], 'and', [['tranid', 'is', `IF${shipped}`], 'or', ['tranid', 'startswith', `if${open}`]]])).toEqual([shipped, open]);
    expect(ids([['mainline', 'is', 'T'], 'and', ['customer.email', 'contains', 'ACME.example']])).toEqual([shipped, open]);
    expect(ids([['mainline', 'is', 'F'], 'and', ['quantity', 'greaterthan', 1]])).toEqual([open]);
    expect(ids([['mainline', 'is', 'T'], 'and', ['trandate', 'on', 'today']])).toEqual([shipped, open]);
    expect(ids([['mainline', 'is', 'T'], 'and', ['trandate', 'before', '3/10/2026']])).toEqual([]);
    expect(ids([['mainline', 'is', 'T'], 'and', ['custbody_core_tracking', 'isnotempty', '']])).toEqual([shipped]);
    expect(ids([['status', 'anyof', 'ItemShip:C'], 'and', ['mainline', 'is', 'T']])).toEqual([shipped]);
    expect(ids([['type', 'anyof', 'ItemShip'], 'and', ['mainline', 'is', 'T']], 'transaction')).toEqual([shipped, open]);
    const byTranidDesc = ids([['mainline', 'is', 'T']], 'itemfulfillment', [{ name: 'tranid', sort: 'DESC' }]);
    expect(byTranidDesc).toEqual([open, shipped]);
    const customers = probe(ns, ({ search }) => {
      const f = search.createFilter({ name: 'companyname', operator: search.Operator.IS, values: 'acme corp' });
      return search.create({ type: 'customer', filters: [f], columns: [search.createColumn({ name: 'email' })] }).run().getRange({ start: 0, end: 10 }).map((r: { getValue(c: unknown): unknown }) => r.getValue({ name: 'email' }));
    });
    expect(customers).toEqual(['buyer@acme.example']);
  });

  it('joins to the custom records that point at a record (the join id is their field): an outer join, a row per custom record', () => {
    const { ns, fulfillments } = world();
    const [shipped, open] = fulfillments;
    // The fixture's user event logged the shipping already (event 'ship'); two more entries point at it.
    const shippedLog = ns.find('customrecord_core_log', (r) => String(r.fields.custrecord_core_log_ref) === String(shipped)).map((r) => r.id);
    expect(shippedLog).toHaveLength(1);
    const logged = ns.seed('customrecord_core_log', { fields: { name: 'first', custrecord_core_log_ref: shipped, custrecord_core_log_event: 'label' } }, { ignoreMandatoryFields: true });
    const again = ns.seed('customrecord_core_log', { fields: { name: 'second', custrecord_core_log_ref: shipped, custrecord_core_log_event: 'void' } }, { ignoreMandatoryFields: true });
    const rows = (filters: unknown, columns: unknown[]) =>
      probe(ns, ({ search }) =>
        search
          .create({ type: 'itemfulfillment', filters: [['mainline', 'is', 'T'], 'and', ...(filters ? [filters] : [['internalid', 'noneof', '@NONE@']])], columns })
          .run()
          .getRange({ start: 0, end: 100 })
          .map((r: { id: string; getValue(c: unknown): unknown }) => [r.id, ...columns.map((c) => r.getValue(c))]),
      );
    const log = (name: string) => ({ name, join: 'custrecord_core_log_ref' });
    // No custom record points at it: the fulfillment a connector-like sweep is after.
    expect(rows(['custrecord_core_log_ref.internalid', 'anyof', '@NONE@'], [])).toEqual([[String(open)]]);
    expect(rows(['custrecord_core_log_ref.internalid', 'noneof', '@NONE@'], [])).toEqual([[String(shipped)], [String(shipped)], [String(shipped)]]);
    expect(rows(['custrecord_core_log_ref.custrecord_core_log_event', 'is', 'void'], [log('internalid')])).toEqual([[String(shipped), String(again)]]);
    // Outer join: one row per custom record, and the record without any once, its joined fields empty.
    expect(rows(undefined, [log('internalid'), log('custrecord_core_log_event')])).toEqual([
      [String(shipped), String(shippedLog[0]), 'ship'],
      [String(shipped), String(logged), 'label'],
      [String(shipped), String(again), 'void'],
      [String(open), '', ''],
    ]);
    // A custom field that does not point at this record type is no join of it.
    expect(() => rows(['custrecord_core_log_status.internalid', 'anyof', '@NONE@'], [])).toThrow(/no join 'custrecord_core_log_status'/);
  });

  it('unknown fields, joins and operators, and misused operators, are errors', () => {
    const { ns } = world();
    const create = (filters: unknown, columns: unknown[] = []) => () => probe(ns, ({ search }) => search.create({ type: 'itemfulfillment', filters, columns }));
    expect(create([['shipstat', 'anyof', 'C']])).toThrow(/SSS_INVALID_SRCH_FILTER|invalid search criteria.*shipstat/);
    expect(create([], ['trackingnumber'])).toThrow(/invalid column.*trackingnumber/);
    expect(create([['status', 'equals', 'ItemShip:C']])).toThrow(/invalid operator.*equals/);
    expect(create([['status', 'is', 'ItemShip:C']])).toThrow(/status is a select field: use anyof, noneof/);
    expect(create([['mainline', 'is', true]])).toThrow(/takes 'T' or 'F'/);
    expect(create([['trandate', 'on', new Date()]])).toThrow(/M\/D\/YYYY/);
    expect(create([['mainline', 'is', 'T'], 'and'])).toThrow(/ends with an operator/);
    expect(() => probe(ns, ({ search }) => search.create({ type: 'itemfulfillment', columns: ['tranid'] }).run().getRange({ start: 0, end: 1 })[0].getValue('entity'))).toThrow(/has no such column/);
  });

  it("a search's filters and columns are NetSuite's search fields of the type, not the record's fields", () => {
    const { ns, b } = world();
    const create = (type: string, filters: unknown[], columns: unknown[] = []) => () => probe(ns, ({ search }) => search.create({ type, filters, columns }));
    const lookup = (type: string, id: number, column: string) => () => probe(ns, ({ search }) => search.lookupFields({ type, id, columns: [column] }));
    // Record fields without a search counterpart (SuiteTalk TransactionSearchBasic/RowBasic has neither).
    expect(create('itemfulfillment', [['shipstatus', 'anyof', 'C']])).toThrow(/SSS_INVALID_SRCH_FILTER|invalid search criteria.*shipstatus/);
    expect(lookup('salesorder', b.salesOrder, 'linkedtrackingnumbers')).toThrow(/invalid column.*linkedtrackingnumbers/);
    expect(create('salesorder', [], ['shipisresidential'])).toThrow(/invalid column.*shipisresidential/);
    // The transaction record's createddate is the search's datecreated.
    expect(create('salesorder', [], ['createddate'])).toThrow(/invalid column.*createddate/);
    expect(probe(ns, ({ search }) => search.create({ type: 'salesorder', filters: [['mainline', 'is', 'T']], columns: ['datecreated'] }).run().getRange({ start: 0, end: 1 })[0].getValue('datecreated'))).toMatch(/^\d+\/\d+\/2026/);
    // internalidnumber filters custom records; it is no column of theirs.
    expect(create('customrecord_core_log', [['internalidnumber', 'greaterthan', 0]])).not.toThrow();
    expect(create('customrecord_core_log', [], ['internalidnumber'])).toThrow(/invalid column.*internalidnumber/);
    // Joins are NetSuite's join ids, not any select field: 'entity' is no join of a transaction search ('customer' is).
    expect(create('salesorder', [['entity.email', 'contains', 'x']])).toThrow(/no join 'entity'/);
    expect(create('salesorder', [['customer.email', 'contains', 'x']])).not.toThrow();
    // Ship items are searched as items: their carrier column is NetSuite's UPS / FedEx-USPS-More list.
    expect(lookup('shipitem', b.shipItem, 'shippingcarrier')()).toEqual({ shippingcarrier: [{ value: 'nonups', text: 'FedEx/USPS/More' }] });
  });

  it('a negated operator does not match an empty text, number or date value: "empty or not X" must say isempty', () => {
    const ns = coreDouble();
    const empty = ns.seed('customrecord_core_log', { fields: { name: 'no event' } }, { ignoreMandatoryFields: true });
    const other = ns.seed('customrecord_core_log', { fields: { name: 'other', custrecord_core_log_event: 'create' } }, { ignoreMandatoryFields: true });
    ns.seed('customrecord_core_log', { fields: { name: 'ship', custrecord_core_log_event: 'ship' } }, { ignoreMandatoryFields: true });
    const ids = (filters: unknown[]) => probe(ns, ({ search }) => search.create({ type: 'customrecord_core_log', filters }).run().getRange({ start: 0, end: 10 }).map((r: { id: string }) => Number(r.id)));
    expect(ids([['custrecord_core_log_event', 'isnot', 'ship']])).toEqual([other]);
    expect(ids([['custrecord_core_log_event', 'doesnotcontain', 'sh']])).toEqual([other]);
    expect(ids([['custrecord_core_log_event', 'isempty', ''], 'or', ['custrecord_core_log_event', 'isnot', 'ship']])).toEqual([empty, other]);    // isempty takes no value: the '' scripts pass by convention is no date to parse.
    const dated = ns.seed('customrecord_core_log', { fields: { name: 'dated', custrecord_core_log_when: new Date(2026, 2, 9) } }, { ignoreMandatoryFields: true });
    expect(ids([['custrecord_core_log_when', 'isempty', '']])).toEqual(expect.not.arrayContaining([dated]));
    expect(ids([['custrecord_core_log_when', 'isnotempty', '']])).toEqual([dated]);
  });

  it('each stops at false; getRange and runPaged enforce their limits; costs are charged', () => {
    const { ns } = world();
    const seen = probe(ns, ({ search }) => {
      let n = 0;
      search.create({ type: 'transaction', filters: [['mainline', 'is', 'T']] }).run().each(() => ++n < 2);
      return n;
    });
    expect(seen).toBe(2);
    expect(() => probe(ns, ({ search }) => search.create({ type: 'customer' }).run().getRange({ start: 0, end: 1001 }))).toThrow(/at most 1000/);
    expect(() => probe(ns, ({ search }) => search.create({ type: 'customer' }).runPaged({ pageSize: 4 }))).toThrow(/pageSize must be 5…1000/);
    const pages = probe(ns, ({ search }) => {
      const paged = search.create({ type: 'transaction', filters: [['mainline', 'is', 'T']], columns: ['tranid'] }).runPaged({ pageSize: 5 });
      const page = paged.fetch({ index: 0 });
      return { count: paged.count, ranges: paged.pageRanges.length, first: page.isFirst, last: page.isLast, size: page.data.length };
    });
    expect(pages).toEqual({ count: 4, ranges: 1, first: true, last: true, size: 4 });
    expect(ns.lastInvocation()!.charges.map((c) => c.units)).toEqual([5, 5]);
  });

  it('lookupFields: selects as [{value, text}], checkboxes as booleans, joins by name; 1 unit', () => {
    const { ns, b } = world();
    const looked = probe(ns, ({ search }) =>
      search.lookupFields({ type: search.Type.SALES_ORDER, id: b.salesOrder, columns: ['tranid', 'entity', 'shipmethod', 'customer.email', 'status'] }),
    );
    expect(looked).toEqual({
      tranid: `SO${b.salesOrder}`,
      entity: [{ value: String(b.customer), text: 'Acme Corp' }],
      shipmethod: [{ value: String(b.shipItem), text: 'FedEx Ground' }],
      'customer.email': 'buyer@acme.example',
      status: [{ value: 'SalesOrd:G', text: 'Billed' }],
    });
    expect(ns.lastInvocation()!.unitsUsed).toBe(1);
  });

  it('saved searches: save, load by id or script id, and feed Map/Reduce input', () => {
    const { ns, fulfillments } = world();
    const saved = probe(ns, ({ search }) => search.create({ type: 'itemfulfillment', id: 'customsearch_core_open', title: 'Open fulfillments', filters: [['mainline', 'is', 'T'], 'and', ['status', 'noneof', 'ItemShip:C']], columns: ['tranid', 'entity'] }).save());
    const loaded = probe(ns, ({ search }) => {
      const s = search.load({ id: 'customsearch_core_open' });
      return [s.searchType, s.id, s.searchId, s.run().getRange({ start: 0, end: 5 }).length];
    });
    expect(loaded).toEqual(['itemfulfillment', 'customsearch_core_open', saved, 1]);
    const input = mapReduceInputFromSearch(ns.account, { type: 'search', id: 'customsearch_core_open' })!;
    expect(input.map((p) => p.key)).toEqual([String(fulfillments[1])]);
    expect(JSON.parse(input[0]!.value)).toMatchObject({ recordType: 'itemfulfillment', id: String(fulfillments[1]), values: { tranid: `IF${fulfillments[1]}`, entity: { text: 'Acme Corp' } } });
    expect(() => probe(ns, ({ search }) => search.load({ id: 'customsearch_nope' }))).toThrow(/does not exist/);
  });
});
