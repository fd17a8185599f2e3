// Issue 10, the admin's console (customscript_mlfx_sl_console) over the NetSuite double's HTTP
// server, as NetSuite serves it to a logged-in person: the connection to the real relay (and a
// signed round trip), counts by status, the failures with their reasons and actions, recent
// shipments, an audit trail, the links; who may open it and who may act; what a page view costs.
// The same console in a real browser, clicking Replay: console.browser.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT, RELAY_SECRET_ID, SAVED_SEARCHES, SCRIPTS, SHIPMENT } from '../../shared/src/ids';
import type { AccountServer } from '../netsuite-double/http-server';
import { CLERK_ROLE, consoleScenario, fieldText, pageMessages, shipmentName, sublistRows, type ConsoleScenario } from './console-support';
import { useStack } from './stack';

// FedEx's day as NetSuite's (the double's dates are this process's, UTC in CI): the relay's lookups by
// reference otherwise meet TRACKING.SHIPDATEEND.FUTURE between 00:00 and 05:00 UTC.
const stack = useStack({ fedexUtcOffset: '+00:00' });
let server: AccountServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function scenario(): Promise<ConsoleScenario> {
  const s = await consoleScenario(stack());
  server = s.server;
  return s;
}

async function open(url: string, cookie: string, init: RequestInit = {}): Promise<{ status: number; html: string }> {
  const res = await fetch(url, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });
  return { status: res.status, html: await res.text() };
}

const post = (url: string, cookie: string, form: Record<string, string>) =>
  open(url, cookie, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

describe('the console, for the connector’s administrator', () => {
  it('shows the relay, the counts, the failures with their reasons and actions, and the recent shipments', async () => {
    const s = await scenario();
    const { status, html } = await open(s.consoleUrl, s.admin.cookie);
    expect(status).toBe(200);
    expect(html).toContain('<h1 class="uir-record-type">FedEx Connector</h1>');
    expect(html).toContain('Dana Dock — FedEx Connector Administrator');

    // Connection: the real relay over https answers /readyz and /metrics (its token cached by the shipments above).
    expect(fieldText(html, 'custpage_relay_url')).toBe(stack().relayUrl);
    expect(fieldText(html, 'custpage_relay_reachable')).toMatch(/^Yes \(HTTP 200, \d+ ms\)$/);
    expect(fieldText(html, 'custpage_relay_ready')).toBe('Ready'); // no Redis in this relay: nothing else to check
    expect(fieldText(html, 'custpage_relay_token')).toMatch(/^Cached, expires in \d+ min$/);
    expect(fieldText(html, 'custpage_relay_queue')).toBe('0 call(s) waiting for a FedEx turn');
    expect(fieldText(html, 'custpage_relay_signature')).toBe('Not checked on this page: press Test Connection');
    expect(html).toContain('<input type="submit" id="submitter" name="submitter" value="Test Connection"');

    // Counts by status of the shipments started today (all of them) and this week.
    const counts = Object.fromEntries(sublistRows(html, 'custpage_counts').map((r) => [r.status!.text, [Number(r.today!.text), Number(r.week!.text)]]));
    expect(counts).toEqual({ CREATED: [3, 3], FAILED: [3, 3], Total: [6, 6] });

    // Needs attention: each failure with its code and reason; Replay where it applies, Void everywhere.
    expect(html).toContain('<h2 id="custpage_tab_attentiontxt">Needs Attention (3)</h2>');
    const attention = Object.fromEntries(sublistRows(html, 'custpage_attention').map((r) => [r.name!.text, r]));
    const limited = attention[shipmentName(s.a, s.rateLimited)]!;
    expect(limited.code!.text).toBe('FEDEX_RATE_LIMITED');
    expect(limited.reason!.text).toMatch(/FedEx kept answering 429.*gave up after 1 attempt\(s\): use Replay/s);
    expect(limited.replay!.href).toMatch(new RegExp(`/app/site/hosting/scriptlet\\.nl\\?script=\\d+&deploy=\\d+&shipment=${s.a.shipmentOf(s.rateLimited)!.id}&action=replay&from=console$`));
    expect(limited.void!.text).toBe('Void');
    expect(attention[shipmentName(s.a, s.unmapped)]!.reason!.text).toContain('"FedEx International Priority"');
    expect(attention[shipmentName(s.a, s.badPhone)]).toMatchObject({ code: { text: 'INVALID_SHIPMENT_DATA' }, reason: { text: expect.stringContaining("'555-0123'") } });
    // Links to the Shipment, its audit trail, the fulfillment and (when there is one) the invoice.
    expect(limited.open!.href).toBe(`/app/common/custom/custrecordentry.nl?rectype=${SHIPMENT.type}&id=${s.a.shipmentOf(s.rateLimited)!.id}`);
    expect(limited.if!.href).toBe(`/app/accounting/transactions/itemship.nl?id=${s.rateLimited}`);
    expect(limited.audit!.href).toMatch(new RegExp(`shipment=${s.a.shipmentOf(s.rateLimited)!.id}&aup=0$`));

    // Recent shipments, newest first, with tracking, service and the invoice link of the invoiced order.
    const recent = sublistRows(html, 'custpage_recent');
    expect(recent.map((r) => r.status!.text)).toEqual(['FAILED', 'FAILED', 'FAILED', 'CREATED', 'CREATED', 'CREATED']);
    const first = recent.find((r) => r.name!.text === shipmentName(s.a, s.shipped[0]!))!;
    expect(first).toMatchObject({ tracking: { text: String(s.a.shipmentOf(s.shipped[0]!)!.fields[SHIPMENT.fields.masterTrackingNumber]) }, service: { text: 'FEDEX_GROUND' }, inv: { text: 'Invoice' } });
    expect(first.replay).toBeUndefined(); // recent lists offer Void only
    expect(recent.find((r) => r.name!.text === shipmentName(s.a, s.shipped[1]!))!.inv).toEqual({ text: '' }); // no invoice yet

    // The saved searches, and the Settings record.
    for (const id of Object.values(SAVED_SEARCHES)) expect(html).toContain(`href="/app/common/search/searchresults.nl?searchid=${id}"`);
    expect(html).toMatch(/<a href="\/app\/common\/custom\/custrecordentry\.nl\?rectype=customrecord_mlfx_settings&amp;id=\d+">Settings<\/a>/);
  });

  it('Test Connection proves the shared secret with a signed round trip, and says so when it differs', async () => {
    const s = await scenario();
    const ok = await post(s.consoleUrl, s.admin.cookie, { custpage_action: 'test', submitter: 'Test Connection' });
    expect(pageMessages(ok.html)).toEqual([{ type: 'CONFIRMATION', title: 'Connection works', message: expect.stringMatching(/^The relay accepted a signed call: NetSuite's API secret matches the relay's RELAY_SHARED_SECRET \(round trip \d+ ms\)\. Clocks agree\.$/) }]);
    expect(fieldText(ok.html, 'custpage_relay_signature')).toMatch(/^Connection works: /);
    expect(s.a.ns.io.outbound.filter((r) => r.url.endsWith('/v1/ping'))).toHaveLength(1);

    // An administrator pasted another secret into Setup > Company > API Secrets.
    s.a.ns.io.secrets.set(RELAY_SECRET_ID, 'not-the-relay-secret-'.repeat(3));
    const refused = await post(s.consoleUrl, s.admin.cookie, { custpage_action: 'test' });
    const [m] = pageMessages(refused.html);
    expect(m).toMatchObject({ type: 'ERROR', title: 'Signature refused' });
    expect(m!.message).toContain('custsecret_mlfx_relay_hmac differs from the relay');
    expect(refused.html).not.toContain('not-the-relay-secret');
  });

  it('a relay that is down reads as unreachable, with the reason, and the page still works', async () => {
    const s = await scenario();
    s.a.updateSettings({ relayUrl: 'https://127.0.0.1:9' });
    const { status, html } = await open(s.consoleUrl, s.admin.cookie);
    expect(status).toBe(200);
    expect(fieldText(html, 'custpage_relay_reachable')).toMatch(/^No: SSS_/);
    expect(fieldText(html, 'custpage_relay_token')).toBe('unknown (relay unreachable)');
    expect(sublistRows(html, 'custpage_attention')).toHaveLength(3);
  });

  it('opens one Shipment’s audit trail, newest first, each entry linked to its Audit record', async () => {
    const s = await scenario();
    const shipment = s.a.shipmentOf(s.rateLimited)!;
    const { html } = await open(`${s.consoleUrl}&shipment=${shipment.id}`, s.admin.cookie);
    expect(html).toContain(`<h2 id="custpage_tab_audittxt">Audit Trail: ${shipmentName(s.a, s.rateLimited)}</h2>`);
    const trail = sublistRows(html, 'custpage_audit');
    const audits = s.a.ns.find(AUDIT.type, (r) => String(r.fields[AUDIT.fields.shipment]) === String(shipment.id));
    expect(trail).toHaveLength(audits.length);
    expect(trail[0]).toMatchObject({ op: { text: 'CREATE_SHIPMENT' }, outcome: { text: 'FAILURE' }, code: { text: 'FEDEX_RATE_LIMITED' } });
    expect(trail[0]!.open!.href).toBe(`/app/common/custom/custrecordentry.nl?rectype=${AUDIT.type}&id=${audits.at(-1)!.id}`);
  });

  it('pages its lists: 20 rows a page, links to the pages around', async () => {
    const s = await scenario();
    for (let i = 0; i < 17; i++) s.a.shipOrder(s.a.salesOrder());
    const page1 = await open(s.consoleUrl, s.admin.cookie);
    expect(sublistRows(page1.html, 'custpage_recent')).toHaveLength(20);
    expect(fieldText(page1.html, 'custpage_rec_range')).toBe('1–20 of 23');
    const older = /<span id="custpage_rec_older_fs"[^>]*><a class="dottedlink" href="([^"]+)">/.exec(page1.html)![1]!.replace(/&amp;/g, '&');
    const page2 = await open(s.server.origin + older, s.admin.cookie);
    expect(fieldText(page2.html, 'custpage_rec_range')).toBe('21–23 of 23');
    expect(sublistRows(page2.html, 'custpage_recent').map((r) => r.status!.text)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    expect(page2.html).toContain('id="custpage_rec_newer_fs"');
  });

  it('costs a bounded number of units per page view, whatever the number of shipments', async () => {
    const s = await scenario();
    await open(s.consoleUrl, s.admin.cookie);
    const view = s.a.ns.lastInvocation({ scriptId: SCRIPTS.consoleSuitelet.scriptId })!;
    const charges = view.charges.map((c) => `${c.units} ${c.what}`).join(' | ');
    console.info(`governance: one console page view: ${view.unitsUsed} units of 1,000 = ${charges}`);
    expect(view.error).toBeUndefined();
    expect(view.unitsUsed).toBeLessThanOrEqual(100);
    await post(s.consoleUrl, s.admin.cookie, { custpage_action: 'test' });
    const test = s.a.ns.lastInvocation({ scriptId: SCRIPTS.consoleSuitelet.scriptId })!;
    console.info(`governance: a page view with Test Connection: ${test.unitsUsed} units`);
    expect(test.unitsUsed - view.unitsUsed).toBe(10);
  });
});

describe('who may open the console and who may act', () => {
  it('a role outside the deployment’s audience is refused before the script runs', async () => {
    const s = await scenario();
    const clerk = s.server.login({ role: CLERK_ROLE });
    const { status, html } = await open(s.consoleUrl, clerk.cookie);
    expect(status).toBe(400);
    expect(html).toContain('INSUFFICIENT_PERMISSION');
    expect(s.a.ns.invocations({ scriptId: SCRIPTS.consoleSuitelet.scriptId })).toHaveLength(0);
  });

  it('a role let in by a widened audience sees the page but cannot act: no Test Connection, no Replay or Void, a hand-made POST refused', async () => {
    const s = await scenario();
    // An administrator widens the deployment's audience to every role (Customization > Scripts > Deployments).
    s.a.ns.account.sdf.scripts.get(SCRIPTS.consoleSuitelet.scriptId)!.deployments[0]!.allroles = true;
    const clerk = s.server.login({ role: CLERK_ROLE });
    const { status, html } = await open(s.consoleUrl, clerk.cookie);
    expect(status).toBe(200);
    expect(html).not.toContain('id="submitter"');
    expect(fieldText(html, 'custpage_relay_signature')).toBe('Not checked');
    const rows = sublistRows(html, 'custpage_attention');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.replay === undefined && r.void === undefined)).toBe(true);
    expect(html).not.toContain('>Replay</td>'); // no action column at all
    const refused = await post(s.consoleUrl, clerk.cookie, { custpage_action: 'test' });
    expect(pageMessages(refused.html)).toEqual([{ type: 'ERROR', title: 'Not allowed', message: expect.stringContaining(`Your role (${CLERK_ROLE}) may look at the FedEx Connector but not act on it`) }]);
    expect(s.a.ns.io.outbound.filter((r) => r.url.endsWith('/v1/ping'))).toHaveLength(0);
  });
});
