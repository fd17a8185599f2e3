// A clock for tests that never waits in real time: `sleep` registers a timer, and whenever the
// process has nothing else to do (after pending promises and I/O callbacks of this turn), time jumps
// to the earliest timer. Code under test sees time pass exactly as it would, in microseconds.
import type { Clock } from '../../relay/src/lib/clock';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  private t: number;
  private timers: Timer[] = [];
  private seq = 0;
  private scheduled = false;
  /** Total virtual time spent in sleep() calls, for assertions. */
  slept = 0;

  constructor(start = Date.UTC(2026, 10, 24, 12, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }

  sleep(ms: number): Promise<void> {
    const wait = Math.max(0, ms);
    this.slept += wait;
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + wait, seq: this.seq++, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift() as Timer;
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.timers.length > 0) this.schedule();
    });
  }
}
