/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Keeps the connector's N/cache honest: when an admin saves (or deletes) the FedEx Connector
// Settings, a FedEx Service Map row, a location or a subsidiary, the cached copy is forgotten at
// once (1 unit), so the next shipment reads what the admin just saved. A new Max Attempts also goes
// into the saved search of shipments still unknown past it (15 units). Never throws.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { SERVICE_MAP, SETTINGS } from '../../shared/src/ids';
import { forgetAddress } from './lib/address-cache';
import { ensureSearch, unknownPastMaxAttemptsSpec } from './lib/saved-searches';
import { forgetConfig } from './lib/settings';

/** The Max Attempts a save set, when it set one (an inline edit's newRecord holds only what changed). */
function newMaxAttempts(context: EntryPoints.UserEvent.afterSubmitContext): number | undefined {
  if (context.type === context.UserEventType.DELETE) return undefined;
  const now = Number(context.newRecord.getValue({ fieldId: SETTINGS.fields.maxAttempts }) || 0);
  const before = Number(context.oldRecord?.getValue({ fieldId: SETTINGS.fields.maxAttempts }) || 0);
  return now > 0 && now !== before ? now : undefined;
}

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const rec = context.newRecord ?? context.oldRecord;
  const type = String(rec.type).toLowerCase();
  try {
    if (type === SETTINGS.type || type === SERVICE_MAP.type) {
      forgetConfig();
      const maxAttempts = type === SETTINGS.type ? newMaxAttempts(context) : undefined;
      if (maxAttempts !== undefined) ensureSearch(unknownPastMaxAttemptsSpec(maxAttempts));
    } else if (type === 'location' || type === 'subsidiary') forgetAddress(type, String(rec.id));
  } catch (e) {
    const err = e as { name?: string; message?: string };
    log.error({ title: `FedEx connector: cached ${type} ${rec.id} not forgotten`, details: `${err.name ?? 'Error'}: ${err.message ?? String(e)} (it expires by itself within 15 minutes)` });
  }
};
