// Issue 3 end to end: compiled SuiteScripts in the NetSuite double → the real relay over loopback
// HTTP → the FedEx double, and back into NetSuite.
import { describe, expect, it } from 'vitest';
import { AUDIT, INVOICE_FIELDS, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { STACK_SECRET, useStack } from './stack';

const S = SHIPMENT.fields;
// FedEx's day as NetSuite's (the double's dates are this process's, UTC in CI): the relay's lookups by
// reference otherwise meet TRACKING.SHIPDATEEND.FUTURE between 00:00 and 05:00 UTC.
const stack = useStack({ fedexUtcOffset: '+00:00' });

const ueRuns = (a: ConnectorAccount) => a.ns.invocations({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId, entryPoint: 'afterSubmit' });
/** The scheduled run of the shipping queue (every 15 minutes in NetSuite). */
const runShipQueue = (a: ConnectorAccount) => a.ns.runMapReduce({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.deploymentId });

describe('a fulfillment marked Shipped', () => {
  it('becomes exactly one FedEx shipment built from the NetSuite data, with tracking and label written back', async () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    const fulfillment = a.shipOrder(so, [4.5]);

    const shipment = a.shipmentOf(fulfillment);
    expect(shipment?.fields).toMatchObject({ [S.status]: 'CREATED', [S.serviceType]: 'FEDEX_GROUND', [S.accountNumber]: '740561073', [S.attempts]: 1, [S.salesOrder]: String(so), [S.invoice]: String(invoice) });
    const tracking = String(shipment?.fields[S.masterTrackingNumber]);
    expect(tracking).toMatch(/^\d{12}$/);

    // FedEx got one shipment, shipped to the address as NetSuite holds it (the phone as FedEx takes it: digits).
    const [fx, ...more] = await stack().shipmentsFor(a.keyOf(fulfillment));
    expect(more).toHaveLength(0);
    expect(fx.masterTrackingNumber).toBe(tracking);
    const sent = fx.request.requestedShipment;
    expect(sent.recipients).toEqual([
      {
        contact: { personName: 'Receiving Dock 4', companyName: 'Acme Retail', phoneNumber: '9015550100', emailAddress: 'orders@acme.example' },
        address: { streetLines: ['3875 Airways Blvd', 'Module H'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38116', countryCode: 'US', residential: false },
      },
    ]);
    expect(sent.shipper.address).toMatchObject({ streetLines: ['50 Depot Rd'], city: 'Nashville', postalCode: '37210' });
    expect(sent.requestedPackageLineItems).toEqual([expect.objectContaining({ weight: { units: 'LB', value: 4.5 }, itemDescription: 'Box 1' })]);
    // The fulfillment's item lines, as the master package's contents.
    expect(sent.requestedPackageLineItems[0].contentRecord).toEqual([
      { itemNumber: 'WIDGET-1', receivedQuantity: 3 },
      { itemNumber: 'GADGET-7', receivedQuantity: 1 },
    ]);
    expect(fx.serviceType).toBe('FEDEX_GROUND');

    // Tracking on the invoice at once, with a label link that works; on the fulfillment's package
    // once the shipping queue has run (the person who saved did not wait for that write).
    expect(shipment?.fields[S.fulfillmentPending]).toBe(true);
    expect(a.ns.get('itemfulfillment', fulfillment)?.sublists.package?.[0]?.packagetrackingnumber).toBeFalsy();
    runShipQueue(a);
    expect(a.ns.get('itemfulfillment', fulfillment)?.sublists.package?.[0]?.packagetrackingnumber).toBe(tracking);
    expect(a.shipmentOf(fulfillment)?.fields[S.fulfillmentPending]).toBe(false);
    expect((await stack().stats()).shipmentsCreated).toBe(1);
    const inv = a.ns.get('invoice', invoice);
    expect(inv?.fields[INVOICE_FIELDS.trackingNumbers]).toBe(tracking);
    const link = String(inv?.fields[INVOICE_FIELDS.labelLinks]);
    expect(link).toMatch(/\/core\/media\/media\.nl\?id=\d+/);
    const file = a.ns.io.files.load(Number(/id=(\d+)/.exec(link)?.[1]));
    expect(Buffer.from(file.bytes).subarray(0, 5).toString()).toBe('%PDF-');

    // Audit trail: ONE record per invocation, with its steps in order; no secret or label bytes inside:
    // the user event's create, and the shipping queue's package write.
    const audits = a.auditsOf(fulfillment);
    expect(audits.map((r) => r.fields[AUDIT.fields.operation])).toEqual(['CREATE_SHIPMENT', 'WRITE_BACK_FULFILLMENT']);
    expect(audits[1]!.fields).toMatchObject({ [AUDIT.fields.outcome]: 'SUCCESS', [AUDIT.fields.shipment]: String(shipment?.id) });
    const create = audits[0]!;
    expect(create.fields).toMatchObject({ [AUDIT.fields.outcome]: 'SUCCESS', [AUDIT.fields.shipment]: String(shipment?.id), [AUDIT.fields.attempt]: 1 });
    const steps = JSON.parse(String(create.fields[AUDIT.fields.steps])) as { step: string; outcome: string; ms?: number; detail?: Record<string, unknown> }[];
    expect(steps.map((s) => `${s.step} ${s.outcome}`)).toEqual(['READ SUCCESS', 'RELAY SUCCESS', 'STORE_LABEL SUCCESS', 'WRITE_BACK_INVOICE SUCCESS', 'WRITE_BACK_FULFILLMENT SKIPPED']);
    expect(steps.find((s) => s.step === 'RELAY')).toMatchObject({ ms: expect.any(Number), detail: { masterTrackingNumber: tracking, packages: 1 } });
    expect(steps.find((s) => s.step === 'WRITE_BACK_INVOICE')?.detail).toMatchObject({ invoice: String(invoice) });
    expect(JSON.parse(String(create.fields[AUDIT.fields.request]))).toMatchObject({ serviceType: 'FEDEX_GROUND', recipient: { address: { city: 'Memphis' } } });
    expect(JSON.parse(String(create.fields[AUDIT.fields.response]))).toMatchObject({ masterTrackingNumber: tracking });
    expect(String(create.fields[AUDIT.fields.response])).not.toMatch(/JVBER/); // base64 of "%PDF"
    expect(ueRuns(a)[0]?.error).toBeUndefined();
  });

  it('gives an invoice created after shipping the tracking number and label link', async () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const fulfillment = a.shipOrder(so);
    const tracking = a.shipmentOf(fulfillment)?.fields[S.masterTrackingNumber];
    const invoice = a.ns.ui.bill(so);
    const inv = a.ns.get('invoice', invoice);
    expect(inv?.fields[INVOICE_FIELDS.trackingNumbers]).toBe(tracking);
    expect(String(inv?.fields[INVOICE_FIELDS.labelLinks])).toMatch(/media\.nl\?id=\d+/);
    expect(a.shipmentOf(fulfillment)?.fields[S.invoice]).toBe(String(invoice));
  });

  it('ships several packages as one multi-piece shipment', async () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const fulfillment = a.shipOrder(so, [10, 12.5, 3]);
    const numbers = String(a.shipmentOf(fulfillment)?.fields[S.trackingNumbers]).split(', ');
    expect(numbers).toHaveLength(3);
    const [fx] = await stack().shipmentsFor(a.keyOf(fulfillment));
    expect(fx.trackingNumbers).toEqual(numbers);
    runShipQueue(a);
    expect(a.ns.get('itemfulfillment', fulfillment)?.sublists.package?.map((p) => p.packagetrackingnumber)).toEqual(numbers);
  });

  it('ships an order in two fulfillments as two shipments, and the invoice lists both', async () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const first = a.shipOrder(so, [2], {}, { 1: { itemreceive: false } }); // widgets now, the gadget later
    const second = a.shipOrder(so, [3]);
    const invoice = a.ns.ui.bill(so);
    const t1 = String(a.shipmentOf(first)?.fields[S.masterTrackingNumber]);
    const t2 = String(a.shipmentOf(second)?.fields[S.masterTrackingNumber]);
    expect(t1).not.toBe(t2);
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers]).toBe(`${t1}, ${t2}`);
    expect((await stack().stats()).shipmentsCreated).toBe(2);
  });

  it('leaves another carrier, will-call and pickup alone', async () => {
    const a = connectorAccount(stack());
    for (const method of [a.ids.upsGround, a.ids.willCall]) {
      const fulfillment = a.shipOrder(a.salesOrder({ shipmethod: method }));
      expect(a.shipmentOf(fulfillment)).toBeUndefined();
      expect(a.auditsOf(fulfillment)).toEqual([]);
    }
    expect((await stack().stats()).transactions.total).toBe(0);
    expect(a.ns.find(SHIPMENT.type)).toEqual([]);
  });

  it('uses the residential flag and the customer FedEx account', async () => {
    const a = connectorAccount(stack());
    a.ns.ui.edit('customer', a.ids.personCustomer, { fields: { custentity_mlfx_fedex_account: '740561073' } });
    const fulfillment = a.shipOrder(a.salesOrder({ customer: a.ids.personCustomer, residential: true, address: { addressee: 'Ann Lee', attention: '' } }));
    const [fx] = await stack().shipmentsFor(a.keyOf(fulfillment));
    expect(fx.request.requestedShipment.recipients[0].address.residential).toBe(true);
    // FedEx Ground does not deliver to homes: the FedEx Ground ship method goes as FedEx Home Delivery.
    expect(fx.serviceType).toBe('GROUND_HOME_DELIVERY');
    expect(fx.request.requestedShipment.recipients[0].contact).toMatchObject({ personName: 'Ann Lee' });
    expect(fx.accountNumber).toBe('740561073');
    expect(a.shipmentOf(fulfillment)?.fields[S.status]).toBe('CREATED');
  });
});

describe('ways a fulfillment becomes Shipped', () => {
  it('packed first, then shipped by inline edit', async () => {
    const a = connectorAccount(stack());
    const f = a.ns.ui.fulfill(a.salesOrder(), { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 2, packagedescr: 'Box 1' }] } });
    expect(a.shipmentOf(f)).toBeUndefined();
    a.ns.ui.inlineEdit('itemfulfillment', f, { shipstatus: 'C' });
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('CREATED');
  });

  it('in bulk, by CSV import: rows are queued without waiting on FedEx, and the shipping queue ships each once', async () => {
    const a = connectorAccount(stack());
    const fulfillments = Array.from({ length: 20 }, () => a.ns.ui.fulfill(a.salesOrder(), { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 1.5, packagedescr: 'Box 1' }] } }));
    a.ns.csvImport('itemfulfillment', fulfillments.map((id) => ({ id, fields: { shipstatus: 'C' } })));
    expect(fulfillments.map((f) => a.shipmentOf(f)?.fields[S.status])).toEqual(fulfillments.map(() => 'QUEUED'));
    expect((await stack().stats()).transactions.total).toBe(0);
    const imports = a.ns.invocations({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId, entryPoint: 'afterSubmit' }).slice(-20);
    console.info(`governance: queueing one fulfillment in a CSV import used ${imports[0]?.unitsUsed} units`);
    const ran = a.ns.runQueuedTasks();
    expect(ran).toHaveLength(1); // one on-demand run takes the whole queue
    expect(fulfillments.map((f) => a.shipmentOf(f)?.fields[S.status])).toEqual(fulfillments.map(() => 'CREATED'));
    expect((await stack().stats()).shipmentsCreated).toBe(20);
    expect(fulfillments.every((f) => a.ns.get('itemfulfillment', f)?.sublists.package?.[0]?.packagetrackingnumber)).toBe(true);
    // Queued again by mistake (a second import): nothing more is bought.
    a.ns.csvImport('itemfulfillment', fulfillments.slice(0, 5).map((id) => ({ id, fields: { memo: 'again' } })));
    a.ns.runMapReduce({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.deploymentId });
    expect((await stack().stats()).shipmentsCreated).toBe(20);
  });
  // Retries, backoff, reconciliation of unknown outcomes and concurrent queue runs: shipping-queue.test.ts.

  it('an http:// relay URL is a setting to fix, not an outage: NetSuite calls only https', async () => {
    expect(stack().relayUrl).toMatch(/^https:\/\/127\.0\.0\.1:/);
    const a = connectorAccount(stack(), { relayUrl: stack().relayUrl.replace(/^https:/, 'http:') });
    const f = a.shipOrder(a.salesOrder());
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'FAILED', [S.errorCode]: 'CONFIGURATION' });
    expect(String(a.shipmentOf(f)?.fields[S.lastError])).toMatch(/https/);
    expect((await stack().stats()).shipmentsCreated).toBe(0);
  });
});

describe('secrets', () => {
  it('never reach the relay log, the audit trail or the script log', async () => {
    const a = connectorAccount(stack());
    await stack().control('POST', 'faults', { failNext: { count: 1, status: 500, scope: 'ship' } });
    a.shipOrder(a.salesOrder());
    const everything = [
      ...(await stack().relayLogs()),
      ...a.ns.find(AUDIT.type).map((r) => JSON.stringify(r.fields)),
      ...a.ns.logs().map((l) => `${l.title} ${l.details}`),
      ...a.ns.find(SHIPMENT.type).map((r) => JSON.stringify(r.fields)),
    ].join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [STACK_SECRET, 'fedex-double-client-secret', 'Bearer ']) expect(everything).not.toContain(secret);
  });
});

describe('never a second label', () => {
  it('saving the fulfillment again, or marking it shipped again, creates nothing more', async () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const fulfillment = a.shipOrder(so);
    a.ns.ui.edit('itemfulfillment', fulfillment, { fields: { memo: 'saved again' } });
    a.ns.ui.ship(fulfillment);
    a.ns.ui.inlineEdit('itemfulfillment', fulfillment, { shipstatus: 'C' });
    // (Taken back to Packed and shipped again, it is voided and shipped anew: voids.test.ts.)
    expect((await stack().stats()).shipmentsCreated).toBe(1);
    expect(a.ns.find(SHIPMENT.type)).toHaveLength(1);
  });

  it('a 401 on an expired token, a burst of 429s and a 5xx each end with one shipment and a true audit', async () => {
    const a = connectorAccount(stack());
    await stack().control('POST', 'tokens/expire');
    const f1 = a.shipOrder(a.salesOrder());
    await stack().control('POST', 'faults', { burst429: { count: 3, scope: 'ship' } });
    const f2 = a.shipOrder(a.salesOrder());
    await stack().control('POST', 'faults', { failNext: { count: 1, status: 500, scope: 'ship' } });
    const f3 = a.shipOrder(a.salesOrder());
    const stats = await stack().stats();
    for (const f of [f1, f2, f3]) {
      expect(a.shipmentOf(f)?.fields[S.status]).toBe('CREATED');
      expect((await stack().shipmentsFor(a.keyOf(f))).filter((s: any) => s.status !== 'CA')).toHaveLength(1);
      expect(a.auditsOf(f)[0]?.fields[AUDIT.fields.outcome]).toBe('SUCCESS');
    }
    expect(stats.status429).toBeGreaterThanOrEqual(3);
    expect(stats.injectedFailures).toBeGreaterThanOrEqual(1);
  });

  it('a lost FedEx response ends with one live shipment', async () => {
    const a = connectorAccount(stack());
    await stack().control('POST', 'faults', { dropResponseAfterCreate: 1 });
    const f = a.shipOrder(a.salesOrder());
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('CREATED');
    const live = (await stack().shipmentsFor(a.keyOf(f))).filter((s: any) => s.status !== 'CA');
    expect(live).toHaveLength(1);
    expect(live[0].masterTrackingNumber).toBe(a.shipmentOf(f)?.fields[S.masterTrackingNumber]);
  });
});

describe('failures end as a failed Shipment record, the fulfillment saved, nothing bad sent to FedEx', () => {
  const failure = (a: ConnectorAccount, f: number) => {
    const s = a.shipmentOf(f);
    expect(a.ns.get('itemfulfillment', f)?.fields.shipstatus).toBe('C');
    expect(s?.fields[S.status]).toBe('FAILED');
    const audit = a.auditsOf(f)[0];
    expect(audit?.fields[AUDIT.fields.outcome]).toBe('FAILURE');
    expect(audit?.fields[AUDIT.fields.errorCode]).toBe(s?.fields[S.errorCode]);
    return { code: s?.fields[S.errorCode], message: String(s?.fields[S.lastError]) };
  };

  it('no FedEx account number anywhere', async () => {
    const a = connectorAccount(stack(), { globalAccount: null });
    const f = a.shipOrder(a.salesOrder());
    expect(failure(a, f)).toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/No FedEx account number/) });
    expect((await stack().stats()).transactions.total).toBe(0);
  });

  it('no phone on the address or the customer', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder({ customer: a.ids.personCustomer, address: { addrphone: '' } }));
    expect(failure(a, f)).toMatchObject({ code: 'INVALID_SHIPMENT_DATA', message: expect.stringMatching(/Recipient phone is required \(fix: the ship-to address phone, else the customer's phone\)/) });
    expect((await stack().stats()).transactions.total).toBe(0);
  });

  it('a bad address: a US address without zip and a street line FedEx cannot take', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder({ address: { zip: '', addr2: 'x'.repeat(40) } }));
    expect(failure(a, f)).toMatchObject({ code: 'INVALID_SHIPMENT_DATA', message: expect.stringMatching(/Ship-to address "x{40}" has 40 characters; FedEx prints 35 per line.*Ship-to zip is required for US addresses/s) });
    expect((await stack().stats()).transactions.total).toBe(0);
  });

  it('a FedEx ship method without a service mapping names the method to map', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
    expect(failure(a, f)).toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining(`"FedEx International Priority" (internal id ${a.ids.fedexUnmapped})`) });
  });

  it('a relay that is down: not FAILED but UNKNOWN (NetSuite cannot tell a refused connection from a lost answer), for the queue to reconcile', async () => {
    const a = connectorAccount(stack(), { relayUrl: 'https://127.0.0.1:9' });
    const f = a.shipOrder(a.salesOrder());
    expect(a.ns.get('itemfulfillment', f)?.fields.shipstatus).toBe('C');
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'UNKNOWN', [S.errorCode]: 'RELAY_UNAVAILABLE' });
    expect(a.auditsOf(f)[0]?.fields).toMatchObject({ [AUDIT.fields.outcome]: 'FAILURE', [AUDIT.fields.errorCode]: 'RELAY_UNAVAILABLE' });
  });

  it("FedEx's own refusal comes back with FedEx's code", async () => {
    const a = connectorAccount(stack(), { globalAccount: '123456789' });
    const f = a.shipOrder(a.salesOrder());
    const { code, message } = failure(a, f);
    expect(code).toBe('FEDEX_REJECTED');
    expect(message).toMatch(/FedEx: [A-Z.]+/);
  });

  it('a failed fulfillment ships once fixed and marked Shipped again, under the same Shipment record and key', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('FAILED');
    a.ns.ui.create('customrecord_mlfx_service_map', { fields: { name: 'FedEx International Priority', custrecord_mlfx_svc_ship_item: a.ids.fedexUnmapped, custrecord_mlfx_svc_service_type: 'FEDEX_GROUND' } });
    a.ns.ui.pack(f);
    a.ns.ui.ship(f);
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.attempts]: 1, [S.idempotencyKey]: a.keyOf(f) });
    expect(a.ns.find(SHIPMENT.type)).toHaveLength(1);
    expect((await stack().stats()).shipmentsCreated).toBe(1);
  });
});
