// The tracking simulation at a small size: the planned policy keeps the day's Track budget, finds
// deliveries sooner than the round-robin poll, and flags the labels that were never used.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATION, simulatePlanned, simulateRoundRobin } from '../../bench/tracking/simulate';

const small = { ...DEFAULT_SIMULATION, shipmentsPerDay: 2_500, warmupDays: 5, measuredDays: 4, dailyBudgetRequests: 900, maxPerRun: 2_000, roundRobinPerRun: 1_125 };

describe('tracking simulation (2,500 labels a day)', () => {
  const planned = simulatePlanned(small);
  const roundRobin = simulateRoundRobin(small);

  it('never spends more than the daily Track budget', () => {
    expect(planned.most_requests_in_a_day).toBeGreaterThan(0);
    expect(planned.most_requests_in_a_day).toBeLessThanOrEqual(small.dailyBudgetRequests);
  });

  it('under a budget too small for the day, defers the least urgent checks and still never exceeds it', () => {
    const tight = simulatePlanned({ ...small, dailyBudgetRequests: 450 });
    expect(tight.most_requests_in_a_day).toBeLessThanOrEqual(450);
    expect(tight.deferred_checks_per_day).toBeGreaterThan(0);
    // Later, but never lost (-1 would mean some delivery was never seen), and still sooner than round-robin.
    expect(tight.delivery_latency_minutes_p95).toBeGreaterThan(0);
    expect(tight.delivery_latency_minutes_p50).toBeLessThan(roundRobin.delivery_latency_minutes_p50);
  });

  it('sees deliveries sooner than the round-robin poll, with fewer requests', () => {
    expect(planned.delivery_latency_minutes_p95).toBeGreaterThan(0);
    expect(planned.delivery_latency_minutes_p95).toBeLessThan(roundRobin.delivery_latency_minutes_p95);
    expect(planned.track_requests_per_day).toBeLessThan(roundRobin.track_requests_per_day);
  });

  it('flags the labels that were never used (2 % of them in this world)', () => {
    expect(planned.unused_labels_flagged).toBeGreaterThan(0.01 * small.shipmentsPerDay * small.measuredDays);
    expect(planned.unused_labels_flagged).toBeLessThan(0.03 * small.shipmentsPerDay * small.measuredDays);
  });

  it('is deterministic: the same seed gives the same days', () => {
    expect(simulatePlanned(small)).toEqual(planned);
  });
});
