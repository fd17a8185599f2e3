/**
 * @NApiVersion 2.1
 * @NScriptType SDFInstallationScript
 * @NModuleScope SameAccount
 */

// Runs when the SuiteApp is installed and on every update (deploy.xml's <run>): makes the saved
// searches finance, fulfillment leads and admins use (lib/saved-searches.ts: saved-search XML is an
// opaque, generated format, so they are made in code), a FedEx Connector Settings record with
// defaults if the account has none, and links sales orders to invoices made before the invoice
// stamp existed (lib/invoice-links.ts): as many as its governance allows, the rest by the Invoice
// Links Map/Reduce it starts. It also records when the shipping queue's sweep started watching
// (lib/fulfillment-sweep.ts), the first time.
// An update changes an existing search in place (same internal id), because users' dashboards,
// reminders and scheduled e-mails point at it; deleting and re-creating would break them.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import * as task from 'N/task';
import { SCRIPTS, SETTINGS } from '../../shared/src/ids';
import { startSweepWatching } from './lib/fulfillment-sweep';
import { linkOrderInvoice, unlinkedInvoiceOf, unlinkedInvoicesSearch } from './lib/invoice-links';
import { ensureSearch, savedSearchSpecs } from './lib/saved-searches';
import { readSettings } from './lib/settings';

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

/** Units an order's link may cost at most (lookup 1, stamp 10, the order's Shipments 10, the invoice 10), and what the run keeps for itself after the last one (the task submit, the log). */
const LINK_UNITS = 31;
const LINK_RESERVE = 50;

/**
 * Links the orders of invoices made before the stamp existed, oldest invoice first (an order's
 * first invoice, as the invoice user event stamps it), while governance lasts; when it does not,
 * the Invoice Links Map/Reduce links the rest (its search finds exactly those still unlinked).
 */
function linkInvoices(): string {
  const script = runtime.getCurrentScript();
  const seen = new Set<string>();
  let linked = 0;
  let rest = false;
  const paged = unlinkedInvoicesSearch().runPaged({ pageSize: 1000 });
  pages: for (const range of paged.pageRanges) {
    if (script.getRemainingUsage() < LINK_RESERVE + 5 + LINK_UNITS) {
      rest = true;
      break;
    }
    for (const row of paged.fetch({ index: range.index }).data) {
      const link = unlinkedInvoiceOf(row);
      if (!link || seen.has(link.salesOrderId)) continue;
      if (script.getRemainingUsage() < LINK_RESERVE + LINK_UNITS) {
        rest = true;
        break pages;
      }
      seen.add(link.salesOrderId);
      if (linkOrderInvoice(link).linked) linked++;
    }
  }
  if (!rest) return `${linked} order(s) linked to their invoice`;
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: SCRIPTS.invoiceLinks.scriptId, deploymentId: SCRIPTS.invoiceLinks.onDemandDeploymentId }).submit();
    return `${linked} order(s) linked to their invoice; the Invoice Links Map/Reduce links the rest`;
  } catch (e) {
    return `${linked} order(s) linked to their invoice; the rest at the Invoice Links Map/Reduce's daily run (${(e as { name?: string }).name ?? 'not started'})`;
  }
}

export const run: EntryPoints.SDFInstallation.run = (context) => {
  // (Max Attempts as set, else its default: the settings user event keeps the search in step with it.)
  const outcomes = savedSearchSpecs(readSettings().maxAttempts).map((spec) => `${spec.id} ${ensureSearch(spec)}`);
  ensureSettings();
  // The shipping queue's sweep looks only at fulfillments made on days after this moment: anything
  // older may have shipped another way before the connector was watching.
  const sweep = startSweepWatching(Date.now()) === 'started' ? 'the sweep for fulfillments no user event saw starts tomorrow' : 'the sweep keeps watching';
  const links = linkInvoices();
  log.audit({ title: context.fromVersion ? 'FedEx connector updated' : 'FedEx connector installed', details: `version ${context.toVersion} (from ${context.fromVersion ?? 'none'}): ${outcomes.join(', ')}; ${sweep}; ${links}` });
};
