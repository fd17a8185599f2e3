import { cityOfZip, COUNTRY_CODES, isPostalAware, NOT_SERVED, postalCodeFits, provincesOfPostalCode, STATE_CODES, STATE_REQUIRED, statesOfZip } from './address-data';
import type { RuleReport } from './report';
import { parties, serviceFamily, type PartyView, type RequestedShipment } from './shipment';

/** 2. Addresses: street lines, names, e-mail, country, state and postal code, P.O. boxes on Ground. */
export const ADDRESS_RULES = ['2.1', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14'] as const;

const MAX_STREET_LINE = 35;
const PO_BOX = /\b(P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX)\b/i;

const letters = (city: string) => city.toUpperCase().replace(/[^A-Z]/g, '');

export function checkAddresses(shipment: RequestedShipment, report: RuleReport): void {
  for (const party of parties(shipment)) {
    checkNames(party, report);
    checkStreetLines(party, report);
    checkCountryStatePostal(party, report);
  }
  const family = serviceFamily(shipment.serviceType);
  if (family === 'GROUND' || family === 'HOME_DELIVERY') {
    shipment.recipients.forEach((recipient, i) => {
      if ((recipient.address?.streetLines ?? []).some((line) => PO_BOX.test(line))) {
        report.invalid('2.14', `requestedShipment.recipients[${i}].address.streetLines`, 'is a P.O. box: FedEx Ground and Home Delivery do not deliver to P.O. boxes');
      }
    });
  }
}

function checkNames(party: PartyView, report: RuleReport): void {
  const { personName, companyName, emailAddress } = party.contact;
  const at = `${party.path}.contact`;
  if (!personName?.trim() && !companyName?.trim()) report.reject('2.12', 'PERSONNAME.AND.CONTACTNAME.EMPTY', 'Either a person name or a company name is required.', [{ key: 'field', value: `${at}.personName` }]);
  if (personName !== undefined && personName.length > 70) report.reject('2.12', 'PERSONNAME.TOO.LONG', `Person name is too long: ${personName.length} characters, at most 70.`, [{ key: 'field', value: `${at}.personName` }]);
  if (companyName !== undefined && companyName.length > 35) report.invalid('2.12', `${at}.companyName`, `has ${companyName.length} characters: at most 35`);
  if (emailAddress !== undefined && (emailAddress.length > 80 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailAddress))) {
    const problem = emailAddress.length > 80 ? `has ${emailAddress.length} characters: at most 80` : 'is not an e-mail address';
    if (party.role === 'recipient') report.reject('2.13', 'RECIPIENTS.CONTACTEMAILADDRESS.INVALID', `Recipient e-mail address ${problem}.`, [{ key: 'field', value: `${at}.emailAddress` }]);
    else report.invalid('2.13', `${at}.emailAddress`, problem);
  }
}

function checkStreetLines(party: PartyView, report: RuleReport): void {
  const lines = party.address.streetLines ?? [];
  const at = `${party.path}.address.streetLines`;
  if (lines.length === 0 || !lines[0]?.trim()) {
    report.reject('2.1', 'STREETLINE1.EMPTY', 'Street line 1 is required.', [{ key: 'field', value: `${at}[0]` }]);
  }
  // Lines after the third are ignored, not refused (PartyAddress.streetLines); only the first three are checked.
  lines.slice(0, 3).forEach((line, i) => {
    if (i > 0 && !line.trim()) report.invalid('2.1', `${at}[${i}]`, 'is empty: empty lines must not be included');
    if (line.length > MAX_STREET_LINE) report.reject('2.1', 'STREETLINES.TOO.LONG', `Street line ${i + 1} is too long: ${line.length} characters, at most ${MAX_STREET_LINE}.`, [{ key: 'field', value: `${at}[${i}]` }]);
  });
}

function checkCountryStatePostal(party: PartyView, report: RuleReport): void {
  const at = `${party.path}.address`;
  const { countryCode = '', stateOrProvinceCode: state, postalCode, city } = party.address;
  if (!COUNTRY_CODES.has(countryCode)) return report.invalid('2.11', `${at}.countryCode`, `"${countryCode}" is not a country code`);
  if (NOT_SERVED.has(countryCode)) return report.invalid('2.11', `${at}.countryCode`, `"${countryCode}" is a country FedEx does not serve`);

  const stateGiven = state !== undefined && state.trim() !== '';
  if (!stateGiven && STATE_REQUIRED.has(countryCode)) report.invalid('2.5', `${at}.stateOrProvinceCode`, `is required for ${countryCode}`);
  if (stateGiven && state.length > 2) {
    if (party.role === 'recipient') {
      report.reject('2.6', 'RECIPIENT.ADDRESSSTATEORPROVINCECODE.MAXCHAREXCEEDED', 'The length of the destination state or province code exceeds the limit of 2 characters. Please update and try again.');
    } else report.invalid('2.6', `${at}.stateOrProvinceCode`, `"${state}" has more than 2 characters`);
  }
  const validStates = STATE_CODES[countryCode];
  const stateKnown = stateGiven && state.length <= 2 && validStates !== undefined && validStates.has(state);
  if (stateGiven && state.length <= 2 && validStates && !stateKnown) report.invalid('2.9', `${at}.stateOrProvinceCode`, `"${state}" is not a state or province code of ${countryCode}`);
  if (stateKnown && party.role === 'shipper' && countryCode === 'CA' && state === 'QC') {
    report.alert('2.8', 'ORIGIN.STATEORPROVINCECODE.CHANGED', 'The origin state/province code has been changed.', 'NOTE');
  }

  const postalGiven = postalCode !== undefined && postalCode.trim() !== '';
  if (!postalGiven) {
    if (isPostalAware(countryCode)) report.invalid('2.10', `${at}.postalCode`, `is required for ${countryCode} (a postal-aware country)`);
    return;
  }
  if (postalCode.length > 10) return report.invalid('2.10', `${at}.postalCode`, `has ${postalCode.length} characters: at most 10`);
  const invalidPostal = () => report.reject('2.10', 'COUNTRY.POSTALCODEORZIP.INVALID', `Postal code "${postalCode}" is invalid for the country ${countryCode}.`, [{ key: 'field', value: `${at}.postalCode` }]);
  if (postalCodeFits(countryCode, postalCode) === false) return invalidPostal();

  if (countryCode === 'US' || countryCode === 'PR') {
    const states = statesOfZip(postalCode);
    if (!states) return invalidPostal();
    if (stateKnown && !states.has(state)) stateMismatch(report, at);
    const knownCity = cityOfZip(postalCode);
    if (party.role === 'recipient' && knownCity && city && letters(knownCity) !== letters(city)) {
      report.alert('2.4', 'SHIP.RECIPIENT.POSTALCITY.MISMATCH', 'Recipient Postal-City Mismatch.', 'NOTE');
    }
  }
  if (countryCode === 'CA' && stateKnown && !provincesOfPostalCode(postalCode)?.includes(state)) stateMismatch(report, at);
}

function stateMismatch(report: RuleReport, at: string): void {
  report.reject('2.7', 'COUNTRY.POSTALANDSTATEORPROVINCECODE.MISMATCH', 'Postal code and state or province code mismatch. Please update and try again.', [{ key: 'field', value: `${at}.stateOrProvinceCode` }]);
}
