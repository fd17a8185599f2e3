/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Invoice links (daily, and on demand after an installation that could not link every order itself):
// sales orders whose invoice no connector user event saw are stamped with their first invoice, and the
// invoice lists the order's FedEx tracking numbers (lib/invoice-links.ts). One reduce call per order,
// so no two parallel jobs write one order or one invoice.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { correlationId } from '../../shared/src/audit';
import { writeAudit } from './lib/audit';
import type { UnlinkedInvoice } from './lib/invoice-links';
import { linkOrderInvoice, unlinkedInvoiceOf, unlinkedInvoicesSearch } from './lib/invoice-links';

export const config = { retryCount: 1, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const out: UnlinkedInvoice[] = [];
  // Paged (5 units a page of 1,000): run().each stops at 4,000.
  const paged = unlinkedInvoicesSearch().runPaged({ pageSize: 1000 });
  for (const range of paged.pageRanges) {
    for (const row of paged.fetch({ index: range.index }).data) {
      const link = unlinkedInvoiceOf(row);
      if (link) out.push(link);
    }
  }
  log.audit({ title: 'FedEx invoice links', details: `${out.length} invoice(s) whose sales order names no invoice` });
  return out;
};

export const map: EntryPoints.MapReduce.map = (context) => {
  const link = JSON.parse(context.value) as UnlinkedInvoice;
  context.write({ key: link.salesOrderId, value: link.invoiceId });
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  // The order's first invoice, as the invoice user event stamps it.
  const invoiceId = context.values.map(Number).sort((x, y) => x - y)[0];
  const linked = linkOrderInvoice({ salesOrderId: context.key, invoiceId: String(invoiceId) });
  context.write({ key: linked.linked ? 'LINKED' : 'ALREADY_LINKED', value: JSON.stringify({ salesOrderId: context.key, invoiceId, trackingNumbers: linked.trackingNumbers }) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const counts: Record<string, number> = {};
  const linked: unknown[] = [];
  summary.output.iterator().each((key, value) => {
    counts[key] = (counts[key] ?? 0) + 1;
    if (key === 'LINKED' && linked.length < 200) linked.push(JSON.parse(value));
    return true;
  });
  const errors: string[] = [];
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  summary.reduceSummary.errors.iterator().each((key, error) => {
    errors.push(`sales order ${key}: ${error}`);
    return true;
  });
  if (!counts.LINKED && errors.length === 0) {
    log.debug({ title: 'FedEx invoice links: nothing to link', details: JSON.stringify(counts) });
    return;
  }
  writeAudit({
    operation: 'INVOICE_LINKS',
    direction: 'INTERNAL',
    recordType: 'mapreduce',
    recordId: runtime.getCurrentScript().deploymentId,
    response: { counts, linked, errors, usage: summary.usage },
    outcome: errors.length ? 'FAILURE' : 'SUCCESS',
    ...(errors.length ? { errorCode: 'INVOICE_LINK_ERRORS', errorMessage: errors.join('\n').slice(0, 3900) } : {}),
    correlationId: correlationId('INVL', 'summary', Date.now(), Math.random()),
  });
  log.audit({ title: 'FedEx invoice links finished', details: JSON.stringify(counts) });
};
