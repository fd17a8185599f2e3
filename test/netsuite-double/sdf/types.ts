// The SDF objects the double models, as parsed from suiteapp/src/Objects/*.xml (sdf/parse-objects.ts).
import type { ScriptType } from '../types.js';

/** SDF object types of scripts, and the @NScriptType each must declare. */
export const SCRIPT_OBJECT_TYPES = {
  usereventscript: 'UserEventScript',
  mapreducescript: 'MapReduceScript',
  restlet: 'Restlet',
  suitelet: 'Suitelet',
  scheduledscript: 'ScheduledScript',
  sdfinstallationscript: 'SDFInstallationScript',
  clientscript: 'ClientScript',
} as const satisfies Record<string, ScriptType>;
export type ScriptObjectType = keyof typeof SCRIPT_OBJECT_TYPES;

/** generic_customfield_fieldtype values (SDF). */
export type SdfFieldType =
  | 'TEXT'
  | 'TEXTAREA'
  | 'CLOBTEXT'
  | 'RICHTEXT'
  | 'HELP'
  | 'INLINEHTML'
  | 'SELECT'
  | 'MULTISELECT'
  | 'INTEGER'
  | 'FLOAT'
  | 'CURRENCY'
  | 'PERCENT'
  | 'CHECKBOX'
  | 'DATE'
  | 'DATETIMETZ'
  | 'TIMEOFDAY'
  | 'URL'
  | 'EMAIL'
  | 'PHONE'
  | 'PASSWORD'
  | 'DOCUMENT'
  | 'IMAGE';

export interface SdfCustomField {
  scriptid: string;
  fieldtype: SdfFieldType;
  label: string;
  /** '-2' (a standard record by its number), or a custom record / custom list script id. */
  selectrecordtype: string | undefined;
  ismandatory: boolean;
  defaultvalue: string | undefined;
  defaultchecked: boolean;
  /** `[scriptid=customlist_x.val_y]` reduced to { list, value }. */
  defaultselection: { owner: string; value: string } | undefined;
  maxlength: number | undefined;
  /** applies-to flags and any other T/F children, lower-case tag → value. */
  flags: Record<string, boolean>;
}

export interface SdfScriptParameter {
  scriptid: string;
  fieldtype: SdfFieldType;
  label: string;
  defaultvalue: string | undefined;
  defaultchecked: boolean;
  selectrecordtype: string | undefined;
  /** COMPANY / USER / PORTLET when the parameter is a preference rather than per deployment. */
  setting: string | undefined;
}

export interface SdfDeployment {
  scriptid: string;
  /** RELEASED, TESTING, NOTSCHEDULED, SCHEDULED, … */
  status: string;
  isdeployed: boolean;
  title: string;
  /** User events: the record type, as SDF spells it (ITEMFULFILLMENT, INVOICE, customrecord_x). */
  recordtype: string | undefined;
  /** User events: the only event type the deployment runs on, if set (script_eventtype). */
  eventtype: string | undefined;
  /** Execution contexts the deployment runs in; undefined = all. */
  executioncontext: string[] | undefined;
  loglevel: 'DEBUG' | 'AUDIT' | 'ERROR' | 'EMERGENCY';
  /** custscript_* children: raw text as written in the XML. */
  parameterValues: Record<string, string>;
  /** 1-based position in the script, used as `deploy=` number in URLs. */
  number: number;
  /** Audience: every role may run it (RESTlets, Suitelets; user events of all roles). */
  allroles: boolean;
  /** Audience roles (audslctrole): standard ids (ADMINISTRATOR) or custom role script ids. */
  audienceRoles: string[];
  allemployees: boolean;
  audienceEmployees: string[];
  /** The role the script runs as (user events, Suitelets, background scripts), if set. */
  runasrole: string | undefined;
  raw: Record<string, unknown>;
}

export interface SdfScript {
  objectType: ScriptObjectType;
  scriptType: ScriptType;
  scriptid: string;
  name: string;
  /** File Cabinet path, e.g. /SuiteApps/com.mlfx.fedexconnector/customscript_x.js */
  scriptfile: string;
  isinactive: boolean;
  parameters: SdfScriptParameter[];
  deployments: SdfDeployment[];
  /** Numeric internal id the account gives the script record (script= in URLs). */
  internalId: number;
  file: string;
}

export interface SdfCustomRecordType {
  scriptid: string;
  recordname: string;
  includename: boolean;
  /** CUSTRECORDENTRYPERM (one permission for all), USEPERMISSIONLIST (per role, `permissions`), NONENEEDED. */
  accesstype: string;
  /** Per-role access when accesstype is USEPERMISSIONLIST: role id (ADMINISTRATOR, customrole_x) and level. */
  permissions: { role: string; level: string }[];
  fields: SdfCustomField[];
  file: string;
}

export interface SdfCustomList {
  scriptid: string;
  name: string;
  values: { scriptid: string; value: string; isinactive: boolean }[];
  file: string;
}

/** A custom role (SDF `role`): permissions by key (TRAN_ITEMSHIP, LIST_FILECABINET, customrecord_x, …). */
export interface SdfRole {
  scriptid: string;
  name: string;
  centertype: string | undefined;
  iswebserviceonlyrole: boolean;
  permissions: { permkey: string; permlevel: string }[];
  file: string;
}

/** An object of a type the double does not model: kept so checks can list it. */
export interface SdfOtherObject {
  objectType: string;
  scriptid: string;
  file: string;
}

export interface SdfProject {
  scripts: Map<string, SdfScript>;
  customRecordTypes: Map<string, SdfCustomRecordType>;
  bodyFields: Map<string, SdfCustomField>;
  columnFields: Map<string, SdfCustomField>;
  entityFields: Map<string, SdfCustomField>;
  itemFields: Map<string, SdfCustomField>;
  customLists: Map<string, SdfCustomList>;
  roles: Map<string, SdfRole>;
  secrets: Set<string>;
  others: SdfOtherObject[];
}
