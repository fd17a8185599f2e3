import { PACKAGING_TYPES } from '../reference-data';
import type { RuleReport } from './report';
import { destinationAddress, isGroundNetwork, originAddress, packagePath, pieceCount, serviceFamily, type PackageLineItem, type RequestedShipment } from './shipment';

/** 4. Packages: counts, weight units and limits, dimensions and size, packaging per service, declared value. */
export const PACKAGE_RULES = ['3.3', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12'] as const;

const MAX_LINE_ITEMS = 30;
/** More packages than this need processingOptionType ALLOW_ASYNCHRONOUS (a job id FedEx answers later). */
export const MAX_SYNCHRONOUS_PIECES = 40;
const MAX_ONE_LABEL_AT_A_TIME = 200;

interface Limit {
  lb: number;
  kg: number;
}

/**
 * REF "Package Types", single-package maximum weight. FEDEX_GROUND takes 150 lb: REF's table puts Ground
 * with Home Delivery at 70 lb, but FedEx's Ground service guide and SOAP guide give 150 lb and a
 * residential package over 70 lb is documented as travelling Ground (rule 3.1); Home Delivery and Ground
 * Economy stay at 70 lb. An assumption, listed in README.
 */
function weightLimit(serviceType: string, packagingType: string): Limit | undefined {
  const family = serviceFamily(serviceType);
  // Express Freight and LTL freight: pallets, priced by the shipment (and always YOUR_PACKAGING).
  if (family === 'EXPRESS_FREIGHT' || family === 'LTL_FREIGHT') return undefined;
  switch (packagingType) {
    case 'FEDEX_ENVELOPE':
      return { lb: 1, kg: 0.5 };
    case 'FEDEX_10KG_BOX':
      return { lb: 22, kg: 10 };
    case 'FEDEX_25KG_BOX':
      return { lb: 55, kg: 25 };
    case 'YOUR_PACKAGING':
      break;
    default:
      return { lb: 20, kg: 9 };
  }
  if (family === 'HOME_DELIVERY' || family === 'SMART_POST') return { lb: 70, kg: 32 };
  return { lb: 150, kg: 68 };
}

/** FedEx Ground (WS-G): at most 108 in long and 165 in length plus girth. */
const GROUND_MAX_LENGTH_IN = 108;
const GROUND_MAX_LENGTH_PLUS_GIRTH_IN = 165;

const dimensionError = (report: RuleReport, i: number, problem: string) =>
  report.reject('4.7', 'PACKAGE.DIMENSION.ERROR', `Package ${i + 1} - dimensions are invalid: ${problem}.`, [{ key: 'field', value: `${packagePath(i)}.dimensions` }]);

export function checkPackages(shipment: RequestedShipment, processingOptionType: string | undefined, oneLabelAtATime: boolean | undefined, report: RuleReport): void {
  const items = shipment.requestedPackageLineItems;
  const at = 'requestedShipment.requestedPackageLineItems';
  if (items.length === 0) report.invalid('4.1', at, 'must contain at least one package');
  if (items.length > MAX_LINE_ITEMS) report.invalid('4.1', at, `has ${items.length} entries: at most ${MAX_LINE_ITEMS}`);
  const pieces = pieceCount(shipment);
  if (oneLabelAtATime === true) {
    if ((shipment.totalPackageCount ?? pieces) > MAX_ONE_LABEL_AT_A_TIME) report.invalid('4.3', 'requestedShipment.totalPackageCount', `is ${shipment.totalPackageCount}: one label at a time takes at most ${MAX_ONE_LABEL_AT_A_TIME} packages`);
  } else if (pieces > MAX_SYNCHRONOUS_PIECES) {
    report.invalid(
      '4.2',
      at,
      processingOptionType === 'ALLOW_ASYNCHRONOUS'
        ? `has ${pieces} packages: asynchronous processing (job id, POST /ship/v1/shipments/results) is not modelled by the FedEx double`
        : `has ${pieces} packages: more than ${MAX_SYNCHRONOUS_PIECES} need processingOptionType ALLOW_ASYNCHRONOUS`,
    );
  }

  checkWeights(shipment, report);
  items.forEach((item, i) => checkDimensions(shipment, item, i, report));

  const service = shipment.serviceType;
  const packaging = shipment.packagingType;
  if (!PACKAGING_TYPES.has(packaging)) report.invalid('4.10', 'requestedShipment.packagingType', `"${packaging}" is not a FedEx packaging type`);
  else if (isGroundNetwork(service) && packaging !== 'YOUR_PACKAGING') {
    report.reject('4.10', 'SERVICE.PACKAGECOMBINATION.INVALID', 'Invalid service and packaging combination. Please update and try again.', [{ key: 'field', value: 'requestedShipment.packagingType' }]);
  }

  const inboundToCanada = destinationAddress(shipment).countryCode === 'CA' && originAddress(shipment).countryCode !== 'CA';
  if (inboundToCanada && packaging === 'YOUR_PACKAGING') {
    items.forEach((item, i) => {
      if (!item.subPackagingType) report.invalid('4.11', `${packagePath(i)}.subPackagingType`, 'is mandatory for shipments to Canada');
    });
  }
  checkDeclaredValue(shipment, report);
}

function checkWeights(shipment: RequestedShipment, report: RuleReport): void {
  const items = shipment.requestedPackageLineItems;
  const units = new Set(items.map((item) => item.weight.units));
  if (units.size > 1) report.invalid('4.4', 'requestedShipment.requestedPackageLineItems', 'mixes LB and KG: every package weight must use the same unit');
  const packageUnit = items[0]?.weight.units;
  (shipment.customsClearanceDetail?.commodities ?? []).forEach((commodity, i) => {
    if (commodity.weight && commodity.weight.units !== packageUnit) {
      report.invalid('4.4', `requestedShipment.customsClearanceDetail.commodities[${i}].weight.units`, `is ${commodity.weight.units} while the packages weigh in ${packageUnit}: package and commodity weights must use the same unit`);
    }
  });
  items.forEach((item, i) => {
    const dryIce = item.packageSpecialServices?.dryIceWeight;
    if (dryIce && dryIce.units !== 'KG') report.invalid('4.4', `${packagePath(i)}.packageSpecialServices.dryIceWeight.units`, 'must be KG');
  });
  const shipmentDryIce = shipment.shipmentSpecialServices?.shipmentDryIceDetail?.totalWeight;
  if (shipmentDryIce && shipmentDryIce.units !== 'KG') report.invalid('4.4', 'requestedShipment.shipmentSpecialServices.shipmentDryIceDetail.totalWeight.units', 'must be KG');

  const total = shipment.totalWeight;
  if (!Number.isFinite(total) || Math.abs(total * 10 - Math.round(total * 10)) > 1e-6) {
    report.invalid('4.5', 'requestedShipment.totalWeight', `is ${total}: the shipment's total weight takes at most one decimal place`);
  }

  const limit = weightLimit(shipment.serviceType, shipment.packagingType);
  items.forEach((item, i) => {
    const { value, units } = item.weight;
    const max = limit ? (units === 'KG' ? limit.kg : limit.lb) : Number.POSITIVE_INFINITY;
    if (!(value > 0) || value > max) {
      const rule = shipment.serviceType === 'GROUND_HOME_DELIVERY' && value > max ? '3.3' : '4.6';
      report.invalid(rule, `${packagePath(i)}.weight.value`, `Package ${i + 1} - Weight is missing or invalid. (${value} ${units}${value > max ? `; at most ${max} ${units} for ${shipment.packagingType} on ${shipment.serviceType}` : ''})`);
    }
  });
}

function checkDimensions(shipment: RequestedShipment, item: PackageLineItem, i: number, report: RuleReport): void {
  const dims = item.dimensions;
  if (!dims) {
    // Dimensions are required for Express Freight (RequestedPackageLineItem.dimensions). FedEx's other
    // description (Dimensions: "required with YOUR_PACKAGING") is contradicted by its own sample payloads,
    // which ship YOUR_PACKAGING without them: the double follows the samples.
    if (serviceFamily(shipment.serviceType) === 'EXPRESS_FREIGHT') report.invalid('4.8', `${packagePath(i)}.dimensions`, `are required for ${shipment.serviceType}`);
    return;
  }
  const sides = [dims.length, dims.width, dims.height];
  if (sides.some((side) => side === undefined)) return dimensionError(report, i, 'give length, width and height, or none');
  if (sides.some((side) => !Number.isInteger(side) || (side ?? 0) < 1 || (side ?? 0) > 999)) return dimensionError(report, i, 'each side is a whole number from 1 to 999');
  if (!isGroundNetwork(shipment.serviceType)) return;
  const inches = (sides as number[]).map((side) => (dims.units === 'CM' ? side / 2.54 : side)).sort((a, b) => b - a);
  const [length = 0, width = 0, height = 0] = inches;
  if (length > GROUND_MAX_LENGTH_IN) report.invalid('4.9', `${packagePath(i)}.dimensions`, `are ${Math.round(length)} in long: FedEx Ground takes at most ${GROUND_MAX_LENGTH_IN} in`);
  else if (length + 2 * width + 2 * height > GROUND_MAX_LENGTH_PLUS_GIRTH_IN) {
    report.invalid('4.9', `${packagePath(i)}.dimensions`, `measure ${Math.round(length + 2 * width + 2 * height)} in length plus girth: FedEx Ground takes at most ${GROUND_MAX_LENGTH_PLUS_GIRTH_IN} in`);
  }
}

/** totalDeclaredValue: "must be equal to the sum of all the individual declaredValues" (a WARNING alert when not). */
function checkDeclaredValue(shipment: RequestedShipment, report: RuleReport): void {
  const total = shipment.totalDeclaredValue;
  if (total?.amount === undefined) return;
  const declared = shipment.requestedPackageLineItems.map((item) => item.declaredValue).filter((v) => v?.amount !== undefined);
  const sum = declared.reduce((n, v) => n + (v?.amount ?? 0), 0);
  const currencies = new Set([total.currency, ...declared.map((v) => v?.currency)].filter(Boolean));
  if (Math.abs(sum - total.amount) > 0.005 || currencies.size > 1) {
    report.alert('4.12', 'REQUESTEDSHIPMENT.TOTALDECLAREDVALUE.MISMATCH', 'We are not able to retrieve the message for the warning or error.', 'WARNING');
  }
}
