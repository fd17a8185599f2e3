// The docs cannot drift from the code: every error code, Shipment status, tracking flag and delivery
// status the connector can write has its entry in docs/troubleshooting.md; every Settings and
// Service Map field of the SDF objects has its row (label, id, default) in docs/configuration.md;
// and every relative link in README.md and docs/*.md points to a file and heading that exist.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/src/errors';
import { SERVICE_MAP, SETTINGS } from '../shared/src/ids';
import { SHIPMENT_STATUSES } from '../shared/src/shipment-lifecycle';
import type { TrackFlag } from '../shared/src/track-plan';
import { CONNECTOR_STATUSES } from '../shared/src/tracking';

const ROOT = resolve(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** TrackFlag is a type only: this list must name every member, or type-checking fails below. */
const TRACK_FLAGS = ['LABEL_UNUSED', 'NOT_FOUND'] as const satisfies readonly TrackFlag[];
type MissingFlag = Exclude<TrackFlag, (typeof TRACK_FLAGS)[number]>;
const everyFlagListed: [MissingFlag] extends [never] ? true : false = true;

/** Markdown without fenced code blocks (links and headings there are examples, not structure). */
function withoutCode(markdown: string): string {
  return markdown.replace(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[^\n]*$/gm, '');
}

interface Heading {
  level: number;
  text: string;
}

function headings(markdown: string): Heading[] {
  return [...withoutCode(markdown).matchAll(/^(#{1,6})\s+(.+?)\s*#*\s*$/gm)].map((m) => ({ level: (m[1] as string).length, text: m[2] as string }));
}

/** GitHub's anchor for a heading: inline markup dropped, lower case, punctuation removed, spaces to hyphens. */
function slug(text: string): string {
  const plain = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<[^>]+>/g, '');
  return plain
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Anchors of a markdown file, with GitHub's -1, -2 … for repeated headings. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings(markdown)) {
    const base = slug(h.text);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The `###` headings under one `##` section of a markdown file. */
function entriesUnder(markdown: string, section: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const h of headings(markdown)) {
    if (h.level <= 2) inside = h.level === 2 && h.text === section;
    else if (inside && h.level === 3) out.push(h.text.replace(/`/g, '').trim());
  }
  return out;
}

/** The lines of one `##` section. */
function sectionText(markdown: string, section: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l === `## ${section}`);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Table rows of a section as cells (header and separator rows left out). */
function tableRows(section: string): string[][] {
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    )
    .slice(1);
}

const troubleshooting = read('docs/troubleshooting.md');
const configuration = read('docs/configuration.md');

describe('docs/troubleshooting.md covers everything the connector writes', () => {
  it('has an entry for every error code of shared/src/errors.ts', () => {
    const documented = entriesUnder(troubleshooting, 'Error codes');
    expect(ERROR_CODES.filter((c) => !documented.includes(c))).toEqual([]);
    expect(documented.filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  it('has an entry for every Shipment status of shared/src/shipment-lifecycle.ts', () => {
    const documented = entriesUnder(troubleshooting, 'Shipment statuses');
    expect(SHIPMENT_STATUSES.filter((s) => !documented.includes(s))).toEqual([]);
    expect(documented.filter((s) => !(SHIPMENT_STATUSES as readonly string[]).includes(s))).toEqual([]);
  });

  it('has an entry for every tracking flag', () => {
    expect(everyFlagListed).toBe(true);
    expect(entriesUnder(troubleshooting, 'Tracking flags').sort()).toEqual([...TRACK_FLAGS].sort());
  });

  it('has a row for every delivery status of shared/src/tracking.ts', () => {
    const rows = tableRows(sectionText(troubleshooting, 'Delivery statuses')).map((r) => (r[0] ?? '').replace(/`/g, ''));
    expect(rows.sort()).toEqual([...CONNECTOR_STATUSES].sort());
  });

  it('has an entry for every code a SuiteScript writes on an Audit record', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(join(ROOT, 'suiteapp/ts'));
    const written = new Set<string>();
    for (const file of files) {
      for (const value of readFileSync(file, 'utf8').matchAll(/errorCode: ([^,}]*)/g)) {
        for (const code of (value[1] as string).matchAll(/'([A-Z][A-Z_]+)'/g)) written.add(code[1] as string);
      }
    }
    // The scan must see the codes it is meant to catch (a broken pattern would pass vacuously).
    expect([...written]).toEqual(expect.arrayContaining(['SHIP_QUEUE_ERRORS', 'POLL_ERRORS', 'ACTION_REFUSED']));
    const documented = [...entriesUnder(troubleshooting, 'Error codes'), ...entriesUnder(troubleshooting, 'Codes on Audit records only')];
    expect([...written].filter((c) => !documented.includes(c))).toEqual([]);
  });
});

interface SdfField {
  scriptid: string;
  label: string;
  fieldtype: string;
  defaultvalue?: string | number;
  defaultchecked?: string;
}

function sdfFields(objectFile: string): SdfField[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, isArray: (name) => name === 'customrecordcustomfield' });
  const doc = parser.parse(read(objectFile)) as { customrecordtype: { customrecordcustomfields: { customrecordcustomfield: SdfField[] } } };
  return doc.customrecordtype.customrecordcustomfields.customrecordcustomfield;
}

describe('docs/configuration.md matches the SDF objects', () => {
  it('lists every Settings field with its label, id and default', () => {
    const fields = sdfFields('suiteapp/src/Objects/customrecord_mlfx_settings.xml');
    const rows = tableRows(sectionText(configuration, 'FedEx Connector Settings'));
    const byId = new Map(rows.map((r) => [(r[1] ?? '').replace(/`/g, ''), r]));
    expect([...byId.keys()].sort()).toEqual(fields.map((f) => f.scriptid).sort());
    expect([...byId.keys()].sort()).toEqual(Object.values(SETTINGS.fields).sort());
    for (const f of fields) {
      const row = byId.get(f.scriptid) as string[];
      expect(row[0], f.scriptid).toBe(f.label);
      const defaultCell = row[2] ?? '';
      if (f.fieldtype === 'CHECKBOX') expect(defaultCell, f.scriptid).toBe(f.defaultchecked === 'T' ? 'checked' : 'unchecked');
      else if (f.defaultvalue !== undefined && String(f.defaultvalue) !== '') expect(defaultCell, f.scriptid).toBe(String(f.defaultvalue));
    }
  });

  it('lists every Service Map field with its label and id', () => {
    const fields = sdfFields('suiteapp/src/Objects/customrecord_mlfx_service_map.xml');
    const rows = tableRows(sectionText(configuration, 'FedEx Service Map'));
    expect(rows.map((r) => [r[0], (r[1] ?? '').replace(/`/g, '')]).sort()).toEqual(fields.map((f) => [f.label, f.scriptid]).sort());
    expect(rows.map((r) => (r[1] ?? '').replace(/`/g, '')).sort()).toEqual(Object.values(SERVICE_MAP.fields).sort());
  });
});

describe('relative links in README.md and docs/*.md', () => {
  const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    const text = withoutCode(read(page)).replace(/`[^`\n]*`/g, '');
    const broken: string[] = [];
    for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1] as string;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
      const [path = '', anchor] = target.split('#', 2);
      const file = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), decodeURI(path));
      if (!existsSync(file)) {
        broken.push(`${target}: no file ${relative(ROOT, file)}`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${relative(ROOT, file)}`);
    }
    expect(broken).toEqual([]);
  });

  it('computes anchors as GitHub does', () => {
    expect(slug("A run's figures")).toBe('a-runs-figures');
    expect(slug('See it work: `npm run demo`')).toBe('see-it-work-npm-run-demo');
    expect(slug('4. Webhooks (optional): the integration record')).toBe('4-webhooks-optional-the-integration-record');
    expect(slug('VOID_REFUSED')).toBe('void_refused');
    expect([...anchors('## A\n\n## A\n')]).toEqual(['a', 'a-1']);
  });
});
