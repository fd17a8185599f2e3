// Normalizes a create-shipment request into the form FedEx takes, before validation: the SuiteApp runs
// it on the request it builds, the relay on every request it receives, so both send FedEx the same.
// It only rewrites a value into an equivalent FedEx-ready one (phone digits, trimmed text, 5-digit ZIP,
// re-flowed street lines, rounded weights, whole-inch dimensions, KG across borders); a value it
// cannot fix is left as it is for validateCreateShipmentRequest to refuse, naming the field.
// Idempotent: normalizing a normalized request changes nothing. Pure: no I/O, AMD-safe.
import { isCountryCode } from '../countries';
import { KG_PER_LB, needsCustoms } from '../services';
import { fitStreetLines, normalizePostalCode, normalizeState } from './address';
import { parsePhone } from './phone';
import { cleanText, shorten } from './text';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** FedEx's lengths for fields that only name or describe (shortened at a word, never refused). */
export const TEXT_LIMITS = {
  personName: 70,
  companyName: 35,
  packageDescription: 50,
  itemNumber: 50,
  itemDescription: 450,
  commodityDescription: 450,
  reference: 30,
} as const;

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
export const EMAIL_MAX = 80;

/** A FedEx-acceptable e-mail from what NetSuite holds, or undefined (it is optional: only notifications use it). */
export function normalizeEmail(value: unknown): string | undefined {
  const text = cleanText(value);
  if (!text) return undefined;
  const first = text.split(/[,;\s]+/).find((part) => EMAIL.test(part));
  return first && first.length <= EMAIL_MAX ? first : undefined;
}

/** Rounds to `places` decimals without leaving 0 for a positive value. */
export function roundUp(value: number, places: number): number {
  const f = 10 ** places;
  return Math.max(1 / f, Math.round(value * f) / f);
}

/**
 * A measure arithmetic may touch: finite, above 0, and far below where rounding overflows (1e308 * 100 is
 * Infinity). Anything else is left untouched for the validation to refuse with the value as sent.
 */
const positiveFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e9;

/** Whole units as FedEx wants dimensions; a value a hair over a whole number (float noise) does not round up. */
export function wholeUnits(value: number): number {
  return Math.max(1, Math.ceil(value - 1e-6));
}

function setText(target: Obj, key: string, max?: number): void {
  if (!(key in target)) return;
  const text = cleanText(target[key]);
  if (text === undefined) {
    if (typeof target[key] === 'string') delete target[key];
    return;
  }
  target[key] = max === undefined ? text : shorten(text, max);
}

function normalizeParty(party: unknown, role: 'shipper' | 'recipient'): void {
  if (!isObj(party)) return;
  const address = isObj(party.address) ? party.address : undefined;
  const contact = isObj(party.contact) ? party.contact : undefined;
  let country = '';
  if (address) {
    if (typeof address.countryCode === 'string') address.countryCode = address.countryCode.trim().toUpperCase();
    country = typeof address.countryCode === 'string' && isCountryCode(address.countryCode) ? address.countryCode : '';
    if (Array.isArray(address.streetLines)) {
      const lines = address.streetLines.map((l) => (typeof l === 'string' ? (cleanText(l) ?? '') : l));
      const strings = lines.filter((l): l is string => typeof l === 'string');
      address.streetLines = strings.length === lines.length ? fitStreetLines(strings.filter((l) => l !== '')) : lines;
    }
    setText(address, 'city');
    setText(address, 'stateOrProvinceCode');
    setText(address, 'postalCode');
    if (country) {
      const state = normalizeState(address.stateOrProvinceCode as string | undefined, country);
      if (state === undefined) delete address.stateOrProvinceCode;
      else address.stateOrProvinceCode = state;
      const postal = normalizePostalCode(address.postalCode as string | undefined, country, state);
      if (postal !== undefined) address.postalCode = postal;
    }
  }
  if (contact) {
    setText(contact, 'personName', TEXT_LIMITS.personName);
    setText(contact, 'companyName', TEXT_LIMITS.companyName);
    if ('emailAddress' in contact) {
      const email = normalizeEmail(contact.emailAddress);
      if (email) contact.emailAddress = email;
      else delete contact.emailAddress;
    }
    if (typeof contact.phoneNumber === 'string' && country) {
      const parsed = parsePhone(contact.phoneNumber, country, role === 'recipient');
      if (parsed.ok) {
        contact.phoneNumber = parsed.value.phoneNumber;
        // An extension typed into the number wins over none; one already split off is kept.
        if (parsed.value.phoneExtension) contact.phoneExtension = parsed.value.phoneExtension;
      } else {
        contact.phoneNumber = cleanText(contact.phoneNumber) ?? '';
      }
    }
    if (typeof contact.phoneExtension === 'string') {
      const digits = contact.phoneExtension.replace(/\D/g, '');
      if (digits === '' && cleanText(contact.phoneExtension) === undefined) delete contact.phoneExtension;
      else if (digits !== '' && /^[\s\d().#x-]*$/i.test(contact.phoneExtension)) contact.phoneExtension = digits;
    }
  }
}

function convertWeight(weight: unknown, toKg: boolean): void {
  if (!isObj(weight) || !positiveFinite(weight.value)) return;
  if (toKg && weight.units === 'LB') {
    weight.units = 'KG';
    weight.value = weight.value * KG_PER_LB;
  }
  weight.value = roundUp(weight.value as number, 2);
}

function normalizePackage(pkg: unknown, toKg: boolean): void {
  if (!isObj(pkg)) return;
  convertWeight(pkg.weight, toKg);
  if (isObj(pkg.dimensions)) {
    const dims = pkg.dimensions;
    for (const side of ['length', 'width', 'height']) if (positiveFinite(dims[side])) dims[side] = wholeUnits(dims[side] as number);
  }
  setText(pkg, 'description', TEXT_LIMITS.packageDescription);
}

function normalizeCommodity(commodity: unknown, toKg: boolean): void {
  if (!isObj(commodity)) return;
  setText(commodity, 'item', TEXT_LIMITS.itemNumber);
  setText(commodity, 'description', TEXT_LIMITS.commodityDescription);
  setText(commodity, 'quantityUnits');
  if (typeof commodity.countryOfManufacture === 'string') commodity.countryOfManufacture = commodity.countryOfManufacture.trim().toUpperCase();
  if (typeof commodity.harmonizedCode === 'string') {
    // HS numbers are written with dots and spaces (8471.30.01); FedEx takes the digits.
    const code = commodity.harmonizedCode.replace(/[\s.-]/g, '');
    if (code === '') delete commodity.harmonizedCode;
    else commodity.harmonizedCode = code;
  }
  for (const key of ['unitPrice', 'customsValue']) {
    const v = commodity[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e12) commodity[key] = Math.round(v * 100) / 100;
  }
  if (positiveFinite(commodity.weight)) commodity.weight = roundUp(toKg ? (commodity.weight as number) * KG_PER_LB : (commodity.weight as number), 2);
}

function countryOf(party: unknown): string | undefined {
  const address = isObj(party) && isObj(party.address) ? party.address : undefined;
  return typeof address?.countryCode === 'string' && isCountryCode(address.countryCode) ? address.countryCode : undefined;
}

/** A normalized deep copy of `body`; anything that is not request-shaped comes back as it was. */
export function normalizeCreateShipmentRequest(body: unknown): unknown {
  if (!isObj(body)) return body;
  const req = JSON.parse(JSON.stringify(body)) as Obj;
  // JSON round-trip: NaN and Infinity become null (the validation names them), no shared references.
  normalizeParty(req.shipper, 'shipper');
  normalizeParty(req.recipient, 'recipient');
  const from = countryOf(req.shipper);
  const to = countryOf(req.recipient);
  const crossBorder = from !== undefined && to !== undefined && needsCustoms(from, to);
  // Package and commodity weights must share a unit, and FedEx's schema takes commodity weights in KG
  // only: across a border, pounds become kilograms (commodity weights are in the packages' unit).
  const toKg =
    crossBorder &&
    isObj(req.customs) &&
    Array.isArray(req.packages) &&
    req.packages.every((p) => isObj(p) && isObj(p.weight) && p.weight.units === 'LB');
  if (Array.isArray(req.packages)) for (const pkg of req.packages) normalizePackage(pkg, toKg);
  if (Array.isArray(req.items)) {
    for (const item of req.items) {
      if (!isObj(item)) continue;
      setText(item, 'item', TEXT_LIMITS.itemNumber);
      setText(item, 'description', TEXT_LIMITS.itemDescription);
    }
  }
  if (isObj(req.customs)) {
    const customs = req.customs;
    if (typeof customs.currency === 'string') customs.currency = customs.currency.trim().toUpperCase();
    setText(customs, 'invoiceNumber', TEXT_LIMITS.reference);
    if (typeof customs.dutiesAccountNumber === 'string') customs.dutiesAccountNumber = customs.dutiesAccountNumber.replace(/\s/g, '');
    if (Array.isArray(customs.commodities)) for (const c of customs.commodities) normalizeCommodity(c, toKg);
  }
  if (isObj(req.source)) for (const key of ['fulfillmentTranId', 'salesOrderTranId']) setText(req.source, key);
  return req;
}
