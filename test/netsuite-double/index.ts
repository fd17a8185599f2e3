// The NetSuite account double: the facade tests use. It loads the SDF project (Objects and the
// compiled FileCabinet), runs the deployed SuiteScripts in a sandbox exactly as compiled, and
// offers user actions that save records as NetSuite would (running user events), plain seeding
// that runs no scripts, read-only inspection, and runEntryPoint for the Map/Reduce driver and
// the RESTlet/Suitelet server.
//
//   const ns = createNetSuiteDouble();
//   const so = ns.seed('salesorder', { fields: { entity: customer }, sublists: { item: [{ item, quantity: 1 }] } });
//   const fulfillment = ns.ui.fulfill(so);
//   ns.ui.ship(fulfillment);                      // runs the deployed user events with type 'ship'
//   ns.invocations({ scriptId: 'customscript_mlfx_ue_fulfillment' })[0].unitsUsed;
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Account, type CurrentUser } from './account.js';
import { createAccountAuth, type AccountAuth } from './auth/index.js';
import { listen, type AccountServer, type ListenOptions } from './http-server.js';
import { configureIo, ioStateOf, type HttpsPolicy, type IoState } from './io/io-state.js';
import { runMapReduce, type MapReduceRun, type RunMapReduceOptions } from './mapreduce.js';
import { runQueuedTasks, type QueuedTaskResult, type RunQueuedTasksOptions } from './modules/task.js';
import { createSuiteScriptError } from './modules/error.js';
import { moduleFactories } from './modules/index.js';
import { cloneData, type RecordData } from './records/model.js';
import { applyInput, snapshot, type FieldValues, type RecordChanges, type RecordInput, type RecordSnapshot } from './records/input.js';
import { transformData } from './records/transform.js';
import type { Fail } from './records/values.js';
import { deployProject, type DeployResult } from './sdf/deploy.js';
import { loadSdf } from './sdf/parse-objects.js';
import type { SdfValidation } from './sdf/validate-project.js';
import type { ExecutionContextType, InvocationRecord, InvocationResult, LogEntry, ModuleFactory, RunEntryPointRequest } from './types.js';
import { deleteWithUserEvents, runBeforeLoad, saveWithUserEvents, USER_EVENT_TYPES, type UiForm } from './user-events.js';

export type { RecordInput, RecordChanges, RecordSnapshot, FieldValues } from './records/input.js';
export type { Account, CurrentUser } from './account.js';
export type { AccountAuth, AuthStats, LoginAuditEntry, IntegrationRegistration, TbaTokenRegistration } from './auth/index.js';
export { moduleFactories, registerModuleFactory } from './modules/index.js';
export { mapReduceInputFromSearch, savedSearchDefinition } from './modules/search.js';
export { USER_EVENT_TYPES } from './user-events.js';
export type { UiForm, FormButton } from './user-events.js';
export { createSuiteScriptError, isSuiteScriptError } from './modules/error.js';
export type { DeployResult } from './sdf/deploy.js';
export { SdfDeployError } from './sdf/deploy.js';
export { SdfValidationError } from './sdf/issues.js';
export { cacheControl, type CacheControl } from './modules/cache.js';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The SuiteApp's SDF project folder (manifest.xml, Objects/, FileCabinet/). */
export const DEFAULT_PROJECT_DIR = join(REPO_ROOT, 'suiteapp/src');

export interface NetSuiteDoubleOptions {
  /**
   * SDF project folder (default suiteapp/src); false: fixtures only. With a manifest.xml it is
   * validated as `suitecloud project:validate` would and its objects and files are the ones its
   * deploy.xml deploys; without one, every object under Objects/ and file under FileCabinet/.
   * Either way an object with an error stops here (SdfValidationError names file, path and rule).
   */
  project?: string | false;
  /**
   * Deploy the project as `suitecloud project:deploy` does right away: the account checks, then
   * deploy.xml's <run> installation scripts (ns.deploy()). Default false: objects and files are
   * there, nothing has run, as in an account where a test seeds everything itself.
   */
  install?: boolean;
  /** Extra SDF Objects folders (test fixtures), parsed after the project's. */
  objectsDirs?: string[];
  /** Extra File Cabinet roots (each maps to the File Cabinet's "/"), searched after the project's. */
  fileCabinetDirs?: string[];
  accountId?: string;
  /** Start the account clock at this time and keep it still (ns.clock moves it). Default: real time. */
  time?: Date | number;
  /** API secret values (custsecret_x → value); each needs its SDF <secret> object. */
  apiSecrets?: Record<string, string>;
  /** What N/https may call and its time limits (default: loopback only, 5 s connect, 45 s total). */
  https?: Partial<HttpsPolicy>;
  /** Parameter values: key `scriptId` or `scriptId/deploymentId` → { custscript_x: value }. */
  parameters?: Record<string, Record<string, unknown>>;
  features?: Record<string, boolean>;
  /** Module factories to add or replace for this account only. */
  modules?: Record<string, ModuleFactory>;
}

export interface UiActionOptions {
  /** Who does it (default the test administrator). */
  executionContext?: ExecutionContextType;
}

export interface CsvImportOptions {
  /** CSV Import's "Run Server SuiteScript and Trigger Workflows" (default true). */
  runServerSuiteScript?: boolean;
}

export interface InvocationFilter {
  scriptId?: string;
  deploymentId?: string;
  entryPoint?: string;
  label?: string;
}

export interface NetSuiteDouble {
  readonly account: Account;
  /** The I/O side (File Cabinet, API secrets, task queue, outbound HTTP log) of the other modules. */
  readonly io: IoState;
  readonly clock: { now(): number; set(time: Date | number): void; advance(ms: number): void };

  /** Stores a record as data: no scripts, no governance. Returns its internal id. */
  seed(type: string, input?: RecordInput, options?: { ignoreMandatoryFields?: boolean }): number;
  /** A snapshot of a record, or undefined. */
  get(type: string, id: number | string): RecordSnapshot | undefined;
  /** Snapshots of every record of a type that satisfies `predicate`. */
  find(type: string, predicate?: (record: RecordSnapshot) => boolean): RecordSnapshot[];

  /** What a user does in the browser; each save runs the deployed user events (USERINTERFACE). */
  readonly ui: {
    /** Opens a record in the browser (view mode): runs beforeLoad (type 'view') with a form; returns what the scripts put on it. */
    view(type: string, id: number, options?: UiActionOptions): UiForm;
    create(type: string, input?: RecordInput, options?: UiActionOptions): number;
    edit(type: string, id: number, changes: RecordChanges, options?: UiActionOptions): void;
    /** XEDIT: newRecord carries only `fields`, oldRecord the full record. */
    inlineEdit(type: string, id: number, fields: FieldValues, options?: UiActionOptions): void;
    delete(type: string, id: number, options?: UiActionOptions): void;
    /** "Fulfill" on a sales order: transform to an item fulfillment, apply `input`, save (CREATE). */
    fulfill(salesOrderId: number, input?: RecordChanges, options?: UiActionOptions): number;
    /** "Bill" on a sales order: transform to an invoice, apply `input`, save (CREATE). */
    bill(salesOrderId: number, input?: RecordChanges, options?: UiActionOptions): number;
    /** "Mark Packed": shipstatus B, event PACK. */
    pack(fulfillmentId: number, options?: UiActionOptions): void;
    /** "Mark Shipped": shipstatus C, event SHIP. */
    ship(fulfillmentId: number, options?: UiActionOptions): void;
  };
  /** CSV import (CSVIMPORT context): a row with `id` updates that record (EDIT), others are created (CREATE). */
  csvImport(type: string, rows: (RecordChanges & { id?: number })[], options?: CsvImportOptions): number[];

  runEntryPoint(request: RunEntryPointRequest): InvocationResult;
  /** Every log line written, oldest first. */
  logs(filter?: { scriptId?: string; level?: LogEntry['level'] }): LogEntry[];
  /** Every entry-point call, oldest first. */
  invocations(filter?: InvocationFilter): InvocationRecord[];
  lastInvocation(filter?: InvocationFilter): InvocationRecord | undefined;

  setParameter(scriptId: string, name: string, value: unknown, deploymentId?: string): void;
  setCurrentUser(user: Partial<CurrentUser>): void;
  /** Internal id of a custom list value, by its script id or its text. */
  listValueId(listId: string, scriptIdOrText: string): string;
  /** Checks every script's file exists and its @NApiVersion/@NScriptType header matches its SDF object. */
  checkScripts(): void;
  /** What validating the SDF project found (warnings included); errors never get this far. */
  readonly sdfValidation: SdfValidation;
  /**
   * `suitecloud project:deploy` of the project: account checks (required features enabled, API
   * secrets that `secret` objects name exist), then deploy.xml's steps, running its <run>
   * installation scripts with fromVersion null the first time and the installed version after.
   * Throws SdfDeployError (with the deploy log) when NetSuite would fail the deploy.
   */
  deploy(): DeployResult;

  /** Runs a Map/Reduce deployment to the end, now (mapreduce.ts); returns everything that happened. */
  runMapReduce(options: RunMapReduceOptions): MapReduceRun;
  /** Runs the tasks scripts queued with N/task (never on a timer: only when the test calls this). */
  runQueuedTasks(options?: RunQueuedTasksOptions): QueuedTaskResult[];
  /**
   * Inbound authentication (auth/index.ts): register OAuth 2.0 M2M certificates and TBA tokens,
   * then listen({ authenticate: ns.auth.authenticator() }); the token endpoint is always served.
   */
  readonly auth: AccountAuth;
  /** Serves RESTlets, Suitelets and File Cabinet media on 127.0.0.1 (http-server.ts), and the OAuth 2.0 token endpoint. */
  listen(options?: ListenOptions): Promise<AccountServer>;
}

export function createNetSuiteDouble(options: NetSuiteDoubleOptions = {}): NetSuiteDouble {
  const project = options.project === undefined ? DEFAULT_PROJECT_DIR : options.project;
  // A folder with manifest.xml is an SDF project (deploy.xml decides what is deployed); without, a plain fixture folder.
  const projectDir = project && existsSync(join(project, 'manifest.xml')) ? project : undefined;
  const plainDir = project && !projectDir ? project : undefined;
  const objectsDirs = [...(plainDir && existsSync(join(plainDir, 'Objects')) ? [join(plainDir, 'Objects')] : []), ...(options.objectsDirs ?? [])];
  const extraCabinets = [...(plainDir && existsSync(join(plainDir, 'FileCabinet')) ? [join(plainDir, 'FileCabinet')] : []), ...(options.fileCabinetDirs ?? [])];
  const loaded = loadSdf({ projectDir, objectsDirs, fileCabinetRoots: extraCabinets });
  const sdf = loaded.project;
  const projectCabinet = projectDir ? join(projectDir, 'FileCabinet') : undefined;
  const fileCabinetRoots = [...(projectCabinet ? [projectCabinet] : []), ...extraCabinets];
  const deployedFiles = new Set(loaded.validation.steps.flatMap((s) => (s.kind === 'files' ? s.files : [])));
  // Only what deploy.xml's <files> deploys is in the project's part of the File Cabinet.
  const fileVisible = (disk: string) => !projectCabinet || !disk.startsWith(projectCabinet) || deployedFiles.has(disk);

  let fixedTime = options.time === undefined ? undefined : new Date(options.time).getTime();
  const now = () => fixedTime ?? Date.now();
  const account = new Account({
    sdf,
    fileCabinetRoots,
    fileVisible,
    accountId: options.accountId,
    now,
    features: options.features,
    moduleFactories: new Map([...moduleFactories, ...Object.entries(options.modules ?? {})]),
  });
  for (const [key, values] of Object.entries(options.parameters ?? {})) account.parameterOverrides.set(key, { ...values });
  configureIo(account, { accountId: account.accountId, apiSecrets: options.apiSecrets, declaredSecrets: sdf.secrets, https: options.https });

  const repo = account.repo;
  const fail: Fail = (name, message) => createSuiteScriptError({ name, message });
  const user = () => account.currentUser.id;
  const typeOf = (type: string) => repo.typeDef(type.toLowerCase(), fail);

  const save = (type: string, data: RecordData, event: string, id: number | undefined, context: ExecutionContextType, runUserEvents = true) =>
    saveWithUserEvents(account, { type, id, data, event, executionContext: context, runUserEvents, userId: user() }, fail).id;

  const edited = (type: string, id: number, changes: RecordChanges) => {
    const def = typeOf(type);
    const data = cloneData(repo.require(def.type, id, fail).data);
    return applyInput(repo, def, data, changes, { allowReadOnly: false }, fail);
  };

  const setShipStatus = (fulfillmentId: number, status: 'B' | 'C', event: string, context: ExecutionContextType) => {
    const record = repo.require('itemfulfillment', fulfillmentId, fail);
    const data = cloneData(record.data);
    data.body.shipstatus = status;
    save('itemfulfillment', data, event, fulfillmentId, context);
  };

  /** The page load before a UI action: beforeLoad runs with the form (USERINTERFACE) or without. */
  const pageLoad = (type: string, id: number | undefined, data: RecordData, event: string, context: ExecutionContextType): UiForm => {
    const form: UiForm = { buttons: [], clientScriptModulePath: undefined };
    runBeforeLoad(account, { type, id, data, event, executionContext: context, ...(context === 'USERINTERFACE' ? { form } : {}), userId: user() }, fail);
    return form;
  };

  const fromSalesOrder = (toType: string, salesOrderId: number, input: RecordChanges, context: ExecutionContextType) => {
    const so = repo.require('salesorder', salesOrderId, fail);
    const def = typeOf(toType);
    const transformed = transformData(repo, so, def.type, fail);
    pageLoad(def.type, undefined, transformed, USER_EVENT_TYPES.CREATE, context);
    const data = applyInput(repo, def, transformed, input, { allowReadOnly: false }, fail);
    return save(def.type, data, USER_EVENT_TYPES.CREATE, undefined, context);
  };

  const matchesFilter = (r: InvocationRecord, f: InvocationFilter = {}) =>
    (!f.scriptId || r.scriptId === f.scriptId) && (!f.deploymentId || r.deploymentId === f.deploymentId) && (!f.entryPoint || r.entryPoint === f.entryPoint) && (!f.label || r.label === f.label);

  const auth = createAccountAuth({
    accountId: () => ioStateOf(account).accountId,
    now,
    serverOrigin: () => ioStateOf(account).serverOrigin,
  });

  const ns: NetSuiteDouble = {
    account,
    auth,
    get io() {
      return ioStateOf(account);
    },
    clock: {
      now,
      set(time) {
        fixedTime = new Date(time).getTime();
      },
      advance(ms) {
        fixedTime = now() + ms;
      },
    },

    seed(type, input = {}, seedOptions = {}) {
      const def = typeOf(type);
      const data = applyInput(repo, def, repo.newData(def), input, { allowReadOnly: true }, fail);
      const id = repo.store.allocateId();
      repo.derive(def, id, data, true);
      repo.check(def, data, { ignoreMandatoryFields: seedOptions.ignoreMandatoryFields ?? false }, fail);
      const stored = repo.store.insert(def.type, data, id);
      repo.afterStore(stored);
      return stored.id;
    },
    get(type, id) {
      const record = repo.get(typeOf(type).type, id);
      return record && snapshot(repo, record);
    },
    find(type, predicate = () => true) {
      return repo.store
        .all(typeOf(type).type)
        .map((r) => snapshot(repo, r))
        .filter(predicate);
    },

    ui: {
      view(type, id, o = {}) {
        const def = typeOf(type);
        return pageLoad(def.type, id, repo.require(def.type, id, fail).data, USER_EVENT_TYPES.VIEW, o.executionContext ?? 'USERINTERFACE');
      },
      create(type, input = {}, o = {}) {
        const def = typeOf(type);
        if (def.createOnlyByTransform) throw fail('INVALID_RCRD_TYPE', `In the UI a ${def.type} is made from its sales order: use ns.ui.fulfill(salesOrderId).`);
        const context = o.executionContext ?? 'USERINTERFACE';
        const fresh = repo.newData(def);
        pageLoad(def.type, undefined, fresh, USER_EVENT_TYPES.CREATE, context);
        const data = applyInput(repo, def, fresh, input, { allowReadOnly: false }, fail);
        return save(def.type, data, USER_EVENT_TYPES.CREATE, undefined, context);
      },
      edit(type, id, changes, o = {}) {
        const def = typeOf(type);
        const context = o.executionContext ?? 'USERINTERFACE';
        pageLoad(def.type, id, repo.require(def.type, id, fail).data, USER_EVENT_TYPES.EDIT, context);
        save(def.type, edited(type, id, changes), USER_EVENT_TYPES.EDIT, id, context);
      },
      inlineEdit(type, id, fields, o = {}) {
        const def = typeOf(type);
        repo.require(def.type, id, fail);
        const partial: RecordData = { body: {}, sublists: {}, subrecords: {} };
        applyInput(repo, def, partial, { fields }, { allowReadOnly: false }, fail);
        for (const key of Object.keys(fields)) if (!(key in partial.body)) partial.body[key] = null;
        save(def.type, partial, USER_EVENT_TYPES.XEDIT, id, o.executionContext ?? 'USERINTERFACE');
      },
      delete(type, id, o = {}) {
        deleteWithUserEvents(account, { type: typeOf(type).type, id, executionContext: o.executionContext ?? 'USERINTERFACE', runUserEvents: true, userId: user() }, fail);
      },
      fulfill(salesOrderId, input = {}, o = {}) {
        return fromSalesOrder('itemfulfillment', salesOrderId, input, o.executionContext ?? 'USERINTERFACE');
      },
      bill(salesOrderId, input = {}, o = {}) {
        return fromSalesOrder('invoice', salesOrderId, input, o.executionContext ?? 'USERINTERFACE');
      },
      pack(fulfillmentId, o = {}) {
        setShipStatus(fulfillmentId, 'B', USER_EVENT_TYPES.PACK, o.executionContext ?? 'USERINTERFACE');
      },
      ship(fulfillmentId, o = {}) {
        setShipStatus(fulfillmentId, 'C', USER_EVENT_TYPES.SHIP, o.executionContext ?? 'USERINTERFACE');
      },
    },

    csvImport(type, rows, o = {}) {
      const def = typeOf(type);
      const run = o.runServerSuiteScript ?? true;
      return rows.map((row) => {
        const { id, ...changes } = row;
        if (id !== undefined) return save(def.type, edited(def.type, id, changes), USER_EVENT_TYPES.EDIT, id, 'CSVIMPORT', run);
        if (def.createOnlyByTransform) throw fail('INVALID_RCRD_TYPE', `CSV import cannot create a ${def.type} here: use ns.ui.fulfill.`);
        return save(def.type, applyInput(repo, def, repo.newData(def), changes, { allowReadOnly: false }, fail), USER_EVENT_TYPES.CREATE, undefined, 'CSVIMPORT', run);
      });
    },

    runEntryPoint: (request) => account.runEntryPoint(request),
    logs(filter = {}) {
      return account.logs.filter((l) => (!filter.scriptId || l.scriptId === filter.scriptId) && (!filter.level || l.level === filter.level));
    },
    invocations(filter) {
      return account.invocations.filter((r) => matchesFilter(r, filter));
    },
    lastInvocation(filter) {
      return account.invocations.filter((r) => matchesFilter(r, filter)).at(-1);
    },
    setParameter(scriptId, name, value, deploymentId) {
      const script = account.script(scriptId);
      if (!script.parameters.some((p) => p.scriptid === name)) throw new Error(`${scriptId} has no parameter ${name}`);
      const key = deploymentId ? `${scriptId}/${deploymentId}` : scriptId;
      account.parameterOverrides.set(key, { ...account.parameterOverrides.get(key), [name]: value });
    },
    setCurrentUser(patch) {
      account.currentUser = { ...account.currentUser, ...patch };
    },
    listValueId(listId, scriptIdOrText) {
      const list = account.catalog.lists.get(listId);
      if (!list) throw new Error(`no custom list ${listId}`);
      const value = list.values.find((v) => v.scriptid === scriptIdOrText || v.text === scriptIdOrText);
      if (!value) throw new Error(`custom list ${listId} has no value ${scriptIdOrText}`);
      return value.id;
    },
    checkScripts() {
      for (const script of sdf.scripts.values()) account.scriptFile(script);
    },
    sdfValidation: loaded.validation,
    deploy() {
      if (!projectDir) throw new Error('NetSuite double: deploy() needs an SDF project (a folder with manifest.xml and deploy.xml)');
      return deployProject(account, loaded, projectDir);
    },
    runMapReduce: (runOptions) => runMapReduce(account, runOptions),
    runQueuedTasks: (runOptions) => runQueuedTasks(account, runOptions),
    listen: (listenOptions = {}) => listen(account, { ...listenOptions, endpoints: { ...auth.endpoints, ...listenOptions.endpoints } }),
  };
  if (options.install) ns.deploy();
  return ns;
}
