import { SERVICE_TYPES } from '../reference-data';
import type { RuleReport } from './report';
import { countryZone, destinationAddress, inPounds, originAddress, packagePath, serviceFamily, type RequestedShipment } from './shipment';

/** 3. Services versus addresses: residential Ground, domestic-only services, US regions, Ground Economy. */
export const SERVICE_RULES = ['3.1', '3.2', '3.5', '3.6', '3.7'] as const;

/** FedEx's SOAP-era answer to a service the route cannot take (code 2464); no REST code is known. */
const INVALID_SERVICE = 'Invalid service type.';

/**
 * Services that stay inside one country (REF "Service Types" by region: the U.S. domestic Express and
 * Ground services, the EU, Chile and South Africa domestic portfolios). FEDEX_GROUND is domestic or
 * US–Canada (International Ground); everything else is international.
 */
const DOMESTIC_ONLY: ReadonlySet<string> = new Set([
  'PRIORITY_OVERNIGHT', 'STANDARD_OVERNIGHT', 'FIRST_OVERNIGHT', 'FEDEX_2_DAY', 'FEDEX_2_DAY_AM', 'FEDEX_EXPRESS_SAVER',
  'GROUND_HOME_DELIVERY', 'SMART_POST', 'SAME_DAY', 'SAME_DAY_CITY', 'FEDEX_1_DAY_FREIGHT', 'FEDEX_2_DAY_FREIGHT',
  'FEDEX_3_DAY_FREIGHT', 'FEDEX_FIRST_FREIGHT', 'FEDEX_FIRST', 'FEDEX_PRIORITY', 'FEDEX_PRIORITY_EXPRESS', 'FEDEX_ECONOMY',
  'FEDEX_ECONOMY_SELECT', 'FEDEX_PRIORITY_FREIGHT', 'FEDEX_PRIORITY_EXPRESS_FREIGHT', 'FEDEX_ECONOMY_FREIGHT',
  'FEDEX_NEXT_DAY_END_OF_DAY',
]);

/** REF "Ground Economy Hub IDs". */
const SMART_POST_HUBS: ReadonlySet<string> = new Set(
  '5015 5061 5064 5087 5095 5097 5110 5150 5183 5185 5186 5194 5213 5254 5281 5303 5327 5345 5379 5431 5436 5465 5481 5531 5552 5602 5631 5648 5751 5771 5802 5843 5854 5893 5902 5929 5958 5983'.split(' '),
);

/** FedEx Home Delivery's per-package limit: a heavier residential package travels FedEx Ground (rule 3.1). */
const HOME_DELIVERY_MAX_LB = 70;

export function checkService(shipment: RequestedShipment, report: RuleReport): void {
  const service = shipment.serviceType;
  if (!SERVICE_TYPES.has(service)) return report.invalid('3.5', 'requestedShipment.serviceType', `"${service}" is not a FedEx service type`);
  const from = originAddress(shipment);
  const to = destinationAddress(shipment);
  const residential = to.residential === true;
  const packages = shipment.requestedPackageLineItems;

  if (service === 'FEDEX_GROUND' && to.countryCode === 'US' && residential && packages.every((p) => inPounds(p.weight) <= HOME_DELIVERY_MAX_LB)) {
    report.invalid('3.1', 'requestedShipment.serviceType', 'FEDEX_GROUND does not deliver to residential addresses: use GROUND_HOME_DELIVERY (FedEx Home Delivery)');
  }
  if (service === 'GROUND_HOME_DELIVERY' && shipment.recipients.some((r) => r.address?.residential !== true)) {
    report.invalid('3.2', 'requestedShipment.recipients[0].address.residential', 'Service type Ground Home Delivery must be designated as residential delivery.');
  }

  const fromZone = countryZone(from.countryCode);
  const toZone = countryZone(to.countryCode);
  if (fromZone !== toZone) {
    const usCanada = new Set([fromZone, toZone]).size === 2 && [fromZone, toZone].every((c) => c === 'US' || c === 'CA');
    if (DOMESTIC_ONLY.has(service) || (service === 'FEDEX_GROUND' && !usCanada)) {
      report.invalid('3.5', 'requestedShipment.serviceType', `${INVALID_SERVICE} ${service} does not cross borders (${from.countryCode} to ${to.countryCode}): use an international service`);
    }
  }

  if (fromZone === 'US' && toZone === 'US') checkUsRegions(service, from.stateOrProvinceCode, to.stateOrProvinceCode, report);
  if (serviceFamily(service) === 'SMART_POST') checkGroundEconomy(shipment, report);
}

/** REF "U.S. Region Service List": 2Day not within Hawaii; Express Saver and 3Day Freight not in AK or HI; Standard Overnight and 2Day AM out of Hawaii only. */
function checkUsRegions(service: string, fromState: string | undefined, toState: string | undefined, report: RuleReport): void {
  const refuse = (why: string) => report.invalid('3.6', 'requestedShipment.serviceType', `${INVALID_SERVICE} ${service} ${why}`);
  const touches = (states: string[]) => states.includes(fromState ?? '') || states.includes(toState ?? '');
  if (service === 'FEDEX_2_DAY' && fromState === 'HI' && toState === 'HI') refuse('is not available within Hawaii');
  if ((service === 'FEDEX_EXPRESS_SAVER' || service === 'FEDEX_3_DAY_FREIGHT') && touches(['AK', 'HI'])) refuse('is not available to or from Alaska and Hawaii');
  if ((service === 'STANDARD_OVERNIGHT' || service === 'FEDEX_2_DAY_AM') && toState === 'HI') refuse('serves Hawaii outbound only');
}

/** SmartPostInfoDetail: a REF hub, an indicia; PRESORTED_STANDARD under 1 lb with an ancillary endorsement, PARCEL_SELECT 1 to 70 lb. */
function checkGroundEconomy(shipment: RequestedShipment, report: RuleReport): void {
  const detail = shipment.smartPostInfoDetail;
  const at = 'requestedShipment.smartPostInfoDetail';
  if (!detail) return report.invalid('3.7', at, 'is required for SMART_POST (FedEx Ground Economy)');
  if (!SMART_POST_HUBS.has(detail.hubId)) report.invalid('3.7', `${at}.hubId`, `"${detail.hubId}" is not a FedEx Ground Economy hub id`);
  shipment.requestedPackageLineItems.forEach((item, i) => {
    const pounds = inPounds(item.weight);
    if (detail.indicia === 'PRESORTED_STANDARD' && pounds >= 1) {
      report.invalid('3.7', `${packagePath(i)}.weight`, `Package ${i + 1} - YOUR_PACKAGING cannot exceed the limit of 0.99 LB.`);
    }
    if (detail.indicia === 'PARCEL_SELECT' && pounds < 1) report.invalid('3.7', `${packagePath(i)}.weight`, 'Shipment cannot weigh less than 16oz');
  });
  if (detail.indicia === 'PRESORTED_STANDARD' && !detail.ancillaryEndorsement) report.invalid('3.7', `${at}.ancillaryEndorsement`, 'is required for PRESORTED_STANDARD');
}
