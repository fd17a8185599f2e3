// Relay side of the mapping: the wire request becomes FedEx's Create Shipment body, typed from
// FedEx's OpenAPI schema (ship.generated.d.ts). Only schema-valid bodies leave the relay.
import type { CreateShipmentRequest, WireParty } from '../contract';
import type { components } from './ship.generated';

export type FedexShipRequest = components['schemas']['Full_Schema_Ship'];
type FedexParty = components['schemas']['ShipperParty'];
type FedexRecipient = components['schemas']['RecipientsParty'];
type FedexPackage = components['schemas']['RequestedPackageLineItem'];

/** FedEx allows 40 characters in a customer reference value. */
const REFERENCE_MAX = 40;

/**
 * FedEx takes a phone number as digits (an optional leading + for the country code; for US and CA exactly
 * 10 digits, optionally after 1 or +1) and the extension apart, at most 6 characters. NetSuite holds numbers
 * as people type them ("+1 (415) 555-0100", "415.555.0100 x123"): this keeps the digits and moves a typed
 * extension to phoneExtension. Whether the result is a valid number is the validation's business.
 */
export function fedexPhone(typed: string, countryCode: string): { phoneNumber: string; phoneExtension?: string } {
  const match = /^(.*?)(?:\s*(?:x|ext\.?|extension|#)\s*(\d{1,6}))?\s*$/i.exec(typed);
  const main = match?.[1] ?? typed;
  const extension = match?.[2];
  let digits = main.replace(/\D/g, '');
  if ((countryCode === 'US' || countryCode === 'CA') && digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  const international = countryCode !== 'US' && countryCode !== 'CA' && main.trim().startsWith('+');
  return { phoneNumber: `${international ? '+' : ''}${digits}`, ...(extension ? { phoneExtension: extension } : {}) };
}

function party(p: WireParty): FedexParty {
  const contact: FedexParty['contact'] = fedexPhone(p.contact.phoneNumber, p.address.countryCode);
  if (p.contact.personName) contact.personName = p.contact.personName;
  if (p.contact.companyName) contact.companyName = p.contact.companyName;
  if (p.contact.emailAddress) contact.emailAddress = p.contact.emailAddress;
  const address: FedexParty['address'] = {
    streetLines: [...p.address.streetLines],
    city: p.address.city,
    countryCode: p.address.countryCode,
  };
  if (p.address.stateOrProvinceCode) address.stateOrProvinceCode = p.address.stateOrProvinceCode;
  if (p.address.postalCode) address.postalCode = p.address.postalCode;
  if (p.address.residential !== undefined) address.residential = p.address.residential;
  return { contact, address };
}

/**
 * Builds FedEx's body. The idempotency key rides along as the first package's CUSTOMER_REFERENCE,
 * so a shipment whose create response was lost can be found again by Track-by-reference.
 */
export function toFedexShipRequest(req: CreateShipmentRequest, accountNumber: string): FedexShipRequest {
  const packages: FedexPackage[] = req.packages.map((pkg, index) => {
    const line: FedexPackage = {
      sequenceNumber: index + 1,
      weight: { units: pkg.weight.units, value: pkg.weight.value },
    };
    if (pkg.dimensions) line.dimensions = { ...pkg.dimensions };
    if (pkg.description) line.itemDescription = pkg.description;
    const refs: NonNullable<FedexPackage['customerReferences']> = [
      { customerReferenceType: 'CUSTOMER_REFERENCE', value: req.idempotencyKey.slice(0, REFERENCE_MAX) },
    ];
    if (req.source.salesOrderTranId) refs.push({ customerReferenceType: 'P_O_NUMBER', value: req.source.salesOrderTranId.slice(0, 30) });
    if (req.source.fulfillmentTranId) refs.push({ customerReferenceType: 'INVOICE_NUMBER', value: req.source.fulfillmentTranId.slice(0, 30) });
    line.customerReferences = refs;
    // NetSuite does not record which item went into which package, so the fulfillment's item lines
    // are the contents of the master package: what FedEx and the recipient see as shipped.
    if (index === 0 && req.items.length > 0) {
      line.contentRecord = req.items.map((item) => ({
        itemNumber: item.item,
        ...(Number.isInteger(item.quantity) ? { receivedQuantity: item.quantity } : {}),
        ...(item.description ? { description: item.description } : {}),
      }));
    }
    return line;
  });
  // FedEx: "Indicate the shipment total weight in pounds" (the package unit only for one label at a time).
  const totalWeight = req.packages.reduce((sum, p) => sum + (p.weight.units === 'KG' ? p.weight.value / 0.45359237 : p.weight.value), 0);
  const recipient: FedexRecipient = party(req.recipient);
  // FedEx Ground does not deliver to US homes: FedEx Home Delivery does, up to 70 lb a package; a heavier
  // package goes FedEx Ground with a residential surcharge.
  const homeDelivery =
    req.serviceType === 'FEDEX_GROUND' &&
    req.recipient.address.residential === true &&
    req.recipient.address.countryCode === 'US' &&
    req.packages.every((p) => (p.weight.units === 'KG' ? p.weight.value <= 32 : p.weight.value <= 70));
  return {
    accountNumber: { value: accountNumber },
    labelResponseOptions: 'LABEL',
    requestedShipment: {
      shipDatestamp: req.shipDate,
      pickupType: req.pickupType as FedexShipRequest['requestedShipment']['pickupType'],
      serviceType: homeDelivery ? 'GROUND_HOME_DELIVERY' : req.serviceType,
      packagingType: req.packagingType,
      // FedEx takes the shipment's total weight with one decimal place.
      totalWeight: Math.round(totalWeight * 10) / 10,
      totalPackageCount: packages.length,
      shipper: party(req.shipper),
      recipients: [recipient],
      shippingChargesPayment: { paymentType: 'SENDER' },
      labelSpecification: { imageType: req.label.imageType, labelStockType: req.label.stockType },
      requestedPackageLineItems: packages,
    },
  };
}
