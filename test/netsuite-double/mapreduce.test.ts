// The Map/Reduce driver against a minimal account whose "script" is a plain object of stage
// functions: the driver's own rules (serialisation, shuffle, retries, restarts, governance, the
// summary) are tested here; fixture scripts through the real sandbox are in io-scenarios.test.ts.
import { describe, expect, it } from 'vitest';
import { fakeAccount, type FakeEntryPoint } from './io/fake-account.js';
import { runMapReduce, type RunMapReduceOptions } from './mapreduce.js';

type Stage = FakeEntryPoint;

function accountWith(script: Record<string, Stage | object>) {
  const account = fakeAccount({ customscript_io_mr: { scriptType: 'MapReduceScript', exports: script } });
  const calls = {
    map: <T>(fn: (c: { entryPoint: string; label: string | undefined; limit: number }) => T) =>
      account.invocations.map((r) => fn({ entryPoint: r.entryPoint, label: r.label, limit: r.usageLimit })),
  };
  return { account, calls };
}

const run = (script: Record<string, Stage | object>, options: Partial<RunMapReduceOptions> = {}) => {
  const { account, calls } = accountWith(script);
  return { result: runMapReduce(account, { scriptId: 'customscript_io_mr', ...options }), calls };
};

/** Collects what an iterator container gives. */
function collect(container: { iterator(): { each(cb: (...row: any[]) => boolean): void } }): unknown[][] {
  const rows: unknown[][] = [];
  container.iterator().each((...row) => {
    rows.push(row);
    return true;
  });
  return rows;
}

describe('runMapReduce', () => {
  it('serialises, maps, shuffles by sorted key, reduces, and summarises', () => {
    let summary: any;
    const mapSeen: [string, string][] = [];
    const { result, calls } = run({
      getInputData: () => ['b a', { text: 'c a' }, 'a'],
      map(context) {
        mapSeen.push([context.key, context.value]);
        const text = context.value.startsWith('{') ? JSON.parse(context.value).text : context.value;
        for (const word of text.split(' ')) context.write(word, { n: 1 });
      },
      reduce(context) {
        context.write({ key: context.key, value: String(context.values.map((v: string) => JSON.parse(v).n).reduce((a: number, b: number) => a + b)) });
      },
      summarize(s) {
        summary = s;
      },
    });
    expect(mapSeen).toEqual([['0', 'b a'], ['1', '{"text":"c a"}'], ['2', 'a']]);
    expect(result.shuffle).toEqual([
      { key: 'a', values: ['{"n":1}', '{"n":1}', '{"n":1}'] },
      { key: 'b', values: ['{"n":1}'] },
      { key: 'c', values: ['{"n":1}'] },
    ]);
    expect(result.output).toEqual([{ key: 'a', value: '3' }, { key: 'b', value: '1' }, { key: 'c', value: '1' }]);
    expect(collect(summary.output)).toEqual([['a', '3'], ['b', '1'], ['c', '1']]);
    expect(collect(summary.mapSummary.keys)).toEqual([['0', 1, 'COMPLETE'], ['1', 1, 'COMPLETE'], ['2', 1, 'COMPLETE']]);
    expect(collect(summary.reduceSummary.errors)).toEqual([]);
    expect(summary.inputSummary.error).toBeNull();
    expect(summary.isRestarted).toBe(false);
    expect(calls.map((c) => [c.entryPoint, c.limit])).toEqual([
      ['getInputData', 10_000], ['map', 1_000], ['map', 1_000], ['map', 1_000],
      ['reduce', 5_000], ['reduce', 5_000], ['reduce', 5_000], ['summarize', 10_000],
    ]);
  });

  it('takes object input, search results as {recordType, id, values} JSON, and skips absent stages', () => {
    const search = {
      searchType: 'itemfulfillment',
      run: () => ({
        each(cb: (r: unknown) => boolean) {
          for (const id of ['11', '12']) {
            if (!cb({ id, recordType: 'itemfulfillment', values: { tranid: `IF${id}` } })) return;
          }
        },
      }),
    };
    const seen: string[] = [];
    const fromSearch = run({ getInputData: () => search, map: (c) => void seen.push(`${c.key}=${c.value}`) });
    expect(seen).toEqual([
      '11={"recordType":"itemfulfillment","id":"11","values":{"tranid":"IF11"}}',
      '12={"recordType":"itemfulfillment","id":"12","values":{"tranid":"IF12"}}',
    ]);
    expect(fromSearch.result.reduce).toBeUndefined();

    const reduceOnly = run({ getInputData: () => ({ x: 1, y: 'two' }), reduce: (c) => c.write(c.key, c.values.join('|')) });
    expect(reduceOnly.result.map).toBeUndefined();
    expect(reduceOnly.result.output).toEqual([{ key: 'x', value: '1' }, { key: 'y', value: 'two' }]);
  });

  it('records map errors per key, retries per config.retryCount, and shows earlier errors to the retry', () => {
    let attempts = 0;
    const seenErrors: unknown[][] = [];
    const script = {
      config: { retryCount: 2 },
      getInputData: () => ['ok', 'flaky'],
      map(c: any) {
        if (c.value === 'flaky') {
          attempts++;
          seenErrors.push(collect(c.errors).map((row) => [row[0], JSON.parse(row[1] as string).name, row[2]]));
          c.write('partial', 'must be discarded');
          if (c.executionNo < 3) throw Object.assign(new Error('upstream down'), { name: 'RELAY_DOWN' });
        }
        c.write(c.value, String(c.executionNo));
      },
    };
    const { result } = run(script);
    expect(attempts).toBe(3);
    expect(seenErrors).toEqual([[], [['1', 'RELAY_DOWN', 1]], [['1', 'RELAY_DOWN', 1], ['1', 'RELAY_DOWN', 2]]]);
    expect(result.map!.errors.map((e) => [e.key, e.name, e.executionNo])).toEqual([['1', 'RELAY_DOWN', 1], ['1', 'RELAY_DOWN', 2]]);
    expect(result.output.filter((p) => p.key === 'partial')).toHaveLength(1); // only the successful run's write
    expect(result.map!.keys.get('1')).toEqual({ executionCount: 3, state: 'COMPLETE' });
  });

  it('does not retry by default, and exitOnError skips the rest of the stage and reduce', () => {
    const failing = { getInputData: () => ['a', 'bad', 'c'], map: (c: any) => { if (c.value === 'bad') throw new Error('no'); c.write(c.value, 1); }, reduce: (c: any) => c.write(c.key, c.values.length) };
    const plain = run(failing).result;
    expect(plain.map!.keys.get('1')).toEqual({ executionCount: 1, state: 'FAILED' });
    expect(plain.output.map((p) => p.key)).toEqual(['a', 'c']);
    const exiting = run({ ...failing, config: { exitOnError: true } }).result;
    expect(exiting.map!.exited).toBe(true);
    expect(exiting.map!.keys.has('2')).toBe(false);
    expect(exiting.reduce).toBeUndefined();
  });

  it("gives each stage call its own governance: SSS_USAGE_LIMIT_EXCEEDED is that key's error", () => {
    const { result } = run({
      getInputData: () => [400, 1_001, 900],
      map: (c, env) => { env.charge(Number(c.value)); c.write(c.key, c.value); },
      reduce: (c, env) => env.charge(4_900),
    });
    expect(result.map!.errors.map((e) => [e.key, e.name])).toEqual([['1', 'SSS_USAGE_LIMIT_EXCEEDED']]);
    expect(result.map!.usage).toBe(1_300);
    expect(result.reduce!.errors).toEqual([]);
    expect(result.reduce!.usage).toBe(9_800);
  });

  it('counts a yield after 10,000 units used in a stage', () => {
    const { result } = run({ getInputData: () => Array.from({ length: 25 }, (_, i) => i), map: (_c, env) => env.charge(900) });
    expect(result.map!.usage).toBe(22_500);
    expect(result.map!.yields).toBe(2);
    expect(result.yields).toBe(2);
  });

  it('a restart re-runs the unfinished pairs with isRestarted, so idempotent scripts give the same output', () => {
    const created = new Map<string, number>(); // the "records" a map call creates
    const sideEffects: string[] = [];
    const script = {
      getInputData: () => ['p', 'q', 'r', 's'],
      map(c: any) {
        sideEffects.push(`${c.value}:${c.executionNo}:${c.isRestarted}`);
        if (!(c.isRestarted && created.has(c.value))) created.set(c.value, (created.get(c.value) ?? 0) + 1);
        c.write(c.value, 'done');
      },
    };
    let summary: any;
    const { result } = run({ ...script, summarize: (s: any) => { summary = s; } }, { interruptions: [{ stage: 'map', afterCalls: 1, lost: 2 }] });
    expect(sideEffects).toEqual(['p:1:false', 'q:1:false', 'r:1:false', 'q:2:true', 'r:2:true', 's:1:false']);
    expect([...created.values()]).toEqual([1, 1, 1, 1]);
    expect(result.restarts).toBe(1);
    expect(result.output.map((p) => p.key)).toEqual(['p', 'q', 'r', 's']);
    expect(collect(summary.mapSummary.errors).map((row) => [row[0], JSON.parse(row[1] as string).name, row[2]])).toEqual([
      ['1', 'SSS_APP_SERVER_RESTART', 1],
      ['2', 'SSS_APP_SERVER_RESTART', 1],
    ]);
    expect(collect(summary.mapSummary.keys)).toContainEqual(['1', 2, 'COMPLETE']);
  });

  it('an error in getInputData goes to inputSummary.error and straight to summarize', () => {
    let summary: any;
    const { result, calls } = run({
      getInputData: () => { throw Object.assign(new Error('search failed'), { name: 'SSS_SEARCH_ERROR' }); },
      map: () => undefined,
      summarize: (s: any) => { summary = s; },
    });
    expect(JSON.parse(summary.inputSummary.error)).toMatchObject({ name: 'SSS_SEARCH_ERROR', message: 'search failed' });
    expect(result.map).toBeUndefined();
    expect(calls.map((c) => c.entryPoint)).toEqual(['getInputData', 'summarize']);
  });

  it('refuses keys over 3,000 characters', () => {
    const { result } = run({ getInputData: () => ['x'], map: (c: any) => c.write('k'.repeat(3_001), 'v') });
    expect(result.map!.errors[0]).toMatchObject({ name: 'KEY_LENGTH_IS_OVER_3000_BYTES' });
  });
});
