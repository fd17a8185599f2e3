// What a fulfillment was created from, in one lookup (1 unit): its transaction type, number and, for
// a sales order, the invoice the invoice user event stamped on it. A sales order and a transfer
// order are shipped; anything else (a vendor return authorization, …) is refused with a reason.
import * as search from 'N/search';
import { SALES_ORDER_FIELDS } from '../../../shared/src/ids';

export type SourceKind = 'salesorder' | 'transferorder' | 'unsupported';

export interface FulfillmentSource {
  kind: SourceKind;
  id: string;
  /** NetSuite's transaction type code (SalesOrd, TrnfrOrd, VendAuth, …) and its name. */
  typeCode: string;
  typeName: string;
  tranId?: string;
  /** Sales orders: the first invoice, when the order has one. */
  invoiceId?: string;
  /** The transaction's currency (internal id), for customs values across borders. */
  currencyId?: string;
}

const KINDS: Record<string, SourceKind> = { SalesOrd: 'salesorder', TrnfrOrd: 'transferorder' };

const first = (v: unknown): { value: string; text: string } | undefined => {
  if (Array.isArray(v)) {
    const o = v[0] as { value?: unknown; text?: unknown } | undefined;
    return o && o.value !== undefined && o.value !== '' ? { value: String(o.value), text: String(o.text ?? o.value) } : undefined;
  }
  return v === undefined || v === null || v === '' ? undefined : { value: String(v), text: String(v) };
};

export function readSource(createdFromId: string): FulfillmentSource {
  const found = search.lookupFields({ type: search.Type.TRANSACTION, id: createdFromId, columns: ['type', 'tranid', 'currency', SALES_ORDER_FIELDS.invoice] });
  const type = first(found.type);
  const tranId = first(found.tranid)?.value;
  const invoiceId = first(found[SALES_ORDER_FIELDS.invoice])?.value;
  const currencyId = first(found.currency)?.value;
  const typeCode = type?.value ?? '';
  const kind = KINDS[typeCode] ?? 'unsupported';
  return {
    kind,
    id: createdFromId,
    typeCode,
    typeName: type?.text ?? (typeCode || 'unknown transaction'),
    ...(tranId ? { tranId } : {}),
    ...(kind === 'salesorder' && invoiceId ? { invoiceId } : {}),
    ...(currencyId ? { currencyId } : {}),
  };
}
