// The connector reads its settings, service map and ship-from addresses from N/cache: an admin's
// save is seen by the very next shipment (customscript_mlfx_ue_config forgets the cached copy), a
// cache NetSuite emptied costs a reload and nothing else, and the invoice is found through the
// order's stamp instead of a search.
import { describe, expect, it } from 'vitest';
import { CONFIG_CACHE, INVOICE_FIELDS, SALES_ORDER_FIELDS, SERVICE_MAP, SETTINGS, SHIPMENT } from '../../shared/src/ids';
import { cacheControl } from '../netsuite-double';
import { connectorAccount } from './connector-account';
import { useStack } from './stack';

const S = SHIPMENT.fields;
const stack = useStack();

describe('cached configuration', () => {
  it("an admin's settings save is seen by the next shipment, and the cache holds the new values", async () => {
    const a = connectorAccount(stack());
    a.shipOrder(a.salesOrder());
    const cached = () => cacheControl(a.ns.account).entries().find((e) => e.key === CONFIG_CACHE.configKey);
    expect(JSON.parse(cached()!.value).settings.globalFedexAccount).toBe('740561073');
    a.updateSettings({ fedexAccount: '510087020' });
    expect(cached()).toBeUndefined(); // forgotten by the settings' user event
    const f = a.shipOrder(a.salesOrder());
    expect(a.shipmentOf(f)?.fields[S.accountNumber]).toBe('510087020');
    expect(JSON.parse(cached()!.value).settings.globalFedexAccount).toBe('510087020');
  });

  it('a service map row added by an admin maps a FedEx ship method at once', () => {
    const a = connectorAccount(stack());
    const before = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
    expect(a.shipmentOf(before)?.fields).toMatchObject({ [S.status]: 'FAILED', [S.errorCode]: 'CONFIGURATION' });
    a.ns.ui.create(SERVICE_MAP.type, { fields: { name: 'FedEx Intl Priority', [SERVICE_MAP.fields.shipItem]: a.ids.fedexUnmapped, [SERVICE_MAP.fields.serviceType]: 'FEDEX_2_DAY' } });
    const after = a.shipOrder(a.salesOrder({ shipmethod: a.ids.fedexUnmapped }));
    expect(a.shipmentOf(after)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.serviceType]: 'FEDEX_2_DAY' });
  });

  it("a warehouse's new address is the next shipment's ship-from", async () => {
    const a = connectorAccount(stack());
    a.shipOrder(a.salesOrder());
    a.ns.ui.edit('location', a.ids.warehouse, { subrecords: { mainaddress: { addr1: '9 New Dock Way', city: 'Memphis', state: 'TN', zip: '38118', country: 'US', addrphone: '901-555-0111' } } });
    const f = a.shipOrder(a.salesOrder());
    const [fx] = await stack().shipmentsFor(a.keyOf(f));
    expect(fx.request.requestedShipment.shipper.address).toMatchObject({ streetLines: ['9 New Dock Way'], city: 'Memphis', postalCode: '38118' });
  });

  it('ships the same when NetSuite has dropped every cache entry', () => {
    const a = connectorAccount(stack());
    a.shipOrder(a.salesOrder());
    expect(cacheControl(a.ns.account).evict()).toBeGreaterThan(0);
    const f = a.shipOrder(a.salesOrder());
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('CREATED');
  });

  it('a settings record saved behind the user event (no scripts run) is picked up once the entry expires', () => {
    const a = connectorAccount(stack());
    a.shipOrder(a.salesOrder());
    const settings = a.ns.find(SETTINGS.type)[0]!;
    a.ns.csvImport(SETTINGS.type, [{ id: settings.id, fields: { [SETTINGS.fields.fedexAccount]: '510087020' } }], { runServerSuiteScript: false });
    expect(a.shipmentOf(a.shipOrder(a.salesOrder()))?.fields[S.accountNumber]).toBe('740561073'); // still cached
    a.ns.clock.advance(CONFIG_CACHE.ttlSeconds * 1000);
    expect(a.shipmentOf(a.shipOrder(a.salesOrder()))?.fields[S.accountNumber]).toBe('510087020');
  });
});

describe('the invoice, found without a search', () => {
  it("billing stamps the order with its invoice; a later shipment adds its tracking to what the invoice lists", () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const first = a.shipOrder(so, [2], {}, { 1: { itemreceive: false } });
    const invoice = a.ns.ui.bill(so);
    expect(a.ns.get('salesorder', so)?.fields[SALES_ORDER_FIELDS.invoice]).toBe(String(invoice));
    const second = a.shipOrder(so, [3]);
    const t1 = a.shipmentOf(first)?.fields[S.masterTrackingNumber];
    const t2 = a.shipmentOf(second)?.fields[S.masterTrackingNumber];
    const inv = a.ns.get('invoice', invoice)!;
    expect(inv.fields[INVOICE_FIELDS.trackingNumbers]).toBe(`${t1}, ${t2}`);
    expect(String(inv.fields[INVOICE_FIELDS.labelLinks]).split('\n')).toEqual([a.shipmentOf(first)?.fields[S.labelUrl], a.shipmentOf(second)?.fields[S.labelUrl]]);
    expect(a.shipmentOf(second)?.fields[S.invoice]).toBe(String(invoice));
  });

  it('a deleted invoice is taken off its order, so the next shipment does not write to it', () => {
    const a = connectorAccount(stack());
    const so = a.salesOrder();
    const invoice = a.ns.ui.bill(so);
    a.ns.ui.delete('invoice', invoice);
    expect(a.ns.get('salesorder', so)?.fields[SALES_ORDER_FIELDS.invoice]).toBeFalsy();
    const f = a.shipOrder(so);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('CREATED');
    expect(a.shipmentOf(f)?.fields[S.lastError]).toBeFalsy();
    expect(a.shipmentOf(f)?.fields[S.invoice]).toBeFalsy();
  });
});
