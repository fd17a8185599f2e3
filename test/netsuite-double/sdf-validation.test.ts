// The double checks SDF as NetSuite does: the connector's project passes, each kind of breakage in
// a deliberately broken copy fails naming the file, the element path and the rule, and the real
// published projects of test/fixtures/sdf-corpus pass (except what its README says is broken).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT_DIR, createNetSuiteDouble } from './index.js';
import { formatIssue, type SdfIssue } from './sdf/issues.js';
import { validateSdf } from './sdf/validate-project.js';

const CORPUS = resolve(import.meta.dirname, '../fixtures/sdf-corpus');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the connector's SDF project with `edit` applied to one file (path relative to src/). */
function brokenCopy(edits: Record<string, (text: string) => string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdf-broken-'));
  temps.push(dir);
  cpSync(DEFAULT_PROJECT_DIR, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const next = edit(readFileSync(path, 'utf8'));
    if (next === null) rmSync(path);
    else {
      expect(next, `the edit of ${file} changed nothing`).not.toBe(readFileSync(path, 'utf8'));
      writeFileSync(path, next);
    }
  }
  return dir;
}

const errorsOf = (dir: string) => validateSdf({ projectDir: dir }).errors.map((i) => ({ ...i, file: relative(dir, i.file) }));

describe('SDF validation: the connector project', () => {
  it('passes with no error and no warning', () => {
    const result = validateSdf({ projectDir: DEFAULT_PROJECT_DIR });
    expect(result.issues.map((i) => formatIssue(i, DEFAULT_PROJECT_DIR))).toEqual([]);
    expect(result.objects.length).toBeGreaterThan(10);
  });

  const cases: { name: string; edits: Record<string, (t: string) => string | null>; expected: Partial<SdfIssue> }[] = [
    {
      name: 'an element the schema does not have there (runasrole on a RESTlet deployment)',
      edits: { 'Objects/customscript_mlfx_rl_status.xml': (t) => t.replace('<loglevel>', '<runasrole>ADMINISTRATOR</runasrole>\n      <loglevel>') },
      expected: { file: 'Objects/customscript_mlfx_rl_status.xml', path: 'restlet/scriptdeployments/scriptdeployment[customdeploy_mlfx_rl_status]/runasrole', rule: 'unknown-element' },
    },
    {
      name: 'a title on a user event deployment',
      edits: { 'Objects/customscript_mlfx_ue_invoice.xml': (t) => t.replace('<status>', '<title>Invoice</title>\n      <status>') },
      expected: { file: 'Objects/customscript_mlfx_ue_invoice.xml', path: 'usereventscript/scriptdeployments/scriptdeployment[customdeploy_mlfx_ue_invoice]/title', rule: 'unknown-element' },
    },
    {
      name: 'a missing required element (a Map/Reduce deployment without title)',
      edits: { 'Objects/customscript_mlfx_mr_track.xml': (t) => t.replace(/\n\s*<title>[^<]*<\/title>/, '') },
      expected: { file: 'Objects/customscript_mlfx_mr_track.xml', path: 'mapreducescript/scriptdeployments/scriptdeployment[customdeploy_mlfx_mr_track]/title', rule: 'missing-element' },
    },
    {
      name: 'a value outside its list (log level)',
      edits: { 'Objects/customscript_mlfx_mr_track.xml': (t) => t.replace('<loglevel>AUDIT</loglevel>', '<loglevel>VERBOSE</loglevel>') },
      expected: { path: 'mapreducescript/scriptdeployments/scriptdeployment[customdeploy_mlfx_mr_track]/loglevel', rule: 'bad-value' },
    },
    {
      name: 'a boolean that is not T or F',
      edits: { 'Objects/customrecord_mlfx_state.xml': (t) => t.replace('<isinactive>F</isinactive>', '<isinactive>false</isinactive>') },
      expected: { file: 'Objects/customrecord_mlfx_state.xml', path: 'customrecordtype/isinactive', rule: 'bad-value' },
    },
    {
      name: 'a number out of bounds (a recurrence every 0 days)',
      edits: { 'Objects/customscript_mlfx_mr_track.xml': (t) => t.replace('<everyxdays>1</everyxdays>', '<everyxdays>0</everyxdays>') },
      expected: { path: 'mapreducescript/scriptdeployments/scriptdeployment[customdeploy_mlfx_mr_track]/recurrence/daily/everyxdays', rule: 'bad-value' },
    },
    {
      name: 'a feature id that does not exist',
      edits: { 'manifest.xml': (t) => t.replace('ADVSHIPPING', 'ADVANCEDSHIPPING') },
      expected: { file: 'manifest.xml', path: 'manifest/dependencies/features/feature[ADVANCEDSHIPPING]', rule: 'bad-feature' },
    },
    {
      name: 'a reference to an object the project does not have',
      edits: { 'Objects/customrecord_mlfx_audit.xml': (t) => t.replace('[scriptid=customrecord_mlfx_shipment]', '[scriptid=customrecord_mlfx_shipments]') },
      expected: { file: 'Objects/customrecord_mlfx_audit.xml', path: 'customrecordtype/customrecordcustomfields/customrecordcustomfield[custrecord_mlfx_aud_shipment]/selectrecordtype', rule: 'broken-reference' },
    },
    {
      name: "a deployment audience naming a role the project does not have",
      edits: { 'Objects/customscript_mlfx_rl_status.xml': (t) => t.replace('[scriptid=customrole_mlfx_integration]', '[scriptid=customrole_mlfx_nobody]') },
      expected: { path: 'restlet/scriptdeployments/scriptdeployment[customdeploy_mlfx_rl_status]/audslctrole', rule: 'broken-reference' },
    },
    {
      name: 'a standard role that does not exist',
      edits: { 'Objects/customscript_mlfx_mr_track.xml': (t) => t.replace('<runasrole>ADMINISTRATOR</runasrole>', '<runasrole>ADMIN</runasrole>') },
      expected: { path: 'mapreducescript/scriptdeployments/scriptdeployment[customdeploy_mlfx_mr_track]/runasrole', rule: 'bad-value' },
    },
    {
      name: 'a user event on a record type that does not exist',
      edits: { 'Objects/customscript_mlfx_ue_invoice.xml': (t) => t.replace('<recordtype>INVOICE</recordtype>', '<recordtype>INVOICES</recordtype>') },
      expected: { path: 'usereventscript/scriptdeployments/scriptdeployment[customdeploy_mlfx_ue_invoice]/recordtype', rule: 'bad-value' },
    },
    {
      name: 'a script file missing from the File Cabinet',
      edits: { 'FileCabinet/SuiteApps/com.mlfx.fedexconnector/customscript_mlfx_ue_invoice.js': () => null },
      expected: { file: 'Objects/customscript_mlfx_ue_invoice.xml', path: 'usereventscript/scriptfile', rule: 'missing-file' },
    },
    {
      name: 'a SELECT field without the record type it selects (conditional rule)',
      edits: { 'Objects/customrecord_mlfx_audit.xml': (t) => t.replace('<selectrecordtype>[scriptid=customrecord_mlfx_shipment]</selectrecordtype>', '<selectrecordtype></selectrecordtype>') },
      expected: { path: 'customrecordtype/customrecordcustomfields/customrecordcustomfield[custrecord_mlfx_aud_shipment]/selectrecordtype', rule: 'missing-element' },
    },
    {
      name: 'a script id outside its pattern',
      edits: { 'Objects/customscript_mlfx_mr_track.xml': (t) => t.replace('scriptid="customdeploy_mlfx_mr_track"', 'scriptid="deploy_mlfx_mr_track"') },
      expected: { path: 'mapreducescript/scriptdeployments/scriptdeployment[deploy_mlfx_mr_track]/@scriptid', rule: 'bad-scriptid' },
    },
    {
      name: 'a name longer than the schema allows',
      edits: { 'Objects/customscript_mlfx_mr_track.xml': (t) => t.replace(/<name>[^<]*<\/name>/, `<name>${'FedEx Connector: Tracking Poll, hourly, every shipment'}</name>`) },
      expected: { path: 'mapreducescript/name', rule: 'too-long' },
    },
    {
      name: 'a deployment setting a parameter its script does not declare (customChildrenFrom)',
      edits: { 'Objects/customscript_mlfx_mr_track.xml': (t) => t.replace('<loglevel>AUDIT</loglevel>', '<loglevel>AUDIT</loglevel>\n      <custscript_mlfx_nope>1</custscript_mlfx_nope>') },
      expected: { path: 'mapreducescript/scriptdeployments/scriptdeployment[customdeploy_mlfx_mr_track]/custscript_mlfx_nope', rule: 'unknown-element' },
    },
    {
      name: 'deploy.xml naming a path the project does not have',
      edits: { 'deploy.xml': (t) => t.replace('<path>~/Objects/*</path>', '<path>~/Objects/*</path>\n    <path>~/Objects/customlist_mlfx_missing.xml</path>') },
      expected: { file: 'deploy.xml', path: 'deploy/objects/path', rule: 'missing-path' },
    },
    {
      name: 'deploy.xml running a script that is not an installation script',
      edits: { 'deploy.xml': (t) => t.replace('~/Objects/customscript_mlfx_install.xml', '~/Objects/customscript_mlfx_mr_track.xml') },
      expected: { file: 'deploy.xml', path: 'deploy/run/script/path', rule: 'bad-value' },
    },
    {
      name: 'deploy.xml running an installation deployment that does not exist',
      edits: { 'deploy.xml': (t) => t.replace('<deployment>customdeploy_mlfx_install</deployment>', '<deployment>customdeploy_mlfx_install2</deployment>') },
      expected: { file: 'deploy.xml', path: 'deploy/run/script/deployment', rule: 'broken-reference' },
    },
    {
      name: 'a role permission level outside its list',
      edits: { 'Objects/customrole_mlfx_integration.xml': (t) => t.replace(/<permlevel>[A-Z]+<\/permlevel>/, '<permlevel>READ</permlevel>') },
      expected: { file: 'Objects/customrole_mlfx_integration.xml', rule: 'bad-value' },
    },
  ];

  for (const c of cases) {
    it(`fails on ${c.name}, naming the file, the path and the rule`, () => {
      const errors = errorsOf(brokenCopy(c.edits));
      expect(errors).toContainEqual(expect.objectContaining(c.expected));
      expect(errors.every((e) => e.severity === 'error')).toBe(true);
    });
  }

  it('refuses to load a broken project into the double, listing every error as file: path: [rule] message', () => {
    const dir = brokenCopy({
      'manifest.xml': (t) => t.replace('ADVSHIPPING', 'ADVANCEDSHIPPING'),
      'Objects/customscript_mlfx_rl_status.xml': (t) => t.replace('<loglevel>', '<runasrole>ADMINISTRATOR</runasrole>\n      <loglevel>'),
    });
    expect(() => createNetSuiteDouble({ project: dir })).toThrow(
      /manifest\.xml: manifest\/dependencies\/features\/feature\[ADVANCEDSHIPPING\]: \[bad-feature\][\s\S]*Objects\/customscript_mlfx_rl_status\.xml: restlet\/scriptdeployments\/scriptdeployment\[customdeploy_mlfx_rl_status\]\/runasrole: \[unknown-element\]/,
    );
  });

  it('a project file deploy.xml does not deploy is not in the File Cabinet', () => {
    const dir = brokenCopy({ 'deploy.xml': (t) => t.replace('<path>~/FileCabinet/SuiteApps/com.mlfx.fedexconnector/*</path>', '<path>~/FileCabinet/SuiteApps/com.mlfx.fedexconnector/lib/*</path>') });
    expect(errorsOf(dir)).toContainEqual(expect.objectContaining({ file: 'Objects/customscript_mlfx_mr_ship.xml', path: 'mapreducescript/scriptfile', rule: 'missing-file', message: expect.stringContaining('no <files> path of deploy.xml deploys it') }));
  });
});

/** Every SDF project (a folder with Objects/) under the corpus, with or without its manifest. */
function corpusProjects(dir = CORPUS, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    if (entry === 'Objects') out.push(dir);
    else corpusProjects(path, out);
  }
  return out;
}

describe('SDF validation: published projects (test/fixtures/sdf-corpus)', () => {
  const projects = corpusProjects();

  it('finds every project of the corpus README (22)', () => {
    expect(projects).toHaveLength(22);
  });

  for (const project of projects) {
    const name = relative(CORPUS, project);
    it(`accepts ${name}`, () => {
      // Two record-scripting folders ship Objects only (fragments): they may name objects that live elsewhere.
      const fragment = !existsSync(join(project, 'manifest.xml'));
      const result = fragment ? validateSdf({ objectsDirs: [join(project, 'Objects')], fragment: true }) : validateSdf({ projectDir: project });
      const errors = result.errors.map((i) => formatIssue(i, project));
      if (name.endsWith('rest-file-api/src')) {
        // The README's one genuine defect: the RESTlet's script file is not in Oracle's sample.
        expect(errors).toEqual([
          'Objects/customscript_nscs_rl_rest_file_api.xml: restlet/scriptfile: [missing-file] /SuiteScripts/NSCS/REST File API/nscs_rl_file_api.js is not in the File Cabinet folder FileCabinet'.replace('FileCabinet', join(project, 'FileCabinet')),
        ]);
      } else {
        expect(errors).toEqual([]);
      }
      expect(result.objects.length).toBeGreaterThan(0);
    });
  }

  it('warns, without failing, where Oracle requires something its samples do not do (file named other than its scriptid)', () => {
    const project = join(CORPUS, 'oracle-samples__netsuite-suitecloud-samples/suitecloud-legacy-solutions-catalog/set-po-exchange-rate/src');
    const warnings = validateSdf({ projectDir: project }).warnings.filter((w) => w.rule === 'file-name');
    expect(warnings.map((w) => relative(project, w.file))).toEqual(['Objects/custbody__currency_po_amount.xml']);
  });
});
