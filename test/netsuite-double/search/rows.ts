// The rows a search runs over, and how a search field name reads a value from a row. Transaction
// searches have a header row (mainline T) and one row per item line (mainline F), as in NetSuite;
// other types have one row per record. Which ids are search filters, columns and joins comes from
// NetSuite's search definitions (search-fields.ts), not from the record's fields. Joins follow a
// select field one level ({ name: 'email', join: 'customer' } reads the email of the row's entity).
// A custom record joins the other way too: from a record to the custom records whose select field
// points at it, the join id being that field's id ({ name: 'internalid', join: 'custrecord_x_order' }
// on a sales order search reads the custom records whose custrecord_x_order is the order). Such a
// join is an outer join, as NetSuite's: a row per matching custom record, or one row with the
// joined fields empty when none matches (so `['custrecord_x_order.internalid', 'anyof', '@NONE@']`
// finds the records no custom record points at).
import type { FieldDef, LineData, RecordTypeDef, StoredRecord } from '../records/model.js';
import type { RecordRepository } from '../records/repository.js';
import type { Fail } from '../records/values.js';
import { SEARCH_FIELDS, type SearchFamily } from './search-fields.js';

export interface SearchRow {
  record: StoredRecord;
  def: RecordTypeDef;
  /** The item line of a transaction line row; undefined on the header row and non-transactions. */
  line: LineData | undefined;
  mainline: boolean;
  /** A summary search's result: the value of each column, by column (modules/search.ts). */
  summary?: Map<object, RowValue | undefined>;
  /** Reverse custom-record joins the search uses: the custom record of this row (null: none points at it). */
  joined?: Record<string, StoredRecord | null>;
}

/** A value read from a row: the field that describes it and the canonical stored value. */
export interface RowValue {
  field: FieldDef;
  stored: unknown;
}

/** Pseudo-fields with a meaning of their own in the double. */
const INTERNAL_ID: FieldDef = { id: 'internalid', kind: 'select', label: 'Internal ID', selectType: 'internalid' };
const MAINLINE: FieldDef = { id: 'mainline', kind: 'checkbox', label: 'Main Line' };
const LINE: FieldDef = { id: 'line', kind: 'integer', label: 'Line ID' };
/** The internal id as a number, for range filters (greaterthan, lessthanorequalto…). */
const INTERNAL_ID_NUMBER: FieldDef = { id: 'internalidnumber', kind: 'integer', label: 'Internal ID (Number)' };
const RECORD_ID: FieldDef = { id: 'id', kind: 'integer', label: 'ID' };

/** Search ids that read a record field of another id. */
const READS_FIELD: Partial<Record<SearchFamily, Record<string, string>>> = {
  transaction: { datecreated: 'createddate' },
  item: { created: 'createddate', modified: 'lastmodifieddate' },
};

/**
 * Joins the double can follow: join id → the select field it follows. Other joins NetSuite offers
 * (search-fields.ts) are refused as not modelled; joins it does not offer are invalid.
 */
const JOIN_FIELDS: Partial<Record<SearchFamily, Record<string, string>>> = {
  transaction: { customer: 'entity', customermain: 'entity', createdfrom: 'createdfrom', item: 'item', location: 'location', subsidiary: 'subsidiary', salesrep: 'salesrep' },
  customer: { parentcustomer: 'parent', salesrep: 'salesrep' },
  customrecord: { owner: 'owner' },
  item: { preferredlocation: 'location' },
};

/** The search field list a record type is searched with. */
function familyOf(def: RecordTypeDef): SearchFamily | undefined {
  if (def.costClass === 'custom') return 'customrecord';
  if (def.families.includes('transaction')) return 'transaction';
  if (def.families.includes('item')) return 'item';
  return SEARCH_FIELDS.has(def.type as SearchFamily) ? (def.type as SearchFamily) : undefined;
}

const KIND_OF_CODE: Record<string, FieldDef['kind']> = { b: 'checkbox', d: 'date', n: 'float', m: 'select', e: 'select', s: 'text', t: 'text' };

/**
 * The rows of `types`; `joins` are the join ids the search uses: each reverse custom-record join
 * among them multiplies a row by the custom records pointing at it (outer join).
 */
export function rowsOf(repo: RecordRepository, types: string[], joins: readonly (string | undefined)[] = []): SearchRow[] {
  let rows: SearchRow[] = [];
  for (const type of types) {
    const def = repo.catalog.get(type)!;
    for (const record of repo.store.all(type).sort((a, b) => a.id - b.id)) {
      rows.push({ record, def, line: undefined, mainline: true });
      if (def.costClass === 'transaction') {
        for (const line of record.data.sublists.item ?? []) rows.push({ record, def, line, mainline: false });
      }
    }
  }
  for (const join of new Set(joins.filter((j): j is string => j !== undefined))) {
    rows = rows.flatMap((row) => {
      const reverse = reverseJoin(repo, row.def, join);
      if (!reverse) return [row];
      const children = repo.store
        .all(reverse.child.type)
        .filter((c) => {
          const v = c.data.body[reverse.fieldId];
          return Array.isArray(v) ? v.map(String).includes(String(row.record.id)) : v !== undefined && v !== null && String(v) === String(row.record.id);
        })
        .sort((a, b) => a.id - b.id);
      const joined = (child: StoredRecord | null): SearchRow => ({ ...row, joined: { ...row.joined, [join]: child } });
      return children.length === 0 ? [joined(null)] : children.map(joined);
    });
  }
  return rows;
}

/**
 * A join from `def` to the custom records whose select field `join` points at records of `def`'s
 * type (the join id is that field's id), or undefined when `join` is no such field.
 */
export function reverseJoin(repo: RecordRepository, def: RecordTypeDef, join: string): { child: RecordTypeDef; fieldId: string } | undefined {
  if (!/^custrecord/.test(join)) return undefined;
  for (const child of repo.catalog.types.values()) {
    if (child.costClass !== 'custom') continue;
    const field = child.fields.get(join);
    if (!field || (field.kind !== 'select' && field.kind !== 'multiselect') || !field.selectType) continue;
    if (repo.catalog.concreteTypes(field.selectType).includes(def.type)) return { child, fieldId: field.id };
  }
  return undefined;
}

/**
 * Whether `name` (with `join`) is a search filter / column of these types, as NetSuite lists them
 * (search-fields.ts) or as custom fields that apply to them. Throws NetSuite's error otherwise.
 */
export function resolveField(repo: RecordRepository, defs: RecordTypeDef[], name: string, join: string | undefined, fail: Fail, kind: 'column' | 'filter'): void {
  const code = kind === 'column' ? 'SSS_INVALID_SRCH_COL' : 'SSS_INVALID_SRCH_FILTER';
  const what = join ? `${join}.${name}` : name;
  const message = (why: string) =>
    `An nlobjSearch${kind === 'column' ? 'Column contains an invalid column' : 'Filter contains invalid search criteria'}, or is not in proper syntax: ${what} (search type ${defs.map((d) => d.type).join('/')}: ${why}).`;
  if (join) {
    const offered = defs.some((def) => joinOffered(def, join, repo));
    if (!offered) throw fail(code, message(`no join '${join}': NetSuite's joins of this search type are listed in search/search-fields.ts, plus custom select fields`));
    const targets = defs.flatMap((def) => joinTarget(repo, def, join));
    if (targets.length === 0) throw fail('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: the join '${join}' (${what})`);
    if (!targets.some((target) => searchFieldOn(target, name, kind))) throw fail(code, message(`the joined record has no search ${kind} '${name}'`));
    return;
  }
  if (!defs.some((def) => searchFieldOn(def, name, kind))) {
    throw fail(code, message(`not a search ${kind} of this type; a search's ${kind}s are not the record's fields (see search/search-fields.ts)`));
  }
}

/** Whether `name` is a search filter or column (per `use`) of records of `def`. */
function searchFieldOn(def: RecordTypeDef, name: string, use: 'column' | 'filter'): boolean {
  if (name === 'internalid') return true;
  if (/^cust(body|col|entity|item|record|event)/.test(name)) return fieldOn(def, name) !== undefined;
  const family = familyOf(def);
  if (!family) return false;
  return SEARCH_FIELDS.get(family)![use === 'column' ? 'columns' : 'filters'].has(name);
}

function fieldOn(def: RecordTypeDef, name: string): FieldDef | undefined {
  if (name === 'internalid') return INTERNAL_ID;
  if (name === 'internalidnumber') return INTERNAL_ID_NUMBER;
  if (def.costClass === 'custom' && name === 'id') return RECORD_ID;
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
  const family = familyOf(def);
  const recordId = (family && READS_FIELD[family]?.[name]) ?? name;
  const body = def.fields.get(recordId);
  if (body && body.kind !== 'subrecord') return recordId === name ? body : { ...body, id: name };
  const lineField = def.sublists.get('item')?.fields.get(name);
  if (def.costClass === 'transaction' && lineField && lineField.kind !== 'subrecord') return lineField;
  // A search field of the type that the double keeps no data for: always empty.
  const list = family && SEARCH_FIELDS.get(family)!;
  const listed = list && (list.filters.get(name) ?? list.columns.get(name));
  if (listed) return { id: name, kind: KIND_OF_CODE[listed] ?? 'text', label: name, ...(listed === 'm' ? { selectType: 'unmodelled:search' } : {}) };
  return undefined;
}

function joinOffered(def: RecordTypeDef, join: string, repo?: RecordRepository): boolean {
  if (repo && reverseJoin(repo, def, join)) return true;
  const field = def.fields.get(join) ?? (def.costClass === 'transaction' ? def.sublists.get('item')?.fields.get(join) : undefined);
  if (field?.custom && (field.kind === 'select' || field.kind === 'multiselect')) return true;
  const family = familyOf(def);
  return family !== undefined && SEARCH_FIELDS.get(family)!.joins.has(join);
}

/** The record types a join can lead to from `def`. */
function joinTarget(repo: RecordRepository, def: RecordTypeDef, join: string): RecordTypeDef[] {
  const reverse = reverseJoin(repo, def, join);
  if (reverse) return [reverse.child];
  const field = joinField(def, join);
  if (!field?.selectType) return [];
  return repo.catalog.concreteTypes(field.selectType).map((t) => repo.catalog.get(t)!);
}

function joinField(def: RecordTypeDef, join: string): FieldDef | undefined {
  const family = familyOf(def);
  const custom = def.fields.get(join) ?? (def.costClass === 'transaction' ? def.sublists.get('item')?.fields.get(join) : undefined);
  const id = custom?.custom ? join : family ? JOIN_FIELDS[family]?.[join] : undefined;
  if (!id) return undefined;
  const body = def.fields.get(id);
  if (body && (body.kind === 'select' || body.kind === 'multiselect') && body.selectType) return body;
  const line = def.sublists.get('item')?.fields.get(id);
  if (def.costClass === 'transaction' && line && line.kind === 'select' && line.selectType) return line;
  return undefined;
}

/** Reads `name` (through `join`) from a row; undefined stored value = empty. */
export function readRow(repo: RecordRepository, row: SearchRow, name: string, join: string | undefined): RowValue | undefined {
  const reverse = join ? reverseJoin(repo, row.def, join) : undefined;
  if (join && reverse) {
    const childField = fieldOn(reverse.child, name);
    if (!childField) return undefined;
    const child = row.joined?.[join];
    // A row read outside a search that expanded the join (lookupFields, a validation probe) has none.
    if (!child) return { field: childField, stored: undefined };
    return readRow(repo, { record: child, def: reverse.child, line: undefined, mainline: true }, name, undefined);
  }
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
    case 'id':
      if (row.def.costClass === 'custom') return { field, stored: row.record.id };
      break;
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
  const family = familyOf(row.def);
  return { field, stored: row.record.data.body[(family && READS_FIELD[family]?.[name]) ?? name] };
}
