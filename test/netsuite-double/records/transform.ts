// record.transform for the transformations the connector meets: a sales order into an item
// fulfillment (the unfulfilled quantity of each line) or an invoice (the unbilled quantity).
// As in NetSuite, body custom fields that apply to both types are carried over.
import type { RecordRepository } from './repository.js';
import { cloneData, type LineData, type RecordData, type StoredRecord } from './model.js';
import { isEmptyValue, type Fail } from './values.js';

const SUPPORTED: Record<string, string[]> = { salesorder: ['itemfulfillment', 'invoice'] };

const CARRIED_BODY = ['entity', 'subsidiary', 'location', 'shipmethod', 'department', 'class', 'memo', 'otherrefnum', 'email', 'shipisresidential', 'shippingcost', 'handlingcost', 'currency', 'salesrep'];

export function transformData(repo: RecordRepository, from: StoredRecord, toType: string, fail: Fail): RecordData {
  if (!SUPPORTED[from.type]?.includes(toType)) {
    throw fail('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: record.transform ${from.type} → ${toType} (supported: salesorder → itemfulfillment, invoice)`);
  }
  const toDef = repo.typeDef(toType, fail);
  const source = from.data;
  if (source.body.status === 'A' || source.body.status === 'C' || source.body.status === 'H') {
    throw fail('INVALID_INITIALIZE_REF', `You can not initialize ${toType}: invalid reference ${from.id}.`);
  }
  const data = repo.newData(toDef);
  data.body.createdfrom = String(from.id);
  for (const id of CARRIED_BODY) {
    if (toDef.fields.has(id) && !isEmptyValue(source.body[id])) data.body[id] = structuredClone(source.body[id]);
  }
  for (const [id, field] of toDef.fields) {
    if (field.custom && !isEmptyValue(source.body[id])) data.body[id] = structuredClone(source.body[id]);
  }
  for (const sub of ['shippingaddress', 'billingaddress']) {
    if (toDef.fields.get(sub)?.kind === 'subrecord' && source.subrecords[sub]) data.subrecords[sub] = cloneData({ body: {}, sublists: {}, subrecords: { s: source.subrecords[sub]! } }).subrecords.s!;
  }
  const itemSublist = toDef.sublists.get('item')!;
  const lines: LineData[] = [];
  for (const line of source.sublists.item ?? []) {
    if (line.values.isclosed === true) continue;
    const ordered = typeof line.values.quantity === 'number' ? line.values.quantity : 0;
    const done = toType === 'itemfulfillment' ? line.values.quantityfulfilled : line.values.quantitybilled;
    const remaining = ordered - (typeof done === 'number' ? done : 0);
    if (remaining <= 0) continue;
    const out: LineData = { values: {}, subrecords: {} };
    out.values.item = line.values.item;
    out.values.orderline = line.values.line;
    out.values.quantity = remaining;
    if (!isEmptyValue(line.values.description)) out.values.description = line.values.description;
    if (!isEmptyValue(line.values.location)) out.values.location = line.values.location;
    if (!isEmptyValue(line.values.units)) out.values.units = line.values.units;
    if (toType === 'itemfulfillment') {
      out.values.itemreceive = true;
      out.values.quantityremaining = remaining;
      const item = typeof line.values.item === 'string' ? repo.findReferenced('item', line.values.item) : undefined;
      if (item) {
        out.values.itemname = repo.typeDef(item.type, fail).displayName(item);
        out.values.itemtype = item.type === 'inventoryitem' ? 'InvtPart' : item.type === 'serviceitem' ? 'Service' : 'NonInvtPart';
      }
    } else {
      if (!isEmptyValue(line.values.rate)) out.values.rate = line.values.rate;
      if (typeof line.values.rate === 'number') out.values.amount = Math.round(line.values.rate * remaining * 100) / 100;
    }
    for (const [id, field] of itemSublist.fields) {
      if (field.custom && !isEmptyValue(line.values[id])) out.values[id] = structuredClone(line.values[id]);
    }
    lines.push(out);
  }
  if (lines.length === 0) throw fail('INVALID_INITIALIZE_REF', `You can not initialize ${toType}: invalid reference ${from.id}.`);
  data.sublists.item = lines;
  return data;
}
