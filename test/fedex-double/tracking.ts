import { FEDEX_ERRORS, type FedexError } from './errors';
import { COUNTRY_NAMES, PACKAGING_DESCRIPTIONS, serviceInfo } from './reference-data';
import type { PartySummary, PieceRecord, ShipmentRecord } from './shipments';
import { formatLocal } from './time-format';
import { occurredEvents, plannedDeliveryAt, statusInfo, type OccurredEvent, type ScanLocationInput, type StatusInfo } from './timeline';

/**
 * Track API output for the double's shipments, shaped like FedEx's real responses
 * (samples/track-200-real-ground-delivered-738488882438.json, ...-express-776094337676.json) and valid
 * against TrackingNumbers-Resource.json. Where the real service and the schema differ the double follows
 * the real service within what the schema allows: `packageIdentifiers[].values` (real) rather than
 * `value` (schema; not required there).
 */

export interface TrackAddress {
  streetLines?: string[];
  city?: string;
  stateOrProvinceCode?: string;
  postalCode?: string;
  countryCode?: string;
  residential: boolean;
  countryName?: string;
}

export interface TrackScanEvent {
  date: string;
  eventType: string;
  eventDescription: string;
  exceptionCode: string;
  exceptionDescription: string;
  scanLocation: TrackAddress;
  locationId?: string;
  locationType: string;
  derivedStatusCode: string;
  derivedStatus: string;
  delayDetail?: { type: string };
}

export interface TrackLatestStatus {
  code: string;
  derivedCode: string;
  statusByLocale: string;
  description: string;
  scanLocation: TrackAddress;
  delayDetail?: { status: 'DELAYED' };
  ancillaryDetails?: Array<{ reason: string; reasonDescription: string }>;
}

export interface TrackResult {
  trackingNumberInfo: { trackingNumber: string; trackingNumberUniqueId?: string; carrierCode?: string };
  error?: FedexError;
  additionalTrackingInfo?: {
    nickname: string;
    packageIdentifiers: Array<{ type: string; values: string[]; trackingNumberUniqueId: string; carrierCode: string }>;
    hasAssociatedShipments: boolean;
  };
  shipperInformation?: { contact: Record<string, never>; address: TrackAddress };
  recipientInformation?: { contact: Record<string, never>; address: TrackAddress };
  latestStatusDetail?: TrackLatestStatus;
  dateAndTimes?: Array<{ type: string; dateTime: string }>;
  availableImages?: Array<{ type: string }>;
  packageDetails?: Record<string, unknown>;
  shipmentDetails?: { possessionStatus: boolean };
  scanEvents?: TrackScanEvent[];
  availableNotifications?: string[];
  deliveryDetails?: { deliveryAttempts: string; receivedByName?: string; actualDeliveryAddress?: TrackAddress };
  originLocation?: { locationContactAndAddress: { address: TrackAddress } };
  lastUpdatedDestinationAddress?: TrackAddress;
  serviceDetail?: { type: string; description: string; shortDescription: string };
  standardTransitTimeWindow?: { window: { ends?: string } };
  estimatedDeliveryTimeWindow?: { window: { ends?: string } };
  goodsClassificationCode?: string;
  returnDetail?: Record<string, never>;
}

export interface CompleteTrackResult {
  trackingNumber: string;
  trackResults: TrackResult[];
}

export interface TrackView {
  now: number;
  utcOffset: string;
  includeDetailedScans: boolean;
}

/** Where in-transit scans happen. */
const HUB: ScanLocationInput = { city: 'MEMPHIS', stateOrProvinceCode: 'TN', postalCode: '38118', countryCode: 'US' };
const HUB_LOCATION_ID = '0381';

function address(party: PartySummary | ScanLocationInput, withStreet: boolean): TrackAddress {
  const out: TrackAddress = { residential: 'residential' in party ? party.residential === true : false };
  if (withStreet) out.streetLines = party.streetLines && party.streetLines.length > 0 ? party.streetLines : [''];
  if (party.city) out.city = party.city;
  if (party.stateOrProvinceCode) out.stateOrProvinceCode = party.stateOrProvinceCode;
  if (withStreet && party.postalCode) out.postalCode = party.postalCode;
  if (party.countryCode) {
    out.countryCode = party.countryCode;
    const name = COUNTRY_NAMES[party.countryCode];
    if (name) out.countryName = name;
  }
  return out;
}

function eventLocation(record: ShipmentRecord, event: OccurredEvent): ScanLocationInput {
  if (event.step.location) return event.step.location;
  const party = event.info.where === 'shipper' ? record.shipper : event.info.where === 'recipient' ? record.recipient : HUB;
  // FedEx reports scans at city level, without the street.
  const { city, stateOrProvinceCode, postalCode, countryCode } = party;
  return { city, stateOrProvinceCode, postalCode, countryCode };
}

function scanEvent(record: ShipmentRecord, event: OccurredEvent, utcOffset: string): TrackScanEvent {
  const location = eventLocation(record, event);
  const scan: TrackScanEvent = {
    date: formatLocal(event.at, utcOffset),
    eventType: event.step.code,
    eventDescription: event.info.eventDescription,
    exceptionCode: event.step.exceptionCode ?? '',
    exceptionDescription: event.step.exceptionDescription ?? '',
    scanLocation: address({ ...location, streetLines: [''] }, true),
    locationType: event.info.locationType,
    derivedStatusCode: event.info.scanDerivedCode,
    derivedStatus: event.info.scanDerivedStatus,
  };
  if (event.info.where === 'hub' && !event.step.location) scan.locationId = HUB_LOCATION_ID;
  if (event.step.delayType || event.step.code === 'DY' || event.step.code === 'DD') scan.delayDetail = { type: event.step.delayType ?? 'GENERAL' };
  return scan;
}

function latestStatus(record: ShipmentRecord, event: OccurredEvent): TrackLatestStatus {
  const info: StatusInfo = event.info;
  const latest: TrackLatestStatus = {
    code: event.step.code,
    derivedCode: info.derivedCode,
    statusByLocale: info.statusByLocale,
    description: event.step.exceptionDescription && event.step.code !== 'DL' ? event.step.exceptionDescription : info.description,
    scanLocation: address(eventLocation(record, event), false),
  };
  if (event.step.delayType || ['DY', 'DD', 'CD'].includes(event.step.code)) latest.delayDetail = { status: 'DELAYED' };
  if (event.step.exceptionCode) {
    latest.ancillaryDetails = [{ reason: event.step.exceptionCode, reasonDescription: event.step.exceptionDescription ?? '' }];
  }
  return latest;
}

/** "Jane Q. Doe" → "J.DOE", the way FedEx prints who signed. */
function signerName(recipient: PartySummary): string {
  const words = (recipient.personName ?? recipient.companyName ?? 'RECIPIENT').trim().toUpperCase().split(/\s+/);
  const last = words[words.length - 1] ?? 'RECIPIENT';
  return words.length > 1 ? `${words[0]?.charAt(0)}.${last}` : last;
}

const IDENTIFIER_TYPES: Record<string, string> = {
  CUSTOMER_REFERENCE: 'CUSTOMER_REFERENCE',
  P_O_NUMBER: 'PURCHASE_ORDER',
  INVOICE_NUMBER: 'INVOICE',
  DEPARTMENT_NUMBER: 'DEPARTMENT',
  RMA_ASSOCIATION: 'RETURN_MATERIALS_AUTHORIZATION',
};

function packageIdentifiers(piece: PieceRecord): NonNullable<TrackResult['additionalTrackingInfo']>['packageIdentifiers'] {
  const grouped = new Map<string, string[]>();
  for (const reference of piece.customerReferences) {
    const type = IDENTIFIER_TYPES[reference.customerReferenceType] ?? 'FREE_FORM_REFERENCE';
    grouped.set(type, [...(grouped.get(type) ?? []), reference.value]);
  }
  return [...grouped].map(([type, values]) => ({ type, values, trackingNumberUniqueId: '', carrierCode: '' }));
}

export function trackResultFor(record: ShipmentRecord, piece: PieceRecord, view: TrackView): TrackResult {
  const service = serviceInfo(record.serviceType);
  const events = occurredEvents(record.timeline, record.createdAt, view.now);
  // Before its first event (a clock set back past creation) a shipment still reads as label created.
  const firstStep = record.timeline[0] ?? { afterMs: 0, code: 'OC' };
  const latestEvent: OccurredEvent = events[events.length - 1] ?? { at: record.createdAt, step: firstStep, info: statusInfo(firstStep) };
  const at = (ms: number) => formatLocal(ms, view.utcOffset);
  const delivered = [...events].reverse().find((event) => event.step.code === 'DL');
  const pickedUp = events.find((event) => event.step.code === 'PU');
  const cancelled = events.some((event) => event.step.code === 'CA');
  const isDelivered = latestEvent.step.code === 'DL';
  const plannedDelivery = plannedDeliveryAt(record.timeline, record.createdAt);

  const dateAndTimes: Array<{ type: string; dateTime: string }> = [];
  if (delivered) dateAndTimes.push({ type: 'ACTUAL_DELIVERY', dateTime: at(delivered.at) });
  if (!delivered && !cancelled && plannedDelivery !== undefined) dateAndTimes.push({ type: 'ESTIMATED_DELIVERY', dateTime: at(plannedDelivery) });
  if (pickedUp) dateAndTimes.push({ type: 'ACTUAL_PICKUP', dateTime: at(pickedUp.at) });
  dateAndTimes.push({ type: 'SHIP', dateTime: `${record.shipDate}T00:00:00${view.utcOffset}` });
  if (pickedUp) dateAndTimes.push({ type: 'ACTUAL_TENDER', dateTime: at(pickedUp.at) });

  const allScans = events.map((event) => scanEvent(record, event, view.utcOffset)).reverse(); // newest first, as FedEx
  const carrier = service.carrierCode;
  const result: TrackResult = {
    trackingNumberInfo: {
      trackingNumber: piece.trackingNumber,
      trackingNumberUniqueId: `${record.uniqueIdPrefix}~${piece.trackingNumber}~${carrier === 'FDXG' ? 'FDEG' : 'FX'}`,
      carrierCode: carrier,
    },
    additionalTrackingInfo: { nickname: '', packageIdentifiers: packageIdentifiers(piece), hasAssociatedShipments: record.pieces.length > 1 },
    shipperInformation: { contact: {}, address: address(record.shipper, false) },
    recipientInformation: { contact: {}, address: address(record.recipient, false) },
    latestStatusDetail: latestStatus(record, latestEvent),
    dateAndTimes,
    availableImages: isDelivered ? [{ type: 'SIGNATURE_PROOF_OF_DELIVERY' }] : [],
    packageDetails: {
      packagingDescription: { type: record.packagingType, description: PACKAGING_DESCRIPTIONS[record.packagingType] ?? 'Package' },
      physicalPackagingType: 'PACKAGE',
      sequenceNumber: String(piece.sequenceNumber),
      count: String(record.pieces.length),
      weightAndDimensions: piece.weight ? { weight: [{ value: piece.weight.value.toFixed(1), unit: piece.weight.units }] } : { weight: [] },
      packageContent: [],
    },
    shipmentDetails: { possessionStatus: pickedUp !== undefined && !cancelled },
    scanEvents: view.includeDetailedScans ? allScans : allScans.slice(0, 1),
    availableNotifications: isDelivered ? ['ON_DELIVERY'] : ['ON_DELIVERY', 'ON_EXCEPTION', 'ON_ESTIMATED_DELIVERY'],
    deliveryDetails: { deliveryAttempts: String(events.filter((event) => event.step.code === 'DE').length) },
    originLocation: { locationContactAndAddress: { address: address(record.shipper, false) } },
    lastUpdatedDestinationAddress: address(record.recipient, false),
    serviceDetail: { type: record.serviceType, description: service.name, shortDescription: service.shortDescription },
    estimatedDeliveryTimeWindow: { window: {} },
    goodsClassificationCode: '',
    returnDetail: {},
  };
  if (plannedDelivery !== undefined) result.standardTransitTimeWindow = { window: { ends: at(plannedDelivery) } };
  if (isDelivered && result.deliveryDetails) {
    result.deliveryDetails.receivedByName = latestEvent.step.receivedByName ?? signerName(record.recipient);
    result.deliveryDetails.actualDeliveryAddress = address(record.recipient, false);
  }
  return result;
}

/** FedEx answers an unknown number inside the 200, per number. */
export function notFoundTrackResult(trackingNumber: string, error: FedexError = FEDEX_ERRORS.trackingNumberNotFound()): TrackResult {
  return { trackingNumberInfo: { trackingNumber }, error };
}

/** Results for one requested number: one per shipment that used it, oldest first (as FedEx lists a reused number). */
export function completeTrackResult(trackingNumber: string, records: ShipmentRecord[], view: TrackView): CompleteTrackResult {
  const trackResults: TrackResult[] = [];
  for (const record of records) {
    const piece = record.pieces.find((p) => p.trackingNumber === trackingNumber);
    if (piece && record.createdAt <= view.now) trackResults.push(trackResultFor(record, piece, view));
  }
  return { trackingNumber, trackResults: trackResults.length > 0 ? trackResults : [notFoundTrackResult(trackingNumber)] };
}

/** The status code a shipment shows at `now` (for tests and control routes). */
export function currentStatusCode(record: ShipmentRecord, now: number): string {
  const events = occurredEvents(record.timeline, record.createdAt, now);
  return events[events.length - 1]?.step.code ?? 'OC';
}
