// `suitecloud project:deploy` into the double: the account checks a deploy makes, deploy.xml's
// <run> installation script on install and on update, and a failing installation script failing
// the deploy.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RELAY_SECRET_ID, SCRIPTS } from '../../shared/src/ids';
import { DEFAULT_PROJECT_DIR, SdfDeployError, createNetSuiteDouble } from './index.js';

const SECRETS = { [RELAY_SECRET_ID]: 'x'.repeat(40) };
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('deploying the SuiteApp', () => {
  it('a fresh account without the API secret refuses the deploy, as SDF does: the secret object only references it', () => {
    const ns = createNetSuiteDouble();
    expect(() => ns.deploy()).toThrow(SdfDeployError);
    expect(() => ns.deploy()).toThrow(`Referenced secret: '${RELAY_SECRET_ID}' is not available.`);
    expect(ns.invocations({ scriptId: SCRIPTS.install.scriptId })).toEqual([]);
  });

  it('an account without a feature the manifest requires refuses the deploy', () => {
    const ns = createNetSuiteDouble({ apiSecrets: SECRETS, features: { ADVSHIPPING: false } });
    expect(() => ns.deploy()).toThrow(/the feature ADVSHIPPING, which manifest\.xml requires, is not enabled/);
  });

  it('a feature the manifest marks optional may be off', () => {
    const ns = createNetSuiteDouble({ apiSecrets: SECRETS, features: { PICKPACKSHIP: false } });
    expect(ns.deploy().fromVersion).toBeNull();
  });

  it("runs deploy.xml's installation script with { fromVersion: null } first, then with the installed version", () => {
    const ns = createNetSuiteDouble({ apiSecrets: SECRETS });
    const first = ns.deploy();
    const second = ns.deploy();
    expect([first.fromVersion, first.toVersion, second.fromVersion]).toEqual([null, '0.1.0', '0.1.0']);
    expect(first.log).toEqual(expect.arrayContaining(['Create object -- customscript_mlfx_install (sdfinstallationscript)', 'Run installation script -- ~/Objects/customscript_mlfx_install.xml', 'Installation COMPLETE']));
    expect(second.log).toContain('Update object -- customscript_mlfx_install (sdfinstallationscript)');
    expect(ns.invocations({ scriptId: SCRIPTS.install.scriptId }).map((i) => [i.deploymentId, i.executionContext, i.outcome])).toEqual([
      [SCRIPTS.install.deploymentId, 'SDFINSTALLATION', 'returned'],
      [SCRIPTS.install.deploymentId, 'SDFINSTALLATION', 'returned'],
    ]);
  });

  it('a script file whose header declares another script type fails the deploy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdf-deploy-'));
    temps.push(dir);
    cpSync(DEFAULT_PROJECT_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'FileCabinet/SuiteApps/com.mlfx.fedexconnector/customscript_mlfx_rl_status.js'), `/**\n * @NApiVersion 2.1\n * @NScriptType Suitelet\n */\ndefine([], function () { return { onRequest: function () {} }; });\n`);
    const ns = createNetSuiteDouble({ project: dir, apiSecrets: SECRETS });
    expect(() => ns.deploy()).toThrow(/\(customscript_mlfx_rl_status\) Details: .*@NScriptType Suitelet does not match its SDF object, which deploys it as Restlet/);
    expect(ns.invocations({ scriptId: SCRIPTS.install.scriptId })).toEqual([]);
  });

  it('an installation script that throws fails the deploy, and the installed version stays as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdf-deploy-'));
    temps.push(dir);
    cpSync(DEFAULT_PROJECT_DIR, dir, { recursive: true });
    writeFileSync(
      join(dir, 'FileCabinet/SuiteApps/com.mlfx.fedexconnector/customscript_mlfx_install.js'),
      `/**\n * @NApiVersion 2.1\n * @NScriptType SDFInstallationScript\n */\ndefine(['N/error'], function (error) {\n  return { run: function () { throw error.create({ name: 'MLFX_PRECONDITION', message: 'Enable Advanced Shipping first.' }); } };\n});\n`,
    );
    const ns = createNetSuiteDouble({ project: dir, apiSecrets: SECRETS });
    expect(() => ns.deploy()).toThrow(/The installation script customscript_mlfx_install failed: MLFX_PRECONDITION: Enable Advanced Shipping first\.\nInstallation FAILED/);
    expect(() => ns.deploy()).toThrow(SdfDeployError);
    // Both attempts were installs: a failed deploy installed nothing.
    expect(ns.invocations({ scriptId: SCRIPTS.install.scriptId }).map((i) => i.label)).toEqual(['install', 'install']);
  });
});
