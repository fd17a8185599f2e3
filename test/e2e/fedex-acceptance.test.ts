// Issue 8 end to end: real retailer data through the compiled SuiteScripts in the NetSuite double,
// the real relay and the FedEx double with FedEx's business rules on. What FedEx would take is
// normalized and shipped; what it would refuse ends as a FAILED Shipment naming the field, and never
// reaches FedEx. International orders carry customs built from the order and the item records, and
// the commercial invoice FedEx returns is stored with the labels and linked from the Shipment.
import { describe, expect, it } from 'vitest';
import { SERVICE_MAP, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';

const S = SHIPMENT.fields;
const stack = useStack();

const failureOf = (a: ConnectorAccount, fulfillment: number) => {
  const s = a.shipmentOf(fulfillment);
  expect(s?.fields[S.status]).toBe('FAILED');
  return { code: s?.fields[S.errorCode], message: String(s?.fields[S.lastError]) };
};

async function sentToFedex(a: ConnectorAccount, fulfillment: number) {
  const shipments = await stack().shipmentsFor(a.keyOf(fulfillment));
  expect(shipments).toHaveLength(1);
  expect(a.shipmentOf(fulfillment)?.fields[S.status]).toBe('CREATED');
  return shipments[0];
}

describe('domestic data as NetSuite holds it', () => {
  it('formatted phones go to FedEx as digits with the extension apart', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder({ address: { addrphone: '+1 (901) 555-0100 x123' } }));
    const fx = await sentToFedex(a, f);
    expect(fx.request.requestedShipment.recipients[0].contact).toMatchObject({ phoneNumber: '9015550100', phoneExtension: '123' });
    expect(fx.request.requestedShipment.shipper.contact.phoneNumber).toBe('6155550199');
  });

  it('a FedEx Ground ship method to a home ships by Home Delivery; over 70 lb by Ground; the service map can name the residential service', async () => {
    const a = connectorAccount(stack());
    const toHome = a.shipOrder(a.salesOrder({ residential: true }));
    expect((await sentToFedex(a, toHome)).serviceType).toBe('GROUND_HOME_DELIVERY');
    expect(a.shipmentOf(toHome)?.fields[S.serviceType]).toBe('GROUND_HOME_DELIVERY');
    const heavy = await sentToFedex(a, a.shipOrder(a.salesOrder({ residential: true }), [80]));
    expect(heavy.serviceType).toBe('FEDEX_GROUND');

    const row = a.ns.find(SERVICE_MAP.type, (r) => String(r.fields[SERVICE_MAP.fields.shipItem]) === String(a.ids.fedexGround))[0]!;
    a.ns.ui.edit(SERVICE_MAP.type, row.id as number, { fields: { [SERVICE_MAP.fields.residentialServiceType]: 'FEDEX_EXPRESS_SAVER' } });
    const saver = await sentToFedex(a, a.shipOrder(a.salesOrder({ residential: true })));
    expect(saver.serviceType).toBe('FEDEX_EXPRESS_SAVER');
  });

  it('a 41-character street line is split over FedEx street lines', async () => {
    const a = connectorAccount(stack());
    const line = '410 North Martin Luther King Jr Boulevard';
    expect(line).toHaveLength(41);
    const fx = await sentToFedex(a, a.shipOrder(a.salesOrder({ address: { addr1: line, addr2: 'Suite 200' } })));
    expect(fx.request.requestedShipment.recipients[0].address.streetLines).toEqual(['410 North Martin Luther King Jr', 'Boulevard', 'Suite 200']);
  });

  it('invisible and control characters never reach FedEx', async () => {
    const a = connectorAccount(stack());
    const fx = await sentToFedex(a, a.shipOrder(a.salesOrder({ address: { addressee: 'Acme\u202E Retail\u200B', attention: 'Dock\u00004', addr1: '3875 Airways\tBlvd' } })));
    expect(fx.request.requestedShipment.recipients[0].contact).toMatchObject({ personName: 'Dock 4', companyName: 'Acme Retail' });
    expect(fx.request.requestedShipment.recipients[0].address.streetLines[0]).toBe('3875 Airways Blvd');
  });

  it('a US address with a Canadian postal code is refused before FedEx, saying why', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder({ address: { zip: 'K1A 0B1' } }));
    expect(failureOf(a, f)).toEqual({
      code: 'INVALID_SHIPMENT_DATA',
      message: "The fulfillment cannot make a FedEx shipment: Ship-to zip 'K1A 0B1' is a Canadian postal code, but the country is US: check the address's country (fix: the ship-to address)",
    });
    expect((await stack().stats()).transactions.total).toBe(0);
  });

  it('a package weight of 1e308 is refused before any arithmetic, naming the package', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(a.salesOrder(), [1e308]);
    const { code, message } = failureOf(a, f);
    expect(code).toBe('INVALID_SHIPMENT_DATA');
    expect(message).toContain("Package 1 weight (LB) 1e+308 is more than FedEx's 150 (fix: the fulfillment's package weights, or the items' weights)");
    expect((await stack().stats()).transactions.total).toBe(0);
  });
});

// ---- international -------------------------------------------------------------------------

const OTTAWA = { addressee: 'Maple Goods Ltd', attention: 'Receiving', addr1: '150 Elgin St', city: 'Ottawa', state: 'ON', zip: 'k2p1l4', country: 'CA', addrphone: '613-555-0100' };
const LONDON = { addressee: 'Thames Trading', attention: 'Ann Lee', addr1: '10 Downing St', city: 'London', state: '', zip: 'sw1a2aa', country: 'GB', addrphone: '020 7946 0958' };

interface IntlItem {
  itemid: string;
  rate?: number;
  quantity: number;
  countryofmanufacture?: string;
  manufacturertariff?: string;
  weight?: number;
}

/** An order to `address` in US dollars, for items described on their records as given. */
function internationalOrder(a: ConnectorAccount, address: Record<string, unknown>, items: IntlItem[], shipmethod = a.ids.fedexGround): number {
  const usd = a.ns.find('currency', (c) => c.fields.symbol === 'USD')[0]?.id ?? a.ns.seed('currency', { fields: { name: 'US Dollar', symbol: 'USD', displaysymbol: '$', isbasecurrency: true, exchangerate: 1 } });
  const lines = items.map((i) => {
    const item = a.ns.seed('inventoryitem', {
      fields: {
        itemid: i.itemid,
        displayname: i.itemid,
        ...(i.countryofmanufacture ? { countryofmanufacture: i.countryofmanufacture } : {}),
        ...(i.manufacturertariff ? { manufacturertariff: i.manufacturertariff } : {}),
        ...(i.weight ? { weight: i.weight, weightunit: '1' } : {}),
      },
    });
    return { item, quantity: i.quantity, ...(i.rate !== undefined ? { rate: i.rate, amount: i.rate * i.quantity } : {}), description: `${i.itemid} as sold`, location: a.ids.warehouse };
  });
  return a.ns.seed('salesorder', {
    fields: { entity: a.ids.customer, subsidiary: a.ids.subsidiary, location: a.ids.warehouse, shipmethod, currency: usd, trandate: new Date() },
    subrecords: { shippingaddress: address },
    sublists: { item: lines },
  });
}

const COMPLETE: IntlItem[] = [
  { itemid: 'WIDGET-CA-1', rate: 19.99, quantity: 3, countryofmanufacture: 'US', manufacturertariff: '8471.30.01', weight: 1.5 },
  { itemid: 'GADGET-CA-7', rate: 5, quantity: 1, countryofmanufacture: 'CN', weight: 0.5 },
];

function mapInternationalPriority(a: ConnectorAccount): number {
  const F = SERVICE_MAP.fields;
  a.ns.seed(SERVICE_MAP.type, { fields: { name: 'FedEx International Priority', [F.shipItem]: a.ids.fedexUnmapped, [F.serviceType]: 'FEDEX_INTERNATIONAL_PRIORITY' } });
  return a.ids.fedexUnmapped;
}

describe('international orders', () => {
  it('US → Canada by FedEx Ground: customs from the order and the item records, commercial invoice stored and linked', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(internationalOrder(a, OTTAWA, COMPLETE), [6.5]);
    const fx = await sentToFedex(a, f);
    const sent = fx.request.requestedShipment;
    expect(sent.serviceType).toBe('FEDEX_GROUND');
    expect(sent.recipients[0].address).toMatchObject({ countryCode: 'CA', stateOrProvinceCode: 'ON', postalCode: 'K2P 1L4' });
    // Package and commodity weights share a unit, KG (FedEx's schema takes commodity weights in KG only).
    expect(sent.requestedPackageLineItems[0]).toMatchObject({ weight: { units: 'KG', value: 2.95 }, subPackagingType: 'BOX' });
    expect(sent.totalWeight).toBe(6.5);
    expect(sent.customsClearanceDetail).toMatchObject({
      dutiesPayment: { paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: { value: '740561073' } } } },
      commercialInvoice: { shipmentPurpose: 'SOLD', termsOfSale: 'DDP' },
      commodities: [
        { name: 'WIDGET-CA-1', description: 'WIDGET-CA-1 as sold', quantity: 3, quantityUnits: 'EA', unitPrice: { amount: 19.99, currency: 'USD' }, customsValue: { amount: 59.97, currency: 'USD' }, countryOfManufacture: 'US', harmonizedCode: '84713001', weight: { units: 'KG', value: 2.04 } },
        { name: 'GADGET-CA-7', quantity: 1, unitPrice: { amount: 5, currency: 'USD' }, customsValue: { amount: 5, currency: 'USD' }, countryOfManufacture: 'CN', weight: { units: 'KG', value: 0.23 } },
      ],
      totalCustomsValue: { amount: 64.97, currency: 'USD' },
    });
    expect(sent.shipmentSpecialServices).toBeUndefined();

    // The commercial invoice FedEx returned (apart from the labels) is a PDF in the label folder, linked from the Shipment.
    const shipment = a.shipmentOf(f)!;
    const invoiceFile = Number(shipment.fields[S.commercialInvoiceFile]);
    expect(invoiceFile).toBeGreaterThan(0);
    const stored = a.ns.io.files.load(invoiceFile);
    expect(Buffer.from(stored.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    expect(stored.name).toMatch(/commercial-invoice\.pdf$/);
    expect(stored.folder).toBe(a.ids.labelFolder);
    expect(Number(shipment.fields[S.labelFile])).not.toBe(invoiceFile);
  });

  it('reads the item data of all lines with one search: an international shipment costs a bounded number of units more than a domestic one', async () => {
    const a = connectorAccount(stack());
    const runs = () => a.ns.invocations({ scriptId: 'customscript_mlfx_ue_fulfillment', entryPoint: 'afterSubmit' });
    a.shipOrder(a.salesOrder(), [6.5]);
    const domestic = runs().at(-1)!.unitsUsed;
    const manyLines = Array.from({ length: 8 }, (_, i) => ({ ...COMPLETE[i % 2]!, itemid: `ITEM-${i}` }));
    const f = a.shipOrder(internationalOrder(a, OTTAWA, manyLines), [6.5]);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('CREATED');
    const international = runs().at(-1)!.unitsUsed;
    console.info(`governance: domestic fulfillment ${domestic} units; international with 8 item lines ${international} units (item data search 10, currency lookup 1, commercial invoice file 20)`);
    expect(international - domestic).toBeLessThanOrEqual(31);
  });

  it('US → Canada with an item that has no country of manufacture fails naming the item, and nothing reaches FedEx', async () => {
    const a = connectorAccount(stack());
    const items = [COMPLETE[0]!, { itemid: 'MYSTERY-9', rate: 12, quantity: 2 }];
    const f = a.shipOrder(internationalOrder(a, OTTAWA, items), [6.5]);
    const { code, message } = failureOf(a, f);
    expect(code).toBe('INVALID_SHIPMENT_DATA');
    expect(message).toBe("The fulfillment cannot make a FedEx shipment: Item 'MYSTERY-9' has no Country of Manufacture: set it on the item record (FedEx needs it to clear customs into CA)");
    expect((await stack().stats()).transactions.total).toBe(0);
  });

  it('US → UK by International Priority with Electronic Trade Documents and duties billed to the customer', async () => {
    const a = connectorAccount(stack());
    a.updateSettings({ electronicTradeDocuments: true, dutiesPayment: 'RECIPIENT' });
    a.ns.ui.edit('customer', a.ids.customer, { fields: { custentity_mlfx_fedex_account: '740561073' } });
    const f = a.shipOrder(internationalOrder(a, LONDON, COMPLETE, mapInternationalPriority(a)), [6.5]);
    const fx = await sentToFedex(a, f);
    const sent = fx.request.requestedShipment;
    expect(sent.serviceType).toBe('FEDEX_INTERNATIONAL_PRIORITY');
    expect(sent.recipients[0]).toMatchObject({ contact: { personName: 'Ann Lee', phoneNumber: '02079460958' }, address: { postalCode: 'SW1A 2AA', countryCode: 'GB' } });
    expect(sent.recipients[0].address.stateOrProvinceCode).toBeUndefined();
    expect(sent.shipmentSpecialServices).toEqual({ specialServiceTypes: ['ELECTRONIC_TRADE_DOCUMENTS'], etdDetail: { requestedDocumentTypes: ['COMMERCIAL_INVOICE'] } });
    expect(sent.customsClearanceDetail).toMatchObject({ dutiesPayment: { paymentType: 'RECIPIENT', payor: { responsibleParty: { accountNumber: { value: '740561073' } } } }, commercialInvoice: { termsOfSale: 'DAP' } });
    expect(Number(a.shipmentOf(f)?.fields[S.commercialInvoiceFile])).toBeGreaterThan(0);
  });

  it('US → UK with an item that has no price on the order fails naming the item', async () => {
    const a = connectorAccount(stack());
    const items = [COMPLETE[0]!, { itemid: 'SAMPLE-1', quantity: 1, countryofmanufacture: 'US' }];
    const f = a.shipOrder(internationalOrder(a, LONDON, items, mapInternationalPriority(a)), [6.5]);
    expect(failureOf(a, f).message).toMatch(/^The fulfillment cannot make a FedEx shipment: Item 'SAMPLE-1' has no price on the sales order: customs needs the value/);
    expect((await stack().stats()).transactions.total).toBe(0);
  });

  it('US → UK on a domestic-only ship method fails naming the ship method to fix', async () => {
    const a = connectorAccount(stack());
    const f = a.shipOrder(internationalOrder(a, LONDON, COMPLETE, a.ids.fedex2Day), [6.5]);
    expect(failureOf(a, f).message).toMatch(
      /^The fulfillment cannot make a FedEx shipment: Ship method "FedEx 2Day" \(FedEx Service Map: FEDEX_2_DAY\): FEDEX_2_DAY is a FedEx service for shipments within one country, and this one goes from US to GB: .* fix the ship method's row in the FedEx Service Map, or choose another ship method$/,
    );
    expect((await stack().stats()).transactions.total).toBe(0);
  });
});
