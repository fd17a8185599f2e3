/**
 * A shipment's status history on the double's clock. Each step is an event FedEx would scan, placed at
 * `afterMs` after the shipment was created; Track answers with the steps whose time has come.
 * Codes, derived codes and wording follow FedEx's Tracking-Status-Codes table and the real responses in
 * samples/track-200-real-*.json (e.g. an OD scan event carries derivedStatusCode IT, an OC one IN).
 */

export interface ScanLocationInput {
  streetLines?: string[];
  city?: string;
  stateOrProvinceCode?: string;
  postalCode?: string;
  countryCode?: string;
}

export interface TimelineStep {
  /** ms after the shipment's creation. */
  afterMs: number;
  /** FedEx event type / status code: OC, PU, AR, DP, IT, OD, DL, DE, DY, DD, SE, HL, HP, CA, RS, CC, CD, CP, ... */
  code: string;
  derivedCode?: string;
  statusByLocale?: string;
  /** latestStatusDetail.description */
  description?: string;
  /** scanEvents[].eventDescription */
  eventDescription?: string;
  exceptionCode?: string;
  exceptionDescription?: string;
  location?: ScanLocationInput;
  /** For DL: deliveryDetails.receivedByName. */
  receivedByName?: string;
  /** For delays: latestStatusDetail.delayDetail.status / scanEvents[].delayDetail.type. */
  delayType?: 'WEATHER' | 'OPERATIONAL' | 'LOCAL' | 'GENERAL' | 'CLEARANCE';
}

export type LocationRole = 'shipper' | 'hub' | 'recipient';

export interface StatusInfo {
  /** latestStatusDetail.derivedCode */
  derivedCode: string;
  statusByLocale: string;
  description: string;
  eventDescription: string;
  /** scanEvents[].derivedStatusCode / derivedStatus */
  scanDerivedCode: string;
  scanDerivedStatus: string;
  locationType: string;
  where: LocationRole;
}

const status = (
  derivedCode: string,
  statusByLocale: string,
  description: string,
  eventDescription: string,
  locationType: string,
  where: LocationRole,
  scanDerived: [string, string] = [derivedCode, statusByLocale],
): StatusInfo => ({
  derivedCode,
  statusByLocale,
  description,
  eventDescription,
  scanDerivedCode: scanDerived[0],
  scanDerivedStatus: scanDerived[1],
  locationType,
  where,
});

export const STATUS_CODES: Record<string, StatusInfo> = {
  OC: status('IN', 'Label created', 'Label created', 'Shipment information sent to FedEx', 'CUSTOMER', 'shipper'),
  PU: status('PU', 'Picked up', 'Picked up', 'Picked up', 'PICKUP_LOCATION', 'shipper'),
  AR: status('IT', 'In transit', 'Arrived at FedEx location', 'Arrived at FedEx location', 'FEDEX_FACILITY', 'hub'),
  DP: status('IT', 'In transit', 'Departed FedEx location', 'Departed FedEx location', 'FEDEX_FACILITY', 'hub'),
  IT: status('IT', 'In transit', 'On the way', 'On the way', 'VEHICLE', 'hub'),
  OD: status('OD', 'Out for delivery', 'On FedEx vehicle for delivery', 'On FedEx vehicle for delivery', 'VEHICLE', 'recipient', [
    'IT',
    'In transit',
  ]),
  DL: status('DL', 'Delivered', 'Delivered', 'Delivered', 'DELIVERY_LOCATION', 'recipient'),
  DE: status('DE', 'Delivery exception', 'Delivery exception', 'Delivery exception', 'DELIVERY_LOCATION', 'recipient'),
  SE: status('SE', 'Shipment exception', 'Shipment exception', 'Shipment exception', 'FEDEX_FACILITY', 'hub'),
  DY: status('DY', 'Delay', 'Delay', 'Delay', 'FEDEX_FACILITY', 'hub'),
  DD: status('DD', 'Delivery delay', 'Delivery delay', 'Delivery delay', 'DESTINATION_FEDEX_FACILITY', 'recipient'),
  HL: status('HL', 'Ready for pickup', 'Hold at location', 'Hold at location', 'DESTINATION_FEDEX_FACILITY', 'recipient'),
  HP: status('HP', 'Ready for pickup', 'Ready for recipient pickup', 'Ready for recipient pickup', 'DESTINATION_FEDEX_FACILITY', 'recipient', [
    'IT',
    'In transit',
  ]),
  CA: status('CA', 'Cancelled', 'Shipment cancelled by sender', 'Shipment cancelled by sender', 'CUSTOMER', 'shipper'),
  RS: status('RS', 'Return to shipper', 'Returning package to shipper', 'Returning package to shipper', 'FEDEX_FACILITY', 'hub'),
  CC: status('CC', 'Cleared customs', 'International shipment release', 'International shipment release', 'PORT_OF_ENTRY', 'hub'),
  CD: status('CD', 'Clearance delay', 'Clearance delay', 'Clearance delay', 'PORT_OF_ENTRY', 'hub'),
  CP: status('CP', 'Clearance in progress', 'Clearance in progress', 'Clearance in progress', 'PORT_OF_ENTRY', 'hub'),
};

export function statusInfo(step: TimelineStep): StatusInfo {
  const base = STATUS_CODES[step.code] ?? status(step.code, step.code, step.code, step.code, 'FEDEX_FACILITY', 'hub');
  return {
    ...base,
    derivedCode: step.derivedCode ?? base.derivedCode,
    statusByLocale: step.statusByLocale ?? base.statusByLocale,
    description: step.description ?? base.description,
    eventDescription: step.eventDescription ?? base.eventDescription,
    scanDerivedCode: step.derivedCode ?? base.scanDerivedCode,
    scanDerivedStatus: step.statusByLocale ?? base.scanDerivedStatus,
  };
}

export interface StatusSchedule {
  pickedUpAfterMs: number;
  inTransitAfterMs: number;
  outForDeliveryAfterMs: number;
  deliveredAfterMs: number;
}

const HOUR = 3_600_000;
export const DEFAULT_STATUS_SCHEDULE: StatusSchedule = {
  pickedUpAfterMs: 2 * HOUR,
  inTransitAfterMs: 6 * HOUR,
  outForDeliveryAfterMs: 24 * HOUR,
  deliveredAfterMs: 30 * HOUR,
};

/** OC at creation, then PU → IT → OD → DL on the schedule; `false` keeps shipments at OC until scripted. */
export function defaultTimeline(schedule: StatusSchedule | false): TimelineStep[] {
  const steps: TimelineStep[] = [{ afterMs: 0, code: 'OC' }];
  if (schedule === false) return steps;
  steps.push(
    { afterMs: schedule.pickedUpAfterMs, code: 'PU' },
    { afterMs: schedule.inTransitAfterMs, code: 'IT' },
    { afterMs: schedule.outForDeliveryAfterMs, code: 'OD' },
    { afterMs: schedule.deliveredAfterMs, code: 'DL' },
  );
  return steps;
}

/** A script replaces everything after label creation; OC at 0 stays unless the script has its own OC. */
export function scriptedTimeline(steps: readonly TimelineStep[]): TimelineStep[] {
  for (const step of steps) {
    if (!Number.isFinite(step.afterMs) || step.afterMs < 0) throw new RangeError(`timeline step ${step.code}: afterMs must be >= 0`);
    if (!/^[A-Z0-9]{2,3}$/.test(step.code)) throw new RangeError(`timeline step code must be a FedEx status code such as DL, got "${step.code}"`);
  }
  const withCreation = steps.some((step) => step.code === 'OC') ? [...steps] : [{ afterMs: 0, code: 'OC' }, ...steps];
  return sortSteps(withCreation);
}

function sortSteps(steps: TimelineStep[]): TimelineStep[] {
  return steps.map((step, index) => ({ step, index })).sort((a, b) => a.step.afterMs - b.step.afterMs || a.index - b.index).map(({ step }) => step);
}

/** Cancelling ends the history: events not yet due never happen, CA is the last word. */
export function cancelledTimeline(steps: readonly TimelineStep[], elapsedMs: number): TimelineStep[] {
  return [...steps.filter((step) => step.afterMs <= elapsedMs), { afterMs: elapsedMs, code: 'CA' }];
}

export interface OccurredEvent {
  at: number;
  step: TimelineStep;
  info: StatusInfo;
}

/** Events that have happened by `now`, oldest first. */
export function occurredEvents(steps: readonly TimelineStep[], createdAt: number, now: number): OccurredEvent[] {
  return steps
    .filter((step) => createdAt + step.afterMs <= now)
    .map((step) => ({ at: createdAt + step.afterMs, step, info: statusInfo(step) }));
}

/** When the timeline delivers, if it does (for ESTIMATED_DELIVERY). */
export function plannedDeliveryAt(steps: readonly TimelineStep[], createdAt: number): number | undefined {
  const delivered = steps.find((step) => step.code === 'DL');
  return delivered ? createdAt + delivered.afterMs : undefined;
}
