// The Map/Reduce driver: runs a deployed MapReduceScript through its stages as NetSuite does
// (getInputData → map → shuffle → reduce → summarize), one entry-point invocation per stage call,
// each with its own governance (getInputData 10,000, map 1,000 per call, reduce 5,000 per call,
// summarize 10,000), and returns everything a test may want to assert on.
//
// Semantics kept from NetSuite (Help: Map/Reduce Script Error Handling, System Response After a
// Map/Reduce Interruption, mapContext/reduceContext/summaryContext):
// - keys are strings; non-string values are JSON-serialised; a search result becomes the JSON of
//   {recordType, id, values} with the result id as key; keys longer than 3,000 characters fail;
// - an uncaught error ends that call only: it is recorded per key (serialised, with executionNo),
//   its writes are discarded, and the pair is retried up to `config.retryCount` times (default 0);
//   with `config.exitOnError` the stage stops there and the job goes to summarize;
// - an error in getInputData goes to inputSummary.error and the job goes to summarize;
// - a simulated application-server restart (`interruptions`) loses the completion of the calls it
//   cuts: their writes are discarded and they run again with isRestarted true and
//   SSS_APP_SERVER_RESTART in context.errors (unless retryCount is 0, then they fail);
// - the job yields after 10,000 units used in a stage since its last yield (counted, not slept);
// - a value over 10 MB fails with VALUE_LENGTH_IS_OVER_10_MB (d:chapter_N3350651);
// - a stage call past its time limit (getInputData 3,600 s, map 300 s, reduce 900 s, summarize
//   3,600 s on the account clock, d:section_161591009480) fails with SSS_TIME_LIMIT_EXCEEDED;
// - one instance per deployment at a time; map and reduce calls run in parallel up to the
//   deployment's concurrency limit (SDF concurrencylimit, default 1): the driver runs them in
//   rounds of that many, in input order for map and in sorted key order for reduce, and the calls
//   of a round overlap as parallel-jobs.ts describes (a record two of them update collides with
//   RCRD_HAS_BEEN_CHANGED). A retried call starts a new round. A run is deterministic.
import type { AccountServices, InvocationRecord, InvocationResult, RunEntryPointRequest, ScriptRunContext } from './types.js';
import { inScriptRealm, ioError, scriptFacing } from './io/errors.js';
import { ioStateOf } from './io/io-state.js';
import { findDeployment, findScript } from './io/scripts.js';

export const STAGE_USAGE_LIMITS = { getInputData: 10_000, map: 1_000, reduce: 5_000, summarize: 10_000 } as const;
/** Units a stage may use before its job yields (NetSuite: 10,000). */
export const YIELD_AFTER_UNITS = 10_000;
export const MAX_KEY_LENGTH = 3_000;
/** Largest value a stage may write (NetSuite: 10 MB). */
export const MAX_VALUE_BYTES = 10 * 1024 * 1024;
/** Time limit of one call per stage, in seconds (d:section_161591009480). */
export const STAGE_TIME_LIMITS_S = { getInputData: 3_600, map: 300, reduce: 900, summarize: 3_600 } as const;

export type StageName = keyof typeof STAGE_USAGE_LIMITS;

/** A simulated application-server restart inside a stage. */
export interface Interruption {
  stage: StageName;
  /**
   * For map/reduce: how many calls of the stage complete before the restart; the next `lost`
   * calls (default 1) run, but the restart hits before they are marked complete. For
   * getInputData/summarize: the stage runs once, is cut, and runs again.
   */
  afterCalls?: number;
  lost?: number;
}

export interface RunMapReduceOptions {
  scriptId: string;
  deploymentId?: string;
  /** Script parameter values for this run (custscript_* → value), as task.params sets them. */
  params?: Record<string, unknown>;
  interruptions?: Interruption[];
  /** Overrides the script's exported `config` (retryCount 0-3, exitOnError). */
  config?: MapReduceConfig;
  /** Map/reduce calls that run at the same time; default the deployment's concurrencylimit (SDF default 1). */
  concurrency?: number;
}

export interface MapReduceConfig {
  retryCount?: number;
  exitOnError?: boolean;
}

export interface KeyError {
  key: string;
  /** The serialised error, as summary iterators give it. */
  error: string;
  name: string;
  message: string;
  executionNo: number;
}

export type CompletionState = 'COMPLETE' | 'FAILED' | 'PENDING';

export interface StageReport {
  /** Entry-point calls made (retries and restarted calls included). */
  invocations: number;
  usage: number;
  yields: number;
  seconds: number;
  dateCreated: Date;
  /** Per key: how many times it ran and how it ended. */
  keys: Map<string, { executionCount: number; state: CompletionState }>;
  errors: KeyError[];
  /** What the stage's completed calls wrote. */
  writes: { key: string; value: string }[];
  /** Whether exitOnError ended the stage early. */
  exited: boolean;
}

export interface MapReduceRun {
  scriptId: string;
  deploymentId: string;
  input: {
    pairs: { key: string; value: string }[];
    error: KeyError | undefined;
    usage: number;
    seconds: number;
    dateCreated: Date;
    invocations: number;
  };
  map: StageReport | undefined;
  /** Reduce input: keys sorted, values in write order. */
  shuffle: { key: string; values: string[] }[];
  reduce: StageReport | undefined;
  /** What the summary's output iterator gives. */
  output: { key: string; value: string }[];
  summarize: { invoked: boolean; error: { name: string; message: string } | undefined; usage: number };
  /** Simulated restarts that happened. */
  restarts: number;
  yields: number;
  /** Every entry-point call of the run, in order. */
  invocations: InvocationRecord[];
}

interface Pair {
  key: string;
  value: string;
}

function serialiseValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function checkValue(value: string): string {
  if (value.length > MAX_VALUE_BYTES / 4 && Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) {
    throw ioError('VALUE_LENGTH_IS_OVER_10_MB', `A Map/Reduce value must be at most 10 MB (this one is ${Buffer.byteLength(value, 'utf8')} bytes).`);
  }
  return value;
}

function checkKey(key: string): string {
  if (key.length > MAX_KEY_LENGTH) {
    throw ioError('KEY_LENGTH_IS_OVER_3000_BYTES', `A Map/Reduce key must be at most ${MAX_KEY_LENGTH} characters.`);
  }
  return key;
}

/** What error iterators hold: JSON of the SuiteScriptError (a plain Error gets the same shape). */
export function serialiseError(thrown: unknown): KeyError['error'] {
  const e = (typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }) as Record<string, unknown>;
  const stack = typeof e.stack === 'string' ? e.stack.split('\n').slice(1).map((s) => s.trim()) : [];
  return JSON.stringify({
    type: typeof e.type === 'string' ? e.type : 'error.SuiteScriptError',
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(thrown),
    stack,
    cause: e.cause ?? null,
    id: typeof e.id === 'string' ? e.id : '',
    notifyOff: e.notifyOff === true,
    userFacing: e.userFacing !== false,
  });
}

function keyError(key: string, thrown: unknown, executionNo: number): KeyError {
  const error = serialiseError(thrown);
  const { name, message } = JSON.parse(error) as { name: string; message: string };
  return { key, error, name, message, executionNo };
}

const RESTART_ERROR = JSON.stringify({
  type: 'error.SuiteScriptError',
  name: 'SSS_APP_SERVER_RESTART',
  message: 'The application server was restarted while this key was being processed.',
  stack: [],
  cause: null,
  id: '',
  notifyOff: false,
  userFacing: false,
});

/** An iterator container ({iterator: () => {each}}) as the summary and contexts give them. */
function iteratorOf<T extends unknown[]>(rows: () => T[]) {
  return Object.freeze({
    iterator: () =>
      Object.freeze({
        each(callback: (...row: T) => unknown) {
          // As with NetSuite's iterators, anything but `true` stops the iteration.
          for (const row of rows()) if (callback(...row) !== true) break;
        },
      }),
  });
}

/** Converts what getInputData returned into key/value pairs. */
function inputPairs(value: unknown, account: AccountServices): Pair[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map((v, i) => ({ key: String(i), value: serialiseValue(v) }));
  if (typeof value !== 'object') {
    throw ioError('SSS_INVALID_INPUT_DATA', `getInputData returned a ${typeof value}: return an array, an object, a search or a reference.`);
  }
  // Read with `in` first: script-facing objects (a Search) throw on reads of members they lack.
  const member = (name: string) => (name in value ? (value as Record<string, unknown>)[name] : undefined);
  const type = member('type');
  if (type === 'file' && (member('id') !== undefined || member('path') !== undefined)) {
    return fileLines(account, (member('id') ?? member('path')) as string | number);
  }
  const isReference = typeof type === 'string' && ['search', 'query', 'suiteql'].includes(type);
  if (isReference || isSearchLike(value)) {
    // The account runs searches and queries itself: no 4,000-result cap, no governance (NetSuite
    // runs the input outside the script's usage).
    const resolver = (account as { resolveMapReduceInput?: (v: unknown) => unknown }).resolveMapReduceInput;
    if (resolver) return searchPairs(resolver.call(account, value) as SearchLike);
    if (isSearchLike(value)) return searchPairs(value);
    throw ioError('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: getInputData returning {type: '${String(type)}'}`);
  }
  return Object.entries(value).map(([k, v]) => ({ key: k, value: serialiseValue(v) }));
}

/** A file as map input: one pair per line, keyed by line number from 0. */
function fileLines(account: AccountServices, idOrPath: string | number): Pair[] {
  const stored = ioStateOf(account).files.load(idOrPath);
  return Buffer.from(stored.bytes)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((line, i, all) => !(i === all.length - 1 && line === ''))
    .map((line, i) => ({ key: String(i), value: line }));
}

interface SearchLike {
  run(): { each(cb: (result: unknown) => boolean): void };
}

function isSearchLike(value: object): value is SearchLike {
  return 'run' in value && typeof (value as { run: unknown }).run === 'function' && ('searchType' in value || 'filters' in value);
}

/** A search's results as map input: key = internal id, value = JSON {recordType, id, values}. */
function searchPairs(search: SearchLike): Pair[] {
  const pairs: Pair[] = [];
  search.run().each((result) => {
    const r = result as { id?: unknown; recordType?: unknown; toJSON?: () => unknown; values?: unknown };
    const json = typeof r.toJSON === 'function' ? r.toJSON() : { recordType: r.recordType, id: r.id, values: r.values };
    pairs.push({ key: String(r.id), value: JSON.stringify(json) });
    return true;
  });
  return pairs;
}

/**
 * Reads a script export through the account (`scriptExport`, provided by the core), or undefined
 * when the account cannot; then optional stages are found by calling them (missing-entry-point).
 */
function readExport(account: AccountServices, scriptId: string, name: string): { value: unknown } | undefined {
  const read = (account as { scriptExport?: (scriptId: string, name: string) => unknown }).scriptExport;
  return read ? { value: read.call(account, scriptId, name) } : undefined;
}

/** Whether the script exports `stage` as a function (undefined: cannot tell). */
function scriptExports(account: AccountServices, scriptId: string, stage: string): boolean | undefined {
  const read = readExport(account, scriptId, stage);
  return read && typeof read.value === 'function';
}

/** The script's exported `config`, when the account can read exports; else no retries. */
function scriptConfig(account: AccountServices, scriptId: string): MapReduceConfig {
  const config = readExport(account, scriptId, 'config')?.value;
  if (typeof config !== 'object' || config === null) return {};
  const { retryCount, exitOnError } = config as MapReduceConfig;
  if (retryCount !== undefined && ![0, 1, 2, 3].includes(retryCount)) {
    throw ioError('INVALID_CONFIG', `config.retryCount must be 0 to 3 (got ${String(retryCount)})`);
  }
  return { ...(retryCount !== undefined ? { retryCount } : {}), ...(exitOnError !== undefined ? { exitOnError } : {}) };
}

function newStage(now: number): StageReport {
  return { invocations: 0, usage: 0, yields: 0, seconds: 0, dateCreated: new Date(now), keys: new Map(), errors: [], writes: [], exited: false };
}

/** Runs one deployed Map/Reduce script to the end and reports what happened. */
export function runMapReduce(account: AccountServices, options: RunMapReduceOptions): MapReduceRun {
  const script = findScript(account, options.scriptId);
  if (!script || script.scriptType !== 'MapReduceScript') {
    throw new Error(`NetSuite double: ${options.scriptId} is not a deployed MapReduceScript of this account`);
  }
  const deployment = findDeployment(script, options.deploymentId);
  if (!deployment) throw new Error(`NetSuite double: ${options.scriptId} has no deployment ${options.deploymentId ?? ''}`);
  const config = options.config ?? scriptConfig(account, script.scriptid);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? Number(deployment.raw?.concurrencylimit ?? 1)) || 1);
  const parallel = account.parallel;
  const interruptions = [...(options.interruptions ?? [])];
  const invocations: InvocationRecord[] = [];
  let restarts = 0;

  /** One stage call; `build` makes the context object inside the invocation (its realm, its errors). */
  const call = (entryPoint: StageName, build: (ctx: ScriptRunContext) => object, label: string): InvocationResult => {
    const request: RunEntryPointRequest = {
      scriptId: script.scriptid,
      deploymentId: deployment.scriptid,
      entryPoint,
      args: (scope) => [build(scope.ctx)],
      executionContext: 'MAPREDUCE',
      usageLimit: STAGE_USAGE_LIMITS[entryPoint],
      timeLimitMs: STAGE_TIME_LIMITS_S[entryPoint] * 1000,
      label,
      ...(options.params ? { parameters: options.params } : {}),
    };
    const result = account.runEntryPoint(request);
    invocations.push(result.invocation);
    return result;
  };

  /** Consumes an interruption of a single-call stage, if one is planned. */
  const cutsWholeStage = (stage: StageName) => {
    const i = interruptions.findIndex((x) => x.stage === stage);
    if (i < 0) return false;
    interruptions.splice(i, 1);
    restarts++;
    return true;
  };

  // ---- getInputData -------------------------------------------------------------------------
  const inputStart = account.now();
  const input: MapReduceRun['input'] = { pairs: [], error: undefined, usage: 0, seconds: 0, dateCreated: new Date(inputStart), invocations: 0 };
  let inputRestarted = false;
  for (;;) {
    const isRestarted = inputRestarted;
    const result = call(
      'getInputData',
      (ctx) => scriptFacing(ctx, Object.freeze({ isRestarted, ObjectRef: Object.freeze({ id: '', type: '' }) }), 'mapReduce.InputContext'),
      'getInputData',
    );
    input.invocations++;
    input.usage += result.invocation.unitsUsed;
    if (cutsWholeStage('getInputData')) {
      inputRestarted = true;
      continue;
    }
    if (result.outcome === 'threw') input.error = keyError('', result.error, 1);
    else if (result.outcome === 'missing-entry-point') input.error = keyError('', ioError('SSS_MISSING_ENTRY_POINT', 'getInputData is required'), 1);
    else {
      try {
        input.pairs = inputPairs(result.value, account).map((p) => ({ key: checkKey(p.key), value: checkValue(p.value) }));
      } catch (error) {
        input.error = keyError('', error, 1);
      }
    }
    break;
  }
  input.seconds = (account.now() - inputStart) / 1000;

  // ---- map, shuffle, reduce -----------------------------------------------------------------
  interface Item {
    key: string;
    arg: (c: StageCallContext, ctx: ScriptRunContext) => object;
    executionNo: number;
    restarted: boolean;
    errors: KeyError[];
  }

  /** Runs map or reduce over its items; undefined when the script does not export that stage. */
  const runStage = (stage: 'map' | 'reduce', items: Pick<Item, 'key' | 'arg'>[]): StageReport | undefined => {
    const exported = scriptExports(account, script.scriptid, stage);
    if (exported === false || (exported === undefined && items.length === 0)) return undefined;
    const report = newStage(account.now());
    const start = account.now();
    const retryCount = config.retryCount ?? 0;
    let sinceYield = 0;
    let completedCalls = 0;
    const queue: Item[] = items.map((item) => ({ ...item, executionNo: 1, restarted: false, errors: [] }));
    /** Calls a planned restart is cutting: they run again once the restart has happened. */
    let lostBatch: Item[] = [];
    const restart = () => {
      restarts++;
      queue.unshift(...lostBatch);
      lostBatch = [];
    };
    let inRound = 0;
    let calls = 0;
    while (queue.length > 0) {
      const item = queue.shift()!;
      if (parallel && concurrency > 1 && (inRound === 0 || inRound >= concurrency || item.executionNo > 1)) {
        parallel.beginRound();
        inRound = 0;
      }
      inRound++;
      parallel?.beginCall(++calls);
      const writes: Pair[] = [];
      const previousErrors = item.errors.map((e) => [e.key, e.error, e.executionNo] as [string, string, number]);
      const build = (ctx: ScriptRunContext) =>
        scriptFacing(
          ctx,
          item.arg({ isRestarted: item.restarted, executionNo: item.executionNo, errors: iteratorOf(() => previousErrors), write: makeWrite(writes) }, ctx),
          stage === 'map' ? 'mapReduce.MapContext' : 'mapReduce.ReduceContext',
        );
      const result = call(stage, build, `${stage} ${item.key}`);
      if (result.outcome === 'missing-entry-point' && report.invocations === 0) {
        invocations.pop(); // probing for an optional stage is not a call the script made
        return undefined;
      }
      report.invocations++;
      report.usage += result.invocation.unitsUsed;
      sinceYield += result.invocation.unitsUsed;
      if (sinceYield >= YIELD_AFTER_UNITS) {
        report.yields++;
        sinceYield = 0;
      }
      const keyState = report.keys.get(item.key) ?? { executionCount: 0, state: 'PENDING' as CompletionState };
      keyState.executionCount++;
      report.keys.set(item.key, keyState);

      // A planned restart cuts this call after it ran: its completion and writes are lost.
      const cut = interruptions.find((x) => x.stage === stage && completedCalls >= (x.afterCalls ?? 0));
      if (cut) {
        const restartError: KeyError = {
          key: item.key,
          error: RESTART_ERROR,
          name: 'SSS_APP_SERVER_RESTART',
          message: 'The application server was restarted while this key was being processed.',
          executionNo: item.executionNo,
        };
        report.errors.push(restartError);
        if (config.retryCount === 0) keyState.state = 'FAILED'; // retryCount 0: no second run
        else lostBatch.push({ ...item, executionNo: item.executionNo + 1, restarted: true, errors: [...item.errors, restartError] });
        cut.lost = (cut.lost ?? 1) - 1;
        if (cut.lost <= 0 || queue.length === 0) {
          interruptions.splice(interruptions.indexOf(cut), 1);
          restart();
        }
        continue;
      }
      completedCalls++;
      if (result.outcome === 'returned') {
        keyState.state = 'COMPLETE';
        report.writes.push(...writes);
        continue;
      }
      const error = keyError(item.key, result.error, item.executionNo);
      report.errors.push(error);
      const failures = item.errors.filter((e) => e.name !== 'SSS_APP_SERVER_RESTART').length + 1;
      if (failures <= retryCount) {
        queue.unshift({ ...item, executionNo: item.executionNo + 1, errors: [...item.errors, error] });
        continue;
      }
      keyState.state = 'FAILED';
      if (config.exitOnError) {
        report.exited = true;
        break;
      }
    }
    parallel?.endRound();
    report.seconds = (account.now() - start) / 1000;
    return report;
  };

  let map: StageReport | undefined;
  let reduce: StageReport | undefined;
  let shuffle: MapReduceRun['shuffle'] = [];
  let output: Pair[] = [];

  if (!input.error) {
    map = runStage(
      'map',
      input.pairs.map((pair) => ({ key: pair.key, arg: (c) => Object.freeze({ ...c, key: pair.key, value: pair.value }) })),
    );
    const mapped = map ? map.writes : input.pairs;
    if (!map?.exited) {
      shuffle = group(mapped);
      reduce = runStage(
        'reduce',
        shuffle.map((g) => ({ key: g.key, arg: (c, ctx) => Object.freeze({ ...c, key: g.key, values: Object.freeze(inScriptRealm(ctx, [...g.values])) }) })),
      );
      output = reduce ? reduce.writes : mapped;
    }
  }

  // ---- summarize ------------------------------------------------------------------------------
  const summarize: MapReduceRun['summarize'] = { invoked: false, error: undefined, usage: 0 };
  const yields = (map?.yields ?? 0) + (reduce?.yields ?? 0);
  parallel?.endRound();
  let summarizeRestarted = false;
  for (;;) {
    const isRestarted = summarizeRestarted;
    const result = call(
      'summarize',
      (ctx) => summaryContext(ctx, { input, map, reduce, output, yields, isRestarted, now: account.now(), concurrency }),
      'summarize',
    );
    summarize.usage += result.invocation.unitsUsed;
    if (result.outcome === 'missing-entry-point') break;
    summarize.invoked = true;
    if (cutsWholeStage('summarize')) {
      summarizeRestarted = true;
      continue;
    }
    if (result.outcome === 'threw') {
      const e = keyError('', result.error, 1);
      summarize.error = { name: e.name, message: e.message };
    }
    break;
  }

  return { scriptId: script.scriptid, deploymentId: deployment.scriptid, input, map, shuffle, reduce, output, summarize, restarts, yields, invocations };
}

interface StageCallContext {
  isRestarted: boolean;
  executionNo: number;
  errors: ReturnType<typeof iteratorOf>;
  write: (...args: unknown[]) => void;
}

/** context.write(key, value) or context.write({key, value}); kept only if the call completes. */
function makeWrite(writes: Pair[]) {
  return (...args: unknown[]) => {
    const [first, second] = args;
    const pair =
      args.length === 1 && typeof first === 'object' && first !== null
        ? (first as { key: unknown; value: unknown })
        : { key: first, value: second };
    if (pair.key === undefined || pair.key === null) throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: key');
    writes.push({ key: checkKey(serialiseValue(pair.key)), value: checkValue(serialiseValue(pair.value ?? '')) });
  };
}

/** The shuffle: values grouped by key, keys sorted, values in write order. */
function group(pairs: Pair[]): { key: string; values: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const { key, value } of pairs) groups.set(key, [...(groups.get(key) ?? []), value]);
  return [...groups.keys()].sort().map((key) => ({ key, values: groups.get(key)! }));
}

function stageSummary(ctx: ScriptRunContext, report: StageReport | undefined, now: number, concurrency: number) {
  const r = report ?? newStage(now);
  return Object.freeze({
    dateCreated: inScriptRealm(ctx, r.dateCreated),
    seconds: r.seconds,
    usage: r.usage,
    concurrency,
    yields: r.yields,
    keys: iteratorOf(() => [...r.keys.entries()].map(([key, k]) => [key, k.executionCount, k.state] as [string, number, string])),
    errors: iteratorOf(() => r.errors.map((e) => [e.key, e.error, e.executionNo] as [string, string, number])),
  });
}

function summaryContext(ctx: ScriptRunContext, args: {
  input: MapReduceRun['input'];
  map: StageReport | undefined;
  reduce: StageReport | undefined;
  output: Pair[];
  yields: number;
  isRestarted: boolean;
  now: number;
  concurrency: number;
}) {
  const { input, map, reduce, output } = args;
  const usage = input.usage + (map?.usage ?? 0) + (reduce?.usage ?? 0);
  const seconds = input.seconds + (map?.seconds ?? 0) + (reduce?.seconds ?? 0);
  const date = (d: Date) => inScriptRealm(ctx, d);
  const summary = Object.freeze({
    isRestarted: args.isRestarted,
    dateCreated: date(input.dateCreated),
    seconds,
    usage,
    concurrency: args.concurrency,
    yields: args.yields,
    inputSummary: Object.freeze({
      dateCreated: date(input.dateCreated),
      error: input.error?.error ?? null,
      seconds: input.seconds,
      usage: input.usage,
    }),
    mapSummary: stageSummary(ctx, map, args.now, args.concurrency),
    reduceSummary: stageSummary(ctx, reduce, args.now, args.concurrency),
    output: iteratorOf(() => output.map((p) => [p.key, p.value] as [string, string])),
  });
  return scriptFacing(ctx, summary, 'mapReduce.Summary');
}
