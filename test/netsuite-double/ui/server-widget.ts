// N/ui/serverWidget: the forms, field groups, fields, sublists, buttons and links a Suitelet builds
// (Help: N/ui/serverWidget Module; Form, Field, Sublist object members). The script holds
// script-facing objects; behind them is a plain model (UiForm) that ServerResponse.writePage hands
// to render-page.ts, which turns it into HTML with NetSuite's element ids.
//
// Refused as Oracle documents it: a missing id / label / type / title (SSS_MISSING_REQD_ARGUMENT);
// on a sublist, the field types Sublist.addField does not support (DATETIME, FILE, HELP, INLINEHTML,
// LABEL, LONGTEXT, MULTISELECT, RADIO, RICHTEXT). Refused as the double's assumption (NetSuite's
// reaction is not documented; code names start DOUBLE_): ids that are not lowercase without spaces
// ("must be in lowercase, contain no spaces"), an id used twice, a container that does not exist,
// a sublist value for a field the sublist lacks, and an empty or non-string sublist value (NetSuite
// documents the value as a required string; product code leaves a cell unset instead).
// Governance: none (every member is "Governance: None" in Oracle's pages).
import type { ScriptRunContext } from '../types.js';
import { ioError, scriptFacing } from '../io/errors.js';
import { apiSurface } from '../sandbox/api-surface.js';

const ENUMS = apiSurface('N/ui/serverWidget')?.enums ?? {};
const enumValues = (name: string): Set<string> => new Set(Object.values(ENUMS[name] ?? {}));
const FIELD_TYPES = enumValues('FieldType');
const DISPLAY_TYPES = enumValues('FieldDisplayType');
const LAYOUT_TYPES = enumValues('FieldLayoutType');
const BREAK_TYPES = enumValues('FieldBreakType');
const SUBLIST_TYPES = enumValues('SublistType');
const PAGE_LINK_TYPES = enumValues('FormPageLinkType');
/** Help: Sublist.addField(options), options.type. */
const NOT_ON_SUBLISTS = new Set(['DATETIME', 'FILE', 'HELP', 'INLINEHTML', 'LABEL', 'LONGTEXT', 'MULTISELECT', 'RADIO', 'RICHTEXT']);

export interface UiSelectOption {
  value: string;
  text: string;
  isSelected: boolean;
}

export interface UiField {
  id: string;
  label: string;
  type: string;
  source: string | undefined;
  /** Field group or tab id; undefined: the main section. */
  container: string | undefined;
  displayType: string;
  layoutType: string;
  breakType: string;
  defaultValue: string | undefined;
  linkText: string | undefined;
  helpText: string | undefined;
  isMandatory: boolean;
  maxLength: number | undefined;
  options: UiSelectOption[];
}

export interface UiButton {
  id: string;
  label: string;
  functionName: string | undefined;
  isDisabled: boolean;
  isHidden: boolean;
}

export interface UiFieldGroup {
  id: string;
  label: string;
  tab: string | undefined;
  isCollapsible: boolean;
  isCollapsed: boolean;
  isBorderHidden: boolean;
  isSingleColumn: boolean;
}

export interface UiTab {
  id: string;
  label: string;
  /** The tab a subtab sits in; undefined for a tab. */
  parent: string | undefined;
  helpText: string | undefined;
}

export interface UiSublist {
  id: string;
  label: string;
  type: string;
  tab: string | undefined;
  fields: UiField[];
  /** line → field id → value. */
  lines: Map<number, Map<string, string>>;
  buttons: UiButton[];
  markAllButtons: boolean;
  refreshButton: boolean;
  helpText: string | undefined;
  displayType: string;
}

export interface UiPageLink {
  type: string;
  title: string;
  url: string;
}

export interface UiMessage {
  type: string;
  title: string;
  message: string;
}

export interface UiForm {
  title: string;
  hideNavBar: boolean;
  fields: UiField[];
  groups: UiFieldGroup[];
  tabs: UiTab[];
  sublists: UiSublist[];
  buttons: UiButton[];
  submitButton: UiButton | undefined;
  resetButton: UiButton | undefined;
  pageLinks: UiPageLink[];
  messages: UiMessage[];
  clientScriptModulePath: string | undefined;
  clientScriptFileId: number | undefined;
}

/** The model behind a script-facing Form (for ServerResponse.writePage). */
const forms = new WeakMap<object, UiForm>();

export function formModelOf(value: unknown): UiForm | undefined {
  return typeof value === 'object' && value !== null ? forms.get(value) : undefined;
}

type Options = Record<string, unknown> | undefined | null;

function opts(options: unknown): Options {
  return typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : undefined;
}

function required(options: Options, name: string): string {
  const value = options?.[name];
  if (value === undefined || value === null || value === '') throw ioError('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: ${name}`);
  return String(value);
}

function checkId(id: string, what: string): string {
  if (!/^[a-z0-9_]+$/.test(id)) {
    throw ioError('DOUBLE_INVALID_ID', `${what} id '${id}': Oracle: "The internal ID must be in lowercase, contain no spaces" (letters, digits and _ only). The double refuses what NetSuite's reaction is not documented for.`);
  }
  return id;
}

function oneOf(values: Set<string>, value: unknown, what: string): string {
  const text = String(value ?? '').toUpperCase();
  if (!values.has(text)) throw ioError('SSS_INVALID_TYPE_ARG', `${what}: ${String(value)} is not one of ${[...values].join(', ')}`);
  return text;
}

/** One id per element kind on a form, as NetSuite's page ids would collide otherwise. */
function checkUnique(ids: Set<string>, id: string, what: string): void {
  if (ids.has(id)) throw ioError('DOUBLE_DUPLICATE_ID', `${what} '${id}' is already on the form: every field, sublist, group, tab and button needs its own id`);
  ids.add(id);
}

export function createServerWidgetModule(ctx: ScriptRunContext) {
  const facing = <T extends object>(target: T, what: string): T => scriptFacing(ctx, Object.seal(target), what);

  function buttonObject(button: UiButton): object {
    return facing(
      {
        get id() {
          return button.id;
        },
        get label() {
          return button.label;
        },
        set label(v: string) {
          button.label = String(v);
        },
        get isDisabled() {
          return button.isDisabled;
        },
        set isDisabled(v: boolean) {
          button.isDisabled = v === true;
        },
        get isHidden() {
          return button.isHidden;
        },
        set isHidden(v: boolean) {
          button.isHidden = v === true;
        },
      },
      'serverWidget.Button',
    );
  }

  function fieldObject(field: UiField, onSublist: boolean): object {
    return facing(
      {
        get id() {
          return field.id;
        },
        get type() {
          return field.type;
        },
        get label() {
          return field.label;
        },
        set label(v: string) {
          field.label = String(v);
        },
        get defaultValue() {
          return field.defaultValue ?? '';
        },
        set defaultValue(v: string) {
          if (onSublist) throw ioError('DOUBLE_NOT_IMPLEMENTED', 'not implemented in the test double: defaultValue on a sublist field (set each line with setSublistValue)');
          field.defaultValue = v === undefined || v === null ? undefined : String(v);
        },
        get linkText() {
          return field.linkText ?? '';
        },
        set linkText(v: string) {
          field.linkText = String(v);
        },
        get isMandatory() {
          return field.isMandatory;
        },
        set isMandatory(v: boolean) {
          field.isMandatory = v === true;
        },
        get maxLength() {
          return field.maxLength ?? 0;
        },
        set maxLength(v: number) {
          field.maxLength = Number(v);
        },
        setHelpText(options: unknown) {
          field.helpText = required(opts(options), 'help');
          return this;
        },
        updateDisplayType(options: unknown) {
          field.displayType = oneOf(DISPLAY_TYPES, required(opts(options), 'displayType'), 'displayType');
          return this;
        },
        updateLayoutType(options: unknown) {
          field.layoutType = oneOf(LAYOUT_TYPES, required(opts(options), 'layoutType'), 'layoutType');
          return this;
        },
        updateBreakType(options: unknown) {
          field.breakType = oneOf(BREAK_TYPES, required(opts(options), 'breakType'), 'breakType');
          return this;
        },
        updateDisplaySize() {
          return this; // widths and heights are CSS: not rendered
        },
        addSelectOption(options: unknown) {
          const o = opts(options);
          if (field.type !== 'SELECT' && field.type !== 'MULTISELECT') throw ioError('SSS_INVALID_FIELD_TYPE', `addSelectOption: ${field.id} is a ${field.type} field, not a select`);
          if (field.source) throw ioError('SSS_INVALID_FIELD_TYPE', `addSelectOption: ${field.id} is sourced from ${field.source}; Oracle: "you cannot add additional values" to a sourced select`);
          const value = required(o, 'value');
          const text = o?.text === undefined || o.text === null ? '' : String(o.text);
          field.options.push({ value, text, isSelected: o?.isSelected === true });
        },
        getSelectOptions() {
          return field.options.map((o) => ({ value: o.value, text: o.text }));
        },
      },
      'serverWidget.Field',
    );
  }

  function newField(options: Options, onSublist: boolean): UiField {
    const id = checkId(required(options, 'id'), 'Field');
    const label = required(options, 'label');
    const type = oneOf(FIELD_TYPES, required(options, 'type'), 'type');
    if (onSublist && NOT_ON_SUBLISTS.has(type)) throw ioError('SSS_INVALID_FIELD_TYPE', `Sublist.addField: a ${type} field cannot be a sublist column (Oracle: DATETIME, FILE, HELP, INLINEHTML, LABEL, LONGTEXT, MULTISELECT, RADIO and RICHTEXT are not supported)`);
    const source = options?.source === undefined || options.source === null || options.source === '' ? undefined : String(options.source);
    return {
      id,
      label,
      type,
      source,
      container: undefined,
      displayType: 'NORMAL',
      layoutType: 'NORMAL',
      breakType: 'NONE',
      defaultValue: undefined,
      linkText: undefined,
      helpText: undefined,
      isMandatory: false,
      maxLength: undefined,
      options: [],
    };
  }

  function sublistObject(sublist: UiSublist, ids: Set<string>): object {
    const fieldIds = new Set<string>();
    return facing(
      {
        get id() {
          return sublist.id;
        },
        get label() {
          return sublist.label;
        },
        set label(v: string) {
          sublist.label = String(v);
        },
        get helpText() {
          return sublist.helpText ?? '';
        },
        set helpText(v: string) {
          sublist.helpText = String(v);
        },
        get displayType() {
          return sublist.displayType;
        },
        set displayType(v: string) {
          sublist.displayType = oneOf(enumValues('SublistDisplayType'), v, 'displayType');
        },
        get lineCount() {
          return sublist.lines.size === 0 ? 0 : Math.max(...sublist.lines.keys()) + 1;
        },
        addField(options: unknown) {
          const field = newField(opts(options), true);
          checkUnique(fieldIds, field.id, 'Sublist field');
          sublist.fields.push(field);
          return fieldObject(field, true);
        },
        getField(options: unknown) {
          const id = required(opts(options), 'id');
          const field = sublist.fields.find((f) => f.id === id);
          return field ? fieldObject(field, true) : null;
        },
        setSublistValue(options: unknown) {
          const o = opts(options);
          const id = required(o, 'id');
          const line = o?.line;
          if (line === undefined || line === null || line === '') throw ioError('SSS_MISSING_REQD_ARGUMENT', 'Missing a required argument: line');
          if (!Number.isInteger(Number(line)) || Number(line) < 0) throw ioError('SSS_INVALID_SUBLIST_OPERATION', `line must be 0 or more (got ${String(line)}); the first line is 0`);
          if (!sublist.fields.some((f) => f.id === id)) throw ioError('DOUBLE_UNKNOWN_FIELD', `Sublist ${sublist.id} has no field ${id} (fields: ${sublist.fields.map((f) => f.id).join(', ') || 'none'})`);
          const value = o?.value;
          if (typeof value !== 'string' || value === '') {
            throw ioError('SSS_MISSING_REQD_ARGUMENT', `Missing a required argument: value (Sublist ${sublist.id}, field ${id}, line ${String(line)}: a non-empty string; leave a cell unset instead of setting it empty)`);
          }
          const cells = sublist.lines.get(Number(line)) ?? new Map<string, string>();
          cells.set(id, value);
          sublist.lines.set(Number(line), cells);
        },
        getSublistValue(options: unknown) {
          const o = opts(options);
          const id = required(o, 'id');
          return sublist.lines.get(Number(o?.line))?.get(id) ?? null;
        },
        addButton(options: unknown) {
          const o = opts(options);
          const button: UiButton = { id: checkId(required(o, 'id'), 'Button'), label: required(o, 'label'), functionName: o?.functionName === undefined ? undefined : String(o.functionName), isDisabled: false, isHidden: false };
          checkUnique(ids, button.id, 'Button');
          sublist.buttons.push(button);
          return buttonObject(button);
        },
        addMarkAllButtons() {
          sublist.markAllButtons = true;
        },
        addRefreshButton() {
          sublist.refreshButton = true;
        },
        updateTotallingFieldId() {
          return this;
        },
        updateUniqueFieldId() {
          return this;
        },
      },
      'serverWidget.Sublist',
    );
  }

  function formObject(form: UiForm): object {
    const ids = new Set<string>();
    const containers = (): Set<string> => new Set([...form.groups.map((g) => g.id), ...form.tabs.map((t) => t.id)]);
    const tabIds = (): Set<string> => new Set(form.tabs.map((t) => t.id));
    const object = facing(
      {
        get title() {
          return form.title;
        },
        set title(v: string) {
          form.title = String(v);
        },
        get clientScriptModulePath() {
          return form.clientScriptModulePath ?? '';
        },
        set clientScriptModulePath(v: string) {
          form.clientScriptModulePath = String(v);
        },
        get clientScriptFileId() {
          return form.clientScriptFileId ?? 0;
        },
        set clientScriptFileId(v: number) {
          form.clientScriptFileId = Number(v);
        },
        addField(options: unknown) {
          const o = opts(options);
          const field = newField(o, false);
          const container = o?.container === undefined || o.container === null || o.container === '' ? undefined : String(o.container);
          if (container && !containers().has(container)) throw ioError('DOUBLE_UNKNOWN_CONTAINER', `Field ${field.id}: no field group or tab ${container} on the form (add it first)`);
          field.container = container;
          checkUnique(ids, field.id, 'Field');
          form.fields.push(field);
          return fieldObject(field, false);
        },
        getField(options: unknown) {
          const id = required(opts(options), 'id');
          const field = form.fields.find((f) => f.id === id);
          return field ? fieldObject(field, false) : null;
        },
        addFieldGroup(options: unknown) {
          const o = opts(options);
          const group: UiFieldGroup = { id: checkId(required(o, 'id'), 'Field group'), label: required(o, 'label'), tab: undefined, isCollapsible: false, isCollapsed: false, isBorderHidden: false, isSingleColumn: false };
          const tab = o?.tab === undefined || o.tab === null || o.tab === '' ? undefined : String(o.tab);
          if (tab && !tabIds().has(tab)) throw ioError('DOUBLE_UNKNOWN_CONTAINER', `Field group ${group.id}: no tab ${tab} on the form`);
          group.tab = tab;
          checkUnique(ids, group.id, 'Field group');
          form.groups.push(group);
          const flag = (key: 'isCollapsible' | 'isCollapsed' | 'isBorderHidden' | 'isSingleColumn') => ({
            get: () => group[key],
            set: (v: boolean) => {
              group[key] = v === true;
            },
          });
          const view: Record<string, unknown> = {};
          Object.defineProperty(view, 'label', { get: () => group.label, set: (v: string) => (group.label = String(v)), enumerable: true });
          for (const key of ['isCollapsible', 'isCollapsed', 'isBorderHidden', 'isSingleColumn'] as const) Object.defineProperty(view, key, { ...flag(key), enumerable: true });
          return facing(view, 'serverWidget.FieldGroup');
        },
        addTab(options: unknown) {
          const o = opts(options);
          const tab: UiTab = { id: checkId(required(o, 'id'), 'Tab'), label: required(o, 'label'), parent: undefined, helpText: undefined };
          checkUnique(ids, tab.id, 'Tab');
          form.tabs.push(tab);
          return tabObject(tab);
        },
        addSubtab(options: unknown) {
          const o = opts(options);
          const tab: UiTab = { id: checkId(required(o, 'id'), 'Subtab'), label: required(o, 'label'), parent: undefined, helpText: undefined };
          const parent = o?.tab === undefined || o.tab === null || o.tab === '' ? undefined : String(o.tab);
          if (parent && !tabIds().has(parent)) throw ioError('DOUBLE_UNKNOWN_CONTAINER', `Subtab ${tab.id}: no tab ${parent} on the form`);
          tab.parent = parent;
          checkUnique(ids, tab.id, 'Subtab');
          form.tabs.push(tab);
          return tabObject(tab);
        },
        getTabs() {
          return form.tabs.filter((t) => !t.parent).map((t) => t.id);
        },
        addSublist(options: unknown) {
          const o = opts(options);
          const id = checkId(required(o, 'id'), 'Sublist');
          const label = required(o, 'label');
          const type = oneOf(SUBLIST_TYPES, required(o, 'type'), 'type');
          const tab = o?.tab === undefined || o.tab === null || o.tab === '' ? undefined : String(o.tab);
          if (tab && !tabIds().has(tab)) throw ioError('DOUBLE_UNKNOWN_CONTAINER', `Sublist ${id}: no tab ${tab} on the form`);
          checkUnique(ids, id, 'Sublist');
          const sublist: UiSublist = { id, label, type, tab, fields: [], lines: new Map(), buttons: [], markAllButtons: false, refreshButton: false, helpText: undefined, displayType: 'NORMAL' };
          form.sublists.push(sublist);
          return sublistObject(sublist, ids);
        },
        getSublist(options: unknown) {
          const id = required(opts(options), 'id');
          const sublist = form.sublists.find((s) => s.id === id);
          return sublist ? sublistObject(sublist, ids) : null;
        },
        addButton(options: unknown) {
          const o = opts(options);
          const button: UiButton = { id: checkId(required(o, 'id'), 'Button'), label: required(o, 'label'), functionName: o?.functionName === undefined ? undefined : String(o.functionName), isDisabled: false, isHidden: false };
          checkUnique(ids, button.id, 'Button');
          form.buttons.push(button);
          return buttonObject(button);
        },
        getButton(options: unknown) {
          const id = required(opts(options), 'id');
          const button = [...form.buttons, form.submitButton, form.resetButton].find((b) => b?.id === id);
          return button ? buttonObject(button) : null;
        },
        removeButton(options: unknown) {
          const id = required(opts(options), 'id');
          form.buttons = form.buttons.filter((b) => b.id !== id);
        },
        addSubmitButton(options: unknown) {
          const label = opts(options)?.label;
          // One submit button per form (NetSuite's "submitter"): a second call relabels it.
          form.submitButton = { id: 'submitter', label: label === undefined || label === null || label === '' ? 'Save' : String(label), functionName: undefined, isDisabled: false, isHidden: false };
          return buttonObject(form.submitButton);
        },
        addResetButton(options: unknown) {
          const label = opts(options)?.label;
          form.resetButton = { id: 'resetter', label: label === undefined || label === null || label === '' ? 'Reset' : String(label), functionName: undefined, isDisabled: false, isHidden: false };
          return buttonObject(form.resetButton);
        },
        addPageLink(options: unknown) {
          const o = opts(options);
          const title = required(o, 'title');
          const type = oneOf(PAGE_LINK_TYPES, required(o, 'type'), 'type');
          form.pageLinks.push({ type, title, url: required(o, 'url') });
        },
        addPageInitMessage(options: unknown) {
          const o = opts(options);
          if (!o) throw ioError('WRONG_PARAMETER_TYPE', 'addPageInitMessage: options must be an object');
          const m = opts(o.message) ?? o;
          form.messages.push({ type: String(m.type ?? 'INFORMATION').toUpperCase(), title: String(m.title ?? ''), message: String(m.message ?? '') });
        },
      },
      'serverWidget.Form',
    );
    forms.set(object, form);
    return object;
  }

  function tabObject(tab: UiTab): object {
    return facing(
      {
        get label() {
          return tab.label;
        },
        set label(v: string) {
          tab.label = String(v);
        },
        get helpText() {
          return tab.helpText ?? '';
        },
        set helpText(v: string) {
          tab.helpText = String(v);
        },
      },
      'serverWidget.Tab',
    );
  }

  const module = {
    createForm(options: unknown) {
      const o = opts(options);
      const form: UiForm = {
        title: required(o, 'title'),
        hideNavBar: o?.hideNavBar === true,
        fields: [],
        groups: [],
        tabs: [],
        sublists: [],
        buttons: [],
        submitButton: undefined,
        resetButton: undefined,
        pageLinks: [],
        messages: [],
        clientScriptModulePath: undefined,
        clientScriptFileId: undefined,
      };
      return formObject(form);
    },
  };
  return scriptFacing(ctx, module, 'N/ui/serverWidget', false);
}
