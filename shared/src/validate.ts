// Validation of the wire contract. Used by the SuiteApp before it calls the relay (a bad shipment
// never leaves NetSuite) and by the relay on every request (400 naming every bad field).
// The rules mirror what FedEx's Ship API schema and documentation require, so a request that
// passes here maps to a FedEx body FedEx's schema accepts (checked in validate.test.ts).
import type { CreateShipmentRequest } from './contract';
import { LABEL_IMAGE_TYPES, LABEL_STOCK_TYPES } from './contract';
import { isCountryCode, postalCodeRequired, STATE_REQUIRED_COUNTRIES } from './countries';
import type { FieldProblem } from './errors';

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export const PICKUP_TYPES = ['CONTACT_FEDEX_TO_SCHEDULE', 'DROPOFF_AT_FEDEX_LOCATION', 'USE_SCHEDULED_PICKUP'] as const;
/** FedEx creates at most 40 packages in one synchronous call; more needs its asynchronous job API. */
export const MAX_PACKAGES = 40;
export const MAX_STREET_LINES = 3;
export const MAX_STREET_LINE_LENGTH = 35;
export const MAX_CITY_LENGTH = 35;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,40}$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

class Checker {
  readonly problems: FieldProblem[] = [];
  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  string(obj: Obj, key: string, path: string, opts: { required?: boolean; max?: number; pattern?: RegExp; oneOf?: readonly string[] } = {}): void {
    const value = obj[key];
    const at = path ? `${path}.${key}` : key;
    if (value === undefined || value === null || value === '') {
      if (opts.required) this.fail(at, 'is required');
      return;
    }
    if (typeof value !== 'string') return this.fail(at, 'must be a string');
    if (opts.required && value.trim() === '') return this.fail(at, 'must not be blank');
    if (opts.max !== undefined && value.length > opts.max) this.fail(at, `must be at most ${opts.max} characters (has ${value.length})`);
    if (opts.pattern && !opts.pattern.test(value)) this.fail(at, `has an invalid format: ${JSON.stringify(value)}`);
    if (opts.oneOf && !opts.oneOf.includes(value)) this.fail(at, `must be one of ${opts.oneOf.join(', ')} (got ${JSON.stringify(value)})`);
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
}

function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Digits of a phone number; FedEx wants 10 to 15 of them. */
export function phoneDigits(phone: string): string {
  return phone.replace(/[^0-9]/g, '');
}

function checkParty(c: Checker, parent: Obj, key: 'shipper' | 'recipient'): void {
  const party = c.object(parent, key, '');
  if (!party) return;
  const contact = c.object(party, 'contact', key);
  if (contact) {
    const at = `${key}.contact`;
    c.string(contact, 'personName', at, { max: 70 });
    c.string(contact, 'companyName', at, { max: 35 });
    c.string(contact, 'emailAddress', at, { max: 80, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ });
    if (!isNonEmptyString(contact.personName) && !isNonEmptyString(contact.companyName)) {
      c.fail(`${at}.personName`, 'a person name or a company name is required');
    }
    const phone = contact.phoneNumber;
    if (!isNonEmptyString(phone)) c.fail(`${at}.phoneNumber`, 'is required');
    else if (typeof phone === 'string') {
      const digits = phoneDigits(phone).length;
      if (digits < 10 || digits > 15) c.fail(`${at}.phoneNumber`, `must have 10 to 15 digits (has ${digits})`);
    }
  }
  const address = c.object(party, 'address', key);
  if (!address) return;
  const at = `${key}.address`;
  const lines = address.streetLines;
  if (!Array.isArray(lines) || lines.length === 0) c.fail(`${at}.streetLines`, 'at least one street line is required');
  else {
    if (lines.length > MAX_STREET_LINES) c.fail(`${at}.streetLines`, `at most ${MAX_STREET_LINES} lines (has ${lines.length})`);
    lines.forEach((line, i) => {
      if (!isNonEmptyString(line)) c.fail(`${at}.streetLines[${i}]`, 'must be a non-blank string');
      else if (line.length > MAX_STREET_LINE_LENGTH) c.fail(`${at}.streetLines[${i}]`, `must be at most ${MAX_STREET_LINE_LENGTH} characters (has ${line.length})`);
    });
  }
  c.string(address, 'city', at, { required: true, max: MAX_CITY_LENGTH });
  const country = address.countryCode;
  c.string(address, 'countryCode', at, { required: true });
  const countryOk = typeof country === 'string' && isCountryCode(country);
  if (typeof country === 'string' && country !== '' && !countryOk) {
    c.fail(`${at}.countryCode`, `is not an ISO 3166-1 alpha-2 country code: ${JSON.stringify(country)}`);
  }
  if (countryOk && STATE_REQUIRED_COUNTRIES.includes(country)) {
    c.string(address, 'stateOrProvinceCode', at, { required: true, pattern: /^[A-Z]{2}$/ });
  } else {
    c.string(address, 'stateOrProvinceCode', at, { max: 35 });
  }
  if (countryOk && postalCodeRequired(country)) c.string(address, 'postalCode', at, { required: true, max: 10 });
  else c.string(address, 'postalCode', at, { max: 10 });
  if (address.residential !== undefined && typeof address.residential !== 'boolean') c.fail(`${at}.residential`, 'must be true or false');
}

function checkPackages(c: Checker, body: Obj): void {
  const packages = body.packages;
  if (!Array.isArray(packages) || packages.length === 0) return c.fail('packages', 'at least one package is required');
  if (packages.length > MAX_PACKAGES) c.fail('packages', `at most ${MAX_PACKAGES} packages in one shipment (has ${packages.length})`);
  packages.forEach((pkg: unknown, i) => {
    const at = `packages[${i}]`;
    if (!isObj(pkg)) return c.fail(at, 'must be an object');
    const weight = c.object(pkg, 'weight', at);
    if (weight) {
      if (typeof weight.value !== 'number' || !Number.isFinite(weight.value) || weight.value <= 0) c.fail(`${at}.weight.value`, 'must be a number above 0');
      c.string(weight, 'units', `${at}.weight`, { required: true, oneOf: ['LB', 'KG'] });
    }
    if (pkg.dimensions !== undefined) {
      const dims = c.object(pkg, 'dimensions', at);
      if (dims) {
        for (const side of ['length', 'width', 'height']) {
          const v = dims[side];
          if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) c.fail(`${at}.dimensions.${side}`, 'must be a whole number above 0');
        }
        c.string(dims, 'units', `${at}.dimensions`, { required: true, oneOf: ['IN', 'CM'] });
      }
    }
    c.string(pkg, 'description', at, { max: 50 });
  });
}

function checkItems(c: Checker, body: Obj): void {
  const items = body.items;
  if (!Array.isArray(items)) return c.fail('items', 'must be a list');
  items.forEach((item: unknown, i) => {
    const at = `items[${i}]`;
    if (!isObj(item)) return c.fail(at, 'must be an object');
    c.string(item, 'item', at, { required: true });
    c.string(item, 'description', at);
    if (typeof item.quantity !== 'number' || !(item.quantity > 0)) c.fail(`${at}.quantity`, 'must be a number above 0');
  });
}

export function validateCreateShipmentRequest(body: unknown): Validation<CreateShipmentRequest> {
  const c = new Checker();
  if (!isObj(body)) return { ok: false, problems: [{ path: '', message: 'the body must be a JSON object' }] };
  c.string(body, 'idempotencyKey', '', { required: true, pattern: IDEMPOTENCY_KEY_PATTERN });
  const source = c.object(body, 'source', '');
  if (source) {
    c.string(source, 'fulfillmentId', 'source', { required: true });
    for (const k of ['fulfillmentTranId', 'salesOrderId', 'salesOrderTranId']) c.string(source, k, 'source');
  }
  if (body.attempt !== undefined && (typeof body.attempt !== 'number' || !Number.isInteger(body.attempt) || body.attempt < 1)) {
    c.fail('attempt', 'must be a whole number from 1');
  }
  c.string(body, 'accountNumber', '', { pattern: /^[0-9]{9}$/ });
  c.string(body, 'serviceType', '', { required: true, pattern: /^[A-Z0-9_]+$/ });
  c.string(body, 'packagingType', '', { required: true, pattern: /^[A-Z0-9_]+$/ });
  c.string(body, 'pickupType', '', { required: true, oneOf: PICKUP_TYPES });
  c.string(body, 'shipDate', '', { required: true });
  if (typeof body.shipDate === 'string' && body.shipDate !== '' && !isValidDate(body.shipDate)) c.fail('shipDate', `must be a date as YYYY-MM-DD (got ${JSON.stringify(body.shipDate)})`);
  const label = c.object(body, 'label', '');
  if (label) {
    c.string(label, 'imageType', 'label', { required: true, oneOf: LABEL_IMAGE_TYPES });
    c.string(label, 'stockType', 'label', { required: true, oneOf: LABEL_STOCK_TYPES });
  }
  checkParty(c, body, 'shipper');
  checkParty(c, body, 'recipient');
  checkPackages(c, body);
  checkItems(c, body);
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
