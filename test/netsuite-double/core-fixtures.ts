// The core's fixture project (test/fixtures/netsuite/core_project) as a NetSuite double, plus
// data most tests need: a subsidiary, a location, a ship item, an item, a customer, a sales order.
import { join, resolve } from 'node:path';
import { createNetSuiteDouble, type NetSuiteDouble, type NetSuiteDoubleOptions } from './index.js';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/netsuite');
export const CORE_PROJECT = join(FIXTURES, 'core_project');
export const CORE_BROKEN = join(FIXTURES, 'core_broken');

export function coreDouble(options: NetSuiteDoubleOptions = {}): NetSuiteDouble {
  return createNetSuiteDouble({
    project: false,
    objectsDirs: [join(CORE_PROJECT, 'Objects')],
    fileCabinetDirs: [join(CORE_PROJECT, 'FileCabinet')],
    time: new Date(2026, 2, 10, 9, 30),
    ...options,
  });
}

export interface BasicData {
  subsidiary: number;
  location: number;
  shipItem: number;
  item: number;
  customer: number;
  salesOrder: number;
}

export function seedBasics(ns: NetSuiteDouble): BasicData {
  const subsidiary = ns.seed('subsidiary', { fields: { name: 'US West', country: 'US' }, subrecords: { mainaddress: { addr1: '1 Main St', city: 'Reno', state: 'NV', zip: '89501', country: 'US' } } });
  const location = ns.seed('location', { fields: { name: 'Reno DC', subsidiary }, subrecords: { mainaddress: { addr1: '2 Dock Rd', city: 'Reno', state: 'NV', zip: '89502', country: 'US', addrphone: '775-555-0100' } } });
  const shipItem = ns.seed('shipitem', { fields: { itemid: 'FedEx Ground', shippingcarrier: 'nonups', fedexservicecode: '9' } });
  const item = ns.seed('inventoryitem', { fields: { itemid: 'WIDGET-1', displayname: 'Widget', weight: 2.5, weightunit: '1' } });
  const customer = ns.seed('customer', {
    fields: { companyname: 'Acme Corp', email: 'buyer@acme.example', phone: '555-123-4567', subsidiary, custentity_core_acct: 'ACME-1' },
    sublists: { addressbook: [{ label: 'Ship', defaultshipping: true, addressbookaddress: { addressee: 'Acme Corp', addr1: '5 Elm St', city: 'Austin', state: 'TX', zip: '78701', country: 'US' } }] },
  });
  const salesOrder = ns.seed('salesorder', {
    fields: { entity: customer, subsidiary, location, shipmethod: shipItem, trandate: new Date(2026, 2, 9) },
    subrecords: { shippingaddress: { addressee: 'Acme Corp', attention: 'Receiving', addr1: '5 Elm St', city: 'Austin', state: 'TX', zip: '78701', country: 'US', addrphone: '512-555-0199' } },
    sublists: { item: [{ item, quantity: 3, rate: 10 }] },
  });
  return { subsidiary, location, shipItem, item, customer, salesOrder };
}

/** N/* modules as a probe sees them (the script-facing objects; loosely typed on purpose). */
 
export type Modules = { record: any; search: any; runtime: any; log: any };

/**
 * Runs `fn` inside an invocation of the fixture RESTlet (its governance, realm and modules), the
 * way a script's own code would call N/record and N/search. Returns what fn returned; rethrows
 * what it threw. The invocation record is available as `probe.last`.
 */
export function probe<T>(ns: NetSuiteDouble, fn: (m: Modules) => T): T {
  const result = ns.runEntryPoint({
    scriptId: 'customscript_core_rl',
    entryPoint: 'post',
    args: ({ module }) => [
      {
        action: 'probe',
        run: () => fn({ record: module('N/record'), search: module('N/search'), runtime: module('N/runtime'), log: module('N/log') }),
      },
    ],
  });
  if (result.outcome === 'threw') throw result.error;
  return result.value as T;
}
