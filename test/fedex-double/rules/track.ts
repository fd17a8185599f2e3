import type { FedexError } from '../errors';
import { isPostalAware } from './address-data';

/**
 * 10. Track API rules beyond the schema. Messages are FedEx's, from the error table of its Track API
 * documentation (TRKDOC in rules/fedex-rules.md, seen through a word-for-word copy in third-party code).
 */
export const TRACK_RULES = ['10.1', '10.2', '10.3', '10.4', '10.6', '10.7', '10.8', '10.9'] as const;

export const MAX_TRACKING_NUMBERS = 30;

export const TRACK_ERRORS = {
  limitExceeded: (): FedexError => ({ code: 'TRACKING.TRACKINGNUMBERS.LIMITEXCEEDED', message: 'Please limit your inquiry to 30 tracking numbers or references.' }),
  numberInvalid: (): FedexError => ({ code: 'TRACKING.TRACKINGNUMBER.INVALID', message: 'Invalid tracking number. Please correct the tracking number format and try again.' }),
  referenceDataIncomplete: (): FedexError => ({ code: 'TRACKING.REFERENCEDATA.INCOMPLETE', message: 'Please enter an account number or destination country/territory and postal code.' }),
  accountNumberEmpty: (): FedexError => ({ code: 'TRACKING.ACCOUNTNUMBER.EMPTY', message: 'If not providing FedEx account number, please enter destination country/territory and postal code.' }),
  referenceValueEmpty: (): FedexError => ({ code: 'TRACKING.REFERENCEVALUE.EMPTY', message: 'Missing or invalid shipment. Please enter a valid shipment number.' }),
  referenceTypeInvalid: (): FedexError => ({ code: 'TRACKING.REFERENCETYPE.INVALID', message: 'Please provide a valid reference/associated type.' }),
  dateRangeError: (): FedexError => ({
    code: 'TRACKING.SHIPDATERANGE.ERROR',
    message: 'Invalid date range. Please check for following conditions: 1. End date is before Begin date. 2. Begin date is beyond 2 years. 3. Begin to End date exceeds 30 days.',
  }),
  dateEndFuture: (): FedexError => ({ code: 'TRACKING.SHIPDATEEND.FUTURE', message: 'Invalid ship date range. End date must not be in the future.' }),
  referenceDateRangeInvalid: (): FedexError => ({ code: 'REFERENCETRACKING.SHIPDATERANGE.INVALID', message: 'Please provide a valid ship date range as a part of search criteria when entering account number.' }),
  dateRangeInvalid: (): FedexError => ({ code: 'TRACKING.SHIPDATERANGE.INVALID', message: 'Invalid ship date range. Please provide valid ship begin and end date.' }),
  notUnique: (): FedexError => ({ code: 'TRACKING.DATA.NOTUNIQUE', message: 'A unique match was not found. Please resubmit your request with a FedEx service or enter your FedEx account number.' }),
  /** FedEx's rate-limit guide gives the wording; the JSON code of the over-quota 429 is not published. */
  dailyQuotaExceeded: (): FedexError => ({ code: 'TOO.MANY.REQUESTS.ERROR', message: 'Too many requests - Daily transaction quota exceeded. Retry after 12:00AM GMT' }),
} as const;

/**
 * FedEx numbers are digits (12 Express, 15 Ground, 20 or 22 Ground Economy, up to 34 from a barcode) or
 * a door tag (DT + 12 digits). Anything else is refused per number, inside the 200 like an unknown one.
 */
export function isWellFormedTrackingNumber(value: string): boolean {
  return /^\d{10,34}$/.test(value) || /^DT\d{12}$/i.test(value);
}

/**
 * ReferenceInformation.type (track.json): every value FedEx lists is accepted. Those the double can match
 * name the customerReferenceType they were shipped with; the others are valid and simply find nothing
 * the double created.
 */
export const REFERENCE_TYPES: ReadonlySet<string> = new Set([
  'BILL_OF_LADING', 'COD_RETURN_TRACKING_NUMBER', 'CUSTOMER_AUTHORIZATION_NUMBER', 'CUSTOMER_REFERENCE', 'DEPARTMENT',
  'DOCUMENT_AIRWAY_BILL', 'EXPRESS_ALTERNATE_REFERENCE', 'FEDEX_OFFICE_JOB_ORDER_NUMBER', 'FREE_FORM_REFERENCE',
  'GROUND_INTERNATIONAL', 'GROUND_SHIPMENT_ID', 'INTERNATIONAL_DISTRIBUTION', 'INVOICE', 'JOB_GLOBAL_TRACKING_NUMBER',
  'ORDER_GLOBAL_TRACKING_NUMBER', 'ORDER_TO_PAY_NUMBER', 'PART_NUMBER', 'PARTNER_CARRIER_NUMBER', 'PURCHASE_ORDER',
  'REROUTE_TRACKING_NUMBER', 'RETURN_MATERIALS_AUTHORIZATION', 'RETURNED_TO_SHIPPER_TRACKING_NUMBER', 'SHIPPER_REFERENCE',
  'TRANSBORDER_DISTRIBUTION', 'TRANSPORTATION_CONTROL_NUMBER', 'VIRTUAL_CONSOLIDATION',
]);

/** Reference type → the customerReferenceType a shipment carries it as (SHIPPER_REFERENCE is the shipper's customer reference). */
export const REFERENCE_FIELDS: Record<string, string> = {
  CUSTOMER_REFERENCE: 'CUSTOMER_REFERENCE',
  SHIPPER_REFERENCE: 'CUSTOMER_REFERENCE',
  PURCHASE_ORDER: 'P_O_NUMBER',
  INVOICE: 'INVOICE_NUMBER',
  DEPARTMENT: 'DEPARTMENT_NUMBER',
  RETURN_MATERIALS_AUTHORIZATION: 'RMA_ASSOCIATION',
};

const DAY_MS = 86_400_000;
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const dayNumber = (v: string) => Date.parse(`${v}T00:00:00Z`) / DAY_MS;

/**
 * The ship-date window: at most 30 days, beginning at most 2 years back, ending no earlier than it
 * begins and not in the future. FedEx's own default window ends at today + 1, so that day still counts
 * as "not in the future" (time zones).
 */
export function dateWindowError(begin: string | undefined, end: string | undefined, today: string, withAccount: boolean): FedexError | undefined {
  if (begin === undefined && end === undefined) return undefined;
  if ((begin !== undefined && !isDate(begin)) || (end !== undefined && !isDate(end))) {
    return withAccount ? TRACK_ERRORS.referenceDateRangeInvalid() : TRACK_ERRORS.dateRangeInvalid();
  }
  const from = begin === undefined ? undefined : dayNumber(begin);
  const to = end === undefined ? undefined : dayNumber(end);
  const now = dayNumber(today);
  if (to !== undefined && to > now + 1) return TRACK_ERRORS.dateEndFuture();
  if (from !== undefined && to !== undefined && (to < from || to - from > 30)) return TRACK_ERRORS.dateRangeError();
  if (from !== undefined && from < now - 730) return TRACK_ERRORS.dateRangeError();
  return undefined;
}

export interface ReferenceQuery {
  value: string;
  accountNumber?: string;
  destinationCountryCode?: string;
  destinationPostalCode?: string;
}

/** What makes a reference lookup answerable at all: a value, and an account or a destination. */
export function referenceQueryError(query: ReferenceQuery): FedexError | undefined {
  if (query.value.trim() === '') return TRACK_ERRORS.referenceValueEmpty();
  if (query.accountNumber !== undefined && query.accountNumber.trim() === '') return TRACK_ERRORS.accountNumberEmpty();
  if (query.accountNumber !== undefined) return undefined;
  const country = query.destinationCountryCode?.trim();
  if (!country) return TRACK_ERRORS.referenceDataIncomplete();
  if (isPostalAware(country) && !query.destinationPostalCode?.trim()) return TRACK_ERRORS.referenceDataIncomplete();
  return undefined;
}
