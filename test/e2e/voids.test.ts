// Issue 9, voids: a shipped fulfillment deleted or taken back from Shipped, or a Cancel on its
// Shipment, voids the FedEx shipment through the relay; the Shipment (VOIDED), the invoice and the
// fulfillment say so, with an Audit record. A void FedEx refuses (picked up) is VOID_REFUSED with
// FedEx's reason, and the label stays on the invoice and in tracking. Counted at the FedEx double.
import { describe, expect, it } from 'vitest';
import { AUDIT, INVOICE_FIELDS, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { HOUR, liveLabels, MINUTE, relayCreates, runQueue, S, useTimeTravel } from './lifecycle-support';
import { useStack } from './stack';

// FedEx's local day equals the NetSuite double's (which runs on the machine's UTC clock; NetSuite
// itself dates in its own US time zone), so moving time never makes a ship date FedEx's "future".
const stack = useStack({ fedexUtcOffset: '+00:00' });
const time = useTimeTravel(stack);
const account = (options?: Parameters<typeof connectorAccount>[1]) => time.join(connectorAccount(stack(), options));

const voidAudits = (a: ConnectorAccount, shipmentId: number) =>
  a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'VOID_SHIPMENT' && String(r.fields[AUDIT.fields.shipment]) === String(shipmentId));

/** An order with its invoice, shipped: returns the fulfillment, its Shipment and the invoice. */
function shipped(a: ConnectorAccount) {
  const so = a.salesOrder();
  const invoice = a.ns.ui.bill(so);
  const f = a.shipOrder(so, [4.5]);
  const shipment = a.shipmentOf(f)!;
  expect(shipment.fields[S.status]).toBe('CREATED');
  expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers]).toBe(shipment.fields[S.masterTrackingNumber]);
  return { so, invoice, f, shipment, tracking: String(shipment.fields[S.masterTrackingNumber]) };
}

describe('nothing was created yet: closed without a call to FedEx', () => {
  it('a queued shipment whose fulfillment is deleted is VOIDED, and the queue never creates it', async () => {
    const a = account();
    const f = a.ns.ui.fulfill(a.salesOrder(), { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 2, packagedescr: 'Box 1' }] } });
    a.ns.csvImport('itemfulfillment', [{ id: f, fields: { shipstatus: 'C' } }]);
    const queued = a.shipmentOf(f)!;
    expect(queued.fields[S.status]).toBe('QUEUED');
    a.ns.ui.delete('itemfulfillment', f);
    expect(a.ns.get(SHIPMENT.type, queued.id)?.fields).toMatchObject({ [S.status]: 'VOIDED', [S.lastError]: 'Voided: no FedEx shipment was ever created for it', [S.idempotencyKey]: a.keyOf(f) });
    expect(String(a.ns.get(SHIPMENT.type, queued.id)?.fields[S.voidReason])).toMatch(/^Fulfillment .* deleted by /);
    a.ns.runQueuedTasks();
    runQueue(a);
    expect(relayCreates(a)).toBe(0);
    expect((await stack().stats()).transactions.total).toBe(0);
  });
});

describe('voids through the relay', () => {
  it('deleting a shipped fulfillment voids its label: Shipment VOIDED (keeping key, account, tracking), invoice cleared, Audit', async () => {
    const a = account();
    const { f, shipment, invoice, tracking } = shipped(a);
    a.ns.ui.delete('itemfulfillment', f);
    const voided = a.ns.get(SHIPMENT.type, shipment.id)!;
    expect(voided.fields).toMatchObject({ [S.status]: 'VOIDED', [S.masterTrackingNumber]: tracking, [S.idempotencyKey]: a.keyOf(f), [S.accountNumber]: '740561073' });
    expect(voided.fields[S.voidedAt]).toBeInstanceOf(Date);
    expect(await liveLabels(stack(), a, f)).toEqual([]);
    expect((await stack().stats()).cancellations).toBe(1);
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers] ?? '').toBe('');
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.labelLinks] ?? '').toBe('');
    expect(voidAudits(a, shipment.id).map((r) => r.fields[AUDIT.fields.outcome])).toEqual(['SUCCESS']);
    expect(a.ns.invocations({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId }).every((r) => r.error === undefined)).toBe(true);
    const ue = a.ns.lastInvocation({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId, entryPoint: 'afterSubmit', label: 'delete' })!;
    console.info(`governance: voiding a deleted fulfillment's label in its user event: ${ue.unitsUsed} units = ${ue.charges.map((c) => `${c.units} ${c.what}`).join(' | ')}`);
    expect(ue.unitsUsed).toBeLessThanOrEqual(150);
  });

  it('taking it back from Shipped voids the label and clears the packages; shipped again, it gets a new label under a new key', async () => {
    const a = account();
    const { f, shipment, invoice, tracking } = shipped(a);
    a.ns.ui.pack(f); // C → B
    expect(a.ns.get(SHIPMENT.type, shipment.id)?.fields).toMatchObject({ [S.status]: 'VOIDED' });
    expect(String(a.ns.get(SHIPMENT.type, shipment.id)?.fields[S.voidReason])).toMatch(/taken back from Shipped \(to Packed\)/);
    expect(a.ns.get('itemfulfillment', f)?.sublists.package?.[0]?.packagetrackingnumber ?? '').toBe('');
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers] ?? '').toBe('');
    expect(await liveLabels(stack(), a, f)).toEqual([]);

    a.ns.ui.ship(f); // B → C
    const again = a.ns.find(SHIPMENT.type, (r) => String(r.fields[S.fulfillment]) === String(f)).at(-1)!; // the newest Shipment of the fulfillment
    expect(again.id).not.toBe(shipment.id);
    expect(again.fields).toMatchObject({ [S.status]: 'CREATED', [S.idempotencyKey]: `${a.keyOf(f)}-R2`, [S.attempts]: 1 });
    expect(again.fields[S.masterTrackingNumber]).not.toBe(tracking);
    const live = await liveLabels(stack(), a, f);
    expect(live.map((s) => s.masterTrackingNumber)).toEqual([again.fields[S.masterTrackingNumber]]);
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers]).toBe(again.fields[S.masterTrackingNumber]);
  });

  it('a void FedEx refuses (already picked up) is VOID_REFUSED with FedEx’s reason: the label stays live, on the invoice and in tracking', async () => {
    const a = account();
    const { f, shipment, invoice, tracking } = shipped(a);
    await stack().control('POST', 'timeline', { trackingNumber: tracking, steps: [{ afterMs: 0, code: 'PU' }] });
    a.ns.ui.delete('itemfulfillment', f);
    const refused = a.ns.get(SHIPMENT.type, shipment.id)!;
    expect(refused.fields).toMatchObject({ [S.status]: 'VOID_REFUSED', [S.errorCode]: 'FEDEX_VOID_REFUSED' });
    expect(String(refused.fields[S.lastError])).toMatch(new RegExp(`FedEx refused to void ${tracking}: .*The label stays live and billable \\(Fulfillment .* deleted by`));
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
    expect(a.ns.get('invoice', invoice)?.fields[INVOICE_FIELDS.trackingNumbers]).toBe(tracking);
    expect(voidAudits(a, shipment.id)[0]?.fields).toMatchObject({ [AUDIT.fields.outcome]: 'FAILURE', [AUDIT.fields.errorCode]: 'FEDEX_VOID_REFUSED' });
    // Nothing retries a refusal on its own.
    await time.pass(a, HOUR);
    runQueue(a);
    expect(a.ns.get(SHIPMENT.type, shipment.id)?.fields[S.status]).toBe('VOID_REFUSED');
    expect((await stack().stats()).cancellations).toBe(0);
  });

  it('a relay that cannot be reached leaves the void VOIDING; the shipping queue completes it', async () => {
    const a = account();
    const { f, shipment } = shipped(a);
    a.updateSettings({ relayUrl: 'https://127.0.0.1:9' });
    a.ns.ui.delete('itemfulfillment', f);
    expect(a.ns.get(SHIPMENT.type, shipment.id)?.fields).toMatchObject({ [S.status]: 'VOIDING' });
    expect(String(a.ns.get(SHIPMENT.type, shipment.id)?.fields[S.lastError])).toMatch(/^Void not confirmed yet: .*The shipping queue tries again at/);
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
    a.updateSettings({ relayUrl: stack().relayUrl });
    await time.pass(a, 10 * MINUTE);
    runQueue(a);
    expect(a.ns.get(SHIPMENT.type, shipment.id)?.fields).toMatchObject({ [S.status]: 'VOIDED' });
    expect(await liveLabels(stack(), a, f)).toEqual([]);
  });

  it('in bulk (CSV import back to Packed) the voids go through the shipping queue', async () => {
    const a = account();
    const shipments = [shipped(a), shipped(a), shipped(a)];
    a.ns.csvImport('itemfulfillment', shipments.map(({ f }) => ({ id: f, fields: { shipstatus: 'B' } })));
    expect(shipments.map(({ shipment }) => a.ns.get(SHIPMENT.type, shipment.id)?.fields[S.status])).toEqual(['VOIDING', 'VOIDING', 'VOIDING']);
    expect((await stack().stats()).cancellations).toBe(0);
    a.ns.runQueuedTasks();
    expect(shipments.map(({ shipment }) => a.ns.get(SHIPMENT.type, shipment.id)?.fields[S.status])).toEqual(['VOIDED', 'VOIDED', 'VOIDED']);
    for (const { f } of shipments) expect(await liveLabels(stack(), a, f)).toEqual([]);
  });

  it('a create whose outcome is unknown is resolved before the void: no label outlives a deleted fulfillment', async () => {
    const a = account();
    await stack().control('POST', 'faults', { dropResponseAfterCreate: 2 });
    const f = a.shipOrder(a.salesOrder());
    const unknown = a.shipmentOf(f)!;
    expect(unknown.fields[S.status]).toBe('UNKNOWN');
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
    await stack().control('POST', 'faults', { clear: true });
    a.ns.ui.delete('itemfulfillment', f);
    expect(a.ns.get(SHIPMENT.type, unknown.id)?.fields).toMatchObject({ [S.status]: 'VOIDED', [S.attempts]: 2 });
    expect(await liveLabels(stack(), a, f)).toEqual([]);
  });
});

describe('the Cancel action', () => {
  it('voids from the Shipment record, for an allowed role, and shows a refusal as it is', async () => {
    const a = account();
    a.ns.setCurrentUser({ role: 3, roleId: 'administrator', name: 'Ada Admin' });
    const first = shipped(a);
    const second = shipped(a);
    await stack().control('POST', 'timeline', { trackingNumber: second.tracking, steps: [{ afterMs: 0, code: 'PU' }] });
    const server = await a.ns.listen();
    try {
      const post = async (shipmentId: number) => {
        const url = server.scriptUrl(SCRIPTS.actionSuitelet.scriptId, SCRIPTS.actionSuitelet.deploymentId);
        const res = await fetch(url, {
          method: 'POST',
          headers: { authorization: server.testAuthorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ shipment: String(shipmentId), action: 'void', confirm: 'T' }).toString(),
        });
        return res.text();
      };
      expect(await post(first.shipment.id)).toContain(`FedEx shipment ${first.tracking} voided`);
      expect(a.ns.get(SHIPMENT.type, first.shipment.id)?.fields).toMatchObject({ [S.status]: 'VOIDED', [S.voidReason]: 'Cancelled by Ada Admin' });
      expect(await liveLabels(stack(), a, first.f)).toEqual([]);

      const refused = await post(second.shipment.id);
      expect(refused).toContain(`FedEx refused to void ${second.tracking}`);
      expect(refused).toContain('VOID_REFUSED');
      expect(await liveLabels(stack(), a, second.f)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
