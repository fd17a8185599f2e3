/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

// The FedEx Connector console (Setup > Integration > FedEx Connector): one NetSuite page where the
// connector's admin sees whether the relay answers and accepts NetSuite's signature, how many
// shipments are in which state today and this week, which shipments need a person and why, and
// the most recent ones, with links to every record involved. Replay and Void open the Shipment
// action page (customscript_mlfx_sl_action: confirm, then act through lib/shipment-actions.ts).
// Roles: the deployment's audience opens the page; this script lets only the roles of
// lib/shipment-actions.ts mayAct run Test Connection or see the action links, whatever the
// audience is widened to. Governance: 71 units a page view (see README), +10 for Test Connection.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as search from 'N/search';
import * as message from 'N/ui/message';
import * as url from 'N/url';
import { SCRIPTS, SETTINGS, SHIPMENT, AUDIT } from '../../shared/src/ids';
import type { SignatureCheck } from '../../shared/src/relay-status';
import { SHIPMENT_STATUSES } from '../../shared/src/shipment-lifecycle';
import type { ConsoleData, ConsoleLinks, ConsoleNotice, RowAction } from './lib/console/console-page';
import { buildConsoleForm } from './lib/console/console-page';
import { readRelayStatus, testConnection } from './lib/console/relay-probe';
import type { ShipmentRow } from './lib/console/shipment-panels';
import { auditTrail, recentShipments, shipmentsNeedingAttention, statusCounts } from './lib/console/shipment-panels';
import { savedSearchSpecs } from './lib/saved-searches';
import { readSettings } from './lib/settings';
import { actionsFor, currentUser, mayAct } from './lib/shipment-actions';

const PAGE_SIZE = 20;
const AUDIT_PAGE_SIZE = 25;

/** A non-negative page index from a request parameter. */
function pageParam(value: unknown): number {
  const n = Math.floor(Number(value));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** The internal id of the active Settings record, for the Settings link (10 units). */
function settingsId(): number | undefined {
  const row = search
    .create({ type: SETTINGS.type, filters: [['isinactive', 'is', 'F']], columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC })] })
    .run()
    .getRange({ start: 0, end: 1 })[0];
  return row ? Number(row.id) : undefined;
}

/** A Shipment's name: from the lists on the page, else looked up (1 unit). */
function shipmentName(id: number, shown: ShipmentRow[]): string {
  const row = shown.find((r) => r.id === id);
  if (row) return row.name;
  try {
    return String(search.lookupFields({ type: SHIPMENT.type, id, columns: ['name'] }).name || `Shipment ${id}`);
  } catch {
    return `Shipment ${id} (not found)`;
  }
}

/**
 * Which actions to offer on a list row, decided by the same rules as the Shipment record's buttons
 * from what the list shows; the action page checks the Shipment itself again before acting.
 */
function rowActions(row: ShipmentRow): RowAction[] {
  const maySent = row.status === 'UNKNOWN' || row.status === 'PENDING' || row.status === 'VOIDING';
  return actionsFor({
    id: row.id,
    status: row.status,
    attempts: row.attempts,
    idempotencyKey: '',
    trackingNumbers: [],
    hasSentRequest: maySent,
    ...(row.masterTrackingNumber ? { masterTrackingNumber: row.masterTrackingNumber } : {}),
  }).map((a) => a.action);
}

const links: ConsoleLinks = {
  self: (params) => url.resolveScript({ scriptId: SCRIPTS.consoleSuitelet.scriptId, deploymentId: SCRIPTS.consoleSuitelet.deploymentId, params }),
  record: (type, id) => url.resolveRecord({ recordType: type, recordId: id }),
  action: (shipmentId, action) =>
    url.resolveScript({ scriptId: SCRIPTS.actionSuitelet.scriptId, deploymentId: SCRIPTS.actionSuitelet.deploymentId, params: { shipment: shipmentId, action, from: 'console' } }),
  // NetSuite opens a saved search's results by its script id as well as by its internal id.
  savedSearch: (scriptId) => `/app/common/search/searchresults.nl?searchid=${encodeURIComponent(scriptId)}`,
};

export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const { request, response } = context;
  response.setHeader({ name: 'Cache-Control', value: 'no-store' });
  const p = request.parameters as Record<string, string | undefined>;
  const user = currentUser();
  const may = mayAct(user.roleId);
  const settings = readSettings();
  const notices: ConsoleNotice[] = [];

  let signature: SignatureCheck | undefined;
  if (request.method === 'POST') {
    if (!may) {
      notices.push({ type: message.Type.ERROR, title: 'Not allowed', message: `Your role (${user.roleId || 'none'}) may look at the FedEx Connector but not act on it: ask an administrator or a user with the FedEx Connector Administrator role.` });
      log.audit({ title: 'FedEx connector console: action refused', details: `User ${user.id} (${user.roleId}) posted ${p.custpage_action ?? '(nothing)'}` });
    } else if (p.custpage_action === 'test') {
      signature = testConnection(settings.relayUrl);
      log.audit({ title: `FedEx connector console: Test Connection ${signature.ok ? 'passed' : 'failed'}`, details: `User ${user.id}: ${signature.message}` });
    }
  }
  if (!settings.relayUrl) notices.push({ type: message.Type.WARNING, title: 'Not configured', message: 'The FedEx Connector Settings record has no Relay URL: no shipment can be created until it is set.' });

  const auditFor = pageParam(p.shipment);
  const params: Record<string, string | number> = {};
  if (pageParam(p.ap)) params.ap = pageParam(p.ap);
  if (pageParam(p.rp)) params.rp = pageParam(p.rp);
  if (auditFor) params.shipment = auditFor;

  const recent = recentShipments(pageParam(p.rp), PAGE_SIZE);
  const attention = shipmentsNeedingAttention(pageParam(p.ap), PAGE_SIZE);
  const data: ConsoleData = {
    userName: user.name,
    mayAct: may,
    relayUrl: settings.relayUrl,
    settingsId: settingsId(),
    settingsType: SETTINGS.type,
    relay: readRelayStatus(settings.relayUrl),
    signature,
    notices,
    counts: statusCounts(SHIPMENT_STATUSES),
    attention,
    recent,
    audit: auditFor
      ? { shipmentId: auditFor, shipmentName: shipmentName(auditFor, [...attention.rows, ...recent.rows]), rows: auditTrail(auditFor, pageParam(p.aup), AUDIT_PAGE_SIZE) }
      : undefined,
    params,
    savedSearches: savedSearchSpecs(settings.maxAttempts).map((spec) => ({ label: spec.label, scriptId: spec.id })),
    shipmentType: SHIPMENT.type,
    auditType: AUDIT.type,
    actionsFor: rowActions,
  };
  response.writePage(buildConsoleForm(data, links));
};
