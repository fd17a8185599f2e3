/**
 * FedEx enumerations the schemas leave as free strings. Source: FedEx API Reference Guide
 * ("SERVICE TYPE ENUMERATION" tables and the packaging table), karrio-vendor/API-Reference-Guide.html in
 * the project's FedEx reference material, plus the service types FedEx's own sample payloads in
 * Shipment-Resource.json use (INTERNATIONAL_PRIORITY, FEDEX_NEXT_DAY_END_OF_DAY). A value outside these
 * lists is rejected, as FedEx would.
 */
export const SERVICE_TYPES: ReadonlySet<string> = new Set([
  'FEDEX_1_DAY_FREIGHT',
  'FEDEX_2_DAY',
  'FEDEX_2_DAY_AM',
  'FEDEX_2_DAY_FREIGHT',
  'FEDEX_3_DAY_FREIGHT',
  'FEDEX_ECONOMY',
  'FEDEX_ECONOMY_FREIGHT',
  'FEDEX_ECONOMY_SELECT',
  'FEDEX_EXPRESS_SAVER',
  'FEDEX_FIRST',
  'FEDEX_FIRST_FREIGHT',
  'FEDEX_FREIGHT_ECONOMY',
  'FEDEX_FREIGHT_PRIORITY',
  'FEDEX_GROUND',
  'FEDEX_INTERNATIONAL_CONNECT_PLUS',
  'FEDEX_INTERNATIONAL_DEFERRED_FREIGHT',
  'FEDEX_INTERNATIONAL_PRIORITY',
  'FEDEX_INTERNATIONAL_PRIORITY_EXPRESS',
  'FEDEX_NEXT_DAY_END_OF_DAY',
  'FEDEX_PRIORITY',
  'FEDEX_PRIORITY_EXPRESS',
  'FEDEX_PRIORITY_EXPRESS_FREIGHT',
  'FEDEX_PRIORITY_FREIGHT',
  'FEDEX_REGIONAL_ECONOMY',
  'FEDEX_REGIONAL_ECONOMY_FREIGHT',
  'FIRST_OVERNIGHT',
  'GROUND_HOME_DELIVERY',
  'INTERNATIONAL_DISTRIBUTION_FREIGHT',
  'INTERNATIONAL_ECONOMY',
  'INTERNATIONAL_ECONOMY_DISTRIBUTION',
  'INTERNATIONAL_ECONOMY_FREIGHT',
  'INTERNATIONAL_FIRST',
  'INTERNATIONAL_PRIORITY',
  'INTERNATIONAL_PRIORITY_DISTRIBUTION',
  'INTERNATIONAL_PRIORITY_FREIGHT',
  'INTL_GROUND_DISTRIBUTION',
  'PRIORITY_OVERNIGHT',
  'SAME_DAY',
  'SAME_DAY_CITY',
  'SMART_POST',
  'STANDARD_OVERNIGHT',
  'TRANSBORDER_DISTRIBUTION',
]);

export const PACKAGING_TYPES: ReadonlySet<string> = new Set([
  'YOUR_PACKAGING',
  'FEDEX_ENVELOPE',
  'FEDEX_BOX',
  'FEDEX_SMALL_BOX',
  'FEDEX_MEDIUM_BOX',
  'FEDEX_LARGE_BOX',
  'FEDEX_EXTRA_LARGE_BOX',
  'FEDEX_10KG_BOX',
  'FEDEX_25KG_BOX',
  'FEDEX_PAK',
  'FEDEX_TUBE',
]);

export const PACKAGING_DESCRIPTIONS: Record<string, string> = {
  YOUR_PACKAGING: 'Your Packaging',
  FEDEX_ENVELOPE: 'FedEx Envelope',
  FEDEX_BOX: 'FedEx Box',
  FEDEX_SMALL_BOX: 'FedEx Small Box',
  FEDEX_MEDIUM_BOX: 'FedEx Medium Box',
  FEDEX_LARGE_BOX: 'FedEx Large Box',
  FEDEX_EXTRA_LARGE_BOX: 'FedEx Extra Large Box',
  FEDEX_10KG_BOX: 'FedEx 10kg Box',
  FEDEX_25KG_BOX: 'FedEx 25kg Box',
  FEDEX_PAK: 'FedEx Pak',
  FEDEX_TUBE: 'FedEx Tube',
};

export interface ServiceInfo {
  name: string;
  shortDescription: string;
  /** trackResults[].trackingNumberInfo.carrierCode */
  carrierCode: 'FDXE' | 'FDXG' | 'FXSP' | 'FXFR';
  /** transactionShipments[].serviceCategory */
  category: 'EXPRESS' | 'GROUND' | 'SMARTPOST' | 'FREIGHT' | 'EXPRESS_FREIGHT';
}

const KNOWN_SERVICES: Record<string, ServiceInfo> = {
  FEDEX_GROUND: { name: 'FedEx Ground', shortDescription: 'FG', carrierCode: 'FDXG', category: 'GROUND' },
  GROUND_HOME_DELIVERY: { name: 'FedEx Home Delivery', shortDescription: 'HD', carrierCode: 'FDXG', category: 'GROUND' },
  SMART_POST: { name: 'FedEx Ground Economy', shortDescription: 'SP', carrierCode: 'FXSP', category: 'SMARTPOST' },
  PRIORITY_OVERNIGHT: { name: 'FedEx Priority Overnight', shortDescription: 'P-1', carrierCode: 'FDXE', category: 'EXPRESS' },
  STANDARD_OVERNIGHT: { name: 'FedEx Standard Overnight', shortDescription: 'S-1', carrierCode: 'FDXE', category: 'EXPRESS' },
  FIRST_OVERNIGHT: { name: 'FedEx First Overnight', shortDescription: 'F-1', carrierCode: 'FDXE', category: 'EXPRESS' },
  FEDEX_2_DAY: { name: 'FedEx 2Day', shortDescription: 'E2', carrierCode: 'FDXE', category: 'EXPRESS' },
  FEDEX_2_DAY_AM: { name: 'FedEx 2Day AM', shortDescription: 'E2AM', carrierCode: 'FDXE', category: 'EXPRESS' },
  FEDEX_EXPRESS_SAVER: { name: 'FedEx Express Saver', shortDescription: 'XS', carrierCode: 'FDXE', category: 'EXPRESS' },
  FEDEX_INTERNATIONAL_PRIORITY: { name: 'FedEx International Priority', shortDescription: 'IP', carrierCode: 'FDXE', category: 'EXPRESS' },
  INTERNATIONAL_ECONOMY: { name: 'FedEx International Economy', shortDescription: 'IE', carrierCode: 'FDXE', category: 'EXPRESS' },
};

export function serviceInfo(serviceType: string): ServiceInfo {
  const known = KNOWN_SERVICES[serviceType];
  if (known) return known;
  const freight = serviceType.includes('FREIGHT');
  return {
    name: serviceType
      .split('_')
      .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
      .join(' '),
    shortDescription: serviceType.slice(0, 4),
    carrierCode: serviceType.startsWith('FEDEX_FREIGHT') ? 'FXFR' : 'FDXE',
    category: freight ? 'EXPRESS_FREIGHT' : 'EXPRESS',
  };
}

export const COUNTRY_NAMES: Record<string, string> = {
  US: 'United States',
  CA: 'Canada',
  MX: 'Mexico',
  GB: 'United Kingdom',
  DE: 'Germany',
  FR: 'France',
  IT: 'Italy',
  PR: 'Puerto Rico',
};
