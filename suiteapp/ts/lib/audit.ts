// Writes Audit records: one per record move, with payloads stripped of secrets and label bytes.
import * as log from 'N/log';
import * as record from 'N/record';
import type { AuditDirection, AuditOperation, AuditOutcome } from '../../../shared/src/audit';
import { auditPayload } from '../../../shared/src/audit';
import { AUDIT } from '../../../shared/src/ids';

export interface AuditEntry {
  operation: AuditOperation;
  direction: AuditDirection;
  recordType: string;
  recordId: string;
  shipmentId?: string | number;
  request?: unknown;
  response?: unknown;
  outcome: AuditOutcome;
  errorCode?: string;
  errorMessage?: string;
  attempt?: number;
  correlationId: string;
  durationMs?: number;
}

const F = AUDIT.fields;

/** Creates the Audit record (6 units). Never throws: an audit failure is logged, not fatal to the move. */
export function writeAudit(entry: AuditEntry): number | undefined {
  try {
    const rec = record.create({ type: AUDIT.type });
    rec.setValue({ fieldId: 'name', value: `${entry.operation} ${entry.recordType} ${entry.recordId}`.slice(0, 300) });
    rec.setValue({ fieldId: F.operation, value: entry.operation });
    rec.setValue({ fieldId: F.direction, value: entry.direction });
    rec.setValue({ fieldId: F.recordType, value: entry.recordType });
    rec.setValue({ fieldId: F.recordId, value: entry.recordId });
    if (entry.shipmentId !== undefined) rec.setValue({ fieldId: F.shipment, value: String(entry.shipmentId) });
    rec.setValue({ fieldId: F.request, value: auditPayload(entry.request) });
    rec.setValue({ fieldId: F.response, value: auditPayload(entry.response) });
    rec.setValue({ fieldId: F.outcome, value: entry.outcome });
    rec.setValue({ fieldId: F.errorCode, value: entry.errorCode ?? '' });
    rec.setValue({ fieldId: F.errorMessage, value: (entry.errorMessage ?? '').slice(0, 3900) });
    if (entry.attempt !== undefined) rec.setValue({ fieldId: F.attempt, value: entry.attempt });
    rec.setValue({ fieldId: F.correlationId, value: entry.correlationId });
    if (entry.durationMs !== undefined) rec.setValue({ fieldId: F.durationMs, value: Math.round(entry.durationMs) });
    rec.setValue({ fieldId: F.time, value: new Date() });
    return rec.save();
  } catch (e) {
    log.error({ title: 'FedEx connector: audit record not written', details: `${entry.operation} ${entry.recordType} ${entry.recordId}: ${(e as Error).message}` });
    return undefined;
  }
}
