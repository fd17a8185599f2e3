// End to end, as in test/e2e: the compiled SuiteScripts run in the NetSuite double (this process),
// call the real relay over loopback HTTP (a child process, with the FedEx double beside it), and
// write the answer back into NetSuite. Slow, so each bench runs a fixed, small number of iterations.
//
// The relay here runs on the real clock (its limiter and token cache as in production), while the
// FedEx double's clock only moves when a bench moves it.
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { SCRIPTS, SHIPMENT } from '../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from '../test/e2e/connector-account';
import { startStack, type Stack } from '../test/e2e/stack';

const POLLED = 95; // 4 Track requests: 30 + 30 + 30 + 5
const MINUTE = 60_000;
/** Fixed iteration counts (time: 0): a long SuiteScript run must not be repeated for 500 ms of samples. */
const runs = (iterations: number, warmupIterations = 2) => ({ time: 0, iterations, warmupTime: 0, warmupIterations });

let stack: Stack | undefined;
let shipper: ConnectorAccount;
let poller: ConnectorAccount;
let shipped = 0;

const ship = (a: ConnectorAccount) => {
  shipped++;
  return a.shipOrder(a.salesOrder());
};
const poll = () => poller.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });
const advanceFedex = (ms: number) => stack!.control('POST', 'clock', { advanceMs: ms });

beforeAll(async () => {
  stack = await startStack();
  // One account ships in the first bench, another holds exactly the 95 shipments the poll reads.
  shipper = connectorAccount(stack);
  poller = connectorAccount(stack);
  // The first call pays for the relay's FedEx token and the JIT: not what a fulfillment costs.
  for (let i = 0; i < 3; i++) ship(shipper);

  const fulfillments = Array.from({ length: POLLED }, () => ship(poller));
  // A scan every minute for 200 minutes: each poll after advancing FedEx's clock by a minute finds
  // all 95 changed. (Whole hours would expire the relay's FedEx token and add its 2 s token spacing.)
  const steps = Array.from({ length: 200 }, (_, i) => ({ afterMs: (i + 1) * MINUTE, code: i === 0 ? 'PU' : i % 2 ? 'AR' : 'DP' }));
  for (const id of fulfillments) {
    const trackingNumber = String(poller.shipmentOf(id)?.fields[SHIPMENT.fields.masterTrackingNumber]);
    await stack.control('POST', 'timeline', { trackingNumber, steps });
  }
  const first = poll(); // LABEL_CREATED onto all 95: from here on, nothing changes until the clock moves
  if ((first.reduce?.invocations ?? 0) !== POLLED) throw new Error(`first poll updated ${first.reduce?.invocations ?? 0} of ${POLLED} shipments`);
}, 120_000);

afterAll(async () => {
  try {
    // Every fulfillment shipped must have become one FedEx shipment, written back as CREATED.
    const created = [shipper, poller].flatMap((a) => a.ns.find(SHIPMENT.type)).filter((r) => r.fields[SHIPMENT.fields.status] === 'CREATED').length;
    const atFedex = (await stack?.stats())?.shipmentsCreated;
    if (created !== shipped || atFedex !== shipped) throw new Error(`${shipped} fulfillments shipped, ${created} Shipment records CREATED, ${atFedex} shipments at FedEx`);
  } finally {
    await stack?.stop();
  }
}, 30_000);

describe('end to end: NetSuite double → relay (HTTP) → FedEx double', () => {
  // The user event's whole afterSubmit: read NetSuite, sign and POST to the relay, the relay's
  // create at FedEx, the label file, the write-back to fulfillment and invoice, the audit records.
  // Seeding the sales order in the NetSuite double is inside the loop too (about 0.2 ms).
  bench('one shipped fulfillment (user event → relay → FedEx → write-back)', () => {
    ship(shipper);
  }, runs(40, 3));

  // The common poll: every shipment still in transit, none scanned since the last poll.
  bench(`tracking poll of ${POLLED} shipments, nothing changed (4 Track requests, no writes)`, () => {
    const run = poll();
    if (run.input.pairs.length !== 4 || (run.reduce?.invocations ?? 0) !== 0) throw new Error(`quiet poll: ${run.input.pairs.length} batches, ${run.reduce?.invocations} updates`);
  }, runs(20));

  // Every shipment has a new scan: 95 Shipment updates and 95 audit records. Includes one control
  // call to the double's clock (about a millisecond).
  bench(`tracking poll of ${POLLED} shipments, all changed (4 Track requests, ${POLLED} updates)`, async () => {
    await advanceFedex(MINUTE);
    const run = poll();
    const errors = run.map?.errors ?? [];
    if ((run.reduce?.invocations ?? 0) !== POLLED || errors.length > 0) throw new Error(`changed poll: ${run.reduce?.invocations} updates, errors ${JSON.stringify(errors)}`);
  }, runs(15));
});
