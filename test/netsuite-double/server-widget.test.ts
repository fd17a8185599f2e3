// N/ui/serverWidget pages served over HTTP: what a browser gets from a Suitelet's writePage, with
// NetSuite's element ids; browser sessions (JSESSIONID) whose role passes or fails the deployment's
// audience and is the role the script sees; the misuses the double refuses.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from './core-fixtures.js';
import { createNetSuiteDouble, type NetSuiteDouble } from './index.js';
import type { AccountServer } from './http-server.js';

const UI_PROJECT = join(FIXTURES, 'ui_project');
let server: AccountServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<{ ns: NetSuiteDouble; server: AccountServer; url: string }> {
  const ns = createNetSuiteDouble({ project: false, objectsDirs: [join(UI_PROJECT, 'Objects')], fileCabinetDirs: [join(UI_PROJECT, 'FileCabinet')] });
  server = await ns.listen();
  return { ns, server, url: server.scriptUrl('customscript_ui_sl', 'customdeploy_ui_sl') };
}

async function get(url: string, cookie?: string): Promise<{ status: number; html: string }> {
  const res = await fetch(url, cookie ? { headers: { cookie } } : {});
  return { status: res.status, html: await res.text() };
}

describe('serverWidget pages', () => {
  it('render the form with NetSuite’s structure and ids, values escaped, inline HTML as given', async () => {
    const { ns, server, url } = await start();
    const { status, html } = await get(url, server.login().cookie);
    expect(status).toBe(200);
    expect(html).toContain('<h1 class="uir-record-type">Shipping Desk</h1>');
    expect(html).toMatch(/<form id="main_form" name="main_form" method="POST" action="\/app\/site\/hosting\/scriptlet\.nl\?script=\d+&amp;deploy=\d+[^"]*"/);
    expect(html).toContain('<div class="uir-field-group" id="fg_custpage_who"><div class="fgroup_title">Who</div>');
    expect(html).toContain('<span id="custpage_role_fs_lbl" class="smalltextnolink uir-label">Role</span>');
    expect(html).toMatch(/<span id="custpage_role_fs" class="uir-field inputreadonly">administrator \(3\) Test Administrator<\/span>/);
    expect(html).toContain('<a class="dottedlink" href="/app/help/helpcenter.nl?topic=&lt;b&gt;">Open help</a>');
    expect(html).toContain('<input type="text" name="custpage_note" id="custpage_note" value="a &quot;quoted&quot; &lt;note&gt;">');
    expect(html).toContain('<input type="hidden" name="custpage_page" id="custpage_page" value="2">');
    expect(html).toContain('<em id="raw">raw html</em>');
    expect(html).toContain('<div class="uir-tab" id="custpage_tab_pane"><h2 id="custpage_tabtxt">Lists</h2>');
    expect(html).toMatch(/<table id="custpage_rows_splits" class="listtable uir-list-table"><tr class="uir-machine-headerrow" id="custpage_rowsheader"><td[^>]*>Name<\/td><td[^>]*>Open<\/td><td[^>]*>Pick<\/td><\/tr>/);
    expect(html).toMatch(/<tr [^>]*id="custpage_rowsrow0"><td[^>]*>First &lt;one&gt;<\/td><td[^>]*><a class="dottedlink" href="\/app\/one\.nl\?id=1">View<\/a><\/td><td[^>]*><input type="checkbox" name="custpage_pick_1"/);
    expect(html).toMatch(/<tr [^>]*id="custpage_rowsrow1"><td[^>]*>Second<\/td><td[^>]*><\/td>/);
    expect(html).toContain('id="custpage_emptyrow_none"');
    expect(html).toContain('<input type="submit" id="submitter" name="submitter" value="Send"');
    expect(html).toContain('<input type="button" id="custpage_print" name="custpage_print" value="Print" class="rndbuttoninpt" data-function="printIt">');
    expect(html).toContain('<input type="submit" id="secondarysubmitter"');
    expect(ns.lastInvocation({ scriptId: 'customscript_ui_sl' })?.unitsUsed).toBe(0); // serverWidget costs no units
  });

  it('POST gives the Suitelet the submitted fields and the submit button', async () => {
    const { server, url } = await start();
    const res = await fetch(url, {
      method: 'POST',
      headers: { cookie: server.login().cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ custpage_note: 'hello', custpage_page: '2', submitter: 'Send' }).toString(),
    });
    const html = await res.text();
    expect(html).toContain('<div class="uir-alert-box confirmation" id="div__alert" role="status" data-type="CONFIRMATION"><div class="title">Posted</div><div class="descr">You said hello with Send</div></div>');
  });
});

describe('browser sessions', () => {
  it('run the Suitelet as the logged-in employee and role', async () => {
    const { ns, server, url } = await start();
    const dana = ns.seed('employee', { fields: { entityid: 'Dana Dock', firstname: 'Dana', lastname: 'Dock', email: 'dana@example.com' } });
    const { html } = await get(url, server.login({ entity: dana, role: 'customrole_ui_manager' }).cookie);
    expect(html).toMatch(/custpage_role_fs" class="uir-field inputreadonly">customrole_ui_manager \(\d{4}\) Dana Dock</);
    expect(html).toContain('<span id="div__user" class="uir-user">Dana Dock — Shipping Manager</span>');
    expect(ns.account.currentUser.roleId).toBe('administrator'); // the UI user of other tests is untouched
  });

  it('refuse a role outside the deployment’s audience before the script runs, and anyone without a session', async () => {
    const { ns, server, url } = await start();
    const clerk = server.login({ role: 'customrole_warehouse_clerk' });
    const refused = await get(url, clerk.cookie);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('INSUFFICIENT_PERMISSION');
    expect((await get(url)).status).toBe(401);
    expect((await get(url, 'JSESSIONID=forged')).status).toBe(401);
    const admin = server.login();
    server.logout(admin.value);
    expect((await get(url, admin.cookie)).status).toBe(401);
    expect(ns.invocations({ scriptId: 'customscript_ui_sl' })).toHaveLength(0);
  });
});

describe('what the double refuses', () => {
  it.each([
    ['nolabel', /^SSS_MISSING_REQD_ARGUMENT: Missing a required argument: label/],
    ['upper', /^DOUBLE_INVALID_ID: Field id 'custpage_X'/],
    ['twice', /^DOUBLE_DUPLICATE_ID: Field 'custpage_y'/],
    ['container', /^DOUBLE_UNKNOWN_CONTAINER: Field custpage_z: no field group or tab custpage_nogroup/],
    ['inlinehtmlcolumn', /^SSS_INVALID_FIELD_TYPE: Sublist\.addField: a INLINEHTML field cannot be a sublist column/],
    ['emptyvalue', /^SSS_MISSING_REQD_ARGUMENT: Missing a required argument: value/],
    ['numbervalue', /^SSS_MISSING_REQD_ARGUMENT: Missing a required argument: value/],
    ['unknowncolumn', /^DOUBLE_UNKNOWN_FIELD: Sublist custpage_s has no field custpage_b/],
    ['writeString', /^SSS_MISSING_REQD_ARGUMENT: Missing a required argument: pageObject/],
  ])('%s', async (probe, error) => {
    const { server } = await start();
    const { html } = await get(server.scriptUrl('customscript_ui_sl', 'customdeploy_ui_sl', { probe }), server.login().cookie);
    expect(html).toMatch(error);
  });
});
