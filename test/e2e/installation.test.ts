// The installation script: saved searches for finance and fulfillment staff, and default settings.
import { describe, expect, it } from 'vitest';
import { SAVED_SEARCHES, SCRIPTS, SETTINGS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';

const stack = useStack();
const HOUR = 3_600_000;

function install(a: ConnectorAccount, fromVersion: string | null) {
  const result = a.ns.runEntryPoint({ scriptId: SCRIPTS.install.scriptId, entryPoint: 'run', args: [{ fromVersion, toVersion: '0.1.0' }] });
  expect(result.error).toBeUndefined();
  return result;
}

/** Runs a saved search as a user would open it, through a tiny script of the account. */
function openSavedSearch(a: ConnectorAccount, id: string): string[] {
  const ids: string[] = [];
  const result = a.ns.runEntryPoint({
    scriptId: SCRIPTS.install.scriptId,
    entryPoint: 'run',
    args: ({ module }: { module: (id: string) => any }) => {
      const search = module('N/search');
      search.load({ id }).run().each((row: { id: string }) => (ids.push(row.id), true));
      return [{ fromVersion: '0.1.0', toVersion: '0.1.0' }];
    },
  });
  expect(result.error).toBeUndefined();
  return ids;
}

describe('installation', () => {
  it('creates the saved searches, keeps existing settings, and can run again on update', async () => {
    const a = connectorAccount(stack());
    install(a, null);
    install(a, '0.1.0');
    expect(a.ns.find(SETTINGS.type)).toHaveLength(1); // the account's own settings were kept
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    const delivered = a.shipOrder(so);
    const failed = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
    const troubled = a.shipOrder(a.salesOrder());
    const troubledNumber = String(a.shipmentOf(troubled)?.fields[SHIPMENT.fields.masterTrackingNumber]);
    await stack().control('POST', 'timeline', { trackingNumber: troubledNumber, steps: [{ afterMs: 2 * HOUR, code: 'DE', exceptionCode: '08', exceptionDescription: 'Customer not available or business closed' }] });
    // Deliveries land on the FedEx clock's "now"; the NetSuite account's week is the real week here.
    await stack().control('POST', 'clock', { setMs: Date.now() });
    await stack().control('POST', 'clock', { advanceMs: 31 * HOUR });
    a.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });

    expect(openSavedSearch(a, SAVED_SEARCHES.failedShipments)).toEqual([String(a.shipmentOf(failed)?.id)]);
    expect(openSavedSearch(a, SAVED_SEARCHES.shipmentsWithExceptions)).toEqual([String(a.shipmentOf(troubled)?.id)]);
    const thisWeek = openSavedSearch(a, SAVED_SEARCHES.invoicesDeliveredThisWeek);
    const deliveredAt = a.ns.get('invoice', invoice)?.fields.custbody_mlfx_delivered_at as Date;
    const sunday = new Date();
    sunday.setHours(0, 0, 0, 0);
    sunday.setDate(sunday.getDate() - sunday.getDay());
    // 31 hours ahead can fall into next week: then the invoice must not be listed.
    expect(thisWeek).toEqual(deliveredAt.getTime() < sunday.getTime() + 7 * 24 * HOUR ? [String(invoice)] : []);
    expect(a.shipmentOf(delivered)?.fields[SHIPMENT.fields.deliveryStatus]).toBe('DELIVERED');
  });

  it('creates default settings in an account that has none', () => {
    const a = connectorAccount({ relayUrl: 'https://127.0.0.1:9' });
    for (const s of a.ns.find(SETTINGS.type)) a.ns.ui.delete(SETTINGS.type, s.id);
    install(a, null);
    expect(a.ns.find(SETTINGS.type).map((s) => s.fields)).toEqual([expect.objectContaining({ [SETTINGS.fields.labelImageType]: 'PDF', [SETTINGS.fields.queueBulk]: true, [SETTINGS.fields.maxAttempts]: 4 })]);
  });
});
