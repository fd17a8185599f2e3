// Invoices no connector user event saw: made before the invoice user event stamped orders with their
// invoice (custbody_mlfx_invoice), by another script's user event, or by a CSV import without server
// scripts. The inline shipping path reads the invoice from the stamp only (no search in its 60
// units), so the installation links these orders (as far as its governance goes, the rest by the
// Invoice Links Map/Reduce it starts), and that Map/Reduce runs daily for the ones made since.
import { describe, expect, it } from 'vitest';
import { AUDIT, INVOICE_FIELDS, SALES_ORDER_FIELDS, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { splitTrackingNumbers } from '../../shared/src/invoice-fields';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';

const stack = useStack();
const S = SHIPMENT.fields;

const invoiceNumbers = (a: ConnectorAccount, invoice: number) => splitTrackingNumbers(String(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers] ?? '')).sort();
const trackingOf = (a: ConnectorAccount, f: number) => String(a.shipmentOf(f)?.fields[S.masterTrackingNumber]);
const stampOf = (a: ConnectorAccount, so: number) => a.ns.get('salesorder', so)?.fields[SALES_ORDER_FIELDS.invoice];

/** What an invoice looks like when no connector user event saw it: its order names no invoice, and it lists no tracking number. */
function unseen(a: ConnectorAccount, so: number, invoice: number): void {
  a.ns.csvImport('salesorder', [{ id: so, fields: { [SALES_ORDER_FIELDS.invoice]: '' } }], { runServerSuiteScript: false });
  a.ns.csvImport('invoice', [{ id: invoice, fields: { [INVOICE_FIELDS.trackingNumbers]: '', [INVOICE_FIELDS.labelLinks]: '' } }], { runServerSuiteScript: false });
  expect(stampOf(a, so)).toBeUndefined();
}

describe('invoices made before the invoice stamp', () => {
  it('the update links their orders: the invoice lists what shipped, and the next inline shipment adds its number at once', () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    unseen(a, so, invoice);
    const first = a.shipOrder(so, [2], {}, { 1: { itemreceive: false } });
    // The gap: the order names no invoice, so the inline shipment could not list its number.
    expect(invoiceNumbers(a, invoice)).toEqual([]);

    a.ns.deploy(); // the update that brings this version: its installation script links the order
    expect(stampOf(a, so)).toBe(String(invoice));
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, first)]);
    expect(a.ns.logs({ scriptId: SCRIPTS.install.scriptId }).at(-1)?.details).toContain('1 order(s) linked to their invoice');

    const second = a.shipOrder(so, [3]);
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, first), trackingOf(a, second)].sort());
  });

  it('more than one installation can link: it stops within its governance and the Invoice Links Map/Reduce links the rest', () => {
    const a = connectorAccount(stack());
    const orders: { so: number; invoice: number }[] = [];
    for (let i = 0; i < 520; i++) {
      const so = a.salesOrder();
      // Invoices as a version before the stamp left them (seeded: no script ran).
      const invoice = a.ns.seed('invoice', { fields: { entity: a.ids.customer, createdfrom: so, subsidiary: a.ids.subsidiary, trandate: new Date() }, sublists: { item: [{ item: a.ids.widget, quantity: 1, rate: 10 }] } });
      orders.push({ so, invoice });
    }
    const update = a.ns.deploy();
    expect(update.log).toContain('Run installation script -- ~/Objects/customscript_mlfx_install.xml');
    const install = a.ns.lastInvocation({ scriptId: SCRIPTS.install.scriptId })!;
    expect(install.error).toBeUndefined();
    expect(install.unitsUsed).toBeLessThanOrEqual(10_000);
    const linkedByInstall = orders.filter(({ so }) => stampOf(a, so) !== undefined).length;
    console.info(`invoice links: the installation linked ${linkedByInstall} of ${orders.length} orders in ${install.unitsUsed} units`);
    expect(linkedByInstall).toBeGreaterThan(300);
    expect(linkedByInstall).toBeLessThan(orders.length);
    expect(install.charges.some((c) => c.what === 'task.submit')).toBe(true);

    a.ns.runQueuedTasks();
    expect(orders.filter(({ so, invoice }) => stampOf(a, so) !== String(invoice))).toEqual([]);
    const audit = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'INVOICE_LINKS');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0]!.fields[AUDIT.fields.response])).counts).toEqual({ LINKED: orders.length - linkedByInstall });
  }, 120_000);
});

describe('invoices another script or a CSV import without server scripts made', () => {
  it('the daily Invoice Links run links their orders and lists the tracking numbers; each order once', () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const f = a.shipOrder(so, [2]);
    const invoice = a.ns.ui.bill(so);
    unseen(a, so, invoice);
    // A second invoice of the order (a credit-and-rebill, a script's): the first one is linked.
    a.ns.seed('invoice', { fields: { entity: a.ids.customer, createdfrom: so, subsidiary: a.ids.subsidiary, trandate: new Date() }, sublists: { item: [{ item: a.ids.widget, quantity: 1, rate: 10 }] } });

    const run = a.ns.runMapReduce({ scriptId: SCRIPTS.invoiceLinks.scriptId, deploymentId: SCRIPTS.invoiceLinks.deploymentId });
    expect(run.reduce?.errors ?? []).toEqual([]);
    // The order's first invoice, as the invoice user event stamps it.
    expect(stampOf(a, so)).toBe(String(invoice));
    expect(invoiceNumbers(a, invoice)).toEqual([trackingOf(a, f)]);
    expect(run.output.map((o) => o.key)).toEqual(['LINKED']);
    // Linked now: the next run finds nothing.
    const next = a.ns.runMapReduce({ scriptId: SCRIPTS.invoiceLinks.scriptId, deploymentId: SCRIPTS.invoiceLinks.deploymentId });
    expect(next.output).toEqual([]);
  });
});
