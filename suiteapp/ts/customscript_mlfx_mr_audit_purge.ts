/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

// Audit retention: deletes the connector's Audit records older than the retention setting (FedEx
// Connector Settings, Audit Retention, default 90 days). Daily. One record per map call (a custom
// record delete, 4 units), run in parallel up to the deployment's concurrency; a record already gone
// (a restarted map) counts as deleted. Audit records of the last N days are never touched.
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import { correlationId } from '../../shared/src/audit';
import { AUDIT } from '../../shared/src/ids';
import { writeAudit } from './lib/audit';
import { readSettings } from './lib/settings';

export const config = { retryCount: 2, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const days = readSettings().auditRetentionDays;
  log.audit({ title: 'FedEx audit purge', details: `Deleting Audit records from before ${days} days ago` });
  // NetSuite runs this search itself, outside the stage's governance, however many rows it finds.
  return search.create({ type: AUDIT.type, filters: [[AUDIT.fields.time, 'before', `daysago${days}`]], columns: ['internalid'] });
};

export const map: EntryPoints.MapReduce.map = (context) => {
  try {
    record.delete({ type: AUDIT.type, id: context.key });
  } catch (e) {
    if ((e as { name?: string }).name !== 'RCRD_DSNT_EXIST') throw e;
  }
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  let processed = 0;
  summary.mapSummary.keys.iterator().each(() => {
    processed++;
    return true;
  });
  const errors: string[] = [];
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  let failed = 0;
  summary.mapSummary.errors.iterator().each((key, error) => {
    failed++;
    errors.push(`audit ${key}: ${error}`);
    return true;
  });
  const counts = { deleted: processed - failed, failed, retentionDays: readSettings().auditRetentionDays, usage: summary.usage, seconds: summary.seconds, yields: summary.yields };
  writeAudit({
    operation: 'AUDIT_PURGE',
    direction: 'INTERNAL',
    recordType: 'mapreduce',
    recordId: runtime.getCurrentScript().deploymentId,
    response: { counts, errors: errors.slice(0, 50) },
    outcome: errors.length ? 'FAILURE' : 'SUCCESS',
    ...(errors.length ? { errorCode: 'AUDIT_PURGE_ERRORS', errorMessage: errors.join('\n').slice(0, 3900) } : {}),
    correlationId: correlationId('PURGE', 'summary', Date.now(), Math.random()),
  });
  log.audit({ title: 'FedEx audit purge finished', details: JSON.stringify(counts) });
};
