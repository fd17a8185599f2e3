import type { RuleReport } from './report';
import { parties, type RequestedShipment } from './shipment';

/**
 * 1. Phone numbers. FedEx (PartyContact.phoneNumber): "Minimum length is 10 and supports maximum of 15 for
 * certain countries ... For US and CA, a phone number must have exactly 10 digits, plus an optional leading
 * country code of '1' or '+1'." The double reads that literally: digits only, optionally after one '+';
 * punctuation, spaces and extensions typed into the number are refused (extensions go in phoneExtension).
 */
export const PHONE_RULES = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;

const NANP_COUNTRIES = new Set(['US', 'CA']);
const NANP_NUMBER = /^(\+?1)?\d{10}$/;
const PHONE_CHARACTERS = /^\+?\d+$/;

/** Alert_3P in Shipment-Resource.json, FedEx's own wording. */
const RECIPIENT_PHONE_ALERT =
  "Recipient's phone number format is not matching with recipient's country code; hence, recipient will not receive Convenient Delivery Options. Moving forward, please provide valid mobile phone number.";

export function checkPhones(shipment: RequestedShipment, report: RuleReport): void {
  for (const party of parties(shipment)) {
    const field = `${party.path}.contact.phoneNumber`;
    const phone = party.contact.phoneNumber ?? '';
    const shipper = party.role === 'shipper';
    if (phone.trim() === '') {
      report.reject('1.3', shipper ? 'SHIPMENT.SHIPPERPHONENUMBER.REQUIRED' : 'PHONE.NUMBER.REQUIRED', `${shipper ? 'Shipper' : 'Recipient'} phone number is required.`, [{ key: 'field', value: field }]);
    } else if (!PHONE_CHARACTERS.test(phone)) {
      report.reject('1.2', shipper ? 'SHIPPER.CONTACTPHONENUMBER.INVALID' : 'RECIPIENT.CONTACTPHONENUMBER.INVALID', `${shipper ? 'Shipper' : 'Recipient'} phone number "${phone}" is invalid: digits only, an optional leading +, the extension in phoneExtension.`, [{ key: 'field', value: field }]);
    } else if (phone.length < 10) {
      report.reject('1.1', 'PHONENUMBER.TOO.SHORT', `${shipper ? 'Shipper' : 'Recipient'} phone number is too short: at least 10 characters.`, [{ key: 'field', value: field }]);
    } else if (phone.length > 15) {
      report.reject('1.1', 'PHONENUMBER.TOO.LONG', `${shipper ? 'Shipper' : 'Recipient'} phone number is too long: at most 15 characters.`, [{ key: 'field', value: field }]);
    } else if (NANP_COUNTRIES.has(party.address.countryCode ?? '') && !NANP_NUMBER.test(phone)) {
      // A shipper's number must be right; a recipient's that does not fit the country only costs the
      // recipient FedEx's delivery options, and FedEx ships with an alert.
      if (shipper) report.reject('1.2', 'SHIPPER.CONTACTPHONENUMBER.INVALID', `Shipper phone number "${phone}" is invalid: a US or CA number has 10 digits, optionally after 1 or +1.`, [{ key: 'field', value: field }]);
      else report.alert('1.6', 'RECIPIENTCONTACT.PHONENUMBER.INVALID', RECIPIENT_PHONE_ALERT, 'WARNING');
    } else if (!NANP_COUNTRIES.has(party.address.countryCode ?? '')) {
      const digits = phone.replace(/\D/g, '').length;
      if (digits < 10 || digits > 15) report.invalid('1.5', field, `has ${digits} digits: an international number has 10 to 15`);
    }
    const extension = party.contact.phoneExtension;
    if (extension !== undefined && extension.length > 6) report.invalid('1.4', `${party.path}.contact.phoneExtension`, `has ${extension.length} characters: at most 6`);
  }
  checkHomeDeliveryPremiumPhone(shipment, report);
}

/** PhoneNumber1: numeric parts only; the phone is required for DATE_CERTAIN and EVENING Home Delivery Premium. */
function checkHomeDeliveryPremiumPhone(shipment: RequestedShipment, report: RuleReport): void {
  const detail = shipment.shipmentSpecialServices?.homeDeliveryPremiumDetail;
  if (!detail) return;
  const path = 'requestedShipment.shipmentSpecialServices.homeDeliveryPremiumDetail.phoneNumber';
  const phone = detail.phoneNumber;
  const type = detail.homedeliveryPremiumType;
  if ((type === 'DATE_CERTAIN' || type === 'EVENING') && !(phone?.areaCode && phone.localNumber)) {
    report.invalid('1.7', path, `is required for Home Delivery Premium ${type}`);
  }
  for (const part of ['areaCode', 'localNumber', 'extension'] as const) {
    const value = phone?.[part];
    if (value !== undefined && !/^\d+$/.test(value)) report.invalid('1.7', `${path}.${part}`, 'must be numeric only');
  }
}
