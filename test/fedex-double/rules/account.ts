import { FEDEX_ERRORS } from '../errors';
import type { RuleReport } from './report';
import type { ShipRequest } from './shipment';

/** 9. Account numbers: shape and registration, the SENDER payor, accounts not allowed to ship. */
export const ACCOUNT_RULES = ['9.1', '9.2', '9.3'] as const;

export interface AccountDirectory {
  /** Shipper accounts FedEx knows for this double. */
  accountNumbers: ReadonlySet<string>;
  /** Known accounts FedEx does not let ship (SHIPMENT.ACCOUNTNUMBER.UNAUTHORIZED). */
  unauthorizedAccountNumbers: ReadonlySet<string>;
}

/** A 9-digit account FedEx knows; anything else is ACCOUNTNUMBER.REGISTRATION.REQUIRED (rule 9.1). */
export function isRegisteredAccount(value: string, accounts: AccountDirectory): boolean {
  return /^\d{9}$/.test(value) && accounts.accountNumbers.has(value);
}

export function checkAccount(request: ShipRequest, accounts: AccountDirectory, report: RuleReport): void {
  const account = request.accountNumber.value;
  if (!isRegisteredAccount(account, accounts)) {
    const { code, message } = FEDEX_ERRORS.accountNumberUnknown();
    return report.reject('9.1', code, message);
  }
  if (accounts.unauthorizedAccountNumbers.has(account)) {
    const { code, message } = FEDEX_ERRORS.accountUnauthorized();
    report.reject('9.3', code, message);
  }
  const payment = request.requestedShipment.shippingChargesPayment;
  const payor = payment.payor?.responsibleParty?.accountNumber?.value;
  if (payment.paymentType === 'SENDER' && payor !== undefined && payor !== account) {
    const { code, message } = FEDEX_ERRORS.accountNumberMismatch();
    report.reject('9.2', code, message);
  }
}
