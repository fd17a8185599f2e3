// What FedEx's services accept, as the connector needs it to choose and check a service: where a
// service goes, which one delivers to homes, weight per package and packaging, and which need
// dimensions. Sources: FedEx API reference ("Service Types" by region, "Package Types"), FedEx Ground
// guide (Home Delivery for residences), the Ship API schema (`Dimensions`), ../notes/fedex-rules.md.

/** FedEx's service types (API reference, "Service Types"): a service map row with another value is a typo. */
export const SERVICE_TYPES: readonly string[] = [
  'FEDEX_1_DAY_FREIGHT', 'FEDEX_2_DAY', 'FEDEX_2_DAY_AM', 'FEDEX_2_DAY_FREIGHT', 'FEDEX_3_DAY_FREIGHT', 'FEDEX_ECONOMY',
  'FEDEX_ECONOMY_FREIGHT', 'FEDEX_ECONOMY_SELECT', 'FEDEX_EXPRESS_SAVER', 'FEDEX_FIRST', 'FEDEX_FIRST_FREIGHT',
  'FEDEX_FREIGHT_ECONOMY', 'FEDEX_FREIGHT_PRIORITY', 'FEDEX_GROUND', 'FEDEX_INTERNATIONAL_CONNECT_PLUS',
  'FEDEX_INTERNATIONAL_DEFERRED_FREIGHT', 'FEDEX_INTERNATIONAL_PRIORITY', 'FEDEX_INTERNATIONAL_PRIORITY_EXPRESS',
  'FEDEX_PRIORITY', 'FEDEX_PRIORITY_EXPRESS', 'FEDEX_PRIORITY_EXPRESS_FREIGHT', 'FEDEX_PRIORITY_FREIGHT',
  'FEDEX_REGIONAL_ECONOMY', 'FEDEX_REGIONAL_ECONOMY_FREIGHT', 'FIRST_OVERNIGHT', 'GROUND_HOME_DELIVERY',
  'INTERNATIONAL_DISTRIBUTION_FREIGHT', 'INTERNATIONAL_ECONOMY', 'INTERNATIONAL_ECONOMY_DISTRIBUTION',
  'INTERNATIONAL_ECONOMY_FREIGHT', 'INTERNATIONAL_FIRST', 'INTERNATIONAL_PRIORITY_DISTRIBUTION', 'INTERNATIONAL_PRIORITY_FREIGHT',
  'INTL_GROUND_DISTRIBUTION', 'PRIORITY_OVERNIGHT', 'SAME_DAY', 'SAME_DAY_CITY', 'SMART_POST', 'STANDARD_OVERNIGHT',
];

/** FedEx's packaging types. */
export const PACKAGING_TYPES: readonly string[] = [
  'YOUR_PACKAGING', 'FEDEX_ENVELOPE', 'FEDEX_BOX', 'FEDEX_SMALL_BOX', 'FEDEX_MEDIUM_BOX', 'FEDEX_LARGE_BOX',
  'FEDEX_EXTRA_LARGE_BOX', 'FEDEX_10KG_BOX', 'FEDEX_25KG_BOX', 'FEDEX_PAK', 'FEDEX_TUBE',
];

/** Services FedEx sells only inside one country (US-domestic Express, Ground Home Delivery, Ground Economy). */
export const DOMESTIC_ONLY_SERVICES: readonly string[] = [
  'PRIORITY_OVERNIGHT',
  'STANDARD_OVERNIGHT',
  'FIRST_OVERNIGHT',
  'FEDEX_2_DAY',
  'FEDEX_2_DAY_AM',
  'FEDEX_EXPRESS_SAVER',
  'GROUND_HOME_DELIVERY',
  'SMART_POST',
  'FEDEX_1_DAY_FREIGHT',
  'FEDEX_2_DAY_FREIGHT',
  'FEDEX_3_DAY_FREIGHT',
  'FEDEX_FIRST_FREIGHT',
  'SAME_DAY',
  'SAME_DAY_CITY',
  // FedEx's domestic portfolios elsewhere (EU, Chile, South Africa).
  'FEDEX_FIRST',
  'FEDEX_PRIORITY',
  'FEDEX_PRIORITY_EXPRESS',
  'FEDEX_ECONOMY',
  'FEDEX_ECONOMY_SELECT',
  'FEDEX_PRIORITY_FREIGHT',
  'FEDEX_PRIORITY_EXPRESS_FREIGHT',
  'FEDEX_ECONOMY_FREIGHT',
];

/** Services only for shipments between countries. */
export const INTERNATIONAL_ONLY_SERVICES: readonly string[] = [
  'FEDEX_INTERNATIONAL_PRIORITY',
  'FEDEX_INTERNATIONAL_PRIORITY_EXPRESS',
  'INTERNATIONAL_ECONOMY',
  'INTERNATIONAL_FIRST',
  'FEDEX_INTERNATIONAL_CONNECT_PLUS',
  'INTERNATIONAL_PRIORITY_FREIGHT',
  'INTERNATIONAL_ECONOMY_FREIGHT',
  'FEDEX_INTERNATIONAL_DEFERRED_FREIGHT',
  'INTERNATIONAL_PRIORITY_DISTRIBUTION',
  'INTERNATIONAL_ECONOMY_DISTRIBUTION',
  'INTERNATIONAL_DISTRIBUTION_FREIGHT',
  'INTL_GROUND_DISTRIBUTION',
];

/** FedEx Ground crosses one border only: between the US and Canada (International Ground). */
const GROUND_CROSS_BORDER: readonly string[] = ['US-CA', 'CA-US'];

/** Services on FedEx's Ground network: own packaging only, customer reference at most 30 characters (not 40). */
export const GROUND_SERVICES: readonly string[] = ['FEDEX_GROUND', 'GROUND_HOME_DELIVERY', 'SMART_POST', 'INTL_GROUND_DISTRIBUTION'];

/** FedEx Express Freight (REF "Service Types"): pallets, always with dimensions, at most 5 days ahead. */
export const EXPRESS_FREIGHT_SERVICES: readonly string[] = [
  'FEDEX_1_DAY_FREIGHT', 'FEDEX_2_DAY_FREIGHT', 'FEDEX_3_DAY_FREIGHT', 'FEDEX_FIRST_FREIGHT', 'FEDEX_PRIORITY_FREIGHT',
  'FEDEX_PRIORITY_EXPRESS_FREIGHT', 'FEDEX_ECONOMY_FREIGHT', 'FEDEX_REGIONAL_ECONOMY_FREIGHT', 'FEDEX_INTERNATIONAL_DEFERRED_FREIGHT',
  'INTERNATIONAL_PRIORITY_FREIGHT', 'INTERNATIONAL_ECONOMY_FREIGHT', 'INTERNATIONAL_DISTRIBUTION_FREIGHT',
];

/** FedEx Freight (LTL). */
const LTL_FREIGHT_SERVICES: readonly string[] = ['FEDEX_FREIGHT_PRIORITY', 'FEDEX_FREIGHT_ECONOMY'];

/** Express parcel services (everything that is neither Ground nor freight). */
export function isExpressParcel(serviceType: string): boolean {
  return !GROUND_SERVICES.includes(serviceType) && !EXPRESS_FREIGHT_SERVICES.includes(serviceType) && !LTL_FREIGHT_SERVICES.includes(serviceType);
}

/** Puerto Rico is both a US state and a country in FedEx's lists, and on FedEx's US network: US ↔ PR is domestic. */
function territory(country: string): string {
  return country === 'PR' ? 'US' : country;
}

/** True when a shipment crosses a border (US and Puerto Rico counting as one country, as FedEx's lists do). */
export function isInternational(fromCountry: string, toCountry: string): boolean {
  return territory(fromCountry) !== territory(toCountry);
}

/** FedEx needs customsClearanceDetail across borders, and for intra-country shipments within India. */
export function needsCustoms(fromCountry: string, toCountry: string): boolean {
  return isInternational(fromCountry, toCountry) || (fromCountry === 'IN' && toCountry === 'IN');
}

/** Why `serviceType` cannot carry a shipment from → to (states for the US regions), or undefined when it can. */
export function serviceRouteProblem(serviceType: string, fromCountry: string, toCountry: string, fromState?: string, toState?: string): string | undefined {
  const international = isInternational(fromCountry, toCountry);
  if (international && DOMESTIC_ONLY_SERVICES.includes(serviceType)) {
    return `${serviceType} is a FedEx service for shipments within one country, and this one goes from ${fromCountry} to ${toCountry}: use an international service (e.g. FEDEX_INTERNATIONAL_PRIORITY or INTERNATIONAL_ECONOMY)`;
  }
  if (international && serviceType === 'FEDEX_GROUND' && !GROUND_CROSS_BORDER.includes(`${territory(fromCountry)}-${territory(toCountry)}`)) {
    return `FEDEX_GROUND crosses only the US–Canada border, and this shipment goes from ${fromCountry} to ${toCountry}: use an international service`;
  }
  if (!international && INTERNATIONAL_ONLY_SERVICES.includes(serviceType)) {
    return `${serviceType} is a FedEx service for shipments between countries, and this one stays in ${toCountry}: use a domestic service`;
  }
  if (!international && territory(toCountry) === 'US') return usRegionProblem(serviceType, fromState, toState);
  return undefined;
}

/** FedEx API reference, "U.S. Region Service List". */
function usRegionProblem(serviceType: string, fromState: string | undefined, toState: string | undefined): string | undefined {
  const touches = (states: string[]) => states.includes(fromState ?? '') || states.includes(toState ?? '');
  if (serviceType === 'FEDEX_2_DAY' && fromState === 'HI' && toState === 'HI') return 'FEDEX_2_DAY is not available within Hawaii';
  if ((serviceType === 'FEDEX_EXPRESS_SAVER' || serviceType === 'FEDEX_3_DAY_FREIGHT') && touches(['AK', 'HI'])) return `${serviceType} is not available to or from Alaska and Hawaii`;
  if ((serviceType === 'STANDARD_OVERNIGHT' || serviceType === 'FEDEX_2_DAY_AM') && toState === 'HI') return `${serviceType} serves Hawaii outbound only`;
  return undefined;
}

/** How many days ahead FedEx takes a ship date: Express 10, Express Freight 5, Ground no limit (FedEx's published limits). */
export function maxDaysAhead(serviceType: string): number | undefined {
  if (EXPRESS_FREIGHT_SERVICES.includes(serviceType)) return 5;
  return isExpressParcel(serviceType) ? 10 : undefined;
}

/** Home Delivery's limit per package; heavier residential packages travel FedEx Ground (with a residential surcharge). */
export const HOME_DELIVERY_MAX_LB = 70;

/**
 * The service for a ship method mapped to `serviceType`, given the destination. FedEx Ground does not
 * deliver to homes in the US: residential packages go Ground Home Delivery, unless the service map names
 * another residential service for the ship method, or a package is over Home Delivery's 70 lb (FedEx
 * then carries it by Ground with a residential surcharge). Home Delivery to a business goes Ground.
 */
export function serviceForDestination(
  serviceType: string,
  destination: { countryCode: string; residential: boolean },
  heaviestPackageLb: number,
  residentialService?: string,
): string {
  const us = destination.countryCode === 'US';
  if (destination.residential && residentialService) return residentialService;
  if (serviceType === 'FEDEX_GROUND' && us && destination.residential && heaviestPackageLb <= HOME_DELIVERY_MAX_LB) return 'GROUND_HOME_DELIVERY';
  if (serviceType === 'GROUND_HOME_DELIVERY' && !destination.residential) return 'FEDEX_GROUND';
  return serviceType;
}

/** Why the service does not fit the recipient's residential flag, or undefined. */
export function residentialProblem(serviceType: string, residential: boolean | undefined, countryCode: string, heaviestPackageLb: number): string | undefined {
  if (serviceType === 'GROUND_HOME_DELIVERY' && residential !== true) return 'GROUND_HOME_DELIVERY delivers to residences only: the address must be marked residential';
  if (serviceType === 'FEDEX_GROUND' && residential === true && countryCode === 'US' && heaviestPackageLb <= HOME_DELIVERY_MAX_LB) {
    return 'FEDEX_GROUND does not deliver to residential US addresses (packages up to 70 lb): use GROUND_HOME_DELIVERY';
  }
  return undefined;
}

const LB_PER_KG = 2.20462262185;
export const KG_PER_LB = 0.45359237;

export function toPounds(value: number, units: 'LB' | 'KG'): number {
  return units === 'KG' ? value * LB_PER_KG : value;
}

export function toKilograms(value: number, units: 'LB' | 'KG'): number {
  return units === 'LB' ? value * KG_PER_LB : value;
}

interface WeightLimit {
  lb: number;
  kg: number;
}

/** FedEx packaging with its own weight limit (FedEx API reference, "Package Types"). */
const PACKAGING_LIMITS: Record<string, WeightLimit> = {
  FEDEX_ENVELOPE: { lb: 1, kg: 0.5 },
  FEDEX_PAK: { lb: 20, kg: 9 },
  FEDEX_BOX: { lb: 20, kg: 9 },
  FEDEX_SMALL_BOX: { lb: 20, kg: 9 },
  FEDEX_MEDIUM_BOX: { lb: 20, kg: 9 },
  FEDEX_LARGE_BOX: { lb: 20, kg: 9 },
  FEDEX_EXTRA_LARGE_BOX: { lb: 20, kg: 9 },
  FEDEX_TUBE: { lb: 20, kg: 9 },
  FEDEX_10KG_BOX: { lb: 22, kg: 10 },
  FEDEX_25KG_BOX: { lb: 55, kg: 25 },
};

/**
 * Your own packaging, per service: Home Delivery and Ground Economy 70 lb, Ground and Express 150 lb
 * (FedEx's Ground guide; its API reference table says 70 for Ground, but documents residential
 * packages over 70 lb travelling Ground); freight is priced by the shipment, up to a pallet's 2,200 lb.
 */
function serviceLimit(serviceType: string): WeightLimit {
  if (serviceType === 'GROUND_HOME_DELIVERY' || serviceType === 'SMART_POST') return { lb: 70, kg: 32 };
  if (EXPRESS_FREIGHT_SERVICES.includes(serviceType) || LTL_FREIGHT_SERVICES.includes(serviceType)) return { lb: 2200, kg: 997 };
  return { lb: 150, kg: 68 };
}

/** The most one package may weigh, in `units`, for this service and packaging. */
export function maxPackageWeight(serviceType: string, packagingType: string, units: 'LB' | 'KG'): number {
  const packaging = PACKAGING_LIMITS[packagingType];
  const service = serviceLimit(serviceType);
  const limit = packaging && packaging[units === 'LB' ? 'lb' : 'kg'] < service[units === 'LB' ? 'lb' : 'kg'] ? packaging : service;
  return units === 'LB' ? limit.lb : limit.kg;
}

/**
 * Whether FedEx needs package dimensions: Express Freight always (RequestedPackageLineItem). FedEx's
 * `Dimensions` text also says "required with YOUR_PACKAGING", but FedEx's own sample payloads ship
 * YOUR_PACKAGING parcels without them, so parcels may go without when NetSuite has none.
 */
export function dimensionsRequired(serviceType: string): boolean {
  return EXPRESS_FREIGHT_SERVICES.includes(serviceType);
}

/** FedEx packaging is for Express: the Ground network takes only your own packaging. */
export function packagingProblem(serviceType: string, packagingType: string): string | undefined {
  if (GROUND_SERVICES.includes(serviceType) && packagingType !== 'YOUR_PACKAGING') return `${packagingType} is FedEx Express packaging, and ${serviceType} takes only your own packaging (YOUR_PACKAGING)`;
  return undefined;
}

/** FedEx's largest dimension: 999 (schema). */
export const MAX_DIMENSION = 999;

/** Parcel size limits in inches: Ground 108 long and 165 length plus girth; Express 119 and 165. Freight: none here. */
export function sizeLimitIn(serviceType: string): { length: number; lengthPlusGirth: number } | undefined {
  if (GROUND_SERVICES.includes(serviceType)) return { length: 108, lengthPlusGirth: 165 };
  if (isExpressParcel(serviceType)) return { length: 119, lengthPlusGirth: 165 };
  return undefined;
}
