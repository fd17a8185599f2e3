// Fulfillments that are not a plain sales order shipment: a transfer order (shipped to the
// destination location), a vendor return (refused with a reason a person can act on), and a
// fulfillment whose label NetSuite's own carrier integration prints (the connector stands back).
import { describe, expect, it } from 'vitest';
import { AUDIT, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { moduleFactories, registerModuleFactory } from '../netsuite-double';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';

const S = SHIPMENT.fields;
const stack = useStack();

const ueRuns = (a: ConnectorAccount) => a.ns.invocations({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId, entryPoint: 'afterSubmit' });

/** A picked fulfillment of `source` (as NetSuite makes it from a transfer order or vendor return), then marked Shipped. */
function shipFulfillmentOf(a: ConnectorAccount, source: number, fields: Record<string, unknown>): number {
  const fulfillment = a.ns.seed('itemfulfillment', {
    fields: { createdfrom: source, shipstatus: 'A', trandate: new Date(), subsidiary: a.ids.subsidiary, location: a.ids.warehouse, shipmethod: a.ids.fedexGround, ...fields },
    sublists: {
      item: [{ item: a.ids.widget, quantity: 2, itemreceive: true, location: a.ids.warehouse }],
      package: [{ packageweight: 6, packagedescr: 'Box 1' }],
    },
  });
  a.ns.ui.edit('itemfulfillment', fulfillment, { fields: { shipstatus: 'C' } });
  return fulfillment;
}

describe('a transfer order fulfillment', () => {
  it('ships to the destination location: its main address, its name, its phone', async () => {
    const a = connectorAccount(stack());
    const store = a.ns.seed('location', {
      fields: { name: 'Memphis Store 12', subsidiary: a.ids.subsidiary },
      subrecords: { mainaddress: { addressee: 'Acme Store 12', attention: 'Back Office', addr1: '4000 Poplar Ave', city: 'Memphis', state: 'TN', zip: '38111', country: 'US', addrphone: '901-555-0142' } },
    });
    const transfer = a.ns.seed('transferorder', {
      fields: { subsidiary: a.ids.subsidiary, location: a.ids.warehouse, transferlocation: store, shipmethod: a.ids.fedexGround, trandate: new Date() },
      sublists: { item: [{ item: a.ids.widget, quantity: 2 }] },
    });
    const f = shipFulfillmentOf(a, transfer, { transferlocation: store });

    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.accountNumber]: '740561073' });
    expect(a.shipmentOf(f)?.fields[S.salesOrder]).toBeFalsy();
    const [fx, ...more] = await stack().shipmentsFor(a.keyOf(f));
    expect(more).toHaveLength(0);
    expect(fx.request.requestedShipment.recipients).toEqual([
      {
        contact: { personName: 'Back Office', companyName: 'Memphis Store 12', phoneNumber: '9015550142' },
        address: { streetLines: ['4000 Poplar Ave'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38111', countryCode: 'US', residential: false },
      },
    ]);
    expect(fx.request.requestedShipment.shipper.address).toMatchObject({ streetLines: ['50 Depot Rd'], city: 'Nashville' });
    expect(ueRuns(a).at(-1)?.error).toBeUndefined();
  });

  it('without a To Location it fails with a reason that names the field', () => {
    const a = connectorAccount(stack());
    const transfer = a.ns.seed('transferorder', {
      fields: { subsidiary: a.ids.subsidiary, location: a.ids.warehouse, transferlocation: a.ids.warehouse, shipmethod: a.ids.fedexGround, trandate: new Date() },
      sublists: { item: [{ item: a.ids.widget, quantity: 2 }] },
    });
    const f = shipFulfillmentOf(a, transfer, {});
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'FAILED', [S.errorCode]: 'INVALID_SHIPMENT_DATA' });
    expect(String(a.shipmentOf(f)?.fields[S.lastError])).toMatch(/no To Location \(transferlocation\)/);
  });
});

describe('a vendor return fulfillment', () => {
  it('is refused with a FAILED reason naming what it was created from, nothing sent and no exception', async () => {
    const a = connectorAccount(stack());
    const vra = a.ns.seed('vendorreturnauthorization', {
      fields: { entity: '77', subsidiary: a.ids.subsidiary, location: a.ids.warehouse, trandate: new Date() },
      sublists: { item: [{ item: a.ids.widget, quantity: 2 }] },
    });
    const f = shipFulfillmentOf(a, vra, {});
    const shipment = a.shipmentOf(f);
    expect(shipment?.fields).toMatchObject({ [S.status]: 'FAILED', [S.errorCode]: 'UNSUPPORTED_FULFILLMENT', [S.attempts]: 0 });
    expect(String(shipment?.fields[S.lastError])).toMatch(/created from a Vendor Return Authorization \(VRA\d+\).*sales orders and transfer orders only/);
    const [audit, ...more] = a.auditsOf(f);
    expect(more).toHaveLength(0);
    expect(audit?.fields).toMatchObject({ [AUDIT.fields.outcome]: 'FAILURE', [AUDIT.fields.errorCode]: 'UNSUPPORTED_FULFILLMENT' });
    expect((await stack().stats()).transactions.total).toBe(0);
    expect(ueRuns(a).at(-1)?.error).toBeUndefined();
    expect(a.ns.logs({ level: 'ERROR' }).some((l) => /could not be processed/.test(l.title))).toBe(false);
    // Not a passing failure: the shipping queue leaves it alone.
    a.ns.runMapReduce({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.deploymentId });
    expect(a.auditsOf(f)).toHaveLength(1);
  });
});

describe("NetSuite's own integrated shipping label", () => {
  it('checked on the fulfillment: the connector buys no second label and records why on a SKIPPED Shipment', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder(), [4.5], { generateintegratedshipperlabel: true });
    const shipment = a.shipmentOf(f);
    expect(shipment?.fields[S.status]).toBe('SKIPPED');
    expect(String(shipment?.fields[S.lastError])).toMatch(/Integrated Shipping Label.*bought none/);
    expect(shipment?.fields[S.labelFile]).toBeFalsy();
    expect(a.auditsOf(f).map((r) => [r.fields[AUDIT.fields.operation], r.fields[AUDIT.fields.outcome]])).toEqual([['SKIP', 'SKIPPED']]);
    expect((await stack().stats()).transactions.total).toBe(0);

    // The box cleared and the fulfillment marked Shipped again: the connector ships it, on the same record.
    a.ns.ui.pack(f);
    a.ns.ui.edit('itemfulfillment', f, { fields: { generateintegratedshipperlabel: false } });
    a.ns.ui.ship(f);
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.attempts]: 1 });
    expect(a.ns.find(SHIPMENT.type)).toHaveLength(1);
    expect((await stack().stats()).shipmentsCreated).toBe(1);
  });

  it('in bulk too: a CSV import does not queue a fulfillment whose label NetSuite prints', async () => {
    const a = connectorAccount(stack());
    const f = a.ns.ui.fulfill(a.salesOrder(), { fields: { shipstatus: 'B', generateintegratedshipperlabel: true }, sublists: { package: [{ packageweight: 1, packagedescr: 'Box 1' }] } });
    a.ns.csvImport('itemfulfillment', [{ id: f, fields: { shipstatus: 'C' } }]);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('SKIPPED');
    expect(a.ns.runQueuedTasks()).toHaveLength(0);
  });
});

describe('an unexpected error', () => {
  it('ends as a Shipment the queue retries (INTERNAL: RETRYING, FAILED once Max Attempts are used) with its reason and one Audit record, not a bare exception', async () => {
    // An account whose customer lookups break (as a permission or platform error would).
    const original = moduleFactories.get('N/search')!;
    registerModuleFactory('N/search', (ctx) => {
      const search = original(ctx) as Record<string, unknown> & { lookupFields: (o: { type: string }) => unknown };
      return {
        ...search,
        lookupFields: (o: { type: string }) => {
          if (o.type === 'customer') throw new Error('simulated platform error');
          return search.lookupFields(o);
        },
      };
    });
    let a: ConnectorAccount;
    try {
      a = connectorAccount(stack());
    } finally {
      registerModuleFactory('N/search', original);
    }
    const f = a.shipOrder(a.salesOrder());
    const shipment = a.shipmentOf(f);
    // Nothing was sent: a passing failure, retried by the shipping queue (shipping-queue.test.ts).
    expect(shipment?.fields).toMatchObject({ [S.status]: 'RETRYING', [S.errorCode]: 'INTERNAL', [S.attempts]: 1 });
    expect(String(shipment?.fields[S.lastError])).toMatch(/before anything was sent: Error: simulated platform error/);
    expect(a.auditsOf(f).map((r) => r.fields[AUDIT.fields.outcome])).toEqual(['FAILURE']);
    expect(a.ns.logs({ level: 'ERROR' }).some((l) => /could not be processed/.test(l.title))).toBe(false);
    expect((await stack().stats()).transactions.total).toBe(0);
  });
});
