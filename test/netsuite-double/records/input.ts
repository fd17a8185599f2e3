// Test-side record data: what ns.seed / ns.ui.* take (script-style values: a Date for a date, a
// boolean for a checkbox, an internal id for a select, an object for a subrecord) and the plain
// snapshots ns.get / ns.find return. Unknown fields are refused here too.
import type { FieldDef, LineData, RecordData, RecordTypeDef, StoredRecord, SubrecordData } from './model.js';
import type { RecordRepository } from './repository.js';
import { toCanonical, toScriptText, toScriptValue, type Fail } from './values.js';

export type FieldValues = Record<string, unknown>;

export interface RecordInput {
  /** Body fields; a subrecord field (shippingaddress) may take an object of its fields. */
  fields?: FieldValues;
  /** Whole sublists: each line a map of field → value (a subrecord field takes an object). */
  sublists?: Record<string, FieldValues[]>;
  /** Subrecords by field id (same as an object in `fields`). */
  subrecords?: Record<string, FieldValues>;
}

export interface RecordChanges extends RecordInput {
  /** Changes to existing lines: sublist → line index → field → value. */
  lines?: Record<string, Record<number, FieldValues>>;
}

export interface ApplyOptions {
  /** Allow fields NetSuite sets (status, linkedtrackingnumbers…): seeding only. */
  allowReadOnly: boolean;
}

/** Applies `input` onto `data` (mutates), validating every id and value. */
export function applyInput(repo: RecordRepository, def: RecordTypeDef, data: RecordData, input: RecordChanges, options: ApplyOptions, fail: Fail): RecordData {
  const set = (field: FieldDef, target: Record<string, unknown>, value: unknown, where: string) => {
    if (field.readOnly && !options.allowReadOnly) throw fail('DOUBLE_READ_ONLY_FIELD', `${where}${field.id} is set by NetSuite; a user cannot enter it (seed it with ns.seed if the test needs it).`);
    const canonical = toCanonical(field, value, fail);
    if (canonical === undefined) delete target[field.id];
    else target[field.id] = canonical;
  };
  // Setting fields of a subrecord the record already has changes those fields and keeps the others,
  // as a person editing one line of the address form does.
  const subrecord = (field: FieldDef, value: unknown, base?: SubrecordData): SubrecordData => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail('INVALID_FLD_VALUE', `${field.id} is a subrecord: give an object of its fields`);
    const sub = repo.subrecordType(field.subrecordType!);
    const out: SubrecordData = { type: sub.type, values: base?.type === sub.type ? { ...base.values } : {} };
    for (const [id, v] of Object.entries(value as FieldValues)) set(repo.subrecordField(sub, id, fail), out.values, v, `${field.id}.`);
    return out;
  };
  const line = (sublistId: string, values: FieldValues, base?: LineData): LineData => {
    const sublist = repo.sublist(def, sublistId, fail);
    const out = base ?? repo.newLine(sublist);
    for (const [id, v] of Object.entries(values)) {
      const field = repo.sublistField(def, sublist, id, fail);
      if (field.kind === 'subrecord') out.subrecords[id] = subrecord(field, v, out.subrecords[id]);
      else set(field, out.values, v, `${sublistId}.`);
    }
    return out;
  };
  for (const [id, value] of Object.entries(input.fields ?? {})) {
    const field = repo.field(def, id, fail);
    if (field.id === 'id') throw fail('DOUBLE_READ_ONLY_FIELD', 'id is the internal id NetSuite assigns');
    if (field.kind === 'subrecord') data.subrecords[id] = subrecord(field, value, data.subrecords[id]);
    else set(field, data.body, value, '');
  }
  for (const [id, value] of Object.entries(input.subrecords ?? {})) {
    const field = repo.field(def, id, fail);
    if (field.kind !== 'subrecord') throw fail('FIELD_1_IS_NOT_A_SUBRECORD_FIELD', `Field ${id} is not a subrecord field.`);
    data.subrecords[id] = subrecord(field, value, data.subrecords[id]);
  }
  for (const [sublistId, lines] of Object.entries(input.sublists ?? {})) {
    data.sublists[sublistId] = lines.map((values) => line(sublistId, values));
  }
  for (const [sublistId, changes] of Object.entries(input.lines ?? {})) {
    const lines = data.sublists[sublistId] ?? [];
    for (const [index, values] of Object.entries(changes)) {
      const existing = lines[Number(index)];
      if (!existing) throw fail('SSS_INVALID_SUBLIST_OPERATION', `${sublistId} has no line ${index}`);
      line(sublistId, values, existing);
    }
  }
  return data;
}

/** A plain, test-friendly copy of a stored record (values as getValue returns them). */
export interface RecordSnapshot {
  type: string;
  id: number;
  version: number;
  fields: Record<string, unknown>;
  sublists: Record<string, Record<string, unknown>[]>;
  subrecords: Record<string, Record<string, unknown>>;
  /** getText of a body field (the name behind a select, 'T'/'F', M/D/YYYY). */
  text(fieldId: string): unknown;
}

export function snapshot(repo: RecordRepository, record: StoredRecord): RecordSnapshot {
  const def = repo.catalog.get(record.type)!;
  const fail: Fail = (name, message) => Object.assign(new Error(`${name}: ${message}`), { name });
  const fields: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(record.data.body)) {
    const field = def.fields.get(id);
    if (field) fields[id] = toScriptValue(field, value);
  }
  const subValues = (sub: SubrecordData) => {
    const subDef = repo.subrecordType(sub.type);
    return Object.fromEntries(Object.entries(sub.values).map(([k, v]) => [k, subDef.fields.get(k) ? toScriptValue(subDef.fields.get(k)!, v) : v]));
  };
  const sublists: Record<string, Record<string, unknown>[]> = {};
  for (const [id, lines] of Object.entries(record.data.sublists)) {
    const sublist = def.sublists.get(id);
    sublists[id] = lines.map((line) => ({
      ...Object.fromEntries(Object.entries(line.values).map(([k, v]) => [k, sublist?.fields.get(k) ? toScriptValue(sublist.fields.get(k)!, v) : v])),
      ...Object.fromEntries(Object.entries(line.subrecords).map(([k, sub]) => [k, subValues(sub)])),
    }));
  }
  const subrecords = Object.fromEntries(Object.entries(record.data.subrecords).map(([k, sub]) => [k, subValues(sub)]));
  const snap = { type: record.type, id: record.id, version: record.version, fields, sublists, subrecords } as RecordSnapshot;
  Object.defineProperty(snap, 'text', {
    enumerable: false,
    value: (fieldId: string) => {
      const field = repo.field(def, fieldId, fail);
      const stored = record.data.body[fieldId];
      if (field.kind === 'select') return stored === undefined ? '' : repo.selectText(field, String(stored));
      if (field.kind === 'multiselect') return Array.isArray(stored) ? stored.map((k) => repo.selectText(field, String(k))) : [];
      return toScriptText(field, stored);
    },
  });
  return snap;
}
