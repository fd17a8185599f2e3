// Governance budgets of the shipping path, counted by the NetSuite double with Oracle's unit costs
// while compiled SuiteScripts call the real relay and the FedEx double. A change that makes a
// shipment cost more fails here, with the unit breakdown printed to show where the units went.
// "Warm" = the settings, service map and ship-from address are in N/cache, as they are for every
// shipment but the first after an admin's save or an eviction.
import { describe, expect, it } from 'vitest';
import { SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { cacheControl } from '../netsuite-double';
import type { InvocationRecord } from '../netsuite-double/types';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';

const stack = useStack();

/** Units of one shipped fulfillment in the user event, 1 package, invoice present, cache warm. */
const UE_BUDGET = 60;
/** Each further PDF/PNG label is one more file (20 units); ZPL/EPL labels share one file. */
const PER_EXTRA_LABEL_FILE = 20;

const ueRuns = (a: ConnectorAccount) => a.ns.invocations({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId, entryPoint: 'afterSubmit' });
const breakdown = (run: InvocationRecord) => run.charges.map((c) => `${c.units} ${c.what}`).join(' | ');

function report(label: string, run: InvocationRecord): number {
  console.info(`governance: ${label}: ${run.unitsUsed} units = ${breakdown(run)}`);
  expect(run.error).toBeUndefined();
  return run.unitsUsed;
}

/** An account whose cache is warm: one shipment already went through. */
function warmAccount(): ConnectorAccount {
  const a = connectorAccount(stack());
  a.shipOrder(a.salesOrder());
  return a;
}

/** Ships an order that has an invoice, as one save that creates the fulfillment Shipped. */
function shipInvoicedOrder(a: ConnectorAccount, packages: number[]): InvocationRecord {
  const so = a.salesOrder();
  a.ns.ui.bill(so);
  const fulfillment = a.shipOrder(so, packages);
  expect(a.shipmentOf(fulfillment)?.fields[SHIPMENT.fields.status]).toBe('CREATED');
  return ueRuns(a).at(-1)!;
}

describe('user event governance per shipped fulfillment', () => {
  it(`1 package, invoice present: at most ${UE_BUDGET} units`, () => {
    const a = warmAccount();
    expect(report('1 package, invoice present, warm cache', shipInvoicedOrder(a, [4.5]))).toBeLessThanOrEqual(UE_BUDGET);
  });

  it('3 packages, invoice present: the budget plus one label file per extra package', () => {
    const a = warmAccount();
    expect(report('3 packages (PDF), invoice present, warm cache', shipInvoicedOrder(a, [10, 12.5, 3]))).toBeLessThanOrEqual(UE_BUDGET + 2 * PER_EXTRA_LABEL_FILE);
  });

  it('3 packages with thermal (ZPL II) labels: within the budget, all labels in one printer file', () => {
    const a = warmAccount();
    a.updateSettings({ labelImageType: 'ZPLII', labelStockType: 'STOCK_4X6' });
    a.shipOrder(a.salesOrder()); // warms the cache again after the settings save
    expect(report('3 packages (ZPL II), invoice present, warm cache', shipInvoicedOrder(a, [10, 12.5, 3]))).toBeLessThanOrEqual(UE_BUDGET);
  });

  it('a cold cache (first shipment after an eviction) costs the reloads once and ships all the same', () => {
    const a = warmAccount();
    cacheControl(a.ns.account).evict();
    const cold = report('1 package, invoice present, cache evicted', shipInvoicedOrder(a, [4.5]));
    // Settings + service map (2 searches) and the ship-from location (a load) come back into the cache.
    expect(cold).toBeLessThanOrEqual(UE_BUDGET + 20 + 5 + 2);
    expect(report('the next one', shipInvoicedOrder(a, [4.5]))).toBeLessThanOrEqual(UE_BUDGET);
  });

  it('packed first, then marked Shipped: the budget plus the search for its Shipment record', () => {
    const a = warmAccount();
    const so = a.salesOrder();
    a.ns.ui.bill(so);
    const f = a.ns.ui.fulfill(so, { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 2, packagedescr: 'Box 1' }] } });
    a.ns.ui.ship(f);
    expect(report('packed, then marked Shipped, invoice present', ueRuns(a).at(-1)!)).toBeLessThanOrEqual(UE_BUDGET + 10);
  });
});

describe('queued path governance', () => {
  it('a bulk save queues its shipment cheaply, and the shipping queue ships it in one map call', () => {
    const a = warmAccount();
    a.ns.runMapReduce({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.deploymentId }); // the warm-up's packages
    const packed = () => {
      const so = a.salesOrder();
      a.ns.ui.bill(so);
      return a.ns.ui.fulfill(so, { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 1.5, packagedescr: 'Box 1' }] } });
    };
    const fulfillments = [packed(), packed(), packed()];
    a.ns.csvImport('itemfulfillment', fulfillments.map((id) => ({ id, fields: { shipstatus: 'C' } })));
    const imports = ueRuns(a).slice(-3);
    // The first row starts the shipping queue (task submit, 20 units); the rows after it do not.
    report('CSV import row that starts the queue', imports[0]!);
    const later = report('CSV import row, queue already started', imports[2]!);
    expect(later).toBeLessThanOrEqual(25);
    const before = a.ns.invocations({ scriptId: SCRIPTS.shipQueue.scriptId, entryPoint: 'map' }).length;
    a.ns.runQueuedTasks();
    const maps = a.ns.invocations({ scriptId: SCRIPTS.shipQueue.scriptId, entryPoint: 'map' }).slice(before);
    expect(maps).toHaveLength(3);
    const perShipment = Math.max(...maps.map((m) => m.unitsUsed));
    report('shipping queue map call (ship + label + packages)', maps.at(-1)!);
    expect(perShipment).toBeLessThanOrEqual(100);
    expect(fulfillments.every((f) => a.shipmentOf(f)?.fields[SHIPMENT.fields.status] === 'CREATED')).toBe(true);
    // Each order's invoice is written once, by a reduce call keyed by the order (map calls run in parallel).
    const reduces = a.ns.invocations({ scriptId: SCRIPTS.shipQueue.scriptId, entryPoint: 'reduce' }).filter((r) => r.charges.some((c) => c.what.includes('(invoice)')));
    expect(reduces).toHaveLength(3);
    expect(report("shipping queue reduce call (one order's invoice, one shipment)", reduces.at(-1)!)).toBeLessThanOrEqual(25);
  });

  it('the packages of an inline shipment are written by the next scheduled run, cheaply', () => {
    const a = warmAccount();
    a.ns.runMapReduce({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.deploymentId }); // the warm-up's packages
    const f = a.shipOrder(a.salesOrder(), [3]);
    const run = a.ns.runMapReduce({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.deploymentId });
    const map = run.invocations.filter((i) => i.entryPoint === 'map');
    expect(map).toHaveLength(1);
    expect(report('shipping queue map call writing an inline shipment\'s packages (and its Audit record)', map[0]!)).toBeLessThanOrEqual(45);
    expect(a.ns.get('itemfulfillment', f)?.sublists.package?.[0]?.packagetrackingnumber).toBe(a.shipmentOf(f)?.fields[SHIPMENT.fields.masterTrackingNumber]);
  });
});
