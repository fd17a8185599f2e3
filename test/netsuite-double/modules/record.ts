// N/record for scripts: load, create, copy, transform, delete, submitFields, and the Record
// objects of records/script-record.ts. Each call charges the invocation's governance (record
// class: transaction 10/20, custom record 2/4, other 5/10 for load…/save).
import type * as recordTypes from 'N/record';
import type { ScriptRunContext } from '../types.js';
import { invocationOf, scriptError, type Invocation } from '../invocation.js';
import { RECORD_UNITS } from '../governance.js';
import { cloneData, type RecordData } from '../records/model.js';
import { ScriptRecord, type RecordEnv, type ScriptRecordOptions } from '../records/script-record.js';
import { transformData } from '../records/transform.js';
import { fromText, isEmptyValue, toCanonical } from '../records/values.js';
import { saveWithUserEvents, deleteWithUserEvents, runBeforeLoad, USER_EVENT_TYPES } from '../user-events.js';
import { notImplemented } from './error.js';

type Options = Record<string, unknown>;

/** The RecordEnv of an invocation: its errors, its realm, its account, its save pipeline. */
export function recordEnv(invocation: Invocation): RecordEnv {
  const { ctx, account, realm } = invocation;
  const env: RecordEnv = {
    repo: account.repo,
    fail: (name, message) => scriptError(ctx, name, message),
    adopt: (value) => realm.adopt(value),
    notImplemented: (api) => notImplemented(api, realm.Error),
    save: (record, options) => saveScriptRecord(invocation, env, record, options),
  };
  return env;
}

/** A Record for a script of this invocation (user event context records included). */
export function makeScriptRecord(ctx: ScriptRunContext, type: string, data: RecordData, options: ScriptRecordOptions): ScriptRecord {
  const invocation = invocationOf(ctx);
  const env = recordEnv(invocation);
  const def = env.repo.typeDef(type, env.fail);
  return new ScriptRecord(env, def, data, options).exposed();
}

function saveScriptRecord(invocation: Invocation, env: RecordEnv, record: ScriptRecord, options: { ignoreMandatoryFields: boolean }): number {
  const { ctx, account } = invocation;
  ctx.governance.charge(RECORD_UNITS.save[record.def.costClass], `Record.save ${record.def.costClass} (${record.type})`);
  const stored = saveWithUserEvents(
    account,
    {
      type: record.type,
      id: record.id ?? undefined,
      data: cloneData(record.data),
      event: record.id === null ? USER_EVENT_TYPES.CREATE : USER_EVENT_TYPES.EDIT,
      executionContext: ctx.executionContext,
      runUserEvents: ctx.scriptType !== 'UserEventScript',
      expectedVersion: record.loadedVersion,
      ignoreMandatoryFields: options.ignoreMandatoryFields,
      userId: invocation.userId,
    },
    env.fail,
  );
  record.id = stored.id;
  record.loadedVersion = stored.version;
  record.data = cloneData(stored.data);
  record.current.clear();
  return stored.id;
}

export function createRecordModule(ctx: ScriptRunContext) {
  const invocation = invocationOf(ctx);
  const env = recordEnv(invocation);
  const { repo, fail } = env;
  const realmPromise = invocation.realm.global.Promise as PromiseConstructor;

  const arg = (options: unknown, name: string): unknown => {
    if (!options || typeof options !== 'object') throw fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: options.${name}`);
    const value = (options as Options)[name];
    if (value === undefined || value === null || value === '') throw fail('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
    return value;
  };
  const charge = (op: keyof typeof RECORD_UNITS, type: string) => {
    const def = repo.typeDef(type, fail);
    ctx.governance.charge(RECORD_UNITS[op][def.costClass], `record.${op} ${def.costClass} (${def.type})`);
    return def;
  };
  const applyDefaults = (record: ScriptRecord, defaults: unknown) => {
    if (defaults === undefined || defaults === null) return;
    if (typeof defaults !== 'object') throw fail('SSS_INVALID_TYPE_ARG', 'defaultValues must be an object');
    for (const [fieldId, value] of Object.entries(defaults as Options)) record.setValue({ fieldId, value });
  };

  const load = (options: Options) => {
    const type = String(arg(options, 'type')).toLowerCase();
    const id = arg(options, 'id');
    const def = charge('load', type);
    const stored = repo.require(def.type, id, fail);
    // A load by a server script runs the record's beforeLoad user events (type 'view', no form);
    // a load by a user event script does not (user-events.ts runBeforeLoad).
    if (ctx.scriptType !== 'UserEventScript') {
      runBeforeLoad(account(), { type: def.type, id: stored.id, data: stored.data, event: USER_EVENT_TYPES.VIEW, executionContext: ctx.executionContext, userId: invocation.userId }, fail);
    }
    // A Map/Reduce job overlapping another that changed this record loads it as it was (parallel-jobs.ts).
    const view = account().parallel.staleView(def.type, stored.id) ?? stored;
    const record = new ScriptRecord(env, def, cloneData(view.data), { id: stored.id, isDynamic: options.isDynamic === true, loadedVersion: view.version });
    return record.exposed();
  };

  const create = (options: Options) => {
    const type = String(arg(options, 'type')).toLowerCase();
    const def = charge('create', type);
    if (def.createOnlyByTransform) {
      throw fail('INVALID_RCRD_TYPE', `A ${def.type} cannot be created directly: use record.transform from its source transaction (e.g. salesorder → ${def.type}).`);
    }
    const record = new ScriptRecord(env, def, repo.newData(def), { id: null, isDynamic: options.isDynamic === true });
    applyDefaults(record, options.defaultValues);
    return record.exposed();
  };

  const copy = (options: Options) => {
    const type = String(arg(options, 'type')).toLowerCase();
    const def = charge('copy', type);
    if (def.createOnlyByTransform) throw fail('INVALID_RCRD_TYPE', `A ${def.type} cannot be copied.`);
    const stored = repo.require(def.type, arg(options, 'id'), fail);
    const data = cloneData(stored.data);
    for (const [id, field] of def.fields) if (field.readOnly || id === 'tranid' || id === 'externalid') delete data.body[id];
    for (const lines of Object.values(data.sublists)) for (const line of lines) delete line.values.line;
    const record = new ScriptRecord(env, def, data, { id: null, isDynamic: options.isDynamic === true });
    applyDefaults(record, options.defaultValues);
    return record.exposed();
  };

  const transform = (options: Options) => {
    const fromType = String(arg(options, 'fromType')).toLowerCase();
    const toType = String(arg(options, 'toType')).toLowerCase();
    const fromDef = charge('transform', fromType);
    const source = repo.require(fromDef.type, arg(options, 'fromId'), fail);
    const toDef = repo.typeDef(toType, fail);
    const record = new ScriptRecord(env, toDef, transformData(repo, source, toDef.type, fail), { id: null, isDynamic: options.isDynamic === true });
    applyDefaults(record, options.defaultValues);
    return record.exposed();
  };

  const deleteRecord = (options: Options) => {
    const type = String(arg(options, 'type')).toLowerCase();
    const id = arg(options, 'id');
    const def = charge('delete', type);
    const stored = repo.require(def.type, id, fail);
    deleteWithUserEvents(account(), { type: def.type, id: stored.id, executionContext: ctx.executionContext, runUserEvents: ctx.scriptType !== 'UserEventScript', userId: invocation.userId }, fail);
    return stored.id;
  };

  const submitFields = (options: Options) => {
    const type = String(arg(options, 'type')).toLowerCase();
    const id = arg(options, 'id');
    const values = arg(options, 'values');
    if (typeof values !== 'object') throw fail('SSS_INVALID_TYPE_ARG', 'values must be an object of fieldId → value');
    const def = charge('submitFields', type);
    const stored = repo.require(def.type, id, fail);
    if (account().parallel.changedByAnother(def.type, stored.id)) {
      throw fail('RCRD_HAS_BEEN_CHANGED', `Record has been changed: another job running at the same time changed ${def.type} ${stored.id}.`);
    }
    const partial: RecordData = { body: {}, sublists: {}, subrecords: {} };
    for (const [fieldId, value] of Object.entries(values as Options)) {
      const field = repo.field(def, fieldId, fail);
      if (field.kind === 'subrecord') throw fail('SSS_INVALID_API_USAGE', `submitFields cannot set subrecord fields (${fieldId}): load the record and use getSubrecord.`);
      if (field.readOnly) throw fail('DOUBLE_READ_ONLY_FIELD', `Field ${fieldId} of ${def.type} is set by NetSuite, not by scripts.`);
      // submitFields is an inline edit: like the UI it also takes dates as text in the user's format.
      const canonical = typeof value === 'string' && value !== '' && (field.kind === 'date' || field.kind === 'datetime') ? fromText(field, value, fail) : toCanonical(field, value, fail);
      partial.body[fieldId] = isEmptyValue(canonical) && field.kind !== 'checkbox' ? null : canonical;
    }
    const sub = (options.options ?? {}) as Options;
    saveWithUserEvents(
      account(),
      {
        type: def.type,
        id: stored.id,
        data: partial,
        event: USER_EVENT_TYPES.XEDIT,
        executionContext: ctx.executionContext,
        runUserEvents: ctx.scriptType !== 'UserEventScript',
        ignoreMandatoryFields: sub.ignoreMandatoryFields === true,
        userId: invocation.userId,
      },
      fail,
    );
    return stored.id;
  };
  const account = () => invocation.account;

  /** `record.load.promise(…)` and friends: the same call, settled as a promise. */
  const promised = <A extends unknown[], R>(fn: (...a: A) => R) =>
    Object.assign(fn, {
      promise: (...a: A) =>
        new realmPromise<R>((resolve, reject) => {
          try {
            resolve(fn(...a));
          } catch (error) {
            reject(error);
          }
        }),
    });

  const module = {
    load: promised(load),
    create: promised(create),
    copy: promised(copy),
    transform: promised(transform),
    delete: promised(deleteRecord),
    submitFields: promised(submitFields),
  };
  // Type check against @hitc/netsuite-types: every function we provide has NetSuite's name.
  const typed: Partial<Record<keyof typeof recordTypes, unknown>> = module;
  return typed;
}
