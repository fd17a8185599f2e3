// NetSuite governance per shipment: the compiled SuiteScripts in the NetSuite double (which charges
// each API call its documented units), calling the relay and FedEx double of the e2e stack over
// loopback HTTP. Units are read from the double's governance counters (unitsUsed per invocation).
import { AUDIT, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from '../../test/e2e/connector-account';
import { startStack } from '../../test/e2e/stack';
import { HOUR, scenarioClock } from '../../test/e2e/tracking-clock';
import type { BenchGroup } from '../lib/group';
import { round } from '../lib/stats';


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

      // Tracking poll over 95 shipments (invoiced orders), on one clock for FedEx, the relay and NetSuite,
      // runs every 15 minutes as scheduled: (1) checks where FedEx has nothing new; (2) each shipment's
      // whole life, label to delivery, units of the runs that applied changes per status change.
      log(`governance: tracking poll of ${polled} shipments`);
      const c = connectorAccount(stack);
      const clock = await scenarioClock(stack, c);
      const quietOnes = Array.from({ length: polled }, () => c.shipOrder(c.salesOrder()));
      for (const id of quietOnes) await stack.control('POST', 'timeline', { trackingNumber: String(c.shipmentOf(id)?.fields[SHIPMENT.fields.masterTrackingNumber]), steps: [] });
      const usage = (run: ReturnType<ConnectorAccount['ns']['runMapReduce']>) => run.invocations.reduce((sum, i) => sum + i.unitsUsed, 0);
      const checked: ReturnType<ConnectorAccount['ns']['runMapReduce']>[] = [];
      await clock.pollFor(24 * HOUR, (run) => {
        if (run.input.pairs.length) checked.push(run);
      });
      // The first check writes LABEL_CREATED; the second (12 h later) finds nothing new.
      const quiet = checked[1];
      if (!quiet || (quiet.reduce?.invocations ?? 0) !== 0) throw new Error(`the second check of ${polled} unchanged shipments updated ${quiet?.reduce?.invocations} of them`);

      const d = connectorAccount(stack);
      const lifeClock = await scenarioClock(stack, d);
      for (let i = 0; i < polled; i++) {
        const so = d.salesOrder();
        d.ns.ui.bill(so);
        d.shipOrder(so);
      }
      let changeUnits = 0;
      await lifeClock.pollFor(36 * HOUR, (run) => {
        if ((run.reduce?.invocations ?? 0) > 0) changeUnits += usage(run);
      });
      const changes = d.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'STATUS_UPDATE').length;
      const delivered = d.ns.find(SHIPMENT.type, (r) => r.fields[SHIPMENT.fields.deliveryStatus] === 'DELIVERED').length;
      if (delivered !== polled) throw new Error(`${delivered} of ${polled} shipments delivered after 36 h`);
      return {
        metrics: [
          { key: 'ue_units_per_shipment', value: round(ueUnits, 1), label: 'user event, one fulfillment shipped inline (invoice present)', target: { op: '<=', value: 60 } },
          { key: 'queued_units_per_shipment', value: round(queuedUnits, 1), label: `CSV import (user event) + shipping Map/Reduce, per shipment (${queued})` },
          { key: 'mr_units_per_unchanged_shipment', value: round(usage(quiet) / polled, 2), label: `tracking poll, a due check with nothing new at FedEx (${polled} shipments)`, target: { op: '<=', value: 1 } },
          { key: 'mr_units_per_status_change', value: round(changeUnits / changes, 1), label: `tracking poll, label to delivery (${changes} status changes of ${polled} invoiced shipments; runs that applied changes)`, target: { op: '<=', value: 25 } },
        ],
        notes: ['Units as the NetSuite double charges them (NetSuite’s documented costs per API call); all stages of a Map/Reduce counted.'],
      };
    } finally {
      await stack.stop();
    }
  },
};
