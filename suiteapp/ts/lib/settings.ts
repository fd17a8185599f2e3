// The connector's settings, from the FedEx Connector Settings record (one active record; 10 units).
import * as search from 'N/search';
import type { LabelImageType, LabelStockType } from '../../../shared/src/contract';
import { LABEL_IMAGE_TYPES, LABEL_STOCK_TYPES } from '../../../shared/src/contract';
import { SETTINGS } from '../../../shared/src/ids';

export interface RuntimeSettings {
  relayUrl?: string;
  globalFedexAccount?: string;
  labelImageType: LabelImageType;
  labelStockType: LabelStockType;
  labelFolderId?: number;
  queueBulk: boolean;
  maxAttempts: number;
  pollMaxPerRun?: number;
  /** As the admin typed it, upper-cased (SENDER by default); the shared validation refuses anything but SENDER or RECIPIENT. */
  dutiesPayment: string;
  electronicTradeDocuments: boolean;
}

const F = SETTINGS.fields;

function text(row: search.Result | undefined, name: string): string | undefined {
  const v = row?.getValue({ name });
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? undefined : s;
}

export function readSettings(): RuntimeSettings {
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
  const queueBulk = row ? row.getValue({ name: F.queueBulk }) : true;
  const etd = row?.getValue({ name: F.electronicTradeDocuments });
  return {
    ...(relayUrl ? { relayUrl } : {}),
    ...(globalFedexAccount ? { globalFedexAccount } : {}),
    labelImageType: imageType && LABEL_IMAGE_TYPES.includes(imageType) ? imageType : 'PDF',
    labelStockType: stockType && (LABEL_STOCK_TYPES as readonly string[]).includes(stockType) ? stockType : 'PAPER_4X6',
    ...(folder > 0 ? { labelFolderId: folder } : {}),
    queueBulk: queueBulk === true || queueBulk === 'T',
    maxAttempts: maxAttempts > 0 ? maxAttempts : 4,
    ...(pollMax > 0 ? { pollMaxPerRun: pollMax } : {}),
    dutiesPayment: text(row, F.dutiesPayment)?.toUpperCase() ?? 'SENDER',
    electronicTradeDocuments: etd === true || etd === 'T',
  };
}

/** Which required settings are missing, in words an admin can act on. */
export function missingSettings(s: RuntimeSettings): string[] {
  const missing: string[] = [];
  if (!s.relayUrl) missing.push(`the relay URL (FedEx Connector Settings, field ${F.relayUrl})`);
  if (!s.labelFolderId) missing.push(`the File Cabinet folder for labels (FedEx Connector Settings, field ${F.labelFolder})`);
  return missing;
}
