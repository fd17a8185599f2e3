// Tasks submitted with N/task. They wait in the queue until the TEST runs them (runQueuedTasks),
// never on a timer: a test decides when "later" is. A deployment runs one instance at a time, so
// submitting a Map/Reduce deployment that is queued or running fails, as in NetSuite.
import { randomBytes } from 'node:crypto';
import { ioError } from './errors.js';

export type TaskKind = 'MAP_REDUCE' | 'SCHEDULED_SCRIPT';
export type TaskStatusName = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';
export type MapReduceStageName = 'GET_INPUT' | 'MAP' | 'SHUFFLE' | 'REDUCE' | 'SUMMARIZE';

export interface QueuedTask {
  readonly id: string;
  readonly kind: TaskKind;
  readonly scriptId: string;
  readonly deploymentId: string;
  readonly params: Record<string, unknown>;
  status: TaskStatusName;
  stage: MapReduceStageName | null;
  /** What running it produced (a Map/Reduce result, an error), for tests. */
  outcome?: unknown;
}

export class TaskQueue {
  readonly #tasks = new Map<string, QueuedTask>();

  submit(kind: TaskKind, scriptId: string, deploymentId: string, params: Record<string, unknown>): QueuedTask {
    const busy = [...this.#tasks.values()].find(
      (t) =>
        t.scriptId === scriptId &&
        t.deploymentId === deploymentId &&
        (t.status === 'PENDING' || t.status === 'PROCESSING'),
    );
    if (busy && kind === 'MAP_REDUCE') {
      throw ioError(
        'MAP_REDUCE_ALREADY_RUNNING',
        `Map/reduce script ${scriptId} (deployment ${deploymentId}) is already running or queued.`,
      );
    }
    if (busy) {
      throw ioError(
        'FAILED_TO_SUBMIT_JOB_REQUEST_1',
        `Failed to submit job request: deployment ${deploymentId} of ${scriptId} is already queued or running.`,
      );
    }
    const prefix = kind === 'MAP_REDUCE' ? 'MAPREDUCETASK_' : 'SCHEDSCRIPT_';
    const task: QueuedTask = {
      id: prefix + randomBytes(20).toString('hex').toUpperCase(),
      kind,
      scriptId,
      deploymentId,
      params: { ...params },
      status: 'PENDING',
      stage: null,
    };
    this.#tasks.set(task.id, task);
    return task;
  }

  get(id: string): QueuedTask | undefined {
    return this.#tasks.get(id);
  }

  pending(): QueuedTask[] {
    return [...this.#tasks.values()].filter((t) => t.status === 'PENDING');
  }

  all(): QueuedTask[] {
    return [...this.#tasks.values()];
  }

  /** Whether a deployment has a task queued or running (used to pick a free deployment). */
  isBusy(scriptId: string, deploymentId: string): boolean {
    return [...this.#tasks.values()].some(
      (t) =>
        t.scriptId === scriptId &&
        t.deploymentId === deploymentId &&
        (t.status === 'PENDING' || t.status === 'PROCESSING'),
    );
  }
}
