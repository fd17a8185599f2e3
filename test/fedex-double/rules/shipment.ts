import type { components } from '../../../shared/src/fedex/ship.generated';

/**
 * The create-shipment body as FedEx's schema types it (generated from Shipment-Resource.json; type-only,
 * no product code). Rules run after the schema check, so required fields are there; optional ones are read
 * with care.
 */
export type ShipRequest = components['schemas']['Full_Schema_Ship'];
export type RequestedShipment = ShipRequest['requestedShipment'];
export type PackageLineItem = RequestedShipment['requestedPackageLineItems'][number];
type Party = RequestedShipment['shipper'];

export interface PartyView {
  role: 'shipper' | 'recipient';
  /** Dotted path of the party in the request, e.g. `requestedShipment.recipients[0]`. */
  path: string;
  contact: Partial<Party['contact']>;
  address: Partial<Party['address']>;
}

export function parties(shipment: RequestedShipment): PartyView[] {
  const view = (role: PartyView['role'], path: string, party: Party | undefined): PartyView => ({
    role,
    path,
    contact: party?.contact ?? {},
    address: party?.address ?? {},
  });
  return [view('shipper', 'requestedShipment.shipper', shipment.shipper), ...(shipment.recipients ?? []).map((r, i) => view('recipient', `requestedShipment.recipients[${i}]`, r))];
}

/** Where the goods leave from: `origin` when given (FedEx: "if it is different from the shipper address"), else the shipper. */
export function originAddress(shipment: RequestedShipment): Partial<Party['address']> {
  return shipment.origin?.address ?? shipment.shipper?.address ?? {};
}

export function destinationAddress(shipment: RequestedShipment): Partial<Party['address']> {
  return shipment.recipients?.[0]?.address ?? {};
}

/**
 * Puerto Rico is both a US state code and a country code in FedEx's lists (REF's postal-aware table puts
 * PR under US): shipments between the US and PR are treated as domestic. An assumption, listed in README.
 */
export function countryZone(countryCode: string | undefined): string | undefined {
  return countryCode === 'PR' ? 'US' : countryCode;
}

/** Origin and destination countries differ (US and PR counting as one). */
export function crossesBorder(shipment: RequestedShipment): boolean {
  const from = countryZone(originAddress(shipment).countryCode);
  return shipment.recipients.some((r) => countryZone(r.address?.countryCode) !== from);
}

export type ServiceFamily = 'GROUND' | 'HOME_DELIVERY' | 'SMART_POST' | 'EXPRESS' | 'EXPRESS_FREIGHT' | 'LTL_FREIGHT';

/** REF "Service Types": the Express Freight services (dimensions required, up to 5 days ahead). */
export const EXPRESS_FREIGHT_SERVICES: ReadonlySet<string> = new Set([
  'FEDEX_1_DAY_FREIGHT',
  'FEDEX_2_DAY_FREIGHT',
  'FEDEX_3_DAY_FREIGHT',
  'FEDEX_FIRST_FREIGHT',
  'FEDEX_PRIORITY_FREIGHT',
  'FEDEX_PRIORITY_EXPRESS_FREIGHT',
  'FEDEX_ECONOMY_FREIGHT',
  'FEDEX_REGIONAL_ECONOMY_FREIGHT',
  'FEDEX_INTERNATIONAL_DEFERRED_FREIGHT',
  'INTERNATIONAL_PRIORITY_FREIGHT',
  'INTERNATIONAL_ECONOMY_FREIGHT',
  'INTERNATIONAL_DISTRIBUTION_FREIGHT',
]);

export function serviceFamily(serviceType: string): ServiceFamily {
  if (serviceType === 'FEDEX_GROUND' || serviceType === 'INTL_GROUND_DISTRIBUTION') return 'GROUND';
  if (serviceType === 'GROUND_HOME_DELIVERY') return 'HOME_DELIVERY';
  if (serviceType === 'SMART_POST') return 'SMART_POST';
  if (serviceType === 'FEDEX_FREIGHT_PRIORITY' || serviceType === 'FEDEX_FREIGHT_ECONOMY') return 'LTL_FREIGHT';
  if (EXPRESS_FREIGHT_SERVICES.has(serviceType)) return 'EXPRESS_FREIGHT';
  return 'EXPRESS';
}

/** FedEx Ground's networks (Ground, Home Delivery, Ground Economy): what "Ground" means in FedEx's limits. */
export function isGroundNetwork(serviceType: string): boolean {
  const family = serviceFamily(serviceType);
  return family === 'GROUND' || family === 'HOME_DELIVERY' || family === 'SMART_POST';
}

const KG_PER_LB = 0.45359237;

export function inPounds(weight: { units?: string; value?: number } | undefined): number {
  const value = weight?.value ?? 0;
  return weight?.units === 'KG' ? value / KG_PER_LB : value;
}

/** Packages as FedEx counts pieces: each line item stands for `groupPackageCount` identical packages. */
export function pieceCount(shipment: RequestedShipment): number {
  return shipment.requestedPackageLineItems.reduce((n, item) => n + Math.max(1, item.groupPackageCount ?? 1), 0);
}

export function packagePath(index: number): string {
  return `requestedShipment.requestedPackageLineItems[${index}]`;
}
