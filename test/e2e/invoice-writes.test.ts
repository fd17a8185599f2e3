// The order's invoice lists every tracking number of the order, whoever shipped it and however many
// scripts shipped at the same moment: the shipping queue writes an order's invoice once per run in a
// reduce keyed by the sales order (its map calls run in parallel, and two of them writing one invoice
// collide with RCRD_HAS_BEEN_CHANGED), and an inline shipment's append survives a collision.
import { describe, expect, it } from 'vitest';
import { AUDIT, INVOICE_FIELDS, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { splitTrackingNumbers } from '../../shared/src/invoice-fields';
import { createSuiteScriptError } from '../netsuite-double/modules/error';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { hookModule, runQueue } from './lifecycle-support';
import { useStack } from './stack';

const stack = useStack();
const S = SHIPMENT.fields;

const invoiceNumbers = (a: ConnectorAccount, invoice: number) => splitTrackingNumbers(String(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers] ?? '')).sort();
const trackingOf = (a: ConnectorAccount, f: number) => String(a.shipmentOf(f)?.fields[S.masterTrackingNumber]);

/** An invoiced order fulfilled in two parts, both packed (not yet Shipped). */
function invoicedOrderInTwoParts(a: ConnectorAccount) {
  const so = a.salesOrder();
  const invoice = a.ns.ui.bill(so);
  const pack = (lines: Record<number, Record<string, unknown>>) =>
    a.ns.ui.fulfill(so, { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 2, packagedescr: 'Box 1' }] }, lines: { item: lines } });
  const first = pack({ 1: { itemreceive: false } });
  const second = pack({});
  return { so, invoice, first, second };
}

describe('the shipping queue ships two fulfillments of one order in one run', () => {
  it('its parallel map calls never write the invoice: one reduce per order lists both tracking numbers', () => {
    const a = connectorAccount(stack());
    const { invoice, first, second } = invoicedOrderInTwoParts(a);
    a.ns.csvImport('itemfulfillment', [first, second].map((id) => ({ id, fields: { shipstatus: 'C' } })));
    const run = runQueue(a);
    expect([first, second].map((f) => a.shipmentOf(f)?.fields[S.status])).toEqual(['CREATED', 'CREATED']);
    expect(run.map?.errors ?? []).toEqual([]);
    expect(run.reduce?.errors ?? []).toEqual([]);
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, first), trackingOf(a, second)].sort());
  });
});

describe('two inline shipments of one order at the same moment', () => {
  /**
   * Fulfillment `first` is marked Shipped; its user event reads the invoice, and just before it writes,
   * a second person marks `second` Shipped (that user event runs whole). `report` decides whether
   * NetSuite reports the overlap to the first writer (RCRD_HAS_BEEN_CHANGED) or lets it write over.
   */
  function shipBothAtOnce(a: ConnectorAccount, first: number, second: number, report: boolean) {
    let interleaved = false;
    const unhook = hookModule(a, 'N/record', (rec, ctx) => ({
      ...rec,
      submitFields: (options: { type: string }) => {
        if (!interleaved && ctx.scriptId === SCRIPTS.fulfillmentUserEvent.scriptId && options.type === 'invoice') {
          interleaved = true;
          a.ns.ui.ship(second);
          if (report) throw createSuiteScriptError({ name: 'RCRD_HAS_BEEN_CHANGED', message: 'Record has been changed' });
        }
        return rec.submitFields(options);
      },
    }));
    try {
      a.ns.ui.ship(first);
    } finally {
      unhook();
    }
    expect(interleaved).toBe(true);
  }

  it('NetSuite reports the collision: the append reads the invoice again and lists both at once', () => {
    const a = connectorAccount(stack());
    const { invoice, first, second } = invoicedOrderInTwoParts(a);
    shipBothAtOnce(a, first, second, true);
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, first), trackingOf(a, second)].sort());
    const audit = a.auditsOf(first).find((r) => r.fields[AUDIT.fields.operation] === 'CREATE_SHIPMENT')!;
    const steps = JSON.parse(String(audit.fields[AUDIT.fields.steps])) as { step: string; outcome: string; detail?: { attempts?: number } }[];
    expect(steps.find((s) => s.step === 'WRITE_BACK_INVOICE')).toMatchObject({ outcome: 'SUCCESS', detail: { attempts: 2 } });
  });

  it('NetSuite lets the second write over the first: the next queue run rewrites the invoice from the Shipment records', () => {
    const a = connectorAccount(stack());
    const { invoice, first, second } = invoicedOrderInTwoParts(a);
    shipBothAtOnce(a, first, second, false);
    // The first user event wrote what it had read: the second's number is gone from the invoice ...
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, first)]);
    // ... but both Shipments still say their number may be missing from the invoice.
    expect([first, second].map((f) => a.shipmentOf(f)?.fields[S.invoicePending])).toEqual([true, true]);
    const run = runQueue(a);
    expect(run.reduce?.errors ?? []).toEqual([]);
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, first), trackingOf(a, second)].sort());
    expect([first, second].map((f) => a.shipmentOf(f)?.fields[S.invoicePending])).toEqual([false, false]);
    // One invoice write for the order, not one per shipment.
    const invoiceWrites = run.invocations.filter((i) => i.entryPoint === 'reduce').flatMap((i) => i.charges.filter((c) => c.what === 'record.submitFields transaction (invoice)'));
    expect(invoiceWrites).toHaveLength(1);
  });
});

describe('an invoice write the queue could not make', () => {
  it('leaves an Audit record and the Shipment flagged; the next run writes it', () => {
    const a = connectorAccount(stack());
    const { invoice, first, second } = invoicedOrderInTwoParts(a);
    a.ns.csvImport('itemfulfillment', [first, second].map((id) => ({ id, fields: { shipstatus: 'C' } })));
    const unhook = hookModule(a, 'N/record', (rec, ctx) => ({
      ...rec,
      submitFields: (options: { type: string }) => {
        if (ctx.scriptId === SCRIPTS.shipQueue.scriptId && options.type === 'invoice') throw createSuiteScriptError({ name: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred' });
        return rec.submitFields(options);
      },
    }));
    const failed = runQueue(a);
    unhook();
    expect(queueCounts(a, failed)).toMatchObject({ INVOICE_FAILED: 1 });
    expect(invoiceNumbers(a, invoice)).toEqual([]);
    const audit = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'WRITE_BACK_INVOICE' && r.fields[AUDIT.fields.outcome] === 'FAILURE');
    expect(audit).toHaveLength(1);
    expect(String(audit[0]!.fields[AUDIT.fields.errorMessage])).toMatch(/UNEXPECTED_ERROR.*tries again/);
    expect([first, second].map((f) => a.shipmentOf(f)?.fields[S.invoicePending])).toEqual([true, true]);

    const next = runQueue(a);
    expect(queueCounts(a, next)).toMatchObject({ INVOICE_WRITTEN: 1 });
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, first), trackingOf(a, second)].sort());
    expect([first, second].map((f) => a.shipmentOf(f)?.fields[S.invoicePending])).toEqual([false, false]);
  });
});

/** The counts of the run's SHIP_QUEUE_RUN Audit record. */
function queueCounts(a: ConnectorAccount, run: ReturnType<typeof runQueue>): Record<string, number> {
  const audits = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'SHIP_QUEUE_RUN');
  expect(run.summarize.invoked).toBe(true);
  return (JSON.parse(String(audits.at(-1)!.fields[AUDIT.fields.response])) as { counts: Record<string, number> }).counts;
}
