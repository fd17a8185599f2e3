// The connector's settings, from the fulfillment user event's deployment parameters.
import * as runtime from 'N/runtime';
import type { LabelImageType, LabelStockType } from '../../../shared/src/contract';
import { LABEL_IMAGE_TYPES, LABEL_STOCK_TYPES } from '../../../shared/src/contract';
import { PARAMS } from '../../../shared/src/ids';

export interface RuntimeSettings {
  relayUrl?: string;
  globalFedexAccount?: string;
  labelImageType: LabelImageType;
  labelStockType: LabelStockType;
  labelFolderId?: number;
}

function text(name: string): string | undefined {
  const v = runtime.getCurrentScript().getParameter({ name });
  const s = v === null || v === undefined ? '' : String(v).trim();
  return s === '' ? undefined : s;
}

export function readSettings(): RuntimeSettings {
  const imageType = text(PARAMS.labelImageType) as LabelImageType | undefined;
  const stockType = text(PARAMS.labelStockType) as LabelStockType | undefined;
  const folder = Number(text(PARAMS.labelFolder));
  const relayUrl = text(PARAMS.relayUrl);
  const globalFedexAccount = text(PARAMS.fedexAccount);
  return {
    ...(relayUrl ? { relayUrl } : {}),
    ...(globalFedexAccount ? { globalFedexAccount } : {}),
    labelImageType: imageType && LABEL_IMAGE_TYPES.includes(imageType) ? imageType : 'PDF',
    labelStockType: stockType && (LABEL_STOCK_TYPES as readonly string[]).includes(stockType) ? stockType : 'PAPER_4X6',
    ...(folder > 0 ? { labelFolderId: folder } : {}),
  };
}

/** Which required settings are missing, in words an admin can act on. */
export function missingSettings(s: RuntimeSettings): string[] {
  const missing: string[] = [];
  if (!s.relayUrl) missing.push(`the relay URL (script parameter ${PARAMS.relayUrl})`);
  if (!s.labelFolderId) missing.push(`the File Cabinet folder for labels (script parameter ${PARAMS.labelFolder})`);
  return missing;
}
