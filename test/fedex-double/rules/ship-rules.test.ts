// One or more cases per rule of rules/catalog.ts, through POST /ship/v1/shipments (and cancel): each
// starts from a request FedEx accepts and changes one thing. Track rules: track.test.ts; 9.5: oauth.test.ts.
import { describe, expect, it } from 'vitest';
import { createFedexDouble, type FedexDoubleOptions } from '../app';
import { buildCancelRequest, buildInternationalShipRequest, buildShipRequest } from '../request-builders';
import { validateResponseBody } from '../schemas';
import { apiClient, errorsOf, json, type ShipResponseBody } from '../test-support';

type Req = any; // request bodies are mutated freely here; the double checks them against FedEx's schema first
type Expectation = { code: string; field?: string | RegExp; message?: RegExp } | { alert: string } | 'accepted';

interface Case {
  rule: string;
  name: string;
  request: () => Req;
  expect: Expectation;
  options?: FedexDoubleOptions;
}

const us = (change: (r: Req) => void = () => {}, options = {}) => () => {
  const r: Req = buildShipRequest(options);
  change(r);
  return r;
};
const intl = (country: 'CA' | 'GB', change: (r: Req) => void = () => {}) => () => {
  const r: Req = buildInternationalShipRequest(country);
  change(r);
  return r;
};
const shipment = (r: Req) => r.requestedShipment;
const recipient = (r: Req) => r.requestedShipment.recipients[0];
const shipper = (r: Req) => r.requestedShipment.shipper;
const pkg = (r: Req, i = 0) => r.requestedShipment.requestedPackageLineItems[i];
const commodity = (r: Req, i = 0) => r.requestedShipment.customsClearanceDetail.commodities[i];
const invalid = (field: string | RegExp, message?: RegExp): Expectation => ({ code: 'INVALID.INPUT.EXCEPTION', field, ...(message ? { message } : {}) });
const setPlace = (party: Req, address: Record<string, unknown>, phone?: string) => {
  Object.assign(party.address, address);
  if (phone) party.contact.phoneNumber = phone;
};
const honolulu = (r: Req) => setPlace(shipper(r), { streetLines: ['1450 Ala Moana Blvd'], city: 'Honolulu', stateOrProvinceCode: 'HI', postalCode: '96813' });
const montreal = { streetLines: ['1000 Rue De La Gauchetiere O'], city: 'Montreal', stateOrProvinceCode: 'QC', postalCode: 'H3B 4W5', countryCode: 'CA' };
const mumbai = { streetLines: ['21 Nariman Point'], city: 'Mumbai', stateOrProvinceCode: 'MH', postalCode: '400021', countryCode: 'IN' };
const smartPost = (indicia: string) => (r: Req) => {
  shipment(r).serviceType = 'SMART_POST';
  shipment(r).smartPostInfoDetail = { hubId: '5379', indicia };
};

const CASES: Case[] = [
  { rule: '0.3', name: 'a problem FedEx ships anyway is an alert on the 200', request: us((r) => { recipient(r).address.city = 'Dallas'; }), expect: { alert: 'SHIP.RECIPIENT.POSTALCITY.MISMATCH' } },

  { rule: '1.1', name: 'a 6-digit phone is too short', request: us((r) => { recipient(r).contact.phoneNumber = '512555'; }), expect: { code: 'PHONENUMBER.TOO.SHORT' } },
  { rule: '1.1', name: 'a 16-character phone is too long', request: intl('GB', (r) => { recipient(r).contact.phoneNumber = '+442079460958123'; }), expect: { code: 'PHONENUMBER.TOO.LONG' } },
  { rule: '1.2', name: 'a US shipper phone as typed, with dashes', request: us((r) => { shipper(r).contact.phoneNumber = '901-555-1234'; }), expect: { code: 'SHIPPER.CONTACTPHONENUMBER.INVALID' } },
  { rule: '1.2', name: 'a US shipper phone of 11 digits not starting with 1', request: us((r) => { shipper(r).contact.phoneNumber = '90155512345'; }), expect: { code: 'SHIPPER.CONTACTPHONENUMBER.INVALID' } },
  { rule: '1.2', name: 'a recipient phone with its extension typed in', request: us((r) => { recipient(r).contact.phoneNumber = '415.555.0100 x123'; }), expect: { code: 'RECIPIENT.CONTACTPHONENUMBER.INVALID' } },
  { rule: '1.2', name: '+1 and 10 digits are fine', request: us((r) => { recipient(r).contact.phoneNumber = '+15125550100'; shipper(r).contact.phoneNumber = '19015551234'; }), expect: 'accepted' },
  { rule: '1.3', name: 'no shipper phone', request: us((r) => { shipper(r).contact.phoneNumber = ' '; }), expect: { code: 'SHIPMENT.SHIPPERPHONENUMBER.REQUIRED' } },
  { rule: '1.3', name: 'no recipient phone', request: us((r) => { recipient(r).contact.phoneNumber = ''; }), expect: { code: 'PHONE.NUMBER.REQUIRED' } },
  { rule: '1.4', name: 'a 7-character extension', request: us((r) => { recipient(r).contact.phoneExtension = '1234567'; }), expect: invalid('requestedShipment.recipients[0].contact.phoneExtension') },
  { rule: '1.5', name: 'a UK number of 9 digits', request: intl('GB', (r) => { recipient(r).contact.phoneNumber = '+20794609'; recipient(r).contact.phoneNumber = '+207946095'; }), expect: invalid('requestedShipment.recipients[0].contact.phoneNumber', /9 digits/) },
  { rule: '1.6', name: 'a US recipient with a 12-digit number: shipped, with FedEx’s warning', request: us((r) => { recipient(r).contact.phoneNumber = '442079460958'; }), expect: { alert: 'RECIPIENTCONTACT.PHONENUMBER.INVALID' } },
  { rule: '1.7', name: 'Home Delivery Premium EVENING without its phone', request: us((r) => { shipment(r).shipmentSpecialServices = { specialServiceTypes: ['HOME_DELIVERY_PREMIUM'], homeDeliveryPremiumDetail: { homedeliveryPremiumType: 'EVENING' } }; }, { residential: true }), expect: invalid(/homeDeliveryPremiumDetail\.phoneNumber$/) },
  { rule: '1.7', name: 'Home Delivery Premium phone with a dash', request: us((r) => { shipment(r).shipmentSpecialServices = { specialServiceTypes: ['HOME_DELIVERY_PREMIUM'], homeDeliveryPremiumDetail: { homedeliveryPremiumType: 'DATE_CERTAIN', deliveryDate: '2025-01-09', phoneNumber: { areaCode: '512', localNumber: '555-0100' } } }; }, { residential: true }), expect: invalid(/phoneNumber\.localNumber$/) },

  { rule: '2.1', name: 'no street line', request: us((r) => { recipient(r).address.streetLines = []; }), expect: { code: 'STREETLINE1.EMPTY' } },
  { rule: '2.1', name: 'a 41-character street line', request: us((r) => { recipient(r).address.streetLines = ['1234 North Riverside Plaza Boulevard East']; }), expect: { code: 'STREETLINES.TOO.LONG' } },
  { rule: '2.1', name: 'an empty second line', request: us((r) => { recipient(r).address.streetLines = ['100 Congress Ave', '', 'Floor 2']; }), expect: invalid('requestedShipment.recipients[0].address.streetLines[1]') },
  { rule: '2.1', name: 'a fourth line is ignored, not refused', request: us((r) => { recipient(r).address.streetLines = ['100 Congress Ave', 'Suite 1100', 'Floor 11', 'x'.repeat(60)]; }), expect: 'accepted' },
  { rule: '2.4', name: 'Austin’s ZIP with Dallas as the city: shipped with FedEx’s NOTE', request: us((r) => { recipient(r).address.city = 'Dallas'; }), expect: { alert: 'SHIP.RECIPIENT.POSTALCITY.MISMATCH' } },
  { rule: '2.5', name: 'a US address without state', request: us((r) => { delete recipient(r).address.stateOrProvinceCode; }), expect: invalid('requestedShipment.recipients[0].address.stateOrProvinceCode') },
  { rule: '2.6', name: 'a 3-letter state', request: us((r) => { recipient(r).address.stateOrProvinceCode = 'TEX'; }), expect: { code: 'RECIPIENT.ADDRESSSTATEORPROVINCECODE.MAXCHAREXCEEDED' } },
  { rule: '2.7', name: 'California with a Texas ZIP', request: us((r) => { recipient(r).address.stateOrProvinceCode = 'CA'; }), expect: { code: 'COUNTRY.POSTALANDSTATEORPROVINCECODE.MISMATCH' } },
  { rule: '2.7', name: 'Quebec with a Toronto postal code', request: intl('CA', (r) => { recipient(r).address.stateOrProvinceCode = 'QC'; }), expect: { code: 'COUNTRY.POSTALANDSTATEORPROVINCECODE.MISMATCH' } },
  { rule: '2.7', name: 'DC, PR and ZIP+4 are fine', request: us((r) => { setPlace(recipient(r), { city: 'San Juan', stateOrProvinceCode: 'PR', postalCode: '00901-1234' }); setPlace(shipper(r), { city: 'Washington', stateOrProvinceCode: 'DC', postalCode: '20001' }); }), expect: 'accepted' },
  { rule: '2.8', name: 'an origin in Quebec sent as QC: shipped, FedEx says it changed the code', request: () => { const r: Req = buildInternationalShipRequest('CA'); const from = shipper(r); const to = recipient(r); setPlace(from, montreal, '5145550100'); Object.assign(to.address, { streetLines: ['100 Congress Ave'], city: 'Austin', stateOrProvinceCode: 'TX', postalCode: '78701', countryCode: 'US' }); r.requestedShipment.requestedPackageLineItems.forEach((p: Req) => delete p.subPackagingType); commodity(r).countryOfManufacture = 'CA'; return r; }, expect: { alert: 'ORIGIN.STATEORPROVINCECODE.CHANGED' } },
  { rule: '2.9', name: 'state ZZ in the US', request: us((r) => { recipient(r).address.stateOrProvinceCode = 'ZZ'; }), expect: invalid('requestedShipment.recipients[0].address.stateOrProvinceCode', /not a state/) },
  { rule: '2.9', name: 'Ontario on a US address', request: us((r) => { recipient(r).address.stateOrProvinceCode = 'ON'; }), expect: invalid('requestedShipment.recipients[0].address.stateOrProvinceCode') },
  { rule: '2.10', name: 'a 4-digit US ZIP', request: us((r) => { recipient(r).address.postalCode = '9410'; }), expect: { code: 'COUNTRY.POSTALCODEORZIP.INVALID' } },
  { rule: '2.10', name: 'letters as a US ZIP', request: us((r) => { recipient(r).address.postalCode = 'ABCDE'; }), expect: { code: 'COUNTRY.POSTALCODEORZIP.INVALID' } },
  { rule: '2.10', name: 'a Canadian postal code on a US address', request: us((r) => { recipient(r).address.postalCode = 'K1A 0B1'; }), expect: { code: 'COUNTRY.POSTALCODEORZIP.INVALID' } },
  { rule: '2.10', name: 'a ZIP prefix no ZIP uses', request: us((r) => { recipient(r).address.postalCode = '00000'; }), expect: { code: 'COUNTRY.POSTALCODEORZIP.INVALID' } },
  { rule: '2.10', name: 'no postal code in the US', request: us((r) => { delete recipient(r).address.postalCode; }), expect: invalid('requestedShipment.recipients[0].address.postalCode') },
  { rule: '2.10', name: 'Canadian and UK postal codes without their space are fine', request: intl('CA', (r) => { recipient(r).address.postalCode = 'M5V2T6'; }), expect: 'accepted' },
  { rule: '2.10', name: 'a UK postcode without its space is fine', request: intl('GB', (r) => { recipient(r).address.postalCode = 'SW1A1AA'; }), expect: 'accepted' },
  { rule: '2.11', name: 'an unknown country code', request: us((r) => { recipient(r).address.countryCode = 'XX'; }), expect: invalid('requestedShipment.recipients[0].address.countryCode') },
  { rule: '2.11', name: 'a country FedEx does not serve', request: intl('CA', (r) => { recipient(r).address.countryCode = 'CU'; }), expect: invalid('requestedShipment.recipients[0].address.countryCode', /does not serve/) },
  { rule: '2.12', name: 'a 71-character person name', request: us((r) => { recipient(r).contact.personName = 'P'.repeat(71); }), expect: { code: 'PERSONNAME.TOO.LONG' } },
  { rule: '2.12', name: 'neither person nor company', request: us((r) => { delete recipient(r).contact.personName; delete recipient(r).contact.companyName; }), expect: { code: 'PERSONNAME.AND.CONTACTNAME.EMPTY' } },
  { rule: '2.12', name: 'a 36-character company name', request: us((r) => { recipient(r).contact.companyName = 'C'.repeat(36); }), expect: invalid('requestedShipment.recipients[0].contact.companyName') },
  { rule: '2.13', name: 'a recipient e-mail that is not one', request: us((r) => { recipient(r).contact.emailAddress = 'orders at acme'; }), expect: { code: 'RECIPIENTS.CONTACTEMAILADDRESS.INVALID' } },
  { rule: '2.13', name: 'an 81-character e-mail', request: us((r) => { recipient(r).contact.emailAddress = `${'a'.repeat(69)}@example.com`; }), expect: { code: 'RECIPIENTS.CONTACTEMAILADDRESS.INVALID' } },
  { rule: '2.14', name: 'FedEx Ground to a P.O. box', request: us((r) => { recipient(r).address.streetLines = ['P.O. Box 1234']; }), expect: invalid('requestedShipment.recipients[0].address.streetLines', /P\.O\. box/) },

  { rule: '3.1', name: 'FEDEX_GROUND to a home', request: us((r) => { recipient(r).address.residential = true; }), expect: invalid('requestedShipment.serviceType', /GROUND_HOME_DELIVERY/) },
  { rule: '3.1', name: 'FEDEX_GROUND to a home with a 75 lb package is fine', request: us((r) => { recipient(r).address.residential = true; pkg(r).weight.value = 75; shipment(r).totalWeight = 75; }), expect: 'accepted' },
  { rule: '3.2', name: 'Home Delivery to a business', request: us((r) => { shipment(r).serviceType = 'GROUND_HOME_DELIVERY'; }), expect: invalid('requestedShipment.recipients[0].address.residential', /must be designated as residential/) },
  { rule: '3.3', name: 'a 71 lb Home Delivery package', request: us((r) => { pkg(r).weight.value = 71; shipment(r).totalWeight = 71; }, { residential: true }), expect: invalid('requestedShipment.requestedPackageLineItems[0].weight.value', /Weight is missing or invalid/) },
  { rule: '3.5', name: 'PRIORITY_OVERNIGHT to Canada', request: intl('CA', (r) => { shipment(r).serviceType = 'PRIORITY_OVERNIGHT'; }), expect: invalid('requestedShipment.serviceType', /Invalid service type/) },
  { rule: '3.5', name: 'FEDEX_GROUND to the UK', request: intl('GB', (r) => { shipment(r).serviceType = 'FEDEX_GROUND'; }), expect: invalid('requestedShipment.serviceType', /does not cross borders/) },
  { rule: '3.5', name: 'FEDEX_GROUND to Canada (International Ground) is fine', request: intl('CA', (r) => { shipment(r).serviceType = 'FEDEX_GROUND'; }), expect: 'accepted' },
  { rule: '3.5', name: 'a service type FedEx does not have', request: us((r) => { shipment(r).serviceType = 'FEDEX_TELEPORT'; }), expect: invalid('requestedShipment.serviceType') },
  { rule: '3.6', name: 'Express Saver out of Hawaii', request: us((r) => { honolulu(r); shipment(r).serviceType = 'FEDEX_EXPRESS_SAVER'; }), expect: invalid('requestedShipment.serviceType', /Alaska and Hawaii/) },
  { rule: '3.6', name: 'Standard Overnight into Hawaii', request: us((r) => { setPlace(recipient(r), { city: 'Honolulu', stateOrProvinceCode: 'HI', postalCode: '96813' }); shipment(r).serviceType = 'STANDARD_OVERNIGHT'; }), expect: invalid('requestedShipment.serviceType', /outbound only/) },
  { rule: '3.7', name: 'Ground Economy without smartPostInfoDetail', request: us((r) => { shipment(r).serviceType = 'SMART_POST'; }), expect: invalid('requestedShipment.smartPostInfoDetail') },
  { rule: '3.7', name: 'Ground Economy from a hub FedEx does not have', request: us((r) => { smartPost('PARCEL_SELECT')(r); shipment(r).smartPostInfoDetail.hubId = '1234'; }), expect: invalid('requestedShipment.smartPostInfoDetail.hubId') },
  { rule: '3.7', name: 'PRESORTED_STANDARD over 1 lb', request: us((r) => { smartPost('PRESORTED_STANDARD')(r); shipment(r).smartPostInfoDetail.ancillaryEndorsement = 'RETURN_SERVICE'; }), expect: invalid(/weight$/, /0\.99 LB/) },

  { rule: '4.1', name: '31 package line items', request: us(() => {}, { packages: 31 }), expect: invalid('requestedShipment.requestedPackageLineItems', /at most 30/) },
  { rule: '4.2', name: '41 packages without ALLOW_ASYNCHRONOUS', request: us((r) => { pkg(r).groupPackageCount = 41; }), expect: invalid('requestedShipment.requestedPackageLineItems', /ALLOW_ASYNCHRONOUS/) },
  { rule: '4.3', name: 'one label at a time for 201 packages', request: us((r) => { r.oneLabelAtATime = true; shipment(r).totalPackageCount = 201; }), expect: invalid('requestedShipment.totalPackageCount') },
  { rule: '4.4', name: 'packages in LB and KG', request: us((r) => { pkg(r, 1).weight = { units: 'KG', value: 1.1 }; }, { packages: 2 }), expect: invalid('requestedShipment.requestedPackageLineItems', /same unit/) },
  { rule: '4.4', name: 'a commodity in KG with packages in LB', request: intl('CA', (r) => { commodity(r).weight = { units: 'KG', value: 1.1 }; }), expect: invalid(/commodities\[0\]\.weight\.units$/) },
  { rule: '4.4', name: 'dry ice in LB', request: us((r) => { pkg(r).packageSpecialServices = { specialServiceTypes: ['DRY_ICE'], dryIceWeight: { units: 'LB', value: 2 } }; shipment(r).serviceType = 'PRIORITY_OVERNIGHT'; }), expect: invalid(/dryIceWeight\.units$/) },
  { rule: '4.5', name: 'totalWeight with two decimals', request: us((r) => { shipment(r).totalWeight = 2.55; }), expect: invalid('requestedShipment.totalWeight') },
  { rule: '4.6', name: '151 lb on FEDEX_GROUND', request: us((r) => { pkg(r).weight.value = 151; shipment(r).totalWeight = 151; }), expect: invalid('requestedShipment.requestedPackageLineItems[0].weight.value', /at most 150 LB/) },
  { rule: '4.6', name: '150 lb on FEDEX_GROUND is fine', request: us((r) => { pkg(r).weight.value = 150; shipment(r).totalWeight = 150; }), expect: 'accepted' },
  { rule: '4.6', name: 'a 2 lb FedEx Envelope', request: us((r) => { shipment(r).serviceType = 'PRIORITY_OVERNIGHT'; shipment(r).packagingType = 'FEDEX_ENVELOPE'; pkg(r).weight.value = 2; shipment(r).totalWeight = 2; }), expect: invalid(/weight\.value$/, /at most 1 LB/) },
  { rule: '4.6', name: 'a package weighing 0', request: us((r) => { pkg(r).weight.value = 0; shipment(r).totalWeight = 0; }), expect: invalid(/weight\.value$/, /Weight is missing or invalid/) },
  { rule: '4.7', name: 'a side of 0', request: us((r) => { pkg(r).dimensions = { length: 10, width: 0, height: 5, units: 'IN' }; }), expect: { code: 'PACKAGE.DIMENSION.ERROR' } },
  { rule: '4.7', name: 'two sides of three', request: us((r) => { pkg(r).dimensions = { length: 10, width: 8, units: 'IN' }; }), expect: { code: 'PACKAGE.DIMENSION.ERROR' } },
  { rule: '4.8', name: 'Express Freight without dimensions', request: us((r) => { shipment(r).serviceType = 'FEDEX_1_DAY_FREIGHT'; }), expect: invalid('requestedShipment.requestedPackageLineItems[0].dimensions', /required/) },
  { rule: '4.8', name: 'YOUR_PACKAGING on Ground without dimensions is fine', request: us(), expect: 'accepted' },
  { rule: '4.9', name: 'a 110 in long Ground package', request: us((r) => { pkg(r).dimensions = { length: 110, width: 10, height: 10, units: 'IN' }; }), expect: invalid(/dimensions$/, /108 in/) },
  { rule: '4.9', name: '180 in length plus girth on Ground', request: us((r) => { pkg(r).dimensions = { length: 60, width: 30, height: 30, units: 'IN' }; }), expect: invalid(/dimensions$/, /length plus girth/) },
  { rule: '4.10', name: 'a FedEx Box on Ground', request: us((r) => { shipment(r).packagingType = 'FEDEX_BOX'; }), expect: { code: 'SERVICE.PACKAGECOMBINATION.INVALID' } },
  { rule: '4.10', name: 'a packaging type FedEx does not have', request: us((r) => { shipment(r).packagingType = 'SHOEBOX'; }), expect: invalid('requestedShipment.packagingType') },
  { rule: '4.11', name: 'into Canada without subPackagingType', request: intl('CA', (r) => { delete pkg(r).subPackagingType; }), expect: invalid('requestedShipment.requestedPackageLineItems[0].subPackagingType') },
  { rule: '4.12', name: 'declared values that do not add up: shipped, with FedEx’s warning', request: us((r) => { pkg(r).declaredValue = { amount: 50, currency: 'USD' }; shipment(r).totalDeclaredValue = { amount: 100, currency: 'USD' }; }), expect: { alert: 'REQUESTEDSHIPMENT.TOTALDECLAREDVALUE.MISMATCH' } },

  { rule: '5.1', name: 'a 31-character customer reference on Ground', request: us(() => {}, { customerReference: 'R'.repeat(31) }), expect: invalid(/customerReferences\[0\]\.value$/, /customerReference value is invalid for customer reference 1 in requestedPackage 1/) },
  { rule: '5.1', name: 'a 40-character customer reference on Express is fine', request: us((r) => { shipment(r).serviceType = 'PRIORITY_OVERNIGHT'; }, { customerReference: 'R'.repeat(40) }), expect: 'accepted' },
  { rule: '5.1', name: 'a 21-character RMA', request: us((r) => { pkg(r).customerReferences = [{ customerReferenceType: 'RMA_ASSOCIATION', value: 'R'.repeat(21) }]; }), expect: invalid(/customerReferences\[0\]\.value$/) },
  { rule: '5.2', name: 'an intra-country regulatory reference outside Brazil', request: us((r) => { pkg(r).customerReferences = [{ customerReferenceType: 'INTRACOUNTRY_REGULATORY_REFERENCE', value: 'X1' }]; }), expect: invalid(/customerReferenceType$/, /within Brazil/) },
  { rule: '5.2', name: 'a P.O. number on the commercial invoice', request: intl('CA', (r) => { r.requestedShipment.customsClearanceDetail.commercialInvoice.customerReferences = [{ customerReferenceType: 'P_O_NUMBER', value: 'PO-1' }]; }), expect: invalid(/commercialInvoice\.customerReferences\[0\]\.customerReferenceType$/) },

  { rule: '6.1', name: 'a ship date that is not a date', request: us((r) => { shipment(r).shipDatestamp = '2025-02-30'; }), expect: invalid('requestedShipment.shipDatestamp') },
  { rule: '6.2', name: 'Priority Overnight 11 days ahead', request: us((r) => { shipment(r).serviceType = 'PRIORITY_OVERNIGHT'; shipment(r).shipDatestamp = '2025-01-17'; }), expect: invalid('requestedShipment.shipDatestamp', /at most 10 days/) },
  { rule: '6.2', name: 'Ground 20 days ahead is fine', request: us((r) => { shipment(r).shipDatestamp = '2025-01-26'; }), expect: 'accepted' },

  { rule: '7.1', name: 'to Canada without customs', request: intl('CA', (r) => { delete shipment(r).customsClearanceDetail; }), expect: invalid('requestedShipment.customsClearanceDetail', /cannot be null/) },
  { rule: '7.1', name: 'within India without customs', request: us((r) => { setPlace(shipper(r), mumbai, '9122555010'); setPlace(recipient(r), { ...mumbai, streetLines: ['5 Marine Drive'], postalCode: '400020' }, '9122555011'); shipment(r).serviceType = 'STANDARD_OVERNIGHT'; }), expect: invalid('requestedShipment.customsClearanceDetail') },
  { rule: '7.2', name: 'a commodity without description', request: intl('CA', (r) => { commodity(r).description = ' '; }), expect: invalid(/commodities\[0\]\.description$/) },
  { rule: '7.2', name: 'a 451-character description', request: intl('CA', (r) => { commodity(r).description = 'd'.repeat(451); }), expect: invalid(/commodities\[0\]\.description$/, /at most 450/) },
  { rule: '7.3', name: 'no country of manufacture', request: intl('GB', (r) => { delete commodity(r).countryOfManufacture; }), expect: invalid(/countryOfManufacture$/) },
  { rule: '7.3', name: '10,000 pieces', request: intl('GB', (r) => { commodity(r).numberOfPieces = 10_000; }), expect: invalid(/numberOfPieces$/) },
  { rule: '7.3', name: 'a six-digit unit price', request: intl('GB', (r) => { commodity(r).unitPrice.amount = 123_456; commodity(r).customsValue.amount = 246_912; }), expect: invalid(/unitPrice\.amount$/) },
  { rule: '7.4', name: '100 commodities with a commercial invoice', request: intl('GB', (r) => { shipment(r).customsClearanceDetail.commodities = Array.from({ length: 100 }, () => ({ ...commodity(r) })); }), expect: invalid(/commodities$/, /99 lines/) },
  { rule: '7.4', name: '1,000 commodities', request: intl('GB', (r) => { shipment(r).customsClearanceDetail.commodities = Array.from({ length: 1000 }, () => ({ ...commodity(r) })); delete shipment(r).shippingDocumentSpecification; }), expect: invalid(/commodities$/, /at most 999/) },
  { rule: '7.5', name: 'a commodity without customs value', request: intl('CA', (r) => { delete commodity(r).customsValue; }), expect: { code: 'INVALID.INPUT.EXCEPTION', message: /Commodity 1 - customs value is invalid\./ } },
  { rule: '7.6', name: 'a customs value below quantity times unit price: shipped, with FedEx’s warning', request: intl('CA', (r) => { commodity(r).customsValue.amount = 20; }), expect: { alert: 'COMMODITIES.CUSTOMSVALUE.LESSTHANREQUIRED' } },
  { rule: '7.6', name: 'a total customs value above the commodities’', request: intl('CA', (r) => { shipment(r).customsClearanceDetail.totalCustomsValue = { amount: 80, currency: 'USD' }; }), expect: { alert: 'CUSTOMVALUE.GREATER.THAN.COMMODITYVALUE' } },
  { rule: '7.7', name: 'no harmonized code is fine', request: intl('CA', (r) => { delete commodity(r).harmonizedCode; }), expect: 'accepted' },
  { rule: '7.8', name: 'customs values in two currencies', request: intl('CA', (r) => { shipment(r).customsClearanceDetail.commodities.push({ ...commodity(r), customsValue: { amount: 10, currency: 'CAD' } }); }), expect: { code: 'CURRENCYTYPE.PACKAGES.MUST' } },
  { rule: '7.9', name: 'duties billed to the recipient without an account', request: intl('CA', (r) => { shipment(r).customsClearanceDetail.dutiesPayment = { paymentType: 'RECIPIENT' }; }), expect: { code: 'ACCOUNT.NUMBER.INVALID' } },

  { rule: '8.1', name: 'a ZPLII label on paper stock', request: us((r) => { shipment(r).labelSpecification = { imageType: 'ZPLII', labelStockType: 'PAPER_4X6' }; }), expect: invalid('requestedShipment.labelSpecification.labelStockType') },
  { rule: '8.1', name: 'a PDF label on thermal stock', request: us((r) => { shipment(r).labelSpecification = { imageType: 'PDF', labelStockType: 'STOCK_4X6' }; }), expect: invalid('requestedShipment.labelSpecification.labelStockType') },
  { rule: '8.2', name: 'resolution 300 on a PDF is defaulted, not refused', request: us((r) => { shipment(r).labelSpecification.resolution = 300; }), expect: 'accepted' },

  { rule: '9.1', name: 'an account number of 5 digits', request: us(() => {}, { accountNumber: '12345' }), expect: { code: 'ACCOUNTNUMBER.REGISTRATION.REQUIRED' } },
  { rule: '9.2', name: 'a SENDER payor that is not the shipper', request: us((r) => { shipment(r).shippingChargesPayment.payor.responsibleParty.accountNumber.value = '510087020'; }), expect: { code: 'ACCOUNT.NUMBER.MISMATCH' } },
  { rule: '9.3', name: 'an account FedEx does not let ship', request: us(), options: { unauthorizedAccountNumbers: ['740561073'] }, expect: { code: 'SHIPMENT.ACCOUNTNUMBER.UNAUTHORIZED' } },

  { rule: '11.1', name: 'letters a label cannot print are accepted', request: us((r) => { recipient(r).contact.personName = 'Zoë 山田'; }), expect: 'accepted' },
  { rule: '11.2', name: 'a NUL in a street line', request: us((r) => { recipient(r).address.streetLines = ['100 Congress\u0000Ave']; }), expect: invalid('requestedShipment.recipients[0].address.streetLines[0]', /U\+0000/) },
  { rule: '11.2', name: 'a right-to-left override in a name', request: us((r) => { recipient(r).contact.personName = 'Jane \u202eeoD'; }), expect: invalid('requestedShipment.recipients[0].contact.personName', /U\+202E/) },
];

async function create(request: Req, options: FedexDoubleOptions = {}) {
  const double = createFedexDouble(options);
  const response = await apiClient(double).post('/ship/v1/shipments', request);
  return { double, response, body: (await response.json()) as Req };
}

describe('FedEx business rules on POST /ship/v1/shipments', () => {
  it.each(CASES.map((c) => [`${c.rule} ${c.name}`, c] as const))('%s', async (_title, c) => {
    const { double, response, body } = await create(c.request(), c.options);
    if (c.expect === 'accepted' || 'alert' in c.expect) {
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(response.status).toBe(200);
      expect(validateResponseBody('ship.create', 200, body)).toEqual([]);
      const alerts = body.output.transactionShipments[0].alerts ?? [];
      if (c.expect !== 'accepted') expect(alerts.map((a: { code: string }) => a.code)).toContain(c.expect.alert);
      return;
    }
    expect(response.status).toBe(400);
    expect(validateResponseBody('ship.create', 400, body)).toEqual([]);
    const { code, field, message } = c.expect;
    const matching = (body.errors as Array<{ code: string; message: string; parameterList?: Array<{ key: string; value: string }> }>).filter((e) => {
      if (e.code !== code) return false;
      const named = e.parameterList?.find((p) => p.key === 'field')?.value ?? '';
      if (field !== undefined && !(typeof field === 'string' ? named === field : field.test(named))) return false;
      return message === undefined || message.test(e.message);
    });
    expect(matching, JSON.stringify(body.errors)).not.toHaveLength(0);
    expect(double.stats.ruleFindings[c.rule]).toBeGreaterThan(0);
    expect(double.shipments.all()).toHaveLength(0);
  });

  it('0.1: every violation of a request is listed in the one 400', async () => {
    const { body } = await create(us((r) => { shipper(r).contact.phoneNumber = ''; recipient(r).address.postalCode = 'ABCDE'; shipment(r).totalWeight = 2.55; })());
    expect(body.errors.map((e: { code: string }) => e.code)).toEqual(['SHIPMENT.SHIPPERPHONENUMBER.REQUIRED', 'COUNTRY.POSTALCODEORZIP.INVALID', 'INVALID.INPUT.EXCEPTION']);
  });

  it('0.1: a shipment without recipient is refused, naming the field', async () => {
    const { body } = await create(us((r) => { shipment(r).recipients = []; })());
    expect(body.errors.map((e: { parameterList?: Array<{ value: string }> }) => e.parameterList?.[0]?.value)).toContain('requestedShipment.recipients');
  });

  it('6.1: a past ship date is answered with today’s date, not refused', async () => {
    const { body } = await create(us((r) => { shipment(r).shipDatestamp = '2024-12-01'; })());
    expect(body.output.transactionShipments[0].shipDatestamp).toBe('2025-01-06');
  });

  it('2.2: a Ground Economy label prints 30 characters of each street line', async () => {
    const { double, body } = await create(us((r) => { smartPost('PARCEL_SELECT')(r); recipient(r).address.streetLines = ['ABCDEFGHIJKLMNOPQRSTUVWXYZ12345678']; })());
    const label = Buffer.from(double.label(body.output.transactionShipments[0].masterTrackingNumber)!.bytes).toString('latin1');
    expect(label).toContain('(ABCDEFGHIJKLMNOPQRSTUVWXYZ1234)');
  });

  it('4.10: Express Freight ships as YOUR_PACKAGING whatever packaging was asked for', async () => {
    const { double } = await create(us((r) => { shipment(r).serviceType = 'FEDEX_1_DAY_FREIGHT'; shipment(r).packagingType = 'FEDEX_BOX'; pkg(r).dimensions = { length: 40, width: 40, height: 40, units: 'IN' }; pkg(r).weight.value = 300; shipment(r).totalWeight = 300; })());
    expect(double.shipments.all()[0]?.packagingType).toBe('YOUR_PACKAGING');
  });

  it('an international create carries the commercial invoice in shipmentDocuments, apart from the labels', async () => {
    const { body } = await create(buildInternationalShipRequest('CA', { packages: 2 }));
    const shipmentOut = (body as ShipResponseBody & { output: { transactionShipments: Array<{ shipmentDocuments: Array<{ contentType: string; docType: string; encodedLabel: string; trackingNumber: string }> }> } }).output.transactionShipments[0]!;
    expect(shipmentOut.shipmentDocuments).toHaveLength(1);
    const invoice = shipmentOut.shipmentDocuments[0]!;
    expect(invoice).toMatchObject({ contentType: 'COMMERCIAL_INVOICE', docType: 'PDF', trackingNumber: shipmentOut.masterTrackingNumber });
    const pdf = Buffer.from(invoice.encodedLabel, 'base64').toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('COMMERCIAL INVOICE');
    expect(shipmentOut.pieceResponses.flatMap((p) => p.packageDocuments.map((d) => d.contentType))).toEqual(['LABEL', 'LABEL']);
  });

  it('9.4: cancelling another account’s shipment is SHIPMENT.USER.UNAUTHORIZED; an unknown account ACCOUNTNUMBER.REGISTRATION.REQUIRED', async () => {
    const double = createFedexDouble({ accountNumbers: ['740561073', '510087020'] });
    const client = apiClient(double);
    const created = await json<ShipResponseBody>(await client.post('/ship/v1/shipments', buildShipRequest()));
    const trackingNumber = created.output.transactionShipments[0]!.masterTrackingNumber;
    const other = await client.put('/ship/v1/shipments/cancel', buildCancelRequest(trackingNumber, '510087020'));
    expect(other.status).toBe(400);
    expect((await errorsOf(other)).errors).toEqual([{ code: 'SHIPMENT.USER.UNAUTHORIZED', message: 'Requested user is not authorized to perform the operation.' }]);
    const unknown = await client.put('/ship/v1/shipments/cancel', buildCancelRequest(trackingNumber, '12345'));
    expect((await errorsOf(unknown)).errors[0]?.code).toBe('ACCOUNTNUMBER.REGISTRATION.REQUIRED');
    expect((await client.put('/ship/v1/shipments/cancel', buildCancelRequest(trackingNumber))).status).toBe(200);
  });
});

export const SHIP_RULE_CASES: readonly string[] = [...new Set(CASES.map((c) => c.rule)), '0.1', '2.2', '4.10', '6.1', '9.4'];
