// Relay side of the mapping: the validated wire request becomes FedEx's Create Shipment body, typed
// from FedEx's OpenAPI schema (ship.generated.d.ts). It adds nothing the validation has not checked:
// only schema-valid bodies that FedEx's rules accept leave the relay.
import type { CreateShipmentRequest, WireCustoms, WireParty } from '../contract';
import { GROUND_SERVICES, toPounds } from '../services';
import type { components } from './ship.generated';

export type FedexShipRequest = components['schemas']['Full_Schema_Ship'];
type FedexParty = components['schemas']['ShipperParty'];
type FedexRecipient = components['schemas']['RecipientsParty'];
type FedexPackage = components['schemas']['RequestedPackageLineItem'];
type FedexCustoms = components['schemas']['CustomsClearanceDetail'];
type FedexRequestedShipment = FedexShipRequest['requestedShipment'];

/** FedEx allows 40 characters in a customer reference value on Express, 30 on Ground. */
const REFERENCE_MAX = 40;
const GROUND_REFERENCE_MAX = 30;
/** INVOICE_NUMBER and P_O_NUMBER: 30 characters. */
const NUMBER_REFERENCE_MAX = 30;
/** A `Money` amount has at most 5 digits before the decimal point. */
const MONEY_MAX = 99_999.99;

function party(p: WireParty): FedexParty {
  const contact: FedexParty['contact'] = { phoneNumber: p.contact.phoneNumber };
  if (p.contact.phoneExtension) contact.phoneExtension = p.contact.phoneExtension;
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

const cents = (amount: number): number => Math.round(amount * 100) / 100;

/**
 * Customs for a cross-border shipment: one commodity per item line, duties billed to the sender
 * (terms DDP, with the shipping account) or the recipient (DAP, with the recipient's account), and a
 * commercial invoice for goods sold. Commodity weights are in KG, the only unit FedEx's schema takes.
 */
function customsClearance(customs: WireCustoms, accountNumber: string): FedexCustoms {
  const money = (amount: number) => ({ amount: cents(amount), currency: customs.currency });
  const total = cents(customs.commodities.reduce((sum, c) => sum + c.customsValue, 0));
  return {
    dutiesPayment: {
      paymentType: customs.dutiesPayment,
      payor: { responsibleParty: { accountNumber: { value: customs.dutiesPayment === 'SENDER' ? accountNumber : (customs.dutiesAccountNumber ?? '') } } },
    },
    isDocumentOnly: false,
    commercialInvoice: {
      shipmentPurpose: 'SOLD',
      termsOfSale: customs.dutiesPayment === 'SENDER' ? 'DDP' : 'DAP',
      ...(customs.invoiceNumber ? { customerReferences: [{ customerReferenceType: 'INVOICE_NUMBER' as const, value: customs.invoiceNumber.slice(0, NUMBER_REFERENCE_MAX) }] } : {}),
    },
    commodities: customs.commodities.map((c) => ({
      description: c.description,
      name: c.item,
      partNumber: c.item,
      quantity: c.quantity,
      quantityUnits: c.quantityUnits,
      numberOfPieces: 1,
      unitPrice: money(c.unitPrice),
      customsValue: money(c.customsValue),
      countryOfManufacture: c.countryOfManufacture,
      ...(c.harmonizedCode ? { harmonizedCode: c.harmonizedCode } : {}),
      ...(c.weight !== undefined ? { weight: { units: 'KG' as const, value: c.weight } } : {}),
    })),
    ...(total <= MONEY_MAX ? { totalCustomsValue: money(total) } : {}),
  };
}

/**
 * FedEx: subPackagingType "is mandatory for shipments to Canada" in your own packaging, and is to be
 * used for shipments into the US and Puerto Rico from Canada and Mexico. NetSuite does not say what a
 * package is made of; a shipping carton is a BOX (REF "Sub Package Types").
 */
function subPackagingType(req: CreateShipmentRequest): string | undefined {
  if (req.packagingType !== 'YOUR_PACKAGING') return undefined;
  const from = req.shipper.address.countryCode;
  const to = req.recipient.address.countryCode;
  const inbound = (to === 'CA' && from !== 'CA') || ((to === 'US' || to === 'PR') && (from === 'CA' || from === 'MX'));
  return inbound ? 'BOX' : undefined;
}

/**
 * Builds FedEx's body. The idempotency key rides along as the first package's CUSTOMER_REFERENCE,
 * so a shipment whose create response was lost can be found again by Track-by-reference.
 */
export function toFedexShipRequest(req: CreateShipmentRequest, accountNumber: string): FedexShipRequest {
  const referenceMax = GROUND_SERVICES.includes(req.serviceType) ? GROUND_REFERENCE_MAX : REFERENCE_MAX;
  const subPackaging = subPackagingType(req);
  const packages: FedexPackage[] = req.packages.map((pkg, index) => {
    const line: FedexPackage = {
      sequenceNumber: index + 1,
      weight: { units: pkg.weight.units, value: pkg.weight.value },
    };
    if (pkg.dimensions) line.dimensions = { ...pkg.dimensions };
    if (subPackaging) line.subPackagingType = subPackaging;
    if (pkg.description) line.itemDescription = pkg.description;
    const refs: NonNullable<FedexPackage['customerReferences']> = [
      { customerReferenceType: 'CUSTOMER_REFERENCE', value: req.idempotencyKey.slice(0, referenceMax) },
    ];
    if (req.source.salesOrderTranId) refs.push({ customerReferenceType: 'P_O_NUMBER', value: req.source.salesOrderTranId.slice(0, NUMBER_REFERENCE_MAX) });
    if (req.source.fulfillmentTranId) refs.push({ customerReferenceType: 'INVOICE_NUMBER', value: req.source.fulfillmentTranId.slice(0, NUMBER_REFERENCE_MAX) });
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
  // FedEx: the shipment's total weight in pounds, with one decimal.
  const totalPounds = req.packages.reduce((sum, p) => sum + toPounds(p.weight.value, p.weight.units), 0);
  const requestedShipment: FedexRequestedShipment = {
    shipDatestamp: req.shipDate,
    pickupType: req.pickupType as FedexRequestedShipment['pickupType'],
    serviceType: req.serviceType,
    packagingType: req.packagingType,
    totalWeight: Math.max(0.1, Math.round(totalPounds * 10) / 10),
    totalPackageCount: packages.length,
    shipper: party(req.shipper),
    recipients: [party(req.recipient) as FedexRecipient],
    shippingChargesPayment: { paymentType: 'SENDER' },
    labelSpecification: { imageType: req.label.imageType, labelStockType: req.label.stockType },
    requestedPackageLineItems: packages,
  };
  if (req.customs) {
    requestedShipment.customsClearanceDetail = customsClearance(req.customs, accountNumber);
    // The commercial invoice as a PDF (FedEx returns it in shipmentDocuments) for the shipper to print
    // or keep; with Electronic Trade Documents FedEx also sends it to customs itself.
    requestedShipment.shippingDocumentSpecification = {
      shippingDocumentTypes: ['COMMERCIAL_INVOICE'],
      commercialInvoiceDetail: { documentFormat: { docType: 'PDF', stockType: 'PAPER_LETTER' } },
    };
    if (req.customs.electronicTradeDocuments) {
      requestedShipment.shipmentSpecialServices = {
        specialServiceTypes: ['ELECTRONIC_TRADE_DOCUMENTS'],
        etdDetail: { requestedDocumentTypes: ['COMMERCIAL_INVOICE'] },
      };
    }
  }
  return {
    accountNumber: { value: accountNumber },
    labelResponseOptions: 'LABEL',
    requestedShipment,
  };
}
