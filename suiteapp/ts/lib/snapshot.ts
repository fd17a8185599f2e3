// Reads what the shipment needs from NetSuite into a plain FulfillmentSnapshot, with the cheapest
// calls that do the job: the fulfillment record the user event already has, lookupFields (1 unit)
// for the customer (the source transaction is read by source.ts), the service map from the cached
// configuration, and ship-from (and transfer-to) addresses from N/cache (a load of 5 units on a miss).
import * as record from 'N/record';
import * as search from 'N/search';
import type { AddressSnapshot, FulfillmentSnapshot, ShipMethodRule } from '../../../shared/src/fulfillment';
import { CUSTOMER_FIELDS } from '../../../shared/src/ids';
import { cachedAddress, type PlaceType } from './address-cache';
import type { ServiceMapEntry } from './settings';
import type { FulfillmentSource } from './source';

const ADDRESS_FIELDS = ['addressee', 'attention', 'addr1', 'addr2', 'addr3', 'city', 'state', 'zip', 'country', 'addrphone'] as const;

const str = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return str((v[0] as { value?: unknown } | undefined)?.value);
  const s = String(v).trim();
  return s === '' ? undefined : s;
};
const bool = (v: unknown): boolean => v === true || v === 'T';

function readAddress(sub: Pick<record.Record, 'getValue'>): AddressSnapshot {
  const out: AddressSnapshot = {};
  for (const f of ADDRESS_FIELDS) {
    const v = str(sub.getValue({ fieldId: f }));
    if (v !== undefined) out[f] = v;
  }
  return out;
}

function isoDate(d: unknown): string {
  const date = d instanceof Date ? d : new Date(String(d));
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function todayIso(): string {
  return isoDate(new Date());
}

/** The ship method's treatment: a Service Map row decides; else the ship item's carrier says whether it is FedEx's. */
export function shipMethodRule(shipMethodId: string | undefined, serviceMap: Record<string, ServiceMapEntry>): ShipMethodRule {
  if (!shipMethodId) return { kind: 'not-fedex' };
  const row = serviceMap[shipMethodId];
  if (row) {
    if (!row.serviceType) return { kind: 'fedex-unmapped' };
    return { kind: 'fedex', serviceType: row.serviceType, ...(row.packagingType ? { packagingType: row.packagingType } : {}) };
  }
  const item = search.lookupFields({ type: 'shipitem', id: shipMethodId, columns: ['shippingcarrier'] });
  const carrier = str(item.shippingcarrier) ?? '';
  return /fedex/i.test(carrier) ? { kind: 'fedex-unmapped' } : { kind: 'not-fedex' };
}

function readLines(rec: record.Record): { items: FulfillmentSnapshot['items']; locationId?: string } {
  const items: FulfillmentSnapshot['items'] = [];
  let locationId: string | undefined;
  const count = rec.getLineCount({ sublistId: 'item' });
  for (let line = 0; line < count; line++) {
    const receive = rec.getSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line });
    if (receive === false || receive === 'F') continue;
    const item = str(rec.getSublistText({ sublistId: 'item', fieldId: 'item', line })) ?? str(rec.getSublistValue({ sublistId: 'item', fieldId: 'item', line })) ?? '?';
    const description = str(rec.getSublistValue({ sublistId: 'item', fieldId: 'description', line }));
    items.push({ item, quantity: Number(rec.getSublistValue({ sublistId: 'item', fieldId: 'quantity', line })) || 0, ...(description ? { description } : {}) });
    locationId = locationId ?? str(rec.getSublistValue({ sublistId: 'item', fieldId: 'location', line }));
  }
  return { items, ...(locationId ? { locationId } : {}) };
}

function readPackages(rec: record.Record): FulfillmentSnapshot['packages'] {
  // Accounts with NetSuite's own FedEx integration keep packages in `packagefedex`; others in `package`.
  const lists: [string, string, string][] = [
    ['package', 'packageweight', 'packagedescr'],
    ['packagefedex', 'packageweightfedex', 'reference1fedex'],
  ];
  for (const [sublistId, weightField, descrField] of lists) {
    const count = rec.getLineCount({ sublistId });
    if (count <= 0) continue;
    const out: FulfillmentSnapshot['packages'] = [];
    for (let line = 0; line < count; line++) {
      const description = str(rec.getSublistValue({ sublistId, fieldId: descrField, line }));
      out.push({ weight: Number(rec.getSublistValue({ sublistId, fieldId: weightField, line })) || 0, ...(description ? { description } : {}) });
    }
    return out;
  }
  return [];
}

/** A location's or subsidiary's name and main address (cached: 1 unit on a hit). */
function readPlace(type: PlaceType, id: string): { address: AddressSnapshot; name?: string } {
  return cachedAddress(type, id, () => {
    const rec = record.load({ type, id });
    const name = str(rec.getValue({ fieldId: 'name' }));
    return { address: readAddress(rec.getSubrecord({ fieldId: 'mainaddress' })), ...(name ? { name } : {}) };
  });
}

/** Ship-from: the location's main address, else the subsidiary's. */
function readShipFrom(locationId: string | undefined, subsidiaryId: string | undefined): FulfillmentSnapshot['shipFrom'] {
  const sources: [PlaceType, string | undefined][] = [
    ['location', locationId],
    ['subsidiary', subsidiaryId],
  ];
  for (const [type, id] of sources) {
    if (!id) continue;
    const { address, name } = readPlace(type, id);
    if (!address.addr1 && !address.city) continue;
    return { ...address, ...(name ? { name } : {}) };
  }
  return undefined;
}

/**
 * The snapshot of a fulfillment whose ship method is FedEx's (`rule`), created from `source`: a sales
 * order ships to the fulfillment's address and customer; a transfer order to its destination
 * location's main address (the location is the recipient).
 */
export function readSnapshot(rec: record.Record, accountId: string, rule: ShipMethodRule, source?: FulfillmentSource): FulfillmentSnapshot {
  const shipMethodId = str(rec.getValue({ fieldId: 'shipmethod' }));
  const shipMethodName = str(rec.getText({ fieldId: 'shipmethod' }));
  const fulfillment: FulfillmentSnapshot['fulfillment'] = {
    id: String(rec.id),
    tranDate: isoDate(rec.getValue({ fieldId: 'trandate' }) ?? new Date()),
    ...(str(rec.getValue({ fieldId: 'tranid' })) ? { tranId: str(rec.getValue({ fieldId: 'tranid' })) } : {}),
    ...(shipMethodId ? { shipMethodId } : {}),
    ...(shipMethodName ? { shipMethodName } : {}),
  };
  const base: FulfillmentSnapshot = {
    accountId,
    fulfillment,
    customer: { isPerson: false },
    shipTo: {},
    items: [],
    packages: [],
  };
  if (rule.kind === 'not-fedex') return base;

  if (source?.kind === 'transferorder') {
    const destination = str(rec.getValue({ fieldId: 'transferlocation' }));
    if (destination) {
      const { address, name } = readPlace('location', destination);
      base.shipTo = { ...address, isresidential: false };
      base.customer = { isPerson: false, ...(name ? { companyName: name } : {}) };
    }
  } else {
    const customerId = str(rec.getValue({ fieldId: 'entity' }));
    if (customerId) {
      const c = search.lookupFields({
        type: 'customer',
        id: customerId,
        columns: ['isperson', 'companyname', 'firstname', 'lastname', 'entityid', 'email', 'phone', CUSTOMER_FIELDS.fedexAccount],
      });
      base.customer = {
        id: customerId,
        isPerson: bool(c.isperson),
        ...(str(c.companyname) ? { companyName: str(c.companyname) } : {}),
        ...(str(c.firstname) ? { firstName: str(c.firstname) } : {}),
        ...(str(c.lastname) ? { lastName: str(c.lastname) } : {}),
        ...(str(c.entityid) ? { entityId: str(c.entityid) } : {}),
        ...(str(c.email) ? { email: str(c.email) } : {}),
        ...(str(c.phone) ? { phone: str(c.phone) } : {}),
        ...(str(c[CUSTOMER_FIELDS.fedexAccount]) ? { fedexAccount: str(c[CUSTOMER_FIELDS.fedexAccount]) } : {}),
      };
    }
    if (source?.kind === 'salesorder') base.salesOrder = { id: source.id, ...(source.tranId ? { tranId: source.tranId } : {}) };
    // The residential flag of the ship-to address lives on the transaction (shipisresidential).
    base.shipTo = { ...readAddress(rec.getSubrecord({ fieldId: 'shippingaddress' })), isresidential: bool(rec.getValue({ fieldId: 'shipisresidential' })) };
  }
  const { items, locationId } = readLines(rec);
  base.items = items;
  base.packages = readPackages(rec);
  const shipFrom = readShipFrom(str(rec.getValue({ fieldId: 'location' })) ?? locationId, str(rec.getValue({ fieldId: 'subsidiary' })));
  if (shipFrom) base.shipFrom = shipFrom;
  return base;
}
