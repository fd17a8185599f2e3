import { describe, expect, it } from 'vitest';
import { classifyStreet } from './address-route';
import { createFedexDouble } from './app';
import { buildAddressRequest } from './request-builders';
import { validateResponseBody } from './schemas';
import { apiClient, errorsOf, json } from './test-support';

interface AddressResponseBody {
  customerTransactionId?: string;
  output: { resolvedAddresses: Array<{ classification: string; streetLinesToken: string[]; attributes: { Resolved: boolean }; clientReferenceId?: string }> };
}

describe('POST /address/v1/addresses/resolve', () => {
  it('classifies each address deterministically from its street, in a response valid against FedEx’s schema', async () => {
    const double = createFedexDouble();
    const request = buildAddressRequest([
      { streetLines: ['42 Elm Lane', 'Apt 5'] },
      { streetLines: ['10 FedEx Parkway', 'Suite 302'] },
      { streetLines: ['7372 Parkridge Blvd', 'Apt 286'] },
      { streetLines: ['7372 Parkridge Blvd', 'Suite 100', 'Apt 2'] },
      { streetLines: ['Main Street'] },
    ]);
    const response = await apiClient(double).post('/address/v1/addresses/resolve', request, { 'x-customer-transaction-id': 'av-1' });
    expect(response.status).toBe(200);
    const body = await json<AddressResponseBody>(response);
    expect(validateResponseBody('address.resolve', 200, body)).toEqual([]);
    expect(body.customerTransactionId).toBe('av-1');
    expect(body.output.resolvedAddresses.map((address) => address.classification)).toEqual(['RESIDENTIAL', 'BUSINESS', 'RESIDENTIAL', 'MIXED', 'UNKNOWN']);
    expect(body.output.resolvedAddresses[0]!.streetLinesToken).toEqual(['42 ELM LANE', 'APT 5']);
    expect(body.output.resolvedAddresses.map((address) => address.attributes.Resolved)).toEqual([true, true, true, true, false]);
    expect(double.stats).toMatchObject({ addressRequests: 1, addressesResolved: 5 });
  });

  it('accepts 100 addresses and rejects 101', async () => {
    const client = apiClient(createFedexDouble());
    const addresses = Array.from({ length: 101 }, (_, i) => ({ streetLines: [`${i + 1} Main St`] }));
    expect((await client.post('/address/v1/addresses/resolve', buildAddressRequest(addresses.slice(0, 100)))).status).toBe(200);
    const response = await client.post('/address/v1/addresses/resolve', buildAddressRequest(addresses));
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).errors[0]?.parameterList).toEqual([{ key: 'field', value: 'addressesToValidate' }]);
  });

  it('rejects what FedEx’s schema rejects, naming the field', async () => {
    const client = apiClient(createFedexDouble());
    const response = await client.post('/address/v1/addresses/resolve', { addressesToValidate: [{ address: { streetLines: ['1 Main St'], city: 'Austin' } }] });
    expect(response.status).toBe(400);
    expect((await errorsOf(response)).errors.map((error) => error.parameterList?.[0]?.value)).toEqual(['addressesToValidate[0].address.postalCode']);
  });

  it('classifyStreet is a pure function of the street lines', () => {
    expect(classifyStreet(['1 Industrial Park Dr'])).toBe('BUSINESS');
    expect(classifyStreet(['12 Oak Ct'])).toBe('RESIDENTIAL');
    expect(classifyStreet(['PO Box 12'])).toBe('UNKNOWN');
  });
});
