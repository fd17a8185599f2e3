import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { registerAddressRoute } from './address-route';
import { ManualClock, isManualClock, type Clock } from './clock';
import { type DoubleConfig, type DoubleContext, type DoubleEnv, type StoredLabel } from './context';
import { registerControlRoutes } from './control';
import { errorBody, FEDEX_ERRORS, FedexHttpError } from './errors';
import { Faults } from './faults';
import type { RenderedLabel } from './labels';
import { registerOauthRoute } from './oauth-route';
import { FEDEX_TOKEN_THRESHOLDS, FEDEX_TRANSACTION_LIMIT, SlidingWindowLimiter, TokenThresholds, type TokenThresholdConfig, type TransactionLimit } from './rate-limits';
import { registerShipRoutes, RESPONSE_DROPPED } from './ship-routes';
import { ShipmentStore, type PartySummary, type ShipmentRecord } from './shipments';
import { createStats, recordStatus, resetStats, type DoubleStats } from './stats';
import { DEFAULT_UTC_OFFSET, localDate, offsetMinutes, formatLocal } from './time-format';
import { DEFAULT_STATUS_SCHEDULE, defaultTimeline, scriptedTimeline, type StatusSchedule, type TimelineStep } from './timeline';
import { ALL_CAPABILITIES, TokenStore, type Capability, type Project } from './tokens';
import { completeTrackResult, currentStatusCode, type CompleteTrackResult } from './tracking';
import { registerTrackRoutes } from './track-routes';
import { postWebhook, webhookPayload, type WebhookPushResult } from './webhooks';

export interface FedexDoubleOptions<C extends Clock = ManualClock> {
  /** API key of the default project. Default `fedex-double-client-id`. */
  clientId?: string;
  /** Secret key of the default project. Default `fedex-double-client-secret`. */
  clientSecret?: string;
  /** APIs the default project may call (others get 403). Default all: ship, track, address. */
  capabilities?: Capability[];
  /** Further projects, each with its own credentials and its own 1,400 / 10 s window. */
  projects?: Project[];
  /** `expires_in` of issued tokens. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Default: a new ManualClock at 2025-01-06T15:00:00Z (then `double.clock` is typed ManualClock). */
  clock?: C;
  /** Shipper account numbers FedEx knows. Default ['740561073']. */
  accountNumbers?: string[];
  /** Known accounts FedEx refuses to ship for (SHIPMENT.ACCOUNTNUMBER.UNAUTHORIZED). Default none. */
  unauthorizedAccountNumbers?: string[];
  /** Track requests per project per UTC day before 429 (FedEx's default quota: 100,000). */
  trackDailyQuota?: number;
  /** Security token webhook pushes are signed with. Default `fedex-double-webhook-security-token`. */
  webhookSecurityToken?: string;
  /** When created shipments reach PU, IT, OD, DL; `false` keeps them at OC until scripted. */
  statusSchedule?: Partial<StatusSchedule> | false;
  /** UTC offset of every time the double writes. Default -05:00. */
  utcOffset?: string;
  /** Default 1,400 per 10,000 ms (FedEx). Lower it to reach the limit quickly in tests. */
  transactionLimit?: TransactionLimit;
  /** Default FedEx's OAuth thresholds (see rate-limits.ts). */
  tokenThresholds?: TokenThresholdConfig;
  /** IP of app.fetch callers without x-forwarded-for. Default 127.0.0.1. */
  defaultIp?: string;
  /** First 11 digits of the first generated tracking number. Default 79460000001. */
  firstTrackingSerial?: number;
  /** Bytes of each PDF label; default the compact label (~1.5 KB). See REALISTIC_PDF_LABEL_BYTES in labels.ts. */
  pdfLabelBytes?: number;
}

export interface HistoricShipmentInput {
  trackingNumber: string;
  /** When FedEx first used the number (ms). Default: 400 days before now. */
  createdAt?: number;
  shipDate?: string;
  /** Default: the full delivered path on the double's schedule. */
  timeline?: TimelineStep[];
  accountNumber?: string;
  customerReferences?: string[];
  serviceType?: string;
  shipper?: Partial<PartySummary>;
  recipient?: Partial<PartySummary>;
}

export interface WebhookPushInput {
  /** Receiver URL (a loopback server in tests). */
  url: string;
  trackingNumber: string;
  /** Default: the double's webhookSecurityToken. */
  securityToken?: string;
  /** Build the event as of this time instead of now (stale / out-of-order deliveries). */
  atMs?: number;
}

export interface FedexDouble<C extends Clock = ManualClock> {
  /** Hono app: pass `app.fetch` (or `fetch` below) wherever a client takes a fetch function. */
  readonly app: Hono<DoubleEnv>;
  /** fetch-compatible: `(input, init) => app.fetch(new Request(input, init))`; relative URLs resolve against `baseUrl`. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly baseUrl: string;
  readonly clock: C;
  readonly stats: DoubleStats;
  readonly faults: Faults;
  readonly shipments: ShipmentStore;
  readonly config: Readonly<DoubleConfig> & { clientId: string; clientSecret: string };
  /** Replace a shipment's future with these steps (afterMs since its creation); OC at 0 is kept. */
  scriptTimeline(trackingNumber: string, steps: TimelineStep[]): ShipmentRecord;
  /** An older shipment that used the same tracking number (FedEx reuses numbers). */
  addHistoricShipment(input: HistoricShipmentInput): ShipmentRecord;
  /** Latest status code of the newest shipment with this number, on the double's clock. */
  statusOf(trackingNumber: string): string | undefined;
  /** What Track would answer for this number now (detailed scans included). */
  track(trackingNumber: string): CompleteTrackResult;
  /** Shipments (created and historic) carrying this customer reference value. */
  shipmentsByCustomerReference(value: string): ShipmentRecord[];
  /** Label bytes stored for a tracking number (LABEL and URL_ONLY alike). */
  label(trackingNumber: string): RenderedLabel | undefined;
  /** A valid bearer token without going through POST /oauth/token. */
  issueToken(clientId?: string): string;
  /** Every issued token answers 401 from now on; returns how many were live. */
  expireTokens(): number;
  pushTrackingWebhook(input: WebhookPushInput): Promise<WebhookPushResult>;
  /** Empties shipments, labels, tokens, limits, faults and stats; a ManualClock goes back to its start. */
  reset(): void;
}

const DAY = 86_400_000;
export const DEFAULT_CLIENT_ID = 'fedex-double-client-id';
export const DEFAULT_CLIENT_SECRET = 'fedex-double-client-secret';
export const DEFAULT_ACCOUNT_NUMBER = '740561073';
export const DEFAULT_WEBHOOK_SECURITY_TOKEN = 'fedex-double-webhook-security-token';
export const DOUBLE_BASE_URL = 'http://fedex-double.test';
/** FedEx's rate-limit guide: Track defaults to 100,000 requests a day per project. */
export const FEDEX_TRACK_DAILY_QUOTA = 100_000;

function resolveConfig(options: FedexDoubleOptions<Clock>): DoubleConfig & { clientId: string; clientSecret: string } {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const projects: Project[] = [{ clientId, clientSecret, capabilities: options.capabilities ?? ALL_CAPABILITIES }, ...(options.projects ?? [])];
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  if (!(tokenLifetimeSeconds > 0)) throw new RangeError('tokenLifetimeSeconds must be > 0');
  const utcOffset = options.utcOffset ?? DEFAULT_UTC_OFFSET;
  offsetMinutes(utcOffset);
  return {
    clientId,
    clientSecret,
    projects,
    accountNumbers: new Set(options.accountNumbers ?? [DEFAULT_ACCOUNT_NUMBER]),
    unauthorizedAccountNumbers: new Set(options.unauthorizedAccountNumbers ?? []),
    trackDailyQuota: options.trackDailyQuota ?? FEDEX_TRACK_DAILY_QUOTA,
    tokenLifetimeSeconds,
    webhookSecurityToken: options.webhookSecurityToken ?? DEFAULT_WEBHOOK_SECURITY_TOKEN,
    statusSchedule: options.statusSchedule === false ? false : { ...DEFAULT_STATUS_SCHEDULE, ...options.statusSchedule },
    utcOffset,
    defaultIp: options.defaultIp ?? '127.0.0.1',
    ...(options.pdfLabelBytes !== undefined ? { pdfLabelBytes: options.pdfLabelBytes } : {}),
  };
}

export function createFedexDouble<C extends Clock = ManualClock>(options: FedexDoubleOptions<C> = {}): FedexDouble<C> {
  const config = resolveConfig(options);
  // Without options.clock, C defaults to ManualClock, which is what is created here.
  const clock = (options.clock ?? new ManualClock()) as C;
  const ctx: DoubleContext = {
    clock,
    config,
    tokens: new TokenStore(config.projects, config.tokenLifetimeSeconds * 1000),
    limiter: new SlidingWindowLimiter(options.transactionLimit ?? FEDEX_TRANSACTION_LIMIT),
    thresholds: new TokenThresholds(options.tokenThresholds ?? FEDEX_TOKEN_THRESHOLDS),
    store: new ShipmentStore(options.firstTrackingSerial),
    faults: new Faults(),
    stats: createStats(),
    labels: new Map<string, StoredLabel>(),
    documents: new Map(),
    trackUsage: new Map(),
  };

  const app = new Hono<DoubleEnv>();
  // The FedEx surface: echo x-customer-transaction-id, count responses by status. Control routes and
  // label downloads are the double's own and stay out of the counts.
  app.use('*', async (c, next) => {
    c.set('customerTransactionId', c.req.header('x-customer-transaction-id'));
    await next();
    if (!c.req.path.startsWith('/__double/') && !c.req.path.startsWith('/labels/')) recordStatus(ctx.stats, c.res.status);
  });
  registerOauthRoute(app, ctx);
  registerShipRoutes(app, ctx);
  registerTrackRoutes(app, ctx);
  registerAddressRoute(app, ctx);
  app.notFound((c) => c.json(errorBody([FEDEX_ERRORS.notFound()], c.get('customerTransactionId')), 404));
  app.onError((error, c) => {
    if (error instanceof FedexHttpError) return c.json(errorBody(error.errors, c.get('customerTransactionId')), error.status);
    // A bug in the double: answer like FedEx would, and say what broke (no request data in the log).
    console.error(`[fedex-double] ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json(errorBody([FEDEX_ERRORS.internal()], c.get('customerTransactionId')), 500);
  });

  // A lost create response must look like a network failure to the caller, as fetch reports one.
  const honoFetch = app.fetch;
  app.fetch = async (request, env, executionCtx) => {
    try {
      return await honoFetch(request, env, executionCtx);
    } catch (error) {
      if (error === RESPONSE_DROPPED) {
        throw new TypeError('fetch failed', { cause: new Error('other side closed: the FedEx double dropped the response after creating the shipment') });
      }
      throw error;
    }
  };

  const view = (now: number) => ({ now, utcOffset: config.utcOffset, includeDetailedScans: true });
  const requireShipment = (trackingNumber: string): ShipmentRecord => {
    const record = ctx.store.latest(trackingNumber);
    if (!record) throw new Error(`FedEx double: no shipment has tracking number ${trackingNumber}`);
    return record;
  };

  const double: FedexDouble<C> = {
    app,
    fetch: async (input, init) => {
      const request = input instanceof Request ? (init ? new Request(input, init) : input) : new Request(new URL(String(input), DOUBLE_BASE_URL), init);
      return app.fetch(request);
    },
    baseUrl: DOUBLE_BASE_URL,
    clock,
    stats: ctx.stats,
    faults: ctx.faults,
    shipments: ctx.store,
    config,

    scriptTimeline(trackingNumber, steps) {
      const record = requireShipment(trackingNumber);
      record.timeline = scriptedTimeline(steps);
      return record;
    },

    addHistoricShipment(input) {
      if (!/^\d{12}$/.test(input.trackingNumber)) throw new Error(`tracking number must be 12 digits, got ${input.trackingNumber}`);
      const now = clock.now();
      const createdAt = input.createdAt ?? now - 400 * DAY;
      const shipper: PartySummary = { streetLines: ['1 HISTORIC WAY'], city: 'MEMPHIS', stateOrProvinceCode: 'TN', postalCode: '38116', countryCode: 'US', ...input.shipper };
      const recipient: PartySummary = { streetLines: ['9 PAST ST'], city: 'AUSTIN', stateOrProvinceCode: 'TX', postalCode: '78701', countryCode: 'US', personName: 'Earlier Recipient', ...input.recipient };
      const references = (input.customerReferences ?? []).map((value) => ({ customerReferenceType: 'CUSTOMER_REFERENCE', value }));
      const record: ShipmentRecord = {
        id: randomUUID(),
        kind: 'historic',
        accountNumber: input.accountNumber ?? [...config.accountNumbers][0] ?? DEFAULT_ACCOUNT_NUMBER,
        masterTrackingNumber: input.trackingNumber,
        trackingNumbers: [input.trackingNumber],
        pieces: [{ trackingNumber: input.trackingNumber, sequenceNumber: 1, customerReferences: references, weight: { units: 'LB', value: 2 } }],
        customerReferences: references.map((ref) => ref.value),
        shipDate: input.shipDate ?? localDate(createdAt, config.utcOffset),
        serviceType: input.serviceType ?? 'FEDEX_GROUND',
        packagingType: 'YOUR_PACKAGING',
        createdAt,
        responseDropped: false,
        shipper,
        recipient,
        timeline: input.timeline ? scriptedTimeline(input.timeline) : defaultTimeline(config.statusSchedule === false ? DEFAULT_STATUS_SCHEDULE : config.statusSchedule),
        uniqueIdPrefix: `${localDate(createdAt, config.utcOffset).replace(/-/g, '').slice(2)}${String(ctx.store.all().length + 1).padStart(4, '0')}`,
      };
      ctx.store.add(record);
      return record;
    },

    statusOf(trackingNumber) {
      const record = ctx.store.latest(trackingNumber);
      return record ? currentStatusCode(record, clock.now()) : undefined;
    },

    track(trackingNumber) {
      return completeTrackResult(trackingNumber, ctx.store.byTrackingNumber(trackingNumber), view(clock.now()));
    },

    shipmentsByCustomerReference(value) {
      return ctx.store.byCustomerReference(value);
    },

    label(trackingNumber) {
      return ctx.labels.get(trackingNumber)?.label;
    },

    issueToken(clientId = config.clientId) {
      return ctx.tokens.issue(clientId, clock.now()).token;
    },

    expireTokens() {
      return ctx.tokens.expireAll(clock.now());
    },

    async pushTrackingWebhook(input) {
      requireShipment(input.trackingNumber);
      const at = input.atMs ?? clock.now();
      const result = completeTrackResult(input.trackingNumber, ctx.store.byTrackingNumber(input.trackingNumber), view(at));
      const payload = webhookPayload(input.trackingNumber, formatLocal(at, config.utcOffset), result);
      ctx.stats.webhookPushes.attempted += 1;
      const outcome = await postWebhook(input.url, payload, input.securityToken ?? config.webhookSecurityToken);
      if (outcome.delivered) ctx.stats.webhookPushes.delivered += 1;
      else ctx.stats.webhookPushes.failed += 1;
      return outcome;
    },

    reset() {
      ctx.store.reset();
      ctx.labels.clear();
      ctx.documents.clear();
      ctx.trackUsage.clear();
      ctx.tokens.reset();
      ctx.limiter.reset();
      ctx.thresholds.reset();
      ctx.faults.clear();
      resetStats(ctx.stats);
      if (isManualClock(clock)) clock.reset();
    },
  };
  registerControlRoutes(app, double);
  return double;
}
