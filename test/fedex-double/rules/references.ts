import type { RuleReport } from './report';
import { destinationAddress, isGroundNetwork, originAddress, packagePath, type RequestedShipment } from './shipment';

/** 5. Customer references: lengths per type and service, where each type may go. */
export const REFERENCE_RULES = ['5.1', '5.2'] as const;

/** CustomerReference.value: CUSTOMER_REFERENCE 40 on Express, 30 on Ground; the other types 30; RMA 20. */
function maxLength(type: string | undefined, serviceType: string): number {
  if (type === 'RMA_ASSOCIATION') return 20;
  if (type === 'CUSTOMER_REFERENCE' || type === undefined) return isGroundNetwork(serviceType) ? 30 : 40;
  return 30;
}

export function checkReferences(shipment: RequestedShipment, report: RuleReport): void {
  const brazilDomestic = originAddress(shipment).countryCode === 'BR' && destinationAddress(shipment).countryCode === 'BR';
  shipment.requestedPackageLineItems.forEach((item, i) => {
    (item.customerReferences ?? []).forEach((ref, j) => {
      const max = maxLength(ref.customerReferenceType, shipment.serviceType);
      if ((ref.value ?? '').length > max) {
        // FedEx's SOAP-era wording for this refusal; the REST code is unknown.
        report.invalid('5.1', `${packagePath(i)}.customerReferences[${j}].value`, `customerReference value is invalid for customer reference ${j + 1} in requestedPackage ${i + 1} (${ref.customerReferenceType ?? 'CUSTOMER_REFERENCE'} takes at most ${max} characters on ${shipment.serviceType})`);
      }
      if (ref.customerReferenceType === 'INTRACOUNTRY_REGULATORY_REFERENCE' && !brazilDomestic) {
        report.invalid('5.2', `${packagePath(i)}.customerReferences[${j}].customerReferenceType`, 'INTRACOUNTRY_REGULATORY_REFERENCE is for shipments within Brazil only');
      }
    });
  });
  (shipment.customsClearanceDetail?.commercialInvoice?.customerReferences ?? []).forEach((ref, j) => {
    const at = `requestedShipment.customsClearanceDetail.commercialInvoice.customerReferences[${j}]`;
    if (ref.customerReferenceType === 'P_O_NUMBER') report.invalid('5.2', `${at}.customerReferenceType`, 'P_O_NUMBER must be given in requestedPackageLineItems[].customerReferences');
    const max = maxLength(ref.customerReferenceType, shipment.serviceType);
    if ((ref.value ?? '').length > max) report.invalid('5.1', `${at}.value`, `has ${(ref.value ?? '').length} characters: at most ${max}`);
  });
}
