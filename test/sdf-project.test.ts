// The SDF project as `suitecloud project:deploy` would upload it: offline, `project:validate` cannot
// run, so these checks stand in for it. They read the compiled files that `npm test` builds first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT, CUSTOMER_FIELDS, INVOICE_FIELDS, PUBLISHER_FOLDER, RELAY_SECRET_ID, ROLES, SCRIPTS, SERVICE_MAP, SETTINGS, SHIPMENT, STATE } from '../shared/src/ids';
import { formatIssue } from './netsuite-double/sdf/issues';
import type { XmlElement } from './netsuite-double/sdf/xml-tree';
import { loadSdf } from './netsuite-double/sdf/parse-objects';
import { SCRIPT_OBJECT_TYPES } from './netsuite-double/sdf/types';
import { readScriptHeader } from './netsuite-double/sdf/script-header';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'suiteapp/src');
const objectsDir = join(src, 'Objects');
const appFolder = join(src, 'FileCabinet/SuiteApps', PUBLISHER_FOLDER);
const { project, validation } = loadSdf({ projectDir: src });

describe('SDF project', () => {
  it('manifest publisher and project id name the FileCabinet folder', () => {
    const manifest = readFileSync(join(src, 'manifest.xml'), 'utf8');
    const publisher = /<publisherid>([^<]+)<\/publisherid>/.exec(manifest)?.[1];
    const projectId = /<projectid>([^<]+)<\/projectid>/.exec(manifest)?.[1];
    expect(`${publisher}.${projectId}`).toBe(PUBLISHER_FOLDER);
    const deploy = readFileSync(join(src, 'deploy.xml'), 'utf8');
    expect(deploy).toContain(`~/FileCabinet/SuiteApps/${PUBLISHER_FOLDER}/*`);
    expect(deploy).toContain('~/Objects/*');
  });

  it('every object file is named by its scriptid', () => {
    for (const file of readdirSync(objectsDir)) {
      const scriptid = /scriptid="([^"]+)"/.exec(readFileSync(join(objectsDir, file), 'utf8'))?.[1];
      expect(`${scriptid}.xml`).toBe(file);
    }
  });

  it('every script object points at a compiled file whose header declares the same script type, and back', () => {
    const compiled = readdirSync(appFolder).filter((f) => f.endsWith('.js'));
    expect(compiled.length).toBeGreaterThan(0);
    for (const script of project.scripts.values()) {
      expect(script.scriptfile).toBe(`/SuiteApps/${PUBLISHER_FOLDER}/${script.scriptid}.js`);
      const path = join(appFolder, `${script.scriptid}.js`);
      expect(existsSync(path), `${script.scriptid}.js is built`).toBe(true);
      const header = readScriptHeader(readFileSync(path, 'utf8'));
      expect(header).toMatchObject({ apiVersion: '2.1', scriptType: SCRIPT_OBJECT_TYPES[script.objectType] });
    }
    for (const file of compiled) expect(project.scripts.has(file.replace(/\.js$/, '')), `${file} has an SDF object`).toBe(true);
  });

  it('every id the code uses has its SDF object or field', () => {
    for (const ids of Object.values(SCRIPTS)) {
      const script = project.scripts.get(ids.scriptId);
      expect(script, ids.scriptId).toBeDefined();
      for (const deploymentId of Object.entries(ids).filter(([k]) => k !== 'scriptId').map(([, v]) => v)) {
        expect(script?.deployments.map((d) => d.scriptid)).toContain(deploymentId);
      }
    }
    for (const rec of [SHIPMENT, AUDIT, SERVICE_MAP, STATE, SETTINGS]) {
      const type = project.customRecordTypes.get(rec.type);
      expect(type, rec.type).toBeDefined();
      expect(type?.fields.map((f) => f.scriptid).sort()).toEqual(Object.values(rec.fields).sort());
    }
    for (const id of Object.values(INVOICE_FIELDS)) expect(project.bodyFields.get(id)?.flags.bodysale, id).toBe(true);
    for (const id of Object.values(CUSTOMER_FIELDS)) expect(project.entityFields.get(id)?.flags.appliestocustomer, id).toBe(true);
    expect(project.secrets.has(RELAY_SECRET_ID)).toBe(true);
  });

  it('ids stay within NetSuite length limits', () => {
    const ids = [...project.scripts.keys(), ...project.customRecordTypes.keys(), ...project.bodyFields.keys(), ...project.entityFields.keys()];
    for (const rec of project.customRecordTypes.values()) ids.push(...rec.fields.map((f) => f.scriptid));
    for (const s of project.scripts.values()) ids.push(...s.parameters.map((p) => p.scriptid), ...s.deployments.map((d) => d.scriptid));
    for (const id of ids) expect(id.length, id).toBeLessThanOrEqual(40);
  });

  it('no compiled SuiteScript reaches for Node or browser globals', () => {
    const files = [...readdirSync(appFolder).filter((f) => f.endsWith('.js')), ...readdirSync(join(appFolder, 'lib')).map((f) => `lib/${f}`)];
    for (const f of files) {
      const code = readFileSync(join(appFolder, f), 'utf8');
      // Globals only: `paged.fetch(` (N/search) is fine, a bare `fetch(` is not.
      expect(code, f).not.toMatch(/(?<![.\w$])(require\(['"](fs|http|https|crypto)['"]\)|process\.|Buffer\.|setTimeout\(|setInterval\(|fetch\()/);
    }
  });
});

/** The raw element tree of an object (as validated), and helpers to read it. */
const objectTree = (scriptid: string): XmlElement => {
  const found = validation.objects.find((o) => o.scriptid === scriptid);
  if (!found) throw new Error(`no object ${scriptid}`);
  return found.root;
};
const childText = (e: XmlElement, name: string) => e.children.find((c) => c.name === name)?.text ?? '';
const all = (e: XmlElement, ...path: string[]): XmlElement[] => path.reduce<XmlElement[]>((level, step) => level.flatMap((x) => x.children.filter((c) => c.name === step)), [e]);

describe('SDF project: what NetSuite and an administrator would accept', () => {
  it("passes the double's validation against Oracle's SDF schema with no error and no warning", () => {
    expect(validation.issues.map((i) => formatIssue(i, src))).toEqual([]);
  });

  it('deploy.xml runs the installation script, on install and on every update', () => {
    expect(validation.steps.filter((s) => s.kind === 'run')).toEqual([
      { kind: 'run', run: { objectFile: join(objectsDir, `${SCRIPTS.install.scriptId}.xml`), scriptid: SCRIPTS.install.scriptId, deploymentId: SCRIPTS.install.deploymentId } },
    ]);
  });

  it("the status RESTlet runs for the integration role and Administrator only, as the caller's role", () => {
    const deployment = project.scripts.get(SCRIPTS.statusRestlet.scriptId)!.deployments[0]!;
    expect(deployment).toMatchObject({ status: 'RELEASED', allroles: false, allemployees: false, runasrole: undefined });
    expect(deployment.audienceRoles.sort()).toEqual(['ADMINISTRATOR', ROLES.integration].sort());
  });

  it('the integration role can call the RESTlet and do what it does, and nothing more', () => {
    const role = project.roles.get(ROLES.integration)!;
    expect(role.iswebserviceonlyrole).toBe(false); // Web Services Only roles cannot call RESTlets
    // Extend this list with the permission a new RESTlet call needs, and say why.
    expect(Object.fromEntries(role.permissions.map((p) => [p.permkey, p.permlevel]))).toEqual({
      ADMI_LOGIN_OAUTH2: 'FULL', // M2M: log in with OAuth 2.0 access tokens
      ADMI_LOGIN_OAUTH: 'FULL', // TBA: log in with access tokens
      ADMI_CUSTOMSCRIPT: 'VIEW', // SuiteScript: run the RESTlet
      TRAN_FIND: 'VIEW', // find the order's invoice
      TRAN_CUSTINVC: 'EDIT', // write the invoice's delivery fields
      [SHIPMENT.type]: 'EDIT', // read and update the Shipment
      [AUDIT.type]: 'CREATE', // one Audit record per update
    });
  });

  it('every custom record is open by role (the connector roles), never "custom record entries" with no permission', () => {
    for (const rec of project.customRecordTypes.values()) {
      expect(rec.accesstype, rec.scriptid).toBe('USEPERMISSIONLIST');
      expect(rec.permissions.map((p) => p.role), rec.scriptid).toContain(ROLES.admin);
      for (const { role, level } of rec.permissions) {
        expect(project.roles.get(role)?.permissions, `${rec.scriptid} → ${role}`).toContainEqual({ permkey: rec.scriptid, permlevel: level });
      }
    }
  });

  it('fields only the connector writes are locked for users', () => {
    const connectorOnly = [
      ...[SHIPMENT.type, AUDIT.type, STATE.type].flatMap((type) => all(objectTree(type), 'customrecordcustomfields', 'customrecordcustomfield')),
      ...Object.values(INVOICE_FIELDS).map(objectTree),
    ];
    expect(connectorOnly.length).toBeGreaterThan(40);
    for (const field of connectorOnly) expect(childText(field, 'displaytype'), field.attributes.scriptid).toBe('LOCKED');
    for (const field of [...all(objectTree(SETTINGS.type), 'customrecordcustomfields', 'customrecordcustomfield'), objectTree(CUSTOMER_FIELDS.fedexAccount)]) {
      expect(childText(field, 'displaytype'), field.attributes.scriptid).toBe('NORMAL');
    }
  });

  it('scripts log at production levels and notify no one on every error', () => {
    for (const script of project.scripts.values()) {
      const tree = objectTree(script.scriptid);
      expect(childText(tree, 'notifyowner'), script.scriptid).toBe('F');
      expect(childText(tree, 'notifyadmins') || 'F', script.scriptid).toBe('F');
      expect(childText(tree, 'notifyemails'), script.scriptid).toBe('');
      for (const d of script.deployments) expect(['AUDIT', 'ERROR'], `${script.scriptid}/${d.scriptid}`).toContain(d.loglevel);
    }
  });

  it('the user events run in every context a shipped fulfillment or a new invoice can come from', () => {
    for (const id of [SCRIPTS.fulfillmentUserEvent.scriptId, SCRIPTS.invoiceUserEvent.scriptId]) {
      const contexts = project.scripts.get(id)!.deployments[0]!.executioncontext!;
      expect(contexts).toEqual(expect.arrayContaining(['USERINTERFACE', 'CSVIMPORT', 'WEBSERVICES', 'RESTWEBSERVICES', 'RESTLET', 'SUITELET', 'SCHEDULED', 'MAPREDUCE', 'WORKFLOW', 'CUSTOMMASSUPDATE', 'USEREVENT']));
    }
  });

  it('the deployment scripts submit on demand is Not Scheduled (N/task submits no other)', () => {
    const queue = project.scripts.get(SCRIPTS.shipQueue.scriptId)!;
    expect(queue.deployments.find((d) => d.scriptid === SCRIPTS.shipQueue.onDemandDeploymentId)?.status).toBe('NOTSCHEDULED');
  });
});
