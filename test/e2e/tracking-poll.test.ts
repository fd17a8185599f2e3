// Issue 4, polling: the tracking Map/Reduce (compiled, in the NetSuite double) asks the real relay,
// which asks the FedEx double, whose shipments move on its controllable clock.
import { describe, expect, it } from 'vitest';
import { AUDIT, INVOICE_FIELDS, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';
import { MINUTE, scenarioClock } from './tracking-clock';

const S = SHIPMENT.fields;
const HOUR = 3_600_000;
const stack = useStack();

const poll = (a: ConnectorAccount) => a.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });
const statusUpdates = (a: ConnectorAccount) => a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'STATUS_UPDATE');

describe('tracking poll', () => {
  it('follows a shipment from label to delivery by its check plan: a few Track requests, the delivery seen within two hours, the invoice written when finance cares', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    const fulfillment = a.shipOrder(so);
    const start = await stack().stats();
    const seen: { status: string; at: number }[] = [];
    const invoiceStatuses: string[] = [];
    await clock.pollFor(36 * HOUR, (run) => {
      expect(run.input.error).toBeUndefined();
      expect(run.map?.errors ?? []).toEqual([]);
      const status = String(a.shipmentOf(fulfillment)?.fields[S.deliveryStatus] ?? '');
      if (status && status !== seen.at(-1)?.status) seen.push({ status, at: clock.now() });
      const onInvoice = String(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.deliveryStatus] ?? '');
      if (onInvoice && onInvoice !== invoiceStatuses.at(-1)) invoiceStatuses.push(onInvoice);
    });
    // FedEx's default timeline: picked up at +2 h, in transit at +6 h, out for delivery at +24 h, delivered at +30 h.
    expect(seen.map((s) => s.status)).toEqual(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    const deliveredAtFedex = clock.start + 30 * HOUR;
    expect(seen.at(-1)!.at - deliveredAtFedex).toBeLessThanOrEqual(2 * HOUR);
    // 144 runs of the poll in 36 hours; FedEx was asked a handful of times (the round-robin poll asked every run).
    const requests = (await stack().stats()).trackRequests - start.trackRequests;
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(requests).toBeLessThanOrEqual(8);

    const shipment = a.shipmentOf(fulfillment)!;
    expect(shipment.fields[S.fedexStatusCode]).toBe('DL');
    expect(shipment.fields[S.deliveredAt]).toBeInstanceOf(Date);
    expect(String(shipment.fields[S.receivedBy])).not.toBe('');
    expect(shipment.fields[S.trackingDone]).toBe(true);
    // The invoice shows finance's view: moving, then delivered with time and signer (not every scan).
    expect(invoiceStatuses).toEqual(['IN_TRANSIT', 'DELIVERED']);
    const inv = a.ns.get('invoice', invoice)!;
    expect(inv.fields[INVOICE_FIELDS.receivedBy]).toBe(shipment.fields[S.receivedBy]);
    // The invoice reads the time back through a search, which NetSuite gives to the minute.
    expect(Math.abs((inv.fields[INVOICE_FIELDS.deliveredAt] as Date).getTime() - (shipment.fields[S.deliveredAt] as Date).getTime())).toBeLessThan(60_000);
    // One history entry per change.
    expect(statusUpdates(a).map((r) => JSON.parse(String(r.fields[AUDIT.fields.request])).update.status)).toEqual(seen.map((x) => x.status));

    // Delivered: out of the poll for good.
    const before = await stack().stats();
    await clock.pollFor(24 * HOUR, (run) => expect(run.input.pairs).toEqual([]));
    expect((await stack().stats()).trackRequests).toBe(before.trackRequests);
  }, 120_000);

  it('two shipments of one order delivered in the same poll update its invoice without colliding (reduce jobs run in parallel)', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    const first = a.shipOrder(so, [4.5], {}, { 1: { itemreceive: false } });
    const second = a.shipOrder(so, [1.5]);
    await clock.advance(32 * HOUR);
    const run = poll(a);
    // The deployment runs 2 jobs at once: the order's two updates must not be two jobs writing one invoice.
    expect(run.reduce?.errors ?? []).toEqual([]);
    expect([first, second].map((f) => a.shipmentOf(f)?.fields[S.deliveryStatus])).toEqual(['DELIVERED', 'DELIVERED']);
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.deliveryStatus]).toBe('DELIVERED');
    const summary = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'TRACKING_POLL').at(-1)!;
    expect(summary.fields[AUDIT.fields.outcome]).toBe('SUCCESS');
  }, 120_000);

  it('shows a delivery exception with its code and description, on the invoice too', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    const fulfillment = a.shipOrder(so);
    const trackingNumber = String(a.shipmentOf(fulfillment)?.fields[S.masterTrackingNumber]);
    await stack().control('POST', 'timeline', {
      trackingNumber,
      steps: [
        { afterMs: 2 * HOUR, code: 'PU' },
        { afterMs: 20 * HOUR, code: 'DE', exceptionCode: '08', exceptionDescription: 'Customer not available or business closed' },
      ],
    });
    await clock.advance(21 * HOUR);
    poll(a);
    expect(a.shipmentOf(fulfillment)?.fields).toMatchObject({ [S.deliveryStatus]: 'EXCEPTION', [S.fedexStatusCode]: 'DE', [S.exceptionCode]: '08', [S.exceptionDescription]: 'Customer not available or business closed' });
    expect(a.ns.get('invoice', invoice)?.fields).toMatchObject({ [INVOICE_FIELDS.deliveryStatus]: 'EXCEPTION', [INVOICE_FIELDS.deliveryException]: `${trackingNumber}: Customer not available or business closed` });
  }, 120_000);

  it('asks FedEx about 95 due shipments in exactly 4 Track requests, and a check with nothing new writes nothing (under a unit per shipment)', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    const numbers: string[] = [];
    for (let i = 0; i < 95; i++) numbers.push(String(a.shipmentOf(a.shipOrder(a.salesOrder()))?.fields[S.masterTrackingNumber]));
    // Never picked up: FedEx says "label created" every time it is asked.
    for (const trackingNumber of numbers) await stack().control('POST', 'timeline', { trackingNumber, steps: [] });
    const start = await stack().stats();
    let first: ReturnType<typeof poll> | undefined;
    await clock.pollFor(12 * HOUR, (run) => {
      if (run.input.pairs.length) first ??= run;
    });
    const afterFirst = await stack().stats();
    expect(afterFirst.trackRequests - start.trackRequests).toBe(4);
    expect(afterFirst.numbersTracked - start.numbersTracked).toBe(95);
    expect(first?.input.pairs).toHaveLength(4);
    expect(statusUpdates(a)).toHaveLength(95);

    const versions = a.ns.find(SHIPMENT.type).map((r) => r.version);
    const otherAudits = () => a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] !== 'TRACKING_POLL').length;
    const audits = otherAudits();
    let second: ReturnType<typeof poll> | undefined;
    await clock.pollFor(12 * HOUR, (run) => {
      if (run.input.pairs.length) second ??= run;
    });
    expect((await stack().stats()).trackRequests - afterFirst.trackRequests).toBe(4);
    expect(second?.reduce?.invocations ?? 0).toBe(0);
    expect(a.ns.find(SHIPMENT.type).map((r) => r.version)).toEqual(versions);
    // The runs' summary audits are the only records quiet polls write.
    expect(otherAudits()).toBe(audits);
    const units = (run: NonNullable<typeof second>) => run.invocations.reduce((sum, i) => sum + i.unitsUsed, 0);
    if (process.env.DBG_UNITS) for (const i of second!.invocations) console.info(i.entryPoint, i.unitsUsed, JSON.stringify(i.charges));
    expect(units(second!) / 95).toBeLessThanOrEqual(1);
    console.info(`governance: poll of 95 unchanged shipments used ${units(second!)} units (${(units(second!) / 95).toFixed(2)} per shipment); first poll with 95 changes used ${units(first!)} (${(units(first!) / 95).toFixed(1)} per changed shipment)`);
  }, 120_000);

  it('works a backlog beyond one invocation’s governance across yields, each shipment updated once, even after a restart', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    for (let i = 0; i < 360; i++) {
      const so = a.salesOrder();
      a.ns.ui.bill(so);
      a.shipOrder(so);
    }
    await clock.advance(12 * HOUR);
    for (const s of a.ns.find(SHIPMENT.type)) await stack().control('POST', 'timeline', { trackingNumber: String(s.fields[S.masterTrackingNumber]), steps: [] });
    const run = a.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId, interruptions: [{ stage: 'reduce', afterCalls: 100, lost: 3 }] });
    expect(run.reduce?.usage ?? 0).toBeGreaterThan(10_000);
    expect(run.yields).toBeGreaterThanOrEqual(1);
    expect(run.restarts).toBe(1);
    const updates = statusUpdates(a);
    expect(updates).toHaveLength(360);
    expect(new Set(updates.map((u) => u.fields[AUDIT.fields.shipment])).size).toBe(360);
    expect(a.ns.find(SHIPMENT.type).every((s) => s.fields[S.deliveryStatus] === 'LABEL_CREATED')).toBe(true);
  }, 120_000);

  it('a reused tracking number resolves to the result of this shipment’s ship date', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    const fulfillment = a.shipOrder(a.salesOrder());
    const trackingNumber = String(a.shipmentOf(fulfillment)?.fields[S.masterTrackingNumber]);
    await stack().control('POST', 'historic', { trackingNumber, shipDate: '2024-04-24' });
    await stack().control('POST', 'timeline', { trackingNumber, steps: [] });
    await clock.advance(12 * HOUR);
    poll(a);
    expect(a.shipmentOf(fulfillment)?.fields[S.deliveryStatus]).toBe('LABEL_CREATED');
  }, 120_000);
});

describe('tracking poll failures', () => {
  it('records a batch FedEx keeps failing as an error in the summary audit, and the next poll catches up', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    const fulfillment = a.shipOrder(a.salesOrder());
    await stack().control('POST', 'timeline', { trackingNumber: String(a.shipmentOf(fulfillment)?.fields[S.masterTrackingNumber]), steps: [] });
    await clock.advance(12 * HOUR);
    await stack().control('POST', 'faults', { failNext: { count: 100, status: 503, scope: 'track' } });
    const run = poll(a);
    expect(run.map?.errors.length).toBeGreaterThan(0);
    const summary = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'TRACKING_POLL').at(-1)!;
    expect(summary.fields[AUDIT.fields.outcome]).toBe('FAILURE');
    expect(String(summary.fields[AUDIT.fields.errorMessage])).toMatch(/FedEx Track failed for 1 shipment/);
    expect(a.shipmentOf(fulfillment)?.fields[S.deliveryStatus] ?? '').toBe('');
    await stack().control('POST', 'faults', { clear: true });
    // 15 minutes later, the next run: the failed check is not left for the plan's next one (12 h on).
    await clock.advance(15 * MINUTE);
    poll(a);
    expect(a.shipmentOf(fulfillment)?.fields[S.deliveryStatus]).toBe('LABEL_CREATED');
  }, 120_000);

  it('a relay that is down is an error in the summary, not a crash', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    a.shipOrder(a.salesOrder());
    await clock.advance(12 * HOUR);
    a.updateSettings({ relayUrl: 'https://127.0.0.1:9' });
    const run = poll(a);
    expect(run.map?.errors[0]?.message).toMatch(/RELAY_UNAVAILABLE/);
    expect(run.summarize.invoked).toBe(true);
  }, 120_000);
});
