// Child process of the benchmark: the FedEx double on the real clock with FedEx's limits (1,400
// transactions per 10 s in a sliding window, token thresholds), a real delay on every create, and
// labels of a realistic size. Prints one JSON line {url} when it listens.
//
// Besides the double's own control routes (/__double/stats ...) it records when each FedEx API call
// arrived (GET /__bench/arrivals), so the benchmark can count calls in any 10 s window the way FedEx
// does and see how much of the relay's guard band the jitter between the two processes used.
import { serve } from '@hono/node-server';
import { createFedexDouble, systemClock } from '../test/fedex-double';
import { trackingCheckDigit } from '../test/fedex-double/shipments';
import { warmUpValidators } from '../test/fedex-double/schemas';
import type { DoubleArrival, DoubleOptions } from './lib/processes';

const options = JSON.parse(process.env.BENCH_DOUBLE ?? '{}') as DoubleOptions;

const double = createFedexDouble({ clock: systemClock, pdfLabelBytes: options.labelBytes, statusSchedule: false });
double.faults.setLatency(options.latencyMs, 'ship');
warmUpValidators();

const trackingNumbers: string[] = [];
for (let i = 0; i < (options.seedTracking ?? 0); i++) {
  const first11 = String(70000000000 + i * 7);
  const trackingNumber = `${first11}${trackingCheckDigit(first11)}`;
  double.addHistoricShipment({ trackingNumber, createdAt: Date.now() - 2 * 86_400_000 });
  trackingNumbers.push(trackingNumber);
}

const arrivals: DoubleArrival[] = [];
const FEDEX_API = /^\/(ship|track|address)\//;

double.app.get('/__bench/arrivals', (c) => c.json({ arrivals }));
double.app.get('/__bench/tracking-numbers', (c) => c.json({ trackingNumbers }));

const server = serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    fetch: async (request, env) => {
      const path = new URL(request.url).pathname;
      if (!FEDEX_API.test(path)) return double.app.fetch(request, env);
      const ctid = request.headers.get('x-customer-transaction-id');
      const entry: DoubleArrival = { path, at: performance.timeOrigin + performance.now(), status: 0, ...(ctid ? { customerTransactionId: ctid } : {}) };
      arrivals.push(entry);
      const response = await double.app.fetch(request, env);
      entry.status = response.status;
      return response;
    },
  },
  (info) => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`),
);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
