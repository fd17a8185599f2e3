// The console's page, built with NetSuite's own UI (N/ui/serverWidget), so it looks and behaves like
// the rest of the account: the connection panel, counts by status, the Shipments that need a
// person (with Replay and Void), the most recent Shipments, one Shipment's audit trail, and links
// to the records and saved searches. Pure layout: the data comes in (ConsoleData), nothing is read
// here. Text from records and FedEx goes into TEXT fields with < and > replaced, so it shows as
// text whether NetSuite escapes an inline field's value or not.
import * as message from 'N/ui/message';
import * as serverWidget from 'N/ui/serverWidget';
import type { RelayStatusView, SignatureCheck } from '../../../../shared/src/relay-status';
import type { AuditRow, Page, ShipmentRow, StatusCount } from './shipment-panels';

export type RowAction = 'void' | 'replay';

export interface ConsoleLinks {
  /** This console with these parameters (paging, an audit trail). */
  self(params: Record<string, string | number>): string;
  record(type: string, id: string | number): string;
  /** The Shipment action page (confirm, then act). */
  action(shipmentId: number, action: RowAction): string;
  savedSearch(scriptId: string): string;
}

export interface ConsoleNotice {
  type: message.Type;
  title: string;
  message: string;
}

export interface ConsoleData {
  userName: string;
  /** The user's role may act (Test Connection, Replay, Void); others see the page read-only. */
  mayAct: boolean;
  relayUrl: string | undefined;
  settingsId: number | undefined;
  settingsType: string;
  relay: RelayStatusView;
  /** The result of Test Connection, on the page that answers it. */
  signature: SignatureCheck | undefined;
  notices: ConsoleNotice[];
  counts: StatusCount[];
  attention: Page<ShipmentRow>;
  recent: Page<ShipmentRow>;
  audit: { shipmentName: string; shipmentId: number; rows: Page<AuditRow> } | undefined;
  /** The page parameters to keep in links (the other list's page, the audit trail shown). */
  params: Record<string, string | number>;
  savedSearches: { label: string; scriptId: string }[];
  shipmentType: string;
  auditType: string;
  actionsFor(row: ShipmentRow): RowAction[];
}

const { FieldType, FieldDisplayType, SublistType } = serverWidget;

/** Text that shows as text, escaped by NetSuite or not. */
export function plain(value: string | number | undefined, max = 1000): string {
  const s = value === undefined ? '' : String(value);
  const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return cut.replace(/</g, '‹').replace(/>/g, '›');
}

function inline(field: serverWidget.Field): serverWidget.Field {
  return field.updateDisplayType({ displayType: FieldDisplayType.INLINE });
}

function infoField(form: serverWidget.Form, id: string, label: string, value: string, container?: string): void {
  const field = inline(form.addField({ id, label, type: FieldType.TEXT, ...(container ? { container } : {}) }));
  field.defaultValue = plain(value, 300) || '—';
}

function linkField(form: serverWidget.Form, id: string, label: string, url: string, text: string, container?: string): void {
  const field = inline(form.addField({ id, label, type: FieldType.URL, ...(container ? { container } : {}) }));
  field.linkText = text;
  field.defaultValue = url;
}

interface Column {
  id: string;
  label: string;
  type: serverWidget.FieldType;
  /** For URL columns: the link's text. */
  linkText?: string;
  value(row: ShipmentRow): string | undefined;
}

/** A LIST sublist of Shipments: text columns, then link columns (a link is left out where it does not apply). */
function shipmentList(form: serverWidget.Form, id: string, label: string, tab: string, page: Page<ShipmentRow>, columns: Column[]): void {
  const list = form.addSublist({ id, label, type: SublistType.LIST, tab });
  for (const c of columns) {
    const field = inline(list.addField({ id: `${id}_${c.id}`, label: c.label, type: c.type }));
    if (c.linkText) field.linkText = c.linkText;
  }
  page.rows.forEach((row, line) => {
    for (const c of columns) {
      const value = c.value(row);
      // NetSuite refuses an empty sublist value: a cell with nothing stays unset.
      if (value !== undefined && value !== '') list.setSublistValue({ id: `${id}_${c.id}`, line, value: c.type === FieldType.URL ? value : plain(value) });
    }
  });
}

/** "21–40 of 57" and the links to the pages around it, as fields of a tab. */
function pager(form: serverWidget.Form, prefix: string, tab: string, page: Page<unknown>, param: string, data: ConsoleData, links: ConsoleLinks): void {
  const from = page.total === 0 ? 0 : page.pageIndex * page.pageSize + 1;
  const to = page.pageIndex * page.pageSize + page.rows.length;
  infoField(form, `${prefix}_range`, 'Showing', page.total === 0 ? 'None' : `${from}–${to} of ${page.total}`, tab);
  if (page.pageIndex > 0) linkField(form, `${prefix}_newer`, 'Newer', links.self({ ...data.params, [param]: page.pageIndex - 1 }), '‹ Newer', tab);
  if (page.pageIndex + 1 < page.pageCount) linkField(form, `${prefix}_older`, 'Older', links.self({ ...data.params, [param]: page.pageIndex + 1 }), 'Older ›', tab);
}

function recordLinks(data: ConsoleData, links: ConsoleLinks): Column[] {
  return [
    { id: 'open', label: 'Shipment', type: FieldType.URL, linkText: 'View', value: (r) => links.record(data.shipmentType, r.id) },
    { id: 'audit', label: 'Audit', type: FieldType.URL, linkText: 'Audit Trail', value: (r) => links.self({ ...data.params, shipment: r.id, aup: 0 }) },
    { id: 'if', label: 'Fulfillment', type: FieldType.URL, linkText: 'Fulfillment', value: (r) => (r.fulfillmentId ? links.record('itemfulfillment', r.fulfillmentId) : undefined) },
    { id: 'inv', label: 'Invoice', type: FieldType.URL, linkText: 'Invoice', value: (r) => (r.invoiceId ? links.record('invoice', r.invoiceId) : undefined) },
  ];
}

function actionLinks(data: ConsoleData, links: ConsoleLinks, which: RowAction[]): Column[] {
  if (!data.mayAct) return [];
  const column = (action: RowAction, label: string): Column => ({
    id: action,
    label,
    type: FieldType.URL,
    linkText: label,
    value: (r) => (data.actionsFor(r).includes(action) ? links.action(r.id, action) : undefined),
  });
  return which.map((a) => column(a, a === 'replay' ? 'Replay' : 'Void'));
}

export function buildConsoleForm(data: ConsoleData, links: ConsoleLinks): serverWidget.Form {
  const form = serverWidget.createForm({ title: 'FedEx Connector' });
  if (data.settingsId !== undefined) form.addPageLink({ type: serverWidget.FormPageLinkType.CROSSLINK, title: 'Settings', url: links.record(data.settingsType, data.settingsId) });
  form.addPageLink({ type: serverWidget.FormPageLinkType.CROSSLINK, title: 'Refresh', url: links.self(data.params) });
  if (data.signature) form.addPageInitMessage({ type: data.signature.ok ? message.Type.CONFIRMATION : message.Type.ERROR, title: data.signature.title, message: data.signature.message });
  for (const n of data.notices) form.addPageInitMessage({ type: n.type, title: n.title, message: n.message });

  // Connection: what the relay reports, and (for those who may act) the signed round trip.
  const conn = 'custpage_grp_connection';
  form.addFieldGroup({ id: conn, label: 'Connection' });
  infoField(form, 'custpage_relay_url', 'Relay URL', data.relayUrl ?? 'Not set (FedEx Connector Settings)', conn);
  infoField(form, 'custpage_relay_reachable', 'Relay Reachable', data.relay.reachable, conn);
  infoField(form, 'custpage_relay_ready', 'Readiness', data.relay.readiness, conn);
  infoField(form, 'custpage_relay_token', 'FedEx Token', data.relay.fedexToken, conn);
  infoField(form, 'custpage_relay_queue', 'Limiter Queue', data.relay.limiterQueue, conn);
  infoField(form, 'custpage_relay_signature', 'Signature Check', data.signature ? `${data.signature.title}: ${data.signature.message}` : data.mayAct ? 'Not checked on this page: press Test Connection' : 'Not checked', conn);
  if (data.mayAct) {
    const action = form.addField({ id: 'custpage_action', label: 'Action', type: FieldType.TEXT });
    action.defaultValue = 'test';
    action.updateDisplayType({ displayType: FieldDisplayType.HIDDEN });
    form.addSubmitButton({ label: 'Test Connection' });
  }

  const searches = 'custpage_grp_searches';
  form.addFieldGroup({ id: searches, label: 'Saved Searches' });
  data.savedSearches.forEach((s, i) => linkField(form, `custpage_search_${i}`, s.label, links.savedSearch(s.scriptId), s.label, searches));

  // Counts: Shipments started today and this week, by their status now.
  const counts = form.addSublist({ id: 'custpage_counts', label: 'Shipments by Status (started today, this week)', type: SublistType.STATICLIST });
  for (const [id, label, type] of [
    ['custpage_counts_status', 'Status', FieldType.TEXT],
    ['custpage_counts_today', 'Today', FieldType.INTEGER],
    ['custpage_counts_week', 'This Week', FieldType.INTEGER],
  ] as const) {
    counts.addField({ id, label, type });
  }
  const total = { status: 'Total', today: data.counts.reduce((n, c) => n + c.today, 0), week: data.counts.reduce((n, c) => n + c.week, 0) };
  [...data.counts, ...(data.counts.length ? [total] : [])].forEach((c, line) => {
    counts.setSublistValue({ id: 'custpage_counts_status', line, value: plain(c.status) });
    counts.setSublistValue({ id: 'custpage_counts_today', line, value: String(c.today) });
    counts.setSublistValue({ id: 'custpage_counts_week', line, value: String(c.week) });
  });

  // Needs attention: failures with their reason, and what a person can do about each.
  const attentionTab = 'custpage_tab_attention';
  form.addSubtab({ id: attentionTab, label: `Needs Attention (${data.attention.total})` });
  pager(form, 'custpage_att', attentionTab, data.attention, 'ap', data, links);
  shipmentList(form, 'custpage_attention', 'Shipments That Need a Person', attentionTab, data.attention, [
    { id: 'name', label: 'Name', type: FieldType.TEXT, value: (r) => r.name },
    { id: 'status', label: 'Status', type: FieldType.TEXT, value: (r) => r.status },
    { id: 'code', label: 'Error Code', type: FieldType.TEXT, value: (r) => r.errorCode },
    { id: 'reason', label: 'Reason', type: FieldType.TEXTAREA, value: (r) => r.lastError },
    { id: 'tries', label: 'Attempts', type: FieldType.INTEGER, value: (r) => String(r.attempts) },
    ...recordLinks(data, links),
    ...actionLinks(data, links, ['replay', 'void']),
  ]);

  const recentTab = 'custpage_tab_recent';
  form.addSubtab({ id: recentTab, label: 'Recent Shipments' });
  pager(form, 'custpage_rec', recentTab, data.recent, 'rp', data, links);
  shipmentList(form, 'custpage_recent', 'Newest First', recentTab, data.recent, [
    { id: 'name', label: 'Name', type: FieldType.TEXT, value: (r) => r.name },
    { id: 'created', label: 'Created', type: FieldType.TEXT, value: (r) => r.created },
    { id: 'status', label: 'Status', type: FieldType.TEXT, value: (r) => r.status },
    { id: 'customer', label: 'Customer', type: FieldType.TEXT, value: (r) => r.customerText },
    { id: 'tracking', label: 'Tracking Number', type: FieldType.TEXT, value: (r) => r.masterTrackingNumber },
    { id: 'service', label: 'Service', type: FieldType.TEXT, value: (r) => r.serviceType },
    { id: 'delivery', label: 'Delivery', type: FieldType.TEXT, value: (r) => r.deliveryStatus },
    ...recordLinks(data, links),
    ...actionLinks(data, links, ['void']),
  ]);

  if (data.audit) auditTab(form, data, links, data.audit);
  return form;
}

function auditTab(form: serverWidget.Form, data: ConsoleData, links: ConsoleLinks, audit: NonNullable<ConsoleData['audit']>): void {
  const tab = 'custpage_tab_audit';
  form.addSubtab({ id: tab, label: `Audit Trail: ${plain(audit.shipmentName, 60)}` });
  linkField(form, 'custpage_aud_shipment', 'Shipment', links.record(data.shipmentType, audit.shipmentId), plain(audit.shipmentName, 60), tab);
  pager(form, 'custpage_aud', tab, audit.rows, 'aup', data, links);
  const list = form.addSublist({ id: 'custpage_audit', label: 'Audit Records, Newest First', type: SublistType.LIST, tab });
  const columns: [string, string, serverWidget.FieldType, (r: AuditRow) => string | undefined][] = [
    ['time', 'Time', FieldType.TEXT, (r) => r.time],
    ['op', 'Operation', FieldType.TEXT, (r) => r.operation],
    ['outcome', 'Outcome', FieldType.TEXT, (r) => r.outcome],
    ['code', 'Error Code', FieldType.TEXT, (r) => r.errorCode],
    ['msg', 'Message', FieldType.TEXTAREA, (r) => r.errorMessage],
    ['attempt', 'Attempt', FieldType.TEXT, (r) => r.attempt],
    ['corr', 'Correlation Id', FieldType.TEXT, (r) => r.correlationId],
    ['open', 'Audit Record', FieldType.URL, (r) => links.record(data.auditType, r.id)],
  ];
  for (const [id, label, type] of columns) {
    const field = inline(list.addField({ id: `custpage_audit_${id}`, label, type }));
    if (type === FieldType.URL) field.linkText = 'View';
  }
  audit.rows.rows.forEach((row, line) => {
    for (const [id, , type, value] of columns) {
      const v = value(row);
      if (v !== undefined && v !== '') list.setSublistValue({ id: `custpage_audit_${id}`, line, value: type === FieldType.URL ? v : plain(v) });
    }
  });
}
