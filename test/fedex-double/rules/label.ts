import type { RuleReport } from './report';
import type { RequestedShipment } from './shipment';

/**
 * 8. labelSpecification: stock type per image type. (Shipping documents as PDF on PAPER_LETTER is in
 * FedEx's schema itself: ShippingDocumentFormat allows only those.)
 */
export const LABEL_RULES = ['8.1'] as const;

/** REF "Label Stock Types": thermal images on STOCK_*, PDF and PNG on PAPER_*. */
const THERMAL = new Set(['ZPLII', 'EPL2']);

export function checkLabel(shipment: RequestedShipment, report: RuleReport): void {
  const { imageType, labelStockType } = shipment.labelSpecification;
  const thermalStock = labelStockType.startsWith('STOCK_');
  if (THERMAL.has(imageType) !== thermalStock) {
    report.invalid('8.1', 'requestedShipment.labelSpecification.labelStockType', `${labelStockType} does not take ${imageType} labels: ${THERMAL.has(imageType) ? 'ZPLII and EPL2 print on STOCK_* stock' : 'PDF and PNG print on PAPER_* stock'}`);
  }
}
