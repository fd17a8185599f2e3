// The account's records. Internal ids come from ONE counter for all types, so an id of the wrong
// type (a customer id passed as a location) finds nothing, as it usually would in NetSuite.
import { cloneData, type RecordData, type StoredRecord } from './model.js';

export class RecordStore {
  readonly #byType = new Map<string, Map<number, StoredRecord>>();
  #nextId = 101;
  /** Told of every replace and delete, with the record as it was (parallel-jobs.ts). */
  observer: ((before: StoredRecord) => void) | undefined;

  /** Reserves the next internal id (a record being created knows its id before it is stored). */
  allocateId(): number {
    return this.#nextId++;
  }

  insert(type: string, data: RecordData, id = this.allocateId()): StoredRecord {
    const record: StoredRecord = { type, id, version: 1, data: cloneData(data) };
    this.#table(type).set(record.id, record);
    return record;
  }

  /** Replaces a record's data and bumps its version. */
  replace(type: string, id: number, data: RecordData): StoredRecord {
    const current = this.#table(type).get(id);
    if (!current) throw new Error(`no ${type} ${id}`);
    this.observer?.(current);
    const record: StoredRecord = { type, id, version: current.version + 1, data: cloneData(data) };
    this.#table(type).set(id, record);
    return record;
  }

  /** The stored record itself (do not mutate; use replace). */
  peek(type: string, id: number | string): StoredRecord | undefined {
    const n = typeof id === 'number' ? id : /^\d+$/.test(String(id).trim()) ? Number(id) : NaN;
    return this.#byType.get(type)?.get(n);
  }

  delete(type: string, id: number): boolean {
    const current = this.#table(type).get(id);
    if (current) this.observer?.(current);
    return this.#table(type).delete(id);
  }

  all(type: string): StoredRecord[] {
    return [...(this.#byType.get(type)?.values() ?? [])];
  }

  #table(type: string): Map<number, StoredRecord> {
    let table = this.#byType.get(type);
    if (!table) this.#byType.set(type, (table = new Map()));
    return table;
  }
}
