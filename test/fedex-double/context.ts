import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { Clock } from './clock';
import type { Faults } from './faults';
import type { RenderedLabel } from './labels';
import type { SlidingWindowLimiter, TokenThresholds } from './rate-limits';
import type { ShipmentStore } from './shipments';
import type { DoubleStats } from './stats';
import type { StatusSchedule } from './timeline';
import type { Project, TokenStore } from './tokens';

/** Options after defaults; what the routes read. */
export interface DoubleConfig {
  projects: Project[];
  accountNumbers: ReadonlySet<string>;
  /** Known accounts FedEx does not let ship (SHIPMENT.ACCOUNTNUMBER.UNAUTHORIZED). */
  unauthorizedAccountNumbers: ReadonlySet<string>;
  /** Track requests a project may make per UTC day (FedEx's default: 100,000). */
  trackDailyQuota: number;
  tokenLifetimeSeconds: number;
  webhookSecurityToken: string;
  statusSchedule: StatusSchedule | false;
  utcOffset: string;
  /** Token-threshold key when no socket address is known (app.fetch without x-forwarded-for). */
  defaultIp: string;
  /** Bytes of each PDF label (labels.ts); undefined: the compact label. */
  pdfLabelBytes?: number;
}

export interface StoredLabel {
  label: RenderedLabel;
  createdAt: number;
}

/** FedEx: a label URL "once created will be active for 24 hours" (Shipment-Resource.json, LabelResponseVO.url). */
export const LABEL_URL_LIFETIME_MS = 24 * 3_600_000;

/** Shared state of one double, handed to every route module. */
export interface DoubleContext {
  clock: Clock;
  config: DoubleConfig;
  tokens: TokenStore;
  limiter: SlidingWindowLimiter;
  thresholds: TokenThresholds;
  store: ShipmentStore;
  faults: Faults;
  stats: DoubleStats;
  labels: Map<string, StoredLabel>;
  /** Shipping documents (commercial invoices) by `<master tracking number>-invoice`. */
  documents: Map<string, { bytes: Uint8Array; createdAt: number }>;
  /** Track requests per `<client id> <UTC day>`. */
  trackUsage: Map<string, number>;
}

export type DoubleEnv = {
  Bindings: HttpBindings;
  Variables: {
    /** Client id of the bearer token (the FedEx project). */
    clientId: string;
    /** The parsed, schema-valid request body. */
    body: unknown;
    customerTransactionId: string | undefined;
  };
};

export type DoubleContextHono = Context<DoubleEnv>;

/** The Node request when served by @hono/node-server; undefined when called through `app.fetch`. */
export function nodeIncoming(c: DoubleContextHono): IncomingMessage | undefined {
  const env = c.env as Partial<HttpBindings> | undefined;
  return env?.incoming;
}

/** The caller's IP for the token thresholds: socket address when served, else x-forwarded-for, else the default. */
export function clientIp(c: DoubleContextHono, defaultIp: string): string {
  const socketAddress = nodeIncoming(c)?.socket.remoteAddress;
  if (socketAddress) return socketAddress;
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || defaultIp;
}
