import { describe, expect, it } from 'vitest';
import { DAY_MS, SWEEP_GRACE_MINUTES, sweepRefusal, sweepWindow } from './sweep';

const NOW = Date.UTC(2026, 5, 10, 15, 0);
const HOUR = 3_600_000;

describe('sweepWindow', () => {
  it('looks at nothing until a whole day began after the sweep started watching', () => {
    expect(sweepWindow(NOW, undefined, 3)).toBeUndefined();
    expect(sweepWindow(NOW, NOW - 2 * HOUR, 3)).toBeUndefined();
    expect(sweepWindow(NOW, NOW - DAY_MS + HOUR, 3)).toBeUndefined();
    // A day after: fulfillments made since the start of today (which began after `since`, in any time zone).
    expect(sweepWindow(NOW, NOW - DAY_MS, 3)).toEqual({ modifiedDaysAgo: 3, createdDaysAgo: 0 });
    expect(sweepWindow(NOW, NOW - 10 * DAY_MS, 3)).toEqual({ modifiedDaysAgo: 3, createdDaysAgo: 9 });
  });

  it('is off at 0 days', () => {
    expect(sweepWindow(NOW, NOW - 10 * DAY_MS, 0)).toBeUndefined();
  });

  it('never reaches a day that began before `since`, whatever the account time zone', () => {
    for (let hoursSince = 0; hoursSince < 24 * 5; hoursSince++) {
      const since = NOW - hoursSince * HOUR;
      const window = sweepWindow(NOW, since, 7);
      if (!window) continue;
      // daysago{k} = local midnight k days back; local midnight today lies within the last 24 h.
      for (let offsetHours = -12; offsetHours <= 14; offsetHours++) {
        const local = NOW + offsetHours * HOUR;
        const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - offsetHours * HOUR;
        expect(localMidnight - window.createdDaysAgo * DAY_MS).toBeGreaterThanOrEqual(since);
      }
    }
  });
});

describe('sweepRefusal', () => {
  const shipped = { shipStatus: 'C', lastModifiedMs: NOW - HOUR, shippedOnMs: NOW - DAY_MS };
  it('ships a fulfillment Shipped within the window and left alone for a while', () => {
    expect(sweepRefusal(shipped, NOW, 3)).toBeUndefined();
    expect(sweepRefusal({ shipStatus: 'C' }, NOW, 3)).toBeUndefined();
  });
  it('leaves one no longer Shipped, one a script may still be working on, one shipped before the window', () => {
    expect(sweepRefusal({ ...shipped, shipStatus: 'B' }, NOW, 3)).toBe('no longer Shipped');
    expect(sweepRefusal({ ...shipped, lastModifiedMs: NOW - (SWEEP_GRACE_MINUTES - 1) * 60_000 }, NOW, 3)).toMatch(/less than 10 minutes ago/);
    expect(sweepRefusal({ ...shipped, shippedOnMs: NOW - 5 * DAY_MS }, NOW, 3)).toMatch(/shipped on 2026-06-05, before the sweep's 3-day window/);
  });
});
