// The rule catalog against its sources: the notes' 77 rows, the families that enforce them, the tests
// that show each one, and the README that lists them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog';
import { SHIP_RULE_IDS } from './index';
import { TRACK_RULES } from './track';

const here = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

/** Row ids of rules/fedex-rules.md: <section>.<row> over the tables of sections 0 to 11. */
function noteIds(): string[] {
  const ids: string[] = [];
  let section: string | undefined;
  let row = 0;
  for (const line of here('./fedex-rules.md').split('\n')) {
    const heading = /^## (\d+)\. /.exec(line);
    if (heading) [section, row] = [heading[1], 0];
    else if (line.startsWith('## ')) section = undefined;
    else if (section !== undefined && line.startsWith('| ') && !line.startsWith('| Rule')) ids.push(`${section}.${(row += 1)}`);
  }
  return ids;
}

/** Tests outside ship-rules.test.ts that show a rule, and a string proving it. */
const SHOWN_ELSEWHERE: Record<string, [file: string, needle: string]> = {
  '9.5': ['../oauth.test.ts', 'real/hometech-error-1.json'],
  '10.1': ['../tracking.test.ts', 'TRACKING.TRACKINGNUMBERS.LIMITEXCEEDED'],
  '10.2': ['../tracking.test.ts', 'TRACKING.TRACKINGNUMBER.EMPTY'],
  '10.3': ['../tracking.test.ts', 'TRACKING.TRACKINGNUMBER.NOTFOUND'],
  '10.4': ['./track.test.ts', 'TRACKING.TRACKINGNUMBER.INVALID'],
  '10.6': ['./track.test.ts', 'TRACKING.REFERENCEDATA.INCOMPLETE'],
  '10.7': ['./track.test.ts', 'TRACKING.SHIPDATEEND.FUTURE'],
  '10.8': ['./track.test.ts', 'TRACKING.DATA.NOTUNIQUE'],
  '10.9': ['./track.test.ts', 'Daily transaction quota exceeded'],
};

describe('rule catalog', () => {
  it('has one entry per rule of the notes, in order (77)', () => {
    expect(CATALOG.map((entry) => entry.id)).toEqual(noteIds());
    expect(CATALOG).toHaveLength(77);
  });

  it('lists as enforced, partly or accepted every rule a family checks', () => {
    const status = new Map(CATALOG.map((entry) => [entry.id, entry.status]));
    for (const id of [...SHIP_RULE_IDS, ...TRACK_RULES]) expect(['enforced', 'partly'], id).toContain(status.get(id));
  });

  it('shows every rule the double enforces or accepts in a test', () => {
    const shipTests = here('./ship-rules.test.ts');
    const shown = new Set([...shipTests.matchAll(/rule: '(\d+\.\d+)'/g), ...shipTests.matchAll(/it\('(\d+\.\d+): /g)].map((m) => m[1]));
    for (const entry of CATALOG.filter((e) => e.status === 'enforced' || e.status === 'partly' || e.status === 'accepted')) {
      const elsewhere = SHOWN_ELSEWHERE[entry.id];
      if (elsewhere) expect(here(elsewhere[0]), entry.id).toContain(elsewhere[1]);
      else expect(shown.has(entry.id), `rule ${entry.id} has no test`).toBe(true);
    }
  });

  it('is what the README lists, rule by rule with its status', () => {
    const rows = new Map([...here('../README.md').matchAll(/^\| (\d+\.\d+) \| [^|]+ \| (\w[\w-]*) \|/gm)].map((m) => [m[1], m[2]]));
    expect([...rows.keys()]).toEqual(CATALOG.map((entry) => entry.id));
    for (const entry of CATALOG) expect(rows.get(entry.id), entry.id).toBe(entry.status);
  });
});
