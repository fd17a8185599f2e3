// Issue 12: FedEx's own daily Track quota. When FedEx answers 429 "Daily transaction quota exceeded",
// the poll stops asking until FedEx's quota day ends (midnight GMT) and says so, instead of hammering
// FedEx every 15 minutes; the next quota day it carries on.
import { describe, expect, it } from 'vitest';
import { AUDIT, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount } from './connector-account';
import { useStack } from './stack';
import { HOUR, MINUTE, scenarioClock } from './tracking-clock';

// A project whose Track quota is one request a day, to reach it with two batches.
const stack = useStack({ fedexTrackDailyQuota: 1 });

describe("FedEx's daily Track quota", () => {
  it('a quota 429 pauses the poll until FedEx resets at midnight GMT, says so in the summary, and polling resumes after', async () => {
    const a = connectorAccount(stack());
    const clock = await scenarioClock(stack(), a);
    for (let i = 0; i < 40; i++) {
      const f = a.shipOrder(a.salesOrder());
      await stack().control('POST', 'timeline', { trackingNumber: String(a.shipmentOf(f)?.fields[SHIPMENT.fields.masterTrackingNumber]), steps: [] });
    }
    // The first checks fall due at 02:00 GMT the next day: two batches, the second over FedEx's quota.
    await clock.advance(12 * HOUR);
    const start = await stack().stats();
    const run = a.ns.runMapReduce({ scriptId: 'customscript_mlfx_mr_track' });
    expect(run.map?.errors.some((e) => /FEDEX_QUOTA_EXCEEDED/.test(e.message))).toBe(true);
    const summary = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'TRACKING_POLL').at(-1)!;
    expect(summary.fields[AUDIT.fields.errorCode]).toBe('FEDEX_QUOTA_EXCEEDED');
    const midnight = new Date(clock.now());
    midnight.setUTCHours(24, 0, 0, 0);
    expect(String(summary.fields[AUDIT.fields.errorMessage])).toContain(`pauses until ${midnight.toISOString()}`);
    // The relay did not retry a refusal that cannot pass before midnight: 2 requests, one refused.
    const afterRun = await stack().stats();
    expect(afterRun.trackRequests - start.trackRequests).toBeLessThanOrEqual(2);

    // Until midnight GMT: no Track request at all, whatever is due.
    await clock.pollFor(midnight.getTime() - clock.now() - 15 * MINUTE);
    expect((await stack().stats()).trackRequests).toBe(afterRun.trackRequests);
    expect(a.ns.logs({ scriptId: 'customscript_mlfx_mr_track' }).some((l) => /paused/.test(l.title))).toBe(true);

    // A new quota day: the shipments FedEx did not answer for are asked about.
    await clock.pollFor(30 * MINUTE);
    expect((await stack().stats()).trackRequests).toBeGreaterThan(afterRun.trackRequests);
    expect(a.ns.find(SHIPMENT.type).filter((s) => s.fields[SHIPMENT.fields.deliveryStatus] === 'LABEL_CREATED').length).toBeGreaterThan(20);
  }, 120_000);
});
