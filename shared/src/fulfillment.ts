// NetSuite side of the mapping: decide whether a saved item fulfillment is the connector's business,
// and turn what the user event read from NetSuite (a plain snapshot) into the relay request: the
// service that fits the destination, customs across borders, then the shared normalization and
// validation, so that a request leaves NetSuite only when FedEx would accept it, and otherwise the
// fulfillment fails with every problem named where a clerk fixes it. Pure: the SuiteScript gathers
// the snapshot, this decides.
import type { CreateShipmentRequest, LabelImageType, LabelStockType, WireCustoms, WireParty } from './contract';
import { isCountryCode } from './countries';
import { buildCustoms, type ItemLineSnapshot, unitWeightLb } from './customs';
import type { ErrorCode, FieldProblem } from './errors';
import { cleanText } from './normalize/text';
import { maxDaysAhead, needsCustoms, serviceForDestination, toKilograms, toPounds } from './services';
import { prepareCreateShipmentRequest } from './validate';

export type { ItemLineSnapshot } from './customs';

/** `shipstatus` of an item fulfillment: A Picked, B Packed, C Shipped. */
export const SHIP_STATUS_SHIPPED = 'C';

/**
 * True when this save makes the fulfillment Shipped: created as Shipped, or moved to Shipped by an
 * edit, ship or inline edit. On XEDIT an unchanged field is blank on the new record, so a blank
 * status there means "not changed by this edit" and never triggers.
 */
export function becameShipped(eventType: string, newStatus: string | undefined, oldStatus: string | undefined): boolean {
  const type = eventType.toLowerCase();
  if (newStatus !== SHIP_STATUS_SHIPPED) return false;
  if (type === 'create') return true;
  if (type === 'edit' || type === 'xedit' || type === 'ship') return oldStatus !== SHIP_STATUS_SHIPPED;
  return false;
}

/** The same fulfillment always yields the same key: a retry can never buy a second label. */
export function idempotencyKeyFor(accountId: string, fulfillmentId: string): string {
  return `NS${accountId.replace(/[^A-Za-z0-9]/g, '')}-IF${fulfillmentId}`.slice(0, 40);
}

export interface AddressSnapshot {
  addressee?: string;
  attention?: string;
  addr1?: string;
  addr2?: string;
  addr3?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  addrphone?: string;
  isresidential?: boolean;
}

export interface FulfillmentSnapshot {
  accountId: string;
  fulfillment: { id: string; tranId?: string; tranDate: string; shipMethodId?: string; shipMethodName?: string };
  /** `currency`: the order's ISO currency code (customs values are in it). */
  salesOrder?: { id: string; tranId?: string; currency?: string };
  customer: {
    id?: string;
    isPerson: boolean;
    companyName?: string;
    firstName?: string;
    lastName?: string;
    entityId?: string;
    email?: string;
    phone?: string;
    fedexAccount?: string;
  };
  shipTo: AddressSnapshot;
  /** The fulfillment's location address, else its subsidiary's. */
  shipFrom?: AddressSnapshot & { name?: string };
  /** Item lines; prices and item record data are read only when needed (cross-border, or packages without weight). */
  items: ItemLineSnapshot[];
  /** Weights in the settings' unit (NetSuite: pounds); dimensions in inches. */
  packages: { weight: number; description?: string; length?: number; width?: number; height?: number }[];
}

/** How the connector treats one ship method, from the service map and the ship item's carrier. */
export type ShipMethodRule =
  | { kind: 'not-fedex' }
  | { kind: 'fedex-unmapped' }
  /** `residentialServiceType`: the service map's service for residential addresses, when it names one. */
  | { kind: 'fedex'; serviceType: string; packagingType?: string; residentialServiceType?: string };

export interface ConnectorSettings {
  globalFedexAccount?: string;
  labelImageType: LabelImageType;
  labelStockType: LabelStockType;
  pickupType: string;
  weightUnits: 'LB' | 'KG';
  /** YYYY-MM-DD in the account's time zone: FedEx refuses ship dates in the past. */
  today: string;
  /** Who pays duties and taxes on cross-border shipments: SENDER (default) or RECIPIENT; anything else is refused naming the setting. */
  dutiesPayment?: string;
  /** Send commercial invoices to customs electronically (FedEx ETD; default off). */
  electronicTradeDocuments?: boolean;
}

export type BuildResult =
  | { kind: 'skip'; reason: string }
  | { kind: 'ready'; request: CreateShipmentRequest }
  | { kind: 'failed'; code: ErrorCode; message: string; problems: FieldProblem[] };

const clean = (v: string | undefined): string | undefined => cleanText(v);

function customerName(c: FulfillmentSnapshot['customer']): string | undefined {
  if (c.isPerson) return clean([c.firstName, c.lastName].filter(Boolean).join(' ')) ?? clean(c.entityId);
  return clean(c.companyName) ?? clean(c.entityId);
}

function partyFrom(address: AddressSnapshot, contact: { personName?: string; companyName?: string; phone?: string; email?: string }): WireParty {
  const streetLines = [address.addr1, address.addr2, address.addr3].map(clean).filter((l): l is string => l !== undefined);
  const party: WireParty = {
    contact: { phoneNumber: clean(address.addrphone) ?? clean(contact.phone) ?? '' },
    address: { streetLines, city: clean(address.city) ?? '', countryCode: clean(address.country)?.toUpperCase() ?? '' },
  };
  const personName = clean(contact.personName);
  const companyName = clean(contact.companyName);
  const email = clean(contact.email);
  if (personName) party.contact.personName = personName;
  if (companyName) party.contact.companyName = companyName;
  if (email) party.contact.emailAddress = email;
  const state = clean(address.state);
  const zip = clean(address.zip);
  if (state) party.address.stateOrProvinceCode = state;
  if (zip) party.address.postalCode = zip;
  if (address.isresidential !== undefined) party.address.residential = address.isresidential;
  return party;
}

/** Where a clerk fixes each field of the wire request in NetSuite: [path, what it is, where to fix it]. */
const NETSUITE_NAMES: [RegExp, string, string][] = [
  [/^recipient\.contact\.phoneNumber/, 'Recipient phone', "the ship-to address phone, else the customer's phone"],
  [/^recipient\.contact\.phoneExtension/, 'Recipient phone extension', 'the ship-to address phone'],
  [/^recipient\.contact\.(personName|companyName)/, 'Recipient name', "the ship-to addressee/attention, else the customer's name"],
  [/^recipient\.contact\.emailAddress/, 'Recipient e-mail', "the customer's e-mail"],
  [/^recipient\.address\.countryCode/, 'Ship-to country', 'the ship-to address'],
  [/^recipient\.address\.stateOrProvinceCode/, 'Ship-to state', 'the ship-to address'],
  [/^recipient\.address\.postalCode/, 'Ship-to zip', 'the ship-to address'],
  [/^recipient\.address\.city/, 'Ship-to city', 'the ship-to address'],
  [/^recipient\.address\.streetLines/, 'Ship-to address', 'the ship-to address lines'],
  [/^shipper\.contact\.phoneNumber/, 'Ship-from phone', 'the address phone of the location (else subsidiary) the order ships from'],
  [/^shipper\./, 'Ship-from address', 'the address of the location (else subsidiary) the order ships from'],
  [/^packages\[\d+\]\.weight/, '', "the fulfillment's package weights, or the items' weights"],
  [/^packages\[\d+\]\.dimensions/, '', "the fulfillment's FedEx package lines (length, width, height)"],
  [/^packages/, 'Packages', "the fulfillment's packages"],
  [/^label\./, 'Label settings', 'the FedEx Connector Settings record'],
  [/^customs\.currency/, 'Customs currency', 'the sales order'],
  [/^customs\.dutiesPayment/, 'Duties and Taxes Paid By', 'the FedEx Connector Settings record (SENDER or RECIPIENT)'],
  [/^customs\.dutiesAccountNumber/, "Recipient's FedEx account for duties", "the customer's FedEx Account Number, or Duties and Taxes Paid By SENDER in the FedEx Connector Settings"],
  [/^packagingType/, 'Packaging', "the ship method's FedEx Packaging Type in the FedEx Service Map"],
  [/^shipDate/, 'Ship date:', "the fulfillment's date"],
  [/^customs\.commodities\[\d+\]\.(unitPrice|customsValue)/, 'Customs value', "the sales order's item lines"],
  [/^customs\.commodities/, 'Customs', 'the item records'],
];

function explain(problems: FieldProblem[], method: string, serviceType: string): string {
  return problems
    .map((p) => {
      if (p.path === 'serviceType') return `Ship method "${method}" (FedEx Service Map: ${serviceType}): ${p.message}; fix the ship method's row in the FedEx Service Map, or choose another ship method`;
      const named = NETSUITE_NAMES.find(([re]) => re.test(p.path));
      if (!named) return p.path ? `${p.path} ${p.message}` : p.message;
      // Customs messages name the item they are about, package messages the package.
      if (named[1] === 'Customs' || named[1] === 'Customs value') return p.message;
      const text = named[1] ? `${named[1]} ${p.message}` : p.message.charAt(0).toUpperCase() + p.message.slice(1);
      return `${text} (fix: ${named[2]})`;
    })
    .join('; ');
}

/** One package from the items' weights, when NetSuite has no package weight (packages left empty or at 0). */
function packagesOf(snapshot: FulfillmentSnapshot, units: 'LB' | 'KG'): FulfillmentSnapshot['packages'] {
  const weighed = snapshot.packages.some((p) => typeof p.weight === 'number' && p.weight > 0);
  if (weighed) return snapshot.packages;
  const lines = snapshot.items.filter((i) => i.quantity > 0);
  const weights = lines.map((l) => unitWeightLb(l));
  if (lines.length === 0 || weights.some((w) => w === undefined)) return snapshot.packages;
  const pounds = lines.reduce((sum, l, i) => sum + (weights[i] as number) * l.quantity, 0);
  const first = snapshot.packages[0];
  return [{ ...(first ?? {}), weight: units === 'KG' ? toKilograms(pounds, 'LB') : pounds }];
}

export function buildCreateShipmentRequest(snapshot: FulfillmentSnapshot, rule: ShipMethodRule, settings: ConnectorSettings): BuildResult {
  const method = snapshot.fulfillment.shipMethodName ?? snapshot.fulfillment.shipMethodId ?? '(none)';
  if (rule.kind === 'not-fedex') return { kind: 'skip', reason: `ship method ${method} is not a FedEx ship method` };
  if (rule.kind === 'fedex-unmapped') {
    const message = `FedEx ship method "${method}" (internal id ${snapshot.fulfillment.shipMethodId ?? '?'}) has no FedEx service: add it to the FedEx Service Map (customrecord_mlfx_service_map) with its FedEx service type`;
    return { kind: 'failed', code: 'CONFIGURATION', message, problems: [{ path: 'serviceType', message }] };
  }
  const accountNumber = clean(snapshot.customer.fedexAccount) ?? clean(settings.globalFedexAccount);
  if (!accountNumber) {
    const message =
      "No FedEx account number: neither the customer's FedEx Account Number (custentity_mlfx_fedex_account) nor the Global FedEx Account Number on the connector's Settings record (custrecord_mlfx_set_fedex_account) is set";
    return { kind: 'failed', code: 'CONFIGURATION', message, problems: [{ path: 'accountNumber', message }] };
  }
  if (!snapshot.shipFrom) {
    const message = 'No ship-from address: the fulfillment has no location with an address and its subsidiary has none';
    return { kind: 'failed', code: 'INVALID_SHIPMENT_DATA', message, problems: [{ path: 'shipper.address', message }] };
  }
  const { customer, shipTo, shipFrom } = snapshot;
  const name = customerName(customer);
  const recipient = partyFrom(shipTo, {
    personName: clean(shipTo.attention) ?? clean(shipTo.addressee) ?? name,
    companyName: customer.isPerson ? undefined : (clean(customer.companyName) ?? clean(shipTo.addressee)),
    phone: customer.phone,
    email: customer.email,
  });
  const shipper = partyFrom(shipFrom, { companyName: clean(shipFrom.addressee) ?? clean(shipFrom.name) });
  const units = settings.weightUnits;
  const packages = packagesOf(snapshot, units);
  const heaviestLb = packages.reduce((max, p) => (typeof p.weight === 'number' && Number.isFinite(p.weight) ? Math.max(max, toPounds(p.weight, units)) : max), 0);
  const from = recipient.address.countryCode && shipper.address.countryCode ? shipper.address.countryCode : undefined;
  const to = recipient.address.countryCode || undefined;
  const serviceType = serviceForDestination(rule.serviceType, { countryCode: to ?? '', residential: recipient.address.residential === true }, heaviestLb, rule.residentialServiceType);

  const problems: FieldProblem[] = [];
  let customs: WireCustoms | undefined;
  if (from && to && isCountryCode(from) && isCountryCode(to) && needsCustoms(from, to)) {
    const recipientAccount = clean(customer.fedexAccount);
    const built = buildCustoms(snapshot.items, snapshot.salesOrder, to, {
      dutiesPayment: settings.dutiesPayment ?? 'SENDER',
      electronicTradeDocuments: settings.electronicTradeDocuments ?? false,
      ...(recipientAccount ? { recipientAccount } : {}),
    });
    problems.push(...built.problems);
    if (built.customs) {
      customs = built.customs;
      // buildCustoms weighs in pounds; commodity weights travel in the packages' unit.
      if (units === 'KG') for (const c of customs.commodities) if (c.weight !== undefined) c.weight = toKilograms(c.weight, 'LB');
    }
  }

  const tranDate = snapshot.fulfillment.tranDate;
  const shipDate = tranDate > settings.today ? tranDate : settings.today;
  const ahead = maxDaysAhead(serviceType);
  const daysAhead = Math.round((Date.parse(`${shipDate}T00:00:00Z`) - Date.parse(`${settings.today}T00:00:00Z`)) / 86_400_000);
  if (ahead !== undefined && daysAhead > ahead) {
    problems.push({ path: 'shipDate', message: `the fulfillment is dated ${shipDate}, ${daysAhead} days ahead, and FedEx takes ${serviceType} shipments at most ${ahead} days ahead: ship it closer to the date` });
  }
  const request: CreateShipmentRequest = {
    idempotencyKey: idempotencyKeyFor(snapshot.accountId, snapshot.fulfillment.id),
    source: {
      fulfillmentId: snapshot.fulfillment.id,
      ...(snapshot.fulfillment.tranId ? { fulfillmentTranId: snapshot.fulfillment.tranId } : {}),
      ...(snapshot.salesOrder ? { salesOrderId: snapshot.salesOrder.id } : {}),
      ...(snapshot.salesOrder?.tranId ? { salesOrderTranId: snapshot.salesOrder.tranId } : {}),
    },
    accountNumber,
    serviceType,
    packagingType: rule.packagingType ?? 'YOUR_PACKAGING',
    pickupType: settings.pickupType,
    shipDate,
    label: { imageType: settings.labelImageType, stockType: settings.labelStockType },
    shipper,
    recipient,
    packages: packages.map((p) => ({
      weight: { units, value: p.weight },
      ...(p.length && p.width && p.height ? { dimensions: { length: p.length, width: p.width, height: p.height, units: units === 'LB' ? ('IN' as const) : ('CM' as const) } } : {}),
      ...(clean(p.description) ? { description: clean(p.description) } : {}),
    })),
    items: snapshot.items.map((i) => ({ item: i.item, quantity: i.quantity, ...(clean(i.description) ? { description: clean(i.description) } : {}) })),
    ...(customs ? { customs } : {}),
  };
  const checked = prepareCreateShipmentRequest(request);
  // Customs problems found while reading the items replace the validation's view of the missing block.
  const all = [...problems, ...(checked.ok ? [] : checked.problems.filter((p) => !(customs === undefined && problems.length > 0 && p.path === 'customs')))];
  if (all.length > 0) {
    return { kind: 'failed', code: 'INVALID_SHIPMENT_DATA', message: `The fulfillment cannot make a FedEx shipment: ${explain(all, method, serviceType)}`, problems: all };
  }
  return { kind: 'ready', request: (checked as { ok: true; value: CreateShipmentRequest }).value };
}
