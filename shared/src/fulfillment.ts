// NetSuite side of the mapping: decide whether a saved item fulfillment is the connector's business,
// and turn what the user event read from NetSuite (a plain snapshot) into the relay request.
// Pure: the SuiteScript gathers the snapshot, this decides.
import type { CreateShipmentRequest, LabelImageType, LabelStockType, WireParty } from './contract';
import type { ErrorCode, FieldProblem } from './errors';
import { describeProblems, validateCreateShipmentRequest } from './validate';

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
  salesOrder?: { id: string; tranId?: string };
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
  items: { item: string; description?: string; quantity: number }[];
  packages: { weight: number; description?: string; length?: number; width?: number; height?: number }[];
}

/** How the connector treats one ship method, from the service map and the ship item's carrier. */
export type ShipMethodRule =
  | { kind: 'not-fedex' }
  | { kind: 'fedex-unmapped' }
  | { kind: 'fedex'; serviceType: string; packagingType?: string };

export interface ConnectorSettings {
  globalFedexAccount?: string;
  labelImageType: LabelImageType;
  labelStockType: LabelStockType;
  pickupType: string;
  weightUnits: 'LB' | 'KG';
  /** YYYY-MM-DD in the account's time zone: FedEx refuses ship dates in the past. */
  today: string;
}

export type BuildResult =
  | { kind: 'skip'; reason: string }
  | { kind: 'ready'; request: CreateShipmentRequest }
  | { kind: 'failed'; code: ErrorCode; message: string; problems: FieldProblem[] };

const clean = (v: string | undefined): string | undefined => {
  const t = v === undefined || v === null ? '' : String(v).trim();
  return t === '' ? undefined : t;
};

function customerName(c: FulfillmentSnapshot['customer']): string | undefined {
  if (c.isPerson) return clean([c.firstName, c.lastName].filter(Boolean).join(' ')) ?? clean(c.entityId);
  return clean(c.companyName) ?? clean(c.entityId);
}

function partyFrom(address: AddressSnapshot, contact: { personName?: string; companyName?: string; phone?: string; email?: string }): WireParty {
  const streetLines = [address.addr1, address.addr2, address.addr3].map(clean).filter((l): l is string => l !== undefined);
  const party: WireParty = {
    contact: { phoneNumber: clean(address.addrphone) ?? clean(contact.phone) ?? '' },
    address: { streetLines, city: clean(address.city) ?? '', countryCode: clean(address.country) ?? '' },
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

/** Field paths of the wire request, in words a NetSuite user recognises. */
const NETSUITE_NAMES: [RegExp, string][] = [
  [/^recipient\.contact\.phoneNumber/, 'ship-to phone (address phone or customer phone)'],
  [/^recipient\.address\.countryCode/, 'ship-to country'],
  [/^recipient\.address\.stateOrProvinceCode/, 'ship-to state'],
  [/^recipient\.address\.postalCode/, 'ship-to zip'],
  [/^recipient\.address\.city/, 'ship-to city'],
  [/^recipient\.address\.streetLines/, 'ship-to address lines'],
  [/^recipient\.contact\.personName/, 'ship-to addressee / customer name'],
  [/^shipper\./, 'ship-from (location or subsidiary address)'],
  [/^packages/, 'packages'],
];

function explain(problems: FieldProblem[]): string {
  return describeProblems(
    problems.map((p) => {
      const named = NETSUITE_NAMES.find(([re]) => re.test(p.path));
      return named ? { path: `${named[1]} [${p.path}]`, message: p.message } : p;
    }),
  );
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
      "No FedEx account number: neither the customer's FedEx Account Number (custentity_mlfx_fedex_account) nor the connector's global FedEx account (script parameter custscript_mlfx_fedex_account) is set";
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
  const tranDate = snapshot.fulfillment.tranDate;
  const request: CreateShipmentRequest = {
    idempotencyKey: idempotencyKeyFor(snapshot.accountId, snapshot.fulfillment.id),
    source: {
      fulfillmentId: snapshot.fulfillment.id,
      ...(snapshot.fulfillment.tranId ? { fulfillmentTranId: snapshot.fulfillment.tranId } : {}),
      ...(snapshot.salesOrder ? { salesOrderId: snapshot.salesOrder.id } : {}),
      ...(snapshot.salesOrder?.tranId ? { salesOrderTranId: snapshot.salesOrder.tranId } : {}),
    },
    accountNumber,
    serviceType: rule.serviceType,
    packagingType: rule.packagingType ?? 'YOUR_PACKAGING',
    pickupType: settings.pickupType,
    shipDate: tranDate > settings.today ? tranDate : settings.today,
    label: { imageType: settings.labelImageType, stockType: settings.labelStockType },
    shipper,
    recipient,
    packages: snapshot.packages.map((p) => ({
      weight: { units: settings.weightUnits, value: p.weight },
      ...(p.length && p.width && p.height ? { dimensions: { length: p.length, width: p.width, height: p.height, units: settings.weightUnits === 'LB' ? ('IN' as const) : ('CM' as const) } } : {}),
      ...(clean(p.description) ? { description: clean(p.description) } : {}),
    })),
    items: snapshot.items.map((i) => ({ item: i.item, quantity: i.quantity, ...(clean(i.description) ? { description: clean(i.description) } : {}) })),
  };
  const checked = validateCreateShipmentRequest(request);
  if (!checked.ok) return { kind: 'failed', code: 'INVALID_SHIPMENT_DATA', message: `The fulfillment cannot make a FedEx shipment: ${explain(checked.problems)}`, problems: checked.problems };
  return { kind: 'ready', request };
}
