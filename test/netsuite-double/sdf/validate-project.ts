// Validates an SDF project as `suitecloud project:validate` would, offline: every object file
// against Oracle's schema (validate-object.ts), manifest.xml (project type, ids, feature ids from
// features.json), deploy.xml (known sections, paths that exist, the <run> block naming an
// installation script and one of its deployments), references between objects (`[scriptid=…]`
// must name an object of the project, one the manifest lists as a dependency, or one nested in
// it), and the File Cabinet files objects point at (they must exist and be deployed by deploy.xml).
// It also returns the deploy plan: files, objects and installation scripts in deploy.xml's order.
//
// Leniency where Oracle's own published samples show NetSuite is lenient (see
// test/fixtures/sdf-corpus/README.md): a wildcard deploy.xml path to a folder the project does not
// have, and an object file named other than its scriptid, are warnings, not errors.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { SdfIssues, type SdfIssue } from './issues.js';
import { loadSdfSchema, type SdfSchema } from './schema.js';
import { validateObject, type ValidatedObject } from './validate-object.js';
import { parseXmlTree, type XmlElement } from './xml-tree.js';

export interface SdfValidationInput {
  /** SDF project folder with manifest.xml, deploy.xml, Objects/ and FileCabinet/ (optional). */
  projectDir?: string;
  /** Further Objects folders (test fixtures): every *.xml in them is validated and deployed. */
  objectsDirs?: readonly string[];
  /** Further File Cabinet roots (each maps to the File Cabinet's "/"), searched after the project's. */
  fileCabinetRoots?: readonly string[];
  schema?: SdfSchema;
  /**
   * Objects without their project (a published folder of Objects only): references to objects not
   * among them are warnings, as they may exist in the account. Default false.
   */
  fragment?: boolean;
}

export interface ManifestInfo {
  file: string;
  projecttype: 'SUITEAPP' | 'ACCOUNTCUSTOMIZATION' | string;
  publisherid?: string;
  projectid?: string;
  projectversion?: string;
  features: { id: string; required: boolean }[];
  /** Objects and files the project expects the account to have already. */
  dependencyObjects: Set<string>;
  dependencyFiles: Set<string>;
}

export interface InstallationRun {
  /** The sdfinstallationscript object file deploy.xml's <run> names. */
  objectFile: string;
  scriptid: string;
  deploymentId: string;
}

/** What a deploy does, in deploy.xml's order. */
export type DeployStep = { kind: 'files'; files: string[] } | { kind: 'objects'; files: string[] } | { kind: 'run'; run: InstallationRun } | { kind: 'other'; section: string };

export interface SdfValidation {
  issues: SdfIssue[];
  errors: SdfIssue[];
  warnings: SdfIssue[];
  /** Object files validated, in deploy order (project first, then the extra folders). */
  objects: ValidatedObject[];
  manifest?: ManifestInfo;
  /** deploy.xml's steps (project only). */
  steps: DeployStep[];
}

const SECTION_ROOTS: Record<string, string> = {
  files: 'FileCabinet',
  objects: 'Objects',
  configuration: 'AccountConfiguration',
  translationimports: 'Translations',
};

/** Script id prefixes of the object types the schema describes (others cannot be checked here). */
const MODELLED_PREFIXES = ['customscript', 'customrecord', 'custbody', 'custcol', 'custentity', 'custitem', 'customlist', 'customsearch', 'custsecret', 'customrole', 'custinteg'];

export function validateSdf(input: SdfValidationInput): SdfValidation {
  const schema = input.schema ?? loadSdfSchema();
  const issues = new SdfIssues();
  const objects: ValidatedObject[] = [];
  const steps: DeployStep[] = [];
  const project = input.projectDir;
  const projectCabinet = project ? join(project, 'FileCabinet') : undefined;
  let manifest: ManifestInfo | undefined;
  let deployedFiles = new Set<string>();

  if (project) {
    manifest = readManifest(schema, join(project, 'manifest.xml'), issues);
    const plan = readDeploy(join(project, 'deploy.xml'), project, manifest, issues);
    steps.push(...plan.steps);
    deployedFiles = new Set(plan.steps.flatMap((s) => (s.kind === 'files' ? s.files : [])));
    const deployedObjects = plan.steps.flatMap((s) => (s.kind === 'objects' ? s.files : []));
    for (const file of deployedObjects) {
      const object = readObject(schema, file, issues);
      if (object) objects.push(object);
    }
    for (const file of listFiles(join(project, 'Objects')).filter((f) => f.endsWith('.xml'))) {
      if (!deployedObjects.includes(file)) issues.warning(file, basename(file), 'not-deployed', `no <objects> path of deploy.xml includes this file: it is not deployed`);
    }
  }
  for (const dir of input.objectsDirs ?? []) {
    if (!existsSync(dir)) {
      issues.error(dir, '', 'missing-folder', 'SDF Objects folder not found');
      continue;
    }
    for (const file of listFiles(dir).filter((f) => f.endsWith('.xml'))) {
      const object = readObject(schema, file, issues);
      if (object) objects.push(object);
    }
  }

  checkUniqueIds(objects, issues);
  checkReferences(objects, manifest, issues, input.fragment === true);
  checkRolePermissions(objects, issues);
  const cabinets = [...(projectCabinet ? [projectCabinet] : []), ...(input.fileCabinetRoots ?? [])];
  checkFiles(objects, { project, projectCabinet, cabinets, deployedFiles, manifest }, issues);
  if (manifest) checkFeatures(objects, manifest, issues);
  checkRuns(steps, objects, issues);

  return { issues: issues.list, errors: issues.errors, warnings: issues.warnings, objects, manifest, steps };
}

function readObject(schema: SdfSchema, file: string, issues: SdfIssues): ValidatedObject | undefined {
  let root: XmlElement | undefined;
  try {
    const elements = parseXmlTree(readFileSync(file, 'utf8'));
    if (elements.length !== 1) throw new Error(`expected one root element, found ${elements.length}`);
    root = elements[0];
  } catch (error) {
    issues.error(file, '', 'malformed-xml', (error as Error).message);
    return undefined;
  }
  const object = validateObject(schema, file, root!, issues);
  if (object.scriptid && basename(file) !== `${object.scriptid}.xml`) {
    // Oracle requires it, yet two of its published samples deploy with another name: a warning.
    issues.warning(file, object.type, 'file-name', `file name should be the object's scriptid: ${object.scriptid}.xml`);
  }
  return object;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile() && !entry.name.startsWith('.')) out.push(path);
  }
  return out;
}

// ---------------------------------------------------------------- manifest.xml

const MANIFEST_CHILDREN = new Set(['publisherid', 'projectid', 'projectname', 'projectversion', 'frameworkversion', 'dependencies']);
const DEPENDENCY_CHILDREN: Record<string, string> = { features: 'feature', objects: 'object', files: 'file', applications: 'application', platformextensions: 'platformextension' };

function readManifest(schema: SdfSchema, file: string, issues: SdfIssues): ManifestInfo | undefined {
  if (!existsSync(file)) {
    issues.error(file, 'manifest', 'missing-file', 'the project has no manifest.xml');
    return undefined;
  }
  let root: XmlElement;
  try {
    const elements = parseXmlTree(readFileSync(file, 'utf8'));
    if (elements[0]?.name !== 'manifest' || elements.length !== 1) throw new Error('the root element must be <manifest>');
    root = elements[0];
  } catch (error) {
    issues.error(file, 'manifest', 'malformed-xml', (error as Error).message);
    return undefined;
  }
  const projecttype = root.attributes.projecttype ?? '';
  if (projecttype !== 'SUITEAPP' && projecttype !== 'ACCOUNTCUSTOMIZATION') {
    issues.error(file, 'manifest/@projecttype', 'bad-value', `projecttype must be SUITEAPP or ACCOUNTCUSTOMIZATION, not "${projecttype}"`);
  }
  const text = (name: string) => root.children.find((c) => c.name === name)?.text || undefined;
  for (const child of root.children) {
    if (!MANIFEST_CHILDREN.has(child.name)) issues.error(file, `manifest/${child.name}`, 'unknown-element', `<${child.name}> is not an element of <manifest>`);
  }
  const info: ManifestInfo = {
    file,
    projecttype,
    publisherid: text('publisherid'),
    projectid: text('projectid'),
    projectversion: text('projectversion'),
    features: [],
    dependencyObjects: new Set(),
    dependencyFiles: new Set(),
  };
  if (!text('projectname')) issues.error(file, 'manifest/projectname', 'missing-element', '<projectname> is required');
  if (projecttype === 'SUITEAPP') {
    for (const name of ['publisherid', 'projectid', 'projectversion'] as const) {
      if (!info[name]) issues.error(file, `manifest/${name}`, 'missing-element', `a SuiteApp's manifest needs <${name}>`);
    }
    if (info.publisherid && !/^[a-z0-9]+(\.[a-z0-9]+)+$/.test(info.publisherid)) issues.error(file, 'manifest/publisherid', 'bad-value', `publisherid "${info.publisherid}" must look like com.example`);
    if (info.projectid && !/^[a-z0-9]+$/.test(info.projectid)) issues.error(file, 'manifest/projectid', 'bad-value', `projectid "${info.projectid}" may hold only lower-case letters and digits`);
    if (info.projectversion && !/^\d+\.\d+\.\d+$/.test(info.projectversion)) issues.error(file, 'manifest/projectversion', 'bad-value', `projectversion "${info.projectversion}" must be major.minor.patch`);
  }
  for (const dependencies of root.children.filter((c) => c.name === 'dependencies')) {
    for (const group of dependencies.children) {
      const item = DEPENDENCY_CHILDREN[group.name];
      const path = `manifest/dependencies/${group.name}`;
      if (!item) {
        issues.error(file, path, 'unknown-element', `<${group.name}> is not an element of <dependencies> (${Object.keys(DEPENDENCY_CHILDREN).join(', ')})`);
        continue;
      }
      for (const entry of group.children) {
        if (entry.name !== item) {
          issues.error(file, `${path}/${entry.name}`, 'unknown-element', `<${group.name}> holds <${item}> elements, not <${entry.name}>`);
          continue;
        }
        if (item === 'feature') {
          const required = entry.attributes.required ?? 'true';
          if (required !== 'true' && required !== 'false') issues.error(file, `${path}/feature[${entry.text}]/@required`, 'bad-value', `required must be true or false, not "${required}"`);
          if (!schema.features.has(entry.text)) {
            issues.error(file, `${path}/feature[${entry.text}]`, 'bad-feature', `"${entry.text}" is not an SDF feature id${nearFeatures(schema, entry.text)}`);
          }
          info.features.push({ id: entry.text, required: required === 'true' });
        } else if (item === 'object') {
          info.dependencyObjects.add(entry.text);
        } else if (item === 'file') {
          info.dependencyFiles.add(entry.text);
        }
      }
    }
  }
  return info;
}

function nearFeatures(schema: SdfSchema, id: string): string {
  const stem = id.replace(/^ADVANCED/, 'ADV').slice(0, 6);
  const near = [...schema.features].filter((f) => f.startsWith(stem) || f.includes(id.slice(-8)));
  return near.length > 0 && near.length < 12 ? ` (did you mean ${near.join(', ')}?)` : '';
}

// ---------------------------------------------------------------- deploy.xml

function readDeploy(file: string, project: string, manifest: ManifestInfo | undefined, issues: SdfIssues): { steps: DeployStep[] } {
  const steps: DeployStep[] = [];
  if (!existsSync(file)) {
    issues.error(file, 'deploy', 'missing-file', 'the project has no deploy.xml');
    return { steps };
  }
  let root: XmlElement;
  try {
    const elements = parseXmlTree(readFileSync(file, 'utf8'));
    if (elements[0]?.name !== 'deploy' || elements.length !== 1) throw new Error('the root element must be <deploy>');
    root = elements[0];
  } catch (error) {
    issues.error(file, 'deploy', 'malformed-xml', (error as Error).message);
    return { steps };
  }
  for (const section of root.children) {
    const path = `deploy/${section.name}`;
    if (section.name === 'run') {
      if (manifest?.projecttype !== 'SUITEAPP') issues.error(file, path, 'unavailable-element', 'only SuiteApp projects can run SDF installation scripts');
      for (const script of section.children) {
        if (script.name !== 'script') {
          issues.error(file, `${path}/${script.name}`, 'unknown-element', `<run> holds <script> elements, not <${script.name}>`);
          continue;
        }
        const scriptPath = script.children.find((c) => c.name === 'path')?.text ?? '';
        const deploymentId = script.children.find((c) => c.name === 'deployment')?.text ?? '';
        for (const extra of script.children.filter((c) => c.name !== 'path' && c.name !== 'deployment')) {
          issues.error(file, `${path}/script/${extra.name}`, 'unknown-element', `<script> holds <path> and <deployment>, not <${extra.name}>`);
        }
        if (!scriptPath.startsWith('~/Objects/') || !scriptPath.endsWith('.xml')) {
          issues.error(file, `${path}/script/path`, 'bad-value', `<path> must name an object file, ~/Objects/….xml; got "${scriptPath}"`);
          continue;
        }
        if (!deploymentId) issues.error(file, `${path}/script/deployment`, 'missing-element', '<script> needs the <deployment> to run');
        steps.push({ kind: 'run', run: { objectFile: join(project, scriptPath.slice(2)), scriptid: '', deploymentId } });
      }
      continue;
    }
    const top = SECTION_ROOTS[section.name];
    if (!top) {
      issues.error(file, path, 'unknown-element', `<${section.name}> is not a section of deploy.xml (${[...Object.keys(SECTION_ROOTS), 'run'].join(', ')})`);
      continue;
    }
    const matched: string[] = [];
    for (const entry of section.children) {
      if (entry.name !== 'path') {
        issues.error(file, `${path}/${entry.name}`, 'unknown-element', `<${section.name}> holds <path> elements, not <${entry.name}>`);
        continue;
      }
      matched.push(...resolveDeployPath(file, `${path}/path`, entry.text, project, top, issues));
      if (section.name === 'files' && manifest?.projecttype === 'SUITEAPP' && manifest.publisherid && manifest.projectid) {
        const own = `~/FileCabinet/SuiteApps/${manifest.publisherid}.${manifest.projectid}/`;
        if (!entry.text.startsWith(own)) issues.error(file, `${path}/path`, 'bad-value', `a SuiteApp deploys files only to its own folder ${own}; got "${entry.text}"`);
      }
    }
    if (section.name === 'files') steps.push({ kind: 'files', files: matched });
    else if (section.name === 'objects') steps.push({ kind: 'objects', files: matched.filter((f) => f.endsWith('.xml')) });
    else steps.push({ kind: 'other', section: section.name });
  }
  return { steps };
}

/** The project files a deploy.xml path names: `~/Folder/file`, or `~/Folder/sub/*` (that folder, recursively). */
function resolveDeployPath(file: string, path: string, value: string, project: string, top: string, issues: SdfIssues): string[] {
  if (!value.startsWith(`~/${top}/`) && value !== `~/${top}/*`) {
    issues.error(file, path, 'bad-value', `"${value}" must start with ~/${top}/`);
    return [];
  }
  const relativePath = value.slice(2);
  if (relativePath.endsWith('/*')) {
    const dir = join(project, relativePath.slice(0, -2));
    if (!existsSync(dir)) {
      // Oracle's own samples list ~/Translations/* and ~/AccountConfiguration/* without those folders.
      issues.warning(file, path, 'missing-path', `"${value}": the project has no folder ${relative(project, dir) || '.'}; nothing is deployed from it`);
      return [];
    }
    return listFiles(dir);
  }
  if (relativePath.includes('*')) {
    issues.error(file, path, 'bad-value', `"${value}": a wildcard may only end a path (…/*)`);
    return [];
  }
  const target = join(project, relativePath);
  if (!existsSync(target)) {
    issues.error(file, path, 'missing-path', `"${value}" does not exist in the project`);
    return [];
  }
  return statSync(target).isDirectory() ? listFiles(target) : [target];
}

function checkRuns(steps: DeployStep[], objects: ValidatedObject[], issues: SdfIssues): void {
  for (const step of steps) {
    if (step.kind !== 'run') continue;
    const object = objects.find((o) => o.file === step.run.objectFile);
    const where = 'deploy/run/script';
    const deployFile = join(step.run.objectFile.split(`${sep}Objects${sep}`)[0] ?? '', 'deploy.xml');
    if (!object) {
      issues.error(deployFile, `${where}/path`, 'broken-reference', `${relative(join(deployFile, '..'), step.run.objectFile)} is not an object this deploy deploys`);
      continue;
    }
    if (object.type !== 'sdfinstallationscript') {
      issues.error(deployFile, `${where}/path`, 'bad-value', `<run> runs sdfinstallationscript objects; ${object.scriptid} is a ${object.type}`);
      continue;
    }
    step.run.scriptid = object.scriptid;
    if (step.run.deploymentId && object.nested.get(step.run.deploymentId) !== 'scriptdeployment') {
      issues.error(deployFile, `${where}/deployment`, 'broken-reference', `${object.scriptid} has no deployment ${step.run.deploymentId}`);
    }
  }
}

// ---------------------------------------------------------------- cross-object checks

function checkUniqueIds(objects: ValidatedObject[], issues: SdfIssues): void {
  const seen = new Map<string, string>();
  for (const o of objects) {
    if (!o.scriptid) continue;
    const previous = seen.get(o.scriptid);
    if (previous) issues.error(o.file, o.type, 'duplicate-object', `object ${o.scriptid} is already defined in ${previous}`);
    else seen.set(o.scriptid, o.file);
  }
}

function checkReferences(objects: ValidatedObject[], manifest: ManifestInfo | undefined, issues: SdfIssues, fragment: boolean): void {
  // A fragment (Objects without a project around them) may name objects that live elsewhere.
  const report = fragment ? issues.warning.bind(issues) : issues.error.bind(issues);
  const byId = new Map(objects.filter((o) => o.scriptid).map((o) => [o.scriptid, o]));
  for (const object of objects) {
    for (const ref of object.references) {
      if (ref.appid) {
        issues.warning(ref.file, ref.path, 'unverifiable-reference', `[appid=${ref.appid}, scriptid=${ref.ids.join('.')}] is an object of another SuiteApp: not checked`);
        continue;
      }
      const [rootId, ...nested] = ref.ids as [string, ...string[]];
      const target = byId.get(rootId);
      const text = `[scriptid=${ref.ids.join('.')}]`;
      if (rootId === 'ACCOUNT_SPECIFIC_VALUE') {
        // SDF refuses account-specific values in SuiteApps; account customization projects may allow them.
        const message = `${text} is an account-specific value`;
        if (manifest?.projecttype === 'SUITEAPP') issues.error(ref.file, ref.path, 'account-specific-value', `${message}, which a SuiteApp may not contain`);
        else issues.warning(ref.file, ref.path, 'account-specific-value', `${message}: SDF stops the deploy unless the project allows them`);
        continue;
      }
      if (!target) {
        if (manifest?.dependencyObjects.has(rootId)) continue;
        if (MODELLED_PREFIXES.some((p) => rootId.startsWith(p))) {
          report(ref.file, ref.path, 'broken-reference', `${text} names no object of the project (nor a dependency in manifest.xml)`);
        } else {
          issues.warning(ref.file, ref.path, 'unverifiable-reference', `${text}: objects of this kind are not in the schema data, so the reference is not checked`);
        }
        continue;
      }
      let type = target.type;
      if (nested.length > 0 && target.modelled) {
        const last = nested.at(-1)!;
        const nestedType = target.nested.get(last);
        if (!nestedType || nested.some((id) => !target.nested.has(id))) {
          report(ref.file, ref.path, 'broken-reference', `${text}: ${rootId} has no ${nested.join('.')}`);
          continue;
        }
        type = nestedType;
      }
      const accepted = (ref.refTypes ?? []).filter((t) => t !== 'string');
      // The accepted types come from Oracle's descriptions, which Oracle's own samples show to be
      // incomplete (sourcefrom naming an item or custom record field): a warning only.
      if (accepted.length > 0 && !accepted.includes(type)) {
        issues.warning(ref.file, ref.path, 'reference-type', `${text} is a ${type}; the schema's description lists ${accepted.join(', ')}`);
      }
    }
  }
}

/**
 * A custom record that lists a custom role (USEPERMISSIONLIST) and the role that lists the record
 * must agree on the level: practitioners report SDF refusing the deploy otherwise.
 */
function checkRolePermissions(objects: ValidatedObject[], issues: SdfIssues): void {
  const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name)?.text ?? '';
  const grants = (o: ValidatedObject, keyName: string, levelName: string) =>
    (o.root.children.find((c) => c.name === 'permissions')?.children ?? []).map((p) => ({ target: /^\[scriptid=([a-z0-9_]+)\]$/.exec(child(p, keyName))?.[1], level: child(p, levelName) }));
  const roles = new Map(objects.filter((o) => o.type === 'role').map((o) => [o.scriptid, grants(o, 'permkey', 'permlevel')]));
  for (const record of objects.filter((o) => o.type === 'customrecordtype')) {
    for (const { target: role, level } of grants(record, 'permittedrole', 'permittedlevel')) {
      const granted = role ? roles.get(role)?.find((g) => g.target === record.scriptid) : undefined;
      if (role && roles.has(role) && granted && granted.level !== level) {
        issues.error(record.file, `customrecordtype/permissions/permission[${role}]`, 'permission-mismatch', `${record.scriptid} gives ${role} ${level}, but the role gives itself ${granted.level} on ${record.scriptid}: the levels must match`);
      } else if (role && roles.has(role) && !granted) {
        issues.warning(record.file, `customrecordtype/permissions/permission[${role}]`, 'permission-mismatch', `${record.scriptid} lists ${role}, whose permissions do not list ${record.scriptid}`);
      }
    }
  }
}

interface FileContext {
  project: string | undefined;
  projectCabinet: string | undefined;
  cabinets: string[];
  deployedFiles: Set<string>;
  manifest: ManifestInfo | undefined;
}

function checkFiles(objects: ValidatedObject[], ctx: FileContext, issues: SdfIssues): void {
  for (const object of objects) {
    const inProject = ctx.project !== undefined && object.file.startsWith(ctx.project + sep);
    for (const ref of object.files) {
      if (ref.mustBeScript && !ref.fileCabinetPath.endsWith('.js')) {
        issues.error(ref.file, ref.path, 'bad-value', `${ref.fileCabinetPath} must be a .js file`);
      }
      if (ctx.manifest?.dependencyFiles.has(ref.fileCabinetPath)) continue; // the account has it already
      const roots = inProject ? [ctx.projectCabinet!] : ctx.cabinets;
      const disk = roots.map((r) => join(r, ref.fileCabinetPath)).find((p) => existsSync(p));
      if (!disk) {
        issues.error(ref.file, ref.path, 'missing-file', `${ref.fileCabinetPath} is not in the File Cabinet folder${roots.length === 1 ? '' : 's'} ${roots.join(', ') || '(none)'}`);
      } else if (inProject && !ctx.deployedFiles.has(disk)) {
        issues.error(ref.file, ref.path, 'missing-file', `${ref.fileCabinetPath} exists but no <files> path of deploy.xml deploys it`);
      }
    }
  }
}

function checkFeatures(objects: ValidatedObject[], manifest: ManifestInfo, issues: SdfIssues): void {
  const declared = new Set(manifest.features.map((f) => f.id));
  const reported = new Set<string>();
  for (const object of objects) {
    for (const { feature, path } of object.features) {
      if (declared.has(feature) || reported.has(`${object.file}:${feature}`)) continue;
      reported.add(`${object.file}:${feature}`);
      issues.warning(object.file, path, 'feature-not-declared', `uses a field that needs the ${feature} feature, which manifest.xml does not list`);
    }
  }
}
