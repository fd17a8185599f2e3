// SDF objects as the double reads them: names, scripts, deployments, parameters, custom records,
// fields with their applies-to flags, lists, secrets; strict about file names and XML.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_PROJECT, coreDouble, probe } from './core-fixtures.js';
import { loadSdf, loadSdfObjects } from './sdf/parse-objects.js';

const objects = () => loadSdfObjects([join(CORE_PROJECT, 'Objects')], [join(CORE_PROJECT, 'FileCabinet')]);

function tempObjects(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdf-'));
  for (const [name, xml] of Object.entries(files)) writeFileSync(join(dir, name), xml);
  return dir;
}

describe('SDF objects', () => {
  it('reads scripts with their deployments and parameters', () => {
    const ue = objects().scripts.get('customscript_core_ue_if')!;
    expect(ue).toMatchObject({ objectType: 'usereventscript', scriptType: 'UserEventScript', scriptfile: '/SuiteScripts/core_fixtures/core_ue_if.js' });
    expect(ue.parameters.map((p) => [p.scriptid, p.fieldtype, p.defaultvalue])).toEqual([
      ['custscript_core_prefix', 'TEXT', 'UE'],
      ['custscript_core_enabled', 'CHECKBOX', undefined],
    ]);
    expect(ue.deployments[0]).toMatchObject({ scriptid: 'customdeploy_core_ue_if', status: 'RELEASED', isdeployed: true, recordtype: 'ITEMFULFILLMENT', eventtype: undefined, loglevel: 'DEBUG', parameterValues: { custscript_core_enabled: 'T', custscript_core_prefix: '' } });
    expect(ue.deployments[0]!.executioncontext).toContain('USERINTERFACE');
    const other = objects().scripts.get('customscript_core_ue_other')!;
    expect(other.deployments.map((d) => [d.recordtype, d.isdeployed, d.status, d.eventtype])).toEqual([
      ['INVOICE', false, 'RELEASED', undefined],
      ['SALESORDER', true, 'TESTING', 'EDIT'],
      ['CUSTOMER', true, 'NOTSCHEDULED', undefined],
    ]);
  });

  it('reads custom records, lists, fields and secrets, and keeps unknown object types', () => {
    const project = objects();
    const log = project.customRecordTypes.get('customrecord_core_log')!;
    expect(log.fields.find((f) => f.scriptid === 'custrecord_core_log_ref')).toMatchObject({ fieldtype: 'SELECT', selectrecordtype: '-30', ismandatory: true });
    expect(log.fields.find((f) => f.scriptid === 'custrecord_core_log_status')).toMatchObject({ selectrecordtype: 'customlist_core_status', defaultselection: { owner: 'customlist_core_status', value: 'val_core_pending' } });
    expect(project.customLists.get('customlist_core_status')!.values.map((v) => v.value)).toEqual(['Pending', 'Done']);
    expect(project.bodyFields.get('custbody_core_tracking')!.flags).toMatchObject({ bodyitemfulfillment: true, bodysale: true, bodypurchase: false });
    expect(project.entityFields.get('custentity_core_acct')!.flags.appliestocustomer).toBe(true);
    expect(project.secrets.has('custsecret_core_key')).toBe(true);
    expect(project.others).toEqual([expect.objectContaining({ objectType: 'workflow', scriptid: 'customworkflow_core_unmodelled' })]);
  });

  it('custom fields land on the record types they apply to (bodysale: sales order and invoice)', () => {
    const ns = coreDouble();
    const ids = (type: string) => [...ns.account.catalog.get(type)!.fields.keys()];
    expect(ids('itemfulfillment')).toContain('custbody_core_tracking');
    expect(ids('salesorder')).toContain('custbody_core_tracking');
    expect(ids('invoice')).toContain('custbody_core_tracking');
    expect(ids('customer')).toContain('custentity_core_acct');
    expect(ids('employee')).not.toContain('custentity_core_acct');
  });

  it('a file not named by its scriptid is a warning (Oracle requires it, yet two of its published samples deploy without)', () => {
    const dir = tempObjects({ 'customlist_wrong_name.xml': '<customlist scriptid="customlist_right_name"><name>x</name></customlist>' });
    const { project, validation } = loadSdf({ objectsDirs: [dir] });
    expect(project.customLists.has('customlist_right_name')).toBe(true);
    expect(validation.warnings).toEqual([expect.objectContaining({ rule: 'file-name', message: "file name should be the object's scriptid: customlist_right_name.xml" })]);
  });

  it('malformed XML fails naming the file', () => {
    const dir = tempObjects({ 'customlist_broken.xml': '<customlist scriptid="customlist_broken"><name>x</customlist>' });
    expect(() => loadSdfObjects([dir])).toThrow(/customlist_broken\.xml: \[malformed-xml\] malformed XML \(line 1\)/);
  });

  it('a deployment value for a parameter the script does not have is refused', () => {
    const dir = tempObjects({
      'customscript_x.xml': `<restlet scriptid="customscript_x"><name>x</name><scriptfile>[/SuiteScripts/x.js]</scriptfile>
        <scriptdeployments><scriptdeployment scriptid="customdeploy_x"><custscript_nope>1</custscript_nope><status>RELEASED</status></scriptdeployment></scriptdeployments></restlet>`,
    });
    expect(() => loadSdfObjects([dir])).toThrow(/customscript_x\.xml: restlet\/scriptdeployments\/scriptdeployment\[customdeploy_x\]\/custscript_nope: \[unknown-element\]/);
  });

  it('parameters reach runtime.getCurrentScript().getParameter typed, overrides win, unknown names throw', () => {
    const ns = coreDouble({ parameters: { customscript_core_rl: {} } });
    // The RESTlet has no parameters: asking for one is a test failure, not a silent null.
    expect(() => probe(ns, ({ runtime }) => runtime.getCurrentScript().getParameter({ name: 'custscript_missing' }))).toThrow(/DOUBLE_UNKNOWN_PARAMETER|has no parameter/);
    const values = ns.account.parameters(ns.account.script('customscript_core_ue_if'), ns.account.script('customscript_core_ue_if').deployments[0]!);
    expect(values).toEqual({ custscript_core_prefix: 'UE', custscript_core_enabled: true });
    ns.setParameter('customscript_core_ue_if', 'custscript_core_prefix', 'OVR');
    expect(ns.account.parameters(ns.account.script('customscript_core_ue_if'), ns.account.script('customscript_core_ue_if').deployments[0]!).custscript_core_prefix).toBe('OVR');
  });
});
