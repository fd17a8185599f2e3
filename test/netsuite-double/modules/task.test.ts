import { describe, expect, it } from 'vitest';
import { fakeAccount } from '../io/fake-account.js';
import { testContext } from '../io/test-context.js';
import type { MapReduceRun } from '../mapreduce.js';
import { createTaskModule, runQueuedTasks } from './task.js';

function setup() {
  const ran: string[] = [];
  const account = fakeAccount({
    customscript_io_mr: {
      scriptType: 'MapReduceScript',
      exports: {
        getInputData: (_c, env) => [String(env.params.custscript_io_batch ?? 'none')],
        map: (c) => {
          ran.push(`map ${c.value}`);
          c.write(c.value, 'x');
        },
      },
    },
    customscript_io_ss: {
      scriptType: 'ScheduledScript',
      deployments: [{ scriptid: 'customdeploy_io_ss_1' }, { scriptid: 'customdeploy_io_ss_2' }],
      exports: { execute: (c, env) => void ran.push(`execute ${c.type} ${String(env.params.custscript_io_n)}`) },
    },
  });
  const ctx = testContext(account);
  return { account, ctx, ran, task: createTaskModule(ctx) };
}

describe('N/task', () => {
  it('queues on submit (20 units) and runs only when the test asks', () => {
    const { task, ctx, ran, account } = setup();
    const mr = task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: 'customscript_io_mr', deploymentId: 'customdeploy_io_mr', params: { custscript_io_batch: 'b1' } });
    const id = mr.submit();
    expect(id).toMatch(/^MAPREDUCETASK_[0-9A-F]+$/);
    expect(ctx.governance.used).toBe(20);
    expect(task.checkStatus({ taskId: id })).toMatchObject({ status: 'PENDING', scriptId: 'customscript_io_mr' });
    expect(ran).toEqual([]);

    const results = runQueuedTasks(account);
    expect(ran).toEqual(['map b1']);
    expect((results[0]!.outcome as MapReduceRun).output).toEqual([{ key: 'b1', value: 'x' }]);
    expect(task.checkStatus({ taskId: id })).toMatchObject({ status: 'COMPLETE', stage: 'SUMMARIZE' });
    expect(task.checkStatus({ taskId: id }).getPercentageCompleted?.()).toBe(100);
    expect(runQueuedTasks(account)).toEqual([]);
  });

  it('submits only Not Scheduled deployments: a Scheduled one is refused, and without a deploymentId a free Not Scheduled one is picked', () => {
    const ran: string[] = [];
    const account = fakeAccount({
      customscript_io_mr: {
        scriptType: 'MapReduceScript',
        deployments: [{ scriptid: 'customdeploy_io_mr_hourly', status: 'SCHEDULED' }, { scriptid: 'customdeploy_io_mr_now' }],
        exports: { getInputData: () => [], map: () => void ran.push('map') },
      },
    });
    const task = createTaskModule(testContext(account));
    expect(() => task.create({ taskType: 'MAP_REDUCE', scriptId: 'customscript_io_mr', deploymentId: 'customdeploy_io_mr_hourly' }).submit()).toThrow(
      expect.objectContaining({ name: 'FAILED_TO_SUBMIT_JOB_REQUEST_1', message: expect.stringContaining('only a Not Scheduled deployment can be submitted') }),
    );
    const id = task.create({ taskType: 'MAP_REDUCE', scriptId: 'customscript_io_mr' }).submit();
    expect(task.checkStatus({ taskId: id })).toMatchObject({ deploymentId: 'customdeploy_io_mr_now' });
    // The only on-demand deployment is queued: NetSuite reports the script as already running.
    expect(() => task.create({ taskType: 'MAP_REDUCE', scriptId: 'customscript_io_mr' }).submit()).toThrow(expect.objectContaining({ name: 'MAP_REDUCE_ALREADY_RUNNING' }));
  });

  it('refuses a second submit of a queued Map/Reduce deployment with MAP_REDUCE_ALREADY_RUNNING', () => {
    const { task, account } = setup();
    const create = () => task.create({ taskType: 'MAP_REDUCE', scriptId: 'customscript_io_mr', deploymentId: 'customdeploy_io_mr' });
    create().submit();
    expect(() => create().submit()).toThrow(expect.objectContaining({ name: 'MAP_REDUCE_ALREADY_RUNNING' }));
    expect(() => task.create({ taskType: 'MAP_REDUCE', scriptId: 'customscript_io_mr' }).submit()).toThrow(
      expect.objectContaining({ name: 'MAP_REDUCE_ALREADY_RUNNING' }),
    );
    runQueuedTasks(account);
    expect(() => create().submit()).not.toThrow();
  });

  it('runs scheduled scripts on a free deployment with their params, ON_DEMAND', () => {
    const { task, account, ran } = setup();
    const first = task.create({ taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_io_ss', params: { custscript_io_n: 1 } });
    first.submit();
    const second = task.create({ taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_io_ss' });
    second.params = { custscript_io_n: 2 };
    second.submit();
    expect(() => task.create({ taskType: 'SCHEDULED_SCRIPT', scriptId: 'customscript_io_ss' }).submit()).toThrow(
      expect.objectContaining({ name: 'NO_DEPLOYMENTS_AVAILABLE' }),
    );
    const results = runQueuedTasks(account);
    expect(results.map((r) => r.task.deploymentId)).toEqual(['customdeploy_io_ss_1', 'customdeploy_io_ss_2']);
    expect(ran).toEqual(['execute ONDEMAND 1', 'execute ONDEMAND 2']);
  });

  it('rejects unknown scripts, wrong script types and unsupported task types', () => {
    const { task } = setup();
    expect(() => task.create({ taskType: 'MAP_REDUCE', scriptId: 'customscript_io_ss' }).submit()).toThrow(
      expect.objectContaining({ name: 'INVALID_SCRIPT_ID_1' }),
    );
    expect(() => task.create({ taskType: 'CSV_IMPORT' })).toThrow(expect.objectContaining({ name: 'DOUBLE_NOT_IMPLEMENTED' }));
    expect(() => task.checkStatus({ taskId: 'nope' })).toThrow(expect.objectContaining({ name: 'INVALID_TASK_ID' }));
  });
});
