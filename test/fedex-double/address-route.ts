import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { apiGuard } from './api-guard';
import type { DoubleContext, DoubleEnv } from './context';
import { FedexHttpError, invalidField } from './errors';
import type { AddressResolveRequest, FedexAddress } from './fedex-types';

/** FedEx: "up to 100 addresses a request". */
export const MAX_ADDRESSES = 100;

export type Classification = 'RESIDENTIAL' | 'BUSINESS' | 'MIXED' | 'UNKNOWN';

const RESIDENTIAL_MARKERS = /\b(APT|APARTMENT|UNIT|LOT|HOUSE|LN|LANE|CT|COURT|CIR|CIRCLE|TER|TERRACE|TRL|TRAIL)\b|#/;
const BUSINESS_MARKERS = /\b(STE|SUITE|FL|FLOOR|BLDG|BUILDING|PKWY|PARKWAY|PLZ|PLAZA|TOWER|INDUSTRIAL|CENTER|CENTRE|OFFICE|DOCK)\b/;

/**
 * Deterministic classification from the street lines (FedEx's own answer comes from its data; the double
 * only needs something repeatable): residential markers (APT, UNIT, LANE, ...) and business markers
 * (SUITE, FLOOR, PARKWAY, ...) → MIXED when both appear, RESIDENTIAL or BUSINESS when one does,
 * UNKNOWN when neither.
 */
export function classifyStreet(streetLines: readonly string[]): Classification {
  const street = streetLines.join(' ').toUpperCase();
  const residential = RESIDENTIAL_MARKERS.test(street);
  const business = BUSINESS_MARKERS.test(street);
  if (residential && business) return 'MIXED';
  if (residential) return 'RESIDENTIAL';
  if (business) return 'BUSINESS';
  return 'UNKNOWN';
}

function resolved(address: FedexAddress, clientReferenceId: string | undefined) {
  const streetLines = (address.streetLines ?? []).map((line) => line.trim().toUpperCase());
  const street = streetLines.join(' ');
  const postal = String(address.postalCode ?? '').trim().toUpperCase();
  const [base = '', addOn = ''] = postal.split('-');
  const country = (address.countryCode ?? 'US').toUpperCase();
  const city = String(address.city ?? '').trim().toUpperCase();
  // "Resolved" when the street starts with a house number, so tests can also produce a miss.
  const matched = /^\d+\s+\S/.test(street);
  const poBox = /\bP\.?\s?O\.?\s+BOX\b/.test(street);
  const classification = classifyStreet(streetLines);
  return {
    ...(clientReferenceId !== undefined ? { clientReferenceId } : {}),
    streetLinesToken: streetLines,
    city,
    stateOrProvinceCode: String(address.stateOrProvinceCode ?? '').toUpperCase(),
    countryCode: country,
    customerMessage: [],
    cityToken: [{ changed: false, value: city }],
    postalCodeToken: { changed: false, value: postal },
    parsedPostalCode: { base, addOn, deliveryPoint: '' },
    classification,
    postOfficeBox: poBox,
    normalizedStatusNameDPV: matched,
    standardizedStatusNameMatchSource: matched ? 'Postal' : '',
    resolutionMethodName: country === 'US' ? 'USPS_VALIDATE' : 'GENERIC_VALIDATE',
    ruralRouteHighwayContract: false,
    generalDelivery: false,
    attributes: {
      POBox: poBox,
      POBoxOnlyZIP: false,
      SplitZip: false,
      SuiteRequiredButMissing: false,
      InvalidSuiteNumber: false,
      ResolutionInput: 'RAW_ADDRESS',
      DPV: matched,
      ResolutionMethod: country === 'US' ? 'USPS_VALIDATE' : 'GENERIC_VALIDATE',
      DataVintage: 'January 2025',
      MatchSource: matched ? 'Postal' : '',
      CountrySupported: true,
      ValidlyFormed: street !== '' && city !== '',
      Matched: matched,
      Resolved: matched,
      Inserted: false,
      MultiUnitBase: false,
      ZIP11Match: matched,
      ZIP4Match: addOn !== '',
      UniqueZIP: false,
      StreetAddress: matched && !poBox,
      RRConversion: false,
      ValidMultiUnit: classification === 'RESIDENTIAL' || classification === 'MIXED',
      AddressType: matched ? 'STANDARDIZED' : 'RAW',
      AddressPrecision: matched ? 'STREET_ADDRESS' : 'NOT_ENOUGH_INFORMATION',
      MultipleMatches: false,
    },
  };
}

export function registerAddressRoute(app: Hono<DoubleEnv>, ctx: DoubleContext): void {
  app.post('/address/v1/addresses/resolve', apiGuard(ctx, { endpoint: 'address.resolve', capability: 'address', faultScope: 'address' }), (c) => {
    const request = c.get('body') as AddressResolveRequest;
    const count = request.addressesToValidate.length;
    if (count === 0) throw new FedexHttpError(400, invalidField('addressesToValidate', 'must contain at least one address'));
    if (count > MAX_ADDRESSES) {
      throw new FedexHttpError(400, invalidField('addressesToValidate', `has ${count} addresses: at most ${MAX_ADDRESSES} per request`));
    }
    ctx.stats.addressRequests += 1;
    ctx.stats.addressesResolved += count;
    const customerTransactionId = c.get('customerTransactionId');
    return c.json(
      {
        transactionId: randomUUID(),
        ...(customerTransactionId !== undefined ? { customerTransactionId } : {}),
        output: { resolvedAddresses: request.addressesToValidate.map((entry) => resolved(entry.address, entry.clientReferenceId)) },
      },
      200,
    );
  });
}
