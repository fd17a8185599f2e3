// The tracking simulation (bench/tracking/, issue 12): a large shipper's days simulated with the
// planned tracking policy and with the round-robin poll it replaced. Pure computation, no processes.
import { runTrackingSimulation } from '../tracking/run';
import type { BenchGroup, Metric } from '../lib/group';

const LABELS: Record<string, string> = {
  track_requests_per_day_750k: 'FedEx Track requests a day, 750,000 in transit',
  delivery_latency_minutes_p50: 'delivery known in NetSuite after FedEx knew it, p50',
  delivery_latency_minutes_p95: 'delivery known in NetSuite after FedEx knew it, p95',
  exception_latency_minutes_p95: 'exception known in NetSuite after FedEx knew it, p95',
};

export const trackingSim: BenchGroup = {
  id: 'tracking-sim',
  title: 'Tracking simulation: planned policy vs round-robin poll',
  async run({ settings, log }) {
    const scale = settings.quick ? 0.05 : 0.2;
    log(`tracking-sim: simulated at scale ${scale}`);
    const figures = runTrackingSimulation(scale);
    const metrics: Metric[] = Object.entries(figures.keys).map(([key, value]) => {
      const base = key.replace(/_round_robin$/, '');
      const unit = key.includes('minutes') ? 'min' : undefined;
      return { key, value, label: `${LABELS[base] ?? base}${key.endsWith('_round_robin') ? ' (round-robin)' : ''}`, ...(unit ? { unit } : {}) };
    });
    return { metrics, notes: [`Simulated at scale ${scale} (counts shown at full size); see bench/tracking/.`] };
  },
};
