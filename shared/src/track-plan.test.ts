import { describe, expect, it } from 'vitest';
import {
  checksUpTo,
  DEFAULT_TRACK_PLAN_SETTINGS as S,
  dueFormula,
  epochMinutes,
  isDue,
  nextCheckAfter,
  planTracking,
  quotaResetAfter,
  runAllowance,
  shipmentsAllowed,
  takeWithinAllowance,
  TRACK_PRIORITY,
  utcOffsetOf,
  type TrackPlan,
} from './track-plan';

const at = (iso: string) => epochMinutes(Date.parse(iso));
const iso = (minutes: number) => new Date(minutes * 60_000).toISOString();
// Memphis in December: UTC-6. A label at 10:00 local on Tuesday 2026-12-01.
const LABEL = at('2026-12-01T16:00:00Z');

function plan(p: TrackPlan | null): TrackPlan {
  expect(p).not.toBeNull();
  return p as TrackPlan;
}

describe('planTracking: when to ask FedEx next', () => {
  it('never after a final state', () => {
    for (const status of ['DELIVERED', 'CANCELLED', 'RETURNED'] as const) expect(planTracking({ status, labelAt: LABEL }, LABEL + 60)).toBeNull();
  });

  it('soon after the label, to catch the pickup scan; flags a label never used after the setting', () => {
    const first = plan(planTracking({ labelAt: LABEL }, LABEL));
    expect(first.first).toBe(LABEL + S.labelFirstCheckMinutes);
    expect(first.priority).toBe(TRACK_PRIORITY.FIRST_SCAN);
    expect(first.end).toBe(LABEL + S.unusedLabelDays * 1440);
    const later = plan(planTracking({ status: 'LABEL_CREATED', labelAt: LABEL }, LABEL + 60));
    expect(later.first).toBe(LABEL + 60 + S.labelEveryMinutes);
    const flagged = plan(planTracking({ status: 'LABEL_CREATED', labelAt: LABEL }, first.end));
    expect(flagged.flag).toBe('LABEL_UNUSED');
    expect(flagged.every).toBe(S.flaggedEveryHours * 60);
    expect(flagged.priority).toBe(TRACK_PRIORITY.SAFETY_NET);
    expect(planTracking({ status: 'LABEL_CREATED', labelAt: LABEL }, LABEL + S.giveUpDays * 1440)).toBeNull();
  });

  it('a number FedEx keeps reporting NOT_FOUND is flagged after the grace period, then given up', () => {
    const since = LABEL + 60;
    // Backing off: checks 1, 2, 4, 8, 16 h after the first answer, then the flag at the grace period's end.
    const checks: number[] = [];
    let at = since;
    for (let p = plan(planTracking({ status: 'NOT_FOUND', labelAt: LABEL, notFoundSince: since }, at)); !p.flag; p = plan(planTracking({ status: 'NOT_FOUND', labelAt: LABEL, notFoundSince: since }, at))) {
      expect(p.first).toBe(p.end);
      at = p.end;
      checks.push((at - since) / 60);
    }
    expect(checks).toEqual([1, 2, 4, 8, 16, 24]);
    const flagged = plan(planTracking({ status: 'NOT_FOUND', labelAt: LABEL, notFoundSince: since }, since + S.notFoundGraceHours * 60));
    expect(flagged.flag).toBe('NOT_FOUND');
    expect(planTracking({ status: 'NOT_FOUND', labelAt: LABEL, notFoundSince: since }, LABEL + S.giveUpDays * 1440 + 1)).toBeNull();
  });

  it('rarely in transit far from the estimated day, then from the morning of that day', () => {
    const now = at('2026-12-01T23:30:00Z'); // 17:30 local, picked up
    const facts = { status: 'IN_TRANSIT' as const, labelAt: LABEL, estimatedDelivery: '2026-12-04T20:00:00-06:00' };
    const transit = plan(planTracking(facts, now));
    expect(transit.priority).toBe(TRACK_PRIORITY.IN_TRANSIT);
    expect(transit.first).toBe(now + S.transitEveryMinutes);
    expect(iso(transit.end)).toBe('2026-12-04T14:00:00.000Z'); // 08:00 local on the 4th
    const eve = at('2026-12-04T03:00:00Z'); // 21:00 local the evening before
    const lastBefore = plan(planTracking(facts, eve));
    expect(lastBefore.first).toBe(lastBefore.end);
    expect(iso(lastBefore.end)).toBe('2026-12-04T14:00:00.000Z');
    expect(lastBefore.priority).toBe(TRACK_PRIORITY.DELIVERY_DAY);
    const morning = plan(planTracking(facts, at('2026-12-04T14:00:00Z')));
    expect(morning.every).toBe(S.deliveryDayEveryMinutes);
    expect(iso(morning.end)).toBe('2026-12-05T03:00:00.000Z'); // 21:00 local
  });

  it('often while out for delivery, but not at night', () => {
    const evening = at('2026-12-05T02:30:00Z'); // 20:30 local
    const p = plan(planTracking({ status: 'OUT_FOR_DELIVERY', labelAt: LABEL, utcOffsetMinutes: -360 }, evening));
    expect(iso(p.first)).toBe('2026-12-05T14:00:00.000Z'); // the next morning, 08:00 local
    expect(p.priority).toBe(TRACK_PRIORITY.DELIVERY_DAY);
  });

  it('soon after an exception, and a return is followed', () => {
    const now = at('2026-12-04T18:00:00Z');
    for (const status of ['EXCEPTION', 'RETURNING'] as const) {
      const p = plan(planTracking({ status, labelAt: LABEL, utcOffsetMinutes: -360 }, now));
      expect(p.first).toBe(now + S.exceptionEveryMinutes);
      expect(p.priority).toBe(TRACK_PRIORITY.EXCEPTION);
    }
  });

  it('webhook shipments are polled only as a safety net', () => {
    const now = at('2026-12-02T12:00:00Z');
    const p = plan(planTracking({ status: 'IN_TRANSIT', labelAt: LABEL, webhook: true }, now));
    expect(p.first).toBe(now + S.webhookSafetyNetHours * 60);
    expect(p.priority).toBe(TRACK_PRIORITY.SAFETY_NET);
  });
});

describe('due checks from a stored plan', () => {
  const p = { first: 1000, every: 100, end: 1350 };

  it('counts the checks: first, every, and the re-plan at the end', () => {
    expect(checksUpTo(p, 999)).toBe(0);
    expect(checksUpTo(p, 1000)).toBe(1);
    expect(checksUpTo(p, 1299)).toBe(3);
    expect(checksUpTo(p, 1349)).toBe(4);
    expect(checksUpTo(p, 1350)).toBe(5);
    expect(checksUpTo(p, 99999)).toBe(5);
  });

  it('a run is due for a shipment when a check fell since the last run, and only once', () => {
    expect(isDue(p, 900, 1000)).toBe(true);
    expect(isDue(p, 1000, 1050)).toBe(false);
    expect(isDue(p, 1050, 1100)).toBe(true);
    expect(isDue(p, 1349, 1350)).toBe(true);
    // An ended plan stays due until it is replaced: a check the budget deferred is never lost.
    expect(isDue(p, 1350, 5000)).toBe(true);
    // A poll that did not run for hours catches up with one check, not one per missed slot.
    expect(isDue(p, 0, 99999)).toBe(true);
  });

  it('nextCheckAfter walks the same checks', () => {
    const seen: number[] = [];
    for (let t: number | undefined = nextCheckAfter(p, 0); t !== undefined; t = nextCheckAfter(p, t)) seen.push(t);
    expect(seen).toEqual([1000, 1100, 1200, 1300, 1350]);
  });

  it('the search formula is the same arithmetic (evaluated here as SQL would)', () => {
    const f = { first: 'custrecord_f', every: 'custrecord_e', end: 'custrecord_x' };
    // Evaluates the formula's Oracle SQL subset with the plan's values, to prove formula and isDue agree.
    const evaluate = (lastRun: number, now: number): number => {
      const sql = dueFormula(f, lastRun, now)
        .replace(/\{custrecord_f\}/g, String(p.first))
        .replace(/\{custrecord_e\}/g, String(p.every))
        .replace(/\{custrecord_x\}/g, String(p.end))
        .replace(/GREATEST/g, 'Math.max')
        .replace(/LEAST/g, 'Math.min')
        .replace(/FLOOR/g, 'Math.floor');
      const outer = /^CASE WHEN (\S+) IS NULL THEN 1 WHEN (.+?) THEN 1 ELSE (.+) END$/.exec(sql);
      if (!outer) throw new Error(`unexpected formula ${sql}`);
      const inner = outer[3]!.replace(/CASE WHEN (.+?) THEN 1 ELSE 0 END/g, '(($1) ? 1 : 0)');
      return Function(`return (${outer[2]}) ? 1 : (${inner})`)() as number;
    };
    for (let lastRun = 900; lastRun < 1500; lastRun += 15) {
      for (const now of [lastRun + 15, lastRun + 60, lastRun + 400]) expect(evaluate(lastRun, now) > 0).toBe(isDue(p, lastRun, now));
    }
  });
});

describe('the daily Track budget', () => {
  it('never lets a run exceed what is left of the day', () => {
    expect(shipmentsAllowed(90_000, 0, 112_500, 30)).toBe(112_500);
    expect(shipmentsAllowed(90_000, 89_990, 112_500, 30)).toBe(300);
    expect(shipmentsAllowed(90_000, 95_000, 112_500, 30)).toBe(0);
  });

  it('urgent checks may use what is left; routine ones only an even share of the rest of the quota day', () => {
    const noon = Date.parse('2026-12-01T12:00:00Z'); // 12 h to FedEx's reset
    const a = runAllowance({ dailyBudgetRequests: 1000, usedToday: 900, runMax: 100_000, batchSize: 30, nowMs: noon, runEveryMinutes: 15 });
    expect(a.total).toBe(3000);
    expect(a.routine).toBe(Math.floor(3000 * (15 / 720)));
    const due = [
      ...Array.from({ length: 2000 }, () => ({ priority: TRACK_PRIORITY.DELIVERY_DAY })),
      ...Array.from({ length: 500 }, () => ({ priority: TRACK_PRIORITY.EXCEPTION })),
      ...Array.from({ length: 5000 }, () => ({ priority: TRACK_PRIORITY.IN_TRANSIT })),
    ];
    const { taken, deferred } = takeWithinAllowance(due, a);
    expect(taken.filter((d) => d.priority === TRACK_PRIORITY.IN_TRANSIT)).toHaveLength(a.routine);
    expect(taken.filter((d) => d.priority !== TRACK_PRIORITY.IN_TRANSIT)).toHaveLength(2500);
    expect(taken.length + deferred.length).toBe(due.length);
    expect(taken.length).toBeLessThanOrEqual(a.total);
  });

  it("resets at FedEx's midnight GMT", () => {
    expect(new Date(quotaResetAfter(Date.parse('2026-12-01T23:59:00Z'))).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });

  it('reads offsets from FedEx dates', () => {
    expect(utcOffsetOf('2026-12-04T20:00:00-06:00')).toBe(-360);
    expect(utcOffsetOf('2026-12-04T20:00:00+05:30')).toBe(330);
    expect(utcOffsetOf('2026-12-04')).toBeUndefined();
  });
});
