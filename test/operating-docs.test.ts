// docs/operating-the-relay.md cannot drift from the code: its configuration table names every
// setting the relay reads, with the default the config module applies, and its metrics table every
// metric the relay exports, with its type and labels.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELAY_VARIABLES, settingDefaults } from '../relay/src/env';
import { createRelayMetrics } from '../relay/src/lib/metrics';

const doc = readFileSync(resolve(import.meta.dirname, '../docs/operating-the-relay.md'), 'utf8');

/** The rows of the first table under `## <heading>`, each as its cells (backticks kept). */
function tableUnder(heading: string): string[][] {
  const section = doc.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/operating-the-relay.md has no "## ${heading}"`);
  const rows = section.split('\n').filter((l) => l.startsWith('|')).map((l) => l.slice(1, -1).split(' | ').map((c) => c.trim()));
  return rows.slice(2); // header and separator
}
const code = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1];

describe('docs/operating-the-relay.md', () => {
  it('lists every setting the relay reads, once, with the default it applies', () => {
    const rows = tableUnder('Configuration reference');
    const names = rows.map((r) => code(r[0]!));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect([...names].sort()).toEqual([...RELAY_VARIABLES, 'RELAY_ENV_FILE'].sort());
    const defaults = settingDefaults();
    for (const [cell, defaultCell, meaning] of rows) {
      const name = code(cell!)!;
      const expected = defaults[name];
      expect(defaultCell, name).toBe(expected === undefined ? '—' : `\`${String(expected)}\``);
      expect(meaning?.length, name).toBeGreaterThan(10);
    }
  });

  it('lists every metric the relay exports, with its type and labels', async () => {
    const rows = tableUnder('Metrics');
    const documented = new Map(rows.map((r) => [code(r[0]!), { type: r[1], labels: r[2] ?? '' }]));
    const metrics = createRelayMetrics();
    const exported = await metrics.registry.getMetricsAsJSON();
    expect([...documented.keys()].sort()).toEqual(exported.map((m) => m.name).sort());
    for (const metric of exported) {
      const row = documented.get(metric.name)!;
      expect(row.type, metric.name).toBe(metric.type);
      // prom-client keeps each metric's label names on the instance (not in the JSON of an unused one).
      const labelNames = ((metrics.registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] }).labelNames ?? []).slice().sort();
      expect([...row.labels.matchAll(/^`([a-z_]+)`|, `([a-z_]+)`/g)].map((m) => m[1] ?? m[2]).sort(), metric.name).toEqual(labelNames);
    }
  });
});
