// Reads an SDF project's objects into the model of sdf/types.ts, after validate-project.ts has
// checked them against Oracle's schema (a project with errors never loads: SdfValidationError
// names each file, element path and rule). Shapes follow what SDF writes (see shared/notes:
// oracle-samples usereventscript, helloextend mapreducescript, customrecordtype with
// customrecordcustomfields, customlist with customvalues, <secret/>).
// Object types the double does not model are kept in `others`, never rejected.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SdfValidationError } from './issues.js';
import { validateSdf, type SdfValidation, type SdfValidationInput } from './validate-project.js';
import {
  SCRIPT_OBJECT_TYPES,
  type ScriptObjectType,
  type SdfCustomField,
  type SdfCustomList,
  type SdfCustomRecordType,
  type SdfDeployment,
  type SdfFieldType,
  type SdfProject,
  type SdfRole,
  type SdfScript,
  type SdfScriptParameter,
} from './types.js';

type XmlNode = Record<string, unknown>;

const REPEATED = new Set(['scriptdeployment', 'scriptcustomfield', 'customrecordcustomfield', 'customvalue', 'permission']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

export class SdfObjectError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${basename(file)}: ${message}`);
    this.name = 'SdfObjectError';
  }
}

export function emptyProject(): SdfProject {
  return {
    scripts: new Map(),
    customRecordTypes: new Map(),
    bodyFields: new Map(),
    columnFields: new Map(),
    entityFields: new Map(),
    itemFields: new Map(),
    customLists: new Map(),
    roles: new Map(),
    secrets: new Set(),
    others: [],
  };
}

export interface LoadedSdf {
  project: SdfProject;
  validation: SdfValidation;
}

/**
 * Validates (validate-project.ts) and reads a project and/or Objects folders; throws
 * SdfValidationError listing every error when any is found. Warnings are in `validation`.
 */
export function loadSdf(input: SdfValidationInput): LoadedSdf {
  const validation = validateSdf(input);
  if (validation.errors.length > 0) throw new SdfValidationError(validation.issues, input.projectDir);
  const project = emptyProject();
  for (const object of validation.objects) addObjectFile(project, object.file, readFileSync(object.file, 'utf8'));
  let internalId = 101;
  for (const id of [...project.scripts.keys()].sort()) project.scripts.get(id)!.internalId = internalId++;
  return { project, validation };
}

/** Validates and parses every *.xml of the given Objects folders (recursively). */
export function loadSdfObjects(objectsDirs: readonly string[], fileCabinetRoots: readonly string[] = []): SdfProject {
  return loadSdf({ objectsDirs, fileCabinetRoots }).project;
}

/** Parses one object file (already validated) into the project; returns its scriptid. */
function addObjectFile(project: SdfProject, file: string, xml: string): string {
  const doc = parser.parse(xml) as XmlNode;
  const roots = Object.keys(doc).filter((k) => k !== '?xml');
  if (roots.length !== 1) throw new SdfObjectError(file, `expected one root element, found ${roots.length}`);
  const objectType = roots[0]!;
  const node = asNode(doc[objectType]);
  const scriptid = attr(node, 'scriptid');
  if (!scriptid) throw new SdfObjectError(file, `<${objectType}> has no scriptid attribute`);

  if (objectType in SCRIPT_OBJECT_TYPES) {
    project.scripts.set(scriptid, parseScript(file, objectType as ScriptObjectType, scriptid, node));
  } else if (objectType === 'customrecordtype') {
    project.customRecordTypes.set(scriptid, parseCustomRecordType(file, scriptid, node));
  } else if (objectType === 'transactionbodycustomfield') {
    project.bodyFields.set(scriptid, parseCustomField(file, scriptid, node));
  } else if (objectType === 'transactioncolumncustomfield') {
    project.columnFields.set(scriptid, parseCustomField(file, scriptid, node));
  } else if (objectType === 'entitycustomfield') {
    project.entityFields.set(scriptid, parseCustomField(file, scriptid, node));
  } else if (objectType === 'itemcustomfield') {
    project.itemFields.set(scriptid, parseCustomField(file, scriptid, node));
  } else if (objectType === 'customlist') {
    project.customLists.set(scriptid, parseCustomList(file, scriptid, node));
  } else if (objectType === 'secret') {
    project.secrets.add(scriptid);
  } else if (objectType === 'role') {
    project.roles.set(scriptid, parseRole(scriptid, node, file));
  } else {
    project.others.push({ objectType, scriptid, file });
  }
  return scriptid;
}

function parseScript(file: string, objectType: ScriptObjectType, scriptid: string, node: XmlNode): SdfScript {
  const scriptfile = text(node, 'scriptfile');
  const path = /^\[(\/.+\.js)\]$/.exec(scriptfile ?? '')?.[1];
  if (!path) throw new SdfObjectError(file, `<scriptfile> must be a File Cabinet path in brackets, e.g. [/SuiteApps/…/x.js]; got ${JSON.stringify(scriptfile)}`);
  const parameters = list(node, 'scriptcustomfields', 'scriptcustomfield').map((p) => parseParameter(file, p));
  const deployments = list(node, 'scriptdeployments', 'scriptdeployment').map((d, i) => parseDeployment(file, d, i + 1));
  const known = new Set(parameters.map((p) => p.scriptid));
  for (const d of deployments) {
    for (const id of Object.keys(d.parameterValues)) {
      if (!known.has(id)) throw new SdfObjectError(file, `deployment ${d.scriptid} sets ${id}, which is not a parameter of ${scriptid}`);
    }
  }
  return {
    objectType,
    scriptType: SCRIPT_OBJECT_TYPES[objectType],
    scriptid,
    name: text(node, 'name') ?? scriptid,
    scriptfile: path,
    isinactive: bool(node, 'isinactive', false),
    parameters,
    deployments,
    internalId: 0,
    file,
  };
}

function parseParameter(file: string, node: XmlNode): SdfScriptParameter {
  const scriptid = attr(node, 'scriptid');
  if (!scriptid?.startsWith('custscript')) throw new SdfObjectError(file, `script parameter ids start with custscript: ${scriptid}`);
  return {
    scriptid,
    fieldtype: fieldType(file, node),
    label: text(node, 'label') ?? scriptid,
    defaultvalue: text(node, 'defaultvalue'),
    defaultchecked: bool(node, 'defaultchecked', false),
    selectrecordtype: reference(text(node, 'selectrecordtype')),
    setting: text(node, 'setting'),
  };
}

const LOG_LEVELS = new Set(['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY']);

function parseDeployment(file: string, node: XmlNode, number: number): SdfDeployment {
  const scriptid = attr(node, 'scriptid');
  if (!scriptid?.startsWith('customdeploy')) throw new SdfObjectError(file, `deployment ids start with customdeploy: ${scriptid}`);
  const loglevel = text(node, 'loglevel') ?? 'DEBUG';
  if (!LOG_LEVELS.has(loglevel)) throw new SdfObjectError(file, `deployment ${scriptid}: unknown loglevel ${loglevel}`);
  const contexts = text(node, 'executioncontext');
  const parameterValues: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('custscript')) parameterValues[key] = typeof value === 'string' ? value : '';
  }
  return {
    scriptid,
    status: text(node, 'status') ?? 'TESTING',
    isdeployed: bool(node, 'isdeployed', true),
    title: text(node, 'title') ?? scriptid,
    recordtype: reference(text(node, 'recordtype')),
    eventtype: text(node, 'eventtype'),
    executioncontext: contexts ? contexts.split('|').map((c) => c.trim().toUpperCase()).filter(Boolean) : undefined,
    loglevel: loglevel as SdfDeployment['loglevel'],
    parameterValues,
    number,
    allroles: bool(node, 'allroles', false),
    audienceRoles: multi(text(node, 'audslctrole')),
    allemployees: bool(node, 'allemployees', false),
    audienceEmployees: multi(text(node, 'audemployee')),
    runasrole: reference(text(node, 'runasrole')),
    raw: node,
  };
}

function parseRole(scriptid: string, node: XmlNode, file: string): SdfRole {
  return {
    scriptid,
    name: text(node, 'name') ?? scriptid,
    centertype: text(node, 'centertype'),
    iswebserviceonlyrole: bool(node, 'iswebserviceonlyrole', false),
    permissions: list(node, 'permissions', 'permission').map((p) => ({ permkey: reference(text(p, 'permkey')) ?? '', permlevel: text(p, 'permlevel') ?? 'NONE' })),
    file,
  };
}

/** A multi-select list value (`A|[scriptid=b]`) as plain ids: ['A', 'b']. */
function multi(value: string | undefined): string[] {
  return (value ?? '')
    .split('|')
    .map((v) => reference(v.trim()))
    .filter((v): v is string => Boolean(v));
}

function parseCustomRecordType(file: string, scriptid: string, node: XmlNode): SdfCustomRecordType {
  if (!scriptid.startsWith('customrecord')) throw new SdfObjectError(file, `custom record type ids start with customrecord: ${scriptid}`);
  return {
    scriptid,
    recordname: text(node, 'recordname') ?? scriptid,
    includename: bool(node, 'includename', true),
    accesstype: text(node, 'accesstype') ?? 'CUSTRECORDENTRYPERM',
    permissions: list(node, 'permissions', 'permission').map((p) => ({ role: reference(text(p, 'permittedrole')) ?? '', level: text(p, 'permittedlevel') ?? 'NONE' })),
    fields: list(node, 'customrecordcustomfields', 'customrecordcustomfield').map((f) => parseCustomField(file, attr(f, 'scriptid') ?? '', f)),
    file,
  };
}

function parseCustomField(file: string, scriptid: string, node: XmlNode): SdfCustomField {
  if (!scriptid) throw new SdfObjectError(file, 'custom field without scriptid');
  const type = fieldType(file, node);
  const selectrecordtype = reference(text(node, 'selectrecordtype'));
  if ((type === 'SELECT' || type === 'MULTISELECT') && !selectrecordtype) {
    throw new SdfObjectError(file, `${scriptid}: a ${type} field needs <selectrecordtype>`);
  }
  const flags: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === 'T' || value === 'F') flags[key] = value === 'T';
  }
  const maxlength = text(node, 'maxlength');
  const selection = /^\[scriptid=([a-z0-9_]+)\.([a-z0-9_]+)\]$/i.exec(text(node, 'defaultselection') ?? '');
  return {
    scriptid,
    fieldtype: type,
    label: text(node, 'label') ?? scriptid,
    selectrecordtype,
    ismandatory: bool(node, 'ismandatory', false),
    defaultvalue: text(node, 'defaultvalue'),
    defaultchecked: bool(node, 'defaultchecked', false),
    defaultselection: selection ? { owner: selection[1]!, value: selection[2]! } : undefined,
    maxlength: maxlength ? Number(maxlength) : undefined,
    flags,
  };
}

function parseCustomList(file: string, scriptid: string, node: XmlNode): SdfCustomList {
  if (!scriptid.startsWith('customlist')) throw new SdfObjectError(file, `custom list ids start with customlist: ${scriptid}`);
  return {
    scriptid,
    name: text(node, 'name') ?? scriptid,
    values: list(node, 'customvalues', 'customvalue').map((v) => ({
      scriptid: attr(v, 'scriptid') ?? '',
      value: text(v, 'value') ?? '',
      isinactive: bool(v, 'isinactive', false),
    })),
    file,
  };
}

const FIELD_TYPES = new Set<SdfFieldType>([
  'TEXT', 'TEXTAREA', 'CLOBTEXT', 'RICHTEXT', 'HELP', 'INLINEHTML', 'SELECT', 'MULTISELECT', 'INTEGER', 'FLOAT',
  'CURRENCY', 'PERCENT', 'CHECKBOX', 'DATE', 'DATETIMETZ', 'TIMEOFDAY', 'URL', 'EMAIL', 'PHONE', 'PASSWORD', 'DOCUMENT', 'IMAGE',
]);

function fieldType(file: string, node: XmlNode): SdfFieldType {
  const value = text(node, 'fieldtype') ?? 'TEXT';
  if (!FIELD_TYPES.has(value as SdfFieldType)) {
    throw new SdfObjectError(file, `${attr(node, 'scriptid')}: unknown fieldtype ${value} (SDF uses TEXT, SELECT, CHECKBOX, …; not FREEFORMTEXT)`);
  }
  return value as SdfFieldType;
}

/** `[scriptid=customrecord_x]` → 'customrecord_x'; '-10' stays; '' → undefined. */
function reference(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^\[scriptid=([^\]]+)\]$/.exec(value)?.[1] ?? value;
}

function asNode(value: unknown): XmlNode {
  return typeof value === 'object' && value !== null ? (value as XmlNode) : {};
}

function attr(node: XmlNode, name: string): string | undefined {
  const v = node[`@_${name}`];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function text(node: XmlNode, name: string): string | undefined {
  const v = node[name];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'object' && v !== null && typeof (v as XmlNode)['#text'] === 'string') return (v as XmlNode)['#text'] as string;
  return undefined;
}

function bool(node: XmlNode, name: string, fallback: boolean): boolean {
  const v = text(node, name);
  return v === undefined ? fallback : v === 'T';
}

function list(node: XmlNode, container: string, item: string): XmlNode[] {
  const c = node[container];
  if (typeof c !== 'object' || c === null) return [];
  const items = (c as XmlNode)[item];
  return Array.isArray(items) ? items.map(asNode) : [];
}
