// A formula column or filter on one search row: {field} references read the row as NetSuite's
// formulas see it (list fields as their display text, checkboxes as 'T'/'F'), and the result is
// typed by the formula kind (formulatext → text, formulanumeric → number, formuladate → date, …).
import type { FieldDef } from '../records/model.js';
import type { RecordRepository } from '../records/repository.js';
import { dateFromKey, dateKey, formatDate, isEmptyValue } from '../records/values.js';
import { evaluate, FORMULA_KINDS, FormulaError, parseFormula, type Expr, type SqlValue } from './formula.js';
import { readRow, type RowValue, type SearchRow } from './rows.js';

/** What NetSuite shows in a formula column whose expression fails on a row. */
export const INVALID_EXPRESSION = 'ERROR: Invalid Expression';

const parsed = new Map<string, Expr>();

/** The parsed formula (cached); throws FormulaError. */
export function formulaExpr(formula: string): Expr {
  let e = parsed.get(formula);
  if (!e) {
    e = parseFormula(formula);
    parsed.set(formula, e);
  }
  return e;
}

/** The field a formula of this kind yields (for operators and result formatting). */
export function formulaField(name: string): FieldDef {
  return { id: name, kind: FORMULA_KINDS[name] ?? 'text', label: name };
}

function sqlValueOf(repo: RecordRepository, rv: RowValue | undefined): SqlValue {
  if (!rv || isEmptyValue(rv.stored)) return rv?.field.kind === 'checkbox' ? 'F' : null;
  const { field, stored } = rv;
  if (field.selectType === 'internalid') return String(stored);
  switch (field.kind) {
    case 'select':
    case 'multiselect': {
      const keys = Array.isArray(stored) ? stored : [stored];
      const text = keys.map((k) => (field.options ? (field.options.find((o) => o.value === String(k))?.text ?? String(k)) : repo.selectText(field, String(k)))).join(',');
      return text === '' ? null : text;
    }
    case 'checkbox':
      return stored === true ? 'T' : 'F';
    case 'integer':
    case 'float':
    case 'currency':
    case 'percent':
      return Number(stored);
    case 'date':
      return dateFromKey(String(stored));
    case 'datetime':
    case 'timeofday':
      return new Date(Number(stored));
    default:
      return String(stored);
  }
}

/**
 * The value of formula `formula` of kind `name` on `row`, as a RowValue the rest of the search code
 * formats and compares; throws FormulaError when the expression fails on this row.
 */
export function formulaRowValue(repo: RecordRepository, row: SearchRow, name: string, formula: string, now: number): RowValue {
  const value = evaluate(formulaExpr(formula), { read: (n, join) => sqlValueOf(repo, readRow(repo, row, n, join)), now: () => now });
  const field = formulaField(name);
  if (value === null) return { field, stored: undefined };
  switch (field.kind) {
    case 'float':
    case 'currency':
    case 'percent': {
      if (value instanceof Date) throw new FormulaError('a date where a number is needed');
      const n = typeof value === 'number' ? value : Number(value.trim());
      if (Number.isNaN(n) || (typeof value === 'string' && value.trim() === '')) throw new FormulaError(`invalid number: '${String(value)}'`);
      return { field, stored: n };
    }
    case 'date':
    case 'datetime': {
      if (!(value instanceof Date)) throw new FormulaError('a formuladate must give a date (use TO_DATE)');
      return { field, stored: field.kind === 'date' ? dateKey(value) : value.getTime() };
    }
    default:
      return { field, stored: value instanceof Date ? formatDate(dateKey(value)) : String(value) };
  }
}
