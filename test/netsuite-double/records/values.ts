// Field values: what a script may set (strict: a Date for a date, a boolean for a checkbox, an
// internal id for a select), the canonical form the store keeps, and what getValue/getText
// return. Errors use NetSuite's INVALID_FLD_VALUE wording.
import type { FieldDef } from './model.js';

export type Fail = (name: string, message: string) => Error;

const TEXT_LIMITS: Partial<Record<FieldDef['kind'], number>> = {
  text: 300,
  email: 254,
  phone: 32,
  url: 2000,
  password: 300,
  textarea: 4000,
  richtext: 100_000,
  clobtext: 1_000_000,
};

const NUMERIC = new Set<FieldDef['kind']>(['integer', 'float', 'currency', 'percent']);
const TEXTUAL = new Set<FieldDef['kind']>(['text', 'textarea', 'clobtext', 'richtext', 'email', 'phone', 'url', 'password']);

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function invalid(fail: Fail, def: FieldDef, value: unknown, why: string): Error {
  let shown: string;
  try {
    shown = isDate(value) ? (value as Date).toString() : typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return fail('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${shown} for the following field: ${def.id} (${why})`);
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** 'YYYY-MM-DD' of a Date in the account's (process) time zone. */
export function dateKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dateFromKey(key: string): Date {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

/** M/D/YYYY, NetSuite's default date format. */
export function formatDate(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return `${m}/${d}/${y}`;
}

export function formatDateTime(ms: number): string {
  const date = new Date(ms);
  const h = date.getHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${date.getMonth() + 1}/${date.getDate()}/${date.getFullYear()} ${hour12}:${String(date.getMinutes()).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

/** Parses M/D/YYYY (NetSuite's default user format) into a date key. */
export function parseDateText(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const date = new Date(Number(m[3]), Number(m[1]) - 1, Number(m[2]));
  return date.getMonth() === Number(m[1]) - 1 ? dateKey(date) : undefined;
}

/** Parses 'M/D/YYYY h:mm[:ss] am|pm' (or a bare date: midnight) into epoch ms. */
export function parseDateTimeText(text: string): number | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*$/i.exec(text);
  if (!m) return undefined;
  let hour = Number(m[4] ?? 0);
  const meridiem = m[7]?.toLowerCase();
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  const date = new Date(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0));
  return date.getMonth() === Number(m[1]) - 1 ? date.getTime() : undefined;
}

/**
 * The canonical stored form of `value` for `def`, or undefined for "empty". Throws
 * INVALID_FLD_VALUE for anything NetSuite would refuse (and, deliberately, for loose forms
 * it might coerce: 'T' for a checkbox, a string for a date).
 */
export function toCanonical(def: FieldDef, value: unknown, fail: Fail): unknown {
  if (def.kind === 'checkbox') {
    if (value === null || value === undefined) return false;
    if (typeof value !== 'boolean') throw invalid(fail, def, value, 'a checkbox takes true or false');
    return value;
  }
  if (value === null || value === undefined || value === '') return undefined;
  if (TEXTUAL.has(def.kind)) {
    if (typeof value !== 'string' && typeof value !== 'number') throw invalid(fail, def, value, 'expected text');
    const text = String(value);
    const limit = def.maxLength ?? TEXT_LIMITS[def.kind] ?? 300;
    if (text.length > limit) throw invalid(fail, def, `${text.slice(0, 40)}…`, `${text.length} characters; the field holds ${limit}`);
    if (def.kind === 'email' && !/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(text)) throw invalid(fail, def, value, 'not an email address');
    if (def.kind === 'url' && !/^(https?|ftp):\/\/\S+$/i.test(text)) throw invalid(fail, def, value, 'a URL needs its protocol');
    if (def.kind === 'phone' && (text.replace(/\D/g, '').length < 7)) throw invalid(fail, def, value, 'phone numbers have seven digits or more');
    return text;
  }
  if (NUMERIC.has(def.kind)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(fail, def, value, `a ${def.kind} field takes a number`);
    if (def.kind === 'integer' && !Number.isInteger(value)) throw invalid(fail, def, value, 'an integer field takes a whole number');
    return value;
  }
  if (def.kind === 'date') {
    if (!isDate(value) || Number.isNaN(value.getTime())) throw invalid(fail, def, value, 'a date field takes a Date object');
    return dateKey(value);
  }
  if (def.kind === 'datetime' || def.kind === 'timeofday') {
    if (!isDate(value) || Number.isNaN(value.getTime())) throw invalid(fail, def, value, `a ${def.kind} field takes a Date object`);
    return value.getTime();
  }
  if (def.kind === 'select' || def.kind === 'document' || def.kind === 'image') return selectKey(def, value, fail);
  if (def.kind === 'multiselect') {
    const values = Array.isArray(value) ? value : [value];
    const keys = values.filter((v) => !isEmptyValue(v)).map((v) => selectKey(def, v, fail));
    return keys.length ? [...new Set(keys)] : undefined;
  }
  throw invalid(fail, def, value, `a ${def.kind} field cannot be set with setValue`);
}

function selectKey(def: FieldDef, value: unknown, fail: Fail): string {
  if (def.options) {
    const key = String(value);
    if ((typeof value !== 'string' && typeof value !== 'number') || !def.options.some((o) => o.value === key)) {
      throw invalid(fail, def, value, `choose one of ${def.options.slice(0, 12).map((o) => o.value).join(', ')}${def.options.length > 12 ? ', …' : ''}`);
    }
    return key;
  }
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return String(Number(value.trim()));
  throw invalid(fail, def, value, 'a list/record field takes an internal id');
}

/** What getValue returns for a stored value. */
export function toScriptValue(def: FieldDef, stored: unknown): unknown {
  if (def.kind === 'checkbox') return stored === true;
  if (def.kind === 'multiselect') return Array.isArray(stored) ? [...stored] : [];
  if (stored === undefined || stored === null) return '';
  if (def.kind === 'date') return dateFromKey(String(stored));
  if (def.kind === 'datetime' || def.kind === 'timeofday') return new Date(Number(stored));
  return stored;
}

/** getText of a non-select value. */
export function toScriptText(def: FieldDef, stored: unknown): string {
  if (def.kind === 'checkbox') return stored === true ? 'T' : 'F';
  if (stored === undefined || stored === null) return '';
  if (def.kind === 'date') return formatDate(String(stored));
  if (def.kind === 'datetime' || def.kind === 'timeofday') return formatDateTime(Number(stored));
  return String(stored);
}

/** setText of a non-select value: the text as a user would type it. */
export function fromText(def: FieldDef, text: unknown, fail: Fail): unknown {
  if (text === null || text === undefined || text === '') return toCanonical(def, null, fail);
  if (typeof text !== 'string') throw invalid(fail, def, text, 'setText takes a string');
  if (def.kind === 'checkbox') {
    if (text !== 'T' && text !== 'F') throw invalid(fail, def, text, "a checkbox's text is T or F");
    return text === 'T';
  }
  if (def.kind === 'date') {
    const key = parseDateText(text);
    if (!key) throw invalid(fail, def, text, 'dates are written M/D/YYYY');
    return key;
  }
  if (def.kind === 'datetime') {
    const ms = parseDateTimeText(text);
    if (ms === undefined) throw invalid(fail, def, text, 'date/times are written M/D/YYYY h:mm am');
    return ms;
  }
  if (NUMERIC.has(def.kind)) {
    const n = Number(text.replace(/,/g, ''));
    if (text.trim() === '' || !Number.isFinite(n)) throw invalid(fail, def, text, 'not a number');
    return toCanonical(def, n, fail);
  }
  return toCanonical(def, text, fail);
}

/** Levenshtein-close ids, for "did you mean" hints on unknown field ids. */
export function closest(id: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: [number, string][] = [];
  for (const c of candidates) scored.push([distance(id, c), c]);
  return scored
    .filter(([d]) => d <= Math.max(2, Math.floor(id.length / 3)))
    .sort((a, b) => a[0] - b[0])
    .slice(0, max)
    .map(([, c]) => c);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
