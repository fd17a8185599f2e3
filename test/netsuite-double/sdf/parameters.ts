// Script parameter values as runtime.getParameter returns them: a checkbox as a boolean, numbers
// as numbers, a list value `[scriptid=customlist_x.val_y]` as its internal id, text as text.
import type { RecordCatalog } from '../records/catalog.js';
import type { SdfScriptParameter } from './types.js';

export function parameterValue(param: SdfScriptParameter, raw: string | undefined, catalog: RecordCatalog): unknown {
  if (param.fieldtype === 'CHECKBOX') return raw === undefined || raw === '' ? param.defaultchecked : raw === 'T';
  const text = raw === undefined || raw === '' ? (param.defaultvalue ?? '') : raw;
  if (text === '') return '';
  switch (param.fieldtype) {
    case 'INTEGER':
    case 'FLOAT':
    case 'CURRENCY':
    case 'PERCENT':
      return Number(text);
    case 'SELECT': {
      const ref = /^\[scriptid=([a-z0-9_]+)\.([a-z0-9_]+)\]$/i.exec(text);
      if (ref) {
        const value = catalog.lists.get(ref[1]!)?.values.find((v) => v.scriptid === ref[2]);
        return value ? value.id : text;
      }
      return text;
    }
    default:
      return text;
  }
}
