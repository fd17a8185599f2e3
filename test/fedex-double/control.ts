import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { FedexDouble } from './app';
import { isManualClock, type Clock } from './clock';
import type { DoubleEnv } from './context';
import type { ShipmentRecord } from './shipments';
import { formatLocal } from './time-format';
import { currentStatusCode } from './tracking';

/**
 * Control of the double over HTTP, for tests that run it in a child process. Everything lives under
 * /__double/, outside the FedEx surface: no token, no rate limit, no FedEx validation, not counted in
 * stats. Errors here are `{ error }` with 400/404/409, never FedEx envelopes.
 *
 *   GET  /__double/stats                      the stats object
 *   GET  /__double/clock                      { now, iso }
 *   POST /__double/clock     { advanceMs } | { setMs }          → { now, iso } (ManualClock only, else 409)
 *   GET  /__double/faults                     armed faults
 *   POST /__double/faults    { clear?, latencyMs?, latencyScope?, failNext?: { count, status?, scope? },
 *                              burst429?: { count, scope? }, dropResponseAfterCreate?: count }  → armed faults
 *   POST /__double/timeline  { trackingNumber, steps: TimelineStep[] }  → { trackingNumber, status }
 *   POST /__double/historic  HistoricShipmentInput                       → shipment summary
 *   POST /__double/webhook   { url, trackingNumber, securityToken?, atMs? } → push result
 *   POST /__double/tokens/expire                                          → { expired }
 *   POST /__double/reset                                                  → { ok: true }
 *   GET  /__double/shipments[?customerReference=…][&trackingNumber=…]     → { shipments: summaries }
 */

// The values of FaultScope.
const scope = z.enum(['ship', 'track', 'token', 'address', 'any']);
const count = z.number().int().min(0);

const clockBody = z.union([z.object({ advanceMs: z.number().min(0) }).strict(), z.object({ setMs: z.number() }).strict()]);

const faultsBody = z
  .object({
    clear: z.boolean().optional(),
    latencyMs: z.number().min(0).optional(),
    latencyScope: scope.optional(),
    failNext: z.object({ count, status: z.union([z.literal(500), z.literal(503)]).optional(), scope: scope.optional() }).strict().optional(),
    burst429: z.object({ count, scope: scope.optional() }).strict().optional(),
    dropResponseAfterCreate: count.optional(),
  })
  .strict();

const location = z
  .object({
    streetLines: z.array(z.string()).optional(),
    city: z.string().optional(),
    stateOrProvinceCode: z.string().optional(),
    postalCode: z.string().optional(),
    countryCode: z.string().optional(),
  })
  .strict();

const step = z
  .object({
    afterMs: z.number().min(0),
    code: z.string(),
    derivedCode: z.string().optional(),
    statusByLocale: z.string().optional(),
    description: z.string().optional(),
    eventDescription: z.string().optional(),
    exceptionCode: z.string().optional(),
    exceptionDescription: z.string().optional(),
    location: location.optional(),
    receivedByName: z.string().optional(),
    delayType: z.enum(['WEATHER', 'OPERATIONAL', 'LOCAL', 'GENERAL', 'CLEARANCE']).optional(),
  })
  .strict();

const timelineBody = z.object({ trackingNumber: z.string(), steps: z.array(step) }).strict();

const party = z
  .object({
    personName: z.string().optional(),
    companyName: z.string().optional(),
    streetLines: z.array(z.string()).optional(),
    city: z.string().optional(),
    stateOrProvinceCode: z.string().optional(),
    postalCode: z.string().optional(),
    countryCode: z.string().optional(),
    residential: z.boolean().optional(),
  })
  .strict();

const historicBody = z
  .object({
    trackingNumber: z.string(),
    createdAt: z.number().optional(),
    shipDate: z.string().optional(),
    timeline: z.array(step).optional(),
    accountNumber: z.string().optional(),
    customerReferences: z.array(z.string()).optional(),
    serviceType: z.string().optional(),
    shipper: party.optional(),
    recipient: party.optional(),
  })
  .strict();

const webhookBody = z
  .object({ url: z.string().url(), trackingNumber: z.string(), securityToken: z.string().optional(), atMs: z.number().optional() })
  .strict();

/** A JSON-friendly view of a shipment record. */
export interface ShipmentSummary {
  id: string;
  kind: ShipmentRecord['kind'];
  clientId?: string;
  accountNumber: string;
  masterTrackingNumber: string;
  trackingNumbers: string[];
  customerReferences: string[];
  shipDate: string;
  serviceType: string;
  labelResponseOptions?: string;
  createdAt: number;
  cancelledAt?: number;
  responseDropped: boolean;
  status: string;
  request?: unknown;
}

export function summarizeShipment(record: ShipmentRecord, double: FedexDouble<Clock>): ShipmentSummary {
  return {
    id: record.id,
    kind: record.kind,
    ...(record.clientId !== undefined ? { clientId: record.clientId } : {}),
    accountNumber: record.accountNumber,
    masterTrackingNumber: record.masterTrackingNumber,
    trackingNumbers: record.trackingNumbers,
    customerReferences: record.customerReferences,
    shipDate: record.shipDate,
    serviceType: record.serviceType,
    ...(record.labelResponseOptions !== undefined ? { labelResponseOptions: record.labelResponseOptions } : {}),
    createdAt: record.createdAt,
    ...(record.cancelledAt !== undefined ? { cancelledAt: record.cancelledAt } : {}),
    responseDropped: record.responseDropped,
    status: currentStatusCode(record, double.clock.now()),
    ...(record.request !== undefined ? { request: record.request } : {}),
  };
}

async function parse<T>(c: Context<DoubleEnv>, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, response: c.json({ error: 'body is not valid JSON' }, 400) };
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, response: c.json({ error: z.prettifyError(result.error) }, 400) };
  return { ok: true, value: result.data };
}

function fail(c: Context<DoubleEnv>, error: unknown, status: 400 | 404 = 400): Response {
  return c.json({ error: error instanceof Error ? error.message : String(error) }, status);
}

export function registerControlRoutes(app: Hono<DoubleEnv>, double: FedexDouble<Clock>): void {
  const clockView = () => ({ now: double.clock.now(), iso: new Date(double.clock.now()).toISOString(), local: formatLocal(double.clock.now(), double.config.utcOffset) });

  app.get('/__double/stats', (c) => c.json(double.stats));

  app.get('/__double/clock', (c) => c.json(clockView()));
  app.post('/__double/clock', async (c) => {
    const parsed = await parse(c, clockBody);
    if (!parsed.ok) return parsed.response;
    const clock = double.clock;
    if (!isManualClock(clock)) return c.json({ error: 'the double runs on a real clock; it cannot be moved' }, 409);
    try {
      if ('advanceMs' in parsed.value) clock.advance(parsed.value.advanceMs);
      else clock.set(parsed.value.setMs);
    } catch (error) {
      return fail(c, error);
    }
    return c.json(clockView());
  });

  app.get('/__double/faults', (c) => c.json(double.faults.state()));
  app.post('/__double/faults', async (c) => {
    const parsed = await parse(c, faultsBody);
    if (!parsed.ok) return parsed.response;
    const body = parsed.value;
    const faults = double.faults;
    if (body.clear) faults.clear();
    if (body.latencyMs !== undefined) faults.setLatency(body.latencyMs, (body.latencyScope ?? 'any'));
    if (body.failNext) faults.failNext(body.failNext.count, body.failNext.status ?? 500, (body.failNext.scope ?? 'any'));
    if (body.burst429) faults.burst429(body.burst429.count, (body.burst429.scope ?? 'any'));
    if (body.dropResponseAfterCreate !== undefined) faults.dropResponseAfterCreate(body.dropResponseAfterCreate);
    return c.json(faults.state());
  });

  app.post('/__double/timeline', async (c) => {
    const parsed = await parse(c, timelineBody);
    if (!parsed.ok) return parsed.response;
    try {
      double.scriptTimeline(parsed.value.trackingNumber, parsed.value.steps);
    } catch (error) {
      return fail(c, error, error instanceof RangeError ? 400 : 404);
    }
    return c.json({ trackingNumber: parsed.value.trackingNumber, status: double.statusOf(parsed.value.trackingNumber) });
  });

  app.post('/__double/historic', async (c) => {
    const parsed = await parse(c, historicBody);
    if (!parsed.ok) return parsed.response;
    try {
      const record = double.addHistoricShipment(parsed.value);
      return c.json(summarizeShipment(record, double));
    } catch (error) {
      return fail(c, error);
    }
  });

  app.post('/__double/webhook', async (c) => {
    const parsed = await parse(c, webhookBody);
    if (!parsed.ok) return parsed.response;
    try {
      return c.json(await double.pushTrackingWebhook(parsed.value));
    } catch (error) {
      return fail(c, error, 404);
    }
  });

  app.post('/__double/tokens/expire', (c) => c.json({ expired: double.expireTokens() }));

  app.post('/__double/reset', (c) => {
    double.reset();
    return c.json({ ok: true });
  });

  app.get('/__double/shipments', (c) => {
    const reference = c.req.query('customerReference');
    const trackingNumber = c.req.query('trackingNumber');
    let records = reference !== undefined ? double.shipmentsByCustomerReference(reference) : double.shipments.all();
    if (trackingNumber !== undefined) records = records.filter((record) => record.trackingNumbers.includes(trackingNumber));
    return c.json({ shipments: records.map((record) => summarizeShipment(record, double)) });
  });
}
