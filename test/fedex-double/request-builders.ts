import { DEFAULT_ACCOUNT_NUMBER } from './app';

/**
 * Schema-valid FedEx request bodies for tests (of the double and of its clients). Each builder returns a
 * fresh object that the caller may change freely.
 */

export interface ShipRequestOptions {
  accountNumber?: string;
  /** customerReferences value on every package (CUSTOMER_REFERENCE), e.g. the fulfillment id. */
  customerReference?: string;
  /** Number of packages (requestedPackageLineItems). Default 1. */
  packages?: number;
  labelResponseOptions?: 'URL_ONLY' | 'LABEL';
  imageType?: 'PDF' | 'PNG' | 'ZPLII' | 'EPL2';
  serviceType?: string;
  shipDatestamp?: string;
  recipientCountryCode?: string;
  recipientStreetLines?: string[];
}

export function buildShipRequest(options: ShipRequestOptions = {}) {
  const account = options.accountNumber ?? DEFAULT_ACCOUNT_NUMBER;
  const packages = options.packages ?? 1;
  return {
    labelResponseOptions: options.labelResponseOptions ?? 'LABEL',
    accountNumber: { value: account },
    requestedShipment: {
      ...(options.shipDatestamp !== undefined ? { shipDatestamp: options.shipDatestamp } : {}),
      shipper: {
        contact: { personName: 'Shipping Dept', phoneNumber: '9015551234', companyName: 'Mill Lane Supply' },
        address: { streetLines: ['10 FedEx Parkway', 'Suite 302'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38116', countryCode: 'US' },
      },
      recipients: [
        {
          contact: { personName: 'Jane Doe', phoneNumber: '5125550100' },
          address: {
            streetLines: options.recipientStreetLines ?? ['42 Elm Lane', 'Apt 5'],
            city: 'Austin',
            stateOrProvinceCode: 'TX',
            postalCode: '78701',
            countryCode: options.recipientCountryCode ?? 'US',
            residential: true,
          },
        },
      ],
      serviceType: options.serviceType ?? 'FEDEX_GROUND',
      packagingType: 'YOUR_PACKAGING',
      pickupType: 'USE_SCHEDULED_PICKUP',
      totalWeight: 2.5 * packages,
      totalPackageCount: packages,
      shippingChargesPayment: { paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: { value: account } } } },
      labelSpecification: { imageType: options.imageType ?? 'PDF', labelStockType: 'PAPER_4X6' },
      requestedPackageLineItems: Array.from({ length: packages }, (_, i) => ({
        sequenceNumber: i + 1,
        weight: { units: 'LB', value: 2.5 },
        ...(options.customerReference !== undefined
          ? { customerReferences: [{ customerReferenceType: 'CUSTOMER_REFERENCE', value: options.customerReference }] }
          : {}),
      })),
    },
  };
}

export function buildTrackRequest(trackingNumbers: string[], includeDetailedScans = true) {
  return { includeDetailedScans, trackingInfo: trackingNumbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })) };
}

export function buildCancelRequest(trackingNumber: string, accountNumber: string = DEFAULT_ACCOUNT_NUMBER) {
  return { accountNumber: { value: accountNumber }, trackingNumber, deletionControl: 'DELETE_ALL_PACKAGES' };
}

export function buildReferenceTrackRequest(value: string, shipDateBegin: string, shipDateEndDate: string, accountNumber: string = DEFAULT_ACCOUNT_NUMBER) {
  return {
    includeDetailedScans: true,
    referencesInformation: { type: 'CUSTOMER_REFERENCE', value, accountNumber, shipDateBegin, shipDateEndDate },
  };
}

export function buildAddressRequest(addresses: Array<{ streetLines: string[]; city?: string; postalCode?: string; stateOrProvinceCode?: string; countryCode?: string }>) {
  return {
    addressesToValidate: addresses.map((address) => ({
      address: { city: 'Austin', stateOrProvinceCode: 'TX', postalCode: '78701', countryCode: 'US', ...address },
    })),
  };
}
