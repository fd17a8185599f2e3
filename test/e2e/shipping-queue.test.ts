// Issues 7 and 9, the SuiteApp's shipping queue (customscript_mlfx_mr_ship) end to end: "we don't
// know" answers are retried with reconciliation until the outcome is known, passing failures with
// backoff up to Max Attempts, a Shipment a dead script left PENDING is recovered, and two queue
// runs at once never both ship one Shipment. Each scenario counts the live labels at the FedEx double.
import { describe, expect, it } from 'vitest';
import { AUDIT, SHIPMENT } from '../../shared/src/ids';
import { createSuiteScriptError } from '../netsuite-double/modules/error';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { eventually, HOUR, hookModule, liveLabels, MINUTE, ON_DEMAND, queueResults, relayCreates, runQueue, S, SCHEDULED, useTimeTravel } from './lifecycle-support';
import { useStack } from './stack';

// FedEx's local day equals the NetSuite double's (which runs on the machine's UTC clock; NetSuite
// itself dates in its own US time zone), so moving time never makes a ship date FedEx's "future".
const stack = useStack({ fedexUtcOffset: '+00:00' });
const time = useTimeTravel(stack);
const passTime = time.pass;
const account = (options?: Parameters<typeof connectorAccount>[1]) => time.join(connectorAccount(stack(), options));

describe('an answer nobody knows is retried with reconciliation until it is known', () => {
  it('FEDEX_OUTCOME_UNKNOWN: UNKNOWN with a next attempt, then reconciled by the queue into exactly one live label', async () => {
    const a = account();
    // FedEx makes the shipment but its answer is lost, twice in a row (the relay reconciles once in between).
    await stack().control('POST', 'faults', { dropResponseAfterCreate: 2 });
    const f = a.shipOrder(a.salesOrder());
    const unknown = a.shipmentOf(f)!;
    expect(unknown.fields).toMatchObject({ [S.status]: 'UNKNOWN', [S.errorCode]: 'FEDEX_OUTCOME_UNKNOWN', [S.attempts]: 1 });
    expect(String(unknown.fields[S.lastError])).toMatch(/may have created this shipment.*reconciles it with the same key/);
    expect(unknown.fields[S.nextAttemptAt]).toBeInstanceOf(Date);
    expect(await liveLabels(stack(), a, f)).toHaveLength(1); // a label nobody in NetSuite knows of, yet

    // Not due yet: the queue leaves it.
    expect(queueResults(runQueue(a))).toEqual([expect.objectContaining({ result: expect.stringMatching(/^WAIT/) })]);
    expect(relayCreates(a)).toBe(1);

    // The next attempt meets the same trouble: UNKNOWN again, later.
    await passTime(a, 10 * MINUTE);
    await stack().control('POST', 'faults', { dropResponseAfterCreate: 2 });
    runQueue(a);
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'UNKNOWN', [S.attempts]: 2 });

    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
    // FedEx answers again: the next attempt reconciles (same key, attempt 3) and ends with one live label.
    await stack().control('POST', 'faults', { clear: true });
    await passTime(a, 30 * MINUTE);
    runQueue(a);
    const created = a.shipmentOf(f)!;
    expect(created.fields).toMatchObject({ [S.status]: 'CREATED', [S.attempts]: 3 });
    expect(created.fields[S.errorCode] ?? '').toBe('');
    const live = await liveLabels(stack(), a, f);
    expect(live).toHaveLength(1);
    expect(live[0].masterTrackingNumber).toBe(created.fields[S.masterTrackingNumber]);
    expect(a.ns.get('itemfulfillment', f)?.sublists.package?.[0]?.packagetrackingnumber).toBe(live[0].masterTrackingNumber);
    // The same key on every attempt.
    const keys = a.ns.io.outbound.filter((r) => r.url.endsWith('/v1/shipments')).map((r) => JSON.parse(r.body).idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([a.keyOf(f)]));
  });

  it('a NetSuite-side timeout (N/https gives up while the relay goes on): UNKNOWN, then the relay’s stored answer, no second create at FedEx', async () => {
    const a = account();
    a.ns.io.https.totalTimeoutMs = 1_000; // NetSuite gives up after 1 s here (45 s in NetSuite) ...
    await stack().control('POST', 'faults', { latencyMs: 3_000, latencyScope: 'ship' }); // ... while FedEx takes 3 s
    const f = a.shipOrder(a.salesOrder());
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'UNKNOWN', [S.errorCode]: 'RELAY_UNAVAILABLE' });
    expect(String(a.shipmentOf(f)?.fields[S.lastError])).toMatch(/SSS_REQUEST_TIME_EXCEEDED/);
    // The relay finishes the create after NetSuite stopped listening.
    const [made] = await eventually(async () => {
      const live = await liveLabels(stack(), a, f);
      return live.length > 0 && live;
    });

    a.ns.io.https.totalTimeoutMs = 45_000;
    await stack().control('POST', 'faults', { clear: true });
    await passTime(a, 10 * MINUTE);
    runQueue(a);
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.masterTrackingNumber]: made.masterTrackingNumber, [S.attempts]: 2 });
    expect((await stack().stats()).shipmentsCreated).toBe(1);
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
  });

  it('a relay that cannot be reached stays UNKNOWN (never FAILED, however many attempts) until the relay answers', async () => {
    const a = account({ relayUrl: 'https://127.0.0.1:9' });
    a.updateSettings({ maxAttempts: 2 });
    const f = a.shipOrder(a.salesOrder());
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'UNKNOWN', [S.errorCode]: 'RELAY_UNAVAILABLE', [S.attempts]: 1 });
    // Attempts 2, 3 and 4, each after its backoff (5, 10, 20 minutes, ±20 %).
    for (const wait of [7, 13, 25]) {
      await passTime(a, wait * MINUTE);
      runQueue(a);
    }
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'UNKNOWN', [S.attempts]: 4 });
    a.updateSettings({ relayUrl: stack().relayUrl });
    await passTime(a, 49 * MINUTE);
    runQueue(a);
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.attempts]: 5 });
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
  });
});

describe('passing failures: retried with backoff up to Max Attempts, then FAILED with nothing live', () => {
  it('FedEx rate limiting (definite: nothing created) is RETRYING until the attempts run out', async () => {
    const a = account();
    a.updateSettings({ maxAttempts: 2 });
    await stack().control('POST', 'faults', { burst429: { count: 1000, scope: 'ship' } });
    const f = a.shipOrder(a.salesOrder());
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'RETRYING', [S.errorCode]: 'FEDEX_RATE_LIMITED', [S.attempts]: 1 });
    expect(String(a.shipmentOf(f)?.fields[S.lastError])).toMatch(/nothing was created; the shipping queue tries again at .* \(attempt 1 of 2\)/);
    runQueue(a); // not due
    expect(a.shipmentOf(f)?.fields[S.attempts]).toBe(1);
    await passTime(a, 10 * MINUTE);
    runQueue(a);
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'FAILED', [S.errorCode]: 'FEDEX_RATE_LIMITED', [S.attempts]: 2 });
    expect(String(a.shipmentOf(f)?.fields[S.lastError])).toMatch(/gave up after 2 attempt\(s\): use Replay/);
    expect(a.shipmentOf(f)?.fields[S.nextAttemptAt]).toBeUndefined();
    await passTime(a, HOUR);
    runQueue(a);
    expect(a.shipmentOf(f)?.fields[S.attempts]).toBe(2); // FAILED is final for the queue
    expect((await stack().stats()).shipmentsCreated).toBe(0);
  });

  it('a failure only a person can fix is never retried by the queue', async () => {
    const a = account();
    const unmapped = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
    await passTime(a, HOUR);
    runQueue(a);
    expect(a.shipmentOf(unmapped)?.fields).toMatchObject({ [S.status]: 'FAILED', [S.errorCode]: 'CONFIGURATION', [S.attempts]: 0 });
    expect(a.auditsOf(unmapped)).toHaveLength(1);
  });
});

describe('a Shipment left PENDING by a script that died mid-call', () => {
  /** The state a script leaves when it dies after the relay answered and before writing back. */
  const dieAfterTheRelayAnswered = (a: ConnectorAccount, f: number, minutesAgo: number) => {
    const shipment = a.shipmentOf(f)!;
    const claimedAt = new Date(a.ns.clock.now() - minutesAgo * MINUTE);
    a.ns.ui.edit(SHIPMENT.type, shipment.id, {
      fields: { [S.status]: 'PENDING', [S.trackingNumbers]: '', [S.masterTrackingNumber]: '', [S.labelUrl]: '', [S.claim]: `UE:${f}:dead`, [S.claimedAt]: claimedAt },
    });
    a.ns.ui.edit('itemfulfillment', f, { sublists: { package: [{ packageweight: 4.5, packagedescr: 'Box 1', packagetrackingnumber: '' }] } });
    return shipment;
  };

  it('is left alone within its lease, then reconciled into the label FedEx already made', async () => {
    const a = account();
    const f = a.shipOrder(a.salesOrder());
    const tracking = a.shipmentOf(f)?.fields[S.masterTrackingNumber];
    dieAfterTheRelayAnswered(a, f, 2);

    expect(queueResults(runQueue(a))).toEqual([expect.objectContaining({ result: expect.stringMatching(/^WAIT/) })]);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('PENDING');

    await passTime(a, 25 * MINUTE);
    const run = runQueue(a);
    expect(queueResults(run)).toEqual([expect.objectContaining({ work: 'reconcile', result: 'CREATED' })]);
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.masterTrackingNumber]: tracking, [S.attempts]: 2 });
    expect(a.ns.get('itemfulfillment', f)?.sublists.package?.[0]?.packagetrackingnumber).toBe(tracking);
    expect((await stack().stats()).shipmentsCreated).toBe(1);
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
    const audits = a.auditsOf(f).map((r) => [r.fields[AUDIT.fields.operation], r.fields[AUDIT.fields.outcome], r.fields[AUDIT.fields.attempt]]);
    expect(audits).toContainEqual(['CREATE_SHIPMENT', 'REPLAYED', 2]);
  });
});

describe('two queue runs at once (the scheduled and the on-demand deployment)', () => {
  /** A bulk save queues the fulfillment and submits the on-demand deployment. */
  const queuedFulfillment = (a: ConnectorAccount) => {
    const f = a.ns.ui.fulfill(a.salesOrder(), { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 2, packagedescr: 'Box 1' }] } });
    a.ns.csvImport('itemfulfillment', [{ id: f, fields: { shipstatus: 'C' } }]);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('QUEUED');
    return f;
  };
  const expectOneCleanShipment = async (a: ConnectorAccount, f: number, runs: ReturnType<typeof runQueue>[]) => {
    expect(relayCreates(a)).toBe(1);
    expect((await stack().stats()).shipmentsCreated).toBe(1);
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('CREATED');
    for (const run of runs) expect(run.map?.errors ?? []).toEqual([]);
    // No collision on the fulfillment save: one create, whose write-back to the packages succeeded.
    const creates = a.auditsOf(f).filter((r) => r.fields[AUDIT.fields.operation] === 'CREATE_SHIPMENT');
    expect(creates).toHaveLength(1);
    const steps = JSON.parse(String(creates[0]!.fields[AUDIT.fields.steps])) as { step: string; outcome: string }[];
    expect(steps.filter((s) => s.step === 'WRITE_BACK_FULFILLMENT').map((s) => s.outcome)).toEqual(['SUCCESS']);
    expect(a.ns.get('itemfulfillment', f)?.sublists.package?.[0]?.packagetrackingnumber).toBe(a.shipmentOf(f)?.fields[S.masterTrackingNumber]);
  };

  it('a run that starts while the other is calling the relay finds the Shipment claimed and leaves it', async () => {
    const a = account();
    const f = queuedFulfillment(a);
    let second: ReturnType<typeof runQueue> | undefined;
    const unhook = hookModule(a, 'N/https', (https, ctx) => ({
      ...https,
      post: (options: unknown) => {
        if (ctx.deploymentId === ON_DEMAND && !second) second = runQueue(a, SCHEDULED);
        return https.post(options);
      },
    }));
    const first = runQueue(a, ON_DEMAND);
    unhook();
    expect(queueResults(second!)).toEqual([expect.objectContaining({ result: expect.stringMatching(/^WAIT/) })]);
    expect(queueResults(first)).toEqual([expect.objectContaining({ work: 'ship', result: 'CREATED' })]);
    await expectOneCleanShipment(a, f, [first, second!]);
  });

  it('both runs picked it up in their input: the second one’s map call finds it claimed', async () => {
    const a = account();
    const f = queuedFulfillment(a);
    // The scheduled run read its input before the on-demand run claimed the Shipment ...
    const input = a.ns.runEntryPoint({ scriptId: 'customscript_mlfx_mr_ship', deploymentId: SCHEDULED, entryPoint: 'getInputData', executionContext: 'MAPREDUCE', args: [{}] });
    const [key, value] = Object.entries(input.value as Record<string, unknown>)[0]!;
    let late: { outcome: string; written: { key: string; value: string }[] } | undefined;
    const unhook = hookModule(a, 'N/https', (https, ctx) => ({
      ...https,
      post: (options: unknown) => {
        if (ctx.deploymentId === ON_DEMAND && !late) {
          // ... and runs its map call while the on-demand run is waiting on the relay.
          const written: { key: string; value: string }[] = [];
          const result = a.ns.runEntryPoint({
            scriptId: 'customscript_mlfx_mr_ship',
            deploymentId: SCHEDULED,
            entryPoint: 'map',
            executionContext: 'MAPREDUCE',
            args: [{ key, value: JSON.stringify(value), isRestarted: false, executionNo: 1, write: (w: { key: string; value: string }) => written.push(w) }],
          });
          late = { outcome: result.outcome, written };
        }
        return https.post(options);
      },
    }));
    const first = runQueue(a, ON_DEMAND);
    unhook();
    expect(late?.outcome).toBe('returned');
    expect(JSON.parse(late!.written[0]!.value)).toMatchObject({ result: expect.stringMatching(/^WAIT/) });
    await expectOneCleanShipment(a, f, [first]);
  });

  it('both load it to claim it at the same moment: NetSuite’s optimistic lock lets one save win', async () => {
    const a = account();
    const f = queuedFulfillment(a);
    let shipmentLoads = 0;
    let second: ReturnType<typeof runQueue> | undefined;
    const unhook = hookModule(a, 'N/record', (rec, ctx) => ({
      ...rec,
      load: (options: { type: string }) => {
        const loaded = rec.load(options);
        // The on-demand run's first load of the Shipment is its claim's: the scheduled run claims,
        // ships and saves in between, before the on-demand run saves its claim.
        if (ctx.deploymentId === ON_DEMAND && options.type === SHIPMENT.type && ++shipmentLoads === 1) second = runQueue(a, SCHEDULED);
        return loaded;
      },
    }));
    const first = runQueue(a, ON_DEMAND);
    unhook();
    expect(queueResults(second!)).toEqual([expect.objectContaining({ work: 'ship', result: 'CREATED' })]);
    expect(queueResults(first)).toEqual([expect.objectContaining({ result: expect.stringMatching(/^HELD \(another script changed the Shipment at the same moment\)/) })]);
    await expectOneCleanShipment(a, f, [first, second!]);
  });
});

describe("an inline shipment's package tracking numbers, written by the queue", () => {
  const finishAudits = (a: ConnectorAccount, f: number) => a.auditsOf(f).filter((r) => r.fields[AUDIT.fields.operation] === 'WRITE_BACK_FULFILLMENT');
  const stepsOf = (audit: { fields: Record<string, unknown> }) => JSON.parse(String(audit.fields[AUDIT.fields.steps])) as { step: string; outcome: string; detail?: Record<string, unknown> }[];

  it('leave the Shipment one Audit record of the write, with what was written', () => {
    const a = account();
    const f = a.shipOrder(a.salesOrder(), [2, 3]);
    const shipment = a.shipmentOf(f)!;
    expect(shipment.fields[S.fulfillmentPending]).toBe(true);
    expect(finishAudits(a, f)).toEqual([]);
    expect(queueResults(runQueue(a))).toEqual([expect.objectContaining({ work: 'finish', result: 'CREATED' })]);
    const numbers = String(a.shipmentOf(f)?.fields[S.trackingNumbers]).split(', ');
    expect(a.ns.get('itemfulfillment', f)?.sublists.package?.map((p) => p.packagetrackingnumber)).toEqual(numbers);
    const [audit, ...more] = finishAudits(a, f);
    expect(more).toEqual([]);
    expect(audit!.fields).toMatchObject({ [AUDIT.fields.outcome]: 'SUCCESS', [AUDIT.fields.shipment]: String(shipment.id), [AUDIT.fields.direction]: 'INBOUND' });
    expect(stepsOf(audit!)).toEqual([expect.objectContaining({ step: 'WRITE_BACK_FULFILLMENT', outcome: 'SUCCESS', detail: { packageLines: 2, trackingNumbers: 2 } }), expect.objectContaining({ step: 'WRITE_BACK_INVOICE', outcome: 'SKIPPED' })]);
    expect(a.shipmentOf(f)?.fields[S.fulfillmentPending]).toBe(false);
    // Nothing more to write: the next run leaves it alone, and writes no second Audit record.
    runQueue(a);
    expect(finishAudits(a, f)).toHaveLength(1);
  });

  it('a write that fails is audited as such and tried again by the next run', () => {
    const a = account();
    const f = a.shipOrder(a.salesOrder());
    const unhook = hookModule(a, 'N/record', (rec) => ({
      ...rec,
      load: (options: { type: string; id: unknown }) => {
        const loaded = rec.load(options);
        if (options.type !== 'itemfulfillment') return loaded;
        return new Proxy(loaded, { get: (target, prop) => (prop === 'save' ? () => { throw createSuiteScriptError({ name: 'RCRD_HAS_BEEN_CHANGED', message: 'Record has been changed' }); } : Reflect.get(target, prop)) });
      },
    }));
    runQueue(a);
    unhook();
    expect(finishAudits(a, f).map((r) => r.fields[AUDIT.fields.outcome])).toEqual(['FAILURE']);
    expect(String(finishAudits(a, f)[0]!.fields[AUDIT.fields.errorMessage])).toMatch(/RCRD_HAS_BEEN_CHANGED.*tries again/);
    expect(a.shipmentOf(f)?.fields[S.fulfillmentPending]).toBe(true);
    runQueue(a);
    expect(finishAudits(a, f).map((r) => r.fields[AUDIT.fields.outcome])).toEqual(['FAILURE', 'SUCCESS']);
    expect(a.shipmentOf(f)?.fields[S.fulfillmentPending]).toBe(false);
  });
});
