// What an Audit record holds, prepared without I/O: payloads with secrets and label bytes removed,
// and cut to what a NetSuite long-text field can store. One Audit record per script invocation
// and outcome; the steps of the invocation ride inside it (AuditStep), so a person can follow a
// shipment without a record per step (at 250,000 shipments a day that would be a million a day).

export type AuditOperation =
  | 'CREATE_SHIPMENT'
  | 'WRITE_BACK_FULFILLMENT'
  | 'WRITE_BACK_INVOICE'
  | 'STORE_LABEL'
  | 'STATUS_UPDATE'
  | 'TRACKING_POLL'
  | 'QUEUE_SHIPMENT'
  | 'SHIP_QUEUE_RUN'
  | 'SKIP'
  | 'AUDIT_PURGE'
  | 'VOID_SHIPMENT'
  | 'SHIPMENT_ACTION'
  | 'INVOICE_LINKS';
export type AuditDirection = 'OUTBOUND' | 'INBOUND' | 'INTERNAL';
export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'REPLAYED' | 'SKIPPED';

/** NetSuite's long text (CLOBTEXT) holds up to 1,000,000 characters; keep well under it. */
export const AUDIT_PAYLOAD_MAX = 100_000;

const SECRET_KEYS = /secret|password|authorization|signature|token|^content$|encodedlabel/i;

/** JSON for an audit field: secret-looking keys and label bytes replaced, long payloads cut with a note. */
export function auditPayload(value: unknown, max = AUDIT_PAYLOAD_MAX): string {
  if (value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
      : JSON.stringify(value, (key, v) => {
          if (key && SECRET_KEYS.test(key) && typeof v === 'string') return `[removed: ${v.length} chars]`;
          return v;
        });
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [cut: ${text.length - max} more characters]`;
}

/** A correlation id shared by the audit records of one record move. */
export function correlationId(prefix: string, id: string, nowMs: number, random: number): string {
  return `${prefix}-${id}-${nowMs.toString(36)}-${Math.floor(random * 1e8).toString(36)}`;
}

/** One step of an invocation, kept in memory and written with the invocation's single Audit record. */
export interface AuditStep {
  /** READ, SHIPMENT, RELAY, STORE_LABEL, WRITE_BACK_INVOICE, WRITE_BACK_FULFILLMENT, … */
  step: string;
  outcome: AuditOutcome;
  /** Milliseconds the step took, when it talked to something (relay, File Cabinet, a record). */
  ms?: number;
  /** What a person needs to follow it: ids, counts, FedEx numbers; never label bytes or secrets. */
  detail?: Record<string, unknown>;
  error?: string;
}

