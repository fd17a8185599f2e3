// One NetSuite account: SDF objects, deployed files, records, logs, invocations, and the one way
// every script runs (runEntryPoint): a fresh sandbox realm, this invocation's module instances,
// governance for the script type and entry point, and a record of what happened.
import type {
  AccountServices,
  ExecutionContextType,
  InvocationRecord,
  InvocationResult,
  LogEntry,
  ModuleFactory,
  RunEntryPointRequest,
  ScriptRunContext,
  ScriptType,
} from './types.js';
import { createGovernance, usageLimitFor } from './governance.js';
import { bindInvocation, type Invocation } from './invocation.js';
import { createSuiteScriptError, describeThrown } from './modules/error.js';
import { moduleFactories as defaultFactories } from './modules/index.js';
import { createLogModule } from './modules/log.js';
import { RecordCatalog } from './records/catalog.js';
import { RecordRepository } from './records/repository.js';
import { AmdLoader } from './sandbox/amd-loader.js';
import { DeployedFiles } from './sandbox/deployed-files.js';
import { completeModule, isSuiteScriptModule } from './sandbox/module-surface.js';
import { createRealm } from './sandbox/realm.js';
import { parameterValue } from './sdf/parameters.js';
import { checkScriptHeader } from './sdf/script-header.js';
import type { SdfDeployment, SdfProject, SdfScript } from './sdf/types.js';
import { createUtilGlobal } from './sandbox/util-global.js';
import { mapReduceInputFromSearch } from './modules/search.js';
import { ParallelJobs } from './parallel-jobs.js';

export interface CurrentUser {
  id: number;
  name: string;
  email: string;
  /** Role internal id (3 = Administrator). */
  role: number;
  /** Role script id ('administrator'). */
  roleId: string;
  roleCenter: string;
  subsidiary: number;
  location: number;
  department: number;
}

export interface AccountOptions {
  sdf: SdfProject;
  fileCabinetRoots: readonly string[];
  /** Which files of the roots are deployed (deploy.xml's <files>); default: all. */
  fileVisible?: (diskPath: string) => boolean;
  accountId?: string;
  envType?: 'SANDBOX' | 'PRODUCTION' | 'BETA' | 'INTERNAL';
  /** The account clock; scripts' `new Date()` reads it too. Default: the real clock. */
  now?: () => number;
  moduleFactories?: ReadonlyMap<string, ModuleFactory>;
  features?: Record<string, boolean>;
}

/** The user background scripts (Map/Reduce, scheduled) run as. */
export const SYSTEM_USER_ID = -4;

/** Default executionContext by script type. */
const DEFAULT_CONTEXT: Record<ScriptType, ExecutionContextType> = {
  UserEventScript: 'USERINTERFACE',
  Restlet: 'RESTLET',
  Suitelet: 'SUITELET',
  MapReduceScript: 'MAPREDUCE',
  ScheduledScript: 'SCHEDULED',
  SDFInstallationScript: 'SDFINSTALLATION',
  ClientScript: 'USERINTERFACE',
};

const LOG_RANK = { DEBUG: 0, AUDIT: 1, ERROR: 2, EMERGENCY: 3 } as const;

export interface InternalRunOptions {
  /** The user the script runs as (default: the UI user for UI-side scripts, -4 for background). */
  userId?: number;
  /**
   * Who is logged in, when it is not the test's UI user (account.currentUser): a Suitelet called
   * with a session (http-server.ts) runs as that session's employee and role, and
   * runtime.getCurrentUser() says so.
   */
  user?: CurrentUser;
  /** Keep the invocation record when the entry point is not exported (default true). */
  recordIfMissing?: boolean;
  /** Only load the script and hand its exports to `peek` (no entry point call, nothing recorded). */
  peek?: (exports: Record<string, unknown>) => void;
}

export class Account implements AccountServices {
  readonly accountId: string;
  readonly envType: string;
  readonly sdf: SdfProject;
  readonly files: DeployedFiles;
  readonly catalog: RecordCatalog;
  readonly repo: RecordRepository;
  readonly logs: LogEntry[] = [];
  readonly invocations: InvocationRecord[] = [];
  /** Map/Reduce jobs that overlap in time (parallel-jobs.ts); the store reports writes to it. */
  readonly parallel = new ParallelJobs();
  readonly moduleFactories: Map<string, ModuleFactory>;
  readonly features: Record<string, boolean>;
  /** Parameter values set by tests: `${scriptId}` or `${scriptId}/${deploymentId}` → name → value. */
  readonly parameterOverrides = new Map<string, Record<string, unknown>>();
  /** Per-module account state (saved searches, sessions, …). */
  readonly #state = new Map<string, unknown>();
  readonly #headersChecked = new Set<string>();
  readonly #running: Invocation[] = [];
  #seq = 0;
  #clock: () => number;
  currentUser: CurrentUser;
  /** The employee who deployed the SuiteApp: owner of its scripts (a Testing deployment runs for the owner only). */
  readonly scriptOwnerId: number;

  constructor(options: AccountOptions) {
    this.accountId = options.accountId ?? 'TSTDRV1234567';
    this.envType = options.envType ?? 'SANDBOX';
    this.sdf = options.sdf;
    this.files = new DeployedFiles(options.fileCabinetRoots, options.fileVisible);
    this.#clock = options.now ?? Date.now;
    this.catalog = new RecordCatalog(this.sdf);
    this.repo = new RecordRepository(this.catalog, () => this.now());
    this.repo.store.observer = (before) => this.parallel.observeWrite(before);
    this.moduleFactories = new Map(options.moduleFactories ?? defaultFactories);
    // Features enabled in the test account (Setup > Company > Enable Features), by SDF feature id.
    this.features = { ADVSHIPPING: true, PICKPACKSHIP: true, CUSTOMRECORDS: true, SERVERSIDESCRIPTING: true, SUBSIDIARIES: true, MULTILOCINVT: true, OAUTH2: true, TBA: true, ...options.features };
    const admin = this.repo.store.insert('employee', {
      body: { entityid: 'Test Administrator', firstname: 'Test', lastname: 'Administrator', email: 'admin@example.com' },
      sublists: {},
      subrecords: {},
    });
    this.scriptOwnerId = admin.id;
    this.currentUser = { id: admin.id, name: 'Test Administrator', email: 'admin@example.com', role: 3, roleId: 'administrator', roleCenter: 'BASIC', subsidiary: 1, location: 0, department: 0 };
  }

  now(): number {
    return this.#clock();
  }

  setClock(now: () => number): void {
    this.#clock = now;
  }

  /** State a module keeps for the whole account (created on first use). */
  state<T>(key: string, init: () => T): T {
    if (!this.#state.has(key)) this.#state.set(key, init());
    return this.#state.get(key) as T;
  }

  resolveFileCabinetPath(path: string): string | undefined {
    return this.files.resolve(path);
  }

  /** The invocation running right now (innermost), if any. */
  get runningInvocation(): Invocation | undefined {
    return this.#running.at(-1);
  }

  script(scriptId: string): SdfScript {
    const script = this.sdf.scripts.get(scriptId);
    if (!script) throw new Error(`NetSuite double: no script ${scriptId} in the SDF objects (known: ${[...this.sdf.scripts.keys()].join(', ') || 'none'})`);
    return script;
  }

  deployment(script: SdfScript, deploymentId?: string): SdfDeployment {
    const deployment = deploymentId ? script.deployments.find((d) => d.scriptid === deploymentId) : script.deployments[0];
    if (!deployment) throw new Error(`NetSuite double: script ${script.scriptid} has no deployment ${deploymentId ?? '(none at all)'}`);
    return deployment;
  }

  /** Parameter values of a deployment as getParameter returns them, overrides applied. */
  parameters(script: SdfScript, deployment: SdfDeployment, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const param of script.parameters) values[param.scriptid] = parameterValue(param, deployment.parameterValues[param.scriptid], this.catalog);
    Object.assign(values, this.parameterOverrides.get(script.scriptid), this.parameterOverrides.get(`${script.scriptid}/${deployment.scriptid}`), overrides);
    return values;
  }

  /** Checks a script's file exists and its header matches its SDF object; returns the disk path. */
  scriptFile(script: SdfScript): string {
    const disk = this.files.resolve(script.scriptfile);
    if (!disk) {
      throw new Error(
        `NetSuite double: ${script.scriptid} deploys ${script.scriptfile}, which is in no File Cabinet folder (${this.files.roots.join(', ')}). Build the SuiteApp first (npm run build:suiteapp).`,
      );
    }
    const key = `${disk}:${script.scriptType}`;
    if (!this.#headersChecked.has(key)) {
      checkScriptHeader(disk, this.files.read(disk), script.scriptType);
      this.#headersChecked.add(key);
    }
    return disk;
  }

  runEntryPoint(request: RunEntryPointRequest, internal: InternalRunOptions = {}): InvocationResult {
    const script = this.script(request.scriptId);
    const deployment = this.deployment(script, request.deploymentId);
    if (script.isinactive || !deployment.isdeployed) {
      throw createSuiteScriptError({
        name: 'DOUBLE_NOT_DEPLOYED',
        message: `${script.scriptid}/${deployment.scriptid} is ${script.isinactive ? 'inactive' : 'not deployed (isdeployed F)'}`,
      });
    }
    this.scriptFile(script);
    const executionContext = request.executionContext ?? DEFAULT_CONTEXT[script.scriptType];
    const usageLimit = request.usageLimit ?? usageLimitFor(script.scriptType, request.entryPoint);
    const realm = createRealm({ now: () => this.now() });
    const record: InvocationRecord = {
      seq: ++this.#seq,
      scriptId: script.scriptid,
      deploymentId: deployment.scriptid,
      scriptType: script.scriptType,
      entryPoint: request.entryPoint,
      executionContext,
      label: request.label,
      usageLimit,
      unitsUsed: 0,
      charges: [],
      outcome: 'running',
      error: undefined,
      logs: [],
      parentSeq: this.runningInvocation?.record.seq,
    };
    const governance = createGovernance(usageLimit, {
      RealmError: realm.Error,
      ...(request.timeLimitMs !== undefined ? { timeLimitMs: request.timeLimitMs, now: () => this.now() } : {}),
      onCharge: (units, what) => {
        record.charges.push({ units, what });
        record.unitsUsed += units;
      },
    });
    const ctx: ScriptRunContext = {
      scriptId: script.scriptid,
      deploymentId: deployment.scriptid,
      scriptType: script.scriptType,
      executionContext,
      parameters: this.parameters(script, deployment, request.parameters),
      governance,
      account: this,
    };
    const background = script.scriptType === 'MapReduceScript' || script.scriptType === 'ScheduledScript' || script.scriptType === 'SDFInstallationScript';
    const invocation: Invocation = {
      ctx,
      account: this,
      realm,
      script,
      deployment,
      record,
      userId: internal.userId ?? internal.user?.id ?? this.runningInvocation?.userId ?? (background ? SYSTEM_USER_ID : this.currentUser.id),
      user: internal.user ?? this.runningInvocation?.user,
    };
    bindInvocation(invocation);
    this.invocations.push(record);
    this.#running.push(invocation);

    const instances = new Map<string, object>();
    const nModule = (id: string): object | undefined => {
      const cached = instances.get(id);
      if (cached) return cached;
      const factory = this.moduleFactories.get(id);
      if (!factory && !isSuiteScriptModule(id)) return undefined;
      const instance = completeModule(id, factory ? factory(ctx) : {}, realm.Error);
      instances.set(id, instance);
      return instance;
    };
    const finish = (outcome: Omit<InvocationResult, 'invocation'>): InvocationResult => {
      // A usage or time limit the script caught (or ran past) still ends the invocation as failed.
      const exceeded = governance.exceeded ?? governance.checkTime?.();
      const result = exceeded && outcome.outcome !== 'missing-entry-point' ? { outcome: 'threw' as const, error: exceeded } : outcome;
      record.outcome = result.outcome;
      if (result.outcome === 'threw') {
        record.error = describeThrown(result.error);
        this.log(invocation, 'ERROR', record.error.name, record.error.message, true);
      }
      if (result.outcome === 'missing-entry-point' && internal.recordIfMissing === false) {
        this.invocations.splice(this.invocations.indexOf(record), 1);
      }
      return { ...result, invocation: record };
    };

    try {
      realm.install('log', nModule('N/log') ?? createLogModule(ctx));
      realm.install('util', createUtilGlobal(realm));
      const loader = new AmdLoader({ realm, files: this.files, nModule });
      let exports: Record<string, unknown>;
      try {
        exports = loader.load(script.scriptfile);
      } catch (error) {
        if (internal.peek) this.invocations.splice(this.invocations.indexOf(record), 1);
        return finish({ outcome: 'threw', error });
      }
      if (internal.peek) {
        this.invocations.splice(this.invocations.indexOf(record), 1);
        internal.peek(exports);
        return { outcome: 'returned', invocation: record };
      }
      const entry = exports[request.entryPoint];
      if (typeof entry !== 'function') return finish({ outcome: 'missing-entry-point' });
      const args = typeof request.args === 'function' ? request.args({ ctx, module: (id) => nModule(id) }) : (request.args ?? []);
      try {
        const value = (entry as (...a: unknown[]) => unknown)(...args);
        return finish({ outcome: 'returned', value });
      } catch (error) {
        return finish({ outcome: 'threw', error });
      }
    } finally {
      this.#running.pop();
    }
  }

  /**
   * What a script exports under `name` (the Map/Reduce driver reads `config` and which stages
   * exist). The script is loaded in a throwaway realm; nothing is recorded. Throws what loading
   * throws.
   */
  scriptExport(scriptId: string, name: string): unknown {
    let value: unknown;
    const result = this.runEntryPoint({ scriptId, entryPoint: name }, { peek: (exports) => (value = exports[name]) });
    if (result.outcome === 'threw') throw result.error;
    return value;
  }

  /**
   * For the Map/Reduce driver: what a getInputData reference ({ type: 'search', id }) or Search
   * object stands for, as a search-like object whose run().each yields every result (no 4,000
   * cap, no governance: NetSuite runs the input search outside the script's usage).
   */
  resolveMapReduceInput(value: unknown): unknown {
    const pairs = mapReduceInputFromSearch(this, value);
    if (!pairs) throw createSuiteScriptError({ name: 'DOUBLE_NOT_IMPLEMENTED', message: `not implemented in the test double: getInputData returning ${JSON.stringify(value)}` });
    return {
      searchType: 'search',
      run: () => ({
        each(callback: (result: unknown) => unknown) {
          for (const pair of pairs) {
            const json = JSON.parse(pair.value) as { id: string; recordType: string };
            if (callback({ id: json.id, recordType: json.recordType, toJSON: () => json }) !== true) break;
          }
        },
      }),
    };
  }

  /** Writes a log line for an invocation, honouring the deployment's log level. */
  log(invocation: Invocation, level: LogEntry['level'], title: string, details: string, always = false): void {
    if (!always && LOG_RANK[level] < LOG_RANK[invocation.deployment.loglevel]) return;
    const entry: LogEntry = {
      level,
      title: title.slice(0, 99),
      details: details.slice(0, 3999),
      scriptId: invocation.script.scriptid,
      deploymentId: invocation.deployment.scriptid,
      time: this.now(),
    };
    this.logs.push(entry);
    invocation.record.logs.push(entry);
  }
}
