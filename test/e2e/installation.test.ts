// The installation script, run by the deploy as deploy.xml's <run> names it: saved searches for
// finance and fulfillment staff, and default settings; on an update, the same searches changed in
// place (users' dashboards, reminders and scheduled e-mails keep pointing at them).
import { describe, expect, it } from 'vitest';
import { SAVED_SEARCHES, SCRIPTS, SETTINGS, SHIPMENT } from '../../shared/src/ids';
import { createNetSuiteDouble, mapReduceInputFromSearch, savedSearchDefinition } from '../netsuite-double';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';
import { scenarioClock } from './tracking-clock';

const stack = useStack();
const HOUR = 3_600_000;

/** The ids a saved search lists, as a user opening it would see them. */
function openSavedSearch(a: ConnectorAccount, id: string): string[] {
  return (mapReduceInputFromSearch(a.ns.account, { type: 'search', id }) ?? []).map((pair) => pair.key);
}

const searchIds = Object.values(SAVED_SEARCHES);

describe('installation (deploy.xml <run>)', () => {
  it('runs on install with fromVersion null, and on every later deploy with the installed version', () => {
    const a = connectorAccount(stack());
    const install = a.ns.invocations({ scriptId: SCRIPTS.install.scriptId });
    expect(install.map((i) => [i.entryPoint, i.executionContext, i.label, i.outcome])).toEqual([['run', 'SDFINSTALLATION', 'install', 'returned']]);
    const update = a.ns.deploy();
    expect(update).toMatchObject({ fromVersion: '0.1.0', toVersion: '0.1.0' });
    expect(update.log).toContain('Run installation script -- ~/Objects/customscript_mlfx_install.xml');
    expect(a.ns.invocations({ scriptId: SCRIPTS.install.scriptId }).map((i) => i.label)).toEqual(['install', 'update']);
    expect(a.ns.logs({ scriptId: SCRIPTS.install.scriptId }).map((l) => l.title)).toEqual(['FedEx connector installed', 'FedEx connector updated']);
  });

  it('an update changes the saved searches in place: same internal ids, public, and the settings kept', () => {
    const a = connectorAccount(stack());
    const before = searchIds.map((id) => savedSearchDefinition(a.ns.account, id));
    expect(before.every((s) => s?.isPublic === true && typeof s.internalId === 'number')).toBe(true);
    a.ns.deploy();
    const after = searchIds.map((id) => savedSearchDefinition(a.ns.account, id));
    expect(after.map((s) => s?.internalId)).toEqual(before.map((s) => s?.internalId));
    expect(after.map((s) => s?.title)).toEqual(before.map((s) => s?.title));
    const details = a.ns.logs({ scriptId: SCRIPTS.install.scriptId }).map((l) => l.details);
    for (const id of searchIds) {
      expect(details[0]).toContain(`${id} created`);
      expect(details[1]).toContain(`${id} updated`);
    }
    expect(a.ns.find(SETTINGS.type)).toHaveLength(1); // the account's own settings were kept
    expect(a.ns.find(SETTINGS.type)[0]?.fields[SETTINGS.fields.relayUrl]).toBe(stack().relayUrl);
  });

  it('the saved searches list what finance and fulfillment staff need', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    const delivered = a.shipOrder(so);
    const failed = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
    const troubled = a.shipOrder(a.salesOrder());
    const troubledNumber = String(a.shipmentOf(troubled)?.fields[SHIPMENT.fields.masterTrackingNumber]);
    await stack().control('POST', 'timeline', { trackingNumber: troubledNumber, steps: [{ afterMs: 2 * HOUR, code: 'DE', exceptionCode: '08', exceptionDescription: 'Customer not available or business closed' }] });
    // Deliveries land on the FedEx clock's "now"; the NetSuite account's week is its own clock's week.
    await clock.advance(31 * HOUR);
    a.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });

    expect(openSavedSearch(a, SAVED_SEARCHES.failedShipments)).toEqual([String(a.shipmentOf(failed)?.id)]);
    expect(openSavedSearch(a, SAVED_SEARCHES.shipmentsWithExceptions)).toEqual([String(a.shipmentOf(troubled)?.id)]);
    const thisWeek = openSavedSearch(a, SAVED_SEARCHES.invoicesDeliveredThisWeek);
    const deliveredAt = a.ns.get('invoice', invoice)?.fields.custbody_mlfx_delivered_at as Date;
    const sunday = new Date(clock.now());
    sunday.setHours(0, 0, 0, 0);
    sunday.setDate(sunday.getDate() - sunday.getDay());
    // 31 hours ahead can fall into next week: then the invoice must not be listed.
    expect(thisWeek).toEqual(deliveredAt.getTime() < sunday.getTime() + 7 * 24 * HOUR ? [String(invoice)] : []);
    expect(a.shipmentOf(delivered)?.fields[SHIPMENT.fields.deliveryStatus]).toBe('DELIVERED');
  });

  it('the saved searches for the lifecycle statuses and tracking flags list exactly their Shipments', async () => {
    const a = connectorAccount(stack());
    await scenarioClock(stack(), a); // NetSuite's, the relay's and FedEx's clocks together
    const ship = () => a.shipOrder(a.salesOrder());
    const shipment = (f: number) => a.shipmentOf(f)!;
    const set = (f: number, fields: Record<string, unknown>) => a.ns.ui.edit(SHIPMENT.type, shipment(f).id, { fields: fields as Record<string, never> });
    const S = SHIPMENT.fields;

    const fine = ship();
    // FedEx rate-limits the create: nothing was made, the queue retries.
    await stack().control('POST', 'faults', { burst429: { count: 1000, scope: 'ship' } });
    const retrying = ship();
    await stack().control('POST', 'faults', { clear: true });
    // The relay cannot be reached: UNKNOWN at its first attempt, and one the queue has tried 4 times (Max Attempts).
    a.updateSettings({ relayUrl: 'https://127.0.0.1:9' });
    const unknownNew = ship();
    const unknownOld = ship();
    a.updateSettings({ relayUrl: stack().relayUrl });
    set(unknownOld, { [S.attempts]: 4 });
    // Voids: one FedEx has not confirmed yet, one FedEx refused (picked up).
    const voiding = ship();
    set(voiding, { [S.status]: 'VOIDING', [S.voidReason]: 'Fulfillment deleted' });
    const refused = ship();
    set(refused, { [S.status]: 'VOID_REFUSED', [S.voidReason]: 'Cancel by a user', [S.lastError]: 'FedEx: the shipment was already picked up' });
    // Tracking flags on live labels (and one on a label voided since: nobody need look at it).
    const unused = ship();
    set(unused, { [S.trackingFlag]: 'LABEL_UNUSED' });
    const notFound = ship();
    set(notFound, { [S.trackingFlag]: 'NOT_FOUND' });
    const voidedFlagged = ship();
    set(voidedFlagged, { [S.trackingFlag]: 'NOT_FOUND', [S.status]: 'VOIDED' });

    expect([retrying, unknownNew, unknownOld].map((f) => shipment(f).fields[S.status])).toEqual(['RETRYING', 'UNKNOWN', 'UNKNOWN']);
    const ids = (...fs: number[]) => fs.map((f) => String(shipment(f).id));
    expect(openSavedSearch(a, SAVED_SEARCHES.retryingShipments)).toEqual(ids(retrying));
    expect(openSavedSearch(a, SAVED_SEARCHES.unknownPastMaxAttempts)).toEqual(ids(unknownOld));
    expect(openSavedSearch(a, SAVED_SEARCHES.voidsPending)).toEqual(ids(voiding));
    expect(openSavedSearch(a, SAVED_SEARCHES.voidsRefused)).toEqual(ids(refused));
    expect(openSavedSearch(a, SAVED_SEARCHES.trackingFlagged)).toEqual(ids(unused, notFound));
    expect(openSavedSearch(a, SAVED_SEARCHES.failedShipments)).toEqual([]);
    expect(shipment(fine).fields[S.status]).toBe('CREATED');

    // An admin raises Max Attempts: the search follows at once (the settings user event), title included.
    a.updateSettings({ maxAttempts: 6 });
    expect(openSavedSearch(a, SAVED_SEARCHES.unknownPastMaxAttempts)).toEqual([]);
    expect(savedSearchDefinition(a.ns.account, SAVED_SEARCHES.unknownPastMaxAttempts)?.title).toMatch(/after 6 Attempts/);
    set(unknownOld, { [S.attempts]: 6 });
    expect(openSavedSearch(a, SAVED_SEARCHES.unknownPastMaxAttempts)).toEqual(ids(unknownOld));
    // ... and an update keeps it there.
    a.ns.deploy();
    expect(openSavedSearch(a, SAVED_SEARCHES.unknownPastMaxAttempts)).toEqual(ids(unknownOld));
  });

  it('creates default settings in a fresh account', () => {
    const ns = createNetSuiteDouble({ apiSecrets: { custsecret_mlfx_relay_hmac: 'x'.repeat(40) }, install: true });
    expect(ns.find(SETTINGS.type).map((s) => s.fields)).toEqual([expect.objectContaining({ [SETTINGS.fields.labelImageType]: 'PDF', [SETTINGS.fields.queueBulk]: true, [SETTINGS.fields.maxAttempts]: 4 })]);
  });
});
