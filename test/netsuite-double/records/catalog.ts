// Every record type of one account: the standard ones (standard-records.ts) extended with the
// SDF project's custom fields, plus its custom record types and custom lists.
import type { SdfCustomField, SdfFieldType, SdfProject } from '../sdf/types.js';
import type { FieldDef, FieldKind, RecordTypeDef, SubrecordTypeDef } from './model.js';
import {
  BODY_FIELD_APPLIES_TO,
  COLUMN_FIELD_APPLIES_TO,
  ENTITY_FIELD_APPLIES_TO,
  ITEM_FIELD_APPLIES_TO,
  SDF_STANDARD_SELECT_TYPES,
  STANDARD_RECORD_TYPES,
  SUBRECORD_TYPES,
} from './standard-records.js';

export interface CustomListValue {
  id: string;
  scriptid: string;
  text: string;
  isinactive: boolean;
}

export interface CustomListDef {
  id: string;
  name: string;
  values: CustomListValue[];
}

const KIND_OF: Record<SdfFieldType, FieldKind> = {
  TEXT: 'text',
  TEXTAREA: 'textarea',
  CLOBTEXT: 'clobtext',
  RICHTEXT: 'richtext',
  HELP: 'text',
  INLINEHTML: 'textarea',
  SELECT: 'select',
  MULTISELECT: 'multiselect',
  INTEGER: 'integer',
  FLOAT: 'float',
  CURRENCY: 'currency',
  PERCENT: 'percent',
  CHECKBOX: 'checkbox',
  DATE: 'date',
  DATETIMETZ: 'datetime',
  TIMEOFDAY: 'timeofday',
  URL: 'url',
  EMAIL: 'email',
  PHONE: 'phone',
  PASSWORD: 'password',
  DOCUMENT: 'document',
  IMAGE: 'image',
};

export class RecordCatalog {
  readonly types = new Map<string, RecordTypeDef>();
  readonly lists = new Map<string, CustomListDef>();
  readonly subrecordTypes: ReadonlyMap<string, SubrecordTypeDef> = SUBRECORD_TYPES;

  constructor(sdf: SdfProject) {
    for (const def of STANDARD_RECORD_TYPES) {
      // Each account gets its own copy: custom fields are added per project.
      this.types.set(def.type, {
        ...def,
        fields: new Map(def.fields),
        sublists: new Map([...def.sublists].map(([id, s]) => [id, { ...s, fields: new Map(s.fields) }])),
      });
    }
    for (const list of sdf.customLists.values()) {
      this.lists.set(list.scriptid, {
        id: list.scriptid,
        name: list.name,
        // NetSuite numbers list values 1, 2, 3, … in order.
        values: list.values.map((v, i) => ({ id: String(i + 1), scriptid: v.scriptid, text: v.value, isinactive: v.isinactive })),
      });
    }
    for (const crt of sdf.customRecordTypes.values()) {
      const fields = new Map<string, FieldDef>();
      const add = (def: FieldDef) => fields.set(def.id, def);
      add({ id: 'name', kind: 'text', label: 'Name' });
      add({ id: 'isinactive', kind: 'checkbox', label: 'Inactive' });
      add({ id: 'externalid', kind: 'text', label: 'External ID' });
      add({ id: 'owner', kind: 'select', label: 'Owner', selectType: 'employee' });
      add({ id: 'created', kind: 'datetime', label: 'Date Created', readOnly: true });
      add({ id: 'lastmodified', kind: 'datetime', label: 'Last Modified', readOnly: true });
      for (const f of crt.fields) add(this.#customField(f));
      this.types.set(crt.scriptid, {
        type: crt.scriptid,
        label: crt.recordname,
        costClass: 'custom',
        families: [],
        fields,
        sublists: new Map(),
        displayName: (r) => (typeof r.data.body.name === 'string' && r.data.body.name) || String(r.id),
      });
    }
    this.#applyFields(sdf.bodyFields, BODY_FIELD_APPLIES_TO, (type, def) => this.#addBodyField(type, def));
    this.#applyFields(sdf.entityFields, ENTITY_FIELD_APPLIES_TO, (type, def) => this.#addBodyField(type, def));
    this.#applyFields(sdf.itemFields, ITEM_FIELD_APPLIES_TO, (type, def) => this.#addBodyField(type, def));
    for (const field of sdf.columnFields.values()) {
      const def = this.#customField(field);
      for (const [flag, targets] of Object.entries(COLUMN_FIELD_APPLIES_TO)) {
        if (!field.flags[flag]) continue;
        for (const { type, sublist } of targets) this.types.get(type)?.sublists.get(sublist)?.fields.set(def.id, def);
      }
    }
  }

  get(type: string): RecordTypeDef | undefined {
    return this.types.get(String(type).toLowerCase());
  }

  /** Concrete types a select/search type stands for ('transaction' → salesorder, invoice, …). */
  concreteTypes(selectType: string): string[] {
    const own = this.types.get(selectType);
    if (own) return [own.type];
    return [...this.types.values()].filter((t) => t.families.includes(selectType)).map((t) => t.type);
  }

  #applyFields(fields: Map<string, SdfCustomField>, appliesTo: Record<string, string[]>, add: (type: string, def: FieldDef) => void): void {
    for (const field of fields.values()) {
      const def = this.#customField(field);
      for (const [flag, types] of Object.entries(appliesTo)) {
        if (field.flags[flag]) for (const type of types) add(type, def);
      }
    }
  }

  #addBodyField(type: string, def: FieldDef): void {
    this.types.get(type)?.fields.set(def.id, def);
  }

  #customField(field: SdfCustomField): FieldDef {
    const kind = KIND_OF[field.fieldtype];
    const def: FieldDef = { id: field.scriptid, kind, label: field.label, custom: true, mandatory: field.ismandatory };
    if (kind === 'text') def.maxLength = Math.min(field.maxlength ?? 300, 300);
    if (kind === 'select' || kind === 'multiselect') {
      const ref = field.selectrecordtype ?? '';
      def.selectType = SDF_STANDARD_SELECT_TYPES[ref] ?? (/^(customrecord|customlist)/.test(ref) ? ref : `unmodelled:${ref}`);
    }
    if (kind === 'checkbox') def.defaultValue = field.defaultchecked;
    else if (field.defaultselection) {
      const list = this.lists.get(field.defaultselection.owner);
      const value = list?.values.find((v) => v.scriptid === field.defaultselection!.value);
      if (value) def.defaultValue = value.id;
    } else if (field.defaultvalue !== undefined) {
      def.defaultValue = ['integer', 'float', 'currency', 'percent'].includes(kind) ? Number(field.defaultvalue) : field.defaultvalue;
    }
    return def;
  }
}
