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
  | 'SDF_INSTALLATION';

/** Governance of one invocation (one entry-point call; for Map/Reduce, one stage call). */
export interface Governance {
  readonly limit: number;
  readonly used: number;
  remaining(): number;
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
