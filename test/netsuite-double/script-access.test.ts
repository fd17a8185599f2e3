// RESTlets and Suitelets run only for whom NetSuite runs them: the deployment's status (Released;
// Testing for the script owner only) and audience (roles, employees), and never for a Web Services
// Only role on a RESTlet. The caller's entity and role come from the authenticator (M2M mapping,
// TBA token); here a test hook supplies them.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tbaHeader } from './auth/test-support.js';
import { FIXTURES } from './core-fixtures.js';
import type { AccountServer, Authenticator } from './http-server.js';
import { createNetSuiteDouble, type NetSuiteDouble } from './index.js';

const PROJECT = join(FIXTURES, 'access_project');

/** Logs every request in as the entity and role its x-test-entity / x-test-role headers name. */
const asHeaderSays: Authenticator = (request) => ({
  ok: true,
  ...(request.headers['x-test-entity'] ? { entity: String(request.headers['x-test-entity']) } : {}),
  ...(request.headers['x-test-role'] ? { role: String(request.headers['x-test-role']) } : {}),
});

let server: AccountServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function account(): Promise<{ ns: NetSuiteDouble; server: AccountServer }> {
  const ns = createNetSuiteDouble({ project: false, objectsDirs: [join(PROJECT, 'Objects')], fileCabinetDirs: [join(PROJECT, 'FileCabinet')] });
  server = await ns.listen({ authenticate: asHeaderSays });
  return { ns, server };
}

async function call(s: AccountServer, deploymentId: string, who: { entity?: string; role?: string }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who.entity) headers['x-test-entity'] = who.entity;
  if (who.role) headers['x-test-role'] = who.role;
  const res = await fetch(s.scriptUrl('customscript_access_rl', deploymentId), { headers });
  const body = (await res.json()) as { ran?: boolean; error?: { code: string } };
  return { status: res.status, ran: body.ran === true, code: body.error?.code };
}

describe('who may run a RESTlet', () => {
  it('a Released deployment runs for the roles of its audience, and refuses any other role', async () => {
    const { ns, server } = await account();
    expect(await call(server, 'customdeploy_access_rl_ops', { entity: '42', role: 'customrole_access_ops' })).toMatchObject({ status: 200, ran: true });
    expect(await call(server, 'customdeploy_access_rl_ops', { entity: '42', role: 'ADMINISTRATOR' })).toMatchObject({ status: 200, ran: true });
    expect(await call(server, 'customdeploy_access_rl_ops', { entity: '42', role: 'ACCOUNTANT' })).toEqual({ status: 400, ran: false, code: 'INSUFFICIENT_PERMISSION' });
    expect(await call(server, 'customdeploy_access_rl_all', { entity: '42', role: 'ACCOUNTANT' })).toMatchObject({ status: 200, ran: true });
    expect(ns.invocations({ scriptId: 'customscript_access_rl' })).toHaveLength(3);
  });

  it('an audience of employees runs for those employees only', async () => {
    const { server } = await account();
    expect(await call(server, 'customdeploy_access_rl_emp', { entity: '77', role: 'ACCOUNTANT' })).toMatchObject({ ran: true });
    expect(await call(server, 'customdeploy_access_rl_emp', { entity: '78', role: 'ACCOUNTANT' })).toMatchObject({ ran: false, code: 'INSUFFICIENT_PERMISSION' });
  });

  it('a Testing deployment runs for the script owner only, whatever its audience', async () => {
    const { ns, server } = await account();
    const owner = String(ns.account.scriptOwnerId);
    expect(await call(server, 'customdeploy_access_rl_test', { entity: owner, role: 'ADMINISTRATOR' })).toMatchObject({ ran: true });
    expect(await call(server, 'customdeploy_access_rl_test', { entity: '42', role: 'ADMINISTRATOR' })).toEqual({ status: 400, ran: false, code: 'SSS_INVALID_SCRIPTLET_ID' });
  });

  it('a Web Services Only role cannot call a RESTlet at all (INVALID_LOGIN_CREDENTIALS)', async () => {
    const { server } = await account();
    expect(await call(server, 'customdeploy_access_rl_all', { entity: '42', role: 'customrole_access_wso' })).toEqual({ status: 401, ran: false, code: 'INVALID_LOGIN_CREDENTIALS' });
  });

  it('the M2M mapping and the TBA token carry the role they were registered with', async () => {
    const ns = createNetSuiteDouble({ project: false, objectsDirs: [join(PROJECT, 'Objects')], fileCabinetDirs: [join(PROJECT, 'FileCabinet')] });
    ns.auth.registerTbaToken({ consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'ti-ops', tokenSecret: 'ts', entity: '42', role: 'customrole_access_ops' });
    ns.auth.registerTbaToken({ consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'ti-acct', tokenSecret: 'ts', entity: '43', role: 'ACCOUNTANT' });
    server = await ns.listen({ authenticate: ns.auth.authenticator() });
    const get = async (tokenId: string) => {
      const url = server!.scriptUrl('customscript_access_rl', 'customdeploy_access_rl_ops');
      const res = await fetch(url, { headers: { authorization: tbaHeader({ method: 'GET', url, consumerKey: 'ck', consumerSecret: 'cs', tokenId, tokenSecret: 'ts', timestamp: Math.floor(Date.now() / 1000), nonce: randomUUID(), realm: ns.auth.realm }), 'content-type': 'application/json' } });
      return { status: res.status, body: (await res.json()) as { ran?: boolean; error?: { code: string } } };
    };
    expect(await get('ti-ops')).toMatchObject({ status: 200, body: { ran: true } });
    expect(await get('ti-acct')).toMatchObject({ status: 400, body: { error: { code: 'INSUFFICIENT_PERMISSION' } } });
  });
});

describe('who may open a Suitelet', () => {
  it('the audience applies to a logged-in user; a role outside it gets an error page', async () => {
    const { server } = await account();
    const open = async (role: string) => {
      const res = await fetch(server.scriptUrl('customscript_access_sl', 'customdeploy_access_sl'), { headers: { 'x-test-entity': '42', 'x-test-role': role } });
      return { status: res.status, body: await res.text() };
    };
    expect(await open('customrole_access_ops')).toEqual({ status: 200, body: 'ran' });
    expect(await open('ACCOUNTANT')).toMatchObject({ status: 400, body: expect.stringContaining('INSUFFICIENT_PERMISSION') });
  });
});
