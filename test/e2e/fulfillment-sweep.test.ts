// Fulfillments no user event sees: NetSuite runs no user events for a record saved by another
// script's user event (Oracle documents it; the NetSuite double models it), so a fulfillment another
// SuiteApp's auto-fulfilment script marks Shipped never reaches the connector's user event. The
// shipping queue sweeps for them: one search per run finds Shipped FedEx fulfillments without a
// Shipment record, changed within the window and made after the connector started watching, and
// ships each through the same gate and key. Counted at the FedEx double.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT, INVOICE_FIELDS, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { createSuiteScriptError } from '../netsuite-double/modules/error';
import { HOUR, hookModule, liveLabels, MINUTE, ON_DEMAND, queueResults, relayCreates, runQueue, SCHEDULED, useTimeTravel } from './lifecycle-support';
import { useStack } from './stack';

const stack = useStack({ fedexUtcOffset: '+00:00' });
const time = useTimeTravel(stack);
const S = SHIPMENT.fields;
const DAY = 24 * HOUR;
const AUTOSHIP = resolve(import.meta.dirname, '../fixtures/netsuite/autoship_project');

/** An account with another SuiteApp's auto-ship user event beside the connector. */
const account = () => time.join(connectorAccount(stack(), { extraProjects: [AUTOSHIP] }));

/** The other SuiteApp fulfils the order and marks it Shipped, in its own user event. */
function autoShip(a: ConnectorAccount, so: number): number {
  a.ns.ui.edit('salesorder', so, { fields: { memo: 'AUTO-SHIP' } });
  const [f] = a.ns.find('itemfulfillment', (r) => String(r.fields.createdfrom) === String(so)).map((r) => r.id);
  expect(a.ns.get('itemfulfillment', f!)?.fields.shipstatus).toBe('C');
  return f!;
}

const sweepSkips = (run: ReturnType<typeof runQueue>) => queueResults(run).filter((r) => /^SWEEP_SKIPPED/.test(r.result));

describe('a fulfillment another SuiteApp’s user event marked Shipped', () => {
  it('is never seen by the connector’s user event; the queue’s sweep ships it once, invoice and packages included', async () => {
    const a = account();
    await time.pass(a, 2 * DAY); // the sweep watches from the day after the installation
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    const f = autoShip(a, so);
    expect(a.ns.invocations({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId })).toEqual([]);
    expect(a.shipmentOf(f)).toBeUndefined();

    // A user event may still be at work on a fulfillment saved a moment ago: the sweep waits 10 minutes.
    const early = runQueue(a);
    expect(sweepSkips(early)).toEqual([expect.objectContaining({ fulfillmentId: String(f), result: expect.stringMatching(/less than 10 minutes ago/) })]);
    expect(relayCreates(a)).toBe(0);

    await time.pass(a, 15 * MINUTE);
    const run = runQueue(a);
    expect(queueResults(run)).toEqual([expect.objectContaining({ work: 'sweep', fulfillmentId: String(f), result: 'CREATED' })]);
    const map = run.invocations.find((i) => i.entryPoint === 'map')!;
    console.info(`fulfillment sweep: map call ${map.unitsUsed} units = ${map.charges.map((c) => `${c.units} ${c.what}`).join(' | ')}`);
    expect(map.unitsUsed).toBeLessThanOrEqual(100);
    const shipment = a.shipmentOf(f)!;
    expect(shipment.fields).toMatchObject({ [S.status]: 'CREATED', [S.idempotencyKey]: a.keyOf(f), [S.fulfillmentPending]: false, [S.invoicePending]: false });
    const tracking = String(shipment.fields[S.masterTrackingNumber]);
    expect(a.ns.get('itemfulfillment', f)?.sublists.package?.[0]?.packagetrackingnumber).toBe(tracking);
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers]).toBe(tracking);
    const audit = a.auditsOf(f).find((r) => r.fields[AUDIT.fields.operation] === 'CREATE_SHIPMENT')!;
    expect(JSON.parse(String(audit.fields[AUDIT.fields.steps]))[0]).toMatchObject({ step: 'FOUND_BY_SWEEP', outcome: 'SUCCESS' });
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);

    // Its Shipment record now exists: later runs do not find it again.
    await time.pass(a, 15 * MINUTE);
    const later = runQueue(a);
    expect(queueResults(later).filter((r) => r.work === 'sweep')).toEqual([]);
    expect(relayCreates(a)).toBe(1);
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
  });

  it('costs the queue one search per run (paged), whatever it finds', async () => {
    const a = account();
    await time.pass(a, 2 * DAY);
    const run = runQueue(a);
    const input = run.invocations.find((i) => i.entryPoint === 'getInputData')!;
    const fulfillmentSearches = input.charges.filter((c) => c.what.includes('(itemfulfillment)'));
    expect(fulfillmentSearches.map((c) => c.what)).toEqual(['Search.runPaged (itemfulfillment)']);
    console.info(`fulfillment sweep: getInputData ${input.unitsUsed} units = ${input.charges.map((c) => `${c.units} ${c.what}`).join(' | ')}`);
  });
});

describe('what the sweep never ships', () => {
  it('a fulfillment from before the connector was watching (it may have shipped another way)', async () => {
    // Shipped on the installation day, on the account's own clock (the file's shared clock is joined after).
    const a = connectorAccount(stack(), { extraProjects: [AUTOSHIP] });
    const f = autoShip(a, a.salesOrder());
    time.join(a);
    await time.pass(a, 2 * DAY);
    const run = runQueue(a);
    expect(queueResults(run)).toEqual([]);
    expect(a.shipmentOf(f)).toBeUndefined();
  });

  it('another carrier’s fulfillment, one shipped before the window, and any once the setting is 0', async () => {
    const a = account();
    await time.pass(a, 2 * DAY);
    const ups = autoShip(a, a.salesOrder({ shipmethod: a.ids.upsGround }));
    const old = autoShip(a, a.salesOrder());
    await time.pass(a, 5 * DAY);
    // Edited since, by a script or a CSV import that no user event sees: changed within the window, shipped before it.
    a.ns.csvImport('itemfulfillment', [{ id: old, fields: { memo: 'carton count checked' } }], { runServerSuiteScript: false });
    await time.pass(a, 15 * MINUTE);
    const run = runQueue(a);
    expect(queueResults(run)).toEqual([expect.objectContaining({ fulfillmentId: String(old), result: expect.stringMatching(/^SWEEP_SKIPPED \(shipped on .*before the sweep's 3-day window\)/) })]);
    expect(a.shipmentOf(ups)).toBeUndefined();
    expect(a.shipmentOf(old)).toBeUndefined();

    a.updateSettings({ sweepDays: 0 });
    const fresh = autoShip(a, a.salesOrder());
    await time.pass(a, 15 * MINUTE);
    expect(queueResults(runQueue(a))).toEqual([]);
    expect(a.shipmentOf(fresh)).toBeUndefined();
    expect(relayCreates(a)).toBe(0);
  });

  it('a fulfillment that got its Shipment record after the search found it: one label, one Shipment record', async () => {
    const a = account();
    await time.pass(a, 2 * DAY);
    const f = autoShip(a, a.salesOrder());
    await time.pass(a, 15 * MINUTE);
    // The scheduled run reads its input ...
    const input = a.ns.runEntryPoint({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCHEDULED, entryPoint: 'getInputData', executionContext: 'MAPREDUCE', args: [{}] });
    const [key, value] = Object.entries(input.value as Record<string, unknown>).find(([k]) => k === `fulfillment:${f}`)!;
    // ... the on-demand run ships the same fulfillment meanwhile ...
    const first = runQueue(a, ON_DEMAND);
    expect(queueResults(first)).toEqual([expect.objectContaining({ work: 'sweep', result: 'CREATED' })]);
    // ... and the scheduled run's map call comes to it late (after the sweep's 10 quiet minutes).
    await time.pass(a, 15 * MINUTE);
    const written: { key: string; value: string }[] = [];
    const late = a.ns.runEntryPoint({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCHEDULED, entryPoint: 'map', executionContext: 'MAPREDUCE', args: [{ key, value: JSON.stringify(value), isRestarted: false, executionNo: 1, write: (w: { key: string; value: string }) => written.push(w) }] });
    expect(late.outcome).toBe('returned');
    expect(JSON.parse(written[0]!.value)).toMatchObject({ result: expect.stringMatching(/^SWEEP_SKIPPED \(Shipment record \d+ is CREATED\)/) });
    expect(a.ns.find(SHIPMENT.type, (r) => String(r.fields[S.fulfillment]) === String(f))).toHaveLength(1);
    expect(relayCreates(a)).toBe(1);
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
  });
});

describe('a CSV import without server scripts', () => {
  it('marks fulfillments Shipped that no user event sees: the sweep ships each once', async () => {
    const a = account();
    await time.pass(a, 2 * DAY);
    const packed = [a.salesOrder(), a.salesOrder()].map((so) => a.ns.ui.fulfill(so, { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 2, packagedescr: 'Box 1' }] } }));
    a.ns.csvImport('itemfulfillment', packed.map((id) => ({ id, fields: { shipstatus: 'C' } })), { runServerSuiteScript: false });
    expect(packed.map((f) => a.shipmentOf(f))).toEqual([undefined, undefined]);
    await time.pass(a, 15 * MINUTE);
    const run = runQueue(a);
    expect(queueResults(run).map((r) => r.result)).toEqual(['CREATED', 'CREATED']);
    for (const f of packed) expect(await liveLabels(stack(), a, f)).toHaveLength(1);
  });
});

describe('a sweep NetSuite refuses', () => {
  it('never stops the queue: the Shipments are worked on, and the run’s Audit record names the sweep’s error', async () => {
    const a = account();
    await time.pass(a, 2 * DAY);
    const f = a.ns.ui.fulfill(a.salesOrder(), { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 2, packagedescr: 'Box 1' }] } });
    a.ns.csvImport('itemfulfillment', [{ id: f, fields: { shipstatus: 'C' } }]);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('QUEUED');
    // Say NetSuite did not offer the join from fulfillments to the connector's Shipment records.
    const unhook = hookModule(a, 'N/search', (search) => ({
      ...search,
      create: (options: { type: string }) => {
        if (String(options.type).toLowerCase() === 'itemfulfillment') throw createSuiteScriptError({ name: 'SSS_INVALID_SRCH_FILTER_JOIN', message: 'An nlobjSearchFilter contains an invalid join ID' });
        return search.create(options);
      },
    }));
    const run = runQueue(a);
    unhook();
    expect(queueResults(run)).toContainEqual(expect.objectContaining({ shipmentId: a.shipmentOf(f)!.id, result: 'CREATED' }));
    const audit = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'SHIP_QUEUE_RUN').at(-1)!;
    expect(audit.fields[AUDIT.fields.outcome]).toBe('FAILURE');
    expect(String(audit.fields[AUDIT.fields.errorMessage])).toMatch(/sweep for fulfillments no user event saw: SSS_INVALID_SRCH_FILTER_JOIN/);
  });
});
