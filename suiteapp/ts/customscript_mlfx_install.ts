/**
 * @NApiVersion 2.1
 * @NScriptType SDFInstallationScript
 * @NModuleScope SameAccount
 */

// Runs when the SuiteApp is installed or updated: creates the saved searches finance and
// fulfillment staff use (saved-search XML is an opaque, generated format, so they are made in code)
// and a FedEx Connector Settings record with defaults if the account has none. Safe to run again.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as record from 'N/record';
import * as search from 'N/search';
import { INVOICE_FIELDS, SAVED_SEARCHES, SETTINGS, SHIPMENT } from '../../shared/src/ids';

const S = SHIPMENT.fields;

interface SearchSpec {
  id: string;
  title: string;
  type: string;
  filters: unknown[];
  columns: string[];
}

const SEARCHES: SearchSpec[] = [
  {
    id: SAVED_SEARCHES.invoicesDeliveredThisWeek,
    title: 'FedEx: Invoices Delivered This Week',
    type: 'invoice',
    filters: [['mainline', 'is', 'T'], 'and', [INVOICE_FIELDS.deliveryStatus, 'is', 'DELIVERED'], 'and', [INVOICE_FIELDS.deliveredAt, 'within', 'thisweek']],
    columns: ['tranid', 'entity', 'trandate', INVOICE_FIELDS.trackingNumbers, INVOICE_FIELDS.deliveredAt],
  },
  {
    id: SAVED_SEARCHES.shipmentsWithExceptions,
    title: 'FedEx: Shipments with Exceptions',
    type: SHIPMENT.type,
    filters: [[S.deliveryStatus, 'is', 'EXCEPTION'], 'and', ['isinactive', 'is', 'F']],
    columns: ['name', S.fulfillment, S.customer, S.masterTrackingNumber, S.exceptionCode, S.exceptionDescription, S.lastScanAt, S.lastScanLocation],
  },
  {
    id: SAVED_SEARCHES.failedShipments,
    title: 'FedEx: Failed Shipments (fix, then save the fulfillment again)',
    type: SHIPMENT.type,
    filters: [[S.status, 'is', 'FAILED'], 'and', ['isinactive', 'is', 'F']],
    columns: ['name', S.fulfillment, S.errorCode, S.lastError, S.attempts],
  },
];

function ensureSearch(spec: SearchSpec): void {
  let exists = true;
  try {
    search.load({ id: spec.id });
  } catch {
    exists = false;
  }
  // An update replaces the definition with this version's.
  if (exists) search.delete({ id: spec.id });
  search.create({ type: spec.type, filters: spec.filters, columns: spec.columns, title: spec.title, id: spec.id }).save();
}

function ensureSettings(): void {
  const found = search.create({ type: SETTINGS.type, columns: ['internalid'] }).run().getRange({ start: 0, end: 1 });
  if (found.length > 0) return;
  const rec = record.create({ type: SETTINGS.type });
  rec.setValue({ fieldId: 'name', value: 'FedEx Connector Settings' });
  rec.setValue({ fieldId: SETTINGS.fields.labelImageType, value: 'PDF' });
  rec.setValue({ fieldId: SETTINGS.fields.labelStockType, value: 'PAPER_4X6' });
  rec.setValue({ fieldId: SETTINGS.fields.queueBulk, value: true });
  rec.setValue({ fieldId: SETTINGS.fields.maxAttempts, value: 4 });
  rec.save();
}

export const run: EntryPoints.SDFInstallation.run = (context) => {
  for (const spec of SEARCHES) ensureSearch(spec);
  ensureSettings();
  log.audit({ title: 'FedEx connector installed', details: `version ${context.toVersion} (from ${context.fromVersion ?? 'none'}): ${SEARCHES.length} saved searches ready` });
};
