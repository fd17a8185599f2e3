// Tracking: FedEx status codes to the connector's statuses, and FedEx Track answers read leniently
// into one normalized status per tracking number. Used by the relay (poll and webhooks) and by the
// SuiteApp (the status it writes).

/** FedEx allows at most 30 tracking numbers in one Track request. */
export const TRACK_BATCH_MAX = 30;

export const CONNECTOR_STATUSES = [
  'LABEL_CREATED',
  'PICKED_UP',
  'IN_TRANSIT',
  'DELAYED',
  'OUT_FOR_DELIVERY',
  'HELD',
  'EXCEPTION',
  'DELIVERED',
  'CANCELLED',
  /** On its way back to the shipper (FedEx's RS scan); the return leg is followed until it is back. */
  'RETURNING',
  /** Back at the shipper: the return leg was delivered. */
  'RETURNED',
  'NOT_FOUND',
  'UNKNOWN',
] as const;
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

/** Statuses after which FedEx has nothing more to say: such shipments leave the poll. */
export const FINAL_STATUSES: readonly ConnectorStatus[] = ['DELIVERED', 'CANCELLED', 'RETURNED'];

export function isFinalStatus(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** FedEx status codes (Tracking-Status-Codes) → connector status. */
const CODE_TO_STATUS: Record<string, ConnectorStatus> = {
  OC: 'LABEL_CREATED',
  IN: 'LABEL_CREATED',
  PU: 'PICKED_UP',
  PX: 'PICKED_UP',
  AA: 'IN_TRANSIT',
  AC: 'IN_TRANSIT',
  AF: 'IN_TRANSIT',
  AO: 'IN_TRANSIT',
  AP: 'IN_TRANSIT',
  AR: 'IN_TRANSIT',
  AX: 'IN_TRANSIT',
  CC: 'IN_TRANSIT',
  CD: 'IN_TRANSIT',
  CP: 'IN_TRANSIT',
  DP: 'IN_TRANSIT',
  DR: 'IN_TRANSIT',
  DS: 'IN_TRANSIT',
  EA: 'IN_TRANSIT',
  ED: 'IN_TRANSIT',
  EO: 'IN_TRANSIT',
  EP: 'IN_TRANSIT',
  FD: 'IN_TRANSIT',
  IT: 'IN_TRANSIT',
  IX: 'IN_TRANSIT',
  LO: 'IN_TRANSIT',
  PD: 'IN_TRANSIT',
  PF: 'IN_TRANSIT',
  PL: 'IN_TRANSIT',
  PM: 'IN_TRANSIT',
  SF: 'IN_TRANSIT',
  SP: 'IN_TRANSIT',
  TR: 'IN_TRANSIT',
  DY: 'DELAYED',
  DD: 'DELAYED',
  RL: 'DELAYED',
  OD: 'OUT_FOR_DELIVERY',
  HL: 'HELD',
  HP: 'HELD',
  DE: 'EXCEPTION',
  SE: 'EXCEPTION',
  CH: 'EXCEPTION',
  DL: 'DELIVERED',
  CA: 'CANCELLED',
  // RS is the return to shipper; RP/RG/RD are about e-mailed return *labels*, not a return in progress.
  RS: 'RETURNING',
};

export function connectorStatus(code: string | undefined, derivedCode?: string): ConnectorStatus {
  return (code && CODE_TO_STATUS[code]) || (derivedCode && CODE_TO_STATUS[derivedCode]) || 'UNKNOWN';
}

export interface TrackStatus {
  trackingNumber: string;
  /** False when FedEx does not know the number (a per-number error, not a failed batch). */
  found: boolean;
  status: ConnectorStatus;
  fedexCode?: string;
  derivedCode?: string;
  description?: string;
  /** ISO date-time of the latest scan, as FedEx gives it (with offset). */
  lastScanTime?: string;
  lastScanLocation?: string;
  estimatedDelivery?: string;
  deliveredAt?: string;
  receivedBy?: string;
  exceptionCode?: string;
  exceptionDescription?: string;
  /** The return leg's tracking number, when FedEx names one (it does so only in `ancillaryDetails`). */
  returnTrackingNumber?: string;
  error?: { code: string; message: string };
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined);
const list = (v: unknown): Loose[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(obj).filter((x): x is Loose => x !== undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

function place(location: unknown): string | undefined {
  const l = obj(location);
  if (!l) return undefined;
  const parts = [str(l.city), str(l.stateOrProvinceCode), str(l.countryCode)].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

function dateOf(result: Loose, type: string): string | undefined {
  return str(list(result.dateAndTimes).find((d) => d.type === type)?.dateTime);
}

/** The date part (YYYY-MM-DD) of the shipment's ship date in a track result. */
function shipDateOf(result: Loose): string | undefined {
  const when = dateOf(result, 'SHIP') ?? dateOf(result, 'ACTUAL_TENDER') ?? dateOf(result, 'ACTUAL_PICKUP');
  return when?.slice(0, 10);
}

function latestScanTime(result: Loose): string | undefined {
  return str(list(result.scanEvents)[0]?.date);
}

/**
 * FedEx reuses tracking numbers, so one number can come back with several results. The one whose
 * ship date matches the shipment's wins; else (no ship date known or no match) the newest scan.
 */
export function pickTrackResult(results: Loose[], shipDate?: string): Loose | undefined {
  const usable = results.filter((r) => !r.error);
  if (usable.length <= 1) return usable[0] ?? results[0];
  if (shipDate) {
    const match = usable.find((r) => shipDateOf(r) === shipDate);
    if (match) return match;
  }
  return [...usable].sort((a, b) => Date.parse(latestScanTime(b) ?? '') - Date.parse(latestScanTime(a) ?? ''))[0];
}

export function normalizeTrackResult(trackingNumber: string, result: Loose | undefined): TrackStatus {
  if (!result) return { trackingNumber, found: false, status: 'NOT_FOUND', error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'FedEx returned no result for this number' } };
  const error = obj(result.error);
  if (error) {
    return { trackingNumber, found: false, status: 'NOT_FOUND', error: { code: str(error.code) ?? 'UNKNOWN', message: str(error.message) ?? '' } };
  }
  const latest = obj(result.latestStatusDetail) ?? {};
  const fedexCode = str(latest.code);
  const derivedCode = str(latest.derivedCode);
  const scans = list(result.scanEvents);
  // FedEx can leave the latest status at DE while the newest scan says RS (returning to shipper).
  const status = str(scans[0]?.eventType) === 'RS' ? 'RETURNING' : connectorStatus(fedexCode, derivedCode);
  const out: TrackStatus = { trackingNumber, found: true, status };
  const set = <K extends keyof TrackStatus>(k: K, v: TrackStatus[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('fedexCode', fedexCode);
  set('derivedCode', derivedCode);
  set('description', str(latest.description) ?? str(latest.statusByLocale));
  set('lastScanTime', str(scans[0]?.date));
  set('lastScanLocation', place(scans[0]?.scanLocation) ?? place(latest.scanLocation));
  set('estimatedDelivery', dateOf(result, 'ESTIMATED_DELIVERY') ?? str(obj(obj(result.estimatedDeliveryTimeWindow)?.window)?.ends));
  if (status === 'DELIVERED') {
    set('deliveredAt', dateOf(result, 'ACTUAL_DELIVERY') ?? str(scans[0]?.date));
    set('receivedBy', str(obj(result.deliveryDetails)?.receivedByName));
  }
  if (status === 'RETURNING') set('returnTrackingNumber', returnTrackingNumberOf(latest, trackingNumber));
  if (status === 'EXCEPTION' || status === 'DELAYED' || status === 'HELD' || status === 'RETURNING') {
    const scan = scans.find((s) => str(s.exceptionCode) || str(s.exceptionDescription));
    set('exceptionCode', str(scan?.exceptionCode));
    set('exceptionDescription', str(scan?.exceptionDescription) ?? str(latest.description));
  }
  return out;
}

/**
 * FedEx names the return leg's number only inside an ancillary detail's text ("Return tracking number
 * 780845752695", in the account's locale): the first FedEx-length number there that is not this one.
 */
function returnTrackingNumberOf(latest: Loose, trackingNumber: string): string | undefined {
  for (const detail of list(latest.ancillaryDetails)) {
    for (const text of [detail.reasonDescription, detail.actionDescription, detail.action]) {
      for (const m of (typeof text === 'string' ? text : '').match(/\b\d{12,22}\b/g) ?? []) {
        if (m !== trackingNumber && [12, 15, 20, 22].includes(m.length)) return m;
      }
    }
  }
  return undefined;
}

/**
 * Reads a FedEx Track response (POST /track/v1/trackingnumbers): one status per requested number,
 * in request order. `shipDates` maps a number to its shipment's ship date (YYYY-MM-DD).
 */
export function readTrackResponse(body: unknown, requested: string[], shipDates: Record<string, string | undefined> = {}): TrackStatus[] {
  const output = obj(obj(body)?.output);
  const byNumber = new Map<string, Loose[]>();
  for (const complete of list(output?.completeTrackResults)) {
    const number = str(complete.trackingNumber);
    const results = list(complete.trackResults);
    for (const r of results) {
      const n = number ?? str(obj(r.trackingNumberInfo)?.trackingNumber);
      if (!n) continue;
      byNumber.set(n, [...(byNumber.get(n) ?? []), r]);
    }
  }
  return requested.map((n) => normalizeTrackResult(n, pickTrackResult(byNumber.get(n) ?? [], shipDates[n])));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads a FedEx tracking webhook. FedEx publishes no schema for these pushes; they resemble Track
 * output, so this accepts a full Track answer, a `trackResults` list, or a single track result.
 */
export function readTrackingWebhook(body: unknown): TrackStatus[] {
  const root = obj(body);
  if (!root) return [];
  if (obj(root.output)?.completeTrackResults) {
    const numbers = list(obj(root.output)?.completeTrackResults).map((c) => str(c.trackingNumber)).filter((n): n is string => !!n);
    return readTrackResponse(root, numbers);
  }
  const results = root.trackResults !== undefined ? list(root.trackResults) : root.trackingNumberInfo ? [root] : [];
  const out: TrackStatus[] = [];
  for (const r of results) {
    const n = str(obj(r.trackingNumberInfo)?.trackingNumber) ?? str(root.trackingNumber);
    if (n) out.push(normalizeTrackResult(n, r));
  }
  return out;
}
