// Issue 9: the relay's definite refusal under load (RELAY_OVERLOADED, 503 with Retry-After: nothing
// was sent to FedEx) is a passing failure for the SuiteApp: RETRYING, never UNKNOWN, and the queue
// does not come back before the relay said it may. The relay here runs with a FedEx budget of one
// transaction per 10 minutes, so its next FedEx call would miss its deadline by about 9 minutes:
// longer than the queue's own backoff (at most 6 minutes after a first attempt).
import { describe, expect, it } from 'vitest';
import { connectorAccount } from './connector-account';
import { liveLabels, S } from './lifecycle-support';
import { useStack } from './stack';

const stack = useStack({ fedexLimits: { transactionsPerWindow: 1, windowMs: 600_000 } });

describe('RELAY_OVERLOADED', () => {
  it('is RETRYING with a next attempt no earlier than Retry-After, and nothing reached FedEx for it', async () => {
    const a = connectorAccount(stack());
    let refused: { f: number; shipment: NonNullable<ReturnType<typeof a.shipmentOf>> } | undefined;
    for (let i = 0; i < 3 && !refused; i++) {
      const f = a.shipOrder(a.salesOrder());
      const shipment = a.shipmentOf(f)!;
      if (shipment.fields[S.errorCode] === 'RELAY_OVERLOADED') refused = { f, shipment };
    }
    expect(refused, 'the relay refused a create for its deadline').toBeDefined();
    const { f, shipment } = refused!;
    expect(shipment.fields).toMatchObject({ [S.status]: 'RETRYING', [S.attempts]: 1 });
    const retryAfter = Number(/\(Retry-After (\d+) s\)/.exec(String(shipment.fields[S.lastError]))?.[1]);
    expect(retryAfter).toBeGreaterThan(6 * 60);
    const next = (shipment.fields[S.nextAttemptAt] as Date).getTime();
    expect(next - a.ns.clock.now()).toBeGreaterThanOrEqual(retryAfter * 1000 - 1000);
    expect(await liveLabels(stack(), a, f)).toEqual([]);
  });
});
