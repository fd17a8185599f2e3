import type { RuleReport } from './report';
import { serviceFamily, type RequestedShipment } from './shipment';

/** 6. shipDatestamp: format, past dates moved to today, how far ahead. */
export const SHIP_DATE_RULES = ['6.1', '6.2'] as const;

const DAY_MS = 86_400_000;

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** FedEx: "Default value is current date in case the date is not provided or a past date is provided." */
export function effectiveShipDate(shipDatestamp: string | undefined, today: string): string {
  return shipDatestamp === undefined || !isCalendarDate(shipDatestamp) || shipDatestamp < today ? today : shipDatestamp;
}

/**
 * How far ahead FedEx takes a ship date: SOAP-era limits (Express 10 days, Express Freight 5), the only
 * ones FedEx published; none for Ground.
 */
export function checkShipDate(shipment: RequestedShipment, today: string, report: RuleReport): void {
  const date = shipment.shipDatestamp;
  if (date === undefined) return;
  if (!isCalendarDate(date)) return report.invalid('6.1', 'requestedShipment.shipDatestamp', `"${date}" is not a date formatted YYYY-MM-DD`);
  const family = serviceFamily(shipment.serviceType);
  const ahead = family === 'EXPRESS_FREIGHT' ? 5 : family === 'EXPRESS' ? 10 : undefined;
  if (ahead !== undefined && daysBetween(today, date) > ahead) {
    report.invalid('6.2', 'requestedShipment.shipDatestamp', `${date} is ${daysBetween(today, date)} days ahead: ${shipment.serviceType} ships at most ${ahead} days ahead`);
  }
}
