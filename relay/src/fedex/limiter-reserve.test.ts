import { describe, expect, it } from 'vitest';
import { CallReserve } from './limiter-reserve';

describe('CallReserve', () => {
  it('keeps 5 s before the deadline until it has seen FedEx answer, then 1.25 × the recent p99, per operation', () => {
    const reserve = new CallReserve();
    expect(reserve.reserveMs('ship.create')).toBe(5_000);
    for (let i = 0; i < 199; i++) reserve.record('ship.create', 1_000);
    reserve.record('ship.create', 1_600);
    expect(reserve.reserveMs('ship.create')).toBe(1_250);
    expect(reserve.reserveMs('track.numbers')).toBe(5_000);
  });

  it('follows FedEx when it slows down, and never goes under the floor', () => {
    const reserve = new CallReserve();
    for (let i = 0; i < 200; i++) reserve.record('ship.create', 3);
    expect(reserve.reserveMs('ship.create')).toBe(1_000);
    for (let i = 0; i < 200; i++) reserve.record('ship.create', 8_000);
    expect(reserve.reserveMs('ship.create')).toBe(10_000);
  });
});
