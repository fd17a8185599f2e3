// NetSuite governance per shipment: the compiled SuiteScripts in the NetSuite double (which charges
// each API call its documented units), calling the relay and FedEx double of the e2e stack over
// loopback HTTP. Units are read from the double's governance counters (unitsUsed per invocation).
import { SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from '../../test/e2e/connector-account';
import { startStack } from '../../test/e2e/stack';
import type { BenchGroup } from '../lib/group';
import { round } from '../lib/stats';

const MINUTE = 60_000;

const unitsOf = (a: ConnectorAccount, scriptId: string, after: number) => a.ns.invocations({ scriptId }).slice(after).reduce((sum, i) => sum + i.unitsUsed, 0);
const countOf = (a: ConnectorAccount, scriptId: string) => a.ns.invocations({ scriptId }).length;

export const governance: BenchGroup = {
  id: 'governance',
  title: 'NetSuite governance units per shipment (compiled SuiteScripts in the NetSuite double)',
  async run({ settings, log }) {
    const inline = settings.quick ? 5 : 20;
    const queued = settings.quick ? 10 : 40;
    const polled = 95; // 4 Track requests: 30 + 30 + 30 + 5
    const stack = await startStack();
    try {
      const ue = SCRIPTS.fulfillmentUserEvent.scriptId;
      // Inline: a person marks one fulfillment Shipped; the order already has its invoice.
      const a = connectorAccount(stack);
      for (let i = 0; i < 3; i++) a.shipOrder(a.salesOrder()); // first token and JIT: not a shipment's cost
      log(`governance: ${inline} inline shipments`);
      const ueBefore = countOf(a, ue);
      for (let i = 0; i < inline; i++) {
        const so = a.salesOrder();
        a.ns.ui.bill(so);
        a.shipOrder(so, [4.5]);
      }
      const inlineRuns = a.ns.invocations({ scriptId: ue, entryPoint: 'afterSubmit' }).slice(-inline);
      if (inlineRuns.some((r) => r.error)) throw new Error(`user event failed: ${JSON.stringify(inlineRuns.find((r) => r.error)?.error)}`);
      const ueUnits = unitsOf(a, ue, ueBefore) / inline;

      // Queued: a CSV import marks packed fulfillments Shipped; the shipping Map/Reduce ships them.
      log(`governance: ${queued} queued shipments (CSV import + shipping queue)`);
      const b = connectorAccount(stack);
      const packed = Array.from({ length: queued }, () => {
        const so = b.salesOrder();
        b.ns.ui.bill(so);
        return b.ns.ui.fulfill(so, { fields: { shipstatus: 'B' }, sublists: { package: [{ packageweight: 1.5, packagedescr: 'Box 1' }] } });
      });
      const [ueMark, mrMark] = [countOf(b, ue), countOf(b, SCRIPTS.shipQueue.scriptId)];
      b.ns.csvImport('itemfulfillment', packed.map((id) => ({ id, fields: { shipstatus: 'C' } })));
      b.ns.runQueuedTasks({ untilEmpty: true });
      const shippedQueued = packed.filter((f) => b.shipmentOf(f)?.fields[SHIPMENT.fields.status] === 'CREATED').length;
      if (shippedQueued !== queued) throw new Error(`the shipping queue created ${shippedQueued} of ${queued} shipments`);
      const queuedUnits = (unitsOf(b, ue, ueMark) + unitsOf(b, SCRIPTS.shipQueue.scriptId, mrMark)) / queued;

      // Tracking poll over 95 shipments: once with nothing new at FedEx, once with a new scan on each.
      log(`governance: tracking poll of ${polled} shipments`);
      const c = connectorAccount(stack);
      const fulfillments = Array.from({ length: polled }, () => c.shipOrder(c.salesOrder()));
      const steps = Array.from({ length: 10 }, (_, i) => ({ afterMs: (i + 1) * MINUTE, code: i === 0 ? 'PU' : i % 2 ? 'AR' : 'DP' }));
      for (const id of fulfillments) {
        await stack.control('POST', 'timeline', { trackingNumber: String(c.shipmentOf(id)?.fields[SHIPMENT.fields.masterTrackingNumber]), steps });
      }
      const poll = () => c.ns.runMapReduce({ scriptId: SCRIPTS.trackingPoll.scriptId });
      const usage = (run: ReturnType<typeof poll>) => run.invocations.reduce((sum, i) => sum + i.unitsUsed, 0);
      poll(); // LABEL_CREATED onto all: from here on, nothing changes until FedEx's clock moves
      const quiet = poll();
      if ((quiet.reduce?.invocations ?? 0) !== 0) throw new Error(`a quiet poll updated ${quiet.reduce?.invocations} shipments`);
      await stack.control('POST', 'clock', { advanceMs: 2 * MINUTE });
      const changed = poll();
      if ((changed.reduce?.invocations ?? 0) !== polled) throw new Error(`a poll after new scans updated ${changed.reduce?.invocations} of ${polled}`);
      return {
        metrics: [
          { key: 'ue_units_per_shipment', value: round(ueUnits, 1), label: 'user event, one fulfillment shipped inline (invoice present)', target: { op: '<=', value: 60 } },
          { key: 'queued_units_per_shipment', value: round(queuedUnits, 1), label: `CSV import (user event) + shipping Map/Reduce, per shipment (${queued})` },
          { key: 'mr_units_per_unchanged_shipment', value: round(usage(quiet) / polled, 2), label: `tracking poll, nothing new at FedEx (${polled} shipments)`, target: { op: '<=', value: 1 } },
          { key: 'mr_units_per_status_change', value: round(usage(changed) / polled, 1), label: `tracking poll, a new scan on each (${polled} shipments)`, target: { op: '<=', value: 25 } },
        ],
        notes: ['Units as the NetSuite double charges them (NetSuite’s documented costs per API call); all stages of a Map/Reduce counted.'],
      };
    } finally {
      await stack.stop();
    }
  },
};
