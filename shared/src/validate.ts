// Validation of the wire contract against what FedEx accepts: its Ship API schema and the business
// rules it enforces beyond it (../notes/fedex-rules.md). The SuiteApp runs it before calling the relay
// (bad data never leaves NetSuite: a FAILED Shipment naming the field) and the relay before calling
// FedEx (400 naming every bad field), both after normalizeCreateShipmentRequest. A request that passes
// here maps to a FedEx body that FedEx's schema and rules accept (checked in validate.property.test.ts).
import type { CreateShipmentRequest } from './contract';
import { LABEL_IMAGE_TYPES, LABEL_STOCK_TYPES } from './contract';
import { isCountryCode } from './countries';
import type { FieldProblem } from './errors';
import { isPostalAware, MAX_CITY_LENGTH, MAX_STREET_LINE_LENGTH, MAX_STREET_LINES, NOT_SERVED_COUNTRIES, PO_BOX, postalCodeProblem, stateProblem } from './normalize/address';
import { isFedexPhone, parsePhone, PHONE_EXTENSION_MAX } from './normalize/phone';
import { EMAIL_MAX, normalizeCreateShipmentRequest, TEXT_LIMITS } from './normalize/request';
import { isCleanText } from './normalize/text';
import {
  dimensionsRequired,
  GROUND_SERVICES,
  isInternational,
  MAX_DIMENSION,
  maxPackageWeight,
  needsCustoms,
  PACKAGING_TYPES,
  packagingProblem,
  residentialProblem,
  SERVICE_TYPES,
  serviceRouteProblem,
  sizeLimitIn,
  toPounds,
} from './services';

export { MAX_CITY_LENGTH, MAX_STREET_LINE_LENGTH, MAX_STREET_LINES };

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export const PICKUP_TYPES = ['CONTACT_FEDEX_TO_SCHEDULE', 'DROPOFF_AT_FEDEX_LOCATION', 'USE_SCHEDULED_PICKUP'] as const;
/** FedEx takes at most 30 package line items in one create ("Maximum occurrences is 30"). */
export const MAX_PACKAGES = 30;
/** FedEx's commercial invoice takes 99 line items (customsClearanceDetail itself up to 999). */
export const MAX_COMMODITIES = 99;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,40}$/;
/** The key rides as the CUSTOMER_REFERENCE: at most 40 characters on Express, 30 on Ground. */
export const GROUND_REFERENCE_MAX = 30;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

const show = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

interface StringRule {
  required?: boolean;
  max?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
  /** Refuse control and invisible characters (normalization removes them). */
  clean?: boolean;
}

class Checker {
  readonly problems: FieldProblem[] = [];
  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  /** Checks obj[key]; returns the string when it is one. */
  string(obj: Obj, key: string, path: string, opts: StringRule = {}): string | undefined {
    const value = obj[key];
    const at = path ? `${path}.${key}` : key;
    if (value === undefined || value === null || value === '') {
      if (opts.required) this.fail(at, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(at, 'must be a string');
      return undefined;
    }
    if (opts.required && value.trim() === '') {
      this.fail(at, 'must not be blank');
      return undefined;
    }
    if (opts.clean && !isCleanText(value)) this.fail(at, `${show(value)} has control, invisible or surrounding space characters`);
    if (opts.max !== undefined && value.length > opts.max) this.fail(at, `has ${value.length} characters; FedEx takes at most ${opts.max}`);
    if (opts.pattern && !opts.pattern.test(value)) this.fail(at, `has an invalid format: ${show(value)}`);
    if (opts.oneOf && !opts.oneOf.includes(value)) this.fail(at, `must be one of ${opts.oneOf.join(', ')} (got ${show(value)})`);
    return value;
  }
  object(obj: Obj, key: string, path: string): Obj | undefined {
    const value = obj[key];
    const at = path ? `${path}.${key}` : key;
    if (!isObj(value)) {
      this.fail(at, value === undefined ? 'is required' : 'must be an object');
      return undefined;
    }
    return value;
  }
  /** A finite number in (min, max] (or [min, max] with `minInclusive`); NaN, Infinity, 1e308 and strings are refused. */
  number(value: unknown, at: string, what: string, range: { above?: number; atLeast?: number; max: number; integer?: boolean }): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(at, `${what} must be a number (got ${value === null ? 'nothing' : typeof value === 'number' ? String(value) : JSON.stringify(value)?.slice(0, 30)})`);
      return false;
    }
    if (range.integer && !Number.isInteger(value)) return this.fail(at, `${what} must be a whole number (got ${value})`), false;
    if (range.above !== undefined && !(value > range.above)) return this.fail(at, `${what} must be above ${range.above} (got ${value})`), false;
    if (range.atLeast !== undefined && !(value >= range.atLeast)) return this.fail(at, `${what} must be at least ${range.atLeast} (got ${value})`), false;
    if (value > range.max) return this.fail(at, `${what} ${value} is more than FedEx's ${range.max}`), false;
    return true;
  }
}

function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Digits of a phone number. */
export function phoneDigits(phone: string): string {
  return phone.replace(/[^0-9]/g, '');
}

/** Returns the party's valid country code, if any. */
function checkParty(c: Checker, parent: Obj, key: 'shipper' | 'recipient'): string | undefined {
  const party = c.object(parent, key, '');
  if (!party) return undefined;
  const address = c.object(party, 'address', key);
  let country: string | undefined;
  if (address) {
    const at = `${key}.address`;
    const code = c.string(address, 'countryCode', at, { required: true });
    if (code !== undefined && !isCountryCode(code)) c.fail(`${at}.countryCode`, `is not an ISO 3166-1 alpha-2 country code: ${show(code)}`);
    else if (code !== undefined && NOT_SERVED_COUNTRIES.includes(code)) c.fail(`${at}.countryCode`, `${code} is a country FedEx does not serve`);
    else country = code;
    const lines = address.streetLines;
    if (!Array.isArray(lines) || lines.length === 0) c.fail(`${at}.streetLines`, 'at least one street line is required');
    else {
      if (lines.length > MAX_STREET_LINES) c.fail(`${at}.streetLines`, `has ${lines.length} lines; FedEx takes ${MAX_STREET_LINES} of at most ${MAX_STREET_LINE_LENGTH} characters: shorten the address`);
      lines.forEach((line, i) => {
        const lineAt = `${at}.streetLines[${i}]`;
        if (!isNonEmptyString(line)) c.fail(lineAt, 'must be a non-blank string');
        else if (!isCleanText(line)) c.fail(lineAt, `${show(line)} has control, invisible or surrounding space characters`);
        else if (line.length > MAX_STREET_LINE_LENGTH) {
          c.fail(lineAt, `${show(line)} has ${line.length} characters; FedEx prints ${MAX_STREET_LINE_LENGTH} per line on ${MAX_STREET_LINES} lines and it cannot be split there: shorten the address`);
        }
      });
    }
    c.string(address, 'city', at, { required: true, max: MAX_CITY_LENGTH, clean: true });
    const state = c.string(address, 'stateOrProvinceCode', at, { clean: true });
    const postal = c.string(address, 'postalCode', at, { clean: true });
    if (country) {
      const stateIssue = stateProblem(state, country);
      if (stateIssue) c.fail(`${at}.stateOrProvinceCode`, stateIssue);
      const postalIssue = postalCodeProblem(postal, country, stateIssue ? undefined : state, isPostalAware(country));
      if (postalIssue) c.fail(`${at}.postalCode`, postalIssue);
    }
    if (address.residential !== undefined && typeof address.residential !== 'boolean') c.fail(`${at}.residential`, 'must be true or false');
  }
  const contact = c.object(party, 'contact', key);
  if (contact) {
    const at = `${key}.contact`;
    c.string(contact, 'personName', at, { max: TEXT_LIMITS.personName, clean: true });
    c.string(contact, 'companyName', at, { max: TEXT_LIMITS.companyName, clean: true });
    c.string(contact, 'emailAddress', at, { max: EMAIL_MAX, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ });
    if (!isNonEmptyString(contact.personName) && !isNonEmptyString(contact.companyName)) {
      c.fail(`${at}.personName`, 'a person name or a company name is required');
    }
    const phone = c.string(contact, 'phoneNumber', at, { required: true });
    const foreignAllowed = key === 'recipient';
    if (phone !== undefined && country && !isFedexPhone(phone, country, foreignAllowed)) {
      const parsed = parsePhone(phone, country, foreignAllowed);
      c.fail(`${at}.phoneNumber`, parsed.ok ? `${show(phone)} must be digits only, as ${parsed.value.phoneNumber}` : parsed.problem);
    }
    c.string(contact, 'phoneExtension', at, { pattern: new RegExp(`^\\d{1,${PHONE_EXTENSION_MAX}}$`) });
  }
  return country;
}

/** The heaviest package in pounds (0 when none is valid), for the service rules. */
function heaviestLb(body: Obj): number {
  const packages = Array.isArray(body.packages) ? body.packages : [];
  let max = 0;
  for (const p of packages) {
    const w = isObj(p) && isObj(p.weight) ? p.weight : undefined;
    if (w && typeof w.value === 'number' && Number.isFinite(w.value) && (w.units === 'LB' || w.units === 'KG')) max = Math.max(max, toPounds(w.value, w.units));
  }
  return max;
}

function checkService(c: Checker, body: Obj, from: string | undefined, to: string | undefined): void {
  const service = c.string(body, 'serviceType', '', { required: true, pattern: /^[A-Z0-9_]+$/ });
  const packaging = c.string(body, 'packagingType', '', { required: true, pattern: /^[A-Z0-9_]+$/ });
  const knownPackaging = packaging !== undefined && PACKAGING_TYPES.includes(packaging);
  if (packaging !== undefined && /^[A-Z0-9_]+$/.test(packaging) && !knownPackaging) c.fail('packagingType', `${show(packaging)} is not a FedEx packaging type (${PACKAGING_TYPES.join(', ')})`);
  if (service === undefined || !/^[A-Z0-9_]+$/.test(service)) return;
  if (!SERVICE_TYPES.includes(service)) return c.fail('serviceType', `${show(service)} is not a FedEx service type`);
  if (service === 'SMART_POST') return c.fail('serviceType', 'SMART_POST (FedEx Ground Economy) needs a SmartPost hub id and indicia, which the connector does not send: use FEDEX_GROUND or GROUND_HOME_DELIVERY');
  if (knownPackaging) {
    const mismatch = packagingProblem(service, packaging as string);
    if (mismatch) c.fail('packagingType', mismatch);
  }
  const stateOf = (party: unknown): string | undefined => {
    const address = isObj(party) && isObj(party.address) ? party.address : undefined;
    return typeof address?.stateOrProvinceCode === 'string' ? address.stateOrProvinceCode : undefined;
  };
  if (from && to) {
    const route = serviceRouteProblem(service, from, to, stateOf(body.shipper), stateOf(body.recipient));
    if (route) c.fail('serviceType', route);
  }
  const recipient = isObj(body.recipient) && isObj(body.recipient.address) ? body.recipient.address : undefined;
  const lines = Array.isArray(recipient?.streetLines) ? recipient.streetLines : [];
  if (GROUND_SERVICES.includes(service) && lines.some((l) => typeof l === 'string' && PO_BOX.test(l))) {
    c.fail('recipient.address.streetLines', `is a P.O. box, and ${service} does not deliver to P.O. boxes: give a street address, or ship by FedEx Express`);
  }
  if (to && recipient) {
    const residential = residentialProblem(service, recipient.residential as boolean | undefined, to, heaviestLb(body));
    if (residential) c.fail('serviceType', residential);
  }
  const key = body.idempotencyKey;
  if (GROUND_SERVICES.includes(service) && typeof key === 'string' && key.length > GROUND_REFERENCE_MAX) {
    c.fail('idempotencyKey', `has ${key.length} characters; it is the shipment's customer reference, which FedEx Ground takes up to ${GROUND_REFERENCE_MAX}`);
  }
}

function checkPackages(c: Checker, body: Obj, international: boolean): void {
  const packages = body.packages;
  if (!Array.isArray(packages) || packages.length === 0) return c.fail('packages', 'at least one package is required');
  if (packages.length > MAX_PACKAGES) c.fail('packages', `has ${packages.length} packages; FedEx takes at most ${MAX_PACKAGES} in one shipment: ship the rest in another fulfillment`);
  const service = typeof body.serviceType === 'string' ? body.serviceType : '';
  const packaging = typeof body.packagingType === 'string' ? body.packagingType : 'YOUR_PACKAGING';
  const units = new Set<string>();
  packages.forEach((pkg: unknown, i) => {
    const at = `packages[${i}]`;
    if (!isObj(pkg)) return c.fail(at, 'must be an object');
    const weight = c.object(pkg, 'weight', at);
    if (weight) {
      const unit = c.string(weight, 'units', `${at}.weight`, { required: true, oneOf: ['LB', 'KG'] });
      if (unit === 'LB' || unit === 'KG') {
        units.add(unit);
        if (international && body.customs !== undefined && unit !== 'KG') c.fail(`${at}.weight.units`, 'must be KG across borders: FedEx takes commodity weights in KG only, and package weights in the same unit');
        const max = maxPackageWeight(service, packaging, unit);
        c.number(weight.value, `${at}.weight.value`, `package ${i + 1} weight (${unit})`, { above: 0, max });
      } else c.number(weight.value, `${at}.weight.value`, `package ${i + 1} weight`, { above: 0, max: 2200 });
    }
    if (pkg.dimensions !== undefined) {
      const dims = c.object(pkg, 'dimensions', at);
      if (dims) {
        const unit = c.string(dims, 'units', `${at}.dimensions`, { required: true, oneOf: ['IN', 'CM'] });
        const sides: number[] = [];
        for (const side of ['length', 'width', 'height']) {
          if (c.number(dims[side], `${at}.dimensions.${side}`, `package ${i + 1} ${side}`, { atLeast: 1, max: MAX_DIMENSION, integer: true })) sides.push(dims[side] as number);
        }
        const limit = sizeLimitIn(service);
        if (sides.length === 3 && (unit === 'IN' || unit === 'CM') && limit) {
          const inches = sides.map((s) => (unit === 'CM' ? s / 2.54 : s)).sort((a, b) => b - a) as [number, number, number];
          const girth = inches[0] + 2 * (inches[1] + inches[2]);
          if (inches[0] > limit.length) c.fail(`${at}.dimensions`, `package ${i + 1} is ${Math.round(inches[0])} in long; ${service} takes packages up to ${limit.length} in`);
          else if (girth > limit.lengthPlusGirth) c.fail(`${at}.dimensions`, `package ${i + 1} measures ${Math.round(girth)} in in length plus girth; ${service} takes up to ${limit.lengthPlusGirth} in`);
        }
      }
    } else if (dimensionsRequired(service)) {
      c.fail(`${at}.dimensions`, `FedEx needs the length, width and height of each package for ${service}: enter them on the fulfillment's FedEx package lines`);
    }
    c.string(pkg, 'description', at, { max: TEXT_LIMITS.packageDescription, clean: true });
  });
  if (units.size > 1) c.fail('packages', 'all packages must be weighed in the same unit (LB or KG)');
}

function checkItems(c: Checker, body: Obj): void {
  const items = body.items;
  if (!Array.isArray(items)) return c.fail('items', 'must be a list');
  items.forEach((item: unknown, i) => {
    const at = `items[${i}]`;
    if (!isObj(item)) return c.fail(at, 'must be an object');
    c.string(item, 'item', at, { required: true, max: TEXT_LIMITS.itemNumber, clean: true });
    c.string(item, 'description', at, { max: TEXT_LIMITS.itemDescription, clean: true });
    c.number(item.quantity, `${at}.quantity`, 'quantity', { above: 0, max: 1e9 });
  });
}

function checkCustoms(c: Checker, body: Obj, from: string | undefined, to: string | undefined): void {
  const required = from !== undefined && to !== undefined && needsCustoms(from, to);
  if (body.customs === undefined) {
    if (required) c.fail('customs', `is required: the shipment goes from ${from} to ${to}, and FedEx needs customs details (commodities with value and country of manufacture)`);
    return;
  }
  const customs = c.object(body, 'customs', '');
  if (!customs) return;
  c.string(customs, 'currency', 'customs', { required: true, pattern: /^[A-Z]{3}$/ });
  const duties = c.string(customs, 'dutiesPayment', 'customs', { required: true, oneOf: ['SENDER', 'RECIPIENT'] });
  if (duties === 'RECIPIENT') {
    const account = c.string(customs, 'dutiesAccountNumber', 'customs', { pattern: /^\d{9}$/ });
    if (account === undefined) c.fail('customs.dutiesAccountNumber', "is required when the recipient pays duties and taxes: FedEx bills them to the recipient's 9-digit FedEx account");
  } else c.string(customs, 'dutiesAccountNumber', 'customs', { pattern: /^\d{9}$/ });
  if (typeof customs.electronicTradeDocuments !== 'boolean') c.fail('customs.electronicTradeDocuments', 'must be true or false');
  c.string(customs, 'invoiceNumber', 'customs', { max: TEXT_LIMITS.reference, clean: true });
  const commodities = customs.commodities;
  if (!Array.isArray(commodities) || commodities.length === 0) return c.fail('customs.commodities', 'at least one commodity (an item line of the fulfillment) is required');
  if (commodities.length > MAX_COMMODITIES) c.fail('customs.commodities', `has ${commodities.length} lines; FedEx's commercial invoice takes at most ${MAX_COMMODITIES}: ship the rest in another fulfillment`);
  commodities.forEach((commodity: unknown, i) => {
    const at = `customs.commodities[${i}]`;
    if (!isObj(commodity)) return c.fail(at, 'must be an object');
    const item = c.string(commodity, 'item', at, { required: true, max: TEXT_LIMITS.itemNumber, clean: true }) ?? `line ${i + 1}`;
    const name = `item ${show(item)}`;
    c.string(commodity, 'description', at, { required: true, max: TEXT_LIMITS.commodityDescription, clean: true });
    c.number(commodity.quantity, `${at}.quantity`, `${name} quantity`, { atLeast: 1, max: 999_999_999, integer: true });
    c.string(commodity, 'quantityUnits', at, { required: true, pattern: /^[A-Z0-9]{1,3}$/ });
    // Money amounts: 5 digits before the decimal point for prices, 11 for a customs value (FedEx schema).
    c.number(commodity.unitPrice, `${at}.unitPrice`, `${name} unit price`, { atLeast: 0, max: 99_999.99 });
    c.number(commodity.customsValue, `${at}.customsValue`, `${name} customs value`, { above: 0, max: 99_999_999_999.99 });
    const origin = c.string(commodity, 'countryOfManufacture', at, { required: true });
    if (origin !== undefined && !isCountryCode(origin)) c.fail(`${at}.countryOfManufacture`, `${show(origin)} is not an ISO country code`);
    c.string(commodity, 'harmonizedCode', at, { pattern: /^\d{6,14}$/ });
    if (commodity.weight !== undefined) c.number(commodity.weight, `${at}.weight`, `${name} weight`, { above: 0, max: 100_000 });
  });
}

function checkLabel(c: Checker, body: Obj): void {
  const label = c.object(body, 'label', '');
  if (!label) return;
  const image = c.string(label, 'imageType', 'label', { required: true, oneOf: LABEL_IMAGE_TYPES });
  const stock = c.string(label, 'stockType', 'label', { required: true, oneOf: LABEL_STOCK_TYPES });
  // FedEx: PDF and PNG print on PAPER_* stock, ZPLII and EPL2 (thermal printers) on STOCK_* rolls.
  if (image && stock && (LABEL_STOCK_TYPES as readonly string[]).includes(stock) && (LABEL_IMAGE_TYPES as readonly string[]).includes(image)) {
    const thermal = image === 'ZPLII' || image === 'EPL2';
    if (thermal !== stock.startsWith('STOCK_')) c.fail('label.stockType', `${stock} does not print ${image} labels: ${thermal ? 'thermal labels need a STOCK_* stock (e.g. STOCK_4X6)' : 'PDF and PNG labels need a PAPER_* stock (e.g. PAPER_4X6)'}`);
  }
}

export function validateCreateShipmentRequest(body: unknown): Validation<CreateShipmentRequest> {
  const c = new Checker();
  if (!isObj(body)) return { ok: false, problems: [{ path: '', message: 'the body must be a JSON object' }] };
  c.string(body, 'idempotencyKey', '', { required: true, pattern: IDEMPOTENCY_KEY_PATTERN });
  const source = c.object(body, 'source', '');
  if (source) {
    c.string(source, 'fulfillmentId', 'source', { required: true });
    for (const k of ['fulfillmentTranId', 'salesOrderId', 'salesOrderTranId']) c.string(source, k, 'source', { clean: true });
  }
  if (body.attempt !== undefined && (typeof body.attempt !== 'number' || !Number.isInteger(body.attempt) || body.attempt < 1)) {
    c.fail('attempt', 'must be a whole number from 1');
  }
  c.string(body, 'accountNumber', '', { pattern: /^[0-9]{9}$/ });
  c.string(body, 'pickupType', '', { required: true, oneOf: PICKUP_TYPES });
  c.string(body, 'shipDate', '', { required: true });
  if (typeof body.shipDate === 'string' && body.shipDate !== '' && !isValidDate(body.shipDate)) c.fail('shipDate', `must be a date as YYYY-MM-DD (got ${show(body.shipDate)})`);
  checkLabel(c, body);
  const from = checkParty(c, body, 'shipper');
  const to = checkParty(c, body, 'recipient');
  checkService(c, body, from, to);
  const international = from !== undefined && to !== undefined && isInternational(from, to);
  checkPackages(c, body, international);
  checkItems(c, body);
  checkCustoms(c, body, from, to);
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, value: body as unknown as CreateShipmentRequest };
}

/** One line naming every problem, for logs, audit records and the Shipment record's last error. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join('; ');
}

export function validateTrackRequest(body: unknown, max: number): Validation<import('./contract').TrackRequest> {
  const c = new Checker();
  if (!isObj(body)) return { ok: false, problems: [{ path: '', message: 'the body must be a JSON object' }] };
  const shipments = body.shipments;
  if (!Array.isArray(shipments) || shipments.length === 0) return { ok: false, problems: [{ path: 'shipments', message: 'at least one shipment is required' }] };
  if (shipments.length > max) c.fail('shipments', `at most ${max} shipments in one call (has ${shipments.length})`);
  shipments.forEach((s: unknown, i) => {
    const at = `shipments[${i}]`;
    if (!isObj(s)) return c.fail(at, 'must be an object');
    c.string(s, 'trackingNumber', at, { required: true, pattern: /^[0-9A-Za-z]{6,40}$/ });
    c.string(s, 'shipDate', at);
    if (typeof s.shipDate === 'string' && s.shipDate !== '' && !isValidDate(s.shipDate)) c.fail(`${at}.shipDate`, 'must be a date as YYYY-MM-DD');
  });
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, value: body as unknown as import('./contract').TrackRequest };
}

/**
 * Normalizes (normalize/request.ts), then validates: what the SuiteApp runs before calling the relay
 * and the relay runs on every create, so both accept and refuse exactly the same requests.
 */
export function prepareCreateShipmentRequest(body: unknown): Validation<CreateShipmentRequest> {
  return validateCreateShipmentRequest(normalizeCreateShipmentRequest(body));
}
