// N/task for Map/Reduce and scheduled scripts. submit() (20 units) queues the task on the
// account; nothing runs until the test calls runQueuedTasks(), never on a timer. Submitting a
// Map/Reduce deployment that is queued or running throws MAP_REDUCE_ALREADY_RUNNING (Oracle,
// "Submitting Multiple Deployments of the Same Script"). Only a deployment whose status is Not
// Scheduled can be submitted on demand (Oracle, "Submitting an On-Demand Map/Reduce Script
// Deployment from a Script"); the error code for the refusal is not documented: the double throws
// FAILED_TO_SUBMIT_JOB_REQUEST_1 (an assumption). Without a deploymentId, NetSuite picks a free
// Not Scheduled deployment.
import type { AccountServices, ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';
import { ioStateOf } from '../io/io-state.js';
import { findDeployment, findScript } from '../io/scripts.js';
import type { QueuedTask, TaskKind } from '../io/task-queue.js';
import { runMapReduce, type MapReduceRun, type RunMapReduceOptions } from '../mapreduce.js';

export const TaskType = Object.freeze({
  CSV_IMPORT: 'CSV_IMPORT',
  ENTITY_DEDUPLICATION: 'ENTITY_DEDUPLICATION',
  MAP_REDUCE: 'MAP_REDUCE',
  QUERY: 'QUERY',
  RECORD_ACTION: 'RECORD_ACTION',
  SCHEDULED_SCRIPT: 'SCHEDULED_SCRIPT',
  SEARCH: 'SEARCH',
  SUITE_QL: 'SUITE_QL',
  WORKFLOW_TRIGGER: 'WORKFLOW_TRIGGER',
} as const);

export const TaskStatus = Object.freeze({
  PENDING: 'PENDING',
  PROCESSING: 'PROCESSING',
  COMPLETE: 'COMPLETE',
  FAILED: 'FAILED',
} as const);

export const MapReduceStage = Object.freeze({
  GET_INPUT: 'GET_INPUT',
  MAP: 'MAP',
  SHUFFLE: 'SHUFFLE',
  REDUCE: 'REDUCE',
  SUMMARIZE: 'SUMMARIZE',
} as const);

export const SUBMIT_UNITS = 20;

const SCRIPT_TYPE_OF: Record<TaskKind, string> = { MAP_REDUCE: 'MapReduceScript', SCHEDULED_SCRIPT: 'ScheduledScript' };

interface TaskDraft {
  taskType: TaskKind;
  scriptId: string | undefined;
  deploymentId: string | undefined;
  params: Record<string, unknown>;
  id: string | undefined;
}

/** Picks the deployment a submit runs on: the one named, or the first idle deployed one. */
function chooseDeployment(ctx: ScriptRunContext, draft: TaskDraft) {
  if (!draft.scriptId) throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: scriptId');
  const script = findScript(ctx.account, draft.scriptId);
  if (!script || script.scriptType !== SCRIPT_TYPE_OF[draft.taskType]) {
    throw ioError('INVALID_SCRIPT_ID_1', `No ${SCRIPT_TYPE_OF[draft.taskType]} with script id ${draft.scriptId}.`);
  }
  const tasks = ioStateOf(ctx.account).tasks;
  if (draft.deploymentId) {
    const deployment = findDeployment(script, draft.deploymentId);
    if (!deployment || !deployment.isdeployed) {
      throw ioError('INVALID_DEPLOYMENT_ID_1', `No deployed deployment ${draft.deploymentId} of ${script.scriptid}.`);
    }
    if (!onDemand(deployment)) {
      throw ioError(
        'FAILED_TO_SUBMIT_JOB_REQUEST_1',
        `Failed to submit job request: deployment ${deployment.scriptid} of ${script.scriptid} has status ${deployment.status}; only a Not Scheduled deployment can be submitted.`,
      );
    }
    return { script, deployment };
  }
  const candidates = script.deployments.filter((d) => d.isdeployed && onDemand(d));
  const idle = candidates.find((d) => !tasks.isBusy(script.scriptid, d.scriptid));
  if (!idle) {
    if (draft.taskType === 'MAP_REDUCE' && candidates.length > 0) {
      throw ioError('MAP_REDUCE_ALREADY_RUNNING', `Every deployment of ${script.scriptid} is already running or queued.`);
    }
    throw ioError('NO_DEPLOYMENTS_AVAILABLE', `No deployments available for ${script.scriptid}.`);
  }
  return { script, deployment: idle };
}

/** A deployment N/task may submit: deployed, status Not Scheduled. */
function onDemand(deployment: { status: string }): boolean {
  return String(deployment.status).toUpperCase() === 'NOTSCHEDULED';
}

/** What checkStatus returns; the get…() helpers exist on Map/Reduce task statuses only. */
export interface TaskStatusView {
  readonly taskId: string;
  readonly scriptId: string;
  readonly deploymentId: string;
  readonly status: string;
  readonly stage?: string | null;
  getPercentageCompleted?(): number;
  getTotalMapCount?(): number;
  getPendingMapCount?(): number;
  getTotalReduceCount?(): number;
  getPendingReduceCount?(): number;
  getTotalOutputCount?(): number;
  getPendingOutputCount?(): number;
  toString(): string;
}

/** A snapshot of a task, with the Map/Reduce helpers NetSuite offers. */
function statusOf(task: QueuedTask): TaskStatusView {
  const base = { taskId: task.id, scriptId: task.scriptId, deploymentId: task.deploymentId, status: task.status };
  if (task.kind !== 'MAP_REDUCE') return Object.freeze({ ...base, toString: () => JSON.stringify(base) });
  const run = task.outcome as MapReduceRun | undefined;
  const total = run ? run.input.pairs.length : 0;
  return Object.freeze({
    ...base,
    stage: task.stage,
    getPercentageCompleted: () => (task.status === 'COMPLETE' ? 100 : 0),
    getTotalMapCount: () => total,
    getPendingMapCount: () => (task.status === 'COMPLETE' || task.status === 'FAILED' ? 0 : total),
    getTotalReduceCount: () => run?.shuffle.length ?? 0,
    getPendingReduceCount: () => (task.status === 'PENDING' || task.status === 'PROCESSING' ? run?.shuffle.length ?? 0 : 0),
    getTotalOutputCount: () => run?.output.length ?? 0,
    getPendingOutputCount: () => 0,
    toString: () => JSON.stringify({ ...base, stage: task.stage }),
  });
}

/** N/task for one script invocation. */
export function createTaskModule(ctx: ScriptRunContext) {
  const io = ioStateOf(ctx.account);
  const module = Object.freeze({
    TaskType,
    TaskStatus,
    MapReduceStage,
    create(options: { taskType: string; scriptId?: string; deploymentId?: string; params?: Record<string, unknown> }) {
      if (options == null || typeof options.taskType !== 'string') {
        throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: taskType');
      }
      if (options.taskType !== 'MAP_REDUCE' && options.taskType !== 'SCHEDULED_SCRIPT') {
        throw ioError('DOUBLE_NOT_IMPLEMENTED', `not implemented in the test double: task.TaskType.${options.taskType}`);
      }
      const draft: TaskDraft = {
        taskType: options.taskType,
        scriptId: options.scriptId,
        deploymentId: options.deploymentId,
        params: { ...(options.params ?? {}) },
        id: undefined,
      };
      const taskObject = {
        get taskType() {
          return draft.taskType;
        },
        get id() {
          return draft.id;
        },
        get scriptId() {
          return draft.scriptId;
        },
        set scriptId(value: string | undefined) {
          draft.scriptId = value;
        },
        get deploymentId() {
          return draft.deploymentId;
        },
        set deploymentId(value: string | undefined) {
          draft.deploymentId = value;
        },
        get params() {
          return draft.params;
        },
        set params(value: Record<string, unknown>) {
          draft.params = { ...(value ?? {}) };
        },
        submit(): string {
          ctx.governance.charge(SUBMIT_UNITS, 'task.submit');
          const { script, deployment } = chooseDeployment(ctx, draft);
          const queued = io.tasks.submit(draft.taskType, script.scriptid, deployment.scriptid, draft.params);
          draft.id = queued.id;
          return queued.id;
        },
        toString: () => `${draft.taskType} task ${draft.scriptId ?? ''}/${draft.deploymentId ?? ''}`,
      };
      return scriptFacing(ctx, Object.seal(taskObject), draft.taskType === 'MAP_REDUCE' ? 'task.MapReduceScriptTask' : 'task.ScheduledScriptTask');
    },
    checkStatus(options: { taskId: string }): TaskStatusView {
      const task = io.tasks.get(String(options?.taskId));
      if (!task) throw ioError('INVALID_TASK_ID', `No task with id ${String(options?.taskId)}.`);
      return scriptFacing(ctx, statusOf(task), 'task.TaskStatus');
    },
  });
  return scriptFacing(ctx, module, 'N/task', false);
}

export interface QueuedTaskResult {
  task: QueuedTask;
  /** The Map/Reduce run, or the scheduled script's invocation result. */
  outcome: unknown;
}

export interface RunQueuedTasksOptions {
  /** Also run tasks submitted by the tasks being run (a script rescheduling itself); default false. */
  untilEmpty?: boolean;
  /** Passed to every Map/Reduce run (e.g. interruptions). */
  mapReduce?: Omit<RunMapReduceOptions, 'scriptId' | 'deploymentId' | 'params'>;
  /** Guard for untilEmpty. Default 100. */
  maxTasks?: number;
}

/**
 * Runs the account's queued tasks in submission order, as the scheduler would, and returns what
 * each produced. Only tasks queued when called run, unless `untilEmpty`.
 */
export function runQueuedTasks(account: AccountServices, options: RunQueuedTasksOptions = {}): QueuedTaskResult[] {
  const io = ioStateOf(account);
  const results: QueuedTaskResult[] = [];
  const max = options.maxTasks ?? 100;
  let batch = io.tasks.pending();
  while (batch.length > 0) {
    for (const task of batch) {
      if (results.length >= max) throw new Error(`runQueuedTasks: more than ${max} tasks; a script keeps resubmitting itself?`);
      task.status = 'PROCESSING';
      task.stage = task.kind === 'MAP_REDUCE' ? 'GET_INPUT' : null;
      try {
        if (task.kind === 'MAP_REDUCE') {
          const run = runMapReduce(account, {
            ...options.mapReduce,
            scriptId: task.scriptId,
            deploymentId: task.deploymentId,
            params: task.params,
          });
          task.stage = 'SUMMARIZE';
          task.outcome = run;
          task.status = 'COMPLETE';
        } else {
          const result = account.runEntryPoint({
            scriptId: task.scriptId,
            deploymentId: task.deploymentId,
            entryPoint: 'execute',
            args: [Object.freeze({ type: 'ONDEMAND', InvocationType: SCHEDULED_INVOCATION_TYPES })],
            parameters: task.params,
            label: task.id,
          });
          task.outcome = result;
          task.status = result.outcome === 'returned' ? 'COMPLETE' : 'FAILED';
        }
      } catch (error) {
        task.outcome = error;
        task.status = 'FAILED';
      }
      results.push({ task, outcome: task.outcome });
    }
    batch = options.untilEmpty ? io.tasks.pending() : [];
  }
  return results;
}

/** scriptContext.InvocationType of scheduled scripts. */
const SCHEDULED_INVOCATION_TYPES = Object.freeze({
  SCHEDULED: 'SCHEDULED',
  ON_DEMAND: 'ONDEMAND',
  USER_INTERFACE: 'USERINTERFACE',
  ABORTED: 'ABORTED',
  SKIPPED: 'SKIPPED',
});
