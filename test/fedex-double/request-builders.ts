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
  /** A home (FedEx Home Delivery by default) rather than the default business address. */
  residential?: boolean;
}

/** Where the default recipient lives in each country the builder knows (a real city, its postal code and state). */
const RECIPIENT_PLACES: Record<string, { city: string; stateOrProvinceCode?: string; postalCode: string }> = {
  US: { city: 'Austin', stateOrProvinceCode: 'TX', postalCode: '78701' },
  CA: { city: 'Toronto', stateOrProvinceCode: 'ON', postalCode: 'M5V 2T6' },
  GB: { city: 'London', postalCode: 'SW1A 1AA' },
  MX: { city: 'Monterrey', stateOrProvinceCode: 'NL', postalCode: '64000' },
};

export function buildShipRequest(options: ShipRequestOptions = {}) {
  const account = options.accountNumber ?? DEFAULT_ACCOUNT_NUMBER;
  const country = options.recipientCountryCode ?? 'US';
  const place = RECIPIENT_PLACES[country] ?? RECIPIENT_PLACES.US!;
  const imageType = options.imageType ?? 'PDF';
  const packages = options.packages ?? 1;
  const residential = options.residential ?? false;
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
          contact: residential ? { personName: 'Jane Doe', phoneNumber: '5125550100' } : { personName: 'Jane Doe', companyName: 'Congress Avenue Books', phoneNumber: country === 'GB' ? '442079460958' : '5125550100' },
          address: {
            streetLines: options.recipientStreetLines ?? (residential ? ['42 Elm Lane', 'Apt 5'] : ['100 Congress Ave', 'Suite 1100']),
            ...place,
            countryCode: country,
            residential,
          },
        },
      ],
      // FedEx Ground does not deliver to homes (rule 3.1): a home gets FedEx Home Delivery.
      serviceType: options.serviceType ?? (residential ? 'GROUND_HOME_DELIVERY' : 'FEDEX_GROUND'),
      packagingType: 'YOUR_PACKAGING',
      pickupType: 'USE_SCHEDULED_PICKUP',
      totalWeight: 2.5 * packages,
      totalPackageCount: packages,
      shippingChargesPayment: { paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: { value: account } } } },
      // Thermal printers take STOCK_* label stock, laser printers PAPER_* (rule 8.1).
      labelSpecification: { imageType, labelStockType: imageType === 'ZPLII' || imageType === 'EPL2' ? 'STOCK_4X6' : 'PAPER_4X6' },
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

/**
 * A complete international shipment from Memphis to `recipientCountryCode` (CA or GB): customs with one
 * commodity, duties paid by the sender, a commercial invoice requested, the sub-packaging Canada needs.
 */
export function buildInternationalShipRequest(recipientCountryCode: 'CA' | 'GB' = 'CA', options: Omit<ShipRequestOptions, 'recipientCountryCode'> = {}) {
  const request = buildShipRequest({ serviceType: 'FEDEX_INTERNATIONAL_PRIORITY', ...options, recipientCountryCode });
  const shipment = request.requestedShipment;
  return {
    ...request,
    requestedShipment: {
      ...shipment,
      requestedPackageLineItems: shipment.requestedPackageLineItems.map((item) => ({ ...item, subPackagingType: 'BOX' })),
      customsClearanceDetail: {
        dutiesPayment: { paymentType: 'SENDER' },
        commercialInvoice: { shipmentPurpose: 'SOLD', termsOfSale: 'DDU' },
        commodities: [
          {
            description: 'Cotton T-shirts, men\u2019s, knitted',
            countryOfManufacture: 'US',
            quantity: 2,
            quantityUnits: 'EA',
            harmonizedCode: '610910',
            unitPrice: { amount: 25, currency: 'USD' },
            customsValue: { amount: 50, currency: 'USD' },
          },
        ],
      },
      shippingDocumentSpecification: {
        shippingDocumentTypes: ['COMMERCIAL_INVOICE'],
        commercialInvoiceDetail: { documentFormat: { docType: 'PDF', stockType: 'PAPER_LETTER' } },
      },
    },
  };
}
