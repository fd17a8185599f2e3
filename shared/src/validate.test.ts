import { describe, expect, it } from 'vitest';
import type { CreateShipmentRequest } from './contract';
import { sampleRequest } from './test-fixtures';
import { prepareCreateShipmentRequest, validateCreateShipmentRequest } from './validate';

const problemsOf = (req: unknown) => {
  const result = prepareCreateShipmentRequest(req);
  return result.ok ? [] : result.problems;
};
const messageAt = (req: unknown, path: string) => problemsOf(req).find((p) => p.path === path)?.message;

function international(overrides: Partial<CreateShipmentRequest> = {}): CreateShipmentRequest {
  return sampleRequest({
    serviceType: 'FEDEX_INTERNATIONAL_PRIORITY',
    recipient: {
      contact: { personName: 'Ann Lee', phoneNumber: '+44 20 7946 0958' },
      address: { streetLines: ['10 Downing St'], city: 'London', postalCode: 'SW1A 2AA', countryCode: 'GB', residential: true },
    },
    customs: {
      currency: 'USD',
      dutiesPayment: 'SENDER',
      electronicTradeDocuments: false,
      commodities: [{ item: 'WIDGET-1', description: 'Blue widget', quantity: 3, quantityUnits: 'EA', unitPrice: 10, customsValue: 30, countryOfManufacture: 'US', harmonizedCode: '847130', weight: 1.5 }],
    },
    ...overrides,
  });
}

describe('validateCreateShipmentRequest', () => {
  it('accepts a complete request', () => {
    expect(validateCreateShipmentRequest(sampleRequest())).toMatchObject({ ok: true });
    expect(prepareCreateShipmentRequest(international())).toMatchObject({ ok: true });
  });

  it('names every bad field at once', () => {
    const bad = sampleRequest() as unknown as Record<string, any>;
    bad.idempotencyKey = 'has spaces';
    bad.shipDate = '2026-02-30';
    bad.recipient.address.countryCode = 'ZZ';
    bad.shipper.contact.phoneNumber = '12';
    bad.packages = [{ weight: { units: 'LBS', value: 0 } }];
    delete bad.shipper.address.city;
    const result = validateCreateShipmentRequest(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(
      ['idempotencyKey', 'packages[0].weight.units', 'packages[0].weight.value', 'recipient.address.countryCode', 'shipper.contact.phoneNumber', 'shipDate', 'shipper.address.city'].sort(),
    );
  });

  it('refuses more than 30 packages (FedEx: at most 30 line items), unsplittable street lines and non-objects', () => {
    const many = sampleRequest({ packages: Array.from({ length: 31 }, () => ({ weight: { units: 'LB' as const, value: 1 } })) });
    expect(validateCreateShipmentRequest(many)).toMatchObject({ ok: false, problems: [{ path: 'packages' }] });
    const long = sampleRequest();
    long.recipient.address.streetLines = ['x'.repeat(36)];
    expect(validateCreateShipmentRequest(long)).toMatchObject({ ok: false, problems: [{ path: 'recipient.address.streetLines[0]' }] });
    expect(validateCreateShipmentRequest([])).toMatchObject({ ok: false });
  });
});

describe('prepareCreateShipmentRequest: normalizes what it can', () => {
  it('sends phones as digits with the extension apart, text without invisible characters, the 5-digit ZIP', () => {
    const req = sampleRequest();
    req.recipient.contact.phoneNumber = '+1 (901) 555-0100 ext. 12';
    req.recipient.contact.companyName = 'Acme\u202E Retail\u0000';
    req.recipient.address.postalCode = '38116-4321';
    req.recipient.address.stateOrProvinceCode = 'tennessee';
    const result = prepareCreateShipmentRequest(req);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.recipient.contact).toMatchObject({ phoneNumber: '9015550100', phoneExtension: '12', companyName: 'Acme Retail' });
    expect(result.value.recipient.address).toMatchObject({ postalCode: '38116', stateOrProvinceCode: 'TN' });
    // The caller's object is not modified, and normalizing twice changes nothing.
    expect(req.recipient.contact.phoneNumber).toBe('+1 (901) 555-0100 ext. 12');
    expect(prepareCreateShipmentRequest(result.value)).toEqual(result);
  });

  it('splits a 41-character street line over FedEx lines, and refuses one that cannot be split', () => {
    const req = sampleRequest();
    req.recipient.address.streetLines = ['410 North Martin Luther King Jr Boulevard', 'Suite 200'];
    const result = prepareCreateShipmentRequest(req);
    expect(result.ok && result.value.recipient.address.streetLines).toEqual(['410 North Martin Luther King Jr', 'Boulevard', 'Suite 200']);
    req.recipient.address.streetLines = [`Unit-${'9'.repeat(36)}`];
    expect(messageAt(req, 'recipient.address.streetLines[0]')).toMatch(/has 41 characters; FedEx prints 35 per line on 3 lines and it cannot be split there/);
  });

  it('rounds weights, makes whole-inch dimensions, and refuses weights that are not package weights', () => {
    const req = sampleRequest({ packages: [{ weight: { units: 'LB', value: 4.499999 }, dimensions: { length: 10.2, width: 8, height: 3.0000001, units: 'IN' } }] });
    const result = prepareCreateShipmentRequest(req);
    expect(result.ok && result.value.packages[0]).toEqual({ weight: { units: 'LB', value: 4.5 }, dimensions: { length: 11, width: 8, height: 3, units: 'IN' } });
    for (const value of [1e308, Number.NaN, -2, 0, Number.POSITIVE_INFINITY, '4.5']) {
      const bad = sampleRequest({ packages: [{ weight: { units: 'LB', value: value as number } }] });
      expect(messageAt(bad, 'packages[0].weight.value'), String(value)).toBeDefined();
    }
    expect(messageAt(sampleRequest({ packages: [{ weight: { units: 'LB', value: 1e308 } }] }), 'packages[0].weight.value')).toBe("package 1 weight (LB) 1e+308 is more than FedEx's 150");
  });

  it('refuses what FedEx refuses, naming the field', () => {
    const usCanadian = sampleRequest();
    usCanadian.recipient.address.postalCode = 'K1A 0B1';
    expect(messageAt(usCanadian, 'recipient.address.postalCode')).toBe("'K1A 0B1' is a Canadian postal code, but the country is US: check the address's country");
    const shortPhone = sampleRequest();
    shortPhone.recipient.contact.phoneNumber = '555-01';
    expect(messageAt(shortPhone, 'recipient.contact.phoneNumber')).toBe("'555-01' has 5 digits; FedEx needs 10 for US addresses");
    const state = sampleRequest();
    state.recipient.address.stateOrProvinceCode = 'ON';
    expect(messageAt(state, 'recipient.address.stateOrProvinceCode')).toMatch(/'ON' is not a US state code \(ON is Ontario\)/);
    const groundResidential = sampleRequest();
    groundResidential.recipient.address.residential = true;
    expect(messageAt(groundResidential, 'serviceType')).toMatch(/FEDEX_GROUND does not deliver to residential US addresses/);
    const homeBusiness = sampleRequest({ serviceType: 'GROUND_HOME_DELIVERY' });
    expect(messageAt(homeBusiness, 'serviceType')).toMatch(/delivers to residences only/);
    const heavyHome = sampleRequest({ serviceType: 'GROUND_HOME_DELIVERY', packages: [{ weight: { units: 'LB', value: 71 } }] });
    heavyHome.recipient.address.residential = true;
    expect(messageAt(heavyHome, 'packages[0].weight.value')).toBe("package 1 weight (LB) 71 is more than FedEx's 70");
    const envelope = sampleRequest({ serviceType: 'PRIORITY_OVERNIGHT', packagingType: 'FEDEX_ENVELOPE', packages: [{ weight: { units: 'LB', value: 2 } }] });
    expect(messageAt(envelope, 'packages[0].weight.value')).toBe("package 1 weight (LB) 2 is more than FedEx's 1");
    const stock = sampleRequest({ label: { imageType: 'ZPLII', stockType: 'PAPER_4X6' } });
    expect(messageAt(stock, 'label.stockType')).toMatch(/PAPER_4X6 does not print ZPLII labels/);
    const typo = sampleRequest({ serviceType: 'FEDEX_GROUD' });
    expect(messageAt(typo, 'serviceType')).toBe('"FEDEX_GROUD" is not a FedEx service type');
    const freight = sampleRequest({ serviceType: 'FEDEX_2_DAY_FREIGHT' });
    expect(messageAt(freight, 'packages[0].dimensions')).toMatch(/FedEx needs the length, width and height/);
    const groundEnvelope = sampleRequest({ packagingType: 'FEDEX_ENVELOPE', packages: [{ weight: { units: 'LB', value: 0.5 } }] });
    expect(messageAt(groundEnvelope, 'packagingType')).toBe('FEDEX_ENVELOPE is FedEx Express packaging, and FEDEX_GROUND takes only your own packaging (YOUR_PACKAGING)');
    const poBox = sampleRequest();
    poBox.recipient.address.streetLines = ['P.O. Box 12'];
    expect(messageAt(poBox, 'recipient.address.streetLines')).toMatch(/is a P.O. box, and FEDEX_GROUND does not deliver to P.O. boxes/);
    expect(problemsOf({ ...poBox, serviceType: 'PRIORITY_OVERNIGHT' })).toEqual([]);
    const hawaii = sampleRequest({ serviceType: 'FEDEX_EXPRESS_SAVER' });
    hawaii.recipient.address = { streetLines: ['1 Kalakaua Ave'], city: 'Honolulu', stateOrProvinceCode: 'HI', postalCode: '96815', countryCode: 'US' };
    expect(messageAt(hawaii, 'serviceType')).toBe('FEDEX_EXPRESS_SAVER is not available to or from Alaska and Hawaii');
    const cuba = sampleRequest();
    cuba.recipient.address = { streetLines: ['Calle 1'], city: 'Havana', countryCode: 'CU' };
    expect(messageAt(cuba, 'recipient.address.countryCode')).toBe('CU is a country FedEx does not serve');
    const foreignPhone = sampleRequest();
    foreignPhone.recipient.contact.phoneNumber = '+44 20 7946 0958';
    expect(prepareCreateShipmentRequest(foreignPhone)).toMatchObject({ ok: true, value: { recipient: { contact: { phoneNumber: '+442079460958' } } } });
    foreignPhone.shipper.contact.phoneNumber = '+44 20 7946 0958';
    expect(messageAt(foreignPhone, 'shipper.contact.phoneNumber')).toMatch(/is not a North American number/);
    const dePostal = sampleRequest({ serviceType: 'FEDEX_INTERNATIONAL_PRIORITY' });
    dePostal.recipient.address = { streetLines: ['Unter den Linden 1'], city: 'Berlin', postalCode: '1011', countryCode: 'DE' };
    expect(messageAt(dePostal, 'recipient.address.postalCode')).toBe("'1011' is not a postal code of DE (FedEx: NNNNN, N a digit, A a letter)");
    const oversize = sampleRequest({ packages: [{ weight: { units: 'LB', value: 5 }, dimensions: { length: 110, width: 10, height: 10, units: 'IN' } }] });
    expect(messageAt(oversize, 'packages[0].dimensions')).toBe('package 1 is 110 in long; FEDEX_GROUND takes packages up to 108 in');
  });
});

describe('international shipments', () => {
  it('need customs, an international service, and weights in KG (converted from LB)', () => {
    const result = prepareCreateShipmentRequest(international());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.packages[0]?.weight).toEqual({ units: 'KG', value: 2.04 });
    expect(result.value.customs?.commodities[0]?.weight).toBe(0.68);
    expect(result.value.recipient.contact.phoneNumber).toBe('442079460958');

    const { customs: _, ...noCustoms } = international();
    expect(messageAt(noCustoms, 'customs')).toMatch(/is required: the shipment goes from US to GB/);
    const recipientPays = international();
    recipientPays.customs!.dutiesPayment = 'RECIPIENT';
    expect(messageAt(recipientPays, 'customs.dutiesAccountNumber')).toMatch(/is required when the recipient pays duties/);
    recipientPays.customs!.dutiesAccountNumber = '123456789';
    expect(problemsOf(recipientPays)).toEqual([]);
    expect(messageAt(international({ serviceType: 'FEDEX_2_DAY' }), 'serviceType')).toMatch(/FEDEX_2_DAY is a FedEx service for shipments within one country, and this one goes from US to GB/);
    expect(messageAt(international({ serviceType: 'FEDEX_GROUND' }), 'serviceType')).toMatch(/FEDEX_GROUND crosses only the US–Canada border/);
    expect(messageAt(sampleRequest({ serviceType: 'INTERNATIONAL_ECONOMY' }), 'serviceType')).toMatch(/this one stays in US/);
  });

  it('names the commodity field that is missing or out of FedEx range', () => {
    const req = international();
    const c = req.customs!.commodities[0]!;
    c.countryOfManufacture = '';
    c.customsValue = 0;
    c.unitPrice = 1e6;
    c.quantity = 2.5;
    c.harmonizedCode = 'N/A';
    const paths = problemsOf(req).map((p) => p.path).sort();
    expect(paths).toEqual(
      ['customs.commodities[0].countryOfManufacture', 'customs.commodities[0].customsValue', 'customs.commodities[0].harmonizedCode', 'customs.commodities[0].quantity', 'customs.commodities[0].unitPrice'].sort(),
    );
  });

  it('ships US → Puerto Rico as domestic (FedEx lists PR as a US state too), and US → Canada by FedEx Ground as international', () => {
    const pr = sampleRequest({ serviceType: 'FEDEX_2_DAY' });
    pr.recipient = { contact: { personName: 'Ana Ruiz', phoneNumber: '787-555-0100' }, address: { streetLines: ['1 Calle Sol'], city: 'San Juan', postalCode: '00901', countryCode: 'PR', residential: false } };
    expect(problemsOf(pr)).toEqual([]);
    expect(messageAt({ ...pr, serviceType: 'INTERNATIONAL_ECONOMY' }, 'serviceType')).toMatch(/this one stays in PR/);
    const ca = international({ serviceType: 'FEDEX_GROUND' });
    ca.recipient = { contact: { companyName: 'Maple Co', phoneNumber: '613-555-0100' }, address: { streetLines: ['1 Wellington St'], city: 'Ottawa', stateOrProvinceCode: 'ON', postalCode: 'k1a0a9', countryCode: 'CA', residential: false } };
    expect(problemsOf(ca)).toEqual([]);
  });
});
