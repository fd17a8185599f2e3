// The saved searches the connector gives finance, fulfillment leads and admins, defined once here:
// the installation script creates them or brings them to this definition in place (same internal id:
// users' dashboards, reminders and scheduled e-mails point at them), and the settings user event
// keeps the one that depends on a setting (Max Attempts) in step with it.
import * as search from 'N/search';
import { INVOICE_FIELDS, SAVED_SEARCHES, SHIPMENT } from '../../../shared/src/ids';
import { statusIn } from './shipments';

const S = SHIPMENT.fields;

export interface SearchSpec {
  id: string;
  title: string;
  /** The short name the admin console links it by. */
  label: string;
  type: string;
  filters: unknown[];
  columns: string[];
}

const ACTIVE = ['isinactive', 'is', 'F'];

/** UNKNOWN Shipments that went on past Max Attempts: the queue keeps reconciling them, a person should find out why. */
export function unknownPastMaxAttemptsSpec(maxAttempts: number): SearchSpec {
  return {
    id: SAVED_SEARCHES.unknownPastMaxAttempts,
    title: `FedEx: Outcome Still Unknown after ${maxAttempts} Attempts (check the relay and FedEx)`,
    label: 'Outcome Still Unknown',
    type: SHIPMENT.type,
    filters: [[S.status, 'is', 'UNKNOWN'], 'and', [S.attempts, 'greaterthanorequalto', maxAttempts], 'and', ACTIVE],
    columns: ['name', S.fulfillment, S.attempts, S.nextAttemptAt, S.errorCode, S.lastError],
  };
}

/** Every saved search, in the order an operator looks at them (the admin console lists them so). */
export function savedSearchSpecs(maxAttempts: number): SearchSpec[] {
  return [
    {
      id: SAVED_SEARCHES.failedShipments,
      title: 'FedEx: Failed Shipments (fix the cause, then Replay)',
      label: 'Failed Shipments',
      type: SHIPMENT.type,
      filters: [[S.status, 'is', 'FAILED'], 'and', ACTIVE],
      columns: ['name', S.fulfillment, S.errorCode, S.lastError, S.attempts],
    },
    {
      id: SAVED_SEARCHES.retryingShipments,
      title: 'FedEx: Shipments Waiting to Retry (nothing created yet)',
      label: 'Shipments Waiting to Retry',
      type: SHIPMENT.type,
      filters: [[S.status, 'is', 'RETRYING'], 'and', ACTIVE],
      columns: ['name', S.fulfillment, S.attempts, S.nextAttemptAt, S.errorCode, S.lastError],
    },
    unknownPastMaxAttemptsSpec(maxAttempts),
    {
      id: SAVED_SEARCHES.voidsPending,
      title: 'FedEx: Voids Not Yet Confirmed (the queue retries them)',
      label: 'Voids Not Yet Confirmed',
      type: SHIPMENT.type,
      filters: [[S.status, 'is', 'VOIDING'], 'and', ACTIVE],
      columns: ['name', S.fulfillment, S.masterTrackingNumber, S.voidReason, S.nextAttemptAt, S.lastError],
    },
    {
      id: SAVED_SEARCHES.voidsRefused,
      title: 'FedEx: Voids FedEx Refused (the label is live and billable)',
      label: 'Voids FedEx Refused',
      type: SHIPMENT.type,
      filters: [[S.status, 'is', 'VOID_REFUSED'], 'and', ACTIVE],
      columns: ['name', S.fulfillment, S.customer, S.masterTrackingNumber, S.voidReason, S.lastError, S.deliveryStatus],
    },
    {
      id: SAVED_SEARCHES.trackingFlagged,
      title: 'FedEx: Labels to Look At (never scanned, or unknown to FedEx)',
      label: 'Labels to Look At',
      type: SHIPMENT.type,
      filters: [[[S.trackingFlag, 'is', 'LABEL_UNUSED'], 'or', [S.trackingFlag, 'is', 'NOT_FOUND']], 'and', statusIn(['CREATED', 'VOIDING', 'VOID_REFUSED']), 'and', ACTIVE],
      columns: ['name', S.fulfillment, S.customer, S.masterTrackingNumber, S.trackingFlag, S.checkReason, S.shipDate, S.deliveryStatus],
    },
    {
      id: SAVED_SEARCHES.shipmentsWithExceptions,
      title: 'FedEx: Shipments with Exceptions',
      label: 'Shipments with Exceptions',
      type: SHIPMENT.type,
      filters: [[S.deliveryStatus, 'is', 'EXCEPTION'], 'and', ACTIVE],
      columns: ['name', S.fulfillment, S.customer, S.masterTrackingNumber, S.exceptionCode, S.exceptionDescription, S.lastScanAt, S.lastScanLocation],
    },
    {
      id: SAVED_SEARCHES.invoicesDeliveredThisWeek,
      title: 'FedEx: Invoices Delivered This Week',
      label: 'Invoices Delivered This Week',
      type: 'invoice',
      filters: [['mainline', 'is', 'T'], 'and', [INVOICE_FIELDS.deliveryStatus, 'is', 'DELIVERED'], 'and', [INVOICE_FIELDS.deliveredAt, 'within', 'thisweek']],
      columns: ['tranid', 'entity', 'trandate', INVOICE_FIELDS.trackingNumbers, INVOICE_FIELDS.deliveredAt],
    },
  ];
}

/** The saved search, or undefined when the account has none with this id (5 units). */
function loadSearch(id: string): search.Search | undefined {
  try {
    return search.load({ id });
  } catch (e) {
    if ((e as { name?: string }).name === 'INVALID_SEARCH') return undefined;
    throw e;
  }
}

/** Creates the search, or brings an existing one to this definition in place (15 units). */
export function ensureSearch(spec: SearchSpec): 'created' | 'updated' {
  const existing = loadSearch(spec.id);
  const target = existing ?? search.create({ type: spec.type, filters: spec.filters, columns: spec.columns, title: spec.title, id: spec.id });
  if (existing) {
    existing.title = spec.title;
    existing.filterExpression = spec.filters as search.Search['filterExpression'];
    existing.columns = spec.columns;
  }
  // Public: every role with access to the records sees it (Shipments: the connector's roles and administrators).
  target.isPublic = true;
  target.save();
  return existing ? 'updated' : 'created';
}
