import { beforeEach } from 'vitest';
// Helpers for the shipment lifecycle scenarios (shipping queue, voids, actions): moving time,
// running the queue's deployments, counting live labels at the FedEx double, and hooking into a
// script's N/https or N/record calls to interleave a second run exactly where a race would hit.
import { SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import type { ModuleFactory } from '../netsuite-double/types';
import type { ConnectorAccount } from './connector-account';
import type { Stack } from './stack';

export const S = SHIPMENT.fields;
export const SCHEDULED = SCRIPTS.shipQueue.deploymentId;
export const ON_DEMAND = SCRIPTS.shipQueue.onDemandDeploymentId;

export interface TimeTravel {
  /** Puts a new account on the file's clock (call it right after connectorAccount). */
  join<T extends ConnectorAccount>(a: T): T;
  /** Time passes for `a` and for the relay. */
  pass(a: ConnectorAccount, ms: number): Promise<void>;
}

/**
 * Time passing: NetSuite's, the relay's and FedEx's clocks move forward together, so signed requests
 * stay inside the relay's window and ship dates mean the same everywhere. The relay's clock only
 * ever moves forward (its rate limiter would wait out a clock that went back), so the skew carries
 * over between the tests of a file: FedEx's clock (reset before each test) is put back on it, and
 * every new account joins it. Call after useStack, so its reset runs first.
 */
export function useTimeTravel(stack: () => Stack): TimeTravel {
  let skewMs = 0;
  beforeEach(async () => {
    if (skewMs > 0) await stack().control('POST', 'clock', { advanceMs: skewMs });
  });
  return {
    join(a) {
      if (skewMs > 0) a.ns.clock.set(Date.now() + skewMs);
      return a;
    },
    async pass(a, ms) {
      skewMs += ms;
      a.ns.clock.set(Date.now() + skewMs);
      await stack().setRelayClockOffset(skewMs);
      await stack().control('POST', 'clock', { advanceMs: ms });
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function runQueue(a: ConnectorAccount, deploymentId: string = SCHEDULED) {
  return a.ns.runMapReduce({ scriptId: SCRIPTS.shipQueue.scriptId, deploymentId });
}

/** What the queue's map calls answered, as written to the run's output. */
export function queueResults(run: ReturnType<typeof runQueue>): { shipmentId: number; work: string; result: string }[] {
  return (run.map?.writes ?? []).map((w) => JSON.parse(w.value));
}

/** FedEx shipments carrying the fulfillment's keys (first shipment and reships after voids) that are not cancelled. */
export async function liveLabels(stack: Stack, a: ConnectorAccount, fulfillmentId: number): Promise<any[]> {
  const key = a.keyOf(fulfillmentId);
  const all = [...(await stack.shipmentsFor(key)), ...(await stack.shipmentsFor(`${key}-R2`)), ...(await stack.shipmentsFor(`${key}-R3`))];
  return all.filter((s) => s.status !== 'CA' && s.cancelledAt === undefined);
}

/** Creates sent to the relay by the account's scripts. */
export function relayCreates(a: ConnectorAccount): number {
  return a.ns.io.outbound.filter((r) => /\/v1\/shipments$/.test(new URL(r.url).pathname)).length;
}

/**
 * Replaces one N/ module for this account with a wrapper; `wrap` gets the real module of each
 * invocation and that invocation's context (script, deployment), and returns the module scripts see.
 */
export function hookModule(a: ConnectorAccount, moduleId: 'N/https' | 'N/record' | 'N/search', wrap: (real: any, ctx: Parameters<ModuleFactory>[0]) => object): () => void {
  const factories = a.ns.account.moduleFactories;
  const original = factories.get(moduleId)!;
  factories.set(moduleId, (ctx) => wrap(original(ctx), ctx));
  return () => factories.set(moduleId, original);
}

/** Polls until `check` holds (state another process changes), failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('eventually: condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
