/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

// Runs a person's action on a FedEx Shipment record (Void / Cancel, Replay). GET shows what will
// happen and asks to confirm; only the POST of that confirmation acts, so a link or a prefetch
// never voids a label. Roles are checked on both (lib/shipment-actions.ts): the deployment's
// audience lets the page open, the library decides who may act.
import type { EntryPoints } from 'N/types';
import * as url from 'N/url';
import { SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import type { ShipmentAction } from './lib/shipment-actions';
import { actionsFor, currentUser, mayAct, runShipmentAction, SHIPMENT_ACTIONS } from './lib/shipment-actions';
import { readShipment } from './lib/shipment-state';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:sans-serif;max-width:48em;margin:2em"><h1>${escape(title)}</h1>${body}</body></html>`;
}

function backLink(shipmentId: number, from?: string): string {
  const href = url.resolveRecord({ recordType: SHIPMENT.type, recordId: shipmentId });
  // Opened from the console's lists: back there too.
  const toConsole = from === 'console' ? ` · <a href="${escape(url.resolveScript({ scriptId: SCRIPTS.consoleSuitelet.scriptId, deploymentId: SCRIPTS.consoleSuitelet.deploymentId }))}">Back to the FedEx Connector console</a>` : '';
  return `<p><a href="${escape(href)}">Back to the FedEx Shipment record</a>${toConsole}</p>`;
}

export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const { request, response } = context;
  response.setHeader({ name: 'Cache-Control', value: 'no-store' });
  const shipmentId = Number(request.parameters.shipment);
  const action = String(request.parameters.action ?? '') as ShipmentAction;
  const from = request.parameters.from === 'console' ? 'console' : undefined;
  if (!Number.isInteger(shipmentId) || shipmentId <= 0 || !SHIPMENT_ACTIONS.includes(action)) {
    response.write(page('FedEx Shipment action', `<p>Unknown request: a Shipment record id (shipment) and an action (${SHIPMENT_ACTIONS.join(' or ')}) are needed.</p>`));
    return;
  }
  const user = currentUser();
  if (!mayAct(user.roleId)) {
    response.write(page('Not allowed', `<p>Your role may not act on FedEx shipments. Ask an administrator or a user with the FedEx Connector Administrator role.</p>${backLink(shipmentId, from)}`));
    return;
  }

  if (request.method !== 'POST') {
    const shipment = readShipment(shipmentId);
    const info = actionsFor(shipment).find((a) => a.action === action);
    const facts = `<p>Shipment record ${shipmentId}: status <b>${escape(shipment.status)}</b>${shipment.masterTrackingNumber ? `, FedEx ${escape(shipment.masterTrackingNumber)}` : ''}, key ${escape(shipment.idempotencyKey)}.</p>`;
    if (!info) {
      response.write(page('FedEx Shipment action', `${facts}<p>${escape(action)} does not apply to it now.</p>${backLink(shipmentId, from)}`));
      return;
    }
    const self = url.resolveScript({ scriptId: SCRIPTS.actionSuitelet.scriptId, deploymentId: SCRIPTS.actionSuitelet.deploymentId });
    response.write(
      page(
        info.label,
        `${facts}<p>${escape(info.effect)}</p>` +
          `<form method="POST" action="${escape(self)}"><input type="hidden" name="shipment" value="${shipmentId}"><input type="hidden" name="action" value="${escape(action)}"><input type="hidden" name="confirm" value="T">${from ? '<input type="hidden" name="from" value="console">' : ''}<button type="submit">${escape(info.label)}</button></form>` +
          backLink(shipmentId, from),
      ),
    );
    return;
  }

  if (request.parameters.confirm !== 'T') {
    response.write(page('FedEx Shipment action', `<p>Not confirmed: nothing was done.</p>${backLink(shipmentId, from)}`));
    return;
  }
  const result = runShipmentAction(shipmentId, action, user);
  response.write(page(result.ok ? 'Done' : 'Not done', `<p>${escape(result.message)}</p><p>Status now: <b>${escape(result.status || '?')}</b>.</p>${backLink(shipmentId, from)}`));
};
