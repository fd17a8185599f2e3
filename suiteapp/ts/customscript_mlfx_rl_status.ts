/**
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */

// Status RESTlet: the relay posts FedEx webhook updates here; they are applied exactly as the poll
// applies them (lib/apply-status), so webhook and poll never disagree or double-write.
import type { EntryPoints } from 'N/types';
import * as error from 'N/error';
import { correlationId } from '../../shared/src/audit';
import type { StatusUpdateRequest, StatusUpdateResponse } from '../../shared/src/contract';
import { decideTracking } from '../../shared/src/track-decision';
import { epochMinutes } from '../../shared/src/track-plan';
import { applyTrackDecision } from './lib/apply-status';
import { readSettings, trackPlanSettings } from './lib/settings';
import { shipmentsByTrackingNumber } from './lib/tracked-shipments';

export const post: EntryPoints.RESTlet.post<StatusUpdateRequest, StatusUpdateResponse> = (requestBody) => {
  // NetSuite passes a parsed object for application/json, and the raw string otherwise.
  const body = (typeof requestBody === 'string' ? JSON.parse(requestBody) : requestBody) as Partial<StatusUpdateRequest> | undefined;
  const updates = Array.isArray(body?.updates) ? body.updates : undefined;
  if (!updates) throw error.create({ name: 'INVALID_REQUEST', message: 'The body must be {"source": ..., "updates": [...]}' });
  const shipments = shipmentsByTrackingNumber(updates.map((u) => String(u.trackingNumber)));
  const settings = readSettings();
  const plan = trackPlanSettings(settings);
  const now = epochMinutes(Date.now());
  const result: StatusUpdateResponse = { applied: 0, unchanged: 0, unknown: [] };
  for (const update of updates) {
    const shipment = shipments.get(update.trackingNumber);
    if (!shipment) {
      result.unknown.push(update.trackingNumber);
      continue;
    }
    // A push is news FedEx chose to send: its shipment is then polled only as a safety net.
    const decision = decideTracking(shipment, update, now, plan, true);
    const { outcome } = applyTrackDecision(shipment, decision, { source: 'webhook', correlationId: correlationId('HOOK', String(shipment.id), Date.now(), Math.random()), now });
    if (outcome === 'applied') result.applied++;
    else result.unchanged++;
  }
  return result;
};
