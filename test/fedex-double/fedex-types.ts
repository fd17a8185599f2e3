/**
 * The parts of FedEx request bodies the double reads. Narrow on purpose: bodies are checked against
 * FedEx's schema before a handler sees them, so these only name what the handlers use.
 */

export interface FedexAddress {
  streetLines?: string[];
  city?: string;
  stateOrProvinceCode?: string;
  postalCode?: string;
  countryCode?: string;
  residential?: boolean;
}

export interface FedexContact {
  personName?: string;
  companyName?: string;
  phoneNumber?: string;
}

export interface FedexParty {
  address?: FedexAddress;
  contact?: FedexContact;
}

export interface FedexCustomerReference {
  customerReferenceType?: string;
  value?: string;
}

export interface FedexPackageLineItem {
  sequenceNumber?: number;
  groupPackageCount?: number;
  weight: { units: string; value: number };
  customerReferences?: FedexCustomerReference[];
}

export interface ShipCreateRequest {
  accountNumber: { value: string };
  labelResponseOptions: 'URL_ONLY' | 'LABEL';
  processingOptionType?: 'SYNCHRONOUS_ONLY' | 'ALLOW_ASYNCHRONOUS';
  requestedShipment: {
    shipDatestamp?: string;
    shipper: FedexParty;
    recipients: FedexParty[];
    serviceType: string;
    packagingType: string;
    pickupType: string;
    shippingChargesPayment: {
      paymentType: string;
      payor?: { responsibleParty?: { accountNumber?: { value?: string } } };
    };
    customsClearanceDetail?: {
      commodities?: Array<{ description?: string; quantity?: number; customsValue?: { amount?: number; currency?: string } }>;
    };
    shippingDocumentSpecification?: { shippingDocumentTypes?: string[] };
    shipmentSpecialServices?: { etdDetail?: { requestedDocumentTypes?: string[] } };
    labelSpecification: { imageType: 'PDF' | 'PNG' | 'ZPLII' | 'EPL2'; labelStockType: string };
    requestedPackageLineItems: FedexPackageLineItem[];
  };
}

export interface ShipCancelRequest {
  accountNumber: { value: string };
  trackingNumber: string;
  deletionControl?: string;
}

export interface TrackByNumberRequest {
  includeDetailedScans: boolean;
  trackingInfo: Array<{
    shipDateBegin?: string;
    shipDateEnd?: string;
    trackingNumberInfo: { trackingNumber: string; carrierCode?: string; trackingNumberUniqueId?: string };
  }>;
}

export interface TrackByReferenceRequest {
  includeDetailedScans?: boolean;
  referencesInformation: {
    type?: string;
    value: string;
    accountNumber?: string;
    carrierCode?: string;
    shipDateBegin: string;
    shipDateEndDate: string;
    destinationCountryCode?: string;
    destinationPostalCode?: string;
  };
}

export interface AddressResolveRequest {
  inEffectAsOfTimestamp?: string;
  addressesToValidate: Array<{ address: FedexAddress; clientReferenceId?: string }>;
}
