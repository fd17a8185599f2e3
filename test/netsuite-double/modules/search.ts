// N/search: create/load/save/delete searches, run().each (≤ 4,000 results, then
// SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED; 10 units per call),
// run().getRange (≤ 1,000, 10 units), runPaged (page size 5…1,000, 5 units) and fetch (5 units),
// lookupFields (1 unit), createFilter/createColumn, and the Type/Operator/Sort/Summary enums.
// Fields, joins and operators are checked up front: an unknown one is an error, not no rows.
// Formula columns and filters run a documented SQL subset (search/formula.ts); summary columns
// (GROUP, COUNT, SUM, AVG, MIN, MAX) group the rows; summary filters are not modelled.
import type { ScriptRunContext } from '../types.js';
import type { Account } from '../account.js';
import { invocationOf, scriptError } from '../invocation.js';
import { SEARCH_UNITS } from '../governance.js';
import type { RecordTypeDef } from '../records/model.js';
import type { Fail } from '../records/values.js';
import { isEmptyValue } from '../records/values.js';
import { apiSurface } from '../sandbox/api-surface.js';
import { guardObject } from '../sandbox/module-surface.js';
import { checkLeaf, expressionOf, leaves, OPERATORS, parseFilters, type FilterNode } from '../search/filters.js';
import { compareStored, matches, resultText, resultValue } from '../search/evaluate.js';
import { readRow, resolveField, rowsOf, type RowValue, type SearchRow } from '../search/rows.js';
import { FORMULA_KINDS, FormulaError, formulaRefs, isFormulaName } from '../search/formula.js';
import { formulaExpr, formulaField, formulaRowValue, INVALID_EXPRESSION } from '../search/formula-row.js';

const MAX_EACH = 4_000;
const MAX_RANGE = 1_000;

export interface ColumnSpec {
  name: string;
  join: string | undefined;
  summary: string | undefined;
  label: string | undefined;
  sort: 'ASC' | 'DESC' | 'NONE';
  /** formulatext/formulanumeric/…: the SQL expression (search/formula.ts). */
  formula?: string;
}

const SUMMARY_TYPES = new Set(['GROUP', 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** A search definition, as kept for saved searches and running ones. */
export interface SearchDefinition {
  type: string;
  filters: FilterNode | undefined;
  columns: ColumnSpec[];
  title: string;
  scriptId: string | undefined;
  internalId: number | undefined;
  /** Saved searches: shown to every role with access to the records (false: its owner only). */
  isPublic?: boolean;
}

interface SavedSearches {
  byId: Map<number, SearchDefinition>;
  next: number;
}

function savedSearches(account: Account): SavedSearches {
  return account.state('N/search saved searches', () => ({ byId: new Map<number, SearchDefinition>(), next: 1001 }));
}

/** Every join a search uses, in its columns, filters and formulas (rows.ts expands reverse custom-record joins). */
function joinsOf(def: SearchDefinition): (string | undefined)[] {
  const formulaJoins = (formula: string | undefined) => {
    if (!formula) return [];
    try {
      return formulaRefs(formulaExpr(formula)).map((r) => r.join);
    } catch {
      return [];
    }
  };
  return [...def.columns.flatMap((c) => [c.join, ...formulaJoins(c.formula)]), ...leaves(def.filters).flatMap((l) => [l.join, ...formulaJoins(l.formula)])];
}

/** Search objects handed to scripts → their live state (used by the Map/Reduce driver). */
const searchStates = new WeakMap<object, { definition: () => SearchDefinition; account: Account }>();

export function createSearchModule(ctx: ScriptRunContext) {
  const invocation = invocationOf(ctx);
  const { account, realm } = invocation;
  const repo = account.repo;
  const fail: Fail = (name, message) => scriptError(ctx, name, message);
  const charge = (units: number, what: string) => {
    if (units > 0) ctx.governance.charge(units, what);
  };

  const surface = apiSurface('N/search');
  const recordTypeEnum = apiSurface('N/record')?.enums.Type ?? {};
  const Type = Object.freeze(Object.fromEntries(Object.keys(surface?.enums.Type ?? {}).map((k) => [k, recordTypeEnum[k] ?? k.toLowerCase().replace(/_/g, '')])));
  const Operator = Object.freeze(Object.fromEntries(OPERATORS.map((op) => [op.toUpperCase(), op])));

  // ---- definitions --------------------------------------------------------------------------

  const typesOf = (type: string): RecordTypeDef[] => {
    const concrete = repo.catalog.concreteTypes(type.toLowerCase());
    if (concrete.length === 0) throw fail('INVALID_RCRD_TYPE', `Invalid search type: ${type} (the double searches: ${[...repo.catalog.types.keys()].join(', ')}, transaction, item, entity)`);
    return concrete.map((t) => repo.catalog.get(t)!);
  };

  const columnSpec = (input: unknown): ColumnSpec => {
    if (typeof input === 'string') {
      const [a, b] = input.toLowerCase().split('.', 2);
      return b ? { name: b, join: a, summary: undefined, label: undefined, sort: 'NONE' } : { name: a!, join: undefined, summary: undefined, label: undefined, sort: 'NONE' };
    }
    if (input && typeof input === 'object' && typeof (input as { name?: unknown }).name === 'string') {
      const c = input as Record<string, unknown>;
      const name = String(c.name).toLowerCase();
      const formula = typeof c.formula === 'string' && c.formula.trim() ? c.formula.trim() : undefined;
      if (/^formula/.test(name) && !isFormulaName(name)) throw fail('SSS_INVALID_SRCH_COL', `Unknown formula column ${name} (use ${Object.keys(FORMULA_KINDS).join(', ')})`);
      if (isFormulaName(name) && !formula) throw fail('SSS_INVALID_SRCH_COL', `A ${name} column needs its formula (createColumn({ name: '${name}', formula: '…' }))`);
      const summary = c.summary === undefined || c.summary === null || c.summary === '' ? undefined : String(c.summary).toUpperCase();
      if (summary !== undefined && !SUMMARY_TYPES.has(summary)) throw fail('SSS_INVALID_SRCH_COL', `Invalid summary type ${String(c.summary)} (use search.Summary: ${[...SUMMARY_TYPES].join(', ')})`);
      if (c.function) throw fail('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: column functions (${String(c.function)})`);
      const sort = String(c.sort ?? 'NONE').toUpperCase();
      if (sort !== 'ASC' && sort !== 'DESC' && sort !== 'NONE') throw fail('SSS_INVALID_SRCH_COL', `Invalid sort ${String(c.sort)}`);
      return {
        name,
        join: typeof c.join === 'string' && c.join ? c.join.toLowerCase() : undefined,
        summary,
        label: typeof c.label === 'string' ? c.label : undefined,
        sort: sort as ColumnSpec['sort'],
        ...(isFormulaName(name) ? { formula } : {}),
      };
    }
    throw fail('SSS_INVALID_SRCH_COL', `An nlobjSearchColumn contains an invalid column, or is not in proper syntax: ${JSON.stringify(input)}`);
  };

  /** A formula must parse, and every {field} it reads must be a search column of the type. */
  const checkFormula = (defs: RecordTypeDef[], name: string, formula: string, kind: 'column' | 'filter') => {
    try {
      for (const ref of formulaRefs(formulaExpr(formula))) resolveField(repo, defs, ref.name, ref.join, fail, 'column');
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      if (error.notModelled) throw fail('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: ${error.message} in a ${name} formula (${formula})`);
      throw fail(kind === 'column' ? 'SSS_INVALID_SRCH_COL' : 'SSS_INVALID_SRCH_FILTER', `Invalid Expression in a ${name} ${kind}: ${error.message} (${formula})`);
    }
  };

  const validate = (def: SearchDefinition) => {
    const defs = typesOf(def.type);
    for (const column of def.columns) {
      if (column.formula) checkFormula(defs, column.name, column.formula, 'column');
      else resolveField(repo, defs, column.name, column.join, fail, 'column');
    }
    for (const leaf of leaves(def.filters)) {
      if (leaf.formula) {
        checkFormula(defs, leaf.name, leaf.formula, 'filter');
        checkLeaf(leaf, formulaField(leaf.name), fail, account.now());
        continue;
      }
      resolveField(repo, defs, leaf.name, leaf.join, fail, 'filter');
      for (const d of defs) {
        const probe = readRow(repo, { record: { type: d.type, id: 0, version: 0, data: { body: {}, sublists: {}, subrecords: {} } }, def: d, line: undefined, mainline: true }, leaf.name, leaf.join);
        if (probe) {
          checkLeaf(leaf, probe.field, fail, account.now());
          break;
        }
      }
    }
  };

  /** A column's value on a row: a field, or a formula (whose failure shows as NetSuite shows it). */
  const columnValue = (row: SearchRow, c: ColumnSpec): RowValue | undefined => {
    if (row.summary) return row.summary.get(c);
    if (!c.formula) return readRow(repo, row, c.name, c.join);
    try {
      return formulaRowValue(repo, row, c.name, c.formula, account.now());
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      return { field: { id: c.name, kind: 'text', label: c.name }, stored: INVALID_EXPRESSION };
    }
  };

  const run = (def: SearchDefinition): SearchRow[] => {
    validate(def);
    const defs = typesOf(def.type);
    let rows = rowsOf(repo, defs.map((d) => d.type), joinsOf(def)).filter((row) => matches(repo, row, def.filters, account.now(), fail));
    if (def.columns.some((c) => c.summary)) rows = summarise(rows, def.columns, defs[0]!);
    const sorts = def.columns.filter((c) => c.sort !== 'NONE');
    if (sorts.length) {
      rows.sort((a, b) => {
        for (const c of sorts) {
          const cmp = compareStored(columnValue(a, c)?.stored, columnValue(b, c)?.stored);
          if (cmp !== 0) return c.sort === 'DESC' ? -cmp : cmp;
        }
        return 0;
      });
    }
    return rows;
  };

  /**
   * Summary searches: rows grouped by the GROUP columns (one group when there are none), the other
   * columns aggregated over non-empty values (COUNT, SUM, AVG, MIN, MAX). A summary search must
   * summarise every column, as NetSuite requires.
   */
  const summarise = (rows: SearchRow[], columns: ColumnSpec[], searchDef: RecordTypeDef): SearchRow[] => {
    const plain = columns.find((c) => !c.summary);
    if (plain) throw fail('SSS_INVALID_SRCH_COL', `In a summary search every column needs a summary type: ${plain.name} has none.`);
    const groupBy = columns.filter((c) => c.summary === 'GROUP');
    const groups = new Map<string, SearchRow[]>();
    for (const row of rows) {
      const key = JSON.stringify(groupBy.map((c) => columnValue(row, c)?.stored ?? null));
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    if (groups.size === 0 && groupBy.length === 0) groups.set('[]', []);
    return [...groups.values()].map((members) => {
      const summary = new Map<ColumnSpec, RowValue | undefined>();
      for (const c of columns) {
        const values = members.map((r) => columnValue(r, c)).filter((v): v is RowValue => v !== undefined && !isEmptyValue(v.stored));
        const field = values[0]?.field ?? (c.formula ? formulaField(c.name) : { id: c.name, kind: 'text' as const, label: c.name });
        switch (c.summary) {
          case 'GROUP':
            summary.set(c, members[0] ? columnValue(members[0], c) : undefined);
            break;
          case 'COUNT':
            summary.set(c, { field: { id: c.name, kind: 'integer', label: c.name }, stored: values.length });
            break;
          case 'SUM':
          case 'AVG': {
            const numbers = values.map((v) => Number(v.stored)).filter((n) => !Number.isNaN(n));
            const total = numbers.reduce((a, b) => a + b, 0);
            const kind = field.kind === 'currency' || field.kind === 'percent' ? field.kind : 'float';
            summary.set(c, { field: { id: c.name, kind, label: c.name }, stored: numbers.length === 0 ? undefined : c.summary === 'SUM' ? total : total / numbers.length });
            break;
          }
          default: {
            const sorted = [...values].sort((a, b) => compareStored(a.stored, b.stored));
            summary.set(c, c.summary === 'MIN' ? sorted[0] : sorted.at(-1));
          }
        }
      }
      return { record: members[0]?.record ?? { type: '', id: 0, version: 0, data: { body: {}, sublists: {}, subrecords: {} } }, def: members[0]?.def ?? searchDef, line: undefined, mainline: true, summary };
    });
  };

  // ---- script-facing objects ------------------------------------------------------------------

  const makeColumn = (spec: ColumnSpec) =>
    guardObject(
      {
        name: spec.name,
        join: spec.join,
        summary: spec.summary,
        label: spec.label,
        formula: spec.formula,
        function: undefined,
        sort: spec.sort,
        toJSON: () => ({ name: spec.name, join: spec.join, summary: spec.summary, label: spec.label, sort: spec.sort, ...(spec.formula ? { formula: spec.formula } : {}) }),
      },
      'search.Column',
      realm.Error,
    );

  const makeResult = (row: SearchRow, columns: ColumnSpec[]) => {
    const find = (arg: unknown): ColumnSpec => {
      const o = arg && typeof arg === 'object' ? (arg as Record<string, unknown>) : undefined;
      const name = String(typeof arg === 'string' ? arg : (o?.name ?? '')).toLowerCase();
      const [a, b] = typeof arg === 'string' ? name.split('.', 2) : [undefined, undefined];
      const wanted = typeof arg === 'string' ? { name: b ?? a!, join: b ? a : undefined } : o ? { name, join: typeof o.join === 'string' && o.join ? o.join.toLowerCase() : undefined } : undefined;
      const summary = o && o.summary ? String(o.summary).toUpperCase() : undefined;
      const formula = o && typeof o.formula === 'string' ? o.formula.trim() : undefined;
      const column =
        wanted &&
        columns.find((c) => c.name === wanted.name && c.join === wanted.join && (summary === undefined || c.summary === summary) && (formula === undefined || c.formula === formula));
      if (!column) {
        throw fail('DOUBLE_COLUMN_NOT_IN_SEARCH', `Result.getValue/getText(${JSON.stringify(arg)}): the search has no such column (columns: ${columns.map((c) => (c.join ? `${c.join}.${c.name}` : c.name)).join(', ')}). NetSuite would return null.`);
      }
      return column;
    };
    const read = (c: ColumnSpec) => columnValue(row, c);
    const values = () =>
      Object.fromEntries(
        columns.map((c) => {
          const rv = read(c);
          const key = c.join ? `${c.join}.${c.name}` : c.name;
          if (!rv) return [key, ''];
          const text = resultText(repo, rv);
          return [key, text === null ? resultValue(rv) : rv.field.kind === 'select' && !isEmptyValue(rv.stored) ? [{ value: resultValue(rv), text }] : []];
        }),
      );
    // A summary result stands for many records: it has no id or record type.
    const id = row.summary ? undefined : String(row.record.id);
    const recordType = row.summary ? undefined : row.def.type;
    return guardObject(
      {
        id,
        recordType,
        columns: realm.adopt(columns.map(makeColumn)),
        getValue(arg: unknown) {
          const rv = read(find(arg));
          return rv ? resultValue(rv) : '';
        },
        getText(arg: unknown) {
          const rv = read(find(arg));
          return rv ? resultText(repo, rv) : null;
        },
        getAllValues: () => realm.adopt(values()),
        toJSON: () => ({ recordType, id, values: values() }),
      },
      'search.Result',
      realm.Error,
    );
  };

  const makeResultSet = (def: SearchDefinition) => {
    const columns = def.columns;
    return guardObject(
      {
        columns: realm.adopt(columns.map(makeColumn)),
        each(callback: unknown) {
          if (typeof callback !== 'function') throw fail('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: callback');
          charge(SEARCH_UNITS.each, `ResultSet.each (${def.type})`);
          // ResultSet.each (d:section_457160888671) yields at most 4,000 results; a callback that
          // still asks for more once they are used up gets SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED (the
          // script must narrow the search or use runPaged), never a silently shortened loop.
          const rows = run(def);
          for (let i = 0; i < rows.length; i++) {
            if (i === MAX_EACH) {
              throw fail(
                'SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED',
                `No more than ${MAX_EACH} search results may be returned at one time from ResultSet.each(callback) (this ${def.type} search has ${rows.length}). Please revise your search criteria or modify the callback logic so that no more than ${MAX_EACH} results are returned.`,
              );
            }
            if ((callback as (r: unknown) => unknown)(makeResult(rows[i]!, columns)) !== true) break;
          }
        },
        getRange(options: { start?: unknown; end?: unknown }) {
          const start = Number(options?.start);
          const end = Number(options?.end);
          if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) throw fail('SSS_INVALID_SRCH_RANGE', `Invalid search range: start ${String(options?.start)}, end ${String(options?.end)}`);
          if (end - start > MAX_RANGE) throw fail('SSS_INVALID_SRCH_RANGE', `getRange returns at most ${MAX_RANGE} results per call (asked for ${end - start})`);
          charge(SEARCH_UNITS.getRange, `ResultSet.getRange (${def.type})`);
          return realm.adopt(run(def).slice(start, end).map((row) => makeResult(row, columns)));
        },
      },
      'search.ResultSet',
      realm.Error,
    );
  };

  const makePagedData = (def: SearchDefinition, pageSize: number) => {
    const rows = run(def);
    const count = rows.length;
    const pages = Math.ceil(count / pageSize);
    const pageRanges = Array.from({ length: pages }, (_, index) => {
      const from = index * pageSize + 1;
      const to = Math.min(count, (index + 1) * pageSize);
      return guardObject({ index, compoundLabel: `${from} – ${to}`, label: `${from} – ${to}` }, 'search.PageRange', realm.Error);
    });
    const pagedData: Record<string, unknown> = {
      count,
      pageSize,
      pageRanges: realm.adopt(pageRanges),
      searchDefinition: undefined,
      fetch(options: { index?: unknown } | number) {
        const index = Number(typeof options === 'object' ? options?.index : options);
        if (!Number.isInteger(index) || index < 0 || index >= pages) throw fail('INVALID_PAGE_RANGE', `Invalid page range: ${String(index)} (pages 0…${pages - 1})`);
        charge(SEARCH_UNITS.fetch, `PagedData.fetch (${def.type})`);
        const current = run(def).slice(index * pageSize, (index + 1) * pageSize);
        const page: Record<string, unknown> = {
          data: realm.adopt(current.map((row) => makeResult(row, def.columns))),
          isFirst: index === 0,
          isLast: index === pages - 1,
          pageRange: pageRanges[index],
          pagedData: undefined,
          next: () => (pagedData.fetch as (o: { index: number }) => unknown)({ index: index + 1 }),
          prev: () => (pagedData.fetch as (o: { index: number }) => unknown)({ index: index - 1 }),
        };
        page.pagedData = exposedPaged;
        return guardObject(page, 'search.Page', realm.Error);
      },
    };
    const exposedPaged = guardObject(pagedData, 'search.PagedData', realm.Error);
    return exposedPaged;
  };

  const makeSearch = (initial: SearchDefinition) => {
    const def = { ...initial };
    const search: Record<string, unknown> = {
      get searchType() {
        return def.type;
      },
      get searchId() {
        return def.internalId ?? -1;
      },
      get id() {
        return def.scriptId;
      },
      set id(value: unknown) {
        def.scriptId = typeof value === 'string' ? value : undefined;
      },
      get title() {
        return def.title;
      },
      set title(value: unknown) {
        def.title = String(value ?? '');
      },
      get isPublic() {
        return def.isPublic === true;
      },
      set isPublic(value: unknown) {
        def.isPublic = value === true;
      },
      settings: realm.adopt([]),
      get filterExpression() {
        return realm.adopt(expressionOf(def.filters));
      },
      set filterExpression(value: unknown) {
        def.filters = parseFilters(value, fail);
      },
      get filters() {
        return realm.adopt(leaves(def.filters).map((l) => makeFilter(l.name, l.join, l.operator, l.values, l.formula)));
      },
      set filters(value: unknown) {
        def.filters = parseFilters(value, fail);
      },
      get columns() {
        return realm.adopt(def.columns.map(makeColumn));
      },
      set columns(value: unknown) {
        def.columns = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(columnSpec);
      },
      run() {
        validate(def);
        return makeResultSet({ ...def, columns: [...def.columns] });
      },
      runPaged(options: { pageSize?: unknown } = {}) {
        const pageSize = options?.pageSize === undefined ? 50 : Number(options.pageSize);
        if (!Number.isInteger(pageSize) || pageSize < 5 || pageSize > 1000) throw fail('INVALID_PAGE_SIZE', `runPaged pageSize must be 5…1000 (got ${String(options?.pageSize)})`);
        charge(SEARCH_UNITS.runPaged, `Search.runPaged (${def.type})`);
        return makePagedData({ ...def, columns: [...def.columns] }, pageSize);
      },
      save() {
        charge(SEARCH_UNITS.save, 'Search.save');
        validate(def);
        if (!def.title) throw fail('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: title (a saved search needs a title)');
        const store = savedSearches(account);
        if (def.scriptId && !/^customsearch[a-z0-9_]*$/.test(def.scriptId)) throw fail('INVALID_ID', `Saved search ids start with customsearch: ${def.scriptId}`);
        const existing = [...store.byId.values()].find((s) => s.scriptId === def.scriptId && def.scriptId);
        const internalId = def.internalId ?? existing?.internalId ?? store.next++;
        def.internalId = internalId;
        def.scriptId ??= `customsearch${internalId}`;
        store.byId.set(internalId, structuredClone({ ...def }));
        return internalId;
      },
      toJSON: () => ({ type: def.type, id: def.scriptId, searchId: def.internalId, title: def.title, filterExpression: expressionOf(def.filters), columns: def.columns }),
    };
    const exposed = guardObject(search, 'search.Search', realm.Error);
    searchStates.set(exposed, { definition: () => structuredClone(def), account });
    return exposed;
  };

  const makeFilter = (name: string, join: string | undefined, operator: string, values: unknown[], formula?: string) =>
    guardObject(
      { name, join, operator, values: realm.adopt([...values]), formula, summary: undefined, isor: false, isnot: false, leftparens: 0, rightparens: 0, toJSON: () => ({ name, join, operator, values, ...(formula ? { formula } : {}) }) },
      'search.Filter',
      realm.Error,
    );

  const requireOptions = (options: unknown, name: string): Record<string, unknown> => {
    if (!options || typeof options !== 'object') throw fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: options.${name}`);
    const o = options as Record<string, unknown>;
    if (o[name] === undefined || o[name] === null || o[name] === '') throw fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
    return o;
  };

  const create = (options: unknown) => {
    const o = requireOptions(options, 'type');
    const type = String(o.type).toLowerCase();
    typesOf(type);
    const def: SearchDefinition = {
      type,
      filters: parseFilters(o.filters, fail),
      columns: (Array.isArray(o.columns) ? o.columns : o.columns === undefined ? [] : [o.columns]).map(columnSpec),
      title: typeof o.title === 'string' ? o.title : '',
      scriptId: typeof o.id === 'string' ? o.id : undefined,
      internalId: undefined,
      isPublic: o.isPublic === true,
    };
    validate(def);
    return makeSearch(def);
  };

  const load = (options: unknown) => {
    const o = requireOptions(options, 'id');
    charge(SEARCH_UNITS.load, 'search.load');
    const found = findSaved(account, o.id);
    if (!found) throw fail('INVALID_SEARCH', `That search or mass update does not exist: ${String(o.id)}`);
    return makeSearch(structuredClone(found));
  };

  const deleteSearch = (options: unknown) => {
    const o = requireOptions(options, 'id');
    charge(SEARCH_UNITS.delete, 'search.delete');
    const found = findSaved(account, o.id);
    if (!found) throw fail('INVALID_SEARCH', `That search or mass update does not exist: ${String(o.id)}`);
    savedSearches(account).byId.delete(found.internalId!);
  };

  const lookupFields = (options: unknown) => {
    const o = requireOptions(options, 'type');
    requireOptions(options, 'id');
    requireOptions(options, 'columns');
    charge(SEARCH_UNITS.lookupFields, 'search.lookupFields');
    const defs = typesOf(String(o.type));
    const columns = (Array.isArray(o.columns) ? o.columns : [o.columns]).map((c) => String(c));
    const specs = columns.map(columnSpec);
    for (const spec of specs) resolveField(repo, defs, spec.name, spec.join, fail, 'column');
    const id = String(o.id);
    const record = defs.map((d) => repo.get(d.type, id)).find((r) => r !== undefined);
    const out: Record<string, unknown> = {};
    if (!record) return realm.adopt(out);
    const row: SearchRow = { record, def: repo.catalog.get(record.type)!, line: undefined, mainline: true };
    specs.forEach((spec, i) => {
      const rv = readRow(repo, row, spec.name, spec.join);
      const key = columns[i]!;
      if (!rv) {
        out[key] = '';
        return;
      }
      if (rv.field.kind === 'select' || rv.field.kind === 'multiselect') {
        const keys = Array.isArray(rv.stored) ? rv.stored.map(String) : isEmptyValue(rv.stored) ? [] : [String(rv.stored)];
        out[key] = keys.map((k) => ({ value: k, text: rv.field.selectType === 'internalid' ? k : repo.selectText(rv.field, k) }));
      } else {
        out[key] = resultValue(rv);
      }
    });
    return realm.adopt(out);
  };

  const createColumn = (options: unknown) => makeColumn(columnSpec(requireOptions(options, 'name')));
  const createFilter = (options: unknown) => {
    const o = requireOptions(options, 'name');
    requireOptions(options, 'operator');
    const node = parseFilters([{ name: o.name, join: o.join, operator: o.operator, values: o.values, formula: o.formula, summary: o.summary }], fail);
    const leaf = leaves(node)[0]!;
    return makeFilter(leaf.name, leaf.join, leaf.operator, leaf.values, leaf.formula);
  };

  return {
    Type,
    Operator,
    Sort: Object.freeze({ ASC: 'ASC', DESC: 'DESC', NONE: 'NONE' }),
    Summary: Object.freeze({ GROUP: 'GROUP', COUNT: 'COUNT', SUM: 'SUM', AVG: 'AVG', MIN: 'MIN', MAX: 'MAX' }),
    create,
    load,
    delete: deleteSearch,
    lookupFields,
    createColumn,
    createFilter,
  };
}

/** A saved search of the account as stored (a copy), by script id or internal id: for tests. */
export function savedSearchDefinition(account: Account, id: string | number): SearchDefinition | undefined {
  const found = findSaved(account, id);
  return found && structuredClone(found);
}

function findSaved(account: Account, id: unknown): SearchDefinition | undefined {
  const store = savedSearches(account);
  if (typeof id === 'number' || /^\d+$/.test(String(id))) return store.byId.get(Number(id));
  return [...store.byId.values()].find((s) => s.scriptId === id);
}

/**
 * For the Map/Reduce driver: the key/value pairs NetSuite feeds `map` when getInputData returns
 * a search (a Search object, or { type: 'search', id }). Keys are internal ids; values are the
 * JSON NetSuite writes: { recordType, id, values: { column: 'text' | { value, text } } }.
 * Returns undefined when `input` is not a search.
 */
export function mapReduceInputFromSearch(account: Account, input: unknown): { key: string; value: string }[] | undefined {
  let definition: SearchDefinition | undefined;
  const state = typeof input === 'object' && input !== null ? searchStates.get(input) : undefined;
  if (state) definition = state.definition();
  else if (typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'search') {
    definition = findSaved(account, (input as { id?: unknown }).id);
    if (!definition) throw new Error(`getInputData returned { type: 'search', id: ${String((input as { id?: unknown }).id)} }, which is no saved search`);
  }
  if (!definition) return undefined;
  const repo = account.repo;
  const defs = repo.catalog.concreteTypes(definition.type);
  if (definition.columns.some((c) => c.summary)) throw new Error('not implemented in the test double: a summary search as Map/Reduce input');
  const rows = rowsOf(repo, defs, joinsOf(definition)).filter((row) => matches(repo, row, definition!.filters, account.now(), (n, m) => new Error(`${n}: ${m}`)));
  return rows.map((row) => {
    const values: Record<string, unknown> = {};
    for (const c of definition!.columns) {
      let rv: RowValue | undefined;
      try {
        rv = c.formula ? formulaRowValue(repo, row, c.name, c.formula, account.now()) : readRow(repo, row, c.name, c.join);
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        rv = { field: { id: c.name, kind: 'text', label: c.name }, stored: INVALID_EXPRESSION };
      }
      const key = c.join ? `${c.name}.${c.join}` : c.name;
      if (!rv) continue;
      const text = resultText(repo, rv);
      values[key] = text !== null && (rv.field.kind === 'select' || rv.field.kind === 'multiselect') ? { value: resultValue(rv), text } : resultValue(rv);
    }
    return { key: String(row.record.id), value: JSON.stringify({ recordType: row.def.type, id: String(row.record.id), values }) };
  });
}
