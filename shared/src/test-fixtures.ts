// Sample data for tests of shared code and of the relay (not used by production code).
import type { CreateShipmentRequest } from './contract';
import type { ConnectorSettings, FulfillmentSnapshot } from './fulfillment';

export function sampleSnapshot(overrides: Partial<FulfillmentSnapshot> = {}): FulfillmentSnapshot {
  return {
    accountId: '1234567_SB1',
    fulfillment: { id: '501', tranId: 'IF501', tranDate: '2026-11-24', shipMethodId: '77', shipMethodName: 'FedEx Ground' },
    salesOrder: { id: '400', tranId: 'SO400' },
    customer: { id: '12', isPerson: false, companyName: 'Acme Retail', email: 'orders@acme.example', phone: '(555) 010-2000' },
    shipTo: { addressee: 'Acme Retail', attention: 'Dock 4', addr1: '1 Main St', addr2: 'Suite 200', city: 'Memphis', state: 'TN', zip: '38116', country: 'US', addrphone: '901-555-0100', isresidential: false },
    shipFrom: { name: 'East Warehouse', addr1: '50 Depot Rd', city: 'Nashville', state: 'TN', zip: '37201', country: 'US', addrphone: '615-555-0199' },
    items: [{ item: 'WIDGET-1', description: 'Blue widget', quantity: 3 }],
    packages: [{ weight: 4.5, description: 'Box 1' }],
    ...overrides,
  };
}

export const sampleSettings: ConnectorSettings = {
  globalFedexAccount: '740561073',
  labelImageType: 'PDF',
  labelStockType: 'PAPER_4X6',
  pickupType: 'USE_SCHEDULED_PICKUP',
  weightUnits: 'LB',
  today: '2026-11-24',
};

export function sampleRequest(overrides: Partial<CreateShipmentRequest> = {}): CreateShipmentRequest {
  return {
    idempotencyKey: 'NS1234567SB1-IF501',
    source: { fulfillmentId: '501', fulfillmentTranId: 'IF501', salesOrderId: '400', salesOrderTranId: 'SO400' },
    accountNumber: '740561073',
    serviceType: 'FEDEX_GROUND',
    packagingType: 'YOUR_PACKAGING',
    pickupType: 'USE_SCHEDULED_PICKUP',
    shipDate: '2026-11-24',
    label: { imageType: 'PDF', stockType: 'PAPER_4X6' },
    shipper: {
      contact: { companyName: 'East Warehouse', phoneNumber: '6155550199' },
      address: { streetLines: ['50 Depot Rd'], city: 'Nashville', stateOrProvinceCode: 'TN', postalCode: '37201', countryCode: 'US' },
    },
    recipient: {
      contact: { personName: 'Dock 4', companyName: 'Acme Retail', phoneNumber: '9015550100', emailAddress: 'orders@acme.example' },
      address: { streetLines: ['1 Main St', 'Suite 200'], city: 'Memphis', stateOrProvinceCode: 'TN', postalCode: '38116', countryCode: 'US', residential: false },
    },
    packages: [{ weight: { units: 'LB', value: 4.5 }, description: 'Box 1' }],
    items: [{ item: 'WIDGET-1', description: 'Blue widget', quantity: 3 }],
    ...overrides,
  };
}
