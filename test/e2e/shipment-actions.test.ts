// Issue 9, actions on the FedEx Shipment record: the buttons a person with the right role sees in
// view mode, and the Suitelet they open (GET: what will happen; POST of the confirmation: do it),
// over the NetSuite double's HTTP server. Replay resends a failed move with its original key.
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import type { AccountServer } from '../netsuite-double/http-server';
import { connectorAccount, type ConnectorAccount } from './connector-account';
import { liveLabels, S } from './lifecycle-support';
import { useStack } from './stack';

// FedEx's day as NetSuite's (the double's dates are this process's, UTC in CI): the relay's lookups by
// reference otherwise meet TRACKING.SHIPDATEEND.FUTURE between 00:00 and 05:00 UTC.
const stack = useStack({ fedexUtcOffset: '+00:00' });
let server: AccountServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ADMIN = { role: 3, roleId: 'administrator' };
const CONNECTOR_ADMIN = { role: 1001, roleId: 'customrole_mlfx_admin' };
const WAREHOUSE_CLERK = { role: 1002, roleId: 'customrole_warehouse' };

/** The buttons a person sees on the Shipment record in view mode. */
function buttonsOn(a: ConnectorAccount, shipmentId: number): { id: string; label: string; functionName: string }[] {
  const ui = a.ns.ui as unknown as { view?: (type: string, id: number) => { buttons: { id: string; label: string; functionName: string }[] } };
  if (typeof ui.view === 'function') return ui.view(SHIPMENT.type, shipmentId).buttons;
  // A double without view pages yet: run the deployed beforeLoad as NetSuite does for a view, with a form.
  const buttons: { id: string; label: string; functionName: string }[] = [];
  const rec = a.ns.get(SHIPMENT.type, shipmentId)!;
  const result = a.ns.runEntryPoint({
    scriptId: SCRIPTS.shipmentUserEvent.scriptId,
    deploymentId: SCRIPTS.shipmentUserEvent.deploymentId,
    entryPoint: 'beforeLoad',
    executionContext: 'USERINTERFACE',
    args: ({ module }) => {
      const record = (module('N/record') as { load(o: object): unknown }).load({ type: SHIPMENT.type, id: rec.id });
      return [{ type: 'view', UserEventType: { VIEW: 'view' }, newRecord: record, form: { addButton: (b: { id: string; label: string; functionName: string }) => buttons.push(b) } }];
    },
  });
  expect(result.outcome).toBe('returned');
  return buttons;
}

/** Follows a button: GET the Suitelet page it opens, as the logged-in user. */
async function open(a: ConnectorAccount, button: { functionName: string }): Promise<{ html: string; form: Record<string, string>; action: string }> {
  server ??= await a.ns.listen();
  const path = JSON.parse(/window\.location\.assign\((".*")\)/.exec(button.functionName)![1]!) as string;
  const res = await fetch(server.origin + path, { headers: { authorization: server.testAuthorization } });
  const html = await res.text();
  const form: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)) form[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  const action = (/<form method="POST" action="([^"]+)"/.exec(html)?.[1] ?? '').replace(/&amp;/g, '&');
  return { html, form, action };
}

async function confirm(page: { form: Record<string, string>; action: string }): Promise<string> {
  const res = await fetch(server!.origin + page.action, {
    method: 'POST',
    headers: { authorization: server!.testAuthorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(page.form).toString(),
  });
  return res.text();
}

/** A fulfillment whose create FedEx keeps rate limiting until the attempts run out: FAILED, nothing live. */
async function failedShipment(a: ConnectorAccount): Promise<{ f: number; shipmentId: number }> {
  a.updateSettings({ maxAttempts: 1 });
  await stack().control('POST', 'faults', { burst429: { count: 1000, scope: 'ship' } });
  const f = a.shipOrder(a.salesOrder());
  const s = a.shipmentOf(f)!;
  expect(s.fields).toMatchObject({ [S.status]: 'FAILED', [S.errorCode]: 'FEDEX_RATE_LIMITED', [S.attempts]: 1 });
  await stack().control('POST', 'faults', { clear: true });
  return { f, shipmentId: s.id };
}

describe('the buttons on a FedEx Shipment record', () => {
  it('offer Replay and Cancel on a failed shipment, and only Void on a created one', async () => {
    const a = connectorAccount(stack());
    a.ns.setCurrentUser(ADMIN);
    const { shipmentId } = await failedShipment(a);
    expect(buttonsOn(a, shipmentId).map((b) => b.label)).toEqual(['Cancel Shipment', 'Replay Shipment']);
    const created = a.shipmentOf(a.shipOrder(a.salesOrder()))!;
    expect(buttonsOn(a, created.id).map((b) => b.label)).toEqual(['Void FedEx Shipment']);
    expect(buttonsOn(a, created.id)[0]!.functionName).toMatch(/scriptlet\.nl\?script=\d+&deploy=\d+&shipment=\d+&action=void/);
  });

  it('are shown to the connector’s admin role, and to nobody else', async () => {
    const a = connectorAccount(stack());
    const { shipmentId } = await failedShipment(a);
    a.ns.setCurrentUser(CONNECTOR_ADMIN);
    expect(buttonsOn(a, shipmentId)).toHaveLength(2);
    a.ns.setCurrentUser(WAREHOUSE_CLERK);
    expect(buttonsOn(a, shipmentId)).toEqual([]);
  });
});

describe('Replay', () => {
  it('asks first, then resends the failed shipment with its original key: one live label, an Audit naming who did it', async () => {
    const a = connectorAccount(stack());
    a.ns.setCurrentUser({ ...CONNECTOR_ADMIN, name: 'Dana Dock' });
    const { f, shipmentId } = await failedShipment(a);
    const replay = buttonsOn(a, shipmentId).find((b) => b.label === 'Replay Shipment')!;

    const page = await open(a, replay);
    expect(page.html).toContain(`under its original key ${a.keyOf(f)} (attempt 2)`);
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('FAILED'); // opening the page changes nothing
    expect((await stack().stats()).shipmentsCreated).toBe(0);

    const done = await confirm(page);
    expect(done).toContain('Shipped: FedEx');
    expect(a.shipmentOf(f)?.fields).toMatchObject({ [S.status]: 'CREATED', [S.attempts]: 2, [S.idempotencyKey]: a.keyOf(f) });
    expect(await liveLabels(stack(), a, f)).toHaveLength(1);
    const action = a.ns.find(AUDIT.type, (r) => r.fields[AUDIT.fields.operation] === 'SHIPMENT_ACTION')[0]!;
    expect(action.fields).toMatchObject({ [AUDIT.fields.outcome]: 'SUCCESS', [AUDIT.fields.recordId]: String(shipmentId) });
    expect(String(action.fields[AUDIT.fields.request])).toMatch(/"action":"replay".*"name":"Dana Dock".*"roleId":"customrole_mlfx_admin"/);

    // Confirmed twice (a double click, a reload): the second finds nothing to replay.
    expect(await confirm(page)).toContain('replay does not apply now');
    expect((await stack().stats()).shipmentsCreated).toBe(1);
  });

  it('is refused to a role outside the connector’s admins, even with a hand-made request', async () => {
    const a = connectorAccount(stack());
    a.ns.setCurrentUser(ADMIN);
    const { f, shipmentId } = await failedShipment(a);
    const page = await open(a, buttonsOn(a, shipmentId).find((b) => b.label === 'Replay Shipment')!);
    a.ns.setCurrentUser(WAREHOUSE_CLERK);
    expect(await confirm(page)).toContain('Your role may not act on FedEx shipments');
    expect(a.shipmentOf(f)?.fields[S.status]).toBe('FAILED');
    expect((await stack().stats()).shipmentsCreated).toBe(0);
  });

  it('does nothing without the confirmation, and does not apply to a shipment that has its label', async () => {
    const a = connectorAccount(stack());
    a.ns.setCurrentUser(ADMIN);
    const f = a.shipOrder(a.salesOrder());
    const s = a.shipmentOf(f)!;
    server = await a.ns.listen();
    const url = server.scriptUrl(SCRIPTS.actionSuitelet.scriptId, SCRIPTS.actionSuitelet.deploymentId);
    expect(await confirm({ action: url.replace(server.origin, ''), form: { shipment: String(s.id), action: 'replay' } })).toContain('Not confirmed: nothing was done');
    expect(await confirm({ action: url.replace(server.origin, ''), form: { shipment: String(s.id), action: 'replay', confirm: 'T' } })).toContain('replay does not apply now');
    expect((await stack().stats()).shipmentsCreated).toBe(1);
  });
});
