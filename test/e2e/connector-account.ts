// A NetSuite account (the double) with the SuiteApp deployed as `suitecloud project:deploy` does
// (deploy.xml's objects and files, then its installation script), configured against a running
// stack the way README's setup tells an administrator, and the master data a retailer has:
// subsidiary, warehouse, customers, items, ship methods.
import { join } from 'node:path';
import { idempotencyKeyFor } from '../../shared/src/fulfillment';
import { AUDIT, RELAY_SECRET_ID, SERVICE_MAP, SETTINGS, SHIPMENT } from '../../shared/src/ids';
import { createNetSuiteDouble, type NetSuiteDouble, type RecordSnapshot } from '../netsuite-double';
import type { Stack } from './stack';
import { STACK_SECRET } from './stack-secret';
import { testTlsIdentity } from '../support/test-tls';

export const GLOBAL_FEDEX_ACCOUNT = '740561073';

export interface ConnectorAccount {
  ns: NetSuiteDouble;
  /** Changes the FedEx Connector Settings record as an admin would. */
  updateSettings(values: Partial<Record<keyof typeof SETTINGS.fields, unknown>>): void;
  accountId: string;
  /** The idempotency key the connector derives for a fulfillment of this account. */
  keyOf(fulfillmentId: number): string;
  ids: {
    subsidiary: number;
    warehouse: number;
    customer: number;
    personCustomer: number;
    widget: number;
    gadget: number;
    fedexGround: number;
    fedex2Day: number;
    fedexUnmapped: number;
    upsGround: number;
    willCall: number;
    labelFolder: number;
  };
  /** A sales order shipping to `address` (defaults to a Memphis business address). */
  salesOrder(options?: { customer?: number; shipmethod?: number; address?: Record<string, unknown>; lines?: { item: number; quantity: number }[]; residential?: boolean }): number;
  /** Fulfills the order as Shipped in one save (CREATE with shipstatus C) with these packages (lb). */
  shipOrder(salesOrderId: number, packages?: number[], extra?: Record<string, unknown>, lines?: Record<number, Record<string, unknown>>): number;
  shipmentOf(fulfillmentId: number): RecordSnapshot | undefined;
  auditsOf(recordId: number | string): RecordSnapshot[];
}

const MEMPHIS = { addressee: 'Acme Retail', attention: 'Receiving Dock 4', addr1: '3875 Airways Blvd', addr2: 'Module H', city: 'Memphis', state: 'TN', zip: '38116', country: 'US', addrphone: '901-555-0100' };

let accounts = 0;

export function connectorAccount(
  stack: Pick<Stack, 'relayUrl'> & { relayUrl: string },
  options: { relayUrl?: string; globalAccount?: string | null; relaySecret?: string; /** Other SuiteApps' SDF folders (Objects/, FileCabinet/) deployed beside the connector. */ extraProjects?: string[] } = {},
): ConnectorAccount {
  // Each test gets its own account id: the relay is shared, and idempotency keys include the account.
  const accountId = `${1234500 + ++accounts}_SB1`;
  // README's order: the API secret exists before the deploy (the SDF `secret` object only references it).
  // N/https calls only https: the account trusts exactly the e2e relay's test certificate.
  const extra = options.extraProjects ?? [];
  const ns = createNetSuiteDouble({
    accountId,
    apiSecrets: { [RELAY_SECRET_ID]: options.relaySecret ?? STACK_SECRET },
    install: true,
    https: { trustedCertificates: [testTlsIdentity().cert] },
    ...(extra.length ? { objectsDirs: extra.map((dir) => join(dir, 'Objects')), fileCabinetDirs: extra.map((dir) => join(dir, 'FileCabinet')) } : {}),
  });
  const folder = ns.io.files.addFolderPath('SuiteApps/com.mlfx.fedexconnector/labels');
  // The installation script made the settings record with defaults; the administrator fills it in.
  const installed = ns.find(SETTINGS.type);
  if (installed.length !== 1) throw new Error(`the installation script should leave one settings record, found ${installed.length}`);
  const settingsId = installed[0]!.id;
  ns.ui.edit(SETTINGS.type, settingsId, {
    fields: {
      [SETTINGS.fields.relayUrl]: options.relayUrl ?? stack.relayUrl,
      ...(options.globalAccount === null ? {} : { [SETTINGS.fields.fedexAccount]: options.globalAccount ?? GLOBAL_FEDEX_ACCOUNT }),
      [SETTINGS.fields.labelFolder]: folder.id,
      [SETTINGS.fields.queueBulk]: true,
    },
  });

  const subsidiary = ns.seed('subsidiary', { fields: { name: 'Acme US', country: 'US' }, subrecords: { mainaddress: { addressee: 'Acme US HQ', addr1: '100 Main St', city: 'Nashville', state: 'TN', zip: '37201', country: 'US', addrphone: '615-555-0100' } } });
  const warehouse = ns.seed('location', { fields: { name: 'East Warehouse', subsidiary }, subrecords: { mainaddress: { addressee: 'Acme East Warehouse', addr1: '50 Depot Rd', city: 'Nashville', state: 'TN', zip: '37210', country: 'US', addrphone: '615-555-0199' } } });
  const customer = ns.seed('customer', { fields: { companyname: 'Acme Retail', email: 'orders@acme.example', phone: '901-555-0123', subsidiary } });
  const personCustomer = ns.seed('customer', { fields: { isperson: true, firstname: 'Ann', lastname: 'Lee', email: 'ann@example.com', subsidiary } });
  const widget = ns.seed('inventoryitem', { fields: { itemid: 'WIDGET-1', displayname: 'Blue widget' } });
  const gadget = ns.seed('inventoryitem', { fields: { itemid: 'GADGET-7', displayname: 'Red gadget' } });
  const fedexGround = ns.seed('shipitem', { fields: { itemid: 'FedEx Ground', shippingcarrier: 'nonups' } });
  const fedex2Day = ns.seed('shipitem', { fields: { itemid: 'FedEx 2Day', shippingcarrier: 'nonups' } });
  const fedexUnmapped = ns.seed('shipitem', { fields: { itemid: 'FedEx International Priority', shippingcarrier: 'nonups' } });
  const upsGround = ns.seed('shipitem', { fields: { itemid: 'UPS Ground', shippingcarrier: 'ups' } });
  const willCall = ns.seed('shipitem', { fields: { itemid: 'Will Call', shippingcarrier: 'nonups' } });
  const F = SERVICE_MAP.fields;
  ns.seed(SERVICE_MAP.type, { fields: { name: 'FedEx Ground', [F.shipItem]: fedexGround, [F.serviceType]: 'FEDEX_GROUND' } });
  ns.seed(SERVICE_MAP.type, { fields: { name: 'FedEx 2Day', [F.shipItem]: fedex2Day, [F.serviceType]: 'FEDEX_2_DAY', [F.packagingType]: 'YOUR_PACKAGING' } });

  const ids = { subsidiary, warehouse, customer, personCustomer, widget, gadget, fedexGround, fedex2Day, fedexUnmapped, upsGround, willCall, labelFolder: folder.id };
  return {
    ns,
    updateSettings: (values) =>
      ns.ui.edit(SETTINGS.type, settingsId, { fields: Object.fromEntries(Object.entries(values).map(([k, v]) => [SETTINGS.fields[k as keyof typeof SETTINGS.fields], v])) as Record<string, never> }),
    accountId,
    keyOf: (fulfillmentId) => idempotencyKeyFor(accountId, String(fulfillmentId)),
    ids,
    salesOrder: (o = {}) =>
      ns.seed('salesorder', {
        fields: { entity: o.customer ?? customer, subsidiary, location: warehouse, shipmethod: o.shipmethod ?? fedexGround, shipisresidential: o.residential ?? false, trandate: new Date() },
        subrecords: { shippingaddress: { ...MEMPHIS, ...o.address } },
        sublists: { item: (o.lines ?? [{ item: widget, quantity: 3 }, { item: gadget, quantity: 1 }]).map((l) => ({ ...l, location: warehouse })) },
      }),
    shipOrder: (salesOrderId, packages = [4.5], extra = {}, lines = undefined) =>
      ns.ui.fulfill(salesOrderId, {
        fields: { shipstatus: 'C', trandate: new Date(), ...extra },
        ...(lines ? { lines: { item: lines } } : {}),
        sublists: { package: packages.map((weight, i) => ({ packageweight: weight, packagedescr: `Box ${i + 1}` })) },
      }),
    shipmentOf: (fulfillmentId) => ns.find(SHIPMENT.type, (r) => String(r.fields[SHIPMENT.fields.fulfillment]) === String(fulfillmentId))[0],
    auditsOf: (recordId) => ns.find(AUDIT.type, (r) => String(r.fields[AUDIT.fields.recordId]) === String(recordId)),
  };
}
