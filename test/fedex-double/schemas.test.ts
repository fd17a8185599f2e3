import { describe, expect, it } from 'vitest';
import { readFixtureJson } from './fixtures';
import { buildShipRequest } from './request-builders';
import { danglingRefs, requestSchemaRef, responseSchemaRef, validateRequestBody, validateResponseBody } from './schemas';

/** Free-form JSON the tests edit in place. */
type Json = Record<string, any>;

describe('schemas read from FedEx OpenAPI documents', () => {
  it('finds each operation’s request schema in the document, dropping example-only oneOf alternatives', () => {
    expect(requestSchemaRef('ship.create')).toBe('Shipment-Resource.json#/components/schemas/Full_Schema_Ship');
    expect(requestSchemaRef('ship.cancel')).toBe('Shipment-Resource.json#/components/schemas/Full_Schema_Cancel_Shipment');
    expect(requestSchemaRef('track.trackingnumbers')).toBe('TrackingNumbers-Resource.json#/components/schemas/Full_Schema_Tracking_Numbers');
    expect(requestSchemaRef('track.referencenumbers')).toBe('track.json#/components/schemas/Full_Schema_Tracking_References');
    expect(requestSchemaRef('address.resolve')).toBe('Addresses-Resource.json#/components/schemas/Full_Schema_Validate_Address');
    expect(requestSchemaRef('oauth.token')).toBe('APIAuthorization-Resource.json#/components/schemas/FullSchema');
    expect(responseSchemaRef('ship.create', 200)).toBe('Shipment-Resource.json#/components/schemas/SHPCResponseVO_ShipShipment');
  });

  it('lists the dangling $ref of FedEx’s Track file and accepts anything there', () => {
    responseSchemaRef('track.trackingnumbers', 200);
    validateResponseBody('track.trackingnumbers', 200, {});
    expect(danglingRefs()).toContain('TrackingNumbers-Resource.json#/components/schemas/ContactVO_1');
  });

  it('accepts a well-formed create request', () => {
    expect(validateRequestBody('ship.create', buildShipRequest({ customerReference: 'IF-1' }))).toEqual([]);
  });

  it('rejects a request FedEx’s schema rejects and names every failing field', () => {
    const request: Json = buildShipRequest();
    delete request.requestedShipment.recipients[0].address.countryCode;
    request.requestedShipment.requestedPackageLineItems[0].weight.units = 'STONE';
    request.labelResponseOptions = 'EMAIL';
    const errors = validateRequestBody('ship.create', request);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'requestedShipment.recipients[0].address.countryCode', message: 'is required' },
        { path: 'requestedShipment.requestedPackageLineItems[0].weight.units', message: 'must be one of KG, LB' },
        { path: 'labelResponseOptions', message: 'must be one of URL_ONLY, LABEL' },
      ]),
    );
  });

  it('requires totalWeight, which FedEx’s schema lists as required', () => {
    const request: Json = buildShipRequest();
    delete request.requestedShipment.totalWeight;
    expect(validateRequestBody('ship.create', request)).toEqual([{ path: 'requestedShipment.totalWeight', message: 'is required' }]);
  });

  describe('FedEx’s own full example request (samples/ship-create-request-fedex-doc-example.json)', () => {
    const example = () => readFixtureJson<Json>('samples/ship-create-request-fedex-doc-example.json');

    it('breaks FedEx’s schema in seven places, and the double rejects it', () => {
      expect(validateRequestBody('ship.create', example()).map((error) => error.path)).toEqual([
        'requestedShipment.shipmentSpecialServices.etdDetail.requestedDocumentTypes[0]',
        'requestedShipment.shipmentSpecialServices.pendingShipmentDetail.recommendedDocumentSpecification.types',
        'requestedShipment.expressFreightDetail.bookingConfirmationNumber',
        'requestedShipment.customsClearanceDetail.regulatoryControls',
        'requestedShipment.customsClearanceDetail.commodities[0].customsValue.amount',
        'requestedShipment.labelSpecification.returnedDispositionDetail',
        'requestedShipment.requestedPackageLineItems[0].sequenceNumber',
      ]);
    });

    it('passes once those fields have the schema’s types', () => {
      const fixed = example();
      const shipment = fixed.requestedShipment;
      shipment.shipmentSpecialServices.etdDetail.requestedDocumentTypes = ['COMMERCIAL_INVOICE', 'GENERAL_AGENCY_AGREEMENT'];
      shipment.shipmentSpecialServices.pendingShipmentDetail.recommendedDocumentSpecification.types = ['ANTIQUE_STATEMENT_EUROPEAN_UNION'];
      shipment.expressFreightDetail.bookingConfirmationNumber = 123456789812;
      shipment.customsClearanceDetail.regulatoryControls = ['NOT_IN_FREE_CIRCULATION'];
      shipment.customsClearanceDetail.commodities[0].customsValue.amount = 1556.25;
      shipment.labelSpecification.returnedDispositionDetail = 'true';
      shipment.requestedPackageLineItems[0].sequenceNumber = 1;
      expect(validateRequestBody('ship.create', fixed)).toEqual([]);
    });
  });

  it('matches the project notes on FedEx’s response samples: the real Ground track response and the cancel sample validate, the documented ship response does not', () => {
    expect(validateResponseBody('track.trackingnumbers', 200, readFixtureJson('samples/track-200-real-ground-delivered-738488882438.json'))).toEqual([]);
    expect(validateResponseBody('ship.cancel', 200, readFixtureJson('samples/ship-cancel-200.json'))).toEqual([]);
    const shipErrors = validateResponseBody('ship.create', 200, readFixtureJson('samples/ship-create-200-fedex-doc-example.json'));
    expect(shipErrors.some((error) => error.path.endsWith('surcharges[0].amount') && error.message === 'must be number')).toBe(true);
  });
});
