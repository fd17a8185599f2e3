// The wire contract between the SuiteApp and the relay. JSON over HTTPS, signed (see signing.ts).
// Version 1 lives under /v1/.

export const RELAY_PATHS = {
  createShipment: '/v1/shipments',
  /** Voids a FedEx shipment (fulfillment deleted or taken back from Shipped, Cancel action). */
  cancelShipment: '/v1/shipments/cancel',
  track: '/v1/tracking',
  /** Signed no-op: proves the SuiteApp and the relay share the HMAC secret (the console's Test Connection). */
  ping: '/v1/ping',
  fedexWebhook: '/webhooks/fedex/tracking',
  /** Liveness, kept for existing monitors: the process answers. */
  health: '/health',
  /** Liveness: the process answers (restart it when this fails). */
  healthz: '/healthz',
  /** Readiness: the relay can serve now (its Redis answers, it is not shutting down); 503 otherwise. */
  readyz: '/readyz',
} as const;

export type LabelImageType = 'PDF' | 'PNG' | 'ZPLII' | 'EPL2';
export const LABEL_IMAGE_TYPES: readonly LabelImageType[] = ['PDF', 'PNG', 'ZPLII', 'EPL2'];

/** Label stock types FedEx accepts for `labelSpecification.labelStockType`. */
export const LABEL_STOCK_TYPES = [
  'PAPER_4X6',
  'STOCK_4X675',
  'PAPER_4X675',
  'PAPER_4X8',
  'PAPER_4X9',
  'PAPER_7X475',
  'PAPER_85X11_BOTTOM_HALF_LABEL',
  'PAPER_85X11_TOP_HALF_LABEL',
  'PAPER_LETTER',
  'STOCK_4X675_LEADING_DOC_TAB',
  'STOCK_4X8',
  'STOCK_4X9_LEADING_DOC_TAB',
  'STOCK_4X6',
  'STOCK_4X675_TRAILING_DOC_TAB',
  'STOCK_4X9_TRAILING_DOC_TAB',
  'STOCK_4X9',
  'STOCK_4X85_TRAILING_DOC_TAB',
  'STOCK_4X105_TRAILING_DOC_TAB',
] as const;
export type LabelStockType = (typeof LABEL_STOCK_TYPES)[number];

// The runtime list above must equal FedEx's enum (generated from its OpenAPI file): a missing or
// extra value fails type-checking here, so the two cannot drift apart.
type FedexStockType = import('./fedex/ship.generated').components['schemas']['LabelSpecification']['labelStockType'];
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const LABEL_STOCK_TYPES_MATCH_FEDEX: SameUnion<LabelStockType, FedexStockType> = true;

export interface WireAddress {
  /** Up to 3 lines of at most 35 characters (NetSuite's addr1-addr3, re-flowed when a line is longer). */
  streetLines: string[];
  city: string;
  /** 2-letter code; required for US, CA and PR. */
  stateOrProvinceCode?: string;
  /** As FedEx wants it: US 5 digits, Canada "A1A 1A1", UK "SW1A 2AA". */
  postalCode?: string;
  /** ISO 3166-1 alpha-2, as NetSuite stores `country`. */
  countryCode: string;
  residential?: boolean;
}

export interface WireContact {
  personName?: string;
  companyName?: string;
  /** Digits only: 10 for US/CA/PR, 10 to 15 elsewhere (see shared/src/normalize/phone.ts). */
  phoneNumber: string;
  /** Up to 6 digits, split off the number as typed ("x123", "ext. 123"). */
  phoneExtension?: string;
  emailAddress?: string;
}

export interface WireParty {
  contact: WireContact;
  address: WireAddress;
}

export interface WirePackage {
  /** KG on international shipments: FedEx takes commodity weights in KG only, and package weights in the same unit. */
  weight: { units: 'LB' | 'KG'; value: number };
  /** Whole numbers (FedEx: integers up to 999). */
  dimensions?: { length: number; width: number; height: number; units: 'IN' | 'CM' };
  description?: string;
}

export interface WireItem {
  /** NetSuite item name or id as shown on the fulfillment. */
  item: string;
  description?: string;
  quantity: number;
}

/** One customs line: a fulfillment item line, valued from the order, described from the item record. */
export interface WireCommodity {
  /** NetSuite item name/number. */
  item: string;
  /** What the goods are, for customs (at most 450 characters). */
  description: string;
  /** Whole units (FedEx: an integer). */
  quantity: number;
  /** FedEx unit of measure code, e.g. EA. */
  quantityUnits: string;
  /** Price of one unit on the order, in the customs currency. */
  unitPrice: number;
  /** Value of the line: quantity × unit price, rounded to cents. */
  customsValue: number;
  /** ISO 3166-1 alpha-2, from the item's Country of Manufacture. */
  countryOfManufacture: string;
  /** Digits of the item's HS tariff number, when it has one. */
  harmonizedCode?: string;
  /** Net weight of the line, in the packages' unit, when the item has a weight. */
  weight?: number;
}

/** What FedEx needs to clear customs; present when ship-from and ship-to countries differ. */
export interface WireCustoms {
  /** ISO 4217 code of every value (the order's currency). */
  currency: string;
  /** Who pays duties and taxes: SENDER (terms DDP, the shipping account) or RECIPIENT (terms DAP). */
  dutiesPayment: 'SENDER' | 'RECIPIENT';
  /** The recipient's 9-digit FedEx account, which FedEx bills RECIPIENT duties to. */
  dutiesAccountNumber?: string;
  /** Send the commercial invoice to customs electronically (FedEx Electronic Trade Documents). */
  electronicTradeDocuments: boolean;
  /** The order number printed on the commercial invoice. */
  invoiceNumber?: string;
  commodities: WireCommodity[];
}

/** POST /v1/shipments: create one FedEx shipment for one item fulfillment. */
export interface CreateShipmentRequest {
  /**
   * Derived from the NetSuite account and the fulfillment's internal id; the same fulfillment
   * always sends the same key, so the relay returns the first result instead of a second label.
   */
  idempotencyKey: string;
  /** NetSuite references, for FedEx customer references and for the audit trail. */
  source: {
    fulfillmentId: string;
    fulfillmentTranId?: string;
    salesOrderId?: string;
    salesOrderTranId?: string;
  };
  /** 1 for the first try; higher when NetSuite retries a fulfillment whose earlier outcome is unknown. */
  attempt?: number;
  /**
   * When the SuiteApp first attempted this idempotency key (ms since the epoch): the creation time of
   * the fulfillment's Shipment record, identical on every resend. The relay sends a create without
   * first looking the key up at FedEx only when this proves the key newer than its own memory (see
   * relay/src/services/create-shipment.ts); absent, it always looks first (one FedEx Track call).
   */
  firstAttemptAt?: number;
  /** The FedEx account to bill: the customer's, else the connector's global one; absent = relay default. */
  accountNumber?: string;
  serviceType: string;
  packagingType: string;
  pickupType: string;
  /** YYYY-MM-DD */
  shipDate: string;
  label: { imageType: LabelImageType; stockType: LabelStockType };
  shipper: WireParty;
  recipient: WireParty;
  packages: WirePackage[];
  items: WireItem[];
  /** Required when the shipment crosses a border (shipper and recipient countries differ). */
  customs?: WireCustoms;
}

export interface ShipmentLabel {
  trackingNumber: string;
  /** MIME type of `content`, e.g. application/pdf. */
  contentType: string;
  /** Base64 label bytes, stored by NetSuite in the File Cabinet (FedEx's own URLs expire in 24 h). */
  content: string;
}

/** A shipping document FedEx returned besides the labels, e.g. the commercial invoice. */
export interface ShipmentDocument {
  /** FedEx's document type: COMMERCIAL_INVOICE, … */
  type: string;
  /** MIME type of `content`. */
  contentType: string;
  /** Base64 bytes, stored by NetSuite in the File Cabinet with the labels. */
  content: string;
}

export interface CreateShipmentResponse {
  idempotencyKey: string;
  masterTrackingNumber: string;
  /** One per package, in package order. */
  trackingNumbers: string[];
  serviceType: string;
  shipDate: string;
  accountNumber: string;
  labels: ShipmentLabel[];
  /** Shipment documents (the commercial invoice of an international shipment); absent when none. */
  documents?: ShipmentDocument[];
  fedexTransactionId: string;
  /** True when this answer is the stored result of an earlier identical request. */
  replayed: boolean;
  /** Non-fatal notes FedEx returned (alerts) and anything the relay did to recover. */
  notes: string[];
}

/** POST /v1/shipments/cancel: void one FedEx shipment (all its packages). */
export interface CancelShipmentRequest {
  /** The key the shipment was created with (its customer reference): for the relay's records and logs. */
  idempotencyKey: string;
  /** The master tracking number. */
  trackingNumber: string;
  /** The FedEx account the shipment was billed to; absent = relay default. */
  accountNumber?: string;
}

/**
 * 200: FedEx confirmed the void (`output.cancelledShipment`), or the shipment was already cancelled.
 * A void FedEx refuses (picked up, delivered) is a 422 `FEDEX_VOID_REFUSED` naming FedEx's status.
 */
export interface CancelShipmentResponse {
  idempotencyKey: string;
  trackingNumber: string;
  cancelled: true;
  /** True when FedEx already held the shipment as cancelled (an earlier void whose answer was lost). */
  alreadyCancelled: boolean;
  fedexTransactionId?: string;
  notes: string[];
}

/** POST /v1/ping (signed, body `{}`): the signature was accepted. Never calls FedEx. */
export interface PingResponse {
  ok: true;
  /** The relay's clock (ISO 8601), so the console can show how far NetSuite's clock is from it. */
  relayTime: string;
}

/** Most tracking numbers the relay takes in one call; it splits them into FedEx's batches of 30. */
export const TRACK_REQUEST_MAX = 600;

/** POST /v1/tracking: the current status of up to TRACK_REQUEST_MAX shipments. */
export interface TrackRequest {
  shipments: { trackingNumber: string; /** YYYY-MM-DD, picks the right result for a reused number */ shipDate?: string }[];
}

export interface TrackResponse {
  results: import('./tracking').TrackStatus[];
}

/** Relay → SuiteApp RESTlet: status updates pushed by FedEx webhooks (same shape the poll applies). */
export interface StatusUpdateRequest {
  source: 'webhook' | 'poll';
  updates: import('./tracking').TrackStatus[];
}

export interface StatusUpdateResponse {
  applied: number;
  unchanged: number;
  /** Tracking numbers no Shipment record carries. */
  unknown: string[];
}
