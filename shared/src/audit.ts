// What an Audit record holds, prepared without I/O: payloads with secrets and label bytes removed,
// and cut to what a NetSuite long-text field can store.

export type AuditOperation = 'CREATE_SHIPMENT' | 'WRITE_BACK_FULFILLMENT' | 'WRITE_BACK_INVOICE' | 'STORE_LABEL' | 'STATUS_UPDATE' | 'TRACKING_POLL' | 'QUEUE_SHIPMENT' | 'SHIP_QUEUE_RUN' | 'SKIP' | 'VOID_SHIPMENT' | 'SHIPMENT_ACTION';
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
