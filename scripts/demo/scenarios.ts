// The demo's scenarios: what a retailer's first day and a half with the connector looks like, each
// with the outcome the connector promises (`expected`) and what happened (`actual`). Every check
// reads the records NetSuite holds (Shipment, Audit, invoice, fulfillment, File Cabinet) and, with
// the FedEx double, what FedEx holds (live labels per customer reference).
import { RELAY_PATHS, type CreateShipmentRequest } from '../../shared/src/contract';
import { AUDIT, INVOICE_FIELDS, SCRIPTS, SHIPMENT, STATE } from '../../shared/src/ids';
import { LIVE_LABEL_STATUSES } from '../../shared/src/shipment-lifecycle';
import { epochMinutes, isDue } from '../../shared/src/track-plan';
import type { RecordSnapshot } from '../../test/netsuite-double';
import { BUSINESS_CUSTOMERS, CONNECTOR_ADMIN, HOME_ADDRESS, OTTAWA, type Address } from './account';
import { clickShipmentButton } from './admin-browser';
import { HOUR, MINUTE, DAY } from './clock';
import type { Progress } from './progress';
import { letTimePass, scheduledDeploymentsOf, type ScheduledDeployment, type ScheduleStats } from './schedule';
import type { Demo } from './setup';

const S = SHIPMENT.fields;

export type ScenarioStatus = 'passed' | 'failed' | 'skipped';

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  expected: string;
  actual: string;
  status: ScenarioStatus;
}

export type ScenarioId = 'no-fedex-account' | 'ui-save' | 'multi-package' | 'residential' | 'international' | 'bad-phone' | 'lost-answer' | 'csv-batch' | 'void' | 'webhook' | 'tracking';

/** Every scenario the demo reports, in the order it runs them (a step that never ran is reported as failed). */
export function scenarioCatalog(batch: number): Record<ScenarioId, { title: string; expected: string }> {
  return {
    'no-fedex-account': {
      title: 'Go-live: a shipment saved before the Global FedEx Account Number was filled in',
      expected: 'FAILED with CONFIGURATION "No FedEx account number…", nothing sent to FedEx; once the admin fills in the setting and clicks Replay: CREATED',
    },
    'ui-save': { title: 'A fulfillment saved as Shipped in the UI', expected: 'CREATED during the save: tracking number, label PDF in the File Cabinet, tracking number and label link on the invoice' },
    'multi-package': { title: 'A fulfillment with three packages', expected: 'CREATED: 3 tracking numbers (master first) and 3 label files' },
    residential: { title: 'FedEx Ground to a home address', expected: 'CREATED as GROUND_HOME_DELIVERY, recipient marked residential' },
    international: {
      title: 'US → Canada by FedEx International Priority',
      expected: 'CREATED with customs built from the order and the item records (a commodity per line with country of manufacture, HS code, value in USD) and the commercial invoice stored',
    },
    'bad-phone': {
      title: 'A ship-to phone without its area code ("555-0142")',
      expected: 'FAILED with INVALID_SHIPMENT_DATA naming the phone and where to fix it, nothing sent to FedEx; once the phone is fixed on the fulfillment and saved in the UI (a person\'s save of a Shipped fulfillment ships a FAILED one again): CREATED under the same Shipment and key',
    },
    'lost-answer': {
      title: "FedEx's answer lost after it created the shipment (twice in a row)",
      expected: 'UNKNOWN (FEDEX_OUTCOME_UNKNOWN) at once; the shipping queue reconciles it under the same key: CREATED, exactly one live label at FedEx',
    },
    'csv-batch': {
      title: `${batch} packed fulfillments marked Shipped by CSV import`,
      expected: `all ${batch} QUEUED during the import (no FedEx call from it), then CREATED by the shipping queue Map/Reduce with tracking numbers on every package; invoices made afterwards get them`,
    },
    void: { title: 'Void a shipment before pickup (the Void button on its Shipment record)', expected: 'VOIDED: FedEx shipment cancelled, tracking number and label link taken off the invoice' },
    webhook: {
      title: 'A signed FedEx tracking webhook',
      expected: "the relay checks FedEx's signature and passes it to the status RESTlet (OAuth 2.0 M2M): the Shipment shows the pickup before any poll asked",
    },
    tracking: {
      title: 'Tracking polls on the accelerated clock until delivery',
      expected: 'every shipment with a live label DELIVERED, each seen within 2 hours of its delivery scan; invoices show DELIVERED; FedEx asked only about shipments whose check plan was due',
    },
  };
}

export class ScenarioBook {
  readonly results = new Map<ScenarioId, ScenarioResult>();
  constructor(private readonly catalog: ReturnType<typeof scenarioCatalog>) {}
  record(id: ScenarioId, ok: boolean, actual: string): void {
    this.results.set(id, { id, ...this.catalog[id], actual, status: ok ? 'passed' : 'failed' });
  }
  skip(id: ScenarioId, why: string): void {
    this.results.set(id, { id, ...this.catalog[id], actual: why, status: 'skipped' });
  }
  /** Every scenario of the catalog, in its order; those never reached are failed. */
  all(): ScenarioResult[] {
    return (Object.keys(this.catalog) as ScenarioId[]).map((id) => this.results.get(id) ?? { id, ...this.catalog[id], actual: 'not reached (the demo stopped before this step)', status: 'failed' as const });
  }
}

/** One order through to its fulfillment. */
interface Shipped {
  so: number;
  f: number;
  invoice?: number;
}

/** What the phases hand on to each other. */
export interface DemoState {
  book: ScenarioBook;
  schedule: ScheduleStats;
  noAccount?: Shipped & { first: string; firstOk: boolean };
  uiSave?: Shipped;
  badPhone?: Shipped & { first: string; firstOk: boolean; address: Address };
  lostAnswer?: Shipped & { first: string; firstOk: boolean };
  batch: Shipped[];
  /** Governance units of the user event that shipped each UI scenario's fulfillment during its save. */
  uiUnits: Record<string, number>;
  /** When each Shipment was first seen DELIVERED by a poll (account clock). */
  deliveredSeenAt: Map<number, number>;
  voided?: Shipped;
}

export function newState(book: ScenarioBook): DemoState {
  return { book, schedule: { runs: {}, idleRunsSkipped: {} }, batch: [], uiUnits: {}, deliveredSeenAt: new Map() };
}

// ---- helpers ---------------------------------------------------------------------------------

const shipmentOf = (d: Demo, f: number): RecordSnapshot | undefined => d.a.shipmentOf(f);
/** Every Shipment by its fulfillment's id, from one read (shipmentOf reads them all each time). */
const shipmentsByFulfillment = (d: Demo): Map<string, RecordSnapshot> => new Map(d.a.ns.find(SHIPMENT.type).map((r) => [field(r, S.fulfillment), r]));
const field = (r: RecordSnapshot | undefined, id: string): string => (r?.fields[id] === undefined || r.fields[id] === null ? '' : String(r.fields[id]));

function describe(s: RecordSnapshot | undefined): string {
  if (!s) return 'no Shipment record';
  const code = field(s, S.errorCode);
  const tracking = field(s, S.masterTrackingNumber);
  return `${field(s, S.status)}${tracking ? ` ${tracking}` : ''}${code ? ` ${code}` : ''}${code ? `: ${field(s, S.lastError)}` : ''}`;
}

/** Create requests NetSuite sent the relay for this idempotency key. */
function createsSent(d: Demo, key: string): number {
  return d.a.ns.io.outbound.filter((r) => new URL(r.url).pathname === RELAY_PATHS.createShipment && (JSON.parse(r.body) as { idempotencyKey?: string }).idempotencyKey === key).length;
}

/** The create request NetSuite last sent the relay for this key (what FedEx was asked to ship). */
function lastCreate(d: Demo, key: string): CreateShipmentRequest | undefined {
  const sent = d.a.ns.io.outbound.filter((r) => new URL(r.url).pathname === RELAY_PATHS.createShipment && (JSON.parse(r.body) as { idempotencyKey?: string }).idempotencyKey === key).at(-1);
  return sent ? (JSON.parse(sent.body) as CreateShipmentRequest) : undefined;
}

/** FedEx shipments carrying this key that are not cancelled (the FedEx double's records); undefined against the sandbox. */
async function liveLabels(d: Demo, key: string): Promise<number | undefined> {
  if (!d.fedex) return undefined;
  const { shipments } = await d.fedex.control<{ shipments: { status: string; cancelledAt?: string }[] }>('GET', `shipments?customerReference=${encodeURIComponent(key)}`);
  return shipments.filter((s) => s.status !== 'CA' && s.cancelledAt === undefined).length;
}

function labelFiles(d: Demo, trackingNumbers: string[]) {
  return d.a.ns.io.files.list().filter((f) => f.folder === d.a.ids.labelFolder && f.description.startsWith('FedEx label') && trackingNumbers.some((t) => f.description.includes(t)));
}

/** Units of the fulfillment user event's afterSubmit that just ran (the save's shipping work). */
const lastShipUnits = (d: Demo): number => d.a.ns.lastInvocation({ scriptId: SCRIPTS.fulfillmentUserEvent.scriptId, entryPoint: 'afterSubmit' })?.unitsUsed ?? 0;

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

/** A sales order for `customer` to `address`, with the given lines (default: 3 widgets and a gadget). */
function order(d: Demo, o: { customer: number; address: Address; shipmethod?: number; residential?: boolean; lines?: { item: number; quantity: number }[] }): number {
  return d.a.salesOrder({ customer: o.customer, address: { attention: '', addr2: '', ...o.address }, ...(o.shipmethod ? { shipmethod: o.shipmethod } : {}), residential: o.residential ?? false, ...(o.lines ? { lines: o.lines } : {}) });
}

// ---- phases ----------------------------------------------------------------------------------

/** Go-live: the first shipment of the day fails for want of a FedEx account; the admin fills in the setting. */
export function goLive(d: Demo, state: DemoState, progress: Progress): void {
  const { a } = d;
  const so = order(d, { customer: a.customers.business[0]!, address: BUSINESS_CUSTOMERS[0]!.address });
  const invoice = a.ns.ui.bill(so);
  const f = a.shipOrder(so, [4.5]);
  const s = shipmentOf(d, f);
  const firstOk = field(s, S.status) === 'FAILED' && field(s, S.errorCode) === 'CONFIGURATION' && /No FedEx account number/.test(field(s, S.lastError)) && createsSent(d, a.keyOf(f)) === 0;
  state.noAccount = { so, f, invoice, first: describe(s), firstOk };
  state.book.record('no-fedex-account', false, `at once: ${describe(s)}; not replayed yet`);
  progress.step(`first fulfillment of the day: ${describe(s)}`);
  a.updateSettings({ fedexAccount: d.target.accountNumber });
  progress.step(`the admin fills in the Global FedEx Account Number (${d.target.accountNumber}); saving the settings clears the connector's cached copy`);
}

/** Six fulfillments saved as Shipped in the UI, each shipped during its save. */
export async function shipFromUi(d: Demo, state: DemoState, progress: Progress): Promise<void> {
  const { a, book } = { a: d.a, book: state.book };
  const [acme, bluegrass, lonestar, peachtree] = a.customers.business;

  // One fulfillment, the everyday case.
  {
    const so = order(d, { customer: acme!, address: BUSINESS_CUSTOMERS[0]!.address });
    const invoice = a.ns.ui.bill(so);
    const f = a.shipOrder(so, [4.5]);
    state.uiSave = { so, f, invoice };
    // The first shipment after the admin saved the settings: it also reloads the cached configuration.
    state.uiUnits['one package, invoice present, configuration cache reloaded'] = lastShipUnits(d);
    const s = shipmentOf(d, f);
    const tracking = field(s, S.masterTrackingNumber);
    const labels = labelFiles(d, [tracking]);
    const inv = a.ns.get('invoice', invoice);
    const ok = field(s, S.status) === 'CREATED' && /^\d{12}$/.test(tracking) && labels.length === 1 && isPdf(labels[0]!.bytes) && field(inv, INVOICE_FIELDS.trackingNumbers) === tracking && /media\.nl\?id=\d+/.test(field(inv, INVOICE_FIELDS.labelLinks));
    book.record('ui-save', ok, `${describe(s)}; label ${labels[0]?.name ?? 'missing'} (${labels[0]?.bytes.length ?? 0} bytes); invoice ${field(inv, 'tranid') || invoice}: tracking ${field(inv, INVOICE_FIELDS.trackingNumbers) || 'none'}, label link ${field(inv, INVOICE_FIELDS.labelLinks) ? 'set' : 'none'}`);
    progress.step(`UI save: ${describe(s)}`);
  }
  // Three packages.
  {
    const so = order(d, { customer: lonestar!, address: BUSINESS_CUSTOMERS[2]!.address, lines: [{ item: a.ids.widget, quantity: 24 }, { item: a.ids.gadget, quantity: 6 }] });
    a.ns.ui.bill(so);
    const f = a.shipOrder(so, [12, 8.5, 3.2]);
    state.uiUnits['three packages (a label file each)'] = lastShipUnits(d);
    const s = shipmentOf(d, f);
    const numbers = field(s, S.trackingNumbers).split(/[\s,]+/).filter(Boolean);
    const labels = labelFiles(d, numbers);
    const ok = field(s, S.status) === 'CREATED' && numbers.length === 3 && numbers[0] === field(s, S.masterTrackingNumber) && labels.length === 3;
    book.record('multi-package', ok, `${describe(s)}; tracking numbers ${numbers.join(', ')}; ${labels.length} label files`);
    progress.step(`3 packages: ${field(s, S.status)} with ${numbers.length} tracking numbers`);
  }
  // A home address.
  {
    const so = order(d, { customer: a.ids.personCustomer, address: HOME_ADDRESS, residential: true });
    a.ns.ui.bill(so);
    const f = a.shipOrder(so, [2.5]);
    const s = shipmentOf(d, f);
    const sent = lastCreate(d, a.keyOf(f));
    const ok = field(s, S.status) === 'CREATED' && field(s, S.serviceType) === 'GROUND_HOME_DELIVERY' && sent?.recipient?.address?.residential === true;
    book.record('residential', ok, `${describe(s)}; service ${field(s, S.serviceType)}; recipient residential: ${String(sent?.recipient?.address?.residential)}`);
    progress.step(`home delivery: ${field(s, S.status)} as ${field(s, S.serviceType)}`);
  }
  // International, with customs data on the items.
  {
    const { ns } = a;
    const [widgetCa, gadgetCa] = a.customers.intlItems;
    const so = ns.seed('salesorder', {
      fields: { entity: a.customers.canada, subsidiary: a.ids.subsidiary, location: a.ids.warehouse, shipmethod: a.customers.intlPriority, currency: a.customers.currency, trandate: new Date(d.clock.now()) },
      subrecords: { shippingaddress: { ...OTTAWA } },
      sublists: {
        item: [
          { item: widgetCa, quantity: 3, rate: 19.99, amount: 59.97, description: 'Blue widget, export model', location: a.ids.warehouse },
          { item: gadgetCa, quantity: 1, rate: 5, amount: 5, description: 'Red gadget', location: a.ids.warehouse },
        ],
      },
    });
    a.ns.ui.bill(so);
    const f = a.shipOrder(so, [6.5]);
    state.uiUnits['international (customs, commercial invoice)'] = lastShipUnits(d);
    const s = shipmentOf(d, f);
    const customs = lastCreate(d, a.keyOf(f))?.customs;
    const commodities = customs?.commodities ?? [];
    const invoiceFile = Number(field(s, S.commercialInvoiceFile)) || 0;
    const ci = invoiceFile ? ns.io.files.find(invoiceFile) : undefined;
    const ok =
      field(s, S.status) === 'CREATED' &&
      field(s, S.serviceType) === 'FEDEX_INTERNATIONAL_PRIORITY' &&
      commodities.length === 2 &&
      commodities[0]?.countryOfManufacture === 'US' &&
      commodities[1]?.countryOfManufacture === 'CN' &&
      Boolean(commodities[0]?.harmonizedCode) &&
      Boolean(ci && isPdf(ci.bytes));
    book.record(
      'international',
      ok,
      `${describe(s)}; ${field(s, S.serviceType)}; customs: ${commodities.map((c) => `${c.item} (${c.countryOfManufacture}${c.harmonizedCode ? `, HS ${c.harmonizedCode}` : ''}, ${c.customsValue} ${customs?.currency})`).join(' + ') || 'none'}; commercial invoice ${ci ? ci.name : 'missing'}`,
    );
    progress.step(`to Ottawa: ${field(s, S.status)} by ${field(s, S.serviceType)}, ${commodities.length} customs commodities, commercial invoice ${ci ? 'stored' : 'missing'}`);
  }
  // A phone FedEx cannot take.
  {
    const address: Address = { ...BUSINESS_CUSTOMERS[1]!.address, addrphone: '555-0142' };
    const so = order(d, { customer: bluegrass!, address });
    const invoice = a.ns.ui.bill(so);
    const f = a.shipOrder(so, [3.1]);
    const s = shipmentOf(d, f);
    const firstOk = field(s, S.status) === 'FAILED' && field(s, S.errorCode) === 'INVALID_SHIPMENT_DATA' && /phone.*555-0142/i.test(field(s, S.lastError)) && createsSent(d, a.keyOf(f)) === 0;
    state.badPhone = { so, f, invoice, first: describe(s), firstOk, address: BUSINESS_CUSTOMERS[1]!.address };
    state.book.record('bad-phone', false, `at once: ${describe(s)}; not fixed yet`);
    progress.step(`bad phone: ${describe(s)}`);
  }
  // FedEx makes the shipment but its answer is lost, twice (the relay's own reconciliation included).
  {
    if (!d.fedex) {
      state.book.skip('lost-answer', "skipped: FedEx's sandbox cannot be made to lose an answer (the fault injection is the FedEx double's)");
    } else {
      const so = order(d, { customer: peachtree!, address: BUSINESS_CUSTOMERS[3]!.address });
      const invoice = a.ns.ui.bill(so);
      await d.fedex.control('POST', 'faults', { dropResponseAfterCreate: 2 });
      const f = a.shipOrder(so, [5]);
      await d.fedex.control('POST', 'faults', { clear: true });
      const s = shipmentOf(d, f);
      const firstOk = field(s, S.status) === 'UNKNOWN' && field(s, S.errorCode) === 'FEDEX_OUTCOME_UNKNOWN';
      state.lostAnswer = { so, f, invoice, first: describe(s), firstOk };
      state.book.record('lost-answer', false, `at once: ${describe(s)}; not reconciled yet`);
      progress.step(`lost answer: ${describe(s)}`);
    }
  }
}

/** Hundreds of orders packed at the dock, then marked Shipped together by a CSV import. */
export async function csvBatch(d: Demo, state: DemoState, batch: number, progress: Progress): Promise<void> {
  const { a } = d;
  const orders = Array.from({ length: batch }, (_, i) => {
    const c = i % BUSINESS_CUSTOMERS.length;
    return order(d, {
      customer: a.customers.business[c]!,
      address: BUSINESS_CUSTOMERS[c]!.address,
      shipmethod: i % 5 === 4 ? a.ids.fedex2Day : a.ids.fedexGround,
      lines: [{ item: a.ids.widget, quantity: 1 + (i % 6) }, ...(i % 3 === 0 ? [{ item: a.ids.gadget, quantity: 1 + (i % 2) }] : [])],
    });
  });
  const fulfillments = orders.map((so, i) =>
    a.ns.ui.fulfill(so, {
      fields: { shipstatus: 'B', trandate: new Date(d.clock.now()) },
      sublists: { package: (i % 7 === 6 ? [6.2, 2.4] : [1 + (i % 9) * 0.7]).map((w, p) => ({ packageweight: Math.round(w * 10) / 10, packagedescr: `Carton ${p + 1}` })) },
    }),
  );
  progress.step(`${batch} orders packed at the dock (Packed, no label yet)`);
  await d.clock.catchUp();
  const callsBefore = a.ns.io.outbound.length;
  a.ns.csvImport('itemfulfillment', fulfillments.map((id) => ({ id, fields: { shipstatus: 'C' } })));
  const afterImport = shipmentsByFulfillment(d);
  const queued = fulfillments.filter((f) => field(afterImport.get(String(f)), S.status) === 'QUEUED').length;
  const callsDuringImport = a.ns.io.outbound.length - callsBefore;
  progress.step(`CSV import marked ${batch} Shipped: ${queued} QUEUED, ${callsDuringImport} relay calls during the import; the import started the shipping queue (on demand)`);
  await d.clock.catchUp();
  const runs = a.ns.runQueuedTasks();
  const afterQueue = shipmentsByFulfillment(d);
  const created = fulfillments.filter((f) => field(afterQueue.get(String(f)), S.status) === 'CREATED');
  const withTracking = created.filter((f) => (a.ns.get('itemfulfillment', f)?.sublists.package ?? []).every((p) => Boolean(p.packagetrackingnumber)));
  // Finance invoices what shipped: the invoice user event copies the tracking numbers and label links.
  const invoices = orders.map((so) => a.ns.ui.bill(so));
  const invoicedWithTracking = invoices.filter((inv) => field(a.ns.get('invoice', inv), INVOICE_FIELDS.trackingNumbers)).length;
  state.batch = orders.map((so, i) => ({ so, f: fulfillments[i]!, invoice: invoices[i]! }));
  const ok = queued === batch && callsDuringImport === 0 && created.length === batch && withTracking.length === batch && invoicedWithTracking === batch;
  state.book.record(
    'csv-batch',
    ok,
    `${queued}/${batch} QUEUED by the import (${callsDuringImport} relay calls during it); ${runs.length} on-demand queue run(s): ${created.length} CREATED, ${withTracking.length} with tracking numbers on every package; ${invoicedWithTracking}/${batch} invoices made afterwards carry them`,
  );
  progress.step(`shipping queue: ${created.length}/${batch} CREATED; ${invoicedWithTracking} invoices made afterwards carry the tracking numbers`);
}

/** The scheduled deployments NetSuite runs by itself (their SDF recurrences), with the demo's hooks. */
export function scheduledDeployments(d: Demo, state: DemoState): ScheduledDeployment[] {
  const { a } = d;
  const queueStatuses = new Set(['QUEUED', 'PENDING', 'RETRYING', 'UNKNOWN', 'VOIDING']);
  return scheduledDeploymentsOf(a.ns).map((dep) => {
    if (dep.scriptId === SCRIPTS.shipQueue.scriptId) {
      return {
        ...dep,
        // What the queue's own searches select (suiteapp/ts/lib/queue-work.ts): Shipments with work
        // to do, and for its sweep, fulfillments marked Shipped that have no Shipment record.
        hasWork: () => {
          const shipments = a.ns.find(SHIPMENT.type);
          if (shipments.some((r) => queueStatuses.has(field(r, S.status)) || (field(r, S.status) === 'CREATED' && (Boolean(field(r, S.voidReason)) || r.fields[S.fulfillmentPending] === true)))) return true;
          const seen = new Set(shipments.map((r) => field(r, S.fulfillment)));
          return a.ns.find('itemfulfillment', (f) => f.fields.shipstatus === 'C' && !seen.has(String(f.id))).length > 0;
        },
      };
    }
    if (dep.scriptId === SCRIPTS.trackingPoll.scriptId) {
      return {
        ...dep,
        // What the poll's own search selects (suiteapp/ts/lib/tracked-shipments.ts): open shipments
        // with a live label whose check plan has a check due since the poll's last run (shared isDue,
        // the rule its search formula computes), or no plan; nothing while FedEx's quota pauses it.
        hasWork: () => {
          const stored = a.ns.find(STATE.type, (r) => r.fields.name === STATE.trackPollName)[0];
          const poll = JSON.parse(field(stored, STATE.fields.value) || '{}') as { lastRun?: number; pausedUntil?: number };
          const nowMs = d.clock.now();
          if (poll.pausedUntil && nowMs < poll.pausedUntil) return false;
          const now = epochMinutes(nowMs);
          return a.ns
            .find(SHIPMENT.type, (r) => (LIVE_LABEL_STATUSES as readonly string[]).includes(field(r, S.status)) && r.fields.isinactive !== true && r.fields[S.trackingDone] !== true)
            .some((r) => {
              const [first, every, end] = [S.checkFirst, S.checkEvery, S.checkEnd].map((id) => Number(r.fields[id]));
              return !Number.isFinite(end) || !end || isDue({ first: first!, every: every!, end: end! }, poll.lastRun ?? 0, now);
            });
        },
        afterRun: () => {
          for (const s of a.ns.find(SHIPMENT.type, (r) => field(r, S.deliveryStatus) === 'DELIVERED')) if (!state.deliveredSeenAt.has(s.id)) state.deliveredSeenAt.set(s.id, d.clock.now());
        },
      };
    }
    return dep;
  });
}

/** The queue's scheduled runs pick up what is left: the lost answer is reconciled. */
export async function reconcileLostAnswer(d: Demo, state: DemoState, progress: Progress): Promise<void> {
  await letTimePass(d.a.ns, d.clock, scheduledDeployments(d, state), { untilMs: d.clock.start + HOUR, stats: state.schedule });
  const lost = state.lostAnswer;
  if (!lost) return;
  const key = d.a.keyOf(lost.f);
  const s = shipmentOf(d, lost.f);
  const live = await liveLabels(d, key);
  const ok = lost.firstOk && field(s, S.status) === 'CREATED' && live === 1 && field(s, S.idempotencyKey) === key;
  state.book.record('lost-answer', ok, `at once: ${lost.first}; by ${d.clock.label()}: ${describe(s)} (attempt ${field(s, S.attempts)}, same key); live labels at FedEx for the key: ${live}`);
  progress.step(`lost answer reconciled by the shipping queue: ${describe(s)}, ${live} live label(s) at FedEx`);
}

/** The admin fixes the failures' data and replays them, then voids one shipment, in the browser. */
export async function fixReplayAndVoid(d: Demo, state: DemoState, progress: Progress): Promise<void> {
  const { a } = d;
  const before = { ...a.ns.account.currentUser };
  a.ns.setCurrentUser(CONNECTOR_ADMIN);
  try {
    if (state.badPhone) {
      const { f, address, first, firstOk } = state.badPhone;
      // The fix goes where the message says: the fulfillment's ship-to address.
      // Saving the fixed fulfillment ships it again: same Shipment record, same key.
      const failedId = shipmentOf(d, f)!.id;
      a.ns.ui.edit('itemfulfillment', f, { subrecords: { shippingaddress: { attention: '', addr2: '', ...address } } });
      const s = shipmentOf(d, f);
      const ok = firstOk && field(s, S.status) === 'CREATED' && s?.id === failedId && field(s, S.idempotencyKey) === a.keyOf(f);
      state.book.record('bad-phone', ok, `at once: ${first}; phone fixed on the fulfillment and saved → ${describe(s)} (Shipment record ${s?.id}, the failed one, same key)`);
      progress.step(`bad phone fixed and the fulfillment saved: ${describe(s)}`);
    }
    if (state.noAccount) {
      const { f, first, firstOk } = state.noAccount;
      const replay = await clickShipmentButton(a, shipmentOf(d, f)!.id, /^Replay/);
      const s = shipmentOf(d, f);
      const ok = firstOk && field(s, S.status) === 'CREATED' && field(s, S.accountNumber) === d.target.accountNumber;
      state.book.record('no-fedex-account', ok, `at once: ${first}; after the settings were filled in, ${replay.button ?? 'no Replay button'} → "${replay.result}" → ${describe(s)} on account ${field(s, S.accountNumber)}`);
      progress.step(`no-account shipment replayed: ${describe(s)}`);
    }
    if (!d.relayCancels) {
      state.book.skip('void', `skipped: this relay has no cancel route yet (POST ${RELAY_PATHS.cancelShipment}, the relay half of issue 9), so NetSuite cannot void at FedEx`);
      progress.step('void skipped: the relay has no cancel route');
    } else {
      const target = state.batch.at(-1);
      if (!target) throw new Error('no shipment to void');
      const tracking = field(shipmentOf(d, target.f), S.masterTrackingNumber);
      const voided = await clickShipmentButton(a, shipmentOf(d, target.f)!.id, /^Void/);
      const s = shipmentOf(d, target.f);
      const inv = target.invoice ? a.ns.get('invoice', target.invoice) : undefined;
      const live = await liveLabels(d, a.keyOf(target.f));
      const ok = field(s, S.status) === 'VOIDED' && (live === undefined || live === 0) && !field(inv, INVOICE_FIELDS.trackingNumbers).includes(tracking);
      state.voided = target;
      state.book.record('void', ok, `${voided.button ?? 'no Void button'} → "${voided.result}" → ${describe(s)}; live labels at FedEx: ${live ?? 'n/a'}; invoice tracking now "${field(inv, INVOICE_FIELDS.trackingNumbers)}"`);
      progress.step(`voided ${tracking}: ${field(s, S.status)}`);
    }
  } finally {
    a.ns.setCurrentUser(before);
  }
}

/** Polls (and one webhook) until every live shipment is delivered, or four days have passed. */
export async function trackUntilDelivered(d: Demo, state: DemoState, progress: Progress): Promise<void> {
  const { a } = d;
  if (!d.clock.accelerated) {
    state.book.skip('webhook', "skipped: FedEx's sandbox pushes webhooks only to a public URL registered with FedEx");
    state.book.skip('tracking', "skipped: FedEx's sandbox cannot track the shipments it created (it answers only for its own mock tracking numbers) and its clock cannot be moved");
    return;
  }
  const live = () => a.ns.find(SHIPMENT.type, (r) => field(r, S.status) === 'CREATED');
  const ui = state.uiSave ? shipmentOf(d, state.uiSave.f) : undefined;
  const webhookAt = d.clock.start + 3 * HOUR;
  const webhook: { result?: { status: number; delivered: boolean }; statusAfter?: string; fromWebhook?: number } = {};
  const events = ui
    ? [
        {
          at: webhookAt,
          run: async () => {
            const trackingNumber = field(ui, S.masterTrackingNumber);
            webhook.result = await d.fedex!.control<{ status: number; delivered: boolean }>('POST', 'webhook', { url: `${d.relayUrl}${RELAY_PATHS.fedexWebhook}`, trackingNumber });
            webhook.statusAfter = field(a.ns.get(SHIPMENT.type, ui.id), S.deliveryStatus);
            webhook.fromWebhook = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'STATUS_UPDATE' && (JSON.parse(field(r, AUDIT.fields.request) || '{}') as { source?: string }).source === 'webhook').length;
            progress.step(`${d.clock.label()}: FedEx pushed a signed webhook for ${trackingNumber}: relay answered ${webhook.result.status}, Shipment now ${webhook.statusAfter || 'unchanged'}`);
          },
        },
      ]
    : [];
  const trackCallsBefore = d.relay.events('fedex.call').filter((l) => l.operation === 'track.numbers').length;
  const allDelivered = () => live().every((s) => field(s, S.deliveryStatus) === 'DELIVERED');
  let lastReport = d.clock.now();
  const deployments = scheduledDeployments(d, state).map((dep) =>
    dep.scriptId === SCRIPTS.trackingPoll.scriptId
      ? {
          ...dep,
          afterRun: async (run: Parameters<NonNullable<ScheduledDeployment['afterRun']>>[0]) => {
            await dep.afterRun?.(run);
            if (d.clock.now() - lastReport >= 6 * HOUR) {
              lastReport = d.clock.now();
              const counts: Record<string, number> = {};
              for (const s of live()) counts[field(s, S.deliveryStatus) || 'LABEL_CREATED'] = (counts[field(s, S.deliveryStatus) || 'LABEL_CREATED'] ?? 0) + 1;
              progress.step(`${d.clock.label()}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
            }
          },
        }
      : dep,
  );
  await letTimePass(a.ns, d.clock, deployments, { untilMs: d.clock.start + 4 * DAY, events, done: () => d.clock.now() > webhookAt && allDelivered(), stats: state.schedule });

  if (ui) {
    const ok = webhook.result?.status === 200 && webhook.result.delivered && webhook.statusAfter === 'PICKED_UP' && (webhook.fromWebhook ?? 0) >= 1;
    state.book.record('webhook', ok, `relay answered ${webhook.result?.status ?? 'nothing'}; Shipment ${field(ui, S.masterTrackingNumber)} became ${webhook.statusAfter || 'unchanged'} (${webhook.fromWebhook ?? 0} status update(s) from the webhook); NetSuite M2M tokens issued: ${a.ns.auth.stats.tokenRequests.ok}`);
  }
  const shipments = live();
  const delivered = shipments.filter((s) => field(s, S.deliveryStatus) === 'DELIVERED');
  const lags = delivered.map((s) => (state.deliveredSeenAt.get(s.id) ?? Infinity) - new Date(s.fields[S.deliveredAt] as Date).getTime());
  const maxLagMin = Math.round(Math.max(0, ...lags) / MINUTE);
  const invoiced = new Set(shipments.map((s) => field(s, S.invoice)).filter(Boolean));
  const invoicesDelivered = [...invoiced].filter((id) => field(a.ns.get('invoice', Number(id)), INVOICE_FIELDS.deliveryStatus) === 'DELIVERED').length;
  const trackCalls = d.relay.events('fedex.call').filter((l) => l.operation === 'track.numbers').length - trackCallsBefore;
  const ok = delivered.length === shipments.length && shipments.length > 0 && maxLagMin <= 120 && invoicesDelivered === invoiced.size;
  const pollRuns = a.ns.invocations({ scriptId: SCRIPTS.trackingPoll.scriptId, entryPoint: 'getInputData' }).length;
  state.book.record(
    'tracking',
    ok,
    `${delivered.length}/${shipments.length} live shipments DELIVERED by ${d.clock.label()}, latest seen ${maxLagMin} min after its delivery scan; ${invoicesDelivered}/${invoiced.size} invoices show DELIVERED; ${pollRuns} poll runs, ${trackCalls} FedEx Track requests`,
  );
  progress.step(`${d.clock.label()}: ${delivered.length}/${shipments.length} delivered; ${trackCalls} Track requests in ${pollRuns} polls`);
}
