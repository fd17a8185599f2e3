// The SDF project as `suitecloud project:deploy` would upload it: offline, `project:validate` cannot
// run, so these checks stand in for it. They read the compiled files that `npm test` builds first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT, CUSTOMER_FIELDS, INVOICE_FIELDS, PUBLISHER_FOLDER, RELAY_SECRET_ID, SCRIPTS, SERVICE_MAP, SETTINGS, SHIPMENT, STATE } from '../shared/src/ids';
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
