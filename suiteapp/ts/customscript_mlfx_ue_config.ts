/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Keeps the connector's N/cache honest: when an admin saves (or deletes) the FedEx Connector
// Settings, a FedEx Service Map row, a location or a subsidiary, the cached copy is forgotten at
// once (1 unit), so the next shipment reads what the admin just saved. Never throws.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { SERVICE_MAP, SETTINGS } from '../../shared/src/ids';
import { forgetAddress } from './lib/address-cache';
import { forgetConfig } from './lib/settings';

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const rec = context.newRecord ?? context.oldRecord;
  const type = String(rec.type).toLowerCase();
  try {
    if (type === SETTINGS.type || type === SERVICE_MAP.type) forgetConfig();
    else if (type === 'location' || type === 'subsidiary') forgetAddress(type, String(rec.id));
  } catch (e) {
    const err = e as { name?: string; message?: string };
    log.error({ title: `FedEx connector: cached ${type} ${rec.id} not forgotten`, details: `${err.name ?? 'Error'}: ${err.message ?? String(e)} (it expires by itself within 15 minutes)` });
  }
};
