// Deleting a record that custom fields point at. NetSuite's default for a List/Record custom field
// whose record type is an entity, item or transaction is "Allow and Set Dependent Field Values to
// Null" (Help: Customizing Delete Behavior for Records Referenced by Custom Fields,
// section_3910292537): the delete goes through and every custom field holding the deleted record
// is emptied, with a system note. (Other record types default to refusing the delete; the double
// does not model that side.)
import type { RecordRepository } from './repository.js';
import { cloneData } from './model.js';

const SET_NULL_FAMILIES = ['transaction', 'entity', 'item'];

/** Empties, on every stored record, the custom select fields that hold `type` `id`. */
export function clearCustomReferencesTo(repo: RecordRepository, type: string, id: number): void {
  const deleted = repo.catalog.get(type);
  if (!deleted || !(deleted.costClass === 'transaction' || deleted.families.some((f) => SET_NULL_FAMILIES.includes(f)))) return;
  const key = String(id);
  for (const def of repo.catalog.types.values()) {
    const fields = [...def.fields.values()].filter((f) => f.custom && (f.kind === 'select' || f.kind === 'multiselect') && f.selectType && repo.catalog.concreteTypes(f.selectType).includes(deleted.type));
    if (fields.length === 0) continue;
    for (const record of repo.store.all(def.type)) {
      let data: ReturnType<typeof cloneData> | undefined;
      for (const field of fields) {
        const value = record.data.body[field.id];
        const holds = Array.isArray(value) ? value.map(String).includes(key) : String(value ?? '') === key;
        if (!holds) continue;
        data ??= cloneData(record.data);
        if (Array.isArray(value)) data.body[field.id] = value.filter((v) => String(v) !== key);
        else delete data.body[field.id];
      }
      if (data) repo.store.replace(def.type, record.id, data);
    }
  }
}
