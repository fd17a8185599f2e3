/**
 * Every rule of rules/fedex-rules.md (77 rows, id = <section>.<row>) and what the double does with it.
 * `enforced`: refused (HTTP 400, FedEx's code where known) or alerted as FedEx does; `accepted`: FedEx
 * documents that it does not refuse, and the double accepts and behaves as documented; `schema`: FedEx's
 * OpenAPI file already says it and the schema check enforces it; `partly` and `not-enforced` say why.
 * README.md is checked against this list (catalog.test.ts).
 */
export type RuleStatus = 'enforced' | 'accepted' | 'schema' | 'partly' | 'not-enforced';

export interface CatalogEntry {
  id: string;
  rule: string;
  status: RuleStatus;
  /** What the double answers, or why it cannot know. */
  note: string;
}

export const CATALOG: readonly CatalogEntry[] = [
  { id: '0.1', rule: 'a business error is HTTP 400 listing every error', status: 'enforced', note: 'every violation found in one 400; parameterList names the field (and COMMODITY_INDEX)' },
  { id: '0.2', rule: 'input validation can answer 422', status: 'not-enforced', note: 'seen only on the Rate API; the Ship and Track OpenAPI files declare 400 for input errors, which the double answers' },
  { id: '0.3', rule: 'problems FedEx ships anyway come back as alerts on the 200', status: 'enforced', note: 'transactionShipments[].alerts with alertType NOTE or WARNING' },
  { id: '1.1', rule: 'phone 10 to 15 characters', status: 'enforced', note: 'PHONENUMBER.TOO.SHORT / PHONENUMBER.TOO.LONG' },
  { id: '1.2', rule: 'US and CA phone: 10 digits, optional 1 or +1', status: 'enforced', note: 'SHIPPER. / RECIPIENT.CONTACTPHONENUMBER.INVALID; punctuation and typed extensions refused (FedEx does not say it strips them)' },
  { id: '1.3', rule: 'phone missing', status: 'enforced', note: 'SHIPMENT.SHIPPERPHONENUMBER.REQUIRED / PHONE.NUMBER.REQUIRED' },
  { id: '1.4', rule: 'phoneExtension at most 6', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION naming the field (no FedEx code published)' },
  { id: '1.5', rule: 'international phone 10 to 15 digits', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION' },
  { id: '1.6', rule: 'recipient phone not fitting the country: accepted with a warning', status: 'enforced', note: 'WARNING alert RECIPIENTCONTACT.PHONENUMBER.INVALID (a US/CA recipient number of digits that is not 10 digits)' },
  { id: '1.7', rule: 'Home Delivery Premium phone numeric, required for DATE_CERTAIN and EVENING', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION' },
  { id: '2.1', rule: 'street lines: one at least, none empty, 35 characters; after the 3rd ignored', status: 'enforced', note: 'STREETLINE1.EMPTY, STREETLINES.TOO.LONG; lines after the 3rd dropped, not refused' },
  { id: '2.2', rule: 'Ground Economy labels print 30 characters per street line', status: 'accepted', note: 'the double truncates on the SMART_POST label, refuses nothing' },
  { id: '2.3', rule: 'city at most 35', status: 'schema', note: 'maxLength 35 in PartyAddress' },
  { id: '2.4', rule: 'postal code and city disagree: NOTE alert', status: 'partly', note: 'SHIP.RECIPIENT.POSTALCITY.MISMATCH for US ZIPs whose city the zipcodes package knows; FedEx\'s own postal database (other countries, alternate city names) is not available' },
  { id: '2.5', rule: 'state required for US, CA, PR', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION; MX (one plugin\'s claim only) not required' },
  { id: '2.6', rule: 'state at most 2 characters', status: 'enforced', note: 'RECIPIENT.ADDRESSSTATEORPROVINCECODE.MAXCHAREXCEEDED (recipient), INVALID.INPUT.EXCEPTION (shipper)' },
  { id: '2.7', rule: 'state agrees with the postal code', status: 'enforced', note: 'COUNTRY.POSTALANDSTATEORPROVINCECODE.MISMATCH: US by the states of the ZIP\'s first three digits, CA by the postal code\'s first letter' },
  { id: '2.8', rule: 'FedEx replaces a state code and says so', status: 'partly', note: 'NOTE alert ORIGIN.STATEORPROVINCECODE.CHANGED for an origin in Quebec sent as QC (what karrio saw); other replacements are not known' },
  { id: '2.9', rule: 'valid state codes (US incl. DC and PR, CA, MX, IN, AE)', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION; lists from REF' },
  { id: '2.10', rule: 'postal code required where postal-aware, at most 10, per-country pattern', status: 'enforced', note: 'COUNTRY.POSTALCODEORZIP.INVALID; US ZIP and ZIP+4, hyphen optional (a prefix no ZIP uses is invalid), CA with or without the space, GB\'s forms, REF\'s patterns elsewhere' },
  { id: '2.11', rule: 'country code from FedEx\'s list, not a country FedEx does not serve', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION; ISO 3166 codes minus REF\'s not-served list' },
  { id: '2.12', rule: 'personName at most 70, companyName at most 35, one of them', status: 'enforced', note: 'PERSONNAME.TOO.LONG, PERSONNAME.AND.CONTACTNAME.EMPTY, INVALID.INPUT.EXCEPTION for companyName' },
  { id: '2.13', rule: 'emailAddress at most 80', status: 'enforced', note: 'RECIPIENTS.CONTACTEMAILADDRESS.INVALID (recipient; also a malformed address), INVALID.INPUT.EXCEPTION (shipper)' },
  { id: '2.14', rule: 'FedEx Ground does not deliver to P.O. boxes', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION for FEDEX_GROUND and GROUND_HOME_DELIVERY' },
  { id: '3.1', rule: 'FEDEX_GROUND to a US residence: use Home Delivery (unless over 70 lb)', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION (REST code unknown)' },
  { id: '3.2', rule: 'GROUND_HOME_DELIVERY must be residential', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION with FedEx\'s SOAP-era message' },
  { id: '3.3', rule: 'Home Delivery at most 70 lb / 32 kg a package', status: 'enforced', note: '"Package N - Weight is missing or invalid." (INVALID.INPUT.EXCEPTION)' },
  { id: '3.4', rule: 'Ground and Home Delivery Monday to Friday', status: 'not-enforced', note: 'what REST does with a weekend ship date (refuse, or move it with an alert) is not documented' },
  { id: '3.5', rule: 'domestic-only services across borders; FEDEX_GROUND domestic or US-CA', status: 'enforced', note: '"Invalid service type." (INVALID.INPUT.EXCEPTION); also an unknown service type' },
  { id: '3.6', rule: 'US region limits (AK, HI)', status: 'partly', note: '2Day within HI, Express Saver and 3Day Freight to or from AK/HI, Standard Overnight and 2Day AM into HI refused; Oahu-only freight and Same Day City metros need data FedEx does not publish' },
  { id: '3.7', rule: 'Ground Economy: hub, indicia, weights, endorsement', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION with FedEx\'s SOAP-era messages; hubs from REF' },
  { id: '4.1', rule: 'at most 30 package line items', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION' },
  { id: '4.2', rule: 'more than 40 pieces need ALLOW_ASYNCHRONOUS', status: 'partly', note: 'refused without it; with it, the asynchronous job API is not modelled (refused, saying so)' },
  { id: '4.3', rule: 'one label at a time: at most 200 packages', status: 'partly', note: 'the count is enforced; the per-package call sequence with masterTrackingId is not modelled' },
  { id: '4.4', rule: 'package and commodity weights in one unit; dry ice in KG', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION (FedEx\'s schema also allows only KG for commodity weights)' },
  { id: '4.5', rule: 'totalWeight with one decimal place', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION; FedEx documents the format, the double refuses more decimals' },
  { id: '4.6', rule: 'weight per package by service and packaging', status: 'enforced', note: '"Package N - Weight is missing or invalid."; REF\'s table, FEDEX_GROUND at 150 lb (see README)' },
  { id: '4.7', rule: 'dimensions: all three, whole numbers 1 to 999', status: 'enforced', note: 'PACKAGE.DIMENSION.ERROR (decimals are already schema errors)' },
  { id: '4.8', rule: 'when dimensions are required', status: 'partly', note: 'required for Express Freight; FedEx\'s other description (YOUR_PACKAGING) is contradicted by its own sample payloads, so accepted without' },
  { id: '4.9', rule: 'Ground size: 108 in long, 165 in length plus girth', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION; Express size limits are not in the notes' },
  { id: '4.10', rule: 'FedEx packaging is for Express; Ground takes YOUR_PACKAGING', status: 'enforced', note: 'SERVICE.PACKAGECOMBINATION.INVALID; Express Freight shipped as YOUR_PACKAGING; an unknown packaging type refused' },
  { id: '4.11', rule: 'subPackagingType for shipments to Canada', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION for YOUR_PACKAGING into Canada from elsewhere' },
  { id: '4.12', rule: 'totalDeclaredValue equals the packages\' declared values', status: 'enforced', note: 'WARNING alert REQUESTEDSHIPMENT.TOTALDECLAREDVALUE.MISMATCH' },
  { id: '5.1', rule: 'reference lengths per type and service', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION with FedEx\'s SOAP-era message; the lengths are FedEx\'s table in CustomerReference.value (its Domestic_Express_Customer_Reference sample sends 40 characters in every type, against that table)' },
  { id: '5.2', rule: 'where each reference type goes', status: 'enforced', note: 'P_O_NUMBER not under commercialInvoice; INTRACOUNTRY_REGULATORY_REFERENCE only within Brazil' },
  { id: '5.3', rule: 'allowed characters in references', status: 'not-enforced', note: 'not documented (control characters: see 11.2)' },
  { id: '6.1', rule: 'shipDatestamp format; a past or missing date becomes today', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION for a malformed date; past dates answered with today\'s date' },
  { id: '6.2', rule: 'how far ahead', status: 'partly', note: 'SOAP-era limits: Express 10 days, Express Freight 5; no Ground limit is published' },
  { id: '6.3', rule: 'weekend dates for Ground', status: 'not-enforced', note: 'REST behaviour not documented' },
  { id: '7.1', rule: 'customsClearanceDetail across borders and within India', status: 'enforced', note: '"Customs clearance detail cannot be null." (INVALID.INPUT.EXCEPTION; the Ship code is unknown); US-PR counted as domestic' },
  { id: '7.2', rule: 'commodity description required, at most 450', status: 'partly', note: 'enforced; vague descriptions are accepted (FedEx accepts them too, clearance is delayed)' },
  { id: '7.3', rule: 'countryOfManufacture, numberOfPieces, amounts', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION; quantity as an integer is the schema\'s' },
  { id: '7.4', rule: 'at most 999 commodities, 99 on a commercial invoice', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION' },
  { id: '7.5', rule: 'each commodity\'s customs value valid', status: 'enforced', note: '"Commodity N - customs value is invalid." with COMMODITY_INDEX (Rate API\'s code RATE.CUSTOMSVALUE.INVALID not reused on Ship)' },
  { id: '7.6', rule: 'customs and declared values disagree: warnings', status: 'partly', note: 'WARNING alerts COMMODITIES.CUSTOMSVALUE.LESSTHANREQUIRED, CUSTOMVALUE.GREATER.THAN.DECLAREDVALUE, CUSTOMVALUE.GREATER.THAN.COMMODITYVALUE on the double\'s reading of their names; EVENTNOTIFICATION.EMAILADDRESS.MISSING not modelled' },
  { id: '7.7', rule: 'missing harmonizedCode is not an error', status: 'accepted', note: 'accepted' },
  { id: '7.8', rule: 'one customs value currency', status: 'enforced', note: 'CURRENCYTYPE.PACKAGES.MUST' },
  { id: '7.9', rule: 'RECIPIENT or THIRD_PARTY duties need a valid payor account', status: 'enforced', note: 'ACCOUNT.NUMBER.INVALID' },
  { id: '8.1', rule: 'label stock per image type; documents PDF on PAPER_LETTER', status: 'enforced', note: 'INVALID.INPUT.EXCEPTION; shipping documents as PDF on PAPER_LETTER are already the schema\'s only values' },
  { id: '8.2', rule: 'resolution and doc tab defaulted, not refused', status: 'accepted', note: 'accepted' },
  { id: '8.3', rule: 'mergeLabelDocOption', status: 'not-enforced', note: 'nothing to refuse; merged label URLs are not modelled' },
  { id: '9.1', rule: 'account number: 9 digits, registered', status: 'enforced', note: 'ACCOUNTNUMBER.REGISTRATION.REQUIRED (create and cancel)' },
  { id: '9.2', rule: 'SENDER payor account equals the shipper account', status: 'enforced', note: 'ACCOUNT.NUMBER.MISMATCH' },
  { id: '9.3', rule: 'account not allowed to ship', status: 'enforced', note: 'SHIPMENT.ACCOUNTNUMBER.UNAUTHORIZED for accounts given as unauthorizedAccountNumbers' },
  { id: '9.4', rule: 'cancelling as a user who may not', status: 'enforced', note: 'SHIPMENT.USER.UNAUTHORIZED when the shipment belongs to another account' },
  { id: '9.5', rule: 'credentials without the API: 403; expired token: 401', status: 'enforced', note: 'FORBIDDEN.ERROR; NOT.AUTHORIZED.ERROR for expired or missing tokens, the sandbox\'s {"error_description":"Invalid CXS JWT"} for tokens FedEx never issued' },
  { id: '10.1', rule: '1 to 30 tracking numbers', status: 'enforced', note: 'TRACKING.TRACKINGNUMBERS.LIMITEXCEEDED' },
  { id: '10.2', rule: 'empty tracking number', status: 'enforced', note: 'TRACKING.TRACKINGNUMBER.EMPTY (FedEx\'s sample body)' },
  { id: '10.3', rule: 'unknown number: 200 with an error on that result', status: 'enforced', note: 'TRACKING.TRACKINGNUMBER.NOTFOUND per result (the string output.alerts of FedEx\'s doc example is not added: real answers do not carry it)' },
  { id: '10.4', rule: 'badly formatted number', status: 'enforced', note: 'TRACKING.TRACKINGNUMBER.INVALID per result (the double\'s choice: inside the 200 like NOTFOUND)' },
  { id: '10.5', rule: 'includeDetailedScans required', status: 'schema', note: 'required in TrackingNumbers-Resource.json' },
  { id: '10.6', rule: 'reference lookup needs an account or a destination', status: 'enforced', note: 'TRACKING.REFERENCEDATA.INCOMPLETE, TRACKING.ACCOUNTNUMBER.EMPTY, TRACKING.REFERENCEVALUE.EMPTY' },
  { id: '10.7', rule: 'ship-date window', status: 'enforced', note: 'TRACKING.SHIPDATERANGE.ERROR, TRACKING.SHIPDATEEND.FUTURE (after today + 1), REFERENCETRACKING.SHIPDATERANGE.INVALID' },
  { id: '10.8', rule: 'reference not found or not unique', status: 'enforced', note: 'TRACKING.REFERENCENUMBER.NOTFOUND; TRACKING.DATA.NOTUNIQUE when, without an account, several accounts\' shipments match' },
  { id: '10.9', rule: 'daily Track quota and burst limit', status: 'enforced', note: '429 after trackDailyQuota (default 100,000) requests per project per UTC day; 1,400 per 10 s burst (rate-limits.ts); the over-quota JSON code is not published' },
  { id: '11.1', rule: 'no character set; unprintable letters become "?"', status: 'accepted', note: 'accepted; labels print "?" for what they cannot' },
  { id: '11.2', rule: 'control characters', status: 'partly', note: 'nothing published; the double refuses control and bidi-override characters (INVALID.INPUT.EXCEPTION), its one stricter-than-documented choice' },
];
