// Renders a serverWidget form (server-widget.ts) as the HTML page a browser gets from
// ServerResponse.writePage. It keeps NetSuite's page structure and element ids, so a test (or a
// person) finds things where they are in NetSuite: the form `main_form` posting back to the
// Suitelet, the submit button `submitter`, a field's label `<id>_fs_lbl` and value `<id>_fs`, a
// field group `fg_<id>`, a sublist table `<id>_splits` with its header row `<id>header` and rows
// `<id>row<n>`, hidden fields as hidden inputs. Not NetSuite's CSS or scripts: a small style sheet
// so a screenshot reads like a NetSuite page, and no client script runs (clientScriptModulePath is
// noted, not executed: buttons with a functionName do nothing in the double).
import type { UiButton, UiField, UiForm, UiSublist } from './server-widget.js';

export interface PageContext {
  /** Where the form posts: the Suitelet's own URL as the browser addressed it. */
  action: string;
  accountId: string;
  /** Who is logged in, for the header ("Dana Dock — FedEx Connector Administrator"). */
  userName: string;
  roleName: string;
  /** Display text of a record (SELECT fields sourced from a record type), when known. */
  recordText?: (source: string, id: string) => string | undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#262626;margin:0;background:#fff}
#div__header{background:#24385b;color:#fff;padding:6px 16px;display:flex;justify-content:space-between;font-size:12px}
.uir-page-title{padding:10px 16px 4px;display:flex;justify-content:space-between;align-items:baseline}
.uir-page-title h1{font-size:22px;font-weight:normal;margin:0;color:#4d5f79}
.uir-crosslinks a{margin-left:12px}
a{color:#255599;text-decoration:none} a.dottedlink{border-bottom:1px dotted #255599}
.uir-alert-box{margin:6px 16px;padding:8px 12px;border-radius:3px;border:1px solid #9bb7d5;background:#eaf2fa}
.uir-alert-box.confirmation{border-color:#8fc98f;background:#eef8ee} .uir-alert-box.error{border-color:#d99;background:#fbeeee} .uir-alert-box.warning{border-color:#e5c07b;background:#fdf6e7}
.uir-alert-box .title{font-weight:bold;margin-bottom:2px}
#main_form{padding:0 16px 16px}
.uir-button-bar{margin:6px 0}
input.rndbuttoninpt{background:#e5e5e5;border:1px solid #b2b2b2;border-radius:3px;padding:3px 12px;font-size:13px;margin-right:6px;cursor:pointer}
input.rndbuttoninpt.pgBntB{background:#dfe9f5;border-color:#7d9cc2;font-weight:bold}
.uir-field-group{margin:8px 0 6px}
.fgroup_title{font-size:13px;font-weight:bold;color:#4d5f79;border-bottom:1px solid #cbd5e1;padding:2px 0;margin-bottom:4px}
.uir-field-wrapper{display:inline-block;vertical-align:top;min-width:170px;margin:2px 24px 4px 0}
.uir-label{display:block;font-size:11px;color:#6f6f6f;text-transform:uppercase}
.uir-field{display:block;padding-top:1px}
.uir-machine-table-container{margin:10px 0}
.uir-list-header{font-size:13px;font-weight:bold;color:#4d5f79;margin-bottom:3px}
.uir-list-help{font-size:11px;color:#6f6f6f;margin-bottom:3px}
table.listtable{border-collapse:collapse;width:100%}
tr.uir-machine-headerrow td{background:#e5ecf5;color:#4d5f79;font-size:11px;text-transform:uppercase;padding:4px 6px;border-bottom:1px solid #cbd5e1;text-align:left}
tr.uir-machine-row td{padding:3px 6px;border-bottom:1px solid #eee;vertical-align:top}
tr.uir-machine-row-even td{background:#f7f9fc}
.uir-tab{margin-top:14px} .uir-tab h2{font-size:14px;color:#4d5f79;border-bottom:2px solid #4d5f79;display:table;margin:0 0 6px}
.uir-inline-html{margin:4px 0}
`;

function attr(value: string): string {
  return escapeHtml(value);
}

function button(b: UiButton, prefix: string, kind: 'submit' | 'reset' | 'button'): string {
  if (b.isHidden) return '';
  const id = `${prefix}${b.id}`;
  const extra = b.functionName ? ` data-function="${attr(b.functionName)}"` : '';
  const cls = kind === 'submit' ? 'rndbuttoninpt pgBntB' : 'rndbuttoninpt';
  return `<input type="${kind}" id="${attr(id)}" name="${attr(id)}" value="${attr(b.label)}" class="${cls}"${b.isDisabled ? ' disabled' : ''}${extra}>`;
}

function buttonBar(form: UiForm, prefix: string): string {
  const buttons = [
    form.submitButton ? button(form.submitButton, prefix, 'submit') : '',
    ...form.buttons.map((b) => button(b, prefix, 'button')),
    form.resetButton ? button(form.resetButton, prefix, 'reset') : '',
  ].join('');
  if (!buttons) return '';
  return `<table id="tbl_${prefix || 'main'}_buttons" class="uir-button-bar"><tr><td>${buttons}</td></tr></table>`;
}

/** A value shown as text (INLINE, READONLY, a sublist cell of a static list). */
function displayValue(field: UiField, value: string | undefined, ctx: PageContext): string {
  if (value === undefined || value === '') return '';
  switch (field.type) {
    case 'URL':
      return `<a class="dottedlink" href="${attr(value)}">${escapeHtml(field.linkText || value)}</a>`;
    case 'CHECKBOX':
      return value === 'T' ? 'Yes' : 'No';
    case 'SELECT': {
      const option = field.options.find((o) => o.value === value);
      if (option) return escapeHtml(option.text);
      return escapeHtml((field.source && ctx.recordText?.(field.source, value)) || value);
    }
    case 'INLINEHTML':
      return value;
    default:
      return escapeHtml(value).replace(/\n/g, '<br>');
  }
}

/** An input the user can change (NORMAL, ENTRY, DISABLED). */
function inputFor(field: UiField, name: string, value: string | undefined, disabled: boolean): string {
  const common = `name="${attr(name)}" id="${attr(name)}"${disabled ? ' disabled' : ''}${field.isMandatory ? ' required' : ''}`;
  const v = value ?? '';
  switch (field.type) {
    case 'CHECKBOX':
      return `<input type="checkbox" ${common} value="T"${v === 'T' ? ' checked' : ''}>`;
    case 'SELECT': {
      const options = field.options.map((o) => `<option value="${attr(o.value)}"${(v ? o.value === v : o.isSelected) ? ' selected' : ''}>${escapeHtml(o.text)}</option>`).join('');
      return `<select ${common}>${options}</select>`;
    }
    case 'TEXTAREA':
    case 'LONGTEXT':
    case 'RICHTEXT':
      return `<textarea ${common}>${escapeHtml(v)}</textarea>`;
    case 'PASSWORD':
      return `<input type="password" ${common} value="">`;
    default:
      return `<input type="text" ${common} value="${attr(v)}"${field.maxLength ? ` maxlength="${field.maxLength}"` : ''}>`;
  }
}

function bodyField(field: UiField, ctx: PageContext): string {
  const value = field.defaultValue;
  if (field.displayType === 'NODISPLAY') return '';
  if (field.displayType === 'HIDDEN') return `<input type="hidden" name="${attr(field.id)}" id="${attr(field.id)}" value="${attr(value ?? '')}">`;
  if (field.type === 'INLINEHTML') return `<div class="uir-inline-html" id="${attr(field.id)}_val">${value ?? ''}</div>`;
  const label = field.type === 'LABEL' ? '' : `<span id="${attr(field.id)}_fs_lbl" class="smalltextnolink uir-label"${field.helpText ? ` title="${attr(field.helpText)}"` : ''}>${escapeHtml(field.label)}</span>`;
  const readOnly = field.displayType === 'INLINE' || field.displayType === 'READONLY' || field.type === 'HELP' || field.type === 'LABEL';
  const shown = readOnly ? displayValue(field, value, ctx) : inputFor(field, field.id, value, field.displayType === 'DISABLED');
  return `<div class="uir-field-wrapper" data-field-type="${field.type.toLowerCase()}">${label}<span id="${attr(field.id)}_fs" class="uir-field${readOnly ? ' inputreadonly' : ''}">${shown}</span></div>`;
}

function sublistHtml(sublist: UiSublist, ctx: PageContext): string {
  if (sublist.displayType === 'HIDDEN') return '';
  const columns = sublist.fields.filter((f) => f.displayType !== 'HIDDEN' && f.displayType !== 'NODISPLAY');
  const hidden = sublist.fields.filter((f) => f.displayType === 'HIDDEN');
  const head = columns.map((f) => `<td class="listheadertd" data-label="${attr(f.id)}">${escapeHtml(f.label)}</td>`).join('');
  const count = sublist.lines.size === 0 ? 0 : Math.max(...sublist.lines.keys()) + 1;
  // LIST and the editors keep fields editable unless made INLINE; STATICLIST shows everything as text.
  const editable = (f: UiField) => sublist.type !== 'STATICLIST' && (f.displayType === 'NORMAL' || f.displayType === 'ENTRY' || f.displayType === 'DISABLED');
  const rows: string[] = [];
  for (let line = 0; line < count; line++) {
    const cells = sublist.lines.get(line) ?? new Map<string, string>();
    const tds = columns
      .map((f) => {
        const value = cells.get(f.id);
        const name = `${f.id}_${line + 1}`; // NetSuite names line inputs <field>_<line, from 1>
        const shown = editable(f) ? inputFor(f, name, value, f.displayType === 'DISABLED') : displayValue(f, value, ctx);
        return `<td class="listtext" data-label="${attr(f.id)}">${shown}</td>`;
      })
      .join('');
    const hiddenInputs = hidden.map((f) => `<input type="hidden" name="${attr(`${f.id}_${line + 1}`)}" value="${attr(cells.get(f.id) ?? '')}">`).join('');
    rows.push(`<tr class="uir-machine-row uir-machine-row-${line % 2 === 0 ? 'odd' : 'even'}" id="${attr(sublist.id)}row${line}">${tds}${hiddenInputs ? `<td hidden>${hiddenInputs}</td>` : ''}</tr>`);
  }
  if (count === 0) rows.push(`<tr class="uir-machine-row uir-no-rows" id="${attr(sublist.id)}row_none"><td class="listtext" colspan="${Math.max(columns.length, 1)}">No records to show.</td></tr>`);
  const buttons = [
    ...(sublist.markAllButtons ? [`<input type="button" id="${attr(sublist.id)}markall" value="Mark All" class="rndbuttoninpt">`, `<input type="button" id="${attr(sublist.id)}unmarkall" value="Unmark All" class="rndbuttoninpt">`] : []),
    ...(sublist.refreshButton ? [`<input type="button" id="${attr(sublist.id)}refresh" value="Refresh" class="rndbuttoninpt">`] : []),
    ...sublist.buttons.map((b) => button(b, '', 'button')),
  ].join('');
  return (
    `<div class="uir-machine-table-container" id="${attr(sublist.id)}_layer" data-sublist-type="${sublist.type.toLowerCase()}">` +
    `<div class="uir-list-header" id="${attr(sublist.id)}_header_label">${escapeHtml(sublist.label)}</div>` +
    (sublist.helpText ? `<div class="uir-list-help">${escapeHtml(sublist.helpText)}</div>` : '') +
    (buttons ? `<div class="uir-machine-button-row">${buttons}</div>` : '') +
    `<table id="${attr(sublist.id)}_splits" class="listtable uir-list-table"><tr class="uir-machine-headerrow" id="${attr(sublist.id)}header">${head}</tr>${rows.join('')}</table>` +
    `</div>`
  );
}

function groupHtml(form: UiForm, groupId: string, ctx: PageContext): string {
  const group = form.groups.find((g) => g.id === groupId)!;
  const fields = form.fields.filter((f) => f.container === groupId).map((f) => bodyField(f, ctx)).join('');
  const title = group.isBorderHidden ? '' : `<div class="fgroup_title">${escapeHtml(group.label)}</div>`;
  return `<div class="uir-field-group" id="fg_${attr(group.id)}">${title}<div class="uir-fieldgroup-content">${fields}</div></div>`;
}

/** What sits in a tab (undefined: the main section): its fields, field groups, sublists and subtabs. */
function section(form: UiForm, tab: string | undefined, ctx: PageContext): string {
  const parts: string[] = [form.fields.filter((f) => f.container === tab).map((f) => bodyField(f, ctx)).join('')];
  for (const group of form.groups.filter((g) => g.tab === tab)) parts.push(groupHtml(form, group.id, ctx));
  for (const sublist of form.sublists.filter((s) => s.tab === tab)) parts.push(sublistHtml(sublist, ctx));
  for (const sub of form.tabs.filter((t) => t.parent === tab)) {
    const inner = section(form, sub.id, ctx);
    if (!inner) continue; // Oracle: a subtab with nothing in it does not appear
    parts.push(`<div class="uir-tab" id="${attr(sub.id)}_pane"><h2 id="${attr(sub.id)}txt">${escapeHtml(sub.label)}</h2>${sub.helpText ? `<div class="uir-list-help">${escapeHtml(sub.helpText)}</div>` : ''}${inner}</div>`);
  }
  return parts.join('');
}

export function renderForm(form: UiForm, ctx: PageContext): string {
  const crosslinks = form.pageLinks.filter((l) => l.type === 'CROSSLINK').map((l) => `<a href="${attr(l.url)}">${escapeHtml(l.title)}</a>`).join('');
  const breadcrumbs = form.pageLinks.filter((l) => l.type === 'BREADCRUMB').map((l) => `<a href="${attr(l.url)}">${escapeHtml(l.title)}</a>`).join(' › ');
  const messages = form.messages
    .map((m, i) => `<div class="uir-alert-box ${attr(m.type.toLowerCase())}" id="div__alert${i === 0 ? '' : i}" role="status" data-type="${attr(m.type)}"><div class="title">${escapeHtml(m.title)}</div><div class="descr">${escapeHtml(m.message)}</div></div>`)
    .join('');
  const header = form.hideNavBar ? '' : `<div id="div__header"><span class="uir-account">NetSuite (test double) · ${escapeHtml(ctx.accountId)}</span><span id="div__user" class="uir-user">${escapeHtml(ctx.userName)} — ${escapeHtml(ctx.roleName)}</span></div>`;
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(form.title)} - NetSuite</title><style>${STYLE}</style></head>` +
    `<body class="uir-suitelet">${header}` +
    (breadcrumbs ? `<div class="uir-breadcrumbs">${breadcrumbs}</div>` : '') +
    `<div class="uir-page-title"><div class="uir-page-title-firstline"><h1 class="uir-record-type">${escapeHtml(form.title)}</h1></div><div class="uir-crosslinks">${crosslinks}</div></div>` +
    messages +
    `<form id="main_form" name="main_form" method="POST" action="${attr(ctx.action)}" enctype="application/x-www-form-urlencoded"${form.clientScriptModulePath ? ` data-client-script="${attr(form.clientScriptModulePath)}"` : ''}>` +
    buttonBar(form, '') +
    section(form, undefined, ctx) +
    buttonBar(form, 'secondary') +
    `</form></body></html>`
  );
}
