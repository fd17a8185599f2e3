// How the double describes record types (fields, sublists, subrecords) and stores records.
// Field ids are SuiteScript's (lower case); values are kept in one canonical form per kind.

export type FieldKind =
  | 'text' // ≤ 300 characters
  | 'textarea' // ≤ 4,000
  | 'clobtext' // ≤ 1,000,000
  | 'richtext'
  | 'email'
  | 'phone'
  | 'url'
  | 'password'
  | 'select' // internal id of a record, or one of `options`
  | 'multiselect'
  | 'integer'
  | 'float'
  | 'currency'
  | 'percent'
  | 'checkbox'
  | 'date'
  | 'datetime'
  | 'timeofday'
  | 'document' // a File Cabinet file id
  | 'image'
  | 'subrecord';

export interface SelectOption {
  value: string;
  text: string;
}

export interface FieldDef {
  id: string;
  kind: FieldKind;
  label: string;
  /**
   * For select/multiselect: a record type ('customer'), a record family ('transaction', 'item',
   * 'entity'), a custom list id ('customlist_x'), or 'unmodelled:<sdf value>' when the double
   * does not model the referenced type (values are then accepted unchecked).
   */
  selectType?: string;
  /** Fixed choices (shipstatus A/B/C, country codes, …) instead of records. */
  options?: readonly SelectOption[];
  /** For subrecord fields: the subrecord type ('address'). */
  subrecordType?: string;
  mandatory?: boolean;
  /** Set by NetSuite only (id, created, lastmodified, derived text): scripts cannot set it. */
  readOnly?: boolean;
  maxLength?: number;
  /** Initial value of a new record, canonical form. */
  defaultValue?: unknown;
  /** A custom field (custbody/custcol/custentity/custitem/custrecord). */
  custom?: boolean;
}

export interface SublistDef {
  id: string;
  fields: Map<string, FieldDef>;
  /** Scripts may not add or remove lines (NetSuite builds them, e.g. itemfulfillment item lines). */
  fixedLines?: boolean;
}

export type CostClass = 'transaction' | 'custom' | 'other';

export interface RecordTypeDef {
  type: string;
  label: string;
  costClass: CostClass;
  fields: Map<string, FieldDef>;
  sublists: Map<string, SublistDef>;
  /** Families the type belongs to, for polymorphic selects and search types ('transaction', 'item', 'entity'). */
  families: string[];
  /** Search 'type' value of transactions ('SalesOrd', 'ItemShip', 'CustInvc'). */
  transactionCode?: string;
  /** Prefix of generated tranid / entityid. */
  numberPrefix?: string;
  /** record.create is refused (itemfulfillment: only record.transform makes one). */
  createOnlyByTransform?: boolean;
  /** The field getText shows for a reference to this record. */
  displayName: (record: StoredRecord) => string;
}

export interface SubrecordTypeDef {
  type: string;
  fields: Map<string, FieldDef>;
}

/** Values of one subrecord (an address). */
export interface SubrecordData {
  type: string;
  values: Record<string, unknown>;
}

export interface LineData {
  values: Record<string, unknown>;
  subrecords: Record<string, SubrecordData>;
}

export interface RecordData {
  body: Record<string, unknown>;
  sublists: Record<string, LineData[]>;
  subrecords: Record<string, SubrecordData>;
}

export interface StoredRecord {
  type: string;
  id: number;
  /** Bumped by every save; a Record loaded at an older version cannot be saved (RCRD_HAS_BEEN_CHANGED). */
  version: number;
  data: RecordData;
}

export function emptyData(): RecordData {
  return { body: {}, sublists: {}, subrecords: {} };
}

export function cloneData(data: RecordData): RecordData {
  return structuredClone(data);
}
