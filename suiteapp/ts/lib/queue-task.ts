// Waking the shipping queue (customscript_mlfx_mr_ship) for work that should not wait for its
// next scheduled run: a void asked for in bulk, or during a create in flight.
import * as log from 'N/log';
import * as task from 'N/task';
import { SCRIPTS } from '../../../shared/src/ids';

/** Submits the on-demand deployment (20 units); if it is already queued or running, that run or the next scheduled one takes the work. */
export function wakeShipQueue(): void {
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: SCRIPTS.shipQueue.scriptId, deploymentId: SCRIPTS.shipQueue.onDemandDeploymentId }).submit();
  } catch (e) {
    log.debug({ title: 'FedEx connector: shipping queue already running', details: (e as Error).message ?? String(e) });
  }
}
