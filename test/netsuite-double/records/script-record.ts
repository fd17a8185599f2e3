// The Record object scripts hold (record.load/create/transform/copy, context.newRecord/oldRecord):
// body fields, sublists in standard and dynamic mode, subrecords, save. Strict on purpose:
// unknown field and sublist ids throw (NetSuite ignores them), setSublistValue is refused in
// dynamic mode and current-line calls in standard mode (NetSuite documents them per mode),
// a read-only record (afterSubmit, oldRecord) refuses changes and save().
import type { FieldDef, LineData, RecordData, RecordTypeDef, SubrecordData, SubrecordTypeDef, SublistDef } from './model.js';
import type { RecordRepository } from './repository.js';
import { fromText, isEmptyValue, toCanonical, toScriptText, toScriptValue, type Fail } from './values.js';

export interface RecordEnv {
  repo: RecordRepository;
  fail: Fail;
  /** Copies a value into the script's realm (arrays, Dates). */
  adopt: <T>(value: T) => T;
  /** Saves the record (account pipeline); undefined where saving is not possible. */
  save?: (record: ScriptRecord, options: { ignoreMandatoryFields: boolean }) => number;
  /** A function that throws "not implemented" for `api`. */
  notImplemented: (api: string) => Error;
}

export interface ScriptRecordOptions {
  id: number | null;
  isDynamic: boolean;
  /** Why the record refuses changes, if it does. */
  readOnly?: string;
  /** Why save() is refused (context.newRecord in beforeSubmit), if it is. */
  unsavable?: string;
  /** XEDIT newRecord: only the fields that changed are present. */
  partial?: boolean;
  loadedVersion?: number;
}

type Options = Record<string, unknown>;

interface CurrentLine {
  index: number;
  line: LineData;
  isNew: boolean;
}

export class ScriptRecord {
  readonly type: string;
  id: number | null;
  readonly isDynamic: boolean;
  loadedVersion: number | undefined;
  readonly readOnly: string | undefined;
  readonly unsavable: string | undefined;
  readonly partial: boolean;
  readonly current = new Map<string, CurrentLine>();

  constructor(
    readonly env: RecordEnv,
    readonly def: RecordTypeDef,
    public data: RecordData,
    options: ScriptRecordOptions,
  ) {
    this.type = def.type;
    this.id = options.id;
    this.isDynamic = options.isDynamic;
    this.readOnly = options.readOnly;
    this.unsavable = options.unsavable;
    this.partial = options.partial ?? false;
    this.loadedVersion = options.loadedVersion;
  }

  // ---- body fields --------------------------------------------------------------------------

  getValue(options: Options | string): unknown {
    const { fieldId } = this.#args(options, 'fieldId');
    const field = this.#field(fieldId);
    if (field.id === 'id') return this.id === null ? '' : String(this.id);
    // A subrecord field's value is not its content: read it with getSubrecord.
    if (field.kind === 'subrecord') return '';
    return this.env.adopt(toScriptValue(field, this.data.body[field.id]));
  }

  setValue(options: Options): ScriptRecord {
    const { fieldId, value } = this.#args(options, 'fieldId', 'value');
    const field = this.#writableField(fieldId);
    this.#setCanonical(field, toCanonical(field, value, this.env.fail));
    return this;
  }

  getText(options: Options | string): unknown {
    const { fieldId } = this.#args(options, 'fieldId');
    const field = this.#field(fieldId);
    if (field.id === 'id') return this.id === null ? '' : String(this.id);
    return this.env.adopt(this.#text(field, this.data.body[field.id]));
  }

  setText(options: Options): ScriptRecord {
    const { fieldId, text } = this.#args(options, 'fieldId', 'text');
    const field = this.#writableField(fieldId);
    this.#setCanonical(field, this.#fromText(field, text));
    return this;
  }

  getFields(): string[] {
    return this.env.adopt(['id', ...this.def.fields.keys()]);
  }

  getField(options: Options | string): unknown {
    const { fieldId } = this.#args(options, 'fieldId');
    const field = this.#field(fieldId);
    return this.env.adopt(describeField(field));
  }

  // ---- sublists -----------------------------------------------------------------------------

  getSublists(): string[] {
    return this.env.adopt([...this.def.sublists.keys()]);
  }

  getSublist(options: Options | string): unknown {
    const { sublistId } = this.#args(options, 'sublistId');
    const sublist = this.#sublist(sublistId);
    return this.env.adopt({ id: sublist.id, type: 'LIST', isChanged: false, isDisplay: true });
  }

  getSublistFields(options: Options | string): string[] {
    const { sublistId } = this.#args(options, 'sublistId');
    return this.env.adopt([...this.#sublist(sublistId).fields.keys()]);
  }

  getLineCount(options: Options | string): number {
    const { sublistId } = this.#args(options, 'sublistId');
    this.#sublist(sublistId);
    return this.#lines(String(sublistId)).length;
  }

  getSublistValue(options: Options): unknown {
    const { sublistId, fieldId, line } = this.#args(options, 'sublistId', 'fieldId', 'line');
    const sublist = this.#sublist(sublistId);
    const field = this.env.repo.sublistField(this.def, sublist, fieldId, this.env.fail);
    const data = this.#line(sublist.id, line);
    return this.env.adopt(toScriptValue(field, data.values[field.id]));
  }

  getSublistText(options: Options): unknown {
    const { sublistId, fieldId, line } = this.#args(options, 'sublistId', 'fieldId', 'line');
    const sublist = this.#sublist(sublistId);
    const field = this.env.repo.sublistField(this.def, sublist, fieldId, this.env.fail);
    return this.env.adopt(this.#text(field, this.#line(sublist.id, line).values[field.id]));
  }

  setSublistValue(options: Options): ScriptRecord {
    const { sublistId, fieldId, line, value } = this.#args(options, 'sublistId', 'fieldId', 'line', 'value');
    this.#standardOnly('setSublistValue', 'setCurrentSublistValue');
    const { field, data } = this.#writableLineField(sublistId, fieldId, line);
    setOrDelete(data.values, field.id, toCanonical(field, value, this.env.fail));
    return this;
  }

  setSublistText(options: Options): ScriptRecord {
    const { sublistId, fieldId, line, text } = this.#args(options, 'sublistId', 'fieldId', 'line', 'text');
    this.#standardOnly('setSublistText', 'setCurrentSublistText');
    const { field, data } = this.#writableLineField(sublistId, fieldId, line);
    setOrDelete(data.values, field.id, this.#fromText(field, text));
    return this;
  }

  insertLine(options: Options): ScriptRecord {
    const { sublistId, line } = this.#args(options, 'sublistId', 'line');
    const sublist = this.#editableSublist(sublistId, 'insertLine');
    const lines = this.#lines(sublist.id, true);
    const index = this.#index(line, lines.length);
    const fresh = this.env.repo.newLine(sublist);
    lines.splice(index, 0, fresh);
    // Dynamic mode: the inserted line becomes the current line, to fill and commit.
    if (this.isDynamic) this.current.set(sublist.id, { index, line: structuredClone(fresh), isNew: false });
    return this;
  }

  removeLine(options: Options): ScriptRecord {
    const { sublistId, line } = this.#args(options, 'sublistId', 'line');
    const sublist = this.#editableSublist(sublistId, 'removeLine');
    const lines = this.#lines(sublist.id, true);
    const index = this.#index(line, lines.length - 1);
    lines.splice(index, 1);
    this.current.delete(sublist.id);
    return this;
  }

  findSublistLineWithValue(options: Options): number {
    const { sublistId, fieldId, value } = this.#args(options, 'sublistId', 'fieldId', 'value');
    const sublist = this.#sublist(sublistId);
    const field = this.env.repo.sublistField(this.def, sublist, fieldId, this.env.fail);
    let wanted: unknown;
    try {
      wanted = toCanonical(field, value, this.env.fail);
    } catch {
      return -1;
    }
    return this.#lines(sublist.id).findIndex((l) => sameValue(l.values[field.id], wanted));
  }

  // ---- dynamic mode: the current line -----------------------------------------------------------

  selectNewLine(options: Options | string): ScriptRecord {
    const { sublistId } = this.#args(options, 'sublistId');
    this.#dynamicOnly('selectNewLine');
    const sublist = this.#editableSublist(sublistId, 'selectNewLine');
    this.current.set(sublist.id, { index: this.#lines(sublist.id).length, line: this.env.repo.newLine(sublist), isNew: true });
    return this;
  }

  selectLine(options: Options): ScriptRecord {
    const { sublistId, line } = this.#args(options, 'sublistId', 'line');
    this.#dynamicOnly('selectLine');
    const sublist = this.#sublist(sublistId);
    const data = this.#line(sublist.id, line);
    this.current.set(sublist.id, { index: Number(line), line: structuredClone(data), isNew: false });
    return this;
  }

  getCurrentSublistIndex(options: Options | string): number {
    const { sublistId } = this.#args(options, 'sublistId');
    this.#dynamicOnly('getCurrentSublistIndex');
    this.#sublist(sublistId);
    return this.current.get(String(sublistId))?.index ?? this.#lines(String(sublistId)).length;
  }

  getCurrentSublistValue(options: Options): unknown {
    const { sublistId, fieldId } = this.#args(options, 'sublistId', 'fieldId');
    const { field, current } = this.#currentField(sublistId, fieldId, 'getCurrentSublistValue');
    return this.env.adopt(toScriptValue(field, current.line.values[field.id]));
  }

  getCurrentSublistText(options: Options): unknown {
    const { sublistId, fieldId } = this.#args(options, 'sublistId', 'fieldId');
    const { field, current } = this.#currentField(sublistId, fieldId, 'getCurrentSublistText');
    return this.env.adopt(this.#text(field, current.line.values[field.id]));
  }

  setCurrentSublistValue(options: Options): ScriptRecord {
    const { sublistId, fieldId, value } = this.#args(options, 'sublistId', 'fieldId', 'value');
    this.#assertWritable();
    const { field, current } = this.#currentField(sublistId, fieldId, 'setCurrentSublistValue');
    this.#assertFieldWritable(field);
    setOrDelete(current.line.values, field.id, toCanonical(field, value, this.env.fail));
    return this;
  }

  setCurrentSublistText(options: Options): ScriptRecord {
    const { sublistId, fieldId, text } = this.#args(options, 'sublistId', 'fieldId', 'text');
    this.#assertWritable();
    const { field, current } = this.#currentField(sublistId, fieldId, 'setCurrentSublistText');
    this.#assertFieldWritable(field);
    setOrDelete(current.line.values, field.id, this.#fromText(field, text));
    return this;
  }

  commitLine(options: Options | string): ScriptRecord {
    const { sublistId } = this.#args(options, 'sublistId');
    this.#dynamicOnly('commitLine');
    const sublist = this.#sublist(sublistId);
    const current = this.current.get(sublist.id);
    if (!current) throw this.env.fail('SSS_INVALID_SUBLIST_OPERATION', `No line of sublist ${sublist.id} is selected: call selectNewLine or selectLine first.`);
    const missing = [...sublist.fields.values()].filter((f) => f.mandatory && isEmptyValue(current.line.values[f.id]));
    if (missing.length) throw this.env.fail('USER_ERROR', `Please enter value(s) for: ${missing.map((f) => f.label).join(', ')}`);
    const lines = this.#lines(sublist.id, true);
    if (current.isNew) {
      if (sublist.fixedLines) throw this.env.fail('SSS_INVALID_SUBLIST_OPERATION', `Lines cannot be added to the ${sublist.id} sublist of a ${this.type}.`);
      lines.splice(current.index, 0, current.line);
    } else {
      lines[current.index] = current.line;
    }
    this.current.delete(sublist.id);
    return this;
  }

  cancelLine(options: Options | string): ScriptRecord {
    const { sublistId } = this.#args(options, 'sublistId');
    this.#dynamicOnly('cancelLine');
    this.current.delete(this.#sublist(sublistId).id);
    return this;
  }

  // ---- subrecords ----------------------------------------------------------------------------

  getSubrecord(options: Options | string): SubrecordView {
    const { fieldId } = this.#args(options, 'fieldId');
    const field = this.#field(fieldId);
    if (field.kind !== 'subrecord') throw this.env.fail('FIELD_1_IS_NOT_A_SUBRECORD_FIELD', `Field ${field.id} is not a subrecord field.`);
    const subDef = this.env.repo.subrecordType(field.subrecordType!);
    let data = this.data.subrecords[field.id];
    if (!data) {
      data = { type: subDef.type, values: {} };
      if (!this.readOnly) this.data.subrecords[field.id] = data;
    }
    return new SubrecordView(this.env, subDef, data, this.readOnly).exposed();
  }

  hasSubrecord(options: Options | string): boolean {
    const { fieldId } = this.#args(options, 'fieldId');
    this.#field(fieldId);
    return this.data.subrecords[String(fieldId)] !== undefined;
  }

  removeSubrecord(options: Options | string): ScriptRecord {
    const { fieldId } = this.#args(options, 'fieldId');
    this.#assertWritable();
    this.#field(fieldId);
    delete this.data.subrecords[String(fieldId)];
    return this;
  }

  getSublistSubrecord(options: Options): SubrecordView {
    const { sublistId, fieldId, line } = this.#args(options, 'sublistId', 'fieldId', 'line');
    const sublist = this.#sublist(sublistId);
    const field = this.env.repo.sublistField(this.def, sublist, fieldId, this.env.fail);
    if (field.kind !== 'subrecord') throw this.env.fail('FIELD_1_IS_NOT_A_SUBRECORD_FIELD', `Field ${field.id} is not a subrecord field.`);
    return this.#lineSubrecord(field, this.#line(sublist.id, line));
  }

  getCurrentSublistSubrecord(options: Options): SubrecordView {
    const { sublistId, fieldId } = this.#args(options, 'sublistId', 'fieldId');
    const { field, current } = this.#currentField(sublistId, fieldId, 'getCurrentSublistSubrecord');
    if (field.kind !== 'subrecord') throw this.env.fail('FIELD_1_IS_NOT_A_SUBRECORD_FIELD', `Field ${field.id} is not a subrecord field.`);
    return this.#lineSubrecord(field, current.line);
  }

  hasSublistSubrecord(options: Options): boolean {
    const { sublistId, fieldId, line } = this.#args(options, 'sublistId', 'fieldId', 'line');
    const sublist = this.#sublist(sublistId);
    this.env.repo.sublistField(this.def, sublist, fieldId, this.env.fail);
    return this.#line(sublist.id, line).subrecords[String(fieldId)] !== undefined;
  }

  // ---- save -----------------------------------------------------------------------------------

  save(options: Options = {}): number {
    if (this.readOnly) throw this.env.fail('SSS_INVALID_API_USAGE', `save() on a read-only record: ${this.readOnly}`);
    if (this.unsavable || !this.env.save) throw this.env.fail('SSS_INVALID_API_USAGE', `save() is not allowed here: ${this.unsavable ?? 'this record cannot be saved'}`);
    return this.env.save(this, { ignoreMandatoryFields: options?.ignoreMandatoryFields === true });
  }

  toJSON(): unknown {
    const fields: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(this.data.body)) {
      const field = this.def.fields.get(id);
      if (field) fields[id] = toScriptText(field, value);
    }
    const sublists: Record<string, unknown> = {};
    for (const [id, lines] of Object.entries(this.data.sublists)) {
      sublists[id] = Object.fromEntries(lines.map((l, i) => [`line ${i + 1}`, l.values]));
    }
    return { id: this.id === null ? undefined : String(this.id), type: this.type, isDynamic: this.isDynamic, fields, sublists };
  }

  /** The object handed to scripts: methods bound, unknown members throw "not implemented". */
  exposed(): ScriptRecord {
    return expose(this, 'Record', this.env.notImplemented);
  }

  // ---- internals --------------------------------------------------------------------------------

  #args(options: Options | string, ...names: string[]): Record<string, unknown> {
    if (typeof options === 'string' && names.length === 1) return { [names[0]!]: options };
    if (!options || typeof options !== 'object') throw this.env.fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: options (${names.join(', ')})`);
    for (const name of names) {
      if (name === 'value' || name === 'text') {
        if (!(name in options)) throw this.env.fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
      } else if (options[name] === undefined || options[name] === null || options[name] === '') {
        throw this.env.fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
      }
    }
    return options;
  }

  #field(fieldId: unknown): FieldDef {
    return this.env.repo.field(this.def, fieldId, this.env.fail);
  }

  #writableField(fieldId: unknown): FieldDef {
    this.#assertWritable();
    const field = this.#field(fieldId);
    this.#assertFieldWritable(field);
    if (field.kind === 'subrecord') throw this.env.fail('SSS_INVALID_API_USAGE', `${field.id} is a subrecord: use getSubrecord({ fieldId: '${field.id}' }) and set its fields.`);
    return field;
  }

  #assertWritable(): void {
    if (this.readOnly) throw this.env.fail('SSS_INVALID_API_USAGE', `This record is read-only: ${this.readOnly}`);
  }

  #assertFieldWritable(field: FieldDef): void {
    if (field.readOnly) {
      throw this.env.fail('DOUBLE_READ_ONLY_FIELD', `Field ${field.id} of ${this.type} is set by NetSuite, not by scripts (NetSuite would ignore the value; the double refuses it).`);
    }
  }

  #setCanonical(field: FieldDef, value: unknown): void {
    // A partial (XEDIT) record keeps a cleared field as null, so the merge clears it too.
    if (this.partial && value === undefined) this.data.body[field.id] = null;
    else setOrDelete(this.data.body, field.id, value);
  }

  #text(field: FieldDef, stored: unknown): unknown {
    if (field.kind === 'select') return stored === undefined || stored === null ? '' : this.env.repo.selectText(field, String(stored));
    if (field.kind === 'multiselect') return Array.isArray(stored) ? stored.map((k) => this.env.repo.selectText(field, String(k))) : [];
    return toScriptText(field, stored);
  }

  #fromText(field: FieldDef, text: unknown): unknown {
    if (field.kind === 'select' || field.kind === 'multiselect') {
      if (text === null || text === undefined || text === '') return undefined;
      const texts = Array.isArray(text) ? text : [text];
      const keys = texts.map((t) => {
        const key = this.env.repo.selectKeyForText(field, String(t));
        if (key === undefined) throw this.env.fail('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(t)} for the following field: ${field.id}`);
        return key;
      });
      return field.kind === 'select' ? keys[0] : keys;
    }
    return fromText(field, text, this.env.fail);
  }

  #sublist(sublistId: unknown): SublistDef {
    return this.env.repo.sublist(this.def, sublistId, this.env.fail);
  }

  #editableSublist(sublistId: unknown, api: string): SublistDef {
    this.#assertWritable();
    const sublist = this.#sublist(sublistId);
    if (sublist.fixedLines && (api === 'insertLine' || api === 'selectNewLine' || api === 'removeLine')) {
      throw this.env.fail('SSS_INVALID_SUBLIST_OPERATION', `${api}: lines of the ${sublist.id} sublist of a ${this.type} come from its source transaction; set itemreceive false to leave a line out.`);
    }
    return sublist;
  }

  #lines(sublistId: string, create = false): LineData[] {
    let lines = this.data.sublists[sublistId];
    if (!lines) {
      lines = [];
      if (create) this.data.sublists[sublistId] = lines;
    }
    return lines;
  }

  #line(sublistId: string, line: unknown): LineData {
    const lines = this.#lines(sublistId);
    const index = Number(line);
    if (!Number.isInteger(index) || index < 0 || index >= lines.length) {
      throw this.env.fail('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation: line ${String(line)} of ${sublistId} (lines 0…${lines.length - 1}).`);
    }
    return lines[index]!;
  }

  #index(line: unknown, max: number): number {
    const index = Number(line);
    if (!Number.isInteger(index) || index < 0 || index > max) {
      throw this.env.fail('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation: line ${String(line)}.`);
    }
    return index;
  }

  #writableLineField(sublistId: unknown, fieldId: unknown, line: unknown): { field: FieldDef; data: LineData } {
    this.#assertWritable();
    const sublist = this.#sublist(sublistId);
    const field = this.env.repo.sublistField(this.def, sublist, fieldId, this.env.fail);
    this.#assertFieldWritable(field);
    const lines = this.#lines(sublist.id, true);
    const index = Number(line);
    // Standard mode: setting line N == count appends a line, as NetSuite allows.
    if (index === lines.length && !sublist.fixedLines) lines.push(this.env.repo.newLine(sublist));
    return { field, data: this.#line(sublist.id, line) };
  }

  #currentField(sublistId: unknown, fieldId: unknown, api: string): { field: FieldDef; current: CurrentLine } {
    this.#dynamicOnly(api);
    const sublist = this.#sublist(sublistId);
    const field = this.env.repo.sublistField(this.def, sublist, fieldId, this.env.fail);
    const current = this.current.get(sublist.id);
    if (!current) throw this.env.fail('SSS_INVALID_SUBLIST_OPERATION', `${api}: no line of ${sublist.id} is selected (call selectNewLine or selectLine).`);
    return { field, current };
  }

  #lineSubrecord(field: FieldDef, line: LineData): SubrecordView {
    const subDef = this.env.repo.subrecordType(field.subrecordType!);
    let data = line.subrecords[field.id];
    if (!data) {
      data = { type: subDef.type, values: {} };
      if (!this.readOnly) line.subrecords[field.id] = data;
    }
    return new SubrecordView(this.env, subDef, data, this.readOnly).exposed();
  }

  #dynamicOnly(api: string): void {
    if (!this.isDynamic) throw this.env.fail('SSS_INVALID_API_USAGE', `${api} works on records in dynamic mode only; this ${this.type} is in standard mode (use getSublistValue/setSublistValue with a line).`);
  }

  #standardOnly(api: string, instead: string): void {
    if (this.isDynamic) throw this.env.fail('SSS_INVALID_API_USAGE', `${api} works in standard mode only; this ${this.type} is in dynamic mode (use selectLine/${instead}/commitLine).`);
  }
}

/** A subrecord (address) of a record or of a sublist line. */
export class SubrecordView {
  readonly type: string;

  constructor(
    readonly env: RecordEnv,
    readonly def: SubrecordTypeDef,
    readonly data: SubrecordData,
    readonly readOnly: string | undefined,
  ) {
    this.type = def.type;
  }

  getValue(options: Options | string): unknown {
    const field = this.#field(options);
    return this.env.adopt(toScriptValue(field, this.data.values[field.id]));
  }

  getText(options: Options | string): unknown {
    const field = this.#field(options);
    const stored = this.data.values[field.id];
    if (field.kind === 'select') return stored === undefined ? '' : this.env.repo.selectText(field, String(stored));
    return toScriptText(field, stored);
  }

  setValue(options: Options): SubrecordView {
    const field = this.#writable(options);
    setOrDelete(this.data.values, field.id, toCanonical(field, options.value, this.env.fail));
    return this;
  }

  setText(options: Options): SubrecordView {
    const field = this.#writable(options);
    let value: unknown;
    if (field.kind === 'select') {
      value = options.text === '' || options.text === null || options.text === undefined ? undefined : this.env.repo.selectKeyForText(field, String(options.text));
      if (value === undefined && options.text) throw this.env.fail('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${String(options.text)} for the following field: ${field.id}`);
    } else value = fromText(field, options.text, this.env.fail);
    setOrDelete(this.data.values, field.id, value);
    return this;
  }

  getFields(): string[] {
    return this.env.adopt([...this.def.fields.keys()]);
  }

  toJSON(): unknown {
    return { type: this.type, fields: { ...this.data.values } };
  }

  exposed(): SubrecordView {
    return expose(this, 'Subrecord', this.env.notImplemented);
  }

  #field(options: Options | string): FieldDef {
    const fieldId = typeof options === 'string' ? options : options?.fieldId;
    if (fieldId === undefined || fieldId === '') throw this.env.fail('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: fieldId');
    return this.env.repo.subrecordField(this.def, fieldId, this.env.fail);
  }

  #writable(options: Options): FieldDef {
    if (this.readOnly) throw this.env.fail('SSS_INVALID_API_USAGE', `This subrecord is read-only: ${this.readOnly}`);
    const field = this.#field(options);
    if (field.readOnly) throw this.env.fail('DOUBLE_READ_ONLY_FIELD', `Field ${field.id} of the ${this.type} subrecord is set by NetSuite, not by scripts.`);
    return field;
  }
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  if ((a === undefined || a === '') && (b === undefined || b === '')) return true;
  return a === b;
}

function describeField(field: FieldDef): Record<string, unknown> {
  return { id: field.id, label: field.label, type: field.kind, isMandatory: field.mandatory === true, isReadOnly: field.readOnly === true, isDisplay: true };
}

const HARMLESS = new Set(['then', 'constructor', 'valueOf', 'toString', 'inspect', 'asymmetricMatch', '$$typeof', 'nodeType']);

/** Binds methods (they use private state) and turns reads of unknown members into errors. */
function expose<T extends object>(target: T, what: string, notImplemented: (api: string) => Error): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'symbol' || HARMLESS.has(key)) return Reflect.get(t, key, t);
      if (!(key in t)) throw notImplemented(`${what}.${key}`);
      const value = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      if (!bound.has(key)) bound.set(key, (value as (...a: unknown[]) => unknown).bind(t));
      return bound.get(key);
    },
    set(t, key) {
      if (key === 'id' || key === 'type' || key === 'isDynamic') return true; // read-only in NetSuite: assignment is ignored
      throw notImplemented(`assignment to ${what}.${String(key)}`);
    },
  });
}
