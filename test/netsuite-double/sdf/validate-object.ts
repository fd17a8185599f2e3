// Checks one SDF object file against Oracle's schema (schema.ts): unknown elements and attributes,
// missing required ones, values outside their type or list (T/F, numbers and bounds, enums, the
// lists a select field takes its values from, lengths), the conditional rules (`when`), scriptid
// patterns, and the children an element may hold because the object declares them
// (`customChildrenFrom`). What can only be checked against the whole project (references to
// other objects, File Cabinet files, manifest features) is collected for validate-project.ts.
//
// An empty element (<eventtype></eventtype>, which SDF exports write) counts as unset.
import type { SdfIssues } from './issues.js';
import type { SchemaField, SdfSchema, WhenRule } from './schema.js';
import type { XmlElement } from './xml-tree.js';

/** A reference to another object found in a value: `[scriptid=a.b]`, `[a]` or `[appid=x, scriptid=a]`. */
export interface ObjectReference {
  file: string;
  path: string;
  /** Script ids from the root object down: ['customlist_x', 'val_y']. */
  ids: string[];
  /** Another SuiteApp's object (`appid=`): cannot be checked here. */
  appid?: string;
  /** Object types the field accepts (from the schema), when known. */
  refTypes?: string[];
}

/** A File Cabinet path in brackets, e.g. [/SuiteApps/com.x/y.js]. */
export interface FileReference {
  file: string;
  path: string;
  fileCabinetPath: string;
  /** `scriptfile` must name a .js file. */
  mustBeScript: boolean;
}

export interface ValidatedObject {
  file: string;
  type: string;
  scriptid: string;
  root: XmlElement;
  /** Nested script ids by dotted path ('custrecord_x', 'customdeploy_y', 'val_z') → element name (its type). */
  nested: Map<string, string>;
  references: ObjectReference[];
  files: FileReference[];
  /** Feature ids the schema says fields in use need in manifest.xml (a missing one is only a warning). */
  features: { feature: string; path: string }[];
  /** false when the type is not one the schema describes (kept, not checked). */
  modelled: boolean;
}

/** `[scriptid=a.b]`, `[a.b]`, `[appid=com.x, scriptid=a]`; undefined for anything else. */
export function parseReference(value: string): { ids: string[]; appid?: string } | undefined {
  const inner = /^\[([^\]]+)\]$/.exec(value.trim())?.[1];
  if (!inner || inner.startsWith('/')) return undefined;
  const parts = Object.fromEntries(
    inner.split(',').map((p) => {
      const [k, v] = p.split('=').map((s) => s.trim());
      return v === undefined ? ['scriptid', k ?? ''] : [k ?? '', v];
    }),
  ) as Record<string, string>;
  const scriptid = parts.scriptid;
  if (!scriptid || !/^[a-z0-9_.]+$/i.test(scriptid)) return undefined;
  return { ids: scriptid.split('.'), ...(parts.appid ? { appid: parts.appid } : {}) };
}

const SCRIPTID_CHARS = /^[a-z0-9_]+$/;

export function validateObject(schema: SdfSchema, file: string, root: XmlElement, issues: SdfIssues): ValidatedObject {
  const type = root.name;
  const scriptid = root.attributes.scriptid ?? '';
  const result: ValidatedObject = { file, type, scriptid, root, nested: new Map(), references: [], files: [], features: [], modelled: type in schema.types };
  if (!scriptid) issues.error(file, type, 'missing-attribute', `<${type}> has no scriptid attribute`);
  if (!result.modelled) return result;
  const walker = new Walker(schema, file, root, issues, result);
  walker.element(root, schema.types[type]!, [type], []);
  return result;
}

class Walker {
  constructor(
    private readonly schema: SdfSchema,
    private readonly file: string,
    private readonly objectRoot: XmlElement,
    private readonly issues: SdfIssues,
    private readonly result: ValidatedObject,
  ) {}

  element(node: XmlElement, field: SchemaField, path: string[], ancestors: Scope[]): void {
    const here = path.join('/');
    this.attributes(node, field, here, path.length === 1);
    if (node.text && field.children && Object.keys(field.children).length > 0) {
      this.issues.error(this.file, here, 'bad-value', `<${node.name}> holds elements, not text ("${node.text.slice(0, 40)}")`);
    }
    const allowed = field.children ?? {};
    const custom = this.customChildren(field);
    const seen = new Map<string, number>();
    for (const child of node.children) {
      const count = (seen.get(child.name) ?? 0) + 1;
      seen.set(child.name, count);
      const childPath = [...path, label(child)];
      const spec = allowed[child.name];
      if (!spec) {
        if (custom.has(child.name)) {
          this.customValue(child, custom.get(child.name)!, childPath.join('/'));
          continue;
        }
        const hint = Object.keys(allowed).length > 0 ? ` (allowed here: ${Object.keys(allowed).join(', ')})` : '';
        this.issues.error(this.file, childPath.join('/'), 'unknown-element', `<${child.name}> is not an element of <${node.name}> in the ${this.result.type} schema${hint}`);
        continue;
      }
      if (count === 2 && !spec.list) {
        this.issues.error(this.file, childPath.join('/'), 'duplicate-element', `<${child.name}> may appear only once in <${node.name}>`);
      }
      if (spec.type === 'object') {
        this.element(child, spec, childPath, [...ancestors, { node, field }]);
      } else {
        if (child.children.length > 0) {
          this.issues.error(this.file, childPath.join('/'), 'bad-value', `<${child.name}> takes a value, not elements`);
          continue;
        }
        if (child.text !== '') this.value(child.text, spec, childPath.join('/'), child.name);
      }
    }
    // Required elements and the conditional rules, for every element the schema lists here.
    for (const [name, spec] of Object.entries(allowed)) {
      const present = node.children.filter((c) => c.name === name);
      const set = present.some((c) => c.text !== '' || c.children.length > 0);
      const rules = spec.when ?? [];
      const mandatoryRules = rules.filter((r) => r.rule === 'mandatory');
      const availableRules = rules.filter((r) => r.rule === 'available');
      const scopes = [...ancestors, { node, field }];
      const mandatory = spec.required || (mandatoryRules.length > 0 && mandatoryRules.every((r) => this.holds(r, scopes)));
      if (mandatory && !set && !(spec.type === 'object' && !spec.required)) {
        const why = spec.required ? 'is required' : `is required when ${describe(mandatoryRules)}`;
        this.issues.error(this.file, `${here}/${name}`, 'missing-element', `<${name}> ${why} in <${node.name}>`);
      }
      if (set && availableRules.length > 0 && !availableRules.every((r) => this.holds(r, scopes))) {
        this.issues.error(this.file, `${here}/${name}`, 'unavailable-element', `<${name}> is only available when ${describe(availableRules)}`);
      }
      if (set && spec.features && spec.default !== present[0]?.text) {
        for (const feature of spec.features) this.result.features.push({ feature, path: `${here}/${name}` });
      }
    }
  }

  private attributes(node: XmlElement, field: SchemaField, here: string, isRoot: boolean): void {
    const allowed = field.attributes ?? {};
    for (const [name, value] of Object.entries(node.attributes)) {
      const spec = allowed[name];
      if (!spec) {
        this.issues.error(this.file, `${here}/@${name}`, 'unknown-attribute', `${name}="${value}" is not an attribute of <${node.name}>`);
        continue;
      }
      this.value(value, spec, `${here}/@${name}`, name);
      if (spec.type === 'scriptid' && !isRoot && value) {
        // Nested objects (fields, deployments, list values, …) can be referenced as root.nested.
        this.result.nested.set(value, node.name);
      }
    }
    for (const [name, spec] of Object.entries(allowed)) {
      if (spec.required && !node.attributes[name]) {
        this.issues.error(this.file, `${here}/@${name}`, 'missing-attribute', `<${node.name}> needs the attribute ${name}`);
      }
    }
  }

  /** Elements an element may hold because the object declares them (script parameters, custom record fields). */
  private customChildren(field: SchemaField): Map<string, XmlElement> {
    const out = new Map<string, XmlElement>();
    if (!field.customChildrenFrom) return out;
    let level = [this.objectRoot];
    for (const step of field.customChildrenFrom.split('/')) level = level.flatMap((e) => e.children.filter((c) => c.name === step));
    for (const declared of level) if (declared.attributes.scriptid) out.set(declared.attributes.scriptid, declared);
    return out;
  }

  /** A value set for a declared custom field (a deployment's parameter, an instance's field). */
  private customValue(node: XmlElement, declaration: XmlElement, path: string): void {
    if (node.children.length > 0) {
      this.issues.error(this.file, path, 'bad-value', `<${node.name}> takes a value, not elements`);
      return;
    }
    if (node.text === '') return;
    const fieldtype = declaration.children.find((c) => c.name === 'fieldtype')?.text ?? 'TEXT';
    if (fieldtype === 'CHECKBOX' && node.text !== 'T' && node.text !== 'F') {
      this.issues.error(this.file, path, 'bad-value', `${node.name} is a checkbox: T or F, not "${node.text}"`);
    } else if ((fieldtype === 'INTEGER' && !/^-?\d+$/.test(node.text)) || ((fieldtype === 'FLOAT' || fieldtype === 'CURRENCY') && !/^-?\d+(\.\d+)?$/.test(node.text))) {
      this.issues.error(this.file, path, 'bad-value', `${node.name} is ${fieldtype}: "${node.text}" is not a number`);
    }
    this.collectReferences(node.text, path, undefined, fieldtype === 'MULTISELECT');
  }

  private value(text: string, spec: SchemaField, path: string, name: string): void {
    switch (spec.type) {
      case 'boolean':
        if (text !== 'T' && text !== 'F') this.issues.error(this.file, path, 'bad-value', `${name} is a boolean: T or F, not "${text}"`);
        return;
      case 'number': {
        if (!/^-?\d+(\.\d+)?$/.test(text)) {
          this.issues.error(this.file, path, 'bad-value', `${name} is a number, not "${text}"`);
          return;
        }
        const n = Number(text);
        if (spec.min !== undefined && n < spec.min) this.issues.error(this.file, path, 'bad-value', `${name} must be at least ${spec.min}, not ${text}`);
        if (spec.max !== undefined && n > spec.max) this.issues.error(this.file, path, 'bad-value', `${name} must be at most ${spec.max}, not ${text}`);
        return;
      }
      case 'enum': {
        const values = this.schema.enums[spec.enum ?? ''];
        if (parseReference(text)) {
          // Oracle's samples reference custom fields where the list holds standard ones (searchcomparefield).
          this.collectReferences(text, path, spec.refTypes, false);
        } else if (values && !values.includes(text)) {
          this.issues.error(this.file, path, 'bad-value', `${name} "${text}" is not one of ${spec.enum} (${preview(values)})`);
        }
        return;
      }
      case 'scriptid': {
        if (!SCRIPTID_CHARS.test(text)) this.issues.error(this.file, path, 'bad-scriptid', `script id "${text}" may hold only lower-case letters, digits and _`);
        if (spec.pattern && !new RegExp(spec.pattern).test(text)) {
          this.issues.error(this.file, path, 'bad-scriptid', `script id "${text}" must match ${spec.pattern}`);
        } else if (!spec.pattern && spec.default && /^cust[a-z]+$/.test(spec.default) && !text.startsWith(spec.default)) {
          this.issues.error(this.file, path, 'bad-scriptid', `script id "${text}" must start with ${spec.default}`);
        }
        if (spec.maxLength !== undefined && text.length > spec.maxLength) {
          this.issues.error(this.file, path, 'too-long', `script id "${text}" is ${text.length} characters; at most ${spec.maxLength}`);
        }
        return;
      }
      default:
        this.stringValue(text, spec, path, name);
    }
  }

  private stringValue(text: string, spec: SchemaField, path: string, name: string): void {
    if (spec.maxLength !== undefined && text.length > spec.maxLength) {
      this.issues.error(this.file, path, 'too-long', `${name} is ${text.length} characters; at most ${spec.maxLength}`);
    }
    if (spec.sdfType === 'filereference') {
      const filePath = /^\[(\/[^\]]+)\]$/.exec(text)?.[1];
      if (!filePath) {
        this.issues.error(this.file, path, 'bad-value', `${name} must be a File Cabinet path in brackets, e.g. [/SuiteApps/com.x/y.js]; got "${text}"`);
      } else {
        this.result.files.push({ file: this.file, path, fileCabinetPath: filePath, mustBeScript: name === 'scriptfile' });
      }
      return;
    }
    const multi = spec.sdfType === 'multi-select list';
    const lists = (spec.valuesFrom ?? []).map((l) => this.schema.enums[l]).filter((l): l is readonly string[] => Array.isArray(l));
    for (const item of multi ? text.split('|').map((s) => s.trim()).filter(Boolean) : [text]) {
      if (parseReference(item)) {
        this.collectReferences(item, path, spec.refTypes, false);
      } else if (lists.length > 0 && !lists.some((l) => l.includes(item))) {
        this.issues.error(this.file, path, 'bad-value', `${name} "${item}" is neither a reference ([scriptid=…]) nor one of ${spec.valuesFrom!.join(' / ')} (${preview(lists.flat())})`);
      }
    }
  }

  private collectReferences(text: string, path: string, refTypes: string[] | undefined, multi: boolean): void {
    for (const item of multi ? text.split('|') : [text]) {
      const ref = parseReference(item);
      if (ref) this.result.references.push({ file: this.file, path, ...ref, ...(refTypes ? { refTypes } : {}) });
    }
  }

  /**
   * Whether a `when` rule's condition holds. The named field is looked up beside the element, then
   * on its ancestors; a field the schema has there but the file leaves out has its default value.
   */
  private holds(rule: WhenRule, scopes: Scope[]): boolean {
    let value = '';
    for (const scope of [...scopes].reverse()) {
      const found = scope.node.children.find((c) => c.name === rule.field);
      const spec = scope.field.children?.[rule.field];
      if (found || spec) {
        value = found?.text || spec?.default || '';
        break;
      }
    }
    const listed = rule.values.includes(value);
    return rule.op === 'eq' ? listed : !listed;
  }
}

interface Scope {
  node: XmlElement;
  field: SchemaField;
}

function label(node: XmlElement): string {
  return node.attributes.scriptid ? `${node.name}[${node.attributes.scriptid}]` : node.name;
}

function describe(rules: WhenRule[]): string {
  return rules
    .map((r) => `${r.field} ${r.op === 'eq' ? 'is' : 'is not'} ${r.values.map((v) => (v === '' ? '(empty)' : v)).join(' or ')}`)
    .join(' and ');
}

function preview(values: readonly string[]): string {
  return values.length <= 12 ? values.join(', ') : `${values.slice(0, 12).join(', ')}, … ${values.length} values`;
}
