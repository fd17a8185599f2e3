// Audit retention: the daily purge deletes the connector's Audit records older than the retention
// setting (default 90 days) and nothing younger, one record per map call, and says what it did.
import { describe, expect, it } from 'vitest';
import { AUDIT, SCRIPTS, SETTINGS, SHIPMENT } from '../../shared/src/ids';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { useStack } from './stack';

const stack = useStack();
const DAY = 86_400_000;

/** An Audit record written `daysAgo` days before the account's now. */
function auditFrom(a: ConnectorAccount, daysAgo: number, label: string): number {
  return a.ns.seed(AUDIT.type, {
    fields: {
      name: label,
      [AUDIT.fields.operation]: 'CREATE_SHIPMENT',
      [AUDIT.fields.recordId]: label,
      [AUDIT.fields.outcome]: 'SUCCESS',
      [AUDIT.fields.correlationId]: label,
      [AUDIT.fields.time]: new Date(a.ns.clock.now() - daysAgo * DAY),
    },
  });
}

const purge = (a: ConnectorAccount) => a.ns.runMapReduce({ scriptId: SCRIPTS.auditPurge.scriptId, deploymentId: SCRIPTS.auditPurge.deploymentId });
const remaining = (a: ConnectorAccount) => a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] !== 'AUDIT_PURGE').map((r) => String(r.fields.name)).sort();

describe('audit retention', () => {
  it('keeps 90 days by default: older records go, younger ones and everything else stay', () => {
    const a = connectorAccount(stack());
    for (const days of [400, 120, 91, 89, 30, 0]) auditFrom(a, days, `d${days}`);
    const shipped = a.shipOrder(a.salesOrder()); // today's shipment: its audit stays, and so does the Shipment
    const run = purge(a);
    expect(run.map?.errors ?? []).toEqual([]);
    expect(remaining(a)).toEqual(['CREATE_SHIPMENT itemfulfillment ' + shipped, 'd0', 'd30', 'd89'].sort());
    expect(a.shipmentOf(shipped)?.fields[SHIPMENT.fields.status]).toBe('CREATED');
    // One map call per deleted record, each well inside its 1,000 units.
    const maps = run.invocations.filter((i) => i.entryPoint === 'map');
    expect(maps).toHaveLength(3);
    expect(Math.max(...maps.map((m) => m.unitsUsed))).toBeLessThanOrEqual(4);
    // What it did, in one Audit record of its own.
    const [report, ...more] = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'AUDIT_PURGE');
    expect(more).toHaveLength(0);
    expect(report?.fields[AUDIT.fields.outcome]).toBe('SUCCESS');
    expect(JSON.parse(String(report?.fields[AUDIT.fields.response])).counts).toMatchObject({ deleted: 3, failed: 0, retentionDays: 90 });
  });

  it('follows the retention setting an admin changes', () => {
    const a = connectorAccount(stack());
    for (const days of [40, 20, 5]) auditFrom(a, days, `d${days}`);
    a.updateSettings({ auditRetentionDays: 10 });
    purge(a);
    expect(remaining(a)).toEqual(['d5']);
  });

  it('a second run the same day finds nothing more to delete', () => {
    const a = connectorAccount(stack());
    auditFrom(a, 200, 'old');
    purge(a);
    const again = purge(a);
    expect(again.invocations.filter((i) => i.entryPoint === 'map')).toHaveLength(0);
    expect(a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'AUDIT_PURGE')).toHaveLength(2);
  });

  it('the setting ships with its default on the Settings record', () => {
    const a = connectorAccount(stack());
    const id = a.ns.ui.create(SETTINGS.type, { fields: { name: 'Another' } });
    expect(a.ns.get(SETTINGS.type, id)?.fields[SETTINGS.fields.auditRetentionDays]).toBe(90);
  });
});
