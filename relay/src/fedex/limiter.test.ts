import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter as FedexWindowCounter } from '../../../test/fedex-double/rate-limits';
import { VirtualClock } from '../../../test/support/virtual-clock';
import { RelayError } from '../errors';
import { createFedexLimiters, FEDEX_LIMITS, MinIntervalLimiter, PacedLimiter, pacingIntervalMs } from './limiter';

/** Calls `acquire` at the given virtual times; returns each start time, in arrival order. */
async function startsFor(clock: VirtualClock, limiter: PacedLimiter, arrivals: number[]): Promise<number[]> {
  const t0 = clock.now();
  const starts: number[] = new Array(arrivals.length);
  await Promise.all(
    arrivals.map(async (at, i) => {
      await clock.sleep(at - (clock.now() - t0));
      await limiter.acquire();
      starts[i] = clock.now();
    }),
  );
  return starts;
}

/** FedEx's reading of a window: at most `limit` starts in any (t - windowMs, t]. */
function maxInAnyWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[lo]! <= sorted[hi]! - windowMs) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}

describe('PacedLimiter at FedEx limits, on a virtual clock', () => {
  const limits = FEDEX_LIMITS;
  const interval = pacingIntervalMs(limits);

  it('releases 2,000 callers arriving at once evenly: never more than 1,400 in any 10 s, even with the guard band used up', async () => {
    const clock = new VirtualClock(0);
    const limiter = new PacedLimiter(interval, clock);
    const starts = await startsFor(clock, limiter, new Array(2_000).fill(0));
    // The window FedEx counts, and the same window widened by the guard band (what jitter may eat).
    expect(maxInAnyWindow(starts, limits.windowMs)).toBeLessThan(limits.transactionsPerWindow);
    expect(maxInAnyWindow(starts, limits.windowMs + limits.guardMs)).toBeLessThanOrEqual(limits.transactionsPerWindow);
    // In arrival order (their place in line), and each waited only for its place: (i) × interval.
    starts.forEach((t, i) => expect(t).toBeCloseTo(i * interval, 6));
    // 2,000 calls at 1,399 per 10.2 s take 14.6 s: paced, not a burst followed by a 10-second stall.
    expect(starts.at(-1)).toBeLessThan(14_600);
  });

  it('keeps every window under the cap by FedEx double\'s own counter, for bursts, trickles and idle gaps', async () => {
    const clock = new VirtualClock(0);
    const limiter = new PacedLimiter(interval, clock);
    // Bursts of 900 every 4 s, a trickle at 200/s, an idle gap, then 1,500 at once.
    const arrivals = [
      ...Array.from({ length: 3 }, (_, b) => new Array(900).fill(b * 4_000)).flat(),
      ...Array.from({ length: 1_000 }, (_, i) => 12_000 + i * 5),
      ...new Array(1_500).fill(40_000),
    ];
    const starts = await startsFor(clock, limiter, arrivals);
    const fedex = new FedexWindowCounter({ max: limits.transactionsPerWindow, windowMs: limits.windowMs });
    const refused = [...starts].sort((a, b) => a - b).filter((t) => !fedex.tryAcquire('project', t));
    expect(refused).toEqual([]);
    expect(maxInAnyWindow(starts, limits.windowMs + limits.guardMs)).toBeLessThanOrEqual(limits.transactionsPerWindow);
  });

  it('lets a caller after an idle spell start at once, without a burst allowance', async () => {
    const clock = new VirtualClock(0);
    const limiter = new PacedLimiter(interval, clock);
    const starts = await startsFor(clock, limiter, [0, 0, 5_000, 5_000]);
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBeCloseTo(interval, 6);
    expect(starts[2]).toBe(5_000);
    expect(starts[3]).toBeCloseTo(5_000 + interval, 6);
  });

  it('spaces 1,400 per 10 s with a 200 ms guard at 7.29 ms: 137 a second, 97.97 % of FedEx’s 140', () => {
    expect(interval).toBeCloseTo(10_200 / 1_399, 9);
    expect(1_000 / interval / 140).toBeCloseTo(0.9797, 4);
  });
});

describe('PacedLimiter after a stall (the event loop blocked, timers late)', () => {
  it('lets what piled up leave at the normal spacing, not in a burst that FedEx would count in one window', async () => {
    const clock = new VirtualClock(0);
    const interval = 10;
    const limiter = new PacedLimiter(interval, clock);
    const starts: number[] = [];
    const all = Array.from({ length: 200 }, () => limiter.acquire().then(() => starts.push(clock.now())));
    await clock.sleep(500);
    clock.advance(300); // a 300 ms stall: 30 turns come due while nothing runs
    await Promise.all(all);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(interval - 2);
    // Any 1 s holds at most 101 starts, stall or not.
    expect(maxInAnyWindow(starts, 1_000)).toBeLessThanOrEqual(101);
  });

  it('refuses, when its turn finally comes, a caller the stall made too late for its deadline; nothing was sent for it', async () => {
    const clock = new VirtualClock(0);
    const limiter = new PacedLimiter(100, clock, { reserveMs: 0 });
    const first = limiter.acquire();
    const second = limiter.acquire({ deadlineAt: 150 }); // its turn is at 100 ms: fits
    const third = limiter.acquire({ deadlineAt: 10_000 });
    await first;
    clock.advance(400); // stalled until 400 ms: the second's turn now comes after its deadline
    await expect(second).rejects.toMatchObject({ status: 503, code: 'RELAY_OVERLOADED', retryable: true });
    await third;
    expect(clock.now()).toBe(400); // the third takes the turn the second could not use
  });
});

describe('PacedLimiter after FedEx answers 429', () => {
  it('pauses, spaces calls 2 % further per 429 (one step a second), and goes back to full speed after quiet spells', async () => {
    const clock = new VirtualClock(0);
    const limiter = new PacedLimiter(100, clock);
    await limiter.acquire();
    limiter.rateLimited();
    limiter.rateLimited(); // the same bunch: no second step
    expect(limiter.interval(clock.now())).toBeCloseTo(102, 9);
    const t0 = clock.now();
    await limiter.acquire();
    expect(clock.now() - t0).toBeCloseTo(250 + 102, 6); // the pause, then the wider spacing
    await clock.sleep(30_000);
    expect(limiter.interval(clock.now())).toBe(100);
  });
});

describe('PacedLimiter deadlines', () => {
  it('refuses at once, with RELAY_OVERLOADED and a Retry-After, a caller whose turn comes too late; the refused take no turn', async () => {
    const clock = new VirtualClock(0);
    const limiter = new PacedLimiter(1_000, clock, { reserveMs: 5_000 });
    const deadlineAt = 40_000; // turns up to 35 s (40 s minus 5 s for FedEx's answer)
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limiter.acquire({ deadlineAt }).then(
          () => ({ i, at: clock.now(), ok: true as const }),
          (error: unknown) => ({ i, at: clock.now(), ok: false as const, error }),
        ),
      ),
    );
    const started = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    expect(started.map((o) => o.at)).toEqual(Array.from({ length: 36 }, (_, i) => i * 1_000));
    expect(refused.map((o) => o.i)).toEqual(Array.from({ length: 14 }, (_, i) => 36 + i));
    // Answered before any wait: the refusal costs the caller nothing.
    expect(refused.every((o) => o.at === 0)).toBe(true);
    const error = refused[0]!.error as RelayError;
    expect(error).toBeInstanceOf(RelayError);
    expect(error.status).toBe(503);
    expect(error.code).toBe('RELAY_OVERLOADED');
    expect(error.retryable).toBe(true);
    expect(error.details.retryAfterSeconds).toBe(1); // its turn would have been at 36 s, 1 s past what it could afford
    expect(error.message).toMatch(/would wait 36\.0 s .* allows 35\.0 s\. Nothing was sent to FedEx/);
    // The line did not grow with the refused: the next caller gets the slot after the last start.
    const next = limiter.acquire({ deadlineAt: 100_000 }).then(() => clock.now());
    expect(await next).toBe(36_000);
  });

  it('bounds the line by maxWaitMs when a caller brings no deadline', async () => {
    const clock = new VirtualClock(0);
    const limiter = new PacedLimiter(1_000, clock, { maxWaitMs: 10_000 });
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => limiter.acquire()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(11);
    expect(limiter.expectedWaitMs()).toBe(1_000); // the last start was at 10 s: the next turn is at 11 s
  });
});

describe('MinIntervalLimiter', () => {
  it('spaces starts by the interval', async () => {
    const clock = new VirtualClock(0);
    const limiter = new MinIntervalLimiter(2_000, clock);
    const starts: number[] = [];
    await Promise.all([1, 2, 3, 4].map(async () => {
      await limiter.acquire();
      starts.push(clock.now());
    }));
    expect(starts).toEqual([0, 2_000, 4_000, 6_000]);
  });
});

describe('createFedexLimiters', () => {
  it('paces the API at the configured ceiling and guard band', () => {
    const clock = new VirtualClock(0);
    const { api } = createFedexLimiters(clock, { ...FEDEX_LIMITS, transactionsPerWindow: 101, guardMs: 0 });
    expect((api as PacedLimiter).intervalMs).toBe(100);
  });
});
