// The connector's configuration: the FedEx Connector Settings record (one active record) and the
// FedEx Service Map, read together through N/cache (1 unit on a hit; 22 on a miss: two searches
// and the cache's own 2). The cache is PROTECTED (every script of this SuiteApp shares it), lives
// at most CONFIG_CACHE.ttlSeconds, and customscript_mlfx_ue_config clears it whenever an admin saves
// either record; NetSuite may also drop it at any time, which only costs the next reader a reload.
import * as cache from 'N/cache';
import * as search from 'N/search';
import type { LabelImageType, LabelStockType } from '../../../shared/src/contract';
import { LABEL_IMAGE_TYPES, LABEL_STOCK_TYPES } from '../../../shared/src/contract';
import { CONFIG_CACHE, SERVICE_MAP, SETTINGS } from '../../../shared/src/ids';
import type { TrackPlanSettings } from '../../../shared/src/track-plan';
import { DEFAULT_SWEEP_DAYS } from '../../../shared/src/sweep';
import { DEFAULT_TRACK_PLAN_SETTINGS } from '../../../shared/src/track-plan';

export interface RuntimeSettings {
  relayUrl?: string;
  globalFedexAccount?: string;
  labelImageType: LabelImageType;
  labelStockType: LabelStockType;
  labelFolderId?: number;
  queueBulk: boolean;
  maxAttempts: number;
  pollMaxPerRun?: number;
  /** FedEx Track requests the poll may spend per quota day (default: 90,000 of FedEx's 100,000). */
  trackDailyBudget: number;
  unusedLabelDays?: number;
  notFoundGraceHours?: number;
  webhooksActive: boolean;
  /** As the admin typed it, upper-cased (SENDER by default); the shared validation refuses anything but SENDER or RECIPIENT. */
  dutiesPayment: string;
  electronicTradeDocuments: boolean;
  auditRetentionDays: number;
  /** Days back the shipping queue sweeps for Shipped fulfillments no user event saw (0: off). */
  sweepDays: number;
}

/** A FedEx Service Map row: the FedEx service (and packaging) of one ship item. */
export interface ServiceMapEntry {
  serviceType?: string;
  packagingType?: string;
  /** The service for residential addresses, when the admin set one (else the shared default). */
  residentialServiceType?: string;
}

export interface ConnectorConfig {
  settings: RuntimeSettings;
  /** Ship item internal id → its row. */
  serviceMap: Record<string, ServiceMapEntry>;
}

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

const F = SETTINGS.fields;

/** FedEx's default Track quota is 100,000 requests a day; the poll keeps a tenth in reserve (webhooks' repairs, people). */
export const DEFAULT_TRACK_DAILY_BUDGET = 90_000;

/** The planner's settings: the defaults, with what the admin set on the settings record. */
export function trackPlanSettings(s: RuntimeSettings): TrackPlanSettings {
  return {
    ...DEFAULT_TRACK_PLAN_SETTINGS,
    ...(s.unusedLabelDays ? { unusedLabelDays: s.unusedLabelDays } : {}),
    ...(s.notFoundGraceHours ? { notFoundGraceHours: s.notFoundGraceHours } : {}),
  };
}

function text(row: search.Result | undefined, name: string): string | undefined {
  const v = row?.getValue({ name });
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? undefined : s;
}

/** The Settings record, read from NetSuite (10 units). */
function loadSettings(): RuntimeSettings {
  const row = search
    .create({
      type: SETTINGS.type,
      filters: [['isinactive', 'is', 'F']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ...Object.values(F)],
    })
    .run()
    .getRange({ start: 0, end: 1 })[0];
  const imageType = text(row, F.labelImageType) as LabelImageType | undefined;
  const stockType = text(row, F.labelStockType) as LabelStockType | undefined;
  const folder = Number(text(row, F.labelFolder));
  const relayUrl = text(row, F.relayUrl);
  const globalFedexAccount = text(row, F.fedexAccount);
  const maxAttempts = Number(text(row, F.maxAttempts));
  const pollMax = Number(text(row, F.pollMaxPerRun));
  const retention = Number(text(row, F.auditRetentionDays));
  const queueBulk = row ? row.getValue({ name: F.queueBulk }) : true;
  const etd = row?.getValue({ name: F.electronicTradeDocuments });
  const webhooks = row?.getValue({ name: F.webhooksActive });
  const budget = Number(text(row, F.trackDailyBudget));
  const unusedDays = Number(text(row, F.unusedLabelDays));
  const graceHours = Number(text(row, F.notFoundGraceHours));
  const sweepDays = text(row, F.sweepDays);
  return {
    ...(relayUrl ? { relayUrl } : {}),
    ...(globalFedexAccount ? { globalFedexAccount } : {}),
    labelImageType: imageType && LABEL_IMAGE_TYPES.includes(imageType) ? imageType : 'PDF',
    labelStockType: stockType && (LABEL_STOCK_TYPES as readonly string[]).includes(stockType) ? stockType : 'PAPER_4X6',
    ...(folder > 0 ? { labelFolderId: folder } : {}),
    queueBulk: queueBulk === true || queueBulk === 'T',
    maxAttempts: maxAttempts > 0 ? maxAttempts : 4,
    ...(pollMax > 0 ? { pollMaxPerRun: pollMax } : {}),
    trackDailyBudget: budget > 0 ? budget : DEFAULT_TRACK_DAILY_BUDGET,
    ...(unusedDays > 0 ? { unusedLabelDays: unusedDays } : {}),
    ...(graceHours > 0 ? { notFoundGraceHours: graceHours } : {}),
    webhooksActive: webhooks === true || webhooks === 'T',
    dutiesPayment: text(row, F.dutiesPayment)?.toUpperCase() ?? 'SENDER',
    electronicTradeDocuments: etd === true || etd === 'T',
    auditRetentionDays: retention > 0 ? Math.floor(retention) : DEFAULT_AUDIT_RETENTION_DAYS,
    // Empty: the default; 0 turns the sweep off.
    sweepDays: sweepDays === undefined || !(Number(sweepDays) >= 0) ? DEFAULT_SWEEP_DAYS : Math.floor(Number(sweepDays)),
  };
}

/** Every active Service Map row (10 units). */
function loadServiceMap(): Record<string, ServiceMapEntry> {
  const S = SERVICE_MAP.fields;
  const out: Record<string, ServiceMapEntry> = {};
  search
    .create({ type: SERVICE_MAP.type, filters: [['isinactive', 'is', 'F']], columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), S.shipItem, S.serviceType, S.packagingType, S.residentialServiceType] })
    .run()
    .each((row) => {
      const shipItem = text(row, S.shipItem);
      if (shipItem && !out[shipItem]) {
        const serviceType = text(row, S.serviceType)?.toUpperCase();
        const packagingType = text(row, S.packagingType)?.toUpperCase();
        const residentialServiceType = text(row, S.residentialServiceType)?.toUpperCase();
        out[shipItem] = { ...(serviceType ? { serviceType } : {}), ...(packagingType ? { packagingType } : {}), ...(residentialServiceType ? { residentialServiceType } : {}) };
      }
      return true;
    });
  return out;
}

export function configCache(): cache.Cache {
  return cache.getCache({ name: CONFIG_CACHE.name, scope: cache.Scope.PROTECTED });
}

/**
 * Settings and service map from N/cache, else from NetSuite. Callers read it once and pass it on:
 * no module-level memo, since NetSuite may keep a module loaded across a Map/Reduce job's calls.
 */
export function readConfig(): ConnectorConfig {
  const json = configCache().get({
    key: CONFIG_CACHE.configKey,
    ttl: CONFIG_CACHE.ttlSeconds,
    loader: () => JSON.stringify({ settings: loadSettings(), serviceMap: loadServiceMap() } satisfies ConnectorConfig),
  });
  return JSON.parse(json as string) as ConnectorConfig;
}

export function readSettings(): RuntimeSettings {
  return readConfig().settings;
}

/** Forgets the cached configuration (1 unit): the next reader loads it again. */
export function forgetConfig(): void {
  configCache().remove({ key: CONFIG_CACHE.configKey });
}

/** Which required settings are missing, in words an admin can act on. */
export function missingSettings(s: RuntimeSettings): string[] {
  const missing: string[] = [];
  if (!s.relayUrl) missing.push(`the relay URL (FedEx Connector Settings, field ${F.relayUrl})`);
  if (!s.labelFolderId) missing.push(`the File Cabinet folder for labels (FedEx Connector Settings, field ${F.labelFolder})`);
  return missing;
}
