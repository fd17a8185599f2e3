// Search criteria: filter expressions (['entity', 'anyof', 5], 'and', ['NOT', […]], …) and
// Filter objects, parsed into one tree and evaluated on rows. Operators are checked against the
// field's type (a text operator on a list field is refused, as NetSuite refuses it).
import type { FieldDef } from '../records/model.js';
import { dateKey, formatDate, parseDateText, type Fail } from '../records/values.js';

export interface FilterLeaf {
  kind: 'leaf';
  name: string;
  join: string | undefined;
  operator: string;
  values: unknown[];
  /** formulatext/formulanumeric/… filters: the SQL expression (search/formula.ts). */
  formula?: string;
}
export type FilterNode = FilterLeaf | { kind: 'and' | 'or'; children: FilterNode[] } | { kind: 'not'; child: FilterNode };

export const OPERATORS = [
  'after', 'allof', 'any', 'anyof', 'before', 'between', 'contains', 'doesnotcontain', 'doesnotstartwith', 'equalto',
  'greaterthan', 'greaterthanorequalto', 'haskeywords', 'is', 'isempty', 'isnot', 'isnotempty', 'lessthan',
  'lessthanorequalto', 'noneof', 'notafter', 'notallof', 'notbefore', 'notbetween', 'notequalto', 'notgreaterthan',
  'notgreaterthanorequalto', 'notlessthan', 'notlessthanorequalto', 'noton', 'notonorafter', 'notonorbefore',
  'notwithin', 'on', 'onorafter', 'onorbefore', 'startswith', 'within',
] as const;

const BY_KIND: Record<string, Set<string>> = {
  text: new Set(['any', 'is', 'isnot', 'contains', 'doesnotcontain', 'startswith', 'doesnotstartwith', 'isempty', 'isnotempty', 'haskeywords']),
  select: new Set(['anyof', 'noneof']),
  multiselect: new Set(['anyof', 'noneof', 'allof', 'notallof']),
  number: new Set(['any', 'equalto', 'notequalto', 'greaterthan', 'greaterthanorequalto', 'lessthan', 'lessthanorequalto', 'notgreaterthan', 'notgreaterthanorequalto', 'notlessthan', 'notlessthanorequalto', 'between', 'notbetween', 'isempty', 'isnotempty']),
  checkbox: new Set(['is']),
  date: new Set(['on', 'noton', 'before', 'after', 'onorbefore', 'onorafter', 'notbefore', 'notafter', 'notonorbefore', 'notonorafter', 'within', 'notwithin', 'isempty', 'isnotempty']),
};

export function operatorFamily(field: FieldDef): keyof typeof BY_KIND {
  switch (field.kind) {
    case 'select':
    case 'document':
    case 'image':
      return 'select';
    case 'multiselect':
      return 'multiselect';
    case 'integer':
    case 'float':
    case 'currency':
    case 'percent':
      return 'number';
    case 'checkbox':
      return 'checkbox';
    case 'date':
    case 'datetime':
    case 'timeofday':
      return 'date';
    default:
      return 'text';
  }
}

/** Parses filters as search.create takes them: an expression, a list of Filter objects/triples, or empty. */
export function parseFilters(input: unknown, fail: Fail): FilterNode | undefined {
  if (input === undefined || input === null) return undefined;
  if (!Array.isArray(input)) {
    if (isFilterObject(input)) return leafFromObject(input, fail);
    throw fail('SSS_INVALID_SRCH_FILTER_EXPR', 'filters must be an array (a filter expression or Filter objects)');
  }
  if (input.length === 0) return undefined;
  const hasOperatorTokens = input.some((x) => typeof x === 'string' && /^(and|or|not)$/i.test(x));
  if (!hasOperatorTokens && input.every((x) => isFilterObject(x) || (Array.isArray(x) && isTriple(x)))) {
    // A plain list of filters: all must hold.
    const children = input.map((x) => (isFilterObject(x) ? leafFromObject(x, fail) : parseExpression(x, fail)));
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }
  return parseExpression(input, fail);
}

/** ['field', 'operator', values…]: a leaf (its operator is checked when it is made). */
function isTriple(x: unknown[]): boolean {
  return typeof x[0] === 'string' && typeof x[1] === 'string' && !/^(and|or|not)$/i.test(x[0]) && !/^(and|or|not)$/i.test(x[1]);
}

/** The filter expression of a tree (Search.filterExpression). */
export function expressionOf(node: FilterNode | undefined): unknown[] {
  if (!node) return [];
  switch (node.kind) {
    case 'leaf':
      return [node.formula ? `${node.name}: ${node.formula}` : node.join ? `${node.join}.${node.name}` : node.name, node.operator, ...node.values];
    case 'not':
      return ['NOT', expressionOf(node.child)];
    default:
      return node.children.flatMap((c, i) => (i === 0 ? [expressionOf(c)] : [node.kind, expressionOf(c)]));
  }
}

function isFilterObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'name' in x && 'operator' in x;
}

function leafFromObject(f: Record<string, unknown>, fail: Fail): FilterNode {
  if (f.summary) throw fail('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: summary filters (${String(f.name)})`);
  if (f.isor || f.leftparens || f.rightparens) throw fail('DOUBLE_NOT_IMPLEMENTED', 'not implemented in the test double: Filter.isor/leftparens/rightparens (use a filter expression)');
  const values = f.values === undefined || f.values === null ? [] : Array.isArray(f.values) ? f.values : [f.values];
  const name = String(f.name);
  const formula = typeof f.formula === 'string' && f.formula.trim() ? f.formula : undefined;
  const leaf = makeLeaf(formula ? `${name}: ${formula}` : name, typeof f.join === 'string' && f.join ? f.join : undefined, f.operator, values, fail);
  return f.isnot ? { kind: 'not', child: leaf } : leaf;
}

function makeLeaf(rawName: string, join: string | undefined, operator: unknown, values: unknown[], fail: Fail): FilterLeaf {
  const op = String(operator ?? '').toLowerCase();
  if (!OPERATORS.includes(op as (typeof OPERATORS)[number])) {
    throw fail('SSS_INVALID_SRCH_OPERATOR', `An nlobjSearchFilter contains an invalid operator, or is not in proper syntax: ${String(operator)}`);
  }
  // 'formulatext: CASE … END' (filter expressions), or name + formula (Filter objects).
  const formula = /^\s*(formula[a-z]+)\s*:(.*)$/is.exec(rawName);
  if (formula) {
    if (!/^formula(text|numeric|currency|percent|date|datetime)$/i.test(formula[1]!)) throw fail('SSS_INVALID_SRCH_FILTER', `Unknown formula kind ${formula[1]}`);
    return { kind: 'leaf', name: formula[1]!.toLowerCase(), join: undefined, operator: op, values: values.flat(), formula: formula[2]!.trim() };
  }
  if (/^formula/i.test(rawName)) throw fail('SSS_INVALID_SRCH_FILTER', `A formula filter needs its expression: ['${rawName}: <expression>', operator, value]`);
  if (/^(sum|count|min|max|avg|group)\(/i.test(rawName)) throw fail('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: summary filters (${rawName})`);
  let name = rawName.toLowerCase();
  if (!join && name.includes('.')) {
    // 'customer.email' in expressions = join customer, field email.
    const [j, n] = name.split('.', 2);
    join = j;
    name = n!;
  }
  return { kind: 'leaf', name, join: join?.toLowerCase(), operator: op, values: values.flat() };
}

function parseExpression(expr: unknown, fail: Fail): FilterNode {
  if (!Array.isArray(expr)) throw fail('SSS_INVALID_SRCH_FILTER_EXPR', `Invalid search filter expression: ${JSON.stringify(expr)}`);
  if (isTriple(expr)) return makeLeaf(String(expr[0]), undefined, expr[1], expr.slice(2), fail);
  // Terms separated by and/or; 'not' prefixes a term. AND binds tighter than OR.
  const orGroups: FilterNode[][] = [[]];
  let expectTerm = true;
  for (let i = 0; i < expr.length; i++) {
    const token = expr[i];
    if (typeof token === 'string' && /^(and|or)$/i.test(token)) {
      if (expectTerm) throw fail('SSS_INVALID_SRCH_FILTER_EXPR', `Invalid search filter expression: '${token}' where a filter was expected`);
      if (token.toLowerCase() === 'or') orGroups.push([]);
      expectTerm = true;
      continue;
    }
    if (!expectTerm) throw fail('SSS_INVALID_SRCH_FILTER_EXPR', `Invalid search filter expression: expected 'and' or 'or' before ${JSON.stringify(token)}`);
    let node: FilterNode;
    if (typeof token === 'string' && /^not$/i.test(token)) {
      const next = expr[++i];
      node = { kind: 'not', child: parseExpression(next, fail) };
    } else {
      node = parseExpression(token, fail);
    }
    orGroups.at(-1)!.push(node);
    expectTerm = false;
  }
  if (expectTerm) throw fail('SSS_INVALID_SRCH_FILTER_EXPR', 'Invalid search filter expression: it ends with an operator');
  const ands = orGroups.map((g) => (g.length === 1 ? g[0]! : { kind: 'and' as const, children: g }));
  return ands.length === 1 ? ands[0]! : { kind: 'or', children: ands };
}

/** Leaves of a tree, for validation. */
export function leaves(node: FilterNode | undefined): FilterLeaf[] {
  if (!node) return [];
  if (node.kind === 'leaf') return [node];
  if (node.kind === 'not') return leaves(node.child);
  return node.children.flatMap(leaves);
}

/** Throws unless the operator fits the field and the values fit the operator. */
export function checkLeaf(leaf: FilterLeaf, field: FieldDef, fail: Fail, now: number): void {
  const family = operatorFamily(field);
  if (!BY_KIND[family]!.has(leaf.operator)) {
    throw fail('SSS_INVALID_SRCH_OPERATOR', `An nlobjSearchFilter contains an invalid operator, or is not in proper syntax: ${leaf.operator} (${leaf.name} is a ${field.kind} field: use ${[...BY_KIND[family]!].join(', ')})`);
  }
  if (family === 'checkbox' && !(leaf.values.length === 1 && (leaf.values[0] === 'T' || leaf.values[0] === 'F'))) {
    throw fail('SSS_INVALID_SRCH_FILTER', `Checkbox filter ${leaf.name} takes 'T' or 'F'`);
  }
  // isempty / isnotempty take no value (scripts pass '' by convention: ['enddate', 'isempty', '']).
  if (family === 'date' && leaf.operator !== 'isempty' && leaf.operator !== 'isnotempty') {
    const isRange = leaf.values.length === 1 && /within$/.test(leaf.operator) && dateRange(leaf.values[0], now) !== undefined;
    if (!isRange) for (const v of leaf.values) dateValue(v, now, fail);
  }
  if (leaf.operator !== 'isempty' && leaf.operator !== 'isnotempty' && leaf.operator !== 'any' && leaf.values.length === 0) {
    throw fail('SSS_INVALID_SRCH_FILTER', `Filter ${leaf.name} ${leaf.operator} needs a value`);
  }
}

/** A filter's date value as a date key: M/D/YYYY or a relative keyword (today, daysago3, …). */
export function dateValue(value: unknown, now: number, fail: Fail): string {
  if (typeof value !== 'string') {
    throw fail('SSS_INVALID_SRCH_FILTER', `Date filter values are strings in the user's date format (M/D/YYYY) or keywords such as 'today'; got ${Object.prototype.toString.call(value)}`);
  }
  const v = value.trim().toLowerCase();
  const today = new Date(now);
  const shift = (days: number) => dateKey(new Date(today.getFullYear(), today.getMonth(), today.getDate() + days));
  if (v === 'today') return shift(0);
  if (v === 'yesterday') return shift(-1);
  if (v === 'tomorrow') return shift(1);
  const rel = /^(days|weeks)(ago|fromnow)(\d+)$/.exec(v);
  if (rel) return shift(Number(rel[3]) * (rel[1] === 'weeks' ? 7 : 1) * (rel[2] === 'ago' ? -1 : 1));
  const key = parseDateText(value.split(' ')[0] ?? '');
  if (!key) throw fail('SSS_INVALID_SRCH_FILTER', `Invalid date value ${value}: use M/D/YYYY or a keyword such as today, yesterday, daysago7`);
  return key;
}

/**
 * NetSuite's date-range keywords for `within` with one value (weeks start on Sunday, the US default
 * of the First Day of Week preference). Undefined when `value` is no range keyword.
 */
export function dateRange(value: unknown, now: number): [string, string] | undefined {
  if (typeof value !== 'string') return undefined;
  const today = new Date(now);
  const day = (y: number, m: number, d: number) => dateKey(new Date(y, m, d));
  const y = today.getFullYear();
  const m = today.getMonth();
  const sunday = today.getDate() - today.getDay();
  switch (value.trim().toLowerCase()) {
    case 'thisweek':
      return [day(y, m, sunday), day(y, m, sunday + 6)];
    case 'lastweek':
      return [day(y, m, sunday - 7), day(y, m, sunday - 1)];
    case 'thismonth':
      return [day(y, m, 1), day(y, m + 1, 0)];
    case 'lastmonth':
      return [day(y, m - 1, 1), day(y, m, 0)];
    default:
      return undefined;
  }
}

export { formatDate };
