// The rows a search runs over, and how a search field name reads a value from a row. Transaction
// searches have a header row (mainline T) and one row per item line (mainline F), as in NetSuite;
// other types have one row per record. Joins follow a select field one level
// ({ name: 'email', join: 'customer' } reads the email of the row's entity).
import type { FieldDef, LineData, RecordTypeDef, StoredRecord } from '../records/model.js';
import type { RecordRepository } from '../records/repository.js';
import type { Fail } from '../records/values.js';

export interface SearchRow {
  record: StoredRecord;
  def: RecordTypeDef;
  /** The item line of a transaction line row; undefined on the header row and non-transactions. */
  line: LineData | undefined;
  mainline: boolean;
}

/** A value read from a row: the field that describes it and the canonical stored value. */
export interface RowValue {
  field: FieldDef;
  stored: unknown;
}

/** Pseudo-fields every search knows. */
const INTERNAL_ID: FieldDef = { id: 'internalid', kind: 'select', label: 'Internal ID', selectType: 'internalid' };
const MAINLINE: FieldDef = { id: 'mainline', kind: 'checkbox', label: 'Main Line' };
const RECORD_TYPE: FieldDef = { id: 'recordtype', kind: 'text', label: 'Record Type' };
const LINE: FieldDef = { id: 'line', kind: 'integer', label: 'Line ID' };
/** The internal id as a number, for range filters (greaterthan, lessthanorequalto…). */
const INTERNAL_ID_NUMBER: FieldDef = { id: 'internalidnumber', kind: 'integer', label: 'Internal ID (Number)' };

/** Join names that are not the select field's own id. */
const JOIN_ALIASES: Record<string, string> = { customer: 'entity', customermain: 'entity', createdfrom: 'createdfrom', shipmethod: 'shipmethod' };

export function rowsOf(repo: RecordRepository, types: string[]): SearchRow[] {
  const rows: SearchRow[] = [];
  for (const type of types) {
    const def = repo.catalog.get(type)!;
    for (const record of repo.store.all(type).sort((a, b) => a.id - b.id)) {
      rows.push({ record, def, line: undefined, mainline: true });
      if (def.costClass === 'transaction') {
        for (const line of record.data.sublists.item ?? []) rows.push({ record, def, line, mainline: false });
      }
    }
  }
  return rows;
}

/** Whether `name` (with `join`) is a field searches of these types can read. */
export function resolveField(repo: RecordRepository, defs: RecordTypeDef[], name: string, join: string | undefined, fail: Fail, kind: 'column' | 'filter'): void {
  const ok = defs.some((def) => (join ? joinTarget(repo, def, join) : [def]).some((target) => fieldOn(target, name) !== undefined));
  if (!ok) {
    const code = kind === 'column' ? 'SSS_INVALID_SRCH_COL' : 'SSS_INVALID_SRCH_FILTER';
    const what = join ? `${join}.${name}` : name;
    throw fail(code, `An nlobjSearch${kind === 'column' ? 'Column contains an invalid column' : 'Filter contains invalid search criteria'}, or is not in proper syntax: ${what} (search type ${defs.map((d) => d.type).join('/')}; the double knows the record fields of records/standard-records.ts and SDF custom fields, plus internalid, internalidnumber, mainline, type, recordtype, line).`);
  }
}

function fieldOn(def: RecordTypeDef, name: string): FieldDef | undefined {
  if (name === 'internalid') return INTERNAL_ID;
  if (name === 'internalidnumber') return INTERNAL_ID_NUMBER;
  if (name === 'recordtype') return RECORD_TYPE;
  if (def.costClass === 'transaction') {
    if (name === 'mainline') return MAINLINE;
    if (name === 'line') return LINE;
    if (name === 'type') return { id: 'type', kind: 'select', label: 'Type', options: [{ value: def.transactionCode ?? def.type, text: def.label }] };
    // Searches name a transaction status with its type: 'SalesOrd:B', 'ItemShip:C', 'CustInvc:A'.
    const status = def.fields.get('status');
    if (name === 'status' && status?.options) {
      return { ...status, options: status.options.map((o) => ({ value: `${def.transactionCode}:${o.value}`, text: o.text })) };
    }
  }
  const body = def.fields.get(name);
  if (body && body.kind !== 'subrecord') return body;
  const lineField = def.sublists.get('item')?.fields.get(name);
  if (def.costClass === 'transaction' && lineField && lineField.kind !== 'subrecord') return lineField;
  return undefined;
}

/** The record types a join can lead to from `def`. */
function joinTarget(repo: RecordRepository, def: RecordTypeDef, join: string): RecordTypeDef[] {
  const field = joinField(def, join);
  if (!field?.selectType) return [];
  return repo.catalog.concreteTypes(field.selectType).map((t) => repo.catalog.get(t)!);
}

function joinField(def: RecordTypeDef, join: string): FieldDef | undefined {
  const id = JOIN_ALIASES[join.toLowerCase()] ?? join.toLowerCase();
  const body = def.fields.get(id);
  if (body && (body.kind === 'select' || body.kind === 'multiselect') && body.selectType) return body;
  const line = def.sublists.get('item')?.fields.get(id);
  if (def.costClass === 'transaction' && line && line.kind === 'select' && line.selectType) return line;
  return undefined;
}

/** Reads `name` (through `join`) from a row; undefined stored value = empty. */
export function readRow(repo: RecordRepository, row: SearchRow, name: string, join: string | undefined): RowValue | undefined {
  if (join) {
    const field = joinField(row.def, join);
    if (!field) return undefined;
    const key = row.line && row.line.values[field.id] !== undefined ? row.line.values[field.id] : row.record.data.body[field.id];
    const target = typeof key === 'string' ? repo.findReferenced(field.selectType!, key) : undefined;
    const targetDef = target ? repo.catalog.get(target.type)! : joinTarget(repo, row.def, join)[0];
    if (!targetDef) return undefined;
    const targetField = fieldOn(targetDef, name);
    if (!targetField) return undefined;
    if (!target) return { field: targetField, stored: undefined };
    return readRow(repo, { record: target, def: targetDef, line: undefined, mainline: true }, name, undefined);
  }
  const field = fieldOn(row.def, name);
  if (!field) return undefined;
  switch (name) {
    case 'internalid':
      return { field, stored: String(row.record.id) };
    case 'internalidnumber':
      return { field, stored: row.record.id };
    case 'recordtype':
      return { field, stored: row.def.type };
    case 'mainline':
      if (row.def.costClass === 'transaction') return { field, stored: row.mainline };
      break;
    case 'line':
      if (row.def.costClass === 'transaction') return { field, stored: row.line ? row.line.values.line : 0 };
      break;
    case 'type':
      if (row.def.costClass === 'transaction') return { field, stored: row.def.transactionCode ?? row.def.type };
      break;
    case 'status': {
      const letter = row.record.data.body.status;
      if (row.def.costClass === 'transaction' && field.options) return { field, stored: typeof letter === 'string' ? `${row.def.transactionCode}:${letter}` : undefined };
      break;
    }
  }
  const lineField = row.def.sublists.get('item')?.fields.get(name);
  if (row.line && lineField) return { field: lineField, stored: row.line.values[name] };
  return { field, stored: row.record.data.body[name] };
}
