/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// FedEx Shipment record, view mode: the Void / Cancel and Replay buttons, for the roles allowed to
// act (lib/shipment-actions.ts). A button opens the action Suitelet's confirmation page; nothing
// changes until the person confirms there.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as url from 'N/url';
import { SCRIPTS } from '../../shared/src/ids';
import { actionsFor, currentUser, mayAct } from './lib/shipment-actions';
import { detailsOf } from './lib/shipment-state';

export const beforeLoad: EntryPoints.UserEvent.beforeLoad = (context) => {
  if (context.type !== context.UserEventType.VIEW || !context.form) return;
  try {
    if (!mayAct(currentUser().roleId)) return;
    const shipment = detailsOf(context.newRecord);
    for (const info of actionsFor(shipment)) {
      const target = url.resolveScript({
        scriptId: SCRIPTS.actionSuitelet.scriptId,
        deploymentId: SCRIPTS.actionSuitelet.deploymentId,
        params: { shipment: shipment.id, action: info.action },
      });
      context.form.addButton({ id: `custpage_mlfx_${info.action}`, label: info.label, functionName: `window.location.assign(${JSON.stringify(target)})` });
    }
  } catch (e) {
    // A button missing is better than a record that does not open.
    log.error({ title: 'FedEx connector: Shipment actions not shown', details: `${(e as Error).name ?? 'Error'}: ${(e as Error).message ?? String(e)}` });
  }
};
