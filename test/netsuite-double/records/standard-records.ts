// The standard record types the connector touches, with their REAL SuiteScript field ids: the
// lower-case forms of NetSuite's REST metadata (wsjmnh/netsuite-record-rest-docs,
// docs/schemas/<record>.md: itemFulfillment, salesOrder, invoice, customer, location, subsidiary,
// shipItem, inventoryItem, currency). Only a useful subset of each record is modelled; an id outside it is
// refused by the double (DOUBLE_UNKNOWN_FIELD), on purpose: NetSuite would drop it silently.
import { COUNTRY_OPTIONS } from './countries.js';
import type { FieldDef, FieldKind, RecordTypeDef, SelectOption, StoredRecord, SubrecordTypeDef, SublistDef } from './model.js';

// ---- small builders ------------------------------------------------------------------------

type Extra = Partial<Omit<FieldDef, 'id' | 'kind'>>;

function fields(kind: FieldKind, ids: string, extra: Extra = {}): FieldDef[] {
  return ids
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => ({ id, kind, label: id, ...extra }));
}
const select = (id: string, selectType: string, extra: Extra = {}): FieldDef => ({ id, kind: 'select', label: id, selectType, ...extra });
const choice = (id: string, options: readonly SelectOption[], extra: Extra = {}): FieldDef => ({ id, kind: 'select', label: id, options, ...extra });
const subrecord = (id: string, subrecordType = 'address'): FieldDef => ({ id, kind: 'subrecord', label: id, subrecordType });
const options = (spec: string): SelectOption[] =>
  spec.split('|').map((pair) => {
    const [value, text] = pair.split('=');
    return { value: value!, text: text ?? value! };
  });
const ids = (spec: string): SelectOption[] => spec.split(' ').map((value) => ({ value, text: value }));

function fieldMap(...groups: (FieldDef | FieldDef[])[]): Map<string, FieldDef> {
  const map = new Map<string, FieldDef>();
  for (const def of groups.flat()) {
    if (map.has(def.id)) throw new Error(`duplicate field ${def.id}`);
    map.set(def.id, def);
  }
  return map;
}

function sublist(id: string, defs: (FieldDef | FieldDef[])[], extra: Partial<SublistDef> = {}): [string, SublistDef] {
  return [id, { id, fields: fieldMap(...defs), ...extra }];
}

const text = (record: StoredRecord, id: string) => {
  const v = record.data.body[id];
  return typeof v === 'string' ? v : '';
};

// ---- subrecords ----------------------------------------------------------------------------

/** The address subrecord (shippingaddress, billingaddress, mainaddress, addressbookaddress). */
export const ADDRESS: SubrecordTypeDef = {
  type: 'address',
  fields: fieldMap(
    fields('text', 'addressee attention addr1 addr2 addr3 city state zip externalid'),
    fields('phone', 'addrphone'),
    choice('country', COUNTRY_OPTIONS),
    fields('checkbox', 'override'),
    fields('textarea', 'addrtext', { readOnly: true }),
  ),
};

export const SUBRECORD_TYPES = new Map<string, SubrecordTypeDef>([['address', ADDRESS]]);

// ---- shared field groups -------------------------------------------------------------------

const SHIP_STATUS = options('A=Picked|B=Packed|C=Shipped');
const WEIGHT_UNITS = options('1=lb|2=oz|3=kg|4=g');

function transactionHeader(): FieldDef[] {
  return [
    ...fields('text', 'tranid externalid otherrefnum source'),
    ...fields('text', 'transactionnumber', { readOnly: true }),
    ...fields('date', 'trandate'),
    ...fields('textarea', 'memo'),
    ...fields('datetime', 'createddate lastmodifieddate', { readOnly: true }),
    select('subsidiary', 'subsidiary'),
    select('location', 'location'),
    select('department', 'unmodelled:department'),
    select('class', 'unmodelled:classification'),
    select('customform', 'unmodelled:customform'),
    select('postingperiod', 'unmodelled:accountingperiod'),
    select('currency', 'currency'),
    ...fields('float', 'exchangerate'),
  ];
}

function salesHeader(): FieldDef[] {
  return [
    select('entity', 'customer', { mandatory: true }),
    ...fields('email', 'email'),
    select('shipmethod', 'shipitem'),
    subrecord('shippingaddress'),
    subrecord('billingaddress'),
    ...fields('textarea', 'shipaddress billaddress', { readOnly: true }),
    select('shipaddresslist', 'unmodelled:address'),
    select('billaddresslist', 'unmodelled:address'),
    ...fields('checkbox', 'shipisresidential shipoverride'),
    ...fields('date', 'shipdate'),
    ...fields('currency', 'shippingcost handlingcost'),
    ...fields('currency', 'subtotal total taxtotal', { readOnly: true }),
    ...fields('text', 'linkedtrackingnumbers', { readOnly: true }),
    select('salesrep', 'employee'),
    select('terms', 'unmodelled:term'),
  ];
}

function salesLine(): FieldDef[] {
  return [
    select('item', 'item', { mandatory: true }),
    ...fields('float', 'quantity'),
    ...fields('currency', 'rate amount'),
    ...fields('textarea', 'description'),
    select('location', 'location'),
    ...fields('integer', 'line', { readOnly: true }),
    ...fields('text', 'units itemtype', { readOnly: false }),
    select('price', 'unmodelled:pricelevel'),
    select('taxcode', 'unmodelled:salestaxitem'),
    ...fields('checkbox', 'istaxable'),
  ];
}

// ---- record types ----------------------------------------------------------------------------

const transactionName = (label: string) => (r: StoredRecord) => `${label} #${text(r, 'tranid') || r.id}`;

const salesOrder: RecordTypeDef = {
  type: 'salesorder',
  label: 'Sales Order',
  costClass: 'transaction',
  families: ['transaction'],
  transactionCode: 'SalesOrd',
  numberPrefix: 'SO',
  displayName: transactionName('Sales Order'),
  fields: fieldMap(
    transactionHeader(),
    salesHeader(),
    fields('checkbox', 'shipcomplete'),
    choice('orderstatus', options('A=Pending Approval|B=Pending Fulfillment'), { defaultValue: 'B' }),
    choice(
      'status',
      options('A=Pending Approval|B=Pending Fulfillment|C=Cancelled|D=Partially Fulfilled|E=Pending Billing/Partially Fulfilled|F=Pending Billing|G=Billed|H=Closed'),
      { readOnly: true },
    ),
  ),
  sublists: new Map([
    sublist('item', [
      salesLine(),
      fields('float', 'quantityfulfilled quantitybilled quantitycommitted quantitybackordered quantitypicked quantitypacked', { readOnly: true }),
      fields('checkbox', 'isclosed'),
      fields('date', 'expectedshipdate'),
      select('shipmethod', 'shipitem'),
    ]),
  ]),
};

const invoice: RecordTypeDef = {
  type: 'invoice',
  label: 'Invoice',
  costClass: 'transaction',
  families: ['transaction'],
  transactionCode: 'CustInvc',
  numberPrefix: 'INV',
  displayName: transactionName('Invoice'),
  fields: fieldMap(
    transactionHeader(),
    salesHeader(),
    select('createdfrom', 'transaction'),
    fields('text', 'trackingnumbers'),
    fields('date', 'duedate'),
    choice('status', options('A=Open|B=Paid In Full|V=Voided'), { readOnly: true }),
  ),
  sublists: new Map([sublist('item', [salesLine(), fields('integer', 'orderline')])]),
};

const PACKAGING_IDS = ids('1 2 3 4 5 6 7 8 9 10 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37');

const itemFulfillment: RecordTypeDef = {
  type: 'itemfulfillment',
  label: 'Item Fulfillment',
  costClass: 'transaction',
  families: ['transaction'],
  transactionCode: 'ItemShip',
  numberPrefix: 'IF',
  createOnlyByTransform: true,
  displayName: transactionName('Item Fulfillment'),
  fields: fieldMap(
    transactionHeader(),
    select('createdfrom', 'transaction', { mandatory: true }),
    select('entity', 'customer'),
    select('requestedby', 'unmodelled:fulfillmentrequest'),
    choice('shipstatus', SHIP_STATUS, { defaultValue: 'A' }),
    choice('status', SHIP_STATUS, { readOnly: true }),
    select('shipmethod', 'shipitem'),
    // Transfer order fulfillments: the location the goods go to (REST itemFulfillment.transferLocation).
    select('transferlocation', 'location'),
    choice('shipcarrier', options('ups=UPS|nonups=FedEx/USPS/More')),
    subrecord('shippingaddress'),
    subrecord('returnshippingaddress'),
    fields('textarea', 'shipaddress', { readOnly: true }),
    select('shipaddresslist', 'unmodelled:address'),
    fields('text', 'shipcompany'),
    fields('phone', 'shipphone'),
    fields('checkbox', 'shipisresidential shipoverride generateintegratedshipperlabel generatereturnlabel'),
    fields('currency', 'shippingcost handlingcost'),
    fields('date', 'pickeddate packeddate shippeddate'),
    // FedEx integration fields of the record (integrated shipping), as NetSuite names them.
    fields('float', 'shipmentweightfedex'),
    fields('date', 'shipdatefedex'),
    fields('checkbox', 'saturdaydeliveryfedex saturdaypickupfedex holdatlocationfedex sendshipnotifyemailfedex signaturehomedeliveryfedex insidedeliveryfedex insidepickupfedex'),
    fields('email', 'shipnotifyemailaddressfedex'),
    fields('text', 'thirdpartyacctfedex bookingconfirmationnumfedex intlexemptionnumfedex'),
    choice('thirdpartytypefedex', ids('BILLNONESELECTED BILLTHIRDPARTY BILLRECIPIENT BILLCOLLECT')),
    choice('homedeliverytypefedex', ids('EVENING APPOINTMENT DATECERTAIN')),
    choice('termsofsalefedex', ids('CFR CIF CIP CPT DAP DAT DDP DDU EXW FCA FOB')),
    fields('currency', 'termsfreightchargefedex termsinsurancechargefedex'),
  ),
  sublists: new Map([
    sublist('item', [
      select('item', 'item', { readOnly: true }),
      fields('text', 'itemname itemtype units serialnumbers', { readOnly: true }),
      fields('textarea', 'description'),
      fields('float', 'quantity'),
      fields('float', 'quantityremaining onhand', { readOnly: true }),
      fields('checkbox', 'itemreceive'),
      fields('integer', 'orderline line', { readOnly: true }),
      select('location', 'location'),
    ], { fixedLines: true }),
    sublist('package', [
      fields('text', 'packagetrackingnumber packagetrackingnumberreturn packagecartonnumber'),
      fields('float', 'packageweight'),
      fields('text', 'packagedescr'),
    ]),
    sublist('packagefedex', [
      fields('text', 'packagetrackingnumberfedex packagecartonnumberfedex reference1fedex authorizationnumberfedex priorityalertcontentfedex signaturereleasefedex'),
      fields('float', 'packageweightfedex dryiceweightfedex'),
      fields('integer', 'packagelengthfedex packagewidthfedex packageheightfedex'),
      choice('packagingfedex', PACKAGING_IDS),
      choice('admpackagetypefedex', PACKAGING_IDS),
      fields('currency', 'insuredvaluefedex codamountfedex'),
      fields('checkbox', 'useinsuredvaluefedex usecodfedex isalcoholfedex isnonstandardcontainerfedex isnonhazlithiumfedex'),
      choice('signatureoptionsfedex', ids('NONESELECTED PRIORITY_ALERT PRIORITY_ALERT_PLUS')),
      choice('priorityalerttypefedex', ids('NONESELECTED PRIORITY_ALERT PRIORITY_ALERT_PLUS')),
      choice('deliveryconffedex', ids('1 2')),
      choice('codmethodfedex', ids('3 4 5')),
      choice('codfreighttypefedex', ids('NONESELECTED NET_CHARGE COD_SURCHARGE TOTAL_CUSTOMER_CHARGE NET_FREIGHT')),
      choice('alcoholrecipienttypefedex', ids('CONSUMER LICENSEE')),
    ]),
    sublist('packageups', [
      fields('text', 'packagetrackingnumberups packagedescrups packagecartonnumberups reference1ups reference2ups'),
      fields('float', 'packageweightups'),
      fields('integer', 'packagelengthups packagewidthups packageheightups'),
      choice('packagingups', PACKAGING_IDS),
    ]),
    sublist('packageusps', [
      fields('text', 'packagetrackingnumberusps packagedescrusps packagecartonnumberusps reference1usps reference2usps'),
      fields('float', 'packageweightusps'),
      fields('integer', 'packagelengthusps packagewidthusps packageheightusps'),
      choice('packagingusps', PACKAGING_IDS),
    ]),
  ]),
};

/** Fulfilled like a sales order but moves stock between two locations (REST transferOrder). */
const transferOrder: RecordTypeDef = {
  type: 'transferorder',
  label: 'Transfer Order',
  costClass: 'transaction',
  families: ['transaction'],
  transactionCode: 'TrnfrOrd',
  numberPrefix: 'TO',
  displayName: transactionName('Transfer Order'),
  fields: fieldMap(
    transactionHeader(),
    select('transferlocation', 'location', { mandatory: true }),
    select('shipmethod', 'shipitem'),
    subrecord('shippingaddress'),
    fields('checkbox', 'useitemcostastransfercost'),
    choice('orderstatus', options('A=Pending Approval|B=Pending Fulfillment'), { defaultValue: 'B' }),
    choice('status', options('A=Pending Approval|B=Pending Fulfillment|C=Rejected|D=Partially Fulfilled|E=Pending Receipt/Partially Fulfilled|F=Pending Receipt|G=Received|H=Closed'), { readOnly: true }),
  ),
  sublists: new Map([sublist('item', [salesLine(), fields('float', 'quantityfulfilled quantityreceived', { readOnly: true })])]),
};

/** Goods sent back to a vendor; fulfilled by an item fulfillment too (REST vendorReturnAuthorization). */
const vendorReturnAuthorization: RecordTypeDef = {
  type: 'vendorreturnauthorization',
  label: 'Vendor Return Authorization',
  costClass: 'transaction',
  families: ['transaction'],
  transactionCode: 'VendAuth',
  numberPrefix: 'VRA',
  displayName: transactionName('Vendor Return Authorization'),
  fields: fieldMap(
    transactionHeader(),
    select('entity', 'unmodelled:vendor', { mandatory: true }),
    select('shipmethod', 'shipitem'),
    choice('status', options('A=Pending Approval|B=Pending Return|C=Cancelled|D=Partially Returned|E=Pending Credit/Partially Returned|F=Pending Credit|G=Credited|H=Closed'), { readOnly: true }),
  ),
  sublists: new Map([sublist('item', [salesLine(), fields('float', 'quantityfulfilled', { readOnly: true })])]),
};

const entityName = (r: StoredRecord) => {
  const entityid = text(r, 'entityid');
  if (entityid) return entityid;
  return text(r, 'companyname') || `${text(r, 'firstname')} ${text(r, 'lastname')}`.trim() || String(r.id);
};

const customer: RecordTypeDef = {
  type: 'customer',
  label: 'Customer',
  costClass: 'other',
  families: ['entity'],
  displayName: entityName,
  fields: fieldMap(
    fields('text', 'entityid companyname firstname lastname middlename salutation altname accountnumber externalid thirdpartyacct vatregnumber'),
    fields('checkbox', 'isperson isinactive shipcomplete taxable emailtransactions'),
    fields('email', 'email altemail'),
    fields('phone', 'phone altphone mobilephone homephone fax'),
    fields('textarea', 'comments'),
    fields('textarea', 'defaultaddress defaultshippingaddress', { readOnly: true }),
    fields('datetime', 'datecreated lastmodifieddate', { readOnly: true }),
    select('subsidiary', 'subsidiary'),
    select('parent', 'customer'),
    select('shippingitem', 'shipitem'),
    select('salesrep', 'employee'),
    select('entitystatus', 'unmodelled:customerstatus'),
    select('currency', 'unmodelled:currency'),
    select('terms', 'unmodelled:term'),
    select('category', 'unmodelled:customercategory'),
    choice('thirdpartycarrier', options('fedex=FedEx|ups=UPS|usps=USPS')),
    choice('thirdpartycountry', COUNTRY_OPTIONS),
  ),
  sublists: new Map([
    sublist('addressbook', [
      fields('text', 'label'),
      fields('checkbox', 'defaultshipping defaultbilling isresidential'),
      subrecord('addressbookaddress'),
      fields('textarea', 'addressbookaddress_text', { readOnly: true }),
      fields('integer', 'internalid id', { readOnly: true }),
    ]),
  ]),
};

const employee: RecordTypeDef = {
  type: 'employee',
  label: 'Employee',
  costClass: 'other',
  families: ['entity'],
  displayName: entityName,
  fields: fieldMap(
    fields('text', 'entityid firstname lastname title externalid'),
    fields('email', 'email'),
    fields('phone', 'phone'),
    fields('checkbox', 'isinactive'),
    select('subsidiary', 'subsidiary'),
    select('location', 'location'),
    select('supervisor', 'employee'),
    fields('datetime', 'datecreated lastmodifieddate', { readOnly: true }),
  ),
  sublists: new Map(),
};

const location: RecordTypeDef = {
  type: 'location',
  label: 'Location',
  costClass: 'other',
  families: [],
  displayName: (r) => text(r, 'name') || String(r.id),
  fields: fieldMap(
    fields('text', 'name tranprefix externalid timezone'),
    fields('text', 'fullname', { readOnly: true }),
    fields('checkbox', 'isinactive makeinventoryavailable makeinventoryavailablestore usebins allowstorepickup'),
    select('subsidiary', 'subsidiary'),
    select('parent', 'location'),
    choice('locationtype', options('1=Store|2=Warehouse')),
    subrecord('mainaddress'),
    subrecord('returnaddress'),
    fields('float', 'latitude longitude'),
    fields('datetime', 'lastmodifieddate', { readOnly: true }),
  ),
  sublists: new Map(),
};

const subsidiary: RecordTypeDef = {
  type: 'subsidiary',
  label: 'Subsidiary',
  costClass: 'other',
  families: [],
  displayName: (r) => text(r, 'name') || String(r.id),
  fields: fieldMap(
    fields('text', 'name legalname federalidnumber state tranprefix externalid'),
    fields('text', 'fullname', { readOnly: true }),
    fields('email', 'email'),
    fields('phone', 'fax'),
    fields('url', 'url'),
    fields('checkbox', 'isinactive iselimination showsubsidiaryname'),
    choice('country', COUNTRY_OPTIONS),
    select('currency', 'unmodelled:currency'),
    select('parent', 'subsidiary'),
    subrecord('mainaddress'),
    subrecord('returnaddress'),
    subrecord('shippingaddress'),
    fields('datetime', 'lastmodifieddate', { readOnly: true }),
  ),
  sublists: new Map(),
};

const SERVICE_CODES = ids(
  '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58',
);

/**
 * Ship item (a shipping method). Its `shippingcarrier` is NetSuite's carrier list, which has two
 * values only: `ups` (UPS) and `nonups` (FedEx/USPS/More) — the SuiteTalk schema's
 * ShippingCarrier enum (_ups, _fedexUspsMore), the same pair as the fulfillment's `shipcarrier`.
 * It cannot tell FedEx from USPS: code that needs to know uses the FedEx service code or its own
 * mapping. There is no simple "isFedEx" flag.
 */
const shipItem: RecordTypeDef = {
  type: 'shipitem',
  label: 'Shipping Item',
  costClass: 'other',
  // Ship items are items (item type ShipItem in item searches), so an Item (-10) select can hold one.
  families: ['item'],
  displayName: (r) => text(r, 'itemid') || String(r.id),
  fields: fieldMap(
    fields('text', 'itemid displayname externalid'),
    choice('shippingcarrier', options('ups=UPS|nonups=FedEx/USPS/More')),
    fields('textarea', 'description'),
    fields('checkbox', 'isinactive isonline istaxable fedexonerate'),
    choice('fedexservicecode', SERVICE_CODES),
    choice('upsservicecode', SERVICE_CODES),
    choice('uspsservicecode', SERVICE_CODES),
    choice('integrationservicecode', SERVICE_CODES),
    choice('costbasis', ids('pluginRate fedexRealTimeRate upsRealTimeRate uspsRealTimeRate fr weight peritem ptotal shippingtable')),
    fields('currency', 'shippingflatrateamount'),
    select('subsidiary', 'subsidiary'),
  ),
  sublists: new Map(),
};

function itemFields(): FieldDef[] {
  return [
    ...fields('text', 'itemid displayname upccode mpn manufacturer externalid'),
    ...fields('textarea', 'description salesdescription purchasedescription'),
    ...fields('checkbox', 'isinactive isonline'),
    select('subsidiary', 'subsidiary'),
    select('location', 'location'),
    ...fields('currency', 'cost'),
    ...fields('datetime', 'createddate lastmodifieddate', { readOnly: true }),
  ];
}

const itemName = (r: StoredRecord) => text(r, 'itemid') || String(r.id);

const inventoryItem: RecordTypeDef = {
  type: 'inventoryitem',
  label: 'Inventory Item',
  costClass: 'other',
  families: ['item'],
  displayName: itemName,
  fields: fieldMap(
    itemFields(),
    fields('float', 'weight'),
    choice('weightunit', WEIGHT_UNITS),
    fields('text', 'weightunits', { readOnly: true }),
    choice('countryofmanufacture', COUNTRY_OPTIONS),
    fields('text', 'manufacturertariff schedulebnumber manufacturercity manufacturerstate manufacturerzip manufactureraddr1 manufacturertaxid hazmatid hazmatshippingname hazmathazardclass'),
    fields('checkbox', 'ishazmatitem isdropshipitem isspecialorderitem'),
    choice('hazmatpackinggroup', ids('DEFAULT I II III')),
  ),
  sublists: new Map(),
};

const nonInventoryItem: RecordTypeDef = {
  type: 'noninventoryitem',
  label: 'Non-Inventory Item',
  costClass: 'other',
  families: ['item'],
  displayName: itemName,
  fields: fieldMap(itemFields(), fields('float', 'weight'), choice('weightunit', WEIGHT_UNITS), choice('countryofmanufacture', COUNTRY_OPTIONS), fields('text', 'manufacturertariff schedulebnumber')),
  sublists: new Map(),
};

const serviceItem: RecordTypeDef = {
  type: 'serviceitem',
  label: 'Service Item',
  costClass: 'other',
  families: ['item'],
  displayName: itemName,
  fields: fieldMap(itemFields()),
  sublists: new Map(),
};

/** Currency (Lists > Accounting > Currencies): `symbol` is the ISO 4217 code, `displaysymbol` the sign ($). */
const currency: RecordTypeDef = {
  type: 'currency',
  label: 'Currency',
  costClass: 'other',
  families: [],
  displayName: (r) => text(r, 'name') || String(r.id),
  fields: fieldMap(fields('text', 'name symbol displaysymbol externalid'), fields('checkbox', 'isbasecurrency isinactive'), fields('float', 'exchangerate')),
  sublists: new Map(),
};

export const STANDARD_RECORD_TYPES: readonly RecordTypeDef[] = [
  salesOrder,
  invoice,
  itemFulfillment,
  transferOrder,
  vendorReturnAuthorization,
  customer,
  employee,
  location,
  subsidiary,
  shipItem,
  inventoryItem,
  nonInventoryItem,
  serviceItem,
  currency,
];

/** Fields a user must fill in before saving (customer names: see RecordRepository.check). */
const MANDATORY: Record<string, string[]> = {
  location: ['name'],
  subsidiary: ['name'],
  shipitem: ['itemid'],
  inventoryitem: ['itemid'],
  noninventoryitem: ['itemid'],
  serviceitem: ['itemid'],
  employee: ['firstname', 'lastname'],
  currency: ['name', 'symbol'],
};
for (const def of STANDARD_RECORD_TYPES) {
  for (const id of MANDATORY[def.type] ?? []) def.fields.get(id)!.mandatory = true;
}

/** SDF `selectrecordtype` numbers of standard record types (generic_customfield_selectrecordtype). */
export const SDF_STANDARD_SELECT_TYPES: Record<string, string> = {
  '-2': 'customer',
  '-4': 'employee',
  '-10': 'item',
  '-30': 'transaction',
  '-103': 'location',
  '-117': 'subsidiary',
};

/** SDF applies-to flags of transaction body fields → record types (bodysale: sales transactions). */
export const BODY_FIELD_APPLIES_TO: Record<string, string[]> = {
  bodysale: ['salesorder', 'invoice'],
  bodyitemfulfillment: ['itemfulfillment'],
};

/** SDF applies-to flags of transaction line fields → record type and sublist. */
export const COLUMN_FIELD_APPLIES_TO: Record<string, { type: string; sublist: string }[]> = {
  colsale: [
    { type: 'salesorder', sublist: 'item' },
    { type: 'invoice', sublist: 'item' },
  ],
  colitemfulfillment: [{ type: 'itemfulfillment', sublist: 'item' }],
};

/** SDF applies-to flags of entity fields. */
export const ENTITY_FIELD_APPLIES_TO: Record<string, string[]> = {
  appliestocustomer: ['customer'],
  appliestoemployee: ['employee'],
};

/** SDF applies-to flags of item fields. */
export const ITEM_FIELD_APPLIES_TO: Record<string, string[]> = {
  appliestoinventory: ['inventoryitem'],
  appliestononinventory: ['noninventoryitem'],
  appliestoservice: ['serviceitem'],
};
