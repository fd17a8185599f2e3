// The demo's figures, read from where an adopter would read them: NetSuite's records (Shipments,
// Audits, invoices, File Cabinet, script invocations with their governance units), the relay's own
// log lines (FedEx calls and tokens, the same against the double or the sandbox) and, with the
// double, FedEx's counters. Rendered as one table for people, or as part of the demo's JSON.
import { AUDIT, INVOICE_FIELDS, SAVED_SEARCHES, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import type { DoubleStats } from '../../test/fedex-double/stats';
import { mapReduceInputFromSearch } from '../../test/netsuite-double';
import type { InvocationRecord } from '../../test/netsuite-double/types';
import type { ScenarioResult } from './scenarios';
import type { ScheduleStats } from './schedule';
import type { Demo } from './setup';

const S = SHIPMENT.fields;

export interface UnitsFigure {
  /** Invocations measured. */
  count: number;
  mean: number;
  max: number;
}

export interface DemoSummary {
  shipmentsByStatus: Record<string, number>;
  deliveryStatusOfLiveShipments: Record<string, number>;
  labelsStored: { files: number; bytes: number; commercialInvoices: number };
  invoices: { total: number; withTrackingNumbers: number; delivered: number };
  fedexCalls: { byOperation: Record<string, number>; total: number; non2xx: number; source: 'relay log' };
  /** The FedEx double's own counters (undefined against the sandbox). */
  fedexDouble?: { shipmentsCreated: number; cancellations: number; trackRequests: number; numbersTracked: number; status429: number; droppedResponses: number; referenceTrackRequests: number };
  tokens: { fedexOauthRequests: number; netsuiteM2mTokensIssued: number };
  /** NetSuite governance units, as the NetSuite double charges them (Oracle's costs). */
  governanceUnits: {
    /** The fulfillment user event that shipped a UI save, per kind of shipment. */
    shippedInTheUi: Record<string, number>;
    csvImportRow: UnitsFigure;
    shippingQueueMapCall: UnitsFigure;
    /** All tracking poll units of the run (every stage), per shipment it followed to delivery. */
    trackingPerShipment: number;
    statusRestlet: UnitsFigure;
  };
  scheduler: ScheduleStats;
  /** Entry-point calls of the SuiteApp's scripts in the run (each in a fresh sandbox, as in NetSuite). */
  scriptInvocations: number;
  auditRecords: Record<string, number>;
}

export interface AuditTrailGuide {
  recordTypes: { id: string; what: string; records: number }[];
  savedSearches: { id: string; title: string; rows: number }[];
  tip: string;
}

function count<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function units(invocations: InvocationRecord[]): UnitsFigure {
  const used = invocations.map((i) => i.unitsUsed);
  return { count: used.length, mean: used.length ? Math.round(used.reduce((a, b) => a + b, 0) / used.length) : 0, max: used.length ? Math.max(...used) : 0 };
}

export async function collectSummary(d: Demo, schedule: ScheduleStats, uiUnits: Record<string, number>): Promise<DemoSummary> {
  const { ns } = d.a;
  const shipments = ns.find(SHIPMENT.type);
  const live = shipments.filter((s) => s.fields[S.status] === 'CREATED');
  const files = ns.io.files.list().filter((f) => f.folder === d.a.ids.labelFolder);
  const labels = files.filter((f) => f.description.startsWith('FedEx label'));
  const invoices = ns.find('invoice');
  const calls = d.relay.events('fedex.call');
  const apiCalls = calls.filter((l) => l.operation !== 'oauth.token');
  const ue = ns.invocations({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId, entryPoint: 'afterSubmit' });
  const tracked = shipments.filter((s) => s.fields[S.deliveryStatus]);
  const pollUnits = ns.invocations({ scriptId: SCRIPTS.trackingPoll.scriptId }).reduce((sum, i) => sum + i.unitsUsed, 0);
  const stats = d.fedex ? await d.fedex.control<DoubleStats>('GET', 'stats') : undefined;
  return {
    shipmentsByStatus: count(shipments, (s) => String(s.fields[S.status])),
    deliveryStatusOfLiveShipments: count(live, (s) => String(s.fields[S.deliveryStatus] || 'LABEL_CREATED')),
    labelsStored: { files: labels.length, bytes: labels.reduce((sum, f) => sum + f.bytes.length, 0), commercialInvoices: files.filter((f) => /commercial-invoice/.test(f.name)).length },
    invoices: {
      total: invoices.length,
      withTrackingNumbers: invoices.filter((i) => i.fields[INVOICE_FIELDS.trackingNumbers]).length,
      delivered: invoices.filter((i) => i.fields[INVOICE_FIELDS.deliveryStatus] === 'DELIVERED').length,
    },
    fedexCalls: { byOperation: count(apiCalls, (l) => String(l.operation)), total: apiCalls.length, non2xx: apiCalls.filter((l) => !(Number(l.status) >= 200 && Number(l.status) < 300)).length, source: 'relay log' },
    ...(stats
      ? {
          fedexDouble: {
            shipmentsCreated: stats.shipmentsCreated,
            cancellations: stats.cancellations,
            trackRequests: stats.trackRequests,
            numbersTracked: stats.numbersTracked,
            status429: stats.status429,
            droppedResponses: stats.droppedResponses,
            referenceTrackRequests: stats.referenceTrackRequests,
          },
        }
      : {}),
    tokens: { fedexOauthRequests: calls.filter((l) => l.operation === 'oauth.token').length, netsuiteM2mTokensIssued: ns.auth.stats.tokenRequests.ok },
    governanceUnits: {
      shippedInTheUi: uiUnits,
      csvImportRow: units(ue.filter((i) => i.executionContext === 'CSVIMPORT')),
      shippingQueueMapCall: units(ns.invocations({ scriptId: SCRIPTS.shipQueue.scriptId, entryPoint: 'map' }).filter((i) => i.charges.some((c) => /https/i.test(c.what)))),
      trackingPerShipment: tracked.length ? Math.round((pollUnits / tracked.length) * 10) / 10 : 0,
      statusRestlet: units(ns.invocations({ scriptId: SCRIPTS.statusRestlet.scriptId })),
    },
    scheduler: schedule,
    scriptInvocations: ns.invocations().length,
    auditRecords: count(ns.find(AUDIT.type), (r) => String(r.fields[AUDIT.fields.operation])),
  };
}

export function auditTrailGuide(d: Demo): AuditTrailGuide {
  const { ns } = d.a;
  const rows = (id: string) => mapReduceInputFromSearch(ns.account, { type: 'search', id })?.length ?? 0;
  return {
    recordTypes: [
      { id: SHIPMENT.type, what: 'FedEx Shipment: one per fulfillment; status, error code and message, tracking, labels, delivery status, check plan', records: ns.find(SHIPMENT.type).length },
      { id: AUDIT.type, what: 'FedEx Connector Audit: one per script invocation and outcome; relay request and response (no label bytes, no secrets), Steps (JSON), attempt, duration', records: ns.find(AUDIT.type).length },
    ],
    savedSearches: [
      { id: SAVED_SEARCHES.failedShipments, title: 'FedEx: Failed Shipments', rows: rows(SAVED_SEARCHES.failedShipments) },
      { id: SAVED_SEARCHES.shipmentsWithExceptions, title: 'FedEx: Shipments with Exceptions', rows: rows(SAVED_SEARCHES.shipmentsWithExceptions) },
      { id: SAVED_SEARCHES.invoicesDeliveredThisWeek, title: 'FedEx: Invoices Delivered This Week', rows: rows(SAVED_SEARCHES.invoicesDeliveredThisWeek) },
    ],
    tip: `On a Shipment, its Audit records (${AUDIT.fields.shipment}) tell its story in order: CREATE_SHIPMENT with the request sent and FedEx's answer, SHIPMENT_ACTION naming who clicked Replay or Void, STATUS_UPDATE per delivery status change (source poll or webhook).`,
  };
}

// ---- the table for people --------------------------------------------------------------------

const pairs = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
const u = (f: UnitsFigure) => (f.count ? `${f.mean} mean, ${f.max} max (${f.count} measured)` : 'not measured');

export function renderText(report: { ok: boolean; wallTimeMs: number; mode: string; batch: number; simulated: string; scenarios: ScenarioResult[]; summary?: DemoSummary; auditTrail?: AuditTrailGuide; notes: string[] }): string {
  const out: string[] = [];
  const mark = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const;
  out.push('', `NetSuite–FedEx connector demo (${report.mode}; ${report.simulated} of shipping in ${(report.wallTimeMs / 1000).toFixed(1)} s)`, '');
  out.push('Scenarios');
  for (const s of report.scenarios) {
    out.push(`  [${mark[s.status]}] ${s.title}`);
    out.push(`         expected: ${s.expected}`);
    out.push(`         actual:   ${s.actual}`);
  }
  const m = report.summary;
  if (m) {
    const rows: [string, string][] = [
      ['Shipments by status', pairs(m.shipmentsByStatus)],
      ['Live shipments by delivery status', pairs(m.deliveryStatusOfLiveShipments)],
      ['Labels stored (File Cabinet)', `${m.labelsStored.files} label files, ${Math.round(m.labelsStored.bytes / 1024)} KiB; ${m.labelsStored.commercialInvoices} commercial invoice(s)`],
      ['Invoices updated', `${m.invoices.withTrackingNumbers} of ${m.invoices.total} with tracking numbers, ${m.invoices.delivered} DELIVERED`],
      ['FedEx calls (relay log)', `${m.fedexCalls.total}: ${pairs(m.fedexCalls.byOperation)}; ${m.fedexCalls.non2xx} not 2xx`],
      ...(m.fedexDouble
        ? ([['FedEx double counted', `${m.fedexDouble.shipmentsCreated} shipments created, ${m.fedexDouble.cancellations} cancelled, ${m.fedexDouble.trackRequests} Track requests for ${m.fedexDouble.numbersTracked} numbers, ${m.fedexDouble.status429} × 429, ${m.fedexDouble.droppedResponses} answers dropped`]] as [string, string][])
        : []),
      ['Tokens', `FedEx OAuth ${m.tokens.fedexOauthRequests}, NetSuite M2M ${m.tokens.netsuiteM2mTokensIssued}`],
      ['Units: shipped in the UI', Object.entries(m.governanceUnits.shippedInTheUi).map(([k, v]) => `${v} ${k}`).join('; ')],
      ['Units: CSV import row', u(m.governanceUnits.csvImportRow)],
      ['Units: shipping queue map call', u(m.governanceUnits.shippingQueueMapCall)],
      ['Units: tracking, label to delivery', `${m.governanceUnits.trackingPerShipment} per shipment`],
      ['Units: status RESTlet (webhook)', u(m.governanceUnits.statusRestlet)],
      ['Scheduled runs', `${pairs(m.scheduler.runs)} (idle runs not started: ${pairs(m.scheduler.idleRunsSkipped)})`],
      ['Script invocations', String(m.scriptInvocations)],
      ['Audit records', pairs(m.auditRecords)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    out.push('', 'Summary');
    for (const [k, v] of rows) out.push(`  ${k.padEnd(width)}  ${v}`);
  }
  const t = report.auditTrail;
  if (t) {
    out.push('', 'Where to look in NetSuite');
    for (const r of t.recordTypes) out.push(`  ${r.id} (${r.records} records): ${r.what}`);
    for (const s of t.savedSearches) out.push(`  saved search ${s.id} "${s.title}": ${s.rows} rows`);
    out.push(`  ${t.tip}`);
  }
  for (const note of report.notes) out.push('', `Note: ${note}`);
  const failed = report.scenarios.filter((s) => s.status === 'failed').length;
  out.push('', report.ok ? `All ${report.scenarios.filter((s) => s.status === 'passed').length} scenarios ended as expected${report.scenarios.some((s) => s.status === 'skipped') ? ' (some skipped, see above)' : ''}.` : `${failed} scenario(s) did not end as expected.`);
  return out.join('\n');
}
