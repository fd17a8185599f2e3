// Saving a record as NetSuite does: the DEPLOYED user event scripts of the record type run
// beforeSubmit (may change newRecord; an error aborts the save), the record is stored, then
// afterSubmit runs (newRecord read-only; an error is logged but the save stands). Saves made by
// a user event script trigger no user events (NetSuite does not chain them); saves made from
// the UI, CSV import, RESTlets, Suitelets, Map/Reduce and scheduled scripts do.
import type { Account } from './account.js';
import type { ExecutionContextType } from './types.js';
import type { RecordData, StoredRecord } from './records/model.js';
import { cloneData } from './records/model.js';
import type { Fail } from './records/values.js';
import type { SdfDeployment, SdfScript } from './sdf/types.js';
import { makeScriptRecord } from './modules/record.js';
import { clearCustomReferencesTo } from './records/dependent-fields.js';

/** context.UserEventType (values are lower case in NetSuite). */
export const USER_EVENT_TYPES = Object.freeze({
  APPROVE: 'approve',
  CANCEL: 'cancel',
  CHANGEPASSWORD: 'changepassword',
  COPY: 'copy',
  CREATE: 'create',
  DELETE: 'delete',
  DROPSHIP: 'dropship',
  EDIT: 'edit',
  EDITFORECAST: 'editforecast',
  EMAIL: 'email',
  MARKCOMPLETE: 'markcomplete',
  ORDERITEMS: 'orderitems',
  PACK: 'pack',
  PAYBILLS: 'paybills',
  PRINT: 'print',
  QUICKVIEW: 'quickview',
  REASSIGN: 'reassign',
  REJECT: 'reject',
  SHIP: 'ship',
  SPECIALORDER: 'specialorder',
  TRANSFORM: 'transform',
  VIEW: 'view',
  XEDIT: 'xedit',
} as const);

export type UserEventTypeValue = (typeof USER_EVENT_TYPES)[keyof typeof USER_EVENT_TYPES];

const RUNNING_STATUSES = new Set(['RELEASED', 'TESTING']);

/** The deployments that run for this record type, event and execution context, in order. */
export function deployedUserEvents(account: Account, recordType: string, event: string, context: ExecutionContextType): { script: SdfScript; deployment: SdfDeployment }[] {
  const out: { script: SdfScript; deployment: SdfDeployment }[] = [];
  const scripts = [...account.sdf.scripts.values()].filter((s) => s.objectType === 'usereventscript' && !s.isinactive).sort((a, b) => a.internalId - b.internalId);
  const contextName = context === 'SDF_INSTALLATION' ? 'SDFINSTALLATION' : context;
  for (const script of scripts) {
    for (const deployment of script.deployments) {
      if (!deployment.isdeployed || !RUNNING_STATUSES.has(deployment.status.toUpperCase())) continue;
      if ((deployment.recordtype ?? '').toLowerCase() !== recordType.toLowerCase()) continue;
      if (deployment.eventtype && deployment.eventtype.toLowerCase() !== event.toLowerCase()) continue;
      if (deployment.executioncontext && !deployment.executioncontext.includes(contextName)) continue;
      out.push({ script, deployment });
    }
  }
  return out;
}

export interface SaveRequest {
  type: string;
  /** Existing record: edit/xedit/ship/pack; absent: create. */
  id?: number;
  /** The record's new state; for 'xedit', only the changed body fields. */
  data: RecordData;
  event: string;
  executionContext: ExecutionContextType;
  runUserEvents: boolean;
  /** Version the caller loaded; a newer stored version fails with RCRD_HAS_BEEN_CHANGED. */
  expectedVersion?: number;
  ignoreMandatoryFields?: boolean;
  userId: number;
}

export function saveWithUserEvents(account: Account, request: SaveRequest, fail: Fail): StoredRecord {
  const repo = account.repo;
  const def = repo.typeDef(request.type, fail);
  const old = request.id === undefined ? undefined : repo.require(def.type, request.id, fail);
  const checkVersion = () => {
    const current = old ? repo.get(def.type, old.id) : undefined;
    if (old && request.expectedVersion !== undefined && current && current.version !== request.expectedVersion) {
      throw fail('RCRD_HAS_BEEN_CHANGED', 'Record has been changed since you loaded it: load it again and redo your changes.');
    }
  };
  checkVersion();
  const isXedit = request.event === USER_EVENT_TYPES.XEDIT;
  const working = request.data;
  const deployments = request.runUserEvents ? deployedUserEvents(account, def.type, request.event, request.executionContext) : [];

  for (const { script, deployment } of deployments) {
    const result = account.runEntryPoint(
      {
        scriptId: script.scriptid,
        deploymentId: deployment.scriptid,
        entryPoint: 'beforeSubmit',
        executionContext: request.executionContext,
        label: request.event,
        args: ({ ctx }) => [
          {
            type: request.event,
            UserEventType: USER_EVENT_TYPES,
            newRecord: makeScriptRecord(ctx, def.type, working, {
              id: old?.id ?? null,
              isDynamic: false,
              partial: isXedit,
              unsavable: 'context.newRecord is saved by NetSuite after beforeSubmit returns',
            }),
            oldRecord: old ? makeScriptRecord(ctx, def.type, cloneData(old.data), { id: old.id, isDynamic: false, readOnly: 'context.oldRecord is read-only' }) : undefined,
          },
        ],
      },
      { userId: request.userId, recordIfMissing: false },
    );
    if (result.outcome === 'threw') throw result.error;
  }

  checkVersion();
  const full = isXedit && old ? mergeBody(old.data, working) : working;
  const id = old?.id ?? repo.store.allocateId();
  repo.derive(def, id, full, !old);
  repo.check(def, full, { ignoreMandatoryFields: request.ignoreMandatoryFields ?? false }, fail);
  const stored = old ? repo.store.replace(def.type, id, full) : repo.store.insert(def.type, full, id);
  repo.afterStore(stored);

  for (const { script, deployment } of deployments) {
    account.runEntryPoint(
      {
        scriptId: script.scriptid,
        deploymentId: deployment.scriptid,
        entryPoint: 'afterSubmit',
        executionContext: request.executionContext,
        label: request.event,
        args: ({ ctx }) => [
          {
            type: request.event,
            UserEventType: USER_EVENT_TYPES,
            newRecord: makeScriptRecord(ctx, def.type, isXedit ? cloneData(working) : cloneData(stored.data), {
              id: stored.id,
              isDynamic: false,
              partial: isXedit,
              readOnly: 'context.newRecord is read-only in afterSubmit: load the record to change it',
            }),
            oldRecord: old ? makeScriptRecord(ctx, def.type, cloneData(old.data), { id: old.id, isDynamic: false, readOnly: 'context.oldRecord is read-only' }) : undefined,
          },
        ],
      },
      { userId: request.userId, recordIfMissing: false },
    );
    // An afterSubmit error is in the invocation record and the log; the save stands, as in NetSuite.
  }
  return repo.get(def.type, stored.id) ?? stored;
}

/** A button a beforeLoad script added to the UI form (context.form.addButton). */
export interface FormButton {
  id: string;
  label: string;
  functionName: string | undefined;
}

/** What beforeLoad scripts did to the UI form of one page load. */
export interface UiForm {
  buttons: FormButton[];
  clientScriptModulePath: string | undefined;
}

export interface LoadRequest {
  type: string;
  /** The record being loaded (for 'create', the new record's data; no id). */
  id: number | undefined;
  data: RecordData;
  /** context.type: 'view', 'edit', 'create', 'copy', … */
  event: string;
  executionContext: ExecutionContextType;
  /** The UI page's form; absent for loads by scripts and web services (context.form undefined). */
  form?: UiForm;
  userId: number;
}

/**
 * Runs the deployed beforeLoad scripts of a record type. NetSuite runs beforeLoad on every read of
 * a record (d:section_4407991781: "navigating to a record in the UI, reading a record in SOAP web
 * services, and loading a record"), except reads made by user event scripts themselves
 * (d:section_1512409310: the read request comes "from the UI, SOAP and REST web services, CSV
 * import, or server SuiteScript (not other user event scripts)"). Changes a beforeLoad script makes
 * to the record it is given are not saved. An error thrown by a beforeLoad script fails the load.
 */
export function runBeforeLoad(account: Account, request: LoadRequest, fail: Fail): void {
  const repo = account.repo;
  const def = repo.typeDef(request.type, fail);
  for (const { script, deployment } of deployedUserEvents(account, def.type, request.event, request.executionContext)) {
    const result = account.runEntryPoint(
      {
        scriptId: script.scriptid,
        deploymentId: deployment.scriptid,
        entryPoint: 'beforeLoad',
        executionContext: request.executionContext,
        label: request.event,
        args: ({ ctx }) => [
          {
            type: request.event,
            UserEventType: USER_EVENT_TYPES,
            newRecord: makeScriptRecord(ctx, def.type, cloneData(request.data), { id: request.id ?? null, isDynamic: false, unsavable: 'context.newRecord in beforeLoad is not saved' }),
            form: request.form ? uiFormObject(request.form, account.runningInvocation?.realm.Error ?? Error) : undefined,
          },
        ],
      },
      { userId: request.userId, recordIfMissing: false },
    );
    if (result.outcome === 'threw') throw result.error;
  }
}

/** A minimal serverWidget.Form: buttons and the client script path (what UI actions need). */
function uiFormObject(form: UiForm, RealmError: ErrorConstructor): object {
  const notModelled = (api: string) => () => {
    throw new RealmError(`DOUBLE_NOT_IMPLEMENTED: not implemented in the test double: Form.${api}`);
  };
  return {
    addButton(options: { id?: unknown; label?: unknown; functionName?: unknown }) {
      const id = String(options?.id ?? '');
      if (!/^custpage/.test(id)) throw new RealmError(`SSS_INVALID_FORM_ELEMENT_NAME: a button id must start with custpage (${id})`);
      const button = { id, label: String(options?.label ?? ''), functionName: options?.functionName === undefined ? undefined : String(options.functionName) };
      form.buttons.push(button);
      return { ...button, isDisabled: false, isHidden: false };
    },
    getButton: (options: { id?: unknown }) => form.buttons.find((b) => b.id === String(options?.id ?? '')) ?? null,
    removeButton(options: { id?: unknown }) {
      const i = form.buttons.findIndex((b) => b.id === String(options?.id ?? ''));
      if (i >= 0) form.buttons.splice(i, 1);
    },
    get clientScriptModulePath() {
      return form.clientScriptModulePath;
    },
    set clientScriptModulePath(path: unknown) {
      form.clientScriptModulePath = path === undefined ? undefined : String(path);
    },
    addField: notModelled('addField'),
    addSublist: notModelled('addSublist'),
    addTab: notModelled('addTab'),
    addFieldGroup: notModelled('addFieldGroup'),
    getField: notModelled('getField'),
    getSublist: notModelled('getSublist'),
  };
}

export interface DeleteRequest {
  type: string;
  id: number;
  executionContext: ExecutionContextType;
  runUserEvents: boolean;
  userId: number;
}

export function deleteWithUserEvents(account: Account, request: DeleteRequest, fail: Fail): void {
  const repo = account.repo;
  const def = repo.typeDef(request.type, fail);
  const old = repo.require(def.type, request.id, fail);
  const deployments = request.runUserEvents ? deployedUserEvents(account, def.type, USER_EVENT_TYPES.DELETE, request.executionContext) : [];
  const run = (entryPoint: 'beforeSubmit' | 'afterSubmit') => {
    for (const { script, deployment } of deployments) {
      const result = account.runEntryPoint(
        {
          scriptId: script.scriptid,
          deploymentId: deployment.scriptid,
          entryPoint,
          executionContext: request.executionContext,
          label: USER_EVENT_TYPES.DELETE,
          args: ({ ctx }) => [
            {
              type: USER_EVENT_TYPES.DELETE,
              UserEventType: USER_EVENT_TYPES,
              newRecord: makeScriptRecord(ctx, def.type, cloneData(old.data), { id: old.id, isDynamic: false, readOnly: 'the record is being deleted' }),
              oldRecord: makeScriptRecord(ctx, def.type, cloneData(old.data), { id: old.id, isDynamic: false, readOnly: 'context.oldRecord is read-only' }),
            },
          ],
        },
        { userId: request.userId, recordIfMissing: false },
      );
      if (entryPoint === 'beforeSubmit' && result.outcome === 'threw') throw result.error;
    }
  };
  run('beforeSubmit');
  // NetSuite refuses to delete a record other transactions depend on (a sales order with its
  // fulfillments or invoices, a customer or item used on a transaction) with
  // THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS. Checked after beforeSubmit, so
  // code that acts on a delete does it in afterSubmit, when the record is really gone.
  const dependents = dependentTransactions(account, def.type, old.id);
  if (dependents.length > 0) {
    throw fail(
      'THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS',
      `This record cannot be deleted because it has dependent records: ${dependents.slice(0, 5).map((d) => `${d.type} ${d.id}`).join(', ')}${dependents.length > 5 ? ', …' : ''}.`,
    );
  }
  repo.store.delete(def.type, old.id);
  repo.afterStore({ type: def.type, data: old.data });
  clearCustomReferencesTo(repo, def.type, old.id);
  run('afterSubmit');
}

/**
 * Transactions that point at a record through a standard (not custom) reference field of their
 * body or item lines: createdfrom, entity, shipmethod, item, … Custom fields do not count (an
 * assumption: NetSuite's help lists no rule for them; README.md of the double).
 */
function dependentTransactions(account: Account, type: string, id: number): { type: string; id: number }[] {
  const repo = account.repo;
  const key = String(id);
  const out: { type: string; id: number }[] = [];
  for (const def of repo.catalog.types.values()) {
    if (def.costClass !== 'transaction') continue;
    const bodyRefs = [...def.fields.values()].filter((f) => !f.custom && f.kind === 'select' && f.selectType && repo.catalog.concreteTypes(f.selectType).includes(type));
    const lineRefs = [...(def.sublists.get('item')?.fields.values() ?? [])].filter((f) => !f.custom && f.kind === 'select' && f.selectType && repo.catalog.concreteTypes(f.selectType).includes(type));
    if (bodyRefs.length === 0 && lineRefs.length === 0) continue;
    for (const record of repo.store.all(def.type)) {
      if (def.type === type && record.id === id) continue;
      const hit =
        bodyRefs.some((f) => String(record.data.body[f.id] ?? '') === key) ||
        (record.data.sublists.item ?? []).some((line) => lineRefs.some((f) => String(line.values[f.id] ?? '') === key));
      if (hit) out.push({ type: def.type, id: record.id });
    }
  }
  return out;
}

function mergeBody(base: RecordData, changes: RecordData): RecordData {
  const merged = cloneData(base);
  // In an XEDIT change set, null means "cleared".
  for (const [key, value] of Object.entries(changes.body)) {
    if (value === null || value === undefined) delete merged.body[key];
    else merged.body[key] = structuredClone(value);
  }
  return merged;
}
