// Record rules of one account on top of the store: which types and fields exist, defaults of a
// new record, what must hold before a save (mandatory fields, references that exist, version),
// what NetSuite derives on save (tranid, address text, totals, line numbers), and what saving a
// fulfillment or invoice changes on its sales order (quantities, status, linked tracking numbers).
import type { RecordCatalog } from './catalog.js';
import { cloneData, emptyData, type FieldDef, type LineData, type RecordData, type RecordTypeDef, type StoredRecord, type SubrecordData, type SublistDef, type SubrecordTypeDef } from './model.js';
import { RecordStore } from './store.js';
import { closest, dateKey, isEmptyValue, type Fail } from './values.js';

/** Fields every record answers besides its own: the internal id. */
const ID_FIELD: FieldDef = { id: 'id', kind: 'text', label: 'Internal ID', readOnly: true };

const PACKAGE_TRACKING: [string, string][] = [
  ['package', 'packagetrackingnumber'],
  ['packagefedex', 'packagetrackingnumberfedex'],
  ['packageups', 'packagetrackingnumberups'],
  ['packageusps', 'packagetrackingnumberusps'],
];

export class RecordRepository {
  readonly store = new RecordStore();

  constructor(
    readonly catalog: RecordCatalog,
    readonly now: () => number,
  ) {}

  typeDef(type: unknown, fail: Fail): RecordTypeDef {
    const def = typeof type === 'string' ? this.catalog.get(type) : undefined;
    if (!def) {
      const known = [...this.catalog.types.keys()];
      const hint = typeof type === 'string' ? closest(type.toLowerCase(), known) : [];
      throw fail('INVALID_RCRD_TYPE', `Invalid record type: ${String(type)}${hint.length ? ` (did you mean ${hint.join(', ')}?)` : ''}. The double models: ${known.join(', ')}`);
    }
    return def;
  }

  field(def: RecordTypeDef, fieldId: unknown, fail: Fail): FieldDef {
    if (fieldId === 'id') return ID_FIELD;
    const field = typeof fieldId === 'string' ? def.fields.get(fieldId) : undefined;
    if (!field) throw unknownField(fail, `record type ${def.type}`, fieldId, def.fields.keys());
    return field;
  }

  sublist(def: RecordTypeDef, sublistId: unknown, fail: Fail): SublistDef {
    const sublist = typeof sublistId === 'string' ? def.sublists.get(sublistId) : undefined;
    if (!sublist) {
      const hint = typeof sublistId === 'string' ? closest(sublistId, def.sublists.keys()) : [];
      throw fail(
        'DOUBLE_UNKNOWN_SUBLIST',
        `Unknown sublist id "${String(sublistId)}" on record type ${def.type}${hint.length ? ` (did you mean ${hint.join(', ')}?)` : ''}. Sublists: ${[...def.sublists.keys()].join(', ') || 'none'}`,
      );
    }
    return sublist;
  }

  sublistField(def: RecordTypeDef, sublist: SublistDef, fieldId: unknown, fail: Fail): FieldDef {
    const field = typeof fieldId === 'string' ? sublist.fields.get(fieldId) : undefined;
    if (!field) throw unknownField(fail, `sublist ${sublist.id} of ${def.type}`, fieldId, sublist.fields.keys());
    return field;
  }

  subrecordType(type: string): SubrecordTypeDef {
    const def = this.catalog.subrecordTypes.get(type);
    if (!def) throw new Error(`no subrecord type ${type}`);
    return def;
  }

  subrecordField(sub: SubrecordTypeDef, fieldId: unknown, fail: Fail): FieldDef {
    const field = typeof fieldId === 'string' ? sub.fields.get(fieldId) : undefined;
    if (!field) throw unknownField(fail, `subrecord ${sub.type}`, fieldId, sub.fields.keys());
    return field;
  }

  /** The data of a new record: field defaults applied. */
  newData(def: RecordTypeDef): RecordData {
    const data = emptyData();
    for (const field of def.fields.values()) {
      if (field.defaultValue !== undefined) data.body[field.id] = structuredClone(field.defaultValue);
    }
    return data;
  }

  newLine(sublist: SublistDef): LineData {
    const line: LineData = { values: {}, subrecords: {} };
    for (const field of sublist.fields.values()) {
      if (field.defaultValue !== undefined) line.values[field.id] = structuredClone(field.defaultValue);
    }
    return line;
  }

  get(type: string, id: unknown): StoredRecord | undefined {
    if (typeof id !== 'number' && typeof id !== 'string') return undefined;
    return this.store.peek(type, id);
  }

  /** The stored record, or RCRD_DSNT_EXIST. */
  require(type: string, id: unknown, fail: Fail): StoredRecord {
    const record = this.get(type, id);
    if (!record) throw fail('RCRD_DSNT_EXIST', `That record does not exist. (${type} ${String(id)})`);
    return record;
  }

  /** A record of any concrete type behind a select type ('transaction', 'customer', …). */
  findReferenced(selectType: string, id: string): StoredRecord | undefined {
    for (const type of this.catalog.concreteTypes(selectType)) {
      const record = this.store.peek(type, id);
      if (record) return record;
    }
    return undefined;
  }

  /** getText of a select value. */
  selectText(field: FieldDef, key: string): string {
    if (field.options) return field.options.find((o) => o.value === key)?.text ?? key;
    const selectType = field.selectType ?? '';
    const list = this.catalog.lists.get(selectType);
    if (list) return list.values.find((v) => v.id === key)?.text ?? key;
    const record = this.findReferenced(selectType, key);
    if (!record) return key;
    return this.typeDef(record.type, (n, m) => new Error(`${n}: ${m}`)).displayName(record);
  }

  /** The select key whose text is `text` (setText). */
  selectKeyForText(field: FieldDef, text: string): string | undefined {
    if (field.options) return field.options.find((o) => o.text === text || o.value === text)?.value;
    const selectType = field.selectType ?? '';
    const list = this.catalog.lists.get(selectType);
    if (list) return list.values.find((v) => v.text === text)?.id;
    for (const type of this.catalog.concreteTypes(selectType)) {
      const def = this.catalog.get(type)!;
      const match = this.store.all(type).find((r) => def.displayName(r) === text);
      if (match) return String(match.id);
    }
    return undefined;
  }

  /** Whether a select value points at something that exists (unmodelled targets always do). */
  referenceExists(field: FieldDef, key: string): boolean {
    if (field.options) return field.options.some((o) => o.value === key);
    const selectType = field.selectType ?? '';
    if (selectType.startsWith('unmodelled:') || field.kind === 'document' || field.kind === 'image') return true;
    const list = this.catalog.lists.get(selectType);
    if (list) return list.values.some((v) => v.id === key);
    if (selectType.startsWith('customlist')) return false;
    return this.findReferenced(selectType, key) !== undefined;
  }

  /**
   * Checks a record about to be stored: mandatory fields (unless ignored), at least one line on
   * transactions, and that every select points at an existing record.
   */
  check(def: RecordTypeDef, data: RecordData, { ignoreMandatoryFields = false }: { ignoreMandatoryFields?: boolean }, fail: Fail): void {
    if (!ignoreMandatoryFields) {
      const missing = [...def.fields.values()].filter((f) => f.mandatory && f.kind !== 'subrecord' && isEmptyValue(data.body[f.id]));
      if (missing.length) throw fail('USER_ERROR', `Please enter value(s) for: ${missing.map((f) => f.label).join(', ')}`);
      if (def.type === 'customer') {
        // A company needs its name; an individual (isperson) a first and last name.
        const need = data.body.isperson === true ? ['firstname', 'lastname'] : ['companyname'];
        const empty = need.filter((id) => isEmptyValue(data.body[id]));
        if (empty.length) throw fail('USER_ERROR', `Please enter value(s) for: ${empty.join(', ')}`);
      }
    }
    if (def.costClass === 'transaction' && def.sublists.has('item')) {
      const lines = data.sublists.item ?? [];
      const counted = def.type === 'itemfulfillment' ? lines.filter((l) => l.values.itemreceive === true) : lines;
      if (counted.length === 0) throw fail('USER_ERROR', 'You must enter at least one line item for this transaction.');
    }
    const checkRefs = (fields: Map<string, FieldDef>, values: Record<string, unknown>, where: string) => {
      for (const [id, value] of Object.entries(values)) {
        const field = fields.get(id);
        if (!field || (field.kind !== 'select' && field.kind !== 'multiselect')) continue;
        for (const key of Array.isArray(value) ? value : [value]) {
          if (key === undefined || key === null || key === '') continue;
          if (!this.referenceExists(field, String(key))) throw fail('INVALID_KEY_OR_REF', `Invalid ${id} reference key ${String(key)}${where}.`);
        }
      }
    };
    checkRefs(def.fields, data.body, '');
    for (const [sublistId, lines] of Object.entries(data.sublists)) {
      const sublist = def.sublists.get(sublistId);
      if (!sublist) continue;
      lines.forEach((line, i) => {
        if (!ignoreMandatoryFields) {
          const missing = [...sublist.fields.values()].filter((f) => f.mandatory && isEmptyValue(line.values[f.id]));
          if (missing.length) throw fail('USER_ERROR', `Please enter value(s) for: ${missing.map((f) => f.label).join(', ')} (${sublistId} line ${i + 1})`);
        }
        checkRefs(sublist.fields, line.values, ` on ${sublistId} line ${i + 1}`);
      });
    }
    for (const sub of Object.values(data.subrecords)) checkRefs(this.subrecordType(sub.type).fields, sub.values, '');
  }

  /** Fills what NetSuite computes when a record is saved. */
  derive(def: RecordTypeDef, id: number, data: RecordData, isNew: boolean): void {
    const now = this.now();
    const body = data.body;
    const setIfDefined = (field: string, value: unknown) => {
      if (def.fields.has(field)) body[field] = value;
    };
    for (const sub of Object.values(data.subrecords)) deriveAddressText(sub);
    for (const lines of Object.values(data.sublists)) for (const line of lines) for (const sub of Object.values(line.subrecords)) deriveAddressText(sub);
    if (isNew) {
      setIfDefined('createddate', now);
      setIfDefined('datecreated', now);
      setIfDefined('created', now);
    }
    setIfDefined('lastmodifieddate', now);
    setIfDefined('lastmodified', now);

    if (def.costClass === 'transaction') {
      if (isEmptyValue(body.tranid)) body.tranid = `${def.numberPrefix ?? 'T'}${id}`;
      if (isEmptyValue(body.trandate)) body.trandate = dateKey(new Date(now));
      body.transactionnumber = body.tranid;
      let nextLine = 1;
      for (const line of data.sublists.item ?? []) nextLine = Math.max(nextLine, Number(line.values.line ?? 0) + 1);
      for (const line of data.sublists.item ?? []) if (isEmptyValue(line.values.line)) line.values.line = nextLine++;
    }
    if (def.type === 'salesorder' || def.type === 'invoice') {
      let subtotal = 0;
      for (const line of data.sublists.item ?? []) {
        const { quantity, rate } = line.values;
        if (isEmptyValue(line.values.amount) && typeof quantity === 'number' && typeof rate === 'number') line.values.amount = round2(quantity * rate);
        if (typeof line.values.amount === 'number') subtotal += line.values.amount;
      }
      body.subtotal = round2(subtotal);
      body.total = round2(subtotal + num(body.shippingcost) + num(body.handlingcost));
      body.shipaddress = data.subrecords.shippingaddress?.values.addrtext;
      body.billaddress = data.subrecords.billingaddress?.values.addrtext;
      if (def.type === 'invoice' && isEmptyValue(body.status)) body.status = 'A';
      if (def.type === 'salesorder' && isEmptyValue(body.status)) body.status = body.orderstatus === 'A' ? 'A' : 'B';
    }
    if (def.type === 'itemfulfillment') {
      body.status = body.shipstatus;
      body.shipaddress = data.subrecords.shippingaddress?.values.addrtext;
      const today = dateKey(new Date(now));
      if (isEmptyValue(body.pickeddate)) body.pickeddate = today;
      if ((body.shipstatus === 'B' || body.shipstatus === 'C') && isEmptyValue(body.packeddate)) body.packeddate = today;
      if (body.shipstatus === 'C' && isEmptyValue(body.shippeddate)) body.shippeddate = today;
    }
    if (def.type === 'customer' || def.type === 'employee') {
      if (isEmptyValue(body.entityid)) {
        body.entityid = (typeof body.companyname === 'string' && body.companyname) || [body.firstname, body.lastname].filter((x) => typeof x === 'string' && x).join(' ') || `${def.type.toUpperCase()}${id}`;
      }
      let nextAddressId = 1;
      const lines = data.sublists.addressbook ?? [];
      for (const line of lines) nextAddressId = Math.max(nextAddressId, Number(line.values.internalid ?? 0) + 1);
      for (const line of lines) {
        if (isEmptyValue(line.values.internalid)) line.values.internalid = nextAddressId++;
        line.values.id = line.values.internalid;
        line.values.addressbookaddress_text = line.subrecords.addressbookaddress?.values.addrtext;
      }
      const shipping = lines.find((l) => l.values.defaultshipping === true);
      const billing = lines.find((l) => l.values.defaultbilling === true);
      setIfDefined('defaultshippingaddress', shipping?.values.addressbookaddress_text);
      setIfDefined('defaultaddress', (billing ?? shipping)?.values.addressbookaddress_text);
    }
    if (def.type === 'inventoryitem') {
      const unit = def.fields.get('weightunit')?.options?.find((o) => o.value === body.weightunit);
      body.weightunits = unit?.text;
    }
    if (def.type === 'location' || def.type === 'subsidiary') {
      const parent = typeof body.parent === 'string' ? this.store.peek(def.type, body.parent) : undefined;
      const name = typeof body.name === 'string' ? body.name : '';
      body.fullname = parent ? `${String(parent.data.body.fullname ?? parent.data.body.name ?? '')} : ${name}` : name;
    }
    for (const [key, value] of Object.entries(body)) if (value === undefined) delete body[key];
  }

  /** What saving (or deleting) `record` changes on other records: the sales order it came from. */
  afterStore(record: StoredRecord | { type: string; data: RecordData }): void {
    if (record.type !== 'itemfulfillment' && record.type !== 'invoice') return;
    const soId = record.data.body.createdfrom;
    const so = typeof soId === 'string' ? this.store.peek('salesorder', soId) : undefined;
    if (so) this.#syncSalesOrder(so.id);
  }

  #syncSalesOrder(soId: number): void {
    const so = this.store.peek('salesorder', soId)!;
    const data = cloneData(so.data);
    const linked = (type: string) => this.store.all(type).filter((r) => r.data.body.createdfrom === String(soId));
    const fulfillments = linked('itemfulfillment');
    const invoices = linked('invoice');
    const sumBy = (records: StoredRecord[], lineNo: unknown, predicate: (l: LineData) => boolean) =>
      records.flatMap((r) => r.data.sublists.item ?? []).filter((l) => l.values.orderline === lineNo && predicate(l)).reduce((s, l) => s + num(l.values.quantity), 0);
    let allFulfilled = true;
    let anyFulfilled = false;
    let allBilled = true;
    for (const line of data.sublists.item ?? []) {
      const fulfilled = sumBy(fulfillments, line.values.line, (l) => l.values.itemreceive === true);
      const billed = sumBy(invoices, line.values.line, () => true);
      line.values.quantityfulfilled = fulfilled;
      line.values.quantitybilled = billed;
      const ordered = num(line.values.quantity);
      if (fulfilled > 0) anyFulfilled = true;
      if (fulfilled < ordered) allFulfilled = false;
      if (billed < ordered) allBilled = false;
    }
    if (data.body.status !== 'A' && data.body.status !== 'C' && data.body.status !== 'H') {
      data.body.status = allFulfilled && allBilled ? 'G' : allFulfilled ? 'F' : anyFulfilled ? (invoices.length ? 'E' : 'D') : 'B';
    }
    const numbers = [...new Set(fulfillments.flatMap(trackingNumbers))];
    data.body.linkedtrackingnumbers = numbers.length ? numbers.join(' ') : undefined;
    if (data.body.linkedtrackingnumbers === undefined) delete data.body.linkedtrackingnumbers;
    this.store.replace('salesorder', soId, data);
    for (const inv of invoices) {
      const invData = cloneData(inv.data);
      if (numbers.length) invData.body.linkedtrackingnumbers = numbers.join(' ');
      else delete invData.body.linkedtrackingnumbers;
      if (invData.body.linkedtrackingnumbers !== inv.data.body.linkedtrackingnumbers) this.store.replace('invoice', inv.id, invData);
    }
  }
}

function trackingNumbers(fulfillment: StoredRecord): string[] {
  const out: string[] = [];
  for (const [sublist, field] of PACKAGE_TRACKING) {
    for (const line of fulfillment.data.sublists[sublist] ?? []) {
      const v = line.values[field];
      if (typeof v === 'string' && v.trim()) out.push(v.trim());
    }
  }
  return out;
}

function deriveAddressText(sub: SubrecordData): void {
  if (sub.type !== 'address') return;
  const v = sub.values;
  const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : '');
  const cityLine = [str('city'), [str('state'), str('zip')].filter(Boolean).join(' ')].filter(Boolean).join(' ');
  const lines = [str('attention'), str('addressee'), str('addr1'), str('addr2'), str('addr3'), cityLine, str('country')].filter(Boolean);
  if (lines.length) v.addrtext = lines.join('\n');
  else delete v.addrtext;
}

function unknownField(fail: Fail, where: string, fieldId: unknown, known: Iterable<string>): Error {
  const list = [...known];
  const hint = typeof fieldId === 'string' ? closest(fieldId, list) : [];
  return fail(
    'DOUBLE_UNKNOWN_FIELD',
    `Unknown field id "${String(fieldId)}" on ${where}${hint.length ? ` (did you mean ${hint.join(', ')}?)` : ''}. NetSuite would ignore it silently; the double refuses it so a misspelled id fails the test.`,
  );
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const round2 = (n: number) => Math.round(n * 100) / 100;
