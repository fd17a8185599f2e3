// Contracts between the parts of the NetSuite account double. Each `N/*` module implementation is a
// factory `(ctx: ScriptRunContext) => moduleObject`, called once per script invocation, so that
// every call can charge governance to the invocation that made it.

/** SuiteScript script types, as in `@NScriptType` (and the SDF object type beside each). */
export type ScriptType =
  | 'UserEventScript'
  | 'MapReduceScript'
  | 'Restlet'
  | 'Suitelet'
  | 'ScheduledScript'
  | 'SDFInstallationScript'
  | 'ClientScript';

/** runtime.ContextType values the double produces. */
export type ExecutionContextType =
  | 'USERINTERFACE'
  | 'CSVIMPORT'
  | 'WEBSERVICES'
  | 'RESTLET'
  | 'SUITELET'
  | 'MAPREDUCE'
  | 'SCHEDULED'
  | 'USEREVENT'
  | 'RESTWEBSERVICES'
  /** runtime.ContextType.SDF_INSTALLATION's value (the double reports this one). */
  | 'SDFINSTALLATION'
  /** @deprecated the enum KEY; runtime reports 'SDFINSTALLATION'. Kept for compatibility. */
  | 'SDF_INSTALLATION';

/** Governance of one invocation (one entry-point call; for Map/Reduce, one stage call). */
export interface Governance {
  readonly limit: number;
  readonly used: number;
  remaining(): number;
  /** The SSS_USAGE_LIMIT_EXCEEDED (or SSS_TIME_LIMIT_EXCEEDED) error once a limit was passed: it ends the invocation even if caught. */
  readonly exceeded?: unknown;
  /** Checks the call's time limit; returns the error once it is passed. */
  checkTime?(): unknown;
  /** Charges units for `what` (e.g. 'record.load transaction'); throws SSS_USAGE_LIMIT_EXCEEDED past the limit. */
  charge(units: number, what: string): void;
}

/** A log line written with N/log (or the global `log`). */
export interface LogEntry {
  level: 'DEBUG' | 'AUDIT' | 'ERROR' | 'EMERGENCY';
  title: string;
  details: string;
  scriptId: string;
  deploymentId: string;
  time: number;
}

/** What a module factory gets for the invocation it serves. */
export interface ScriptRunContext {
  scriptId: string;
  deploymentId: string;
  scriptType: ScriptType;
  executionContext: ExecutionContextType;
  /** Parameter values of the deployment (custscript_* → value), after test overrides. */
  parameters: Record<string, unknown>;
  governance: Governance;
  /** The account the script runs in (records, files, secrets, clock). */
  account: unknown;
}

// ---------------------------------------------------------------------------------------------
// Added by the core (account, sandbox, records): the module registry and the way every part
// runs a script. `ScriptRunContext.account` is the `Account` of account.ts; its parts other
// modules need are typed by `AccountServices` below (cast `ctx.account as AccountServices`).
// ---------------------------------------------------------------------------------------------

/**
 * An `N/*` module implementation: called once per invocation with that invocation's context.
 * The object it returns must carry its API as OWN enumerable properties (functions, enums):
 * rollup's namespace interop copies a module with `for…in` + `getOwnPropertyDescriptor`, so
 * prototype methods would be invisible to the script. The registry wraps the object so that a
 * SuiteScript API the factory does not provide throws "not implemented in the test double".
 */
export type ModuleFactory = (ctx: ScriptRunContext) => object;

/** Arguments of an entry point, or a function building them inside the invocation. */
export type EntryPointArgs = readonly unknown[] | ((scope: InvocationScope) => readonly unknown[]);

/** What an args builder gets: the invocation's context and its module instances. */
export interface InvocationScope {
  readonly ctx: ScriptRunContext;
  /** The module instance the script sees for `id` ('N/record', …), created on first use. */
  module(id: string): unknown;
}

/** Runs one entry point of one deployed script (Map/Reduce driver, RESTlet/Suitelet server, N/task). */
export interface RunEntryPointRequest {
  scriptId: string;
  /**
   * Default: the script's first deployment. runEntryPoint throws (a SuiteScriptError named
   * DOUBLE_NOT_DEPLOYED) when the script is inactive or the deployment has isdeployed F, and a
   * plain Error when the script or deployment does not exist; it does not look at `status`
   * (callers decide: user events need RELEASED/TESTING, N/task accepts NOTSCHEDULED).
   */
  deploymentId?: string;
  /** The exported function to call: 'beforeSubmit', 'getInputData', 'map', 'get', 'post', 'delete', 'onRequest', 'execute', … */
  entryPoint: string;
  args?: EntryPointArgs;
  /** runtime.executionContext; default from the script type (RESTLET, SUITELET, MAPREDUCE, SCHEDULED, SDFINSTALLATION, USEREVENT→USERINTERFACE). */
  executionContext?: ExecutionContextType;
  /** Usage limit; default per script type and entry point (see governance.ts USAGE_LIMITS). */
  usageLimit?: number;
  /** Time limit of the call on the account clock (Map/Reduce stages pass theirs); none by default. */
  timeLimitMs?: number;
  /** Parameter overrides for this call only (custscript_* → value as getParameter returns it). */
  parameters?: Record<string, unknown>;
  /** Recorded with the invocation: user event type ('create', 'ship', …), Map/Reduce key, HTTP method. */
  label?: string;
}

/** How an entry point call ended. The script's own errors never escape runEntryPoint: they are in `error`. */
export type InvocationOutcome = 'returned' | 'threw' | 'missing-entry-point';

export interface InvocationResult {
  outcome: InvocationOutcome;
  /** What the entry point returned (outcome 'returned'). */
  value?: unknown;
  /** What the script threw (outcome 'threw'): usually a SuiteScriptError-shaped object. */
  error?: unknown;
  invocation: InvocationRecord;
}

/** One entry-point call, recorded for tests (ns.invocations()). */
export interface InvocationRecord {
  readonly seq: number;
  readonly scriptId: string;
  readonly deploymentId: string;
  readonly scriptType: ScriptType;
  readonly entryPoint: string;
  readonly executionContext: ExecutionContextType;
  readonly label: string | undefined;
  readonly usageLimit: number;
  /** Units charged so far (final once the call ended). */
  unitsUsed: number;
  /** Every charge, in order ('record.load transaction' 10, …). */
  readonly charges: { units: number; what: string }[];
  outcome: InvocationOutcome | 'running';
  /** name/message of what the script threw, if it threw. */
  error: { name: string; message: string } | undefined;
  readonly logs: LogEntry[];
  /** seq of the invocation that was running when this one started (a user event under a RESTlet's save). */
  readonly parentSeq: number | undefined;
}

/** What non-core modules may use of the account (ScriptRunContext.account is one). */
export interface AccountServices {
  readonly accountId: string;
  /** The account clock (ms since epoch); tests may pin it. */
  now(): number;
  runEntryPoint(request: RunEntryPointRequest): InvocationResult;
  /** The SDF project (sdf/types.ts SdfProject): scripts, deployments, secrets, custom objects. */
  readonly sdf: import('./sdf/types.js').SdfProject;
  /** The disk path of a File Cabinet path ('/SuiteApps/…/x.js'), or undefined. */
  resolveFileCabinetPath(path: string): string | undefined;
  /** What the script exports under `name` (loaded in a throwaway realm; nothing recorded). */
  scriptExport?(scriptId: string, name: string): unknown;
  /**
   * What getInputData's search stands for (a Search object or { type: 'search', id }): a
   * search-like object whose run().each yields EVERY result with toJSON() = { recordType, id,
   * values }, without the 4,000 cap and without charging anyone (NetSuite runs it outside the
   * script's governance). Prefer it to calling the Search object's own run().each.
   */
  resolveMapReduceInput?(value: unknown): unknown;
  /** Overlapping Map/Reduce jobs (parallel-jobs.ts), when the account models them. */
  readonly parallel?: import('./parallel-jobs.js').ParallelJobs;
}
