import { COUNTRY_CODES } from './address-data';
import type { RuleReport } from './report';
import { crossesBorder, destinationAddress, originAddress, type RequestedShipment } from './shipment';

/** 7. International: customsClearanceDetail and its commodities, values, currencies, duties payor. */
export const CUSTOMS_RULES = ['7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '7.8', '7.9'] as const;

/** The generic message FedEx puts on these alerts (karrio's real 21-piece create). */
const UNRETRIEVABLE = 'We are not able to retrieve the message for the warning or error.';
const MAX_COMMODITIES = 999;
const MAX_INVOICE_LINES = 99;
/** Customs_Money.amount: at most 11 digits before the decimal point; Money.amount: at most 5. */
const MAX_CUSTOMS_AMOUNT = 1e11;
const MAX_MONEY_AMOUNT = 1e5;

/** Customs are needed across borders and within India (intra-country, as karrio treats IN→IN). */
export function needsCustoms(shipment: RequestedShipment): boolean {
  return crossesBorder(shipment) || (originAddress(shipment).countryCode === 'IN' && destinationAddress(shipment).countryCode === 'IN');
}

function invoiceRequested(shipment: RequestedShipment): boolean {
  const documents = shipment.shippingDocumentSpecification?.shippingDocumentTypes ?? [];
  const etd = shipment.shipmentSpecialServices?.etdDetail?.requestedDocumentTypes ?? [];
  return [...documents, ...etd].includes('COMMERCIAL_INVOICE');
}

export function checkCustoms(shipment: RequestedShipment, report: RuleReport): void {
  const customs = shipment.customsClearanceDetail;
  const at = 'requestedShipment.customsClearanceDetail';
  const international = needsCustoms(shipment);
  if (!customs) {
    if (international) report.invalid('7.1', at, 'Customs clearance detail cannot be null.');
    return;
  }
  const commodities = customs.commodities ?? [];
  if (commodities.length > MAX_COMMODITIES) report.invalid('7.4', `${at}.commodities`, `has ${commodities.length} commodities: at most ${MAX_COMMODITIES}`);
  if (commodities.length > MAX_INVOICE_LINES && invoiceRequested(shipment)) {
    report.invalid('7.4', `${at}.commodities`, `has ${commodities.length} commodities: the commercial invoice takes at most ${MAX_INVOICE_LINES} lines`);
  }

  const currencies = new Set<string>();
  let customsTotal = 0;
  commodities.forEach((commodity, i) => {
    const c = `${at}.commodities[${i}]`;
    const n = i + 1;
    if (!commodity.description?.trim()) report.invalid('7.2', `${c}.description`, 'is required');
    else if (commodity.description.length > 450) report.invalid('7.2', `${c}.description`, `has ${commodity.description.length} characters: at most 450`);
    if (international) {
      const origin = commodity.countryOfManufacture;
      if (!origin?.trim()) report.invalid('7.3', `${c}.countryOfManufacture`, 'is required for international shipments');
      else if (origin.length > 4 || !COUNTRY_CODES.has(origin)) report.invalid('7.3', `${c}.countryOfManufacture`, `"${origin}" is not a country code`);
    }
    if (commodity.numberOfPieces !== undefined && (commodity.numberOfPieces < 0 || commodity.numberOfPieces > 9999)) {
      report.invalid('7.3', `${c}.numberOfPieces`, 'must be from 0 to 9,999');
    }
    if (commodity.unitPrice?.amount !== undefined && !(Math.abs(commodity.unitPrice.amount) < MAX_MONEY_AMOUNT)) {
      report.invalid('7.3', `${c}.unitPrice.amount`, 'takes at most 5 digits before the decimal point');
    }
    const value = commodity.customsValue;
    const amount = value?.amount;
    const valid = amount !== undefined && Number.isFinite(amount) && amount >= 0 && amount < MAX_CUSTOMS_AMOUNT && /^[A-Z]{3}$/.test(value?.currency ?? '');
    if (!valid && customs.isDocumentOnly !== true) {
      // FedEx's wording and COMMODITY_INDEX parameter (seen on the Rate API as RATE.CUSTOMSVALUE.INVALID; the Ship code is unknown).
      report.invalid('7.5', `${c}.customsValue`, `Commodity ${n} - customs value is invalid.`, [{ key: 'COMMODITY_INDEX', value: String(n) }]);
    }
    if (value?.currency) currencies.add(value.currency);
    if (valid && amount !== undefined) {
      customsTotal += amount;
      const required = (commodity.unitPrice?.amount ?? 0) * (commodity.quantity ?? 1);
      if (commodity.unitPrice?.amount !== undefined && amount + 0.005 < required) report.alert('7.6', 'COMMODITIES.CUSTOMSVALUE.LESSTHANREQUIRED', UNRETRIEVABLE, 'WARNING');
    }
  });
  if (customs.totalCustomsValue?.currency) currencies.add(customs.totalCustomsValue.currency);
  if (currencies.size > 1) report.reject('7.8', 'CURRENCYTYPE.PACKAGES.MUST', 'Customs Value currency type must be the same for all packages.');

  const declared = shipment.totalDeclaredValue?.amount;
  if (declared !== undefined && customsTotal > declared + 0.005) report.alert('7.6', 'CUSTOMVALUE.GREATER.THAN.DECLAREDVALUE', UNRETRIEVABLE, 'WARNING');
  const totalCustoms = customs.totalCustomsValue?.amount;
  if (totalCustoms !== undefined && totalCustoms > customsTotal + 0.005) report.alert('7.6', 'CUSTOMVALUE.GREATER.THAN.COMMODITYVALUE', UNRETRIEVABLE, 'WARNING');
  if (totalCustoms !== undefined && !(Math.abs(totalCustoms) < MAX_MONEY_AMOUNT)) report.invalid('7.3', `${at}.totalCustomsValue.amount`, 'takes at most 5 digits before the decimal point');

  const duties = customs.dutiesPayment;
  if (duties?.paymentType === 'RECIPIENT' || duties?.paymentType === 'THIRD_PARTY') {
    const account = duties.payor?.responsibleParty?.accountNumber?.value;
    if (account === undefined || !/^\d{9}$/.test(account)) {
      report.reject('7.9', 'ACCOUNT.NUMBER.INVALID', `The duties payor account number is invalid: ${duties.paymentType} duties need the payor's 9-digit FedEx account.`, [{ key: 'field', value: `${at}.dutiesPayment.payor.responsibleParty.accountNumber.value` }]);
    }
  }
}
