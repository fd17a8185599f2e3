// Reads what the shipment needs from NetSuite into a plain FulfillmentSnapshot, with the cheapest
// calls that do the job: the fulfillment record the user event already has, lookupFields (1 unit)
// for the customer (the source transaction is read by source.ts), the service map from the cached
// configuration, and ship-from (and transfer-to) addresses from N/cache (a load of 5 units on a miss).
// Only when the shipment crosses a border, or NetSuite has no package weight, one search (10 units)
// reads every item line's price and item record data at once (never a load per item), plus the
// order currency's ISO code (a 5-unit load) across borders.
import * as record from 'N/record';
import * as search from 'N/search';
import type { AddressSnapshot, FulfillmentSnapshot, ItemLineSnapshot, ShipMethodRule } from '../../../shared/src/fulfillment';
import { CUSTOMER_FIELDS } from '../../../shared/src/ids';
import { needsCustoms } from '../../../shared/src/services';
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
    return {
      kind: 'fedex',
      serviceType: row.serviceType,
      ...(row.packagingType ? { packagingType: row.packagingType } : {}),
      ...(row.residentialServiceType ? { residentialServiceType: row.residentialServiceType } : {}),
    };
  }
  // No Service Map row. NetSuite's carrier list on a ship item only says UPS or "FedEx/USPS/More"
  // (the item search column `shippingcarrier`: ups | nonups), so it cannot say FedEx; like
  // NetSuite Connector, read the carrier from the ship method's name. A non-UPS method named FedEx
  // fails as unmapped (the admin adds a row); any other is not ours and is left alone.
  const item = search.lookupFields({ type: 'shipitem', id: shipMethodId, columns: ['itemid', 'displayname', 'shippingcarrier'] });
  if (str(item.shippingcarrier) === 'ups') return { kind: 'not-fedex' };
  const named = `${str(item.itemid) ?? ''} ${str(item.displayname) ?? ''}`;
  return /fed\s*ex/i.test(named) ? { kind: 'fedex-unmapped' } : { kind: 'not-fedex' };
}

/** A fulfillment item line and the order line it ships (to find its price). */
interface LineRef {
  snapshot: ItemLineSnapshot;
  orderLine?: string;
}

function readLines(rec: record.Record): { lines: LineRef[]; locationId?: string } {
  const lines: LineRef[] = [];
  let locationId: string | undefined;
  const count = rec.getLineCount({ sublistId: 'item' });
  for (let line = 0; line < count; line++) {
    const receive = rec.getSublistValue({ sublistId: 'item', fieldId: 'itemreceive', line });
    if (receive === false || receive === 'F') continue;
    const item = str(rec.getSublistText({ sublistId: 'item', fieldId: 'item', line })) ?? str(rec.getSublistValue({ sublistId: 'item', fieldId: 'item', line })) ?? '?';
    const description = str(rec.getSublistValue({ sublistId: 'item', fieldId: 'description', line }));
    const orderLine = str(rec.getSublistValue({ sublistId: 'item', fieldId: 'orderline', line }));
    lines.push({
      snapshot: { item, quantity: Number(rec.getSublistValue({ sublistId: 'item', fieldId: 'quantity', line })) || 0, ...(description ? { description } : {}) },
      ...(orderLine ? { orderLine } : {}),
    });
    locationId = locationId ?? str(rec.getSublistValue({ sublistId: 'item', fieldId: 'location', line }));
  }
  return { lines, ...(locationId ? { locationId } : {}) };
}

/** A positive finite number from a sublist value, else undefined. */
const measure = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : Number(v);
  return v !== '' && v !== null && v !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
};

function readPackages(rec: record.Record): FulfillmentSnapshot['packages'] {
  // Accounts with NetSuite's own FedEx integration keep packages in `packagefedex` (with dimensions,
  // in inches); others in `package` (weight in pounds; its dimensions live in a per-line subrecord).
  const lists: { sublistId: string; weight: string; descr: string; dims?: [string, string, string] }[] = [
    { sublistId: 'package', weight: 'packageweight', descr: 'packagedescr' },
    { sublistId: 'packagefedex', weight: 'packageweightfedex', descr: 'reference1fedex', dims: ['packagelengthfedex', 'packagewidthfedex', 'packageheightfedex'] },
  ];
  for (const list of lists) {
    const { sublistId } = list;
    const count = rec.getLineCount({ sublistId });
    if (count <= 0) continue;
    const out: FulfillmentSnapshot['packages'] = [];
    for (let line = 0; line < count; line++) {
      const description = str(rec.getSublistValue({ sublistId, fieldId: list.descr, line }));
      // Kept as NetSuite holds it (NaN, negative, 1e308 included): the shared validation refuses what FedEx would.
      const raw = rec.getSublistValue({ sublistId, fieldId: list.weight, line });
      const weight = raw === '' || raw === null || raw === undefined ? 0 : Number(raw);
      const dims = list.dims?.map((fieldId) => measure(rec.getSublistValue({ sublistId, fieldId, line })));
      out.push({
        weight,
        ...(description ? { description } : {}),
        ...(dims && dims.every((d) => d !== undefined) ? { length: dims[0], width: dims[1], height: dims[2] } : {}),
      });
    }
    return out;
  }
  return [];
}

const ITEM_COLUMNS = ['countryofmanufacture', 'manufacturertariff', 'schedulebnumber', 'weight', 'weightunit'] as const;
const WEIGHT_UNIT_IDS: Record<string, string> = { '1': 'lb', '2': 'oz', '3': 'kg', '4': 'g' };

/**
 * Prices from the order lines and customs/weight data from the item records, for every line at
 * once: one search over the order's lines joined to their items (10 units), whatever the line count.
 */
function readItemData(orderId: string, lines: LineRef[]): void {
  const rows = search
    .create({
      type: 'transaction',
      filters: [['internalid', 'anyof', orderId], 'and', ['mainline', 'is', 'F']],
      columns: ['line', 'item', 'rate', ...ITEM_COLUMNS.map((name) => search.createColumn({ name, join: 'item' }))],
    })
    .run()
    .getRange({ start: 0, end: 1000 });
  for (const row of rows) {
    const lineId = str(row.getValue({ name: 'line' }));
    const target = lines.find((l) => l.orderLine !== undefined && l.orderLine === lineId);
    if (!target) continue;
    const join = (name: string) => row.getValue({ name, join: 'item' });
    const item = target.snapshot;
    const rate = measure(row.getValue({ name: 'rate' }));
    const origin = str(join('countryofmanufacture'));
    const tariff = str(join('manufacturertariff')) ?? str(join('schedulebnumber'));
    const weight = measure(join('weight'));
    const unitId = str(join('weightunit'));
    const unit = unitId ? (WEIGHT_UNIT_IDS[unitId] ?? unitId.toLowerCase()) : undefined;
    if (rate !== undefined) item.unitPrice = rate;
    if (origin) item.countryOfManufacture = origin;
    if (tariff) item.harmonizedCode = tariff;
    if (weight !== undefined) item.weight = weight;
    if (unit) item.weightUnit = unit;
  }
}

/**
 * The ISO code of a currency (its `symbol`), 5 units. Read from the record: a currency search's columns
 * are not documented as including `symbol`, and the NetSuite double refuses what is not documented.
 */
function currencyCode(currencyId: string | undefined): string | undefined {
  if (!currencyId) return undefined;
  return str(record.load({ type: 'currency', id: currencyId }).getValue({ fieldId: 'symbol' }));
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
  const { lines, locationId } = readLines(rec);
  base.items = lines.map((l) => l.snapshot);
  base.packages = readPackages(rec);
  const shipFrom = readShipFrom(str(rec.getValue({ fieldId: 'location' })) ?? locationId, str(rec.getValue({ fieldId: 'subsidiary' })));
  if (shipFrom) base.shipFrom = shipFrom;

  const from = shipFrom?.country?.toUpperCase();
  const to = base.shipTo.country?.toUpperCase();
  const crossBorder = from !== undefined && to !== undefined && needsCustoms(from, to);
  const unweighed = !base.packages.some((p) => p.weight > 0);
  if (source && source.kind !== 'unsupported' && (crossBorder || unweighed)) readItemData(source.id, lines);
  if (crossBorder && base.salesOrder) {
    const currency = currencyCode(source?.currencyId);
    if (currency) base.salesOrder.currency = currency;
  }
  return base;
}
