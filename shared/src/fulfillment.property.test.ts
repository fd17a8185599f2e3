// Property: whatever NetSuite holds, the mapping either builds a request FedEx accepts, or refuses
// naming the field. Arbitrary NetSuite-shaped fulfillments (realistic values, typos, hostile strings:
// NUL, control and bidi characters, lone surrogates, 100,000-character names, NaN, 1e308, negative
// weights) go through buildCreateShipmentRequest, the SuiteApp's path; every request it lets through
// is normalized and validated again as the relay does (nothing changes) and sent, as the relay would
// send it, to the FedEx double: its schema validation (FedEx's OpenAPI file) and its business rules
// must accept it. A second property feeds the relay's prepareCreateShipmentRequest with mutated wire
// requests directly. Run counts and the number of accepted/refused cases are printed.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createFedexDouble } from '../../test/fedex-double';
import type { CreateShipmentRequest } from './contract';
import { toFedexShipRequest } from './fedex/ship-request';
import { buildCreateShipmentRequest, type ConnectorSettings, type FulfillmentSnapshot, type ShipMethodRule } from './fulfillment';
import { sampleRequest } from './test-fixtures';
import { prepareCreateShipmentRequest } from './validate';

const ACCOUNT = '740561073';
const RUNS = Number(process.env.PROPERTY_RUNS ?? 600);

// ---- the FedEx double, in process, with no rate limit in the way ------------------------------

const double = createFedexDouble({ transactionLimit: { max: 1e9, windowMs: 10_000 }, statusSchedule: false });
const token = double.issueToken();
const TODAY = '2025-01-06'; // the double's clock starts on 2025-01-06

async function fedexAnswer(req: CreateShipmentRequest): Promise<{ status: number; errors: unknown }> {
  const res = await double.fetch('/ship/v1/shipments', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(toFedexShipRequest(req, req.accountNumber ?? ACCOUNT)),
  });
  const body = (await res.json()) as { errors?: unknown };
  return { status: res.status, errors: body.errors };
}

// ---- generators -------------------------------------------------------------------------------

const HOSTILE_CHARS = ['\u0000', '\u0007', '\t', '\n', '\r\n', '\u200B', '\u200E', '\u202E', '\u2066', '\uFEFF', '\u00AD', '\u00A0', '\u2028', '\uD800', '\uDFFF', '😀', 'é', 'e\u0301', '日本', ' ', '"', "'", '<script>', '&', '\\', '%', '\u0085', '\u061C'];

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 50 }) },
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ unit: 'grapheme-ascii', maxLength: 8 })), { maxLength: 16 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), `${'Very long name '.repeat(30)}`, '   ', '') },
);

/** Mostly realistic values, sometimes decorated with hostile characters, sometimes hostile outright. */
function field(realistic: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: realistic },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_CHARS), realistic, fc.constantFrom(...HOSTILE_CHARS)).map(([a, b, c]) => `${a}${b}${c}`) },
    { weight: 2, arbitrary: hostile },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const number: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0.01, max: 160, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e308, -0, 1e-9, 0.001, 70, 70.01, 150, 150.001, 31.75, 2200) },
  { weight: 1, arbitrary: fc.double() },
);

const phone = field(
  fc.oneof(
    fc.constantFrom('+1 (415) 555-0100', '415.555.0100 x123', '1-617-555-0150', '555-01', '(555) 010-2000', '+44 20 7946 0958', '020 7946 0958', '613-555-0100 ext. 7', '6123 4567', '011 44 20 7946 0958', '+1 415 555 0100 x1234567', '1-800-FLOWERS', '４１５５５５０１００'),
    fc.stringMatching(/^\+?[0-9 ().-]{0,20}$/),
  ),
);
const country = fc.constantFrom('US', 'CA', 'GB', 'PR', 'DE', 'AU', 'MX', 'HK', 'us', 'USA', 'ZZ', '');
const state = field(fc.constantFrom('TN', 'CA', 'NY', 'MA', 'TX', 'ON', 'QC', 'BC', 'PR', 'ZZ', 'California', 'ontario', 'Québec', 'QLD', 'NSW', 'XX'));
const zip = field(fc.constantFrom('38116', '94105', '10001', '9410', 'ABCDE', 'K1A 0B1', 'k1a0b1', 'V6B 1A1', 'SW1A 2AA', 'sw1a2aa', '75008', '2000', '94105-1234', '00901', '02134', '2134', '37201', '12345678901'));
const street = field(
  fc.constantFrom('1 Main St', 'Suite 200', '410 North Martin Luther King Jr Boulevard', 'Building 7, Riverside Industrial Park East Wing', `Unit-${'9'.repeat(36)}`, '10 Downing St', 'Apt 5', 'P.O. Box 12'),
);
const name = field(fc.constantFrom('Acme Retail', 'Ann Lee', 'Dock 4', 'Acme International Trading Company LLC', 'José Núñez', '株式会社テスト'));

/** Invisible characters, odd spacing and case that normalization must clean (and that FedEx must never see). */
const decorated = (value: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(value) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('\u200B', '\u202E', '\uFEFF', ' \t', '\u00A0', '\u0000', '\n'), fc.constantFrom('', '\u202C', '  ', '\r\n')).map(([a, b]) => `${a}${value}${b}`) },
  );

// Addresses as a retailer's NetSuite holds them: real places, in the formats people type.
const PLACES: { country: string; state?: string[]; zip?: string[]; city: string; phones: string[] }[] = [
  { country: 'US', state: ['TN', 'tn', 'Tennessee'], zip: ['38116', '38116-4321'], city: 'Memphis', phones: ['+1 (901) 555-0100', '901.555.0100 x12', '1-901-555-0100', '(901) 555 0100'] },
  { country: 'US', state: ['CA', 'California'], zip: ['94105', '941051234'], city: 'San Francisco', phones: ['415-555-0100', '+1 415 555 0100 ext 9'] },
  { country: 'US', state: ['MA'], zip: ['02134', '2134'], city: 'Boston', phones: ['617 555 0150'] },
  { country: 'US', state: ['NY'], zip: ['10001'], city: 'New York', phones: ['212-555-0100', '011 1 212 555 0100'] },
  { country: 'US', state: ['PR'], zip: ['00901'], city: 'San Juan', phones: ['787-555-0100'] },
  { country: 'PR', zip: ['00901'], city: 'San Juan', phones: ['787-555-0100'] },
  { country: 'CA', state: ['ON', 'Ontario'], zip: ['k1a0b1', 'K1A 0B1'], city: 'Ottawa', phones: ['613-555-0100', '+1 613 555 0100 x7'] },
  { country: 'CA', state: ['QC', 'Québec', 'PQ'], zip: ['H2Y 1C6'], city: 'Montréal', phones: ['514 555 0100'] },
  { country: 'CA', state: ['BC'], zip: ['V6B1A1'], city: 'Vancouver', phones: ['604.555.0100'] },
  { country: 'GB', zip: ['sw1a2aa', 'SW1A 2AA'], city: 'London', phones: ['+44 20 7946 0958', '020 7946 0958', '+44 (0)20 7946 0958 #12'] },
  { country: 'DE', zip: ['10115'], city: 'Berlin', phones: ['+49 30 1234567', '030 1234567'] },
  { country: 'AU', state: ['NSW'], zip: ['2000'], city: 'Sydney', phones: ['+61 2 9999 9999', '02 9999 9999'] },
  { country: 'HK', city: 'Hong Kong', phones: ['2123 4567', '+852 2123 4567'] },
];

const STREETS = ['1 Main St', '3875 Airways Blvd', '410 North Martin Luther King Jr Boulevard', '10 Downing St', 'Building 7, Riverside Industrial Park East Wing'];

const coherentAddress = fc.constantFrom(...PLACES).chain((place) =>
  fc.record({
    addressee: fc.option(fc.constantFrom('Acme Retail', 'Ann Lee', 'Acme International Trading Company LLC').chain(decorated), { nil: undefined }),
    attention: fc.option(fc.constantFrom('Receiving Dock 4', 'José Núñez').chain(decorated), { nil: undefined }),
    addr1: fc.constantFrom(...STREETS).chain(decorated),
    addr2: fc.option(fc.constantFrom('Suite 200', 'Apt 5', 'Floor 3, Loading dock B').chain(decorated), { nil: undefined }),
    city: decorated(place.city),
    state: place.state ? fc.constantFrom(...place.state).chain(decorated) : fc.constant(undefined),
    zip: place.zip ? fc.constantFrom(...place.zip).chain(decorated) : fc.constant(undefined),
    country: fc.constant(place.country),
    addrphone: fc.constantFrom(...place.phones).chain(decorated),
    isresidential: fc.boolean(),
  }),
);

/** Anything in an address slot: realistic, decorated or hostile, independently per field. */
const anyAddress = fc.record({
  addressee: name,
  attention: name,
  addr1: street,
  addr2: street,
  addr3: fc.option(street, { nil: undefined }),
  city: field(fc.constantFrom('Memphis', 'Ottawa', 'London', 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch', 'Zürich')),
  state,
  zip,
  country: fc.option(country, { nil: undefined }),
  addrphone: phone,
  isresidential: fc.option(fc.boolean(), { nil: undefined }),
});

const goodItem = fc.record({
  item: fc.constantFrom('WIDGET-1', 'GADGET-7', 'SKU 100'),
  description: fc.option(fc.constantFrom('Blue widget', 'Cotton T-shirt', 'Stainless steel screws, 4mm').chain(decorated), { nil: undefined }),
  quantity: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0.5, 2.25)),
  unitPrice: fc.double({ min: 0.5, max: 900, noNaN: true }),
  countryOfManufacture: fc.constantFrom('US', 'CN', 'DE', 'us'),
  harmonizedCode: fc.option(fc.constantFrom('847130', '8471.30.01', '6109.10.0012'), { nil: undefined }),
  weight: fc.option(fc.double({ min: 0.05, max: 20, noNaN: true }), { nil: undefined }),
  weightUnit: fc.option(fc.constantFrom('lb', 'oz', 'kg', 'g'), { nil: undefined }),
});

const anyItem = fc.record({
  item: field(fc.constantFrom('WIDGET-1', 'GADGET-7', 'SKU 100', 'Blue widget, large')).map((v) => v ?? 'ITEM'),
  description: field(fc.constantFrom('Blue widget', 'Cotton T-shirt', 'Accessories', 'Stainless steel screws, 4mm')),
  quantity: number,
  unitPrice: fc.option(number, { nil: undefined }),
  countryOfManufacture: field(fc.constantFrom('US', 'CN', 'DE', 'us', 'ZZ', 'USA')),
  harmonizedCode: field(fc.constantFrom('847130', '8471.30.01', '6109.10.0012', 'N/A', '12')),
  weight: fc.option(number, { nil: undefined }),
  weightUnit: fc.option(fc.constantFrom('lb', 'oz', 'kg', 'g', 'stone'), { nil: undefined }),
});

const goodPackage = fc.record({
  weight: fc.double({ min: 0.1, max: 65, noNaN: true }),
  description: fc.option(fc.constantFrom('Box 1', 'Carton of widgets').chain(decorated), { nil: undefined }),
  length: fc.option(fc.double({ min: 1, max: 40, noNaN: true }), { nil: undefined }),
  width: fc.option(fc.double({ min: 1, max: 30, noNaN: true }), { nil: undefined }),
  height: fc.option(fc.double({ min: 1, max: 20, noNaN: true }), { nil: undefined }),
});

const anyPackage = fc.record({
  weight: number,
  description: field(fc.constantFrom('Box 1', 'Pallet of widgets', 'Envelope')),
  length: fc.option(number, { nil: undefined }),
  width: fc.option(number, { nil: undefined }),
  height: fc.option(number, { nil: undefined }),
});

const SHIP_FROM = { name: 'East Warehouse', addr1: '50 Depot Rd', city: 'Nashville', state: 'TN', zip: '37210', country: 'US', addrphone: '615-555-0199' };

/** A NetSuite fulfillment: coherent data with, half the time, one to three fields replaced by anything. */
const snapshot: fc.Arbitrary<FulfillmentSnapshot> = fc
  .record({
    accountId: fc.constantFrom('1234567_SB1', 'TSTDRV123'),
    fulfillment: fc.record({
      id: fc.integer({ min: 1, max: 99_999_999 }).map(String),
      tranId: fc.option(fc.constantFrom('IF501', 'IF-2025-000123').chain(decorated), { nil: undefined }),
      tranDate: fc.constantFrom('2025-01-03', '2025-01-06', '2025-01-07'),
      shipMethodId: fc.constant('77'),
      shipMethodName: fc.constantFrom('FedEx Ground', 'FedEx 2Day'),
    }),
    salesOrder: fc.record({ id: fc.constant('400'), tranId: fc.constantFrom('SO400', 'SO-000123'), currency: fc.constantFrom('USD', 'EUR', 'GBP', 'usd') }),
    customer: fc.record({
      id: fc.constant('12'),
      isPerson: fc.boolean(),
      companyName: fc.option(fc.constantFrom('Acme Retail', 'Acme International Trading Company LLC').chain(decorated), { nil: undefined }),
      firstName: fc.constantFrom('Ann', 'José'),
      lastName: fc.constantFrom('Lee', 'Núñez'),
      entityId: fc.constantFrom('C-100', 'Ann Lee'),
      email: fc.option(fc.constantFrom('orders@acme.example', 'n/a', 'a@b.example; d@e.example'), { nil: undefined }),
      phone: fc.option(fc.constantFrom('901-555-0123', '+44 20 7946 0958'), { nil: undefined }),
      fedexAccount: fc.constantFrom(undefined, undefined, ACCOUNT),
    }),
    shipTo: coherentAddress,
    shipFrom: fc.constant(SHIP_FROM),
    items: fc.array(goodItem, { minLength: 1, maxLength: 3 }),
    packages: fc.oneof({ weight: 9, arbitrary: fc.array(goodPackage, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  })
  .chain((base) =>
    fc
      .array(
        fc.oneof(
          anyAddress.map((a) => (s: FulfillmentSnapshot) => void (s.shipTo = a)),
          anyAddress.map((a) => (s: FulfillmentSnapshot) => void (s.shipFrom = { ...a, name: 'Warehouse' })),
          fc.tuple(fc.constantFrom('addr1', 'addr2', 'addr3', 'city', 'state', 'zip', 'country', 'addrphone', 'addressee', 'attention'), fc.oneof(hostile, street, zip, state, country, phone)).map(
            ([key, value]) => (s: FulfillmentSnapshot) => void ((s.shipTo as Record<string, unknown>)[key] = value),
          ),
          fc.array(anyItem, { maxLength: 4 }).map((items) => (s: FulfillmentSnapshot) => void (s.items = items)),
          fc.oneof(fc.array(anyPackage, { maxLength: 4 }), fc.array(anyPackage, { minLength: 29, maxLength: 32 })).map((packages) => (s: FulfillmentSnapshot) => void (s.packages = packages)),
          fc.tuple(name, name, phone, fc.constantFrom(undefined, '12345', 'abcdefghi', '')).map(([companyName, entityId, p, fedexAccount]) => (s: FulfillmentSnapshot) => {
            s.customer = { ...s.customer, ...(companyName ? { companyName } : {}), ...(entityId ? { entityId } : {}), ...(p ? { phone: p } : {}), ...(fedexAccount !== undefined ? { fedexAccount } : {}) };
          }),
          fc.option(fc.record({ id: fc.constant('400'), tranId: field(fc.constantFrom('SO400')), currency: field(fc.constantFrom('USD', 'US Dollar', '')) }), { nil: undefined }).map(
            (so) => (s: FulfillmentSnapshot) => void (so ? (s.salesOrder = so as FulfillmentSnapshot['salesOrder']) : delete s.salesOrder),
          ),
        ),
        { maxLength: 3 },
      )
      .chain((corruptions) => fc.boolean().map((corrupt) => {
        const snap = JSON.parse(JSON.stringify(base)) as FulfillmentSnapshot;
        // JSON drops undefined and NaN; the corruptions bring the hostile numbers back in.
        if (corrupt) for (const apply of corruptions) apply(snap);
        return snap;
      })),
  );

const DOMESTIC_SERVICES = ['FEDEX_GROUND', 'GROUND_HOME_DELIVERY', 'FEDEX_2_DAY', 'PRIORITY_OVERNIGHT', 'FEDEX_EXPRESS_SAVER', 'STANDARD_OVERNIGHT'];
const INTERNATIONAL_SERVICES = ['FEDEX_INTERNATIONAL_PRIORITY', 'INTERNATIONAL_ECONOMY', 'FEDEX_GROUND'];
const SERVICES = [...DOMESTIC_SERVICES, ...INTERNATIONAL_SERVICES, 'SMART_POST', 'FEDEX_2_DAY_FREIGHT', 'FEDEX_GROUD'];
/** Mostly a service that fits the route (as a configured service map has), sometimes any. */
function ruleFor(snap: FulfillmentSnapshot): fc.Arbitrary<ShipMethodRule> {
  const to = String(snap.shipTo.country ?? '').toUpperCase();
  const fitting = to === 'US' || to === 'PR' ? DOMESTIC_SERVICES : INTERNATIONAL_SERVICES;
  return fc.record({
    kind: fc.constant('fedex' as const),
    serviceType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fitting) }, { weight: 1, arbitrary: fc.constantFrom(...SERVICES) }),
    packagingType: fc.option(fc.constantFrom('YOUR_PACKAGING', 'YOUR_PACKAGING', 'YOUR_PACKAGING', 'FEDEX_ENVELOPE', 'FEDEX_PAK', 'FEDEX_BOX', 'FEDEX_10KG_BOX', 'BOX'), { nil: undefined }),
    residentialServiceType: fc.option(fc.constantFrom('GROUND_HOME_DELIVERY', 'FEDEX_EXPRESS_SAVER', 'FEDEX_GROUND'), { nil: undefined, freq: 4 }),
  }) as fc.Arbitrary<ShipMethodRule>;
}

const LABELS: [string, string][] = [['PDF', 'PAPER_4X6'], ['PDF', 'PAPER_LETTER'], ['PNG', 'PAPER_4X6'], ['ZPLII', 'STOCK_4X6'], ['EPL2', 'STOCK_4X6'], ['ZPLII', 'PAPER_4X6'], ['PDF', 'STOCK_4X6']];
const settings: fc.Arbitrary<ConnectorSettings> = fc
  .record({
    globalFedexAccount: fc.oneof({ weight: 9, arbitrary: fc.constant(ACCOUNT) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    label: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...LABELS.slice(0, 5)) }, { weight: 1, arbitrary: fc.constantFrom(...LABELS) }),
    dutiesPayment: fc.constantFrom('SENDER', 'SENDER', 'RECIPIENT', 'RECIPIENT', 'CUSTOMER'),
    electronicTradeDocuments: fc.boolean(),
  })
  .map(({ label, ...rest }) => ({ ...rest, labelImageType: label[0], labelStockType: label[1], pickupType: 'USE_SCHEDULED_PICKUP', weightUnits: 'LB', today: TODAY }) as ConnectorSettings);

/** A refusal names the field: a path into the wire request, and a message. */
const FIELD_PATH = /^(idempotencyKey|source|accountNumber|serviceType|packagingType|pickupType|shipDate|label|shipper|recipient|packages|items|customs)(\.|\[|$)/;

// ---- the properties ---------------------------------------------------------------------------

const tally = { snapshot: { runs: 0, accepted: 0, refused: 0 }, wire: { runs: 0, accepted: 0, refused: 0 }, refusedPaths: new Map<string, number>() };

afterAll(() => {
  const top = [...tally.refusedPaths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(
    `property: NetSuite fulfillments ${tally.snapshot.runs} runs (${tally.snapshot.accepted} sent and accepted by the FedEx double, ${tally.snapshot.refused} refused naming the field); ` +
      `relay wire requests ${tally.wire.runs} runs (${tally.wire.accepted} accepted, ${tally.wire.refused} refused). Most refused fields: ${top.map(([p, n]) => `${p} ${n}`).join(', ')}`,
  );
});

function countRefusal(paths: string[]): void {
  for (const p of new Set(paths.map((path) => path.replace(/\[\d+\]/g, '[]')))) tally.refusedPaths.set(p, (tally.refusedPaths.get(p) ?? 0) + 1);
}

describe('the mapping, fed arbitrary NetSuite data', () => {
  it('lets through only what FedEx accepts, and refuses everything else naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(snapshot.chain((snap) => fc.tuple(fc.constant(snap), ruleFor(snap), settings)), async ([snap, r, s]) => {
        tally.snapshot.runs += 1;
        const result = buildCreateShipmentRequest(snap, r, s);
        if (result.kind === 'skip') throw new Error('a FedEx rule never skips');
        if (result.kind === 'failed') {
          tally.snapshot.refused += 1;
          expect(result.message.length).toBeGreaterThan(0);
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) {
            expect(p.path).toMatch(FIELD_PATH);
            expect(p.message.length).toBeGreaterThan(0);
          }
          countRefusal(result.problems.map((p) => p.path));
          return;
        }
        tally.snapshot.accepted += 1;
        // The relay runs the same normalization and validation: it accepts the request unchanged.
        const again = prepareCreateShipmentRequest(result.request);
        expect(again).toEqual({ ok: true, value: result.request });
        const answer = await fedexAnswer(result.request);
        expect(answer, JSON.stringify(result.request).slice(0, 3000)).toMatchObject({ status: 200 });
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});

// Mutations of a valid wire request, as another client (or an older SuiteApp) could send the relay.
type Mutation = (req: Record<string, any>) => void;
const wireMutation: fc.Arbitrary<Mutation> = fc.oneof<fc.Arbitrary<Mutation>[]>(
  fc.tuple(fc.constantFrom('recipient', 'shipper'), fc.constantFrom('personName', 'companyName', 'phoneNumber', 'phoneExtension', 'emailAddress'), fc.oneof(hostile, phone)).map(
    ([party, key, value]) => (req) => {
      req[party].contact[key] = value;
    },
  ),
  fc.tuple(fc.constantFrom('recipient', 'shipper'), fc.constantFrom('city', 'stateOrProvinceCode', 'postalCode', 'countryCode'), fc.oneof(hostile, state, zip, country)).map(
    ([party, key, value]) => (req) => {
      req[party].address[key] = value;
    },
  ),
  fc.tuple(fc.constantFrom('recipient', 'shipper'), fc.array(fc.oneof(street, hostile), { maxLength: 5 })).map(([party, lines]) => (req) => {
    req[party].address.streetLines = lines;
  }),
  fc.tuple(fc.integer({ min: 0, max: 2 }), number, fc.constantFrom('LB', 'KG', 'LBS')).map(([i, value, units]) => (req) => {
    req.packages[i] = { weight: { units, value } };
  }),
  fc.tuple(number, number, number).map(([length, width, height]) => (req) => {
    req.packages[0].dimensions = { length, width, height, units: 'IN' };
  }),
  fc.tuple(hostile, number).map(([description, quantity]) => (req) => {
    req.items.push({ item: description, description, quantity });
  }),
  fc.constantFrom(...SERVICES).map((service) => (req) => {
    req.serviceType = service;
  }),
  fc.boolean().map((residential) => (req) => {
    req.recipient.address.residential = residential;
  }),
  fc.tuple(fc.constantFrom('GB', 'CA', 'DE'), fc.boolean()).map(([to, withCustoms]) => (req) => {
    req.recipient.address = { streetLines: ['1 High Street'], city: 'Somewhere', postalCode: to === 'GB' ? 'SW1A 2AA' : to === 'CA' ? 'K1A 0B1' : '10115', countryCode: to, ...(to === 'CA' ? { stateOrProvinceCode: 'ON' } : {}) };
    req.serviceType = 'FEDEX_INTERNATIONAL_PRIORITY';
    if (withCustoms) {
      req.customs = { currency: 'USD', dutiesPayment: 'SENDER', electronicTradeDocuments: false, commodities: [{ item: 'WIDGET-1', description: 'Blue widget', quantity: 1, quantityUnits: 'EA', unitPrice: 5, customsValue: 5, countryOfManufacture: 'US' }] };
    }
  }),
  fc.tuple(fc.constantFrom('description', 'quantity', 'unitPrice', 'customsValue', 'countryOfManufacture', 'harmonizedCode', 'weight'), fc.oneof(hostile, number)).map(([key, value]) => (req) => {
    const c = req.customs?.commodities?.[0];
    if (c) c[key] = value;
  }),
);

describe('the relay, fed mutated wire requests', () => {
  it('normalizes and accepts only what FedEx accepts, and names the field of every refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(wireMutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        tally.wire.runs += 1;
        const req = JSON.parse(JSON.stringify(sampleRequest({ shipDate: TODAY }))) as Record<string, any>;
        for (const mutate of mutations) mutate(req);
        const prepared = prepareCreateShipmentRequest(req);
        if (!prepared.ok) {
          tally.wire.refused += 1;
          for (const p of prepared.problems) expect(p.path).toMatch(FIELD_PATH);
          countRefusal(prepared.problems.map((p) => p.path));
          return;
        }
        tally.wire.accepted += 1;
        expect(prepareCreateShipmentRequest(prepared.value)).toEqual(prepared);
        const answer = await fedexAnswer(prepared.value);
        expect(answer, JSON.stringify(prepared.value).slice(0, 3000)).toMatchObject({ status: 200 });
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
