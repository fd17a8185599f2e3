// Formula columns and filters (a documented Oracle SQL subset, search/formula.ts) and summary
// columns, through the real N/search of a script.
import { describe, expect, it } from 'vitest';
import { coreDouble, probe, seedBasics } from './core-fixtures.js';
import { evaluate, parseFormula } from './search/formula.js';

function logs() {
  const ns = coreDouble();
  const b = seedBasics(ns);
  const seed = (name: string, event: string | undefined, count: number | undefined) =>
    ns.seed('customrecord_core_log', { fields: { name, ...(event ? { custrecord_core_log_event: event } : {}), ...(count !== undefined ? { custrecord_core_log_count: count } : {}) } }, { ignoreMandatoryFields: true });
  const ids = [seed('a', 'ship', 3), seed('b', 'ship', 4), seed('c', undefined, undefined), seed('d', 'create', 10)];
  return { ns, b, ids };
}

type Row = { id: string; getValue(c: unknown): unknown };

describe('formula columns and filters', () => {
  it('formulatext / formulanumeric columns: CASE WHEN, NVL, ||, arithmetic, {field} references', () => {
    const { ns } = logs();
    const rows = probe(ns, ({ search }) => {
      const label = search.createColumn({ name: 'formulatext', formula: "CASE WHEN {custrecord_core_log_event} = 'ship' THEN 'shipped: ' || {name} ELSE NVL({custrecord_core_log_event}, 'none') END" });
      const twice = search.createColumn({ name: 'formulanumeric', formula: 'NVL({custrecord_core_log_count}, 0) * 2 + 1' });
      return search
        .create({ type: 'customrecord_core_log', columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), label, twice] })
        .run()
        .getRange({ start: 0, end: 10 })
        .map((r: Row) => [r.getValue(label), r.getValue(twice)]);
    });
    expect(rows).toEqual([
      ['shipped: a', '7'],
      ['shipped: b', '9'],
      ['none', '1'],
      ['create', '21'],
    ]);
  });

  it('formula filters, in expressions ("formulanumeric: …") and as Filter objects', () => {
    const { ns, ids } = logs();
    const found = (filters: unknown[]) =>
      probe(ns, ({ search }) => search.create({ type: 'customrecord_core_log', filters }).run().getRange({ start: 0, end: 10 }).map((r: Row) => Number(r.id)));
    expect(found([['formulanumeric: CASE WHEN {custrecord_core_log_event} IS NULL THEN 1 ELSE 0 END', 'equalto', 1]])).toEqual([ids[2]]);
    expect(found([['formulatext: UPPER(SUBSTR({name}, 1, 1))', 'is', 'B']])).toEqual([ids[1]]);
    expect(probe(ns, ({ search }) => search.create({ type: 'customrecord_core_log', filters: [search.createFilter({ name: 'formulanumeric', formula: '{custrecord_core_log_count}', operator: search.Operator.GREATERTHAN, values: [3] })] }).run().getRange({ start: 0, end: 10 }).map((r: Row) => Number(r.id)))).toEqual([ids[1], ids[3]]);
  });

  it('formuladate and TO_CHAR / TRUNC of dates; list fields read as their text', () => {
    const { ns, b } = logs();
    const rows = probe(ns, ({ search }) => {
      const day = search.createColumn({ name: 'formuladate', formula: 'TRUNC({trandate}) + 1' });
      const ymd = search.createColumn({ name: 'formulatext', formula: "TO_CHAR({trandate}, 'YYYY-MM-DD') || ' ' || {entity}" });
      return search.create({ type: 'salesorder', filters: [['mainline', 'is', 'T'], 'and', ['internalid', 'anyof', b.salesOrder]], columns: [day, ymd] }).run().getRange({ start: 0, end: 1 }).map((r: Row) => [r.getValue(day), r.getValue(ymd)]);
    });
    expect(rows).toEqual([['3/10/2026', '2026-03-09 Acme Corp']]);
  });

  it('refuses bad SQL and unknown fields as NetSuite does, and SQL outside the subset as not modelled', () => {
    const { ns } = logs();
    const column = (formula: string) => () => probe(ns, ({ search }) => search.create({ type: 'customrecord_core_log', columns: [search.createColumn({ name: 'formulatext', formula })] }));
    expect(column("CASE WHEN {name} = 'a' THEN 'x'")).toThrow(/Invalid Expression.*expected END/);
    expect(column('{custrecord_nope}')).toThrow(/invalid column.*custrecord_nope/);
    expect(column("REGEXP_SUBSTR({name}, 'a')")).toThrow(/not implemented in the test double: the SQL function REGEXP_SUBSTR/);
    expect(() => probe(ns, ({ search }) => search.create({ type: 'customrecord_core_log', columns: [search.createColumn({ name: 'formulatext' })] }))).toThrow(/needs its formula/);
    // A formula that fails on a row shows NetSuite's cell text, not an exception.
    const bad = probe(ns, ({ search }) => {
      const col = search.createColumn({ name: 'formulanumeric', formula: 'TO_NUMBER({name})' });
      return search.create({ type: 'customrecord_core_log', columns: [col] }).run().getRange({ start: 0, end: 1 })[0].getValue(col);
    });
    expect(bad).toBe('ERROR: Invalid Expression');
  });

  it('the evaluator follows Oracle: empty text is NULL, NULL spreads, CASE without ELSE gives NULL', () => {
    const run = (sql: string) => evaluate(parseFormula(sql), { read: () => null, now: () => 0 });
    expect(run("NVL('', 'x')")).toBe('x');
    expect(run('1 + NULL')).toBeNull();
    expect(run("CASE WHEN NULL = NULL THEN 'eq' END")).toBeNull();
    expect(run("DECODE(NULL, NULL, 'null matches in DECODE', 'no')")).toBe('null matches in DECODE');
    expect(run("'a' || NULL || 'b'")).toBe('ab');
  });
});

describe('summary columns', () => {
  it('GROUP, COUNT, SUM, MIN, MAX over the grouped rows; results have no id', () => {
    const { ns } = logs();
    const rows = probe(ns, ({ search }) => {
      const group = search.createColumn({ name: 'custrecord_core_log_event', summary: search.Summary.GROUP, sort: search.Sort.ASC });
      const count = search.createColumn({ name: 'internalid', summary: search.Summary.COUNT });
      const sum = search.createColumn({ name: 'custrecord_core_log_count', summary: search.Summary.SUM });
      const max = search.createColumn({ name: 'name', summary: search.Summary.MAX });
      return search
        .create({ type: 'customrecord_core_log', columns: [group, count, sum, max] })
        .run()
        .getRange({ start: 0, end: 10 })
        .map((r: Row) => [r.id, r.getValue(group), r.getValue(count), r.getValue(sum), r.getValue(max)]);
    });
    expect(rows).toEqual([
      [undefined, '', '1', '', 'c'],
      [undefined, 'create', '1', '10', 'd'],
      [undefined, 'ship', '2', '7', 'b'],
    ]);
  });

  it('a summary search needs a summary on every column', () => {
    const { ns } = logs();
    expect(() =>
      probe(ns, ({ search }) =>
        search.create({ type: 'customrecord_core_log', columns: [search.createColumn({ name: 'name', summary: search.Summary.GROUP }), 'custrecord_core_log_count'] }).run().getRange({ start: 0, end: 1 }),
      ),
    ).toThrow(/every column needs a summary type/);
  });
});
