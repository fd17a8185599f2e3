// Evaluating filters on rows, ordering rows, and formatting values as search results give them.
import type { RecordRepository } from '../records/repository.js';
import { dateKey, formatDate, formatDateTime, isEmptyValue, type Fail } from '../records/values.js';
import { dateRange, dateValue, operatorFamily, type FilterLeaf, type FilterNode } from './filters.js';
import { readRow, type RowValue, type SearchRow } from './rows.js';
import { formulaRowValue } from './formula-row.js';
import { FormulaError } from './formula.js';

export function matches(repo: RecordRepository, row: SearchRow, node: FilterNode | undefined, now: number, fail: Fail): boolean {
  if (!node) return true;
  switch (node.kind) {
    case 'and':
      return node.children.every((c) => matches(repo, row, c, now, fail));
    case 'or':
      return node.children.some((c) => matches(repo, row, c, now, fail));
    case 'not':
      return !matches(repo, row, node.child, now, fail);
    case 'leaf': {
      let value: RowValue | undefined;
      if (node.formula) {
        try {
          value = formulaRowValue(repo, row, node.name, node.formula, now);
        } catch (error) {
          if (error instanceof FormulaError) throw fail('SSS_INVALID_SRCH_FILTER', `The formula of a ${node.name} filter failed on ${row.def.type} ${row.record.id}: ${error.message} (${node.formula})`);
          throw error;
        }
      } else value = readRow(repo, row, node.name, node.join);
      // A field this row's type lacks (a 'transaction' search mixing types): the row does not match.
      if (!value) return false;
      return leafMatches(node, value, now, fail);
    }
  }
}

function leafMatches(leaf: FilterLeaf, { field, stored }: RowValue, now: number, fail: Fail): boolean {
  const op = leaf.operator;
  const empty = isEmptyValue(stored);
  if (op === 'isempty') return empty;
  if (op === 'isnotempty') return !empty;
  if (op === 'any') return true;
  const negated = op.startsWith('not') || op.startsWith('doesnot') || op === 'isnot' || op === 'noneof';
  const base = baseOperator(op);
  // A negated comparison on an EMPTY text, number or date field does not match: NetSuite's help
  // does not say either way, and its searches run on SQL, where NULL <> 'X' is not true. Taking
  // the strict reading keeps code honest: to find "empty or not X", say so (isempty OR isnot X).
  // An assumption, listed in test/netsuite-double/README.md.
  if (empty && negated && operatorFamily(field) !== 'select' && operatorFamily(field) !== 'multiselect') return false;
  const result = (() => {
    switch (operatorFamily(field)) {
      case 'select':
      case 'multiselect': {
        const keys = (Array.isArray(stored) ? stored : isEmptyValue(stored) ? [] : [stored]).map(String);
        const wanted = leaf.values.map((v) => (v === '@NONE@' ? '@NONE@' : String(v)));
        const hit = (w: string) => (w === '@NONE@' ? keys.length === 0 : keys.includes(w));
        if (base === 'allof') return wanted.every(hit);
        return wanted.some(hit);
      }
      case 'checkbox':
        return (stored === true) === (leaf.values[0] === 'T');
      case 'number': {
        if (typeof stored !== 'number') return false;
        const [a, b] = leaf.values.map(Number);
        switch (base) {
          case 'equalto':
            return stored === a;
          case 'greaterthan':
            return stored > a!;
          case 'greaterthanorequalto':
            return stored >= a!;
          case 'lessthan':
            return stored < a!;
          case 'lessthanorequalto':
            return stored <= a!;
          case 'between':
            return stored >= a! && stored <= b!;
        }
        return false;
      }
      case 'date': {
        if (isEmptyValue(stored)) return false;
        const key = field.kind === 'date' ? String(stored) : dateKey(new Date(Number(stored)));
        const range = leaf.values.length === 1 && (base === 'within' || base === 'notwithin') ? dateRange(leaf.values[0], now) : undefined;
        const [a, b] = range ?? leaf.values.map((v) => dateValue(v, now, fail));
        switch (base) {
          case 'on':
            return key === a;
          case 'before':
            return key < a!;
          case 'after':
            return key > a!;
          case 'onorbefore':
            return key <= a!;
          case 'onorafter':
            return key >= a!;
          case 'within':
            return key >= a! && key <= (b ?? a)!;
        }
        return false;
      }
      default: {
        const text = String(stored ?? '').toLowerCase();
        const wanted = String(leaf.values[0] ?? '').toLowerCase();
        switch (base) {
          case 'is':
            return text === wanted;
          case 'contains':
            return text.includes(wanted);
          case 'startswith':
            return text.startsWith(wanted);
          case 'haskeywords':
            return wanted.split(/\s+/).every((w) => text.includes(w));
        }
        return false;
      }
    }
  })();
  return negated ? !result : result;
}

function baseOperator(op: string): string {
  switch (op) {
    case 'isnot':
      return 'is';
    case 'noneof':
      return 'anyof';
    case 'notallof':
      return 'allof';
    case 'doesnotcontain':
      return 'contains';
    case 'doesnotstartwith':
      return 'startswith';
    case 'noton':
      return 'on';
    default:
      return op.startsWith('not') ? op.slice(3) : op;
  }
}

/** Sort key comparison of two stored values of the same field. */
export function compareStored(a: unknown, b: unknown): number {
  const ea = isEmptyValue(a);
  const eb = isEmptyValue(b);
  if (ea || eb) return ea === eb ? 0 : ea ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const na = Number(a);
  const nb = Number(b);
  if (/^-?\d+$/.test(String(a)) && /^-?\d+$/.test(String(b))) return na - nb;
  return String(a).localeCompare(String(b));
}

/** Result.getValue of a value. */
export function resultValue({ field, stored }: RowValue): string | boolean {
  if (field.id === 'mainline' && field.kind === 'checkbox') return stored === true ? '*' : ' ';
  if (field.kind === 'checkbox') return stored === true;
  if (isEmptyValue(stored)) return '';
  switch (field.kind) {
    case 'multiselect':
      return (stored as unknown[]).map(String).join(',');
    case 'currency':
      return (stored as number).toFixed(2);
    case 'percent':
      return `${String(stored)}%`;
    case 'date':
      return formatDate(String(stored));
    case 'datetime':
    case 'timeofday':
      return formatDateTime(Number(stored));
    default:
      return String(stored);
  }
}

/** Result.getText of a value: the name behind a list/record value, null for other fields. */
export function resultText(repo: RecordRepository, { field, stored }: RowValue): string | null {
  if (field.selectType === 'internalid') return isEmptyValue(stored) ? '' : String(stored);
  if (field.kind === 'select') return isEmptyValue(stored) ? '' : repo.selectText(field, String(stored));
  if (field.kind === 'multiselect') return Array.isArray(stored) ? stored.map((k) => repo.selectText(field, String(k))).join(',') : '';
  return null;
}
