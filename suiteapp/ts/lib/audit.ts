// Writes Audit records: ONE per script invocation and outcome (6 units), never one per step. An
// AuditTrail collects the steps in memory and is written once at the end; payloads are stripped of
// secrets and label bytes. Writing never throws: an audit failure is logged, not fatal to the move.
import * as log from 'N/log';
import * as record from 'N/record';
import type { AuditDirection, AuditOperation, AuditOutcome, AuditStep } from '../../../shared/src/audit';
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
  steps?: AuditStep[];
}

const F = AUDIT.fields;

/** Creates the Audit record (6 units). Never throws. */
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
    if (entry.steps?.length) rec.setValue({ fieldId: F.steps, value: auditPayload(entry.steps) });
    rec.setValue({ fieldId: F.time, value: new Date() });
    return rec.save();
  } catch (e) {
    log.error({ title: 'FedEx connector: audit record not written', details: `${entry.operation} ${entry.recordType} ${entry.recordId}: ${(e as Error).message}` });
    return undefined;
  }
}

type TrailBase = Pick<AuditEntry, 'operation' | 'direction' | 'recordType' | 'recordId' | 'correlationId'>;

/**
 * The one Audit record of an invocation, filled as the invocation goes: `step()` records what
 * happened (in memory, no units), `write()` saves everything at the end in one record.
 */
export class AuditTrail {
  readonly steps: AuditStep[] = [];
  shipmentId: number | undefined;
  attempt: number | undefined;
  request: unknown;
  response: unknown;
  private readonly started = Date.now();
  private written = false;

  constructor(private readonly base: TrailBase) {}

  step(step: string, outcome: AuditOutcome, detail?: Record<string, unknown>, startedAt?: number, error?: string): void {
    this.steps.push({ step, outcome, ...(startedAt !== undefined ? { ms: Date.now() - startedAt } : {}), ...(detail ? { detail } : {}), ...(error ? { error: error.slice(0, 1000) } : {}) });
  }

  /** Saves the invocation's Audit record once; a second call does nothing. */
  write(outcome: AuditOutcome, error?: { code: string; message: string }, operation?: AuditOperation): void {
    if (this.written) return;
    this.written = true;
    writeAudit({
      ...this.base,
      ...(operation ? { operation } : {}),
      ...(this.shipmentId !== undefined ? { shipmentId: this.shipmentId } : {}),
      ...(this.attempt !== undefined ? { attempt: this.attempt } : {}),
      request: this.request,
      response: this.response,
      outcome,
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
      durationMs: Date.now() - this.started,
      steps: this.steps,
    });
  }
}
